// Storage for items: posts ingested from sources, one row per (source, stable id), updated in place when edited.
import { and, asc, desc, eq, getTableColumns, gte, lt, max } from 'drizzle-orm';
import type { NormalizedItem } from '../ingest/feed-types';
import { sortByName } from '../text/names-order';
import type { Database, Statement } from './client';
import { inList } from './in-list';
import { items, schools, sources } from './schema';

export type Item = typeof items.$inferSelect;

export interface InboxItem extends Item {
  schoolId: number;
  schoolName: string;
  schoolSlug: string;
  /** The post's school is district-wide: every subscriber gets it. */
  districtWide: boolean;
  sourceTitle: string | null;
  sourceUrl: string;
  mediaRelease: boolean;
  authorization: string;
}

const ITEM_COLUMNS = [
  'source_id', 'guid', 'url', 'canonical_url', 'title', 'title_derived', 'author', 'summary', 'content_html',
  'image_url', 'image_alt', 'video_url', 'categories', 'published_at', 'date_estimated', 'first_seen_at',
  'updated_at',
] as const; // prettier-ignore

/** The columns an edit of the post can change; a row is rewritten only when one of them differs. */
const CONTENT_COLUMNS = [
  'url',
  'canonical_url',
  'title',
  'title_derived',
  'author',
  'summary',
  'content_html',
  'image_url',
  'image_alt',
  'video_url',
  'categories',
];

const upsertSql = new Map<number, string>();

/** The upsert for `rows` items, as SQL text (cached per row count, so each is prepared once). */
function upsertText(rows: number): string {
  let text = upsertSql.get(rows);
  if (!text) {
    const tuple = `(${ITEM_COLUMNS.map(() => '?').join(', ')})`;
    text = `insert into items (${ITEM_COLUMNS.join(', ')}) values ${Array.from({ length: rows }, () => tuple).join(', ')}
      on conflict (source_id, guid) do update set
        ${CONTENT_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')},
        published_at = case when excluded.date_estimated then items.published_at else excluded.published_at end,
        date_estimated = items.date_estimated and excluded.date_estimated,
        updated_at = excluded.updated_at
      where ${CONTENT_COLUMNS.map((c) => `items.${c} is not excluded.${c}`).join(' or ')}
        or (items.date_estimated and not excluded.date_estimated)`;
    upsertSql.set(rows, text);
  }
  return text;
}

/**
 * Statements that insert new items and update changed ones. A row is rewritten only when its content hash
 * changed, so re-reading an unchanged feed writes nothing; first_seen_at never moves. An estimated date
 * (first seen) stays put, and a real date from the feed replaces an estimate.
 */
export function upsertItemStatements(
  db: Database,
  sourceId: number,
  batch: NormalizedItem[],
  now: number,
): Statement[] {
  const rowsPerStatement = Math.max(1, Math.floor(db.maxParameters / ITEM_COLUMNS.length));
  const statements: Statement[] = [];
  for (let start = 0; start < batch.length; start += rowsPerStatement) {
    const rows = batch.slice(start, start + rowsPerStatement);
    const params: unknown[] = [];
    for (const item of rows) {
      params.push(
        sourceId, item.guid, item.url, item.canonicalUrl, item.title, item.titleDerived, item.author, item.summary,
        item.contentHtml, item.imageUrl, item.imageAlt, item.videoUrl, JSON.stringify(item.categories),
        item.publishedAt, item.dateEstimated, now, now,
      ); // prettier-ignore
    }
    statements.push(db.prepared(upsertText(rows.length), params));
  }
  return statements;
}

/** Stable ids this source already has among `guids`, so a refresh can tell new entries from known ones. */
export async function findKnownGuids(db: Database, sourceId: number, guids: string[]): Promise<Set<string>> {
  if (guids.length === 0) return new Set();
  const rows = await db.query<{ guid: string }>(
    'select guid from items where source_id = ? and guid in (select value from json_each(?))',
    [sourceId, JSON.stringify(guids)],
  );
  return new Set(rows.map((row) => row.guid));
}

const inboxColumns = {
  item: items,
  schoolId: schools.id,
  schoolName: schools.name,
  schoolSlug: schools.slug,
  districtWide: schools.districtWide,
  sourceTitle: sources.title,
  sourceUrl: sources.feedUrl,
  mediaRelease: sources.mediaRelease,
  authorization: sources.authorization,
};

/**
 * A post as the inbox lists it: everything but its HTML (up to 256 KB a post), which only the pictures of a
 * chosen entry need (findItemsByIds and the digest's entries carry it).
 */
export type InboxListing = Omit<InboxItem, 'contentHtml'>;

const { contentHtml: _html, ...listedItemColumns } = getTableColumns(items);
const listingColumns = { ...inboxColumns, item: listedItemColumns };

function flatten<T extends object>(row: { item: T } & Omit<InboxItem, keyof Item>) {
  const { item, ...rest } = row;
  return { ...item, ...rest };
}

/**
 * Items first published in [start, end) from authorized sources, by school then newest first. A post
 * cross-posted by several accounts (same canonical URL) appears once, from the account that posted it first.
 */
export async function listItemsPublishedBetween(
  db: Database,
  start: number,
  end: number,
): Promise<InboxListing[]> {
  const rows = await db.orm
    .select(listingColumns)
    .from(items)
    .innerJoin(sources, eq(sources.id, items.sourceId))
    .innerJoin(schools, eq(schools.id, sources.schoolId))
    .where(
      and(gte(items.publishedAt, start), lt(items.publishedAt, end), eq(sources.authorization, 'authorized')),
    )
    .orderBy(asc(schools.name), desc(items.publishedAt), asc(items.id));
  const all = sortByName(rows.map(flatten), (item) => item.schoolName);
  const firstByUrl = new Map<string, InboxListing>();
  for (const item of all) {
    if (!item.canonicalUrl) continue;
    const first = firstByUrl.get(item.canonicalUrl);
    if (
      !first ||
      item.publishedAt < first.publishedAt ||
      (item.publishedAt === first.publishedAt && item.id < first.id)
    ) {
      firstByUrl.set(item.canonicalUrl, item);
    }
  }
  return all.filter((item) => !item.canonicalUrl || firstByUrl.get(item.canonicalUrl) === item);
}

export async function findItemsByIds(db: Database, ids: number[]): Promise<InboxItem[]> {
  if (ids.length === 0) return [];
  const rows = await db.orm
    .select(inboxColumns)
    .from(items)
    .innerJoin(sources, eq(sources.id, items.sourceId))
    .innerJoin(schools, eq(schools.id, sources.schoolId))
    .where(inList(items.id, ids));
  return rows.map(flatten);
}

export async function lastItemSeenAt(db: Database): Promise<number | null> {
  const row = await db.orm
    .select({ at: max(items.firstSeenAt) })
    .from(items)
    .get();
  return row?.at ?? null;
}
