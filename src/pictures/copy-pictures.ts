// Copy at selection: when a picture becomes part of a digest entry, Yesterday fetches it through the guarded
// fetcher (deadline, size cap, no private addresses, checked redirects), makes clean sizes and keeps them. A
// picture that cannot be copied is recorded with the reason, which the desk shows as a finding.
import {
  findPictures,
  isRemovedKey,
  listKeysWithoutLooks,
  listPictureFiles,
  storeLooks,
  removePicture,
  storePicture,
  storePictureFailure,
} from '../db/pictures';
import type { Actor } from '../db/audit';
import type { Database } from '../db/client';
import type { FeedFetcher } from '../ingest/fetcher';
import type { Logger } from '../log';
import { looksOf } from './picture-looks';
import { looksFile, type PictureBytes, type PictureMaker } from './picture-types';

export interface PictureDeps {
  /** A fetcher made for pictures (subject 'picture', the picture size cap). */
  fetcher: FeedFetcher;
  maker: PictureMaker;
  bytes: PictureBytes;
}

interface CopyDeps {
  db: Database;
  pictures: PictureDeps;
  now(): number;
  log: Logger;
}

/** A copy that failed is tried again at a save at least this long after the last try, not at every autosave. */
const RETRY_AFTER_MS = 30_000;

/** Pictures copied at once; the rest wait their turn. */
const AT_ONCE = 3;

/**
 * Copies every address not copied yet, or whose last try failed a while ago; answers how many it tried.
 * Addresses already copied, and copies taken down, are left as they are.
 */
export async function copyPictures(deps: CopyDeps, urls: readonly string[]): Promise<number> {
  const wanted = [...new Set(urls)];
  if (!wanted.length) return 0;
  const known = await findPictures(deps.db, wanted);
  const todo = wanted.filter((url) => {
    const picture = known.get(url);
    return !picture || (picture.state === 'failed' && deps.now() - picture.fetchedAt >= RETRY_AFTER_MS);
  });
  let next = 0;
  const worker = async () => {
    while (next < todo.length) await copyOne(deps, todo[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, todo.length) }, worker));
  return todo.length;
}

/** One picture; whatever goes wrong is recorded as its failure, never thrown into the save that asked. */
async function copyOne(deps: CopyDeps, url: string): Promise<void> {
  try {
    await fetchAndKeep(deps, url);
  } catch (error) {
    deps.log.error('a picture could not be copied', { url, error: String(error) });
    await storePictureFailure(
      deps.db,
      url,
      'Yesterday could not keep a copy because of an internal error (the server log says which). Save again to retry, or choose another picture.',
      deps.now(),
    ).catch(() => {});
  }
}

async function fetchAndKeep(deps: CopyDeps, url: string): Promise<void> {
  const fetched = await deps.pictures.fetcher.fetch({ url });
  if (fetched.status !== 'fetched') {
    const reason =
      fetched.status === 'failed' ? fetched.message : 'The site answered without the picture (HTTP 304).';
    return storePictureFailure(deps.db, url, reason, deps.now());
  }
  const made = await deps.pictures.maker.make(fetched.body);
  if ('error' in made) return storePictureFailure(deps.db, url, made.error, deps.now());
  const { bytes } = deps.pictures;
  // A copy taken down stays down: its bytes are not stored again anywhere.
  if (!bytes.inDatabase && !(await isRemovedKey(deps.db, made.key)))
    for (const file of made.files) await bytes.put(file);
  const looks = await looksOfFile(deps, looksFile(made.files)?.bytes);
  await storePicture(deps.db, url, made, bytes.inDatabase, deps.now(), looks);
  deps.log.info('picture copied', { url, key: made.key, files: made.files.length });
}

/**
 * What one of the sizes made looks like (picture-looks.ts), or '' when there is nothing to compare (a picture
 * too even, or one whose size could not be read): the copy is kept either way, and is only not compared with
 * pictures taken down. '' is not read again; null (pictures.looks) means never read.
 */
async function looksOfFile(
  deps: Omit<CopyDeps, 'pictures'> & { pictures: PictureDeps },
  bytes: Uint8Array | undefined,
): Promise<string> {
  if (!bytes) return '';
  try {
    return looksOf(await deps.pictures.maker.pixels(bytes)) ?? '';
  } catch (error) {
    deps.log.error('what a picture looks like could not be read', { error: String(error) });
    return '';
  }
}

/** The looks of the copy named `key`, read from its smallest web size as kept ('' when there is none). */
async function looksOfKept(
  deps: Omit<CopyDeps, 'pictures'> & { pictures: PictureDeps },
  key: string,
): Promise<string> {
  const file = looksFile(await listPictureFiles(deps.db, key));
  return file ? looksOfFile(deps, await deps.pictures.bytes.get(file.name)) : '';
}

/** Copies read at a time by fillMissingLooks. */
const LOOKS_AT_ONCE = 100;

/**
 * Reads the looks of copies made before they were kept (housekeeping, a hundred at a time), so that a takedown
 * names the published posts that show the same photo, and a copy chosen again is compared, whatever its age.
 * Answers how many it read.
 */
export async function fillMissingLooks(deps: Omit<CopyDeps, 'pictures'> & { pictures: PictureDeps }) {
  const keys = await listKeysWithoutLooks(deps.db, LOOKS_AT_ONCE);
  for (const key of keys) {
    let looks = '';
    try {
      looks = await looksOfKept(deps, key);
    } catch (error) {
      deps.log.error('what a kept picture looks like could not be read', { key, error: String(error) });
    }
    await storeLooks(deps.db, key, looks);
  }
  return keys.length;
}

/**
 * The looks of a copy about to be taken down. A copy made before looks were kept (or made while they could not
 * be read) has them read now, from its bytes, before they go. Whatever fails here, the takedown goes on.
 */
async function looksBeforeTakedown(
  deps: Omit<CopyDeps, 'pictures'> & { pictures?: PictureDeps },
  url: string,
  picture: { looks: string | null; state: string; key: string | null },
): Promise<string | null> {
  if (picture.looks !== null || picture.state !== 'ready' || !picture.key || !deps.pictures)
    return picture.looks;
  try {
    return await looksOfKept({ ...deps, pictures: deps.pictures }, picture.key);
  } catch (error) {
    deps.log.error('what a picture taken down looks like could not be read', { url, error: String(error) });
    return null;
  }
}

/**
 * Takes the copy of the picture at `url` down everywhere (see removePicture); false if there is none. Taken
 * down for what it shows (`about` 'picture'), its looks are kept, so that the same photo at another size is
 * found when it is chosen again; taken down with its post or its digest, only its bytes stay refused: the post
 * may have gone for its words, and its picture may be a class's banner that every later post shows.
 */
export async function takeDownPicture(
  deps: Omit<CopyDeps, 'pictures'> & { pictures?: PictureDeps },
  url: string,
  actor: Actor,
  details: Record<string, unknown>,
  about: 'picture' | 'post' | 'digest',
): Promise<boolean> {
  const picture = (await findPictures(deps.db, [url])).get(url);
  if (!picture?.key) return false;
  const looks = about === 'picture' ? await looksBeforeTakedown(deps, url, picture) : null;
  const names = await removePicture(deps.db, picture.key, actor, { url, ...details }, deps.now(), looks);
  if (deps.pictures && !deps.pictures.bytes.inDatabase) await deps.pictures.bytes.delete(names);
  return true;
}
