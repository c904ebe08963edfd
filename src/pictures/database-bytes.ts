// Pictures' bytes kept in the database itself (the server build): a backup of the one SQLite file holds every
// picture with the digests that show it (docs/decisions/008-pictures.md).
import type { Database } from '../db/client';
import { findPictureBytes } from '../db/pictures';
import type { PictureBytes } from './picture-types';

export function databasePictureBytes(db: Database): PictureBytes {
  return {
    inDatabase: true,
    // Stored with their rows (db/pictures.ts storePicture), and emptied there when taken down.
    put: async () => {},
    delete: async () => {},
    async get(name) {
      return findPictureBytes(db, name);
    },
  };
}
