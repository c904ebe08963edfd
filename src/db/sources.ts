// Storage for sources: the authorized teacher and classroom feeds, with their fetch state and health.
import {
  and,
  asc,
  count,
  countDistinct,
  eq,
  gt,
  inArray,
  isNull,
  lte,
  ne,
  notExists,
  or,
  sql,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { sortByName } from '../text/names-order';
import type { Database, Statement } from './client';
import { auditStatementWhere, type Actor } from './audit';
import { selectionOf } from './insert-select';
import { inList } from './in-list';
import { digestEntries, findingOverrides, items, schools, sources } from './schema';

export type Source = typeof sources.$inferSelect;
export type SourceWithSchool = Source & { schoolName: string; schoolSlug: string };

const withSchool = {
  source: sources,
  schoolName: schools.name,
  schoolSlug: schools.slug,
};

function flatten(row: { source: Source; schoolName: string; schoolSlug: string }): SourceWithSchool {
  return { ...row.source, schoolName: row.schoolName, schoolSlug: row.schoolSlug };
}

export async function listSources(db: Database): Promise<SourceWithSchool[]> {
  const rows = await db.orm
    .select(withSchool)
    .from(sources)
    .innerJoin(schools, eq(schools.id, sources.schoolId))
    .orderBy(asc(schools.name), asc(sources.feedUrl));
  return sortByName(rows.map(flatten), (source) => source.schoolName);
}

export async function countSources(db: Database): Promise<number> {
  const row = await db.orm.select({ n: count() }).from(sources).get();
  return row?.n ?? 0;
}

export async function findSource(db: Database, id: number): Promise<SourceWithSchool | undefined> {
  const row = await db.orm
    .select(withSchool)
    .from(sources)
    .innerJoin(schools, eq(schools.id, sources.schoolId))
    .where(eq(sources.id, id))
    .get();
  return row && flatten(row);
}

export async function findSourceByUrl(db: Database, feedUrl: string): Promise<Source | undefined> {
  return db.orm.select().from(sources).where(eq(sources.feedUrl, feedUrl)).get();
}

/**
 * The source that already holds the most of these posts, and how many of them: a feed added a second time at
 * another address (`/feed/` and `/?feed=rss2`, say) brings the same posts. A post is the same by its id where
 * the id is an address of its own (a `?p=123` or a tag URI, not a bare "1" another site's feed may use too), or
 * by its link where no other of these posts shares that link (a page every post links to names none of them).
 */
export async function findSourceSharingPosts(
  db: Database,
  posts: readonly { guid: string; url: string | null }[],
): Promise<{ source: SourceWithSchool; shared: number } | undefined> {
  const guids = [...new Set(posts.map((post) => post.guid).filter((guid) => /[:/]/.test(guid)))];
  const linkCounts = new Map<string, number>();
  for (const post of posts) if (post.url) linkCounts.set(post.url, (linkCounts.get(post.url) ?? 0) + 1);
  const links = [...linkCounts].flatMap(([url, n]) => (n === 1 ? [url] : []));
  if (guids.length === 0 && links.length === 0) return undefined;
  const rows = await db.orm
    .select({ sourceId: items.sourceId, guid: items.guid, url: items.url })
    .from(items)
    .where(or(inList(items.guid, guids), inList(items.url, links)));
  const guidSet = new Set(guids);
  const linkSet = new Set(links);
  // Each of the posts counted once for a source, however many of its stored posts it meets.
  const sharedBySource = new Map<number, Set<string>>();
  for (const row of rows) {
    const shared = sharedBySource.get(row.sourceId) ?? new Set<string>();
    if (guidSet.has(row.guid)) shared.add(`guid ${row.guid}`);
    if (row.url && linkSet.has(row.url)) shared.add(`url ${row.url}`);
    sharedBySource.set(row.sourceId, shared);
  }
  let best: { sourceId: number; shared: number } | undefined;
  for (const [sourceId, keys] of sharedBySource) {
    const shared = posts.filter(
      (post) => keys.has(`guid ${post.guid}`) || (post.url !== null && keys.has(`url ${post.url}`)),
    ).length;
    if (!best || shared > best.shared) best = { sourceId, shared };
  }
  const source = best && (await findSource(db, best.sourceId));
  return source && best && { source, shared: best.shared };
}

/** Every source's feed address. */
export async function listFeedUrls(db: Database): Promise<string[]> {
  const rows = await db.orm.select({ feedUrl: sources.feedUrl }).from(sources);
  return rows.map((row) => row.feedUrl);
}

export interface NewSource {
  schoolId: number;
  feedUrl: string;
  ownerName?: string | null;
  ownerEmail?: string | null;
  mediaRelease?: boolean;
  authorizedBy?: string | null;
  /** When it was authorized (default: now, if someone authorized it) and when that is to be reviewed. */
  authorizedAt?: number | null;
  reviewAt?: number | null;
}

/** Inserts a source; answers undefined when a source with this feed URL already exists. */
export async function insertSource(
  db: Database,
  source: NewSource,
  now: number,
): Promise<Source | undefined> {
  const [row] = await db.orm
    .insert(sources)
    .values({
      ...source,
      authorizedAt: source.authorizedAt ?? (source.authorizedBy ? now : null),
      createdAt: now,
      updatedAt: now,
      nextFetchAt: 0,
    })
    .onConflictDoNothing()
    .returning();
  return row;
}

/** A feed from an import, to register under the school with this slug. */
export interface ImportedSource {
  schoolSlug: string;
  feedUrl: string;
  title: string | null;
  siteUrl: string | null;
  ownerName: string | null;
  ownerEmail: string | null;
  mediaRelease: boolean;
  /** Who authorized it, when and until when, if the import says; otherwise nobody named, now and no review. */
  authorizedBy?: string | null;
  authorizedAt?: number | null;
  reviewAt?: number | null;
}

/** Feeds an import statement carries, as one JSON parameter (D1 takes strings up to 2 MB). */
const IMPORTED_PER_STATEMENT = 500;

/**
 * The statements that register imported feeds, each under its school looked up by slug when it runs (so the
 * same batch can make the school first); a feed registered meanwhile is skipped, not an error. The feeds go
 * in as one JSON parameter a statement, read back row by row by SQLite's json_each: a district's list of
 * thousands is a few statements, built and run in a moment, not one statement each.
 */
export function importSourcesStatements(
  db: Database,
  feeds: ImportedSource[],
  now: number,
  /** Whether their owners are welcomed (owner-notes-queue.ts); if not, they count as welcomed already. */
  welcomeOwners = false,
): Statement[] {
  const field = (name: string) => sql`json_extract(${sql.raw('feed.value')}, ${`$.${name}`})`;
  const selection = selectionOf(sources, {
    schoolId: schools.id,
    feedUrl: field('feedUrl'),
    title: field('title'),
    siteUrl: field('siteUrl'),
    ownerName: field('ownerName'),
    ownerEmail: field('ownerEmail'),
    mediaRelease: field('mediaRelease'),
    authorizedBy: field('authorizedBy'),
    authorizedAt: sql`coalesce(${field('authorizedAt')}, ${now})`,
    reviewAt: field('reviewAt'),
    welcomedOwner: welcomeOwners ? sql`null` : sql`lower(trim(${field('ownerEmail')}))`,
    createdAt: now,
    updatedAt: now,
  });
  const statements: Statement[] = [];
  for (let start = 0; start < feeds.length; start += IMPORTED_PER_STATEMENT) {
    const json = JSON.stringify(feeds.slice(start, start + IMPORTED_PER_STATEMENT));
    const select = db.orm
      .select(selection)
      .from(sql`json_each(${json}) as feed`)
      .innerJoin(schools, eq(schools.slug, field('schoolSlug')))
      // SQLite reads `… ON CONFLICT` after a join as part of it unless the select has a WHERE clause.
      .where(sql`1`);
    statements.push(
      db.orm
        .insert(sources)
        .select(select as never)
        .onConflictDoNothing(),
    );
  }
  return statements;
}

/**
 * Claims up to `limit` due sources for a check that happens elsewhere (a queue consumer on Workers): their
 * next check moves `leaseMs` ahead in a conditional write, so a second cron run does not claim them again;
 * the check itself sets the real next time. Returns the ids claimed.
 */
export async function claimDueSources(
  db: Database,
  now: number,
  limit: number,
  leaseMs: number,
): Promise<number[]> {
  const due = await listDueSources(db, now, limit);
  if (due.length === 0) return [];
  const claimed: number[] = [];
  for (let i = 0; i < due.length; i += db.maxParameters - 2) {
    const ids = due.slice(i, i + db.maxParameters - 2).map((s) => s.id);
    const rows = await db.orm
      .update(sources)
      .set({ nextFetchAt: now + leaseMs })
      .where(and(inArray(sources.id, ids), lte(sources.nextFetchAt, now)))
      .returning({ id: sources.id });
    claimed.push(...rows.map((r) => r.id));
  }
  return claimed;
}

/** Authorized, unpaused sources whose next check is due, soonest first; none past its review date. */
export async function listDueSources(db: Database, now: number, limit: number): Promise<Source[]> {
  return db.orm
    .select()
    .from(sources)
    .where(
      and(
        eq(sources.authorization, 'authorized'),
        eq(sources.paused, false),
        lte(sources.nextFetchAt, now),
        // Even before the review job marks it expired, a source past its review date is not read.
        or(isNull(sources.reviewAt), gt(sources.reviewAt, now)),
      ),
    )
    .orderBy(asc(sources.nextFetchAt))
    .limit(limit);
}

export interface FetchSuccess {
  etag: string | null;
  lastModified: string | null;
  title?: string | null;
  siteUrl?: string | null;
  platform?: string | null;
  /** The feed's RSS <ttl>, from a full read; a 304 passes on the one stored. */
  ttlMinutes: number | null;
  /** What was odd about the feed, from a full read; absent for a 304, which keeps those stored. */
  warnings?: string[];
  nextFetchAt: number;
}

/** Runs after every successful check (also every 304), so it is SQL text prepared once, not a built query. */
export function fetchSuccessStatement(
  db: Database,
  id: number,
  result: FetchSuccess,
  now: number,
): Statement {
  return db.prepared(
    `update sources set etag = ?, last_modified = ?, title = coalesce(?, title), site_url = coalesce(?, site_url),
       platform = coalesce(?, platform), ttl_minutes = ?, last_warnings = coalesce(?, last_warnings),
       last_fetched_at = ?, last_success_at = ?, next_fetch_at = ?, error_count = 0, last_error = null,
       updated_at = ? where id = ?`,
    [
      result.etag,
      result.lastModified,
      result.title || null,
      result.siteUrl || null,
      result.platform || null,
      result.ttlMinutes,
      result.warnings ? JSON.stringify(result.warnings) : null,
      now,
      now,
      result.nextFetchAt,
      now,
      id,
    ],
  );
}

export async function recordFetchFailure(
  db: Database,
  id: number,
  failure: { message: string; nextFetchAt: number; pause: boolean },
  now: number,
): Promise<void> {
  await db.orm
    .update(sources)
    .set({
      lastFetchedAt: now,
      lastError: failure.message,
      lastErrorAt: now,
      errorCount: sql`${sources.errorCount} + 1`,
      nextFetchAt: failure.nextFetchAt,
      ...(failure.pause ? { paused: true } : {}),
      updatedAt: now,
    })
    .where(eq(sources.id, id));
}

/** Clears the pause and makes the source due immediately (the admin's "Retry now"). */
export async function retrySourceNow(db: Database, id: number, now: number): Promise<void> {
  await db.orm
    .update(sources)
    .set({ paused: false, errorCount: 0, nextFetchAt: now, updatedAt: now })
    .where(eq(sources.id, id));
}

export async function makeAllSourcesDue(db: Database, now: number): Promise<void> {
  await db.orm.update(sources).set({ nextFetchAt: now }).where(eq(sources.paused, false));
}

/**
 * True where no source other than `id` reads `feedUrl`. Checked inside the statement that moves a source, so
 * two moves to one address at the same moment give one move and one refusal, never a broken unique index.
 */
function addressFreeFor(db: Database, id: number, feedUrl: string) {
  const holder = alias(sources, 'holder');
  return notExists(
    db.orm
      .select({ id: holder.id })
      .from(holder)
      .where(and(eq(holder.feedUrl, feedUrl), ne(holder.id, id))),
  );
}

/**
 * Notes a permanent redirect. The stored URL changes only once the same new address has been seen on
 * `needed` consecutive fetches, so one misconfigured response cannot move a feed.
 */
export async function recordPermanentRedirect(
  db: Database,
  source: Source,
  movedTo: string | undefined,
  now: number,
  needed = 3,
): Promise<'moved' | 'noted' | 'none'> {
  if (!movedTo) {
    if (source.redirectUrl) {
      await db.orm
        .update(sources)
        .set({ redirectUrl: null, redirectSeen: 0 })
        .where(eq(sources.id, source.id));
    }
    return 'none';
  }
  const seen = source.redirectUrl === movedTo ? source.redirectSeen + 1 : 1;
  if (seen >= needed) {
    // Another source may already read the new address (two accounts' feeds merged): then the move waits.
    const moved = await db.orm
      .update(sources)
      .set({ feedUrl: movedTo, redirectUrl: null, redirectSeen: 0, updatedAt: now })
      .where(and(eq(sources.id, source.id), addressFreeFor(db, source.id, movedTo)))
      .returning({ id: sources.id });
    if (moved.length === 1) return 'moved';
  }
  await db.orm
    .update(sources)
    .set({ redirectUrl: movedTo, redirectSeen: seen })
    .where(eq(sources.id, source.id));
  return 'noted';
}

/**
 * Points a source at a new feed address (the account's feed moved), with `alsoChange` in the same write. What
 * was learned about the old address (validators, redirects, errors, freshness) is dropped and the source is due
 * at once; its posts stay. Answers false, changing nothing, when another source already has the address.
 */
export async function moveSourceToUrl(
  db: Database,
  id: number,
  feedUrl: string,
  now: number,
  alsoChange: SourceChanges = {},
): Promise<boolean> {
  const moved = await db.orm
    .update(sources)
    .set({
      ...alsoChange,
      feedUrl,
      etag: null,
      lastModified: null,
      redirectUrl: null,
      redirectSeen: 0,
      ttlMinutes: null,
      errorCount: 0,
      lastError: null,
      lastErrorAt: null,
      paused: false,
      nextFetchAt: now,
      updatedAt: now,
    })
    .where(and(eq(sources.id, id), addressFreeFor(db, id, feedUrl)))
    .returning({ id: sources.id });
  return moved.length === 1;
}

export async function lastSourceCheckAt(db: Database): Promise<number | null> {
  const row = await db.orm
    .select({ at: sql<number | null>`max(${sources.lastFetchedAt})` })
    .from(sources)
    .get();
  return row?.at ?? null;
}

/** Names of the adults behind each school's accounts (owners), which the name check never flags. */
export async function listStaffNamesBySchool(db: Database): Promise<Map<number, string[]>> {
  const rows = await db.orm
    .select({ schoolId: sources.schoolId, name: sources.ownerName })
    .from(sources)
    .where(sql`${sources.ownerName} is not null and ${sources.ownerName} <> ''`);
  const bySchool = new Map<number, string[]>();
  for (const row of rows) bySchool.set(row.schoolId, [...(bySchool.get(row.schoolId) ?? []), row.name!]);
  return bySchool;
}

export type SourceChanges = Partial<
  Pick<
    Source,
    | 'schoolId'
    | 'ownerName'
    | 'ownerEmail'
    | 'authorization'
    | 'authorizedBy'
    | 'authorizedAt'
    | 'reviewAt'
    | 'mediaRelease'
  >
>;

export async function updateSource(
  db: Database,
  id: number,
  changes: SourceChanges,
  now: number,
): Promise<void> {
  await db.orm
    .update(sources)
    .set({ ...changes, updatedAt: now })
    .where(eq(sources.id, id));
}

/** A source's posts, and the digests (published or not) that carry one of them. */
export async function sourceUsage(db: Database, id: number): Promise<{ posts: number; digests: number }> {
  const [posts, digests] = await Promise.all([
    db.orm.select({ n: count() }).from(items).where(eq(items.sourceId, id)).get(),
    db.orm
      .select({ n: countDistinct(digestEntries.digestId) })
      .from(digestEntries)
      .innerJoin(items, eq(items.id, digestEntries.itemId))
      .where(eq(items.sourceId, id))
      .get(),
  ]);
  return { posts: posts?.n ?? 0, digests: digests?.n ?? 0 };
}

/**
 * Deletes a source and its posts, with the audit entry, in one batch, and only if no digest carries one of its
 * posts (the archive and the corrections of a published digest point at them): every statement checks that
 * itself, so a post picked for a digest meanwhile stops the whole removal. Answers whether it was removed.
 */
export async function deleteUnusedSource(
  db: Database,
  id: number,
  audit: { actor: Actor; details: Record<string, unknown> },
  now: number,
): Promise<boolean> {
  const ofSource = db.orm.select({ id: items.id }).from(items).where(eq(items.sourceId, id));
  const unused = notExists(
    db.orm
      .select({ itemId: digestEntries.itemId })
      .from(digestEntries)
      .innerJoin(items, eq(items.id, digestEntries.itemId))
      .where(eq(items.sourceId, id)),
  );
  const sourceUnused = and(eq(sources.id, id), unused);
  await db.batch([
    auditStatementWhere(
      db,
      audit.actor,
      { action: 'source.remove', subjectType: 'source', subjectId: id, details: audit.details },
      now,
      { from: sources, where: sourceUnused },
    ),
    db.orm.delete(findingOverrides).where(and(inArray(findingOverrides.itemId, ofSource), unused)),
    db.orm.delete(items).where(and(eq(items.sourceId, id), unused)),
    db.orm.delete(sources).where(sourceUnused),
  ]);
  return !(await db.orm.select({ id: sources.id }).from(sources).where(eq(sources.id, id)).get());
}

/** The warnings stored with a source's last full read, as sentences. */
export function warningsOf(source: Pick<Source, 'lastWarnings'>): string[] {
  if (!source.lastWarnings) return [];
  try {
    const warnings: unknown = JSON.parse(source.lastWarnings);
    return Array.isArray(warnings) ? warnings.filter((w): w is string => typeof w === 'string') : [];
  } catch {
    return [];
  }
}

/** What the audit log calls these sources by id: their title, else their feed address (removed ones are gone). */
export async function listSourceNames(db: Database, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.orm
    .select({ id: sources.id, title: sources.title, feedUrl: sources.feedUrl })
    .from(sources)
    .where(inList(sources.id, ids));
  return new Map(rows.map((row) => [row.id, row.title?.trim() || row.feedUrl]));
}
