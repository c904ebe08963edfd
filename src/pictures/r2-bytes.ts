// Pictures' bytes in an R2 bucket (Workers: the MEDIA binding); the database keeps their rows only.
import type { PictureBytes } from './picture-types';

/** The part of R2's binding used here. */
export interface R2Like {
  put(
    key: string,
    value: Uint8Array,
    options?: { httpMetadata?: { contentType?: string; cacheControl?: string } },
  ): Promise<unknown>;
  get(key: string): Promise<{ arrayBuffer(): Promise<ArrayBuffer> } | null>;
  delete(keys: string | string[]): Promise<void>;
}

export function r2PictureBytes(bucket: R2Like): PictureBytes {
  return {
    inDatabase: false,
    async put(file) {
      await bucket.put(file.name, file.bytes, { httpMetadata: { contentType: file.type } });
    },
    async get(name) {
      const object = await bucket.get(name);
      return object ? new Uint8Array(await object.arrayBuffer()) : undefined;
    },
    async delete(names) {
      // R2 deletes up to 1,000 keys per call; a picture has at most a handful.
      for (let i = 0; i < names.length; i += 1000) await bucket.delete(names.slice(i, i + 1000));
    },
  };
}
