// Storage for schools: the units sources belong to and parents subscribe to.
import { and, asc, count, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import { sortByName } from '../text/names-order';
import { slugify } from '../text/slug';
import type { Database } from './client';
import { digestEntries, digests, items, schools, sources } from './schema';

export type School = typeof schools.$inferSelect;

export async function listSchools(db: Database): Promise<School[]> {
  return sortByName(await db.orm.select().from(schools).orderBy(asc(schools.name)), bySchool);
}

const bySchool = (school: { name: string }) => school.name;

export async function findSchoolBySlug(db: Database, slug: string): Promise<School | undefined> {
  return db.orm.select().from(schools).where(eq(schools.slug, slug)).get();
}

export async function findSchoolsBySlugs(db: Database, slugs: string[]): Promise<School[]> {
  if (slugs.length === 0) return [];
  return db.orm.select().from(schools).where(inArray(schools.slug, slugs));
}

/** The statement that makes a school of this name, unless one with its slug exists. */
export function addSchoolStatement(db: Database, name: string, now: number) {
  return db.orm
    .insert(schools)
    .values({ slug: slugify(name), name: name.trim(), createdAt: now })
    .onConflictDoNothing();
}

/** The school with this name's slug, created if it does not exist yet. */
export async function findOrCreateSchool(db: Database, name: string, now: number): Promise<School> {
  await addSchoolStatement(db, name, now);
  return (await findSchoolBySlug(db, slugify(name)))!;
}

/** Each school with how many sources it has (schools are made when a source names them). */
export async function listSchoolsWithCounts(db: Database): Promise<(School & { sourceCount: number })[]> {
  // A join rather than a correlated subquery: drizzle writes the columns of a one-table select without
  // their table, and inside a subquery on sources a bare "id" would mean the source's own id.
  const rows = await db.orm
    .select({ ...getTableColumns(schools), sourceCount: count(sources.id) })
    .from(schools)
    .leftJoin(sources, eq(sources.schoolId, schools.id))
    .groupBy(schools.id)
    .orderBy(asc(schools.name));
  return sortByName(rows, bySchool);
}

export async function findSchool(db: Database, id: number): Promise<School | undefined> {
  return db.orm.select().from(schools).where(eq(schools.id, id)).get();
}

/** The statement that renames a school; its slug (and so its public address) stays. */
export function renameSchoolStatement(db: Database, id: number, name: string) {
  return db.orm.update(schools).set({ name }).where(eq(schools.id, id));
}

/** Schools with posts in at least one published digest, with how many digests include them. */
export async function listSchoolsWithDigests(db: Database): Promise<(School & { digests: number })[]> {
  const rows = await db.orm
    .select({
      id: schools.id,
      slug: schools.slug,
      name: schools.name,
      createdAt: schools.createdAt,
      districtWide: schools.districtWide,
      digests: sql<number>`count(distinct ${digests.id})`,
    })
    .from(schools)
    // Every school a parent can choose when signing up, those with nothing published yet too (count 0).
    .leftJoin(sources, eq(sources.schoolId, schools.id))
    .leftJoin(items, eq(items.sourceId, sources.id))
    .leftJoin(digestEntries, and(eq(digestEntries.itemId, items.id), isNull(digestEntries.removedAt)))
    .leftJoin(digests, and(eq(digests.id, digestEntries.digestId), eq(digests.status, 'published')))
    .groupBy(schools.id)
    .orderBy(asc(schools.name));
  return sortByName(rows, bySchool);
}

/** The statement that marks a school district-wide (its posts reach every subscriber) or not. */
export function setDistrictWideStatement(db: Database, id: number, districtWide: boolean) {
  return db.orm.update(schools).set({ districtWide }).where(eq(schools.id, id));
}
