// Copy at selection: when a picture becomes part of a digest entry, Yesterday fetches it through the guarded
// fetcher (deadline, size cap, no private addresses, checked redirects), makes clean sizes and keeps them. A
// picture that cannot be copied is recorded with the reason, which the desk shows as a finding.
import {
  findPictures,
  findStoredPictures,
  isRemovedKey,
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
 * What one of the sizes made looks like (picture-looks.ts), or null when it cannot be read: the copy is kept
 * either way; it is only not compared with pictures taken down.
 */
async function looksOfFile(
  deps: Omit<CopyDeps, 'pictures'> & { pictures: PictureDeps },
  bytes: Uint8Array | undefined,
): Promise<string | null> {
  if (!bytes) return null;
  try {
    return looksOf(await deps.pictures.maker.pixels(bytes)) ?? null;
  } catch (error) {
    deps.log.error('what a picture looks like could not be read', { error: String(error) });
    return null;
  }
}

/** Takes the copy of the picture at `url` down everywhere (see removePicture); false if there is none. */
export async function takeDownPicture(
  deps: Omit<CopyDeps, 'pictures'> & { pictures?: PictureDeps },
  url: string,
  actor: Actor,
  details: Record<string, unknown>,
): Promise<boolean> {
  const picture = (await findPictures(deps.db, [url])).get(url);
  if (!picture?.key) return false;
  // A copy made before its looks were kept has them read now, from its bytes, before they go: the same photo
  // chosen again at another size is then found too.
  let looks = picture.looks;
  if (!looks && picture.state === 'ready' && deps.pictures) {
    const file = looksFile((await findStoredPictures(deps.db, [url])).get(url)?.files ?? []);
    if (file)
      looks = await looksOfFile(
        { ...deps, pictures: deps.pictures },
        await deps.pictures.bytes.get(file.name),
      );
  }
  const names = await removePicture(deps.db, picture.key, actor, { url, ...details }, deps.now(), looks);
  if (deps.pictures && !deps.pictures.bytes.inDatabase) await deps.pictures.bytes.delete(names);
  return true;
}
