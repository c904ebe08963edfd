// Storage for the district's copies of pictures (schema.ts: pictures, picture_files).
import { and, eq, getTableColumns, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { MadePicture, PictureFile } from '../pictures/picture-types';
import { auditStatement, type Actor } from './audit';
import type { Database } from './client';
import { inList } from './in-list';
import { auditLog, digestEntries, digests, pictureFiles, pictures } from './schema';
import { touchPublicStatement } from './site-state';

export type Picture = typeof pictures.$inferSelect;
export type StoredFile = Omit<typeof pictureFiles.$inferSelect, 'bytes'>;

/** A size's columns but its bytes: what is known of a file without reading it. */
const { bytes: _bytes, ...fileColumns } = getTableColumns(pictureFiles);

/** A ready copy with the sizes it is served in. */
export interface StoredPicture {
  key: string;
  width: number;
  height: number;
  files: StoredFile[];
  /** What it looks like (pictures/picture-looks.ts), when that was read. */
  looks: string | null;
  /** When the copy was made. */
  copiedAt: number;
}

export async function findPictures(db: Database, urls: string[]): Promise<Map<string, Picture>> {
  if (!urls.length) return new Map();
  const rows = await db.orm.select().from(pictures).where(inList(pictures.sourceUrl, urls)).all();
  return new Map(rows.map((row) => [row.sourceUrl, row]));
}

/** The ready copies of these addresses, with their sizes. */
export async function findStoredPictures(db: Database, urls: string[]): Promise<Map<string, StoredPicture>> {
  const rows = [...(await findPictures(db, urls)).values()].filter((p) => p.state === 'ready' && p.key);
  const keys = [...new Set(rows.map((p) => p.key!))];
  if (!keys.length) return new Map();
  const files = await db.orm
    .select(fileColumns)
    .from(pictureFiles)
    .where(and(inList(pictureFiles.key, keys), isNull(pictureFiles.removedAt)))
    .all();
  const stored = new Map<string, StoredPicture>();
  for (const row of rows) {
    const own = files.filter((f) => f.key === row.key).sort((a, b) => a.width - b.width);
    if (own.length)
      stored.set(row.sourceUrl, {
        key: row.key!,
        width: row.width!,
        height: row.height!,
        files: own,
        looks: row.looks,
        copiedAt: row.fetchedAt,
      });
  }
  return stored;
}

/**
 * Records a copy made from `url`: its sizes (with their bytes when they live in the database) and the picture
 * row, in one batch. A copy of the same bytes made earlier from another address keeps its files; a copy that
 * was taken down stays down (the address is recorded as removed).
 */
export async function storePicture(
  db: Database,
  url: string,
  made: MadePicture,
  bytesInDatabase: boolean,
  now: number,
  looks: string | null = null,
): Promise<void> {
  const removedBefore = await removedAtOf(db, made.key);
  const state = removedBefore ? ('removed' as const) : ('ready' as const);
  const row = {
    sourceUrl: url,
    state,
    reason: null,
    key: made.key,
    width: made.width,
    height: made.height,
    fetchedAt: now,
    removedAt: removedBefore ?? null,
    // An address of a copy already taken down is compared through the rows of that takedown, if at all: one
    // taken down with its post keeps no looks, and this one must not give it some.
    looks: removedBefore ? null : looks,
  };
  await db.batch([
    ...(removedBefore
      ? []
      : made.files.map((file) =>
          db.orm
            .insert(pictureFiles)
            .values(fileRow(made.key, file, bytesInDatabase))
            .onConflictDoNothing(),
        )),
    db.orm.insert(pictures).values(row).onConflictDoUpdate({ target: pictures.sourceUrl, set: row }),
    touchPublicStatement(db),
  ]);
}

/** When the copy named `key` was taken down, if it was. */
async function removedAtOf(db: Database, key: string): Promise<number | undefined> {
  const row = await db.orm
    .select({ at: pictureFiles.removedAt })
    .from(pictureFiles)
    .where(and(eq(pictureFiles.key, key), sql`${pictureFiles.removedAt} is not null`))
    .get();
  return row?.at ?? undefined;
}

/**
 * Every post of a published digest still showing a picture, with what its copy looks like: a takedown finds
 * the same photo at another size among them (curate/desk.ts).
 */
export async function listPublishedPictureLooks(
  db: Database,
): Promise<{ date: string; itemId: number; key: string; looks: string }[]> {
  const rows = await db.orm
    .select({ date: digests.date, itemId: digestEntries.itemId, key: pictures.key, looks: pictures.looks })
    .from(digestEntries)
    .innerJoin(digests, eq(digests.id, digestEntries.digestId))
    .innerJoin(pictures, eq(pictures.sourceUrl, digestEntries.imageUrl))
    .where(
      and(
        eq(digests.status, 'published'),
        isNull(digestEntries.removedAt),
        isNull(digestEntries.pictureRemovedAt),
        eq(pictures.state, 'ready'),
        isNotNull(pictures.looks),
        sql`${pictures.looks} <> ''`,
      ),
    )
    .orderBy(digests.date, digestEntries.itemId)
    .all();
  return rows.map((row) => ({ date: row.date, itemId: row.itemId, key: row.key!, looks: row.looks! }));
}

/**
 * The post a copy was taken down from for what it shows (the audit log's picture takedown), by its digest's
 * date and headline, if it is still known.
 */
export async function findTakedownPost(
  db: Database,
  key: string,
): Promise<{ date: string; headline: string } | undefined> {
  const row = await db.orm
    .select({ details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'picture.takedown'), eq(auditLog.subjectId, key)))
    .orderBy(auditLog.at)
    .get();
  let post: { date?: unknown; itemId?: unknown } = {};
  try {
    post = JSON.parse(row?.details ?? '{}') as typeof post;
  } catch {
    return undefined;
  }
  if (typeof post.date !== 'string' || typeof post.itemId !== 'number') return undefined;
  const entry = await db.orm
    .select({ headline: digestEntries.headline })
    .from(digestEntries)
    .innerJoin(digests, eq(digests.id, digestEntries.digestId))
    .where(and(eq(digests.date, post.date), eq(digestEntries.itemId, post.itemId)))
    .get();
  return entry ? { date: post.date, headline: entry.headline } : undefined;
}

/** Up to `limit` ready copies whose looks were never read (made before they were kept). */
export async function listKeysWithoutLooks(db: Database, limit: number): Promise<string[]> {
  const rows = await db.orm
    .selectDistinct({ key: pictures.key })
    .from(pictures)
    .where(and(eq(pictures.state, 'ready'), isNull(pictures.looks), isNotNull(pictures.key)))
    .limit(limit)
    .all();
  return rows.map((row) => row.key!);
}

/** Records the looks read for every address of the copy named `key` that has none yet. */
export async function storeLooks(db: Database, key: string, looks: string): Promise<void> {
  await db.orm
    .update(pictures)
    .set({ looks })
    .where(and(eq(pictures.key, key), isNull(pictures.looks)));
}

/** The sizes kept of the copy named `key` (without their bytes), taken down or not. */
export async function listPictureFiles(db: Database, key: string): Promise<StoredFile[]> {
  return db.orm.select(fileColumns).from(pictureFiles).where(eq(pictureFiles.key, key)).all();
}

/**
 * Each copy taken down for what it shows (whose looks were kept): its key, when it was taken down and what it
 * looked like.
 */
export async function listTakenDownLooks(
  db: Database,
): Promise<{ key: string; removedAt: number; looks: string }[]> {
  const rows = await db.orm
    .select({ key: pictures.key, removedAt: sql<number>`min(${pictures.removedAt})`, looks: pictures.looks })
    .from(pictures)
    .where(and(eq(pictures.state, 'removed'), isNotNull(pictures.looks), sql`${pictures.looks} <> ''`))
    .groupBy(pictures.key, pictures.looks)
    .all();
  return rows.map((row) => ({ key: row.key!, removedAt: row.removedAt, looks: row.looks! }));
}

export async function isRemovedKey(db: Database, key: string): Promise<boolean> {
  return (await removedAtOf(db, key)) !== undefined;
}

function fileRow(key: string, file: PictureFile, bytesInDatabase: boolean) {
  return {
    name: file.name,
    key,
    purpose: file.purpose,
    type: file.type,
    width: file.width,
    height: file.height,
    size: file.bytes.byteLength,
    bytes: bytesInDatabase
      ? Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength)
      : null,
  };
}

/** Records why the picture at `url` could not be copied (it is tried again at the next save). */
export async function storePictureFailure(db: Database, url: string, reason: string, now: number) {
  const row = { sourceUrl: url, state: 'failed' as const, reason, key: null, fetchedAt: now };
  await db.orm
    .insert(pictures)
    .values(row)
    .onConflictDoUpdate({ target: pictures.sourceUrl, set: row, where: sql`${pictures.state} = 'failed'` });
}

/** A size by its name, without its bytes (a conditional request is answered without reading them). */
export async function findPictureFile(db: Database, name: string): Promise<StoredFile | undefined> {
  return db.orm.select(fileColumns).from(pictureFiles).where(eq(pictureFiles.name, name)).get();
}

/** The bytes of a size kept in the database (the server build), if it has them. */
export async function findPictureBytes(db: Database, name: string): Promise<Uint8Array | undefined> {
  const row = await db.orm
    .select({ bytes: pictureFiles.bytes })
    .from(pictureFiles)
    .where(eq(pictureFiles.name, name))
    .get();
  return row?.bytes ?? undefined;
}

/**
 * Takes a copy down everywhere: every size loses its bytes and answers 410 from now on, every address it was
 * copied from is marked removed, and the audit log says who and why. Returns the names of the sizes, so bytes
 * kept elsewhere (R2) can be deleted too.
 */
export async function removePicture(
  db: Database,
  key: string,
  actor: Actor,
  details: Record<string, unknown>,
  now: number,
  /**
   * What the copy looks like, kept to find the same photo at another size (read from its bytes before they go
   * if it was not kept when it was made); null forgets it (taken down with its post, not for what it shows).
   */
  looks: string | null,
): Promise<string[]> {
  const names = await db.orm
    .select({ name: pictureFiles.name })
    .from(pictureFiles)
    .where(eq(pictureFiles.key, key))
    .all();
  await db.batch([
    db.orm
      .update(pictureFiles)
      .set({ bytes: null, removedAt: now })
      .where(and(eq(pictureFiles.key, key), isNull(pictureFiles.removedAt))),
    db.orm
      .update(pictures)
      .set({ state: 'removed', removedAt: now, looks })
      .where(and(eq(pictures.key, key), isNull(pictures.removedAt))),
    auditStatement(
      db,
      actor,
      { action: 'picture.takedown', subjectType: 'picture', subjectId: key, details },
      now,
    ),
    // Every entry still up that showed this copy (the same photo in another post, another day) now shows
    // none: feeds say each changed, not only the one taken down.
    db.orm
      .update(digestEntries)
      .set({ pictureRemovedAt: now })
      .where(
        and(
          isNull(digestEntries.removedAt),
          isNotNull(digestEntries.imageUrl),
          inArray(
            digestEntries.imageUrl,
            db.orm.select({ url: pictures.sourceUrl }).from(pictures).where(eq(pictures.key, key)),
          ),
        ),
      ),
    touchPublicStatement(db),
  ]);
  return names.map((n) => n.name);
}

/** Each entry with the ready copy of its picture, if there is one. */
export async function withPictures<T extends { imageUrl: string | null }>(
  db: Database,
  entries: T[],
): Promise<(T & { picture?: StoredPicture })[]> {
  const urls = entries.flatMap((e) => (e.imageUrl ? [e.imageUrl] : []));
  const stored = await findStoredPictures(db, urls);
  return entries.map((e) => {
    const picture = e.imageUrl ? stored.get(e.imageUrl) : undefined;
    return picture ? { ...e, picture } : e;
  });
}

/**
 * Addresses of pictures in published digests (entries still up) that were never copied: digests published
 * before Yesterday kept copies, which show no picture until housekeeping copies them.
 */
export async function listUncopiedPublishedPictures(db: Database, limit: number): Promise<string[]> {
  const rows = await db.orm
    .selectDistinct({ url: digestEntries.imageUrl })
    .from(digestEntries)
    .innerJoin(digests, eq(digests.id, digestEntries.digestId))
    .leftJoin(pictures, eq(pictures.sourceUrl, digestEntries.imageUrl))
    .where(
      and(
        eq(digests.status, 'published'),
        isNull(digestEntries.removedAt),
        isNotNull(digestEntries.imageUrl),
        isNull(pictures.id),
      ),
    )
    .limit(limit)
    .all();
  return rows.map((r) => r.url!);
}

/**
 * For each entry of this digest whose picture is still shown, the other entries of published digests that
 * show the same copy (the same photo in another post, or on another day): taking it down takes it from them
 * too.
 */
export async function listEntriesSharingPictures(
  db: Database,
  digestId: number,
): Promise<{ itemId: number; digestId: number; otherItemId: number; date: string }[]> {
  const mine = alias(pictures, 'mine');
  const theirs = alias(pictures, 'theirs');
  const other = alias(digestEntries, 'other');
  return db.orm
    .select({
      itemId: digestEntries.itemId,
      digestId: other.digestId,
      otherItemId: other.itemId,
      date: digests.date,
    })
    .from(digestEntries)
    .innerJoin(mine, eq(mine.sourceUrl, digestEntries.imageUrl))
    .innerJoin(theirs, eq(theirs.key, mine.key))
    .innerJoin(other, eq(other.imageUrl, theirs.sourceUrl))
    .innerJoin(digests, eq(digests.id, other.digestId))
    .where(
      and(
        eq(digestEntries.digestId, digestId),
        isNull(digestEntries.removedAt),
        isNull(digestEntries.pictureRemovedAt),
        isNull(mine.removedAt),
        isNull(other.removedAt),
        isNull(other.pictureRemovedAt),
        eq(digests.status, 'published'),
        sql`not (${other.digestId} = ${digestEntries.digestId} and ${other.itemId} = ${digestEntries.itemId})`,
      ),
    )
    .orderBy(digests.date, other.itemId)
    .all();
}
