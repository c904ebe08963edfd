// The desk's look at a post's pictures before the district has copied one. A coordinator's browser never
// loads a picture from a teacher's site (which would tell that site who is looking, and when, and which a
// page served over HTTPS could not show at all when the site is plain HTTP): the server fetches it through
// the guarded fetcher (private addresses refused, size and time capped, each redirect checked) and sends a
// small WebP where the runtime makes one cheaply (sharp on a server, the Images binding on Workers), or else
// the original as it came if it is a JPEG, PNG, GIF or WebP of a modest size. What was sent is kept in memory
// for an hour, the most recently used first, so a desk opened all morning fetches each picture once an hour.
// A slow or hostile feed, or host, holds at most two of the fetches at once, so other schools' pictures still
// come.
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
/** A desk look waits this long for a site at most; the copy made when a picture is chosen waits longer. */
export const LOOK_DEADLINE_MS = 10_000;
/** Pictures kept, at most, however small. */
const MAX_KEPT = 2000;
/** A picture is fetched again after this long, in case the teacher changed it at its address. */
const KEPT_MS = 60 * 60_000;
/** Addresses that could not be fetched are not asked for again for this long, and this many are remembered. */
const FAILURE_KEPT_MS = 60_000;
const MAX_FAILURES = 500;
/** An original passed on as it came (no maker) is at most this large; a larger one is not shown. */
export const MAX_PASSED_ON_BYTES = 5 * 1024 * 1024;
/** Fetches at once, in all, and to one site; looks waiting beyond MAX_WAITING are answered with the frame. */
const AT_ONCE = 4;
const AT_ONCE_PER_SITE = 2;
const MAX_WAITING = 64;

/** What a look that found too many waiting answers; it is not remembered, so the next look tries again. */
export const BUSY = 'Too many pictures are being fetched at once; this one is shown on the next look.';

/** Where the desk shows picture `url` of item `itemId`: only a post's own pictures are fetched there. */
export function deskPictureAddress(itemId: number, url: string): string {
  return `/admin/inbox/pictures/${itemId}?url=${encodeURIComponent(url)}`;
}

export function createDeskPictures(deps: DeskPictureDeps, options: DeskPictureOptions = {}) {
  const keptBytes = options.keptBytes ?? 16 * 1024 * 1024;
  const kept = new Map<string, { picture: Thumbnail; at: number }>();
  let total = 0;
  const failed = new Map<string, { error: string; at: number }>();
  const pending = new Map<string, Promise<DeskPicture>>();

  const keep = (url: string, picture: DeskPicture) => {
    if ('error' in picture) {
      if (picture.error === BUSY) return;
      failed.delete(url);
      failed.set(url, { error: picture.error, at: deps.now() });
      if (failed.size > MAX_FAILURES) failed.delete(failed.keys().next().value!);
      return;
    }
    forget(url);
    kept.set(url, { picture, at: deps.now() });
    total += picture.bytes.byteLength;
    for (const [oldest, entry] of kept) {
      if (total <= keptBytes && kept.size <= MAX_KEPT) break;
      kept.delete(oldest);
      total -= entry.picture.bytes.byteLength;
    }
  };
  const forget = (url: string) => {
    const entry = kept.get(url);
    if (!entry) return;
    kept.delete(url);
    total -= entry.picture.bytes.byteLength;
  };

  // Turns to fetch: at most AT_ONCE in all, and AT_ONCE_PER_SITE for the post's feed and for the host named
  // (several schools' blogs may live on one district server). A finished fetch hands its turn straight to the
  // first waiting look that has room, so no newcomer slips in between.
  const running = new Map<string, number>();
  let runningTotal = 0;
  const waiting: { keys: string[]; start: () => void }[] = [];
  const hasRoom = (keys: string[]) =>
    runningTotal < AT_ONCE && keys.every((key) => (running.get(key) ?? 0) < AT_ONCE_PER_SITE);
  const begin = (keys: string[]) => {
    runningTotal++;
    for (const key of keys) running.set(key, (running.get(key) ?? 0) + 1);
  };
  const end = (keys: string[]) => {
    runningTotal--;
    for (const key of keys) {
      const left = running.get(key)! - 1;
      if (left) running.set(key, left);
      else running.delete(key);
    }
    const next = waiting.findIndex((w) => hasRoom(w.keys));
    if (next !== -1) {
      const [turn] = waiting.splice(next, 1);
      begin(turn!.keys);
      turn!.start();
    }
  };
  const inTurn = async (keys: string[], work: () => Promise<DeskPicture>): Promise<DeskPicture> => {
    if (hasRoom(keys)) begin(keys);
    else if (waiting.length >= MAX_WAITING) return { error: BUSY };
    else await new Promise<void>((start) => waiting.push({ keys, start }));
    try {
      return await work();
    } finally {
      end(keys);
    }
  };

  const fetchOne = async (url: string): Promise<DeskPicture> => {
    const fetched = await deps.fetcher.fetch({ url, deadlineMs: LOOK_DEADLINE_MS });
    if (fetched.status !== 'fetched')
      return {
        error: fetched.status === 'failed' ? fetched.message : 'The site answered without the picture.',
      };
    if (deps.maker?.thumbnail) return deps.maker.thumbnail(fetched.body, THUMBNAIL_SIDE);
    const type = pictureTypeOf(fetched.body);
    if (!type) return { error: 'The file is not a JPEG, PNG, GIF or WebP picture.' };
    if (fetched.body.byteLength > MAX_PASSED_ON_BYTES)
      return { error: 'The picture is too large to show at the desk before it is copied.' };
    return { type, bytes: fetched.body };
  };

  return {
    /**
     * The picture at `url` for the desk, or why there is none; never throws. `feed` names whose picture it is
     * (the route passes the post's source): one feed cannot take every turn, whatever hosts its pictures name,
     * nor can one host, whichever feeds name it.
     */
    get(url: string, feed?: string): Promise<DeskPicture> {
      const now = deps.now();
      const entry = kept.get(url);
      if (entry && now - entry.at < KEPT_MS) {
        kept.delete(url); // most recently used goes last
        kept.set(url, entry);
        return Promise.resolve(entry.picture);
      }
      const failure = failed.get(url);
      if (failure && now - failure.at < FAILURE_KEPT_MS) return Promise.resolve({ error: failure.error });
      let asked = pending.get(url);
      if (!asked) {
        const keys = feed === undefined ? [`host ${siteOf(url)}`] : [`feed ${feed}`, `host ${siteOf(url)}`];
        asked = inTurn(keys, () => fetchOne(url))
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

/** The host an address names, which shares the fetches one site may hold. */
function siteOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
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
