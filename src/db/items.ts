// Storage for items: posts ingested from sources, one row per (source, stable id), updated in place when edited.
import { and, asc, desc, eq, gte, inArray, lt, max, sql } from 'drizzle-orm';
import type { NormalizedItem } from '../ingest/feed-types';
import type { Database, Statement } from './client';
import { items, schools, sources } from './schema';

export type Item = typeof items.$inferSelect;

export interface InboxItem extends Item {
  schoolId: number;
  schoolName: string;
  schoolSlug: string;
  sourceTitle: string | null;
  sourceUrl: string;
  mediaRelease: boolean;
  authorization: string;
}

const ITEM_COLUMNS = 18;

/**
 * Statements that insert new items and update changed ones. A row is rewritten only when its content hash
 * changed, so re-reading an unchanged feed writes nothing; first_seen_at never moves.
 */
export function upsertItemStatements(
  db: Database,
  sourceId: number,
  batch: NormalizedItem[],
  now: number,
): Statement[] {
  const rowsPerStatement = Math.max(1, Math.floor(db.maxParameters / ITEM_COLUMNS));
  const statements: Statement[] = [];
  for (let start = 0; start < batch.length; start += rowsPerStatement) {
    const rows = batch.slice(start, start + rowsPerStatement).map((item) => ({
      sourceId,
      guid: item.guid,
      url: item.url,
      canonicalUrl: item.canonicalUrl,
      title: item.title,
      titleDerived: item.titleDerived,
      author: item.author,
      summary: item.summary,
      contentHtml: item.contentHtml,
      imageUrl: item.imageUrl,
      imageAlt: item.imageAlt,
      videoUrl: item.videoUrl,
      categories: JSON.stringify(item.categories),
      publishedAt: item.publishedAt,
      dateEstimated: item.dateEstimated,
      contentHash: item.contentHash,
      firstSeenAt: now,
      updatedAt: now,
    }));
    statements.push(
      db.orm
        .insert(items)
        .values(rows)
        .onConflictDoUpdate({
          target: [items.sourceId, items.guid],
          set: {
            url: sql`excluded.url`,
            canonicalUrl: sql`excluded.canonical_url`,
            title: sql`excluded.title`,
            titleDerived: sql`excluded.title_derived`,
            author: sql`excluded.author`,
            summary: sql`excluded.summary`,
            contentHtml: sql`excluded.content_html`,
            imageUrl: sql`excluded.image_url`,
            imageAlt: sql`excluded.image_alt`,
            videoUrl: sql`excluded.video_url`,
            categories: sql`excluded.categories`,
            // An estimated date (first seen) stays put; a real date from the feed replaces an estimate.
            publishedAt: sql`case when excluded.date_estimated then ${items.publishedAt} else excluded.published_at end`,
            dateEstimated: sql`${items.dateEstimated} and excluded.date_estimated`,
            contentHash: sql`excluded.content_hash`,
            updatedAt: sql`excluded.updated_at`,
          },
          setWhere: sql`${items.contentHash} <> excluded.content_hash`,
        }),
    );
  }
  return statements;
}

/** Stable ids this source already has among `guids`, so normalize can tell new entries from known ones. */
export async function findKnownGuids(
  db: Database,
  sourceId: number,
  guids: string[],
): Promise<Map<string, number>> {
  if (guids.length === 0) return new Map();
  const rows = await db.orm
    .select({ guid: items.guid, publishedAt: items.publishedAt })
    .from(items)
    .where(and(eq(items.sourceId, sourceId), inArray(items.guid, guids)));
  return new Map(rows.map((row) => [row.guid, row.publishedAt]));
}

const inboxColumns = {
  item: items,
  schoolId: schools.id,
  schoolName: schools.name,
  schoolSlug: schools.slug,
  sourceTitle: sources.title,
  sourceUrl: sources.feedUrl,
  mediaRelease: sources.mediaRelease,
  authorization: sources.authorization,
};

type InboxRow = { item: Item } & Omit<InboxItem, keyof Item>;

function flatten(row: InboxRow): InboxItem {
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
): Promise<InboxItem[]> {
  const rows = await db.orm
    .select(inboxColumns)
    .from(items)
    .innerJoin(sources, eq(sources.id, items.sourceId))
    .innerJoin(schools, eq(schools.id, sources.schoolId))
    .where(
      and(gte(items.publishedAt, start), lt(items.publishedAt, end), eq(sources.authorization, 'authorized')),
    )
    .orderBy(asc(schools.name), desc(items.publishedAt), asc(items.id));
  const all = rows.map(flatten);
  const firstByUrl = new Map<string, InboxItem>();
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
    .where(inArray(items.id, ids));
  return rows.map(flatten);
}

export async function lastItemSeenAt(db: Database): Promise<number | null> {
  const row = await db.orm
    .select({ at: max(items.firstSeenAt) })
    .from(items)
    .get();
  return row?.at ?? null;
}
