// Storage for coverage: per school and per source, the posts read and the posts featured in published digests
// over a period, and when each was last featured, so no school goes unseen for weeks.
import { and, eq, gte, isNull, lt, lte, max, count, sql } from 'drizzle-orm';
import { sortByName } from '../text/names-order';
import type { Database } from './client';
import { digestEntries, digests, items, schools, sources } from './schema';

export interface SourceCoverage {
  id: number;
  title: string;
  posts: number;
  featured: number;
  lastFeaturedOn: string | null;
}

export interface SchoolCoverage {
  school: string;
  slug: string;
  posts: number;
  featured: number;
  lastFeaturedOn: string | null;
  sources: SourceCoverage[];
}

export interface CoveragePeriod {
  /** Local dates, both included. */
  from: string;
  to: string;
  /** The instants the period starts and ends (the end excluded), in the district's time zone. */
  start: number;
  end: number;
}

/**
 * Every school and source (sorted by name), with the posts published in the period, the entries of published
 * digests dated in it (taken-down ones not counted), and the last digest date up to the period's end that
 * featured it.
 */
export async function coverageBetween(db: Database, period: CoveragePeriod): Promise<SchoolCoverage[]> {
  const featuredEntry = and(
    eq(digests.status, 'published'),
    isNull(digestEntries.removedAt),
    lte(digests.date, period.to),
  );
  const [sourceRows, posts, featured, last] = await Promise.all([
    db.orm
      .select({
        id: sources.id,
        title: sql<string>`coalesce(${sources.title}, ${sources.feedUrl})`,
        school: schools.name,
        slug: schools.slug,
      })
      .from(schools)
      .leftJoin(sources, eq(sources.schoolId, schools.id))
      .orderBy(schools.name, sources.title),
    db.orm
      .select({ sourceId: items.sourceId, n: count() })
      .from(items)
      .where(and(gte(items.publishedAt, period.start), lt(items.publishedAt, period.end)))
      .groupBy(items.sourceId),
    db.orm
      .select({ sourceId: items.sourceId, n: count() })
      .from(digestEntries)
      .innerJoin(digests, eq(digests.id, digestEntries.digestId))
      .innerJoin(items, eq(items.id, digestEntries.itemId))
      .where(and(featuredEntry, gte(digests.date, period.from)))
      .groupBy(items.sourceId),
    db.orm
      .select({ sourceId: items.sourceId, on: max(digests.date) })
      .from(digestEntries)
      .innerJoin(digests, eq(digests.id, digestEntries.digestId))
      .innerJoin(items, eq(items.id, digestEntries.itemId))
      .where(featuredEntry)
      .groupBy(items.sourceId),
  ]);
  const postsOf = new Map(posts.map((r) => [r.sourceId, r.n]));
  const featuredOf = new Map(featured.map((r) => [r.sourceId, r.n]));
  const lastOf = new Map(last.map((r) => [r.sourceId, r.on]));
  const bySlug = new Map<string, SchoolCoverage>();
  for (const row of sortByName(
    sourceRows,
    (r) => r.school,
    (r) => r.title,
  )) {
    let school = bySlug.get(row.slug);
    if (!school) {
      school = {
        school: row.school,
        slug: row.slug,
        posts: 0,
        featured: 0,
        lastFeaturedOn: null,
        sources: [],
      };
      bySlug.set(row.slug, school);
    }
    // A school with no source yet is listed with nothing to show.
    if (row.id === null) continue;
    const source: SourceCoverage = {
      id: row.id,
      title: row.title,
      posts: postsOf.get(row.id) ?? 0,
      featured: featuredOf.get(row.id) ?? 0,
      lastFeaturedOn: lastOf.get(row.id) ?? null,
    };
    school.sources.push(source);
    school.posts += source.posts;
    school.featured += source.featured;
    if (source.lastFeaturedOn && (!school.lastFeaturedOn || source.lastFeaturedOn > school.lastFeaturedOn))
      school.lastFeaturedOn = source.lastFeaturedOn;
  }
  return [...bySlug.values()];
}

/**
 * Schools with at least one authorized source whose posts no published digest dated after `since` carries:
 * each with the date it was last featured, or null for never.
 */
export async function listQuietSchools(
  db: Database,
  since: string,
): Promise<{ name: string; lastFeaturedOn: string | null }[]> {
  const rows = await db.orm
    .select({
      name: schools.name,
      // Written out with aliases: inside a selection drizzle names columns without their table.
      lastFeaturedOn: sql<string | null>`(
        select max(d.date) from digest_entries e
          join digests d on d.id = e.digest_id
          join items i on i.id = e.item_id
          join sources s2 on s2.id = i.source_id
         where s2.school_id = schools.id and d.status = 'published' and e.removed_at is null)`,
    })
    .from(schools)
    .where(
      sql`exists (select 1 from sources s3 where s3.school_id = schools.id and s3.authorization = 'authorized')`,
    )
    .orderBy(schools.name);
  return sortByName(
    rows.filter((row) => !row.lastFeaturedOn || row.lastFeaturedOn <= since),
    (row) => row.name,
  );
}
