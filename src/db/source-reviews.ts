// Storage for authorization reviews: sources whose review date passed or nears, and expiring, renewing and
// suspending one, each with its audit entry in the same batch.
import { and, asc, eq, gt, inArray, lte } from 'drizzle-orm';
import { auditStatementWhere, type Actor } from './audit';
import type { Database } from './client';
import { schools, sources } from './schema';
import type { SourceWithSchool } from './sources';

/** Authorized sources whose review date has come: they stop being read. */
export async function listSourcesPastReview(
  db: Database,
  now: number,
): Promise<{ id: number; reviewAt: number }[]> {
  const rows = await db.orm
    .select({ id: sources.id, reviewAt: sources.reviewAt })
    .from(sources)
    .where(and(eq(sources.authorization, 'authorized'), lte(sources.reviewAt, now)))
    .orderBy(asc(sources.reviewAt));
  return rows.map((row) => ({ id: row.id, reviewAt: row.reviewAt! }));
}

/**
 * Marks one source expired, with its audit entry, only if it is still authorized past its review date when the
 * batch runs (another scheduler, or an editor's renewal, may have come first). Answers whether it changed.
 */
export async function expireSourceAuthorization(
  db: Database,
  id: number,
  actor: Actor,
  details: Record<string, unknown>,
  now: number,
): Promise<boolean> {
  const due = and(eq(sources.id, id), eq(sources.authorization, 'authorized'), lte(sources.reviewAt, now));
  await db.batch([
    auditStatementWhere(
      db,
      actor,
      { action: 'source.authorization-expired', subjectType: 'source', subjectId: id, details },
      now,
      { from: sources, where: due },
    ),
    db.orm.update(sources).set({ authorization: 'expired', updatedAt: now }).where(due),
  ]);
  const row = await db.orm
    .select({ authorization: sources.authorization, updatedAt: sources.updatedAt })
    .from(sources)
    .where(eq(sources.id, id))
    .get();
  return row?.authorization === 'expired' && row.updatedAt === now;
}

/** Authorized sources whose review date falls after `now` and no later than `until`, with their school. */
export async function listSourcesNearingReview(
  db: Database,
  now: number,
  until: number,
): Promise<SourceWithSchool[]> {
  const rows = await db.orm
    .select({ source: sources, schoolName: schools.name, schoolSlug: schools.slug })
    .from(sources)
    .innerJoin(schools, eq(schools.id, sources.schoolId))
    .where(
      and(eq(sources.authorization, 'authorized'), gt(sources.reviewAt, now), lte(sources.reviewAt, until)),
    )
    .orderBy(asc(sources.reviewAt));
  return rows.map((row) => ({ ...row.source, schoolName: row.schoolName, schoolSlug: row.schoolSlug }));
}

/**
 * A new authorization period: authorized again until `reviewAt`, recording who renewed it and when (and who
 * authorized it, when named), with the audit entry. Answers false when the source is gone.
 */
export async function renewSourceAuthorization(
  db: Database,
  id: number,
  renewal: { reviewAt: number; authorizedBy?: string },
  actor: Actor,
  now: number,
): Promise<boolean> {
  const here = eq(sources.id, id);
  await db.batch([
    auditStatementWhere(
      db,
      actor,
      {
        action: 'source.authorization-renewed',
        subjectType: 'source',
        subjectId: id,
        details: {
          reviewAt: renewal.reviewAt,
          ...(renewal.authorizedBy ? { authorizedBy: renewal.authorizedBy } : {}),
        },
      },
      now,
      { from: sources, where: here },
    ),
    db.orm
      .update(sources)
      .set({
        authorization: 'authorized',
        reviewAt: renewal.reviewAt,
        authorizedAt: now,
        ...(renewal.authorizedBy ? { authorizedBy: renewal.authorizedBy } : {}),
        renewedBy: actor.label,
        renewedAt: now,
        // Read again at once: it may have missed posts while it waited.
        nextFetchAt: now,
        updatedAt: now,
      })
      .where(here),
  ]);
  return !!(await db.orm.select({ id: sources.id }).from(sources).where(here).get());
}

/** Stops reading a source at once (authorization suspended), with the audit entry; false when it is gone. */
export async function suspendSourceAuthorization(
  db: Database,
  id: number,
  actor: Actor,
  now: number,
): Promise<boolean> {
  const here = and(eq(sources.id, id), inArray(sources.authorization, ['authorized', 'pending', 'expired']));
  await db.batch([
    auditStatementWhere(
      db,
      actor,
      { action: 'source.authorization-suspended', subjectType: 'source', subjectId: id },
      now,
      { from: sources, where: here },
    ),
    db.orm.update(sources).set({ authorization: 'suspended', updatedAt: now }).where(here),
  ]);
  return !!(await db.orm.select({ id: sources.id }).from(sources).where(eq(sources.id, id)).get());
}

/** Whether a source is due for review (expired, or its review date within `withinMs` of now). */
export function isReviewDue(
  source: { authorization: string; reviewAt: number | null },
  now: number,
  withinMs: number,
) {
  if (source.authorization === 'expired') return true;
  return (
    source.authorization === 'authorized' && source.reviewAt !== null && source.reviewAt <= now + withinMs
  );
}
