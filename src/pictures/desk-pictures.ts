// The desk's look at a post's pictures before the district has copied one. A coordinator's browser never
// loads a picture from a teacher's site (which would tell that site who is looking, and when, and which a
// page served over HTTPS could not show at all when the site is plain HTTP): the server fetches it through
// the guarded fetcher (private addresses refused, size and time capped, each redirect checked) and sends a
// small WebP where the runtime makes one cheaply (sharp, on a server), or else the original as it came if it
// is a JPEG, PNG, GIF or WebP (Workers). What was sent is kept in memory, the most recently used first, so a
// desk opened all morning fetches each picture once.
import type { FeedFetcher } from '../ingest/fetcher';
import type { Logger } from '../log';
import type { PictureMaker, Thumbnail } from './picture-types';

export type DeskPicture = Thumbnail | { error: string };

export interface DeskPictureDeps {
  /** The fetcher made for pictures (subject 'picture', the picture size cap). */
  fetcher: FeedFetcher;
  /** Makes the small WebP when it can; without one, originals are passed on. */
  maker?: Pick<PictureMaker, 'thumbnail'>;
  log: Logger;
  now(): number;
}

export interface DeskPictureOptions {
  /** Bytes of pictures kept in memory, at most. */
  keptBytes?: number;
}

/** The desk shows pictures at most 160 CSS pixels across: twice that, for sharp screens. */
export const THUMBNAIL_SIDE = 320;
/** An original larger than this is passed on but not kept. */
const MAX_KEPT_PICTURE = 1024 * 1024;
/** Pictures (and failures) kept, at most, whatever their size. */
const MAX_KEPT = 2000;
/** A picture that could not be fetched is not asked for again for this long. */
const FAILURE_KEPT_MS = 60_000;
/** Pictures fetched at once; a desk of sixty asks for them six at a time, and the rest wait their turn. */
const AT_ONCE = 3;

/** Where the desk shows picture `url` of item `itemId`: only a post's own pictures are fetched there. */
export function deskPictureAddress(itemId: number, url: string): string {
  return `/admin/inbox/pictures/${itemId}?url=${encodeURIComponent(url)}`;
}

export function createDeskPictures(deps: DeskPictureDeps, options: DeskPictureOptions = {}) {
  const keptBytes = options.keptBytes ?? 16 * 1024 * 1024;
  const kept = new Map<string, { picture: DeskPicture; size: number; at: number }>();
  let total = 0;
  const pending = new Map<string, Promise<DeskPicture>>();
  let running = 0;
  const waiting: (() => void)[] = [];

  const keep = (url: string, picture: DeskPicture) => {
    const size = 'bytes' in picture ? picture.bytes.byteLength : 0;
    if (size > MAX_KEPT_PICTURE) return;
    forget(url);
    kept.set(url, { picture, size, at: deps.now() });
    total += size;
    for (const [oldest, entry] of kept) {
      if (total <= keptBytes && kept.size <= MAX_KEPT) break;
      kept.delete(oldest);
      total -= entry.size;
    }
  };
  const forget = (url: string) => {
    const entry = kept.get(url);
    if (!entry) return;
    kept.delete(url);
    total -= entry.size;
  };

  const turn = async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await work();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };

  const fetchOne = async (url: string): Promise<DeskPicture> => {
    const fetched = await deps.fetcher.fetch({ url });
    if (fetched.status !== 'fetched')
      return {
        error: fetched.status === 'failed' ? fetched.message : 'The site answered without the picture.',
      };
    if (deps.maker?.thumbnail) return deps.maker.thumbnail(fetched.body, THUMBNAIL_SIDE);
    const type = pictureTypeOf(fetched.body);
    if (!type) return { error: 'The file is not a JPEG, PNG, GIF or WebP picture.' };
    return { type, bytes: fetched.body };
  };

  return {
    /** The picture at `url` for the desk, or why there is none; never throws. */
    get(url: string): Promise<DeskPicture> {
      const entry = kept.get(url);
      if (entry && ('bytes' in entry.picture || deps.now() - entry.at < FAILURE_KEPT_MS)) {
        kept.delete(url); // most recently used goes last
        kept.set(url, entry);
        return Promise.resolve(entry.picture);
      }
      let asked = pending.get(url);
      if (!asked) {
        asked = turn(() => fetchOne(url))
          .catch((error: unknown) => {
            deps.log.error('a picture for the desk could not be made', { url, error: String(error) });
            return { error: 'The picture could not be read.' };
          })
          .then((picture) => {
            keep(url, picture);
            return picture;
          })
          .finally(() => pending.delete(url));
        pending.set(url, asked);
      }
      return asked;
    },
  };
}

/** A picture's type by its first bytes, for the four formats every browser shows; anything else undefined. */
export function pictureTypeOf(bytes: Uint8Array): Thumbnail['type'] | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}
