// Copy at selection: when a picture becomes part of a digest entry, Yesterday fetches it through the guarded
// fetcher (deadline, size cap, no private addresses, checked redirects), makes clean sizes and keeps them. A
// picture that cannot be copied is recorded with the reason, which the desk shows as a finding.
import { findPictures, removePicture, storePicture, storePictureFailure } from '../db/pictures';
import type { Actor } from '../db/audit';
import type { Database } from '../db/client';
import type { FeedFetcher } from '../ingest/fetcher';
import type { Logger } from '../log';
import type { PictureBytes, PictureMaker } from './picture-types';

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

/** Pictures copied at once; the rest wait their turn. */
const AT_ONCE = 3;

/**
 * Copies every address not copied yet (or whose last try failed). Addresses already copied, and copies taken
 * down, are left as they are.
 */
export async function copyPictures(deps: CopyDeps, urls: readonly string[]): Promise<void> {
  const wanted = [...new Set(urls)];
  if (!wanted.length) return;
  const known = await findPictures(deps.db, wanted);
  const todo = wanted.filter(
    (url) => known.get(url)?.state === undefined || known.get(url)?.state === 'failed',
  );
  let next = 0;
  const worker = async () => {
    while (next < todo.length) await copyOne(deps, todo[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, todo.length) }, worker));
}

async function copyOne(deps: CopyDeps, url: string): Promise<void> {
  const fetched = await deps.pictures.fetcher.fetch({ url });
  if (fetched.status !== 'fetched') {
    const reason =
      fetched.status === 'failed' ? fetched.message : 'The site answered without the picture (HTTP 304).';
    return storePictureFailure(deps.db, url, reason, deps.now());
  }
  const made = await deps.pictures.maker.make(fetched.body);
  if ('error' in made) return storePictureFailure(deps.db, url, made.error, deps.now());
  const { bytes } = deps.pictures;
  if (!bytes.inDatabase) for (const file of made.files) await bytes.put(file);
  await storePicture(deps.db, url, made, bytes.inDatabase, deps.now());
  deps.log.info('picture copied', { url, key: made.key, files: made.files.length });
}

/** Takes the copy of the picture at `url` down everywhere (see removePicture); false if there is none. */
export async function takeDownPicture(
  deps: CopyDeps,
  url: string,
  actor: Actor,
  details: Record<string, unknown>,
): Promise<boolean> {
  const picture = (await findPictures(deps.db, [url])).get(url);
  if (!picture?.key) return false;
  const names = await removePicture(deps.db, picture.key, actor, { url, ...details }, deps.now());
  if (!deps.pictures.bytes.inDatabase) await deps.pictures.bytes.delete(names);
  return true;
}
