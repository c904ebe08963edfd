// Storage for owner notes: which owners a published digest features, which feeds are broken or recovered,
// the notes queued (each at most once, by its key) and the owners who asked for no more.
import { and, eq, gte, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import { inList } from './in-list';
import type { Database, Statement } from './client';
import { insertSelect } from './insert-select';
import { digestEntries, digests, items, messages, ownerOptOuts, schools, sources } from './schema';

export const ownerKeyOf = (email: string) => email.trim().toLowerCase();

/** When this owner asked for no more notes, if they did. */
export async function optedOutAt(db: Database, email: string): Promise<number | undefined> {
  const row = await db.orm
    .select({ at: ownerOptOuts.at })
    .from(ownerOptOuts)
    .where(eq(ownerOptOuts.emailKey, ownerKeyOf(email)))
    .get();
  return row?.at;
}

export async function hasOptedOut(db: Database, email: string): Promise<boolean> {
  return (await optedOutAt(db, email)) !== undefined;
}

/** Takes back an owner's stop; answers false when there was none. */
export async function removeOptOut(db: Database, email: string): Promise<boolean> {
  const rows = await db.orm
    .delete(ownerOptOuts)
    .where(eq(ownerOptOuts.emailKey, ownerKeyOf(email)))
    .returning({ key: ownerOptOuts.emailKey });
  return rows.length > 0;
}

/** Records that this owner wants no more notes; answers false when they had already said so. */
export async function recordOptOut(db: Database, email: string, now: number): Promise<boolean> {
  const rows = await db.orm
    .insert(ownerOptOuts)
    .values({ emailKey: ownerKeyOf(email), at: now })
    .onConflictDoNothing()
    .returning({ key: ownerOptOuts.emailKey });
  return rows.length > 0;
}

/** Owner addresses of the posts each digest published since `since` still carries, one row per digest and owner. */
export async function listFeaturedOwners(
  db: Database,
  since: number,
): Promise<{ digestId: number; sourceId: number; ownerEmail: string }[]> {
  const rows = await db.orm
    .selectDistinct({ digestId: digests.id, sourceId: sources.id, ownerEmail: sources.ownerEmail })
    .from(digestEntries)
    .innerJoin(digests, eq(digests.id, digestEntries.digestId))
    .innerJoin(items, eq(items.id, digestEntries.itemId))
    .innerJoin(sources, eq(sources.id, items.sourceId))
    .where(
      and(
        eq(digests.status, 'published'),
        gte(digests.publishedAt, since),
        isNull(digestEntries.removedAt),
        isNotNull(sources.ownerEmail),
        sql`${sources.ownerEmail} <> ''`,
      ),
    );
  return rows.map((row) => ({ ...row, ownerEmail: row.ownerEmail! }));
}

/** The posts of this owner a published digest still carries (taken-down posts are not), with their links. */
export async function listOwnerFeaturedPosts(
  db: Database,
  digestId: number,
  ownerEmail: string,
): Promise<{ headline: string; url: string | null; sourceTitle: string | null; school: string }[]> {
  return db.orm
    .select({
      headline: digestEntries.headline,
      url: items.url,
      sourceTitle: sources.title,
      school: schools.name,
    })
    .from(digestEntries)
    .innerJoin(digests, eq(digests.id, digestEntries.digestId))
    .innerJoin(items, eq(items.id, digestEntries.itemId))
    .innerJoin(sources, eq(sources.id, items.sourceId))
    .innerJoin(schools, eq(schools.id, sources.schoolId))
    .where(
      and(
        eq(digestEntries.digestId, digestId),
        eq(digests.status, 'published'),
        isNull(digestEntries.removedAt),
        sql`lower(${sources.ownerEmail}) = ${ownerKeyOf(ownerEmail)}`,
      ),
    )
    .orderBy(digestEntries.position);
}

/** What an owner's address is compared by, in SQL alone (`welcomed_owner` holds it so; see migration 0035). */
const ownerKeySql = sql`lower(trim(${sources.ownerEmail}))`;

/**
 * Authorized sources with an owner not welcomed yet: a source added or just authorized, or one whose owner's
 * address changed. (Owners of the sources there before welcomes were added count as welcomed: migration 0035.)
 */
export async function listOwnersToWelcome(db: Database): Promise<{ id: number; ownerEmail: string }[]> {
  const rows = await db.orm
    .select({ id: sources.id, ownerEmail: sources.ownerEmail })
    .from(sources)
    .where(
      and(
        eq(sources.authorization, 'authorized'),
        isNotNull(sources.ownerEmail),
        sql`trim(${sources.ownerEmail}) <> ''`,
        or(isNull(sources.welcomedOwner), sql`${sources.welcomedOwner} <> ${ownerKeySql}`),
      ),
    )
    .orderBy(sources.id);
  return rows.map((row) => ({ id: row.id, ownerEmail: row.ownerEmail! }));
}

/**
 * Records the source's owner as welcomed (or passed over): its address as it is now, if it is still `email`
 * (an address changed meanwhile is welcomed at the next round).
 */
export async function markOwnerWelcomed(db: Database, sourceId: number, email: string): Promise<void> {
  await db.orm
    .update(sources)
    .set({ welcomedOwner: ownerKeySql })
    .where(and(eq(sources.id, sourceId), eq(sources.ownerEmail, email)));
}

export interface OwnerNote {
  kind:
    | 'owner-welcome'
    | 'owner-featured'
    | 'owner-broken'
    | 'owner-recovered'
    | 'owner-taken-down'
    | 'owner-picture-taken-down'
    | 'review-notice';
  toAddress: string;
  sourceId: number;
  digestId?: number;
  /** A takedown note: the post, and what the coordinator wrote to its owner (if anything). */
  itemId?: number;
  note?: string | null;
  /** The same key queues nothing a second time, whichever process (or restart) tries. */
  onceKey: string;
}

/** Queues the note unless one with its key was queued before; answers whether this call queued it. */
export async function queueOwnerNote(db: Database, note: OwnerNote, now: number): Promise<boolean> {
  const rows = await db.orm
    .insert(messages)
    .values({ ...note, digestId: note.digestId ?? null, queuedAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning({ id: messages.id });
  return rows.length > 0;
}

/** The owner of each post's feed, by post, for the posts whose feed has one, with when they stopped emails. */
export async function listPostOwners(
  db: Database,
  itemIds: number[],
): Promise<Map<number, { email: string; stoppedAt: number | undefined; sourceId: number }>> {
  if (itemIds.length === 0) return new Map();
  const rows = await db.orm
    .select({ itemId: items.id, sourceId: sources.id, email: sources.ownerEmail })
    .from(items)
    .innerJoin(sources, eq(sources.id, items.sourceId))
    .where(and(inList(items.id, itemIds), isNotNull(sources.ownerEmail), sql`${sources.ownerEmail} <> ''`));
  const keys = [...new Set(rows.map((row) => ownerKeyOf(row.email!)))];
  const stopped = new Map(
    keys.length === 0
      ? []
      : (
          await db.orm
            .select({ key: ownerOptOuts.emailKey, at: ownerOptOuts.at })
            .from(ownerOptOuts)
            .where(inList(ownerOptOuts.emailKey, keys))
        ).map((row) => [row.key, row.at]),
  );
  return new Map(
    rows.map((row) => [
      row.itemId,
      { email: row.email!, stoppedAt: stopped.get(ownerKeyOf(row.email!)), sourceId: row.sourceId },
    ]),
  );
}

/** A post as a digest carried it, taken down since or not: what its owner's takedown note names. */
export async function findDigestPost(
  db: Database,
  digestId: number,
  itemId: number,
): Promise<{ headline: string; url: string | null; date: string; school: string } | undefined> {
  return db.orm
    .select({ headline: digestEntries.headline, url: items.url, date: digests.date, school: schools.name })
    .from(digestEntries)
    .innerJoin(digests, eq(digests.id, digestEntries.digestId))
    .innerJoin(items, eq(items.id, digestEntries.itemId))
    .innerJoin(sources, eq(sources.id, items.sourceId))
    .innerJoin(schools, eq(schools.id, sources.schoolId))
    .where(and(eq(digestEntries.digestId, digestId), eq(digestEntries.itemId, itemId)))
    .get();
}

/** Sources with an owner failing since at least `failingSince` whose owner has not been told (nor in a week). */
export async function listNewlyBrokenSources(
  db: Database,
  failingSince: number,
  toldBefore: number,
): Promise<{ id: number; ownerEmail: string; since: number }[]> {
  const since = sql<number>`coalesce(${sources.lastSuccessAt}, ${sources.createdAt})`;
  const rows = await db.orm
    .select({ id: sources.id, ownerEmail: sources.ownerEmail, since })
    .from(sources)
    .where(
      and(
        eq(sources.authorization, 'authorized'),
        sql`${sources.errorCount} > 0`,
        lte(since, failingSince),
        eq(sources.brokenNoticeOpen, false),
        or(isNull(sources.brokenNoticeAt), lte(sources.brokenNoticeAt, toldBefore)),
        isNotNull(sources.ownerEmail),
        sql`${sources.ownerEmail} <> ''`,
      ),
    );
  return rows.map((row) => ({ ...row, ownerEmail: row.ownerEmail! }));
}

/** Sources whose owner was told they broke and that have been read successfully since. */
export async function listRecoveredSources(
  db: Database,
): Promise<{ id: number; ownerEmail: string | null; toldAt: number }[]> {
  const rows = await db.orm
    .select({ id: sources.id, ownerEmail: sources.ownerEmail, toldAt: sources.brokenNoticeAt })
    .from(sources)
    .where(
      and(
        eq(sources.brokenNoticeOpen, true),
        eq(sources.errorCount, 0),
        sql`${sources.lastSuccessAt} > coalesce(${sources.brokenNoticeAt}, 0)`,
      ),
    );
  return rows.map((row) => ({ ...row, toldAt: row.toldAt ?? 0 }));
}

/**
 * Opens (broken) or closes (recovered) a source's broken-feed notice, queueing the note in the same batch and
 * only if the notice was in the other state when the batch runs: two schedulers queue one note, not two.
 * With no address to write to (`note` undefined) only the state moves.
 */
export async function moveBrokenNotice(
  db: Database,
  id: number,
  open: boolean,
  note: OwnerNote | undefined,
  now: number,
): Promise<void> {
  const was = and(eq(sources.id, id), eq(sources.brokenNoticeOpen, !open));
  const statements: Statement[] = [];
  if (note)
    statements.push(
      ...insertSelect(
        db,
        messages,
        [{ ...note, queuedAt: now, updatedAt: now }],
        { from: sources, where: was },
        { ignoreConflicts: true },
      ),
    );
  statements.push(
    db.orm
      .update(sources)
      .set(open ? { brokenNoticeOpen: true, brokenNoticeAt: now } : { brokenNoticeOpen: false })
      .where(was),
  );
  await db.batch(statements);
}
