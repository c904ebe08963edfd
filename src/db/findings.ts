// Storage for overrides: a person's written reason why a finding of a digest check is fine.
import { and, eq, type SQL } from 'drizzle-orm';
import type { Override } from '../curate/run-checks';
import type { Database, Statement } from './client';
import { insertSelect, type RowSource } from './insert-select';
import { findingOverrides } from './schema';

export async function listOverrides(db: Database, digestId: number): Promise<Override[]> {
  return db.orm
    .select({
      itemId: findingOverrides.itemId,
      kind: findingOverrides.kind,
      reason: findingOverrides.reason,
      userId: findingOverrides.userId,
      createdAt: findingOverrides.createdAt,
      covers: findingOverrides.covers,
    })
    .from(findingOverrides)
    .where(eq(findingOverrides.digestId, digestId));
}

export function upsertOverrideStatement(db: Database, digestId: number, override: Override) {
  return db.orm
    .insert(findingOverrides)
    .values({ digestId, ...override })
    .onConflictDoUpdate({
      target: [findingOverrides.digestId, findingOverrides.itemId, findingOverrides.kind],
      set: {
        reason: override.reason,
        userId: override.userId,
        createdAt: override.createdAt,
        covers: override.covers,
      },
    });
}

/**
 * The reason, in place of any for the same post and kind, written only while a batch's claim on the digest
 * holds (claimOf in db/digests.ts): a correction's reasons go in with it, or not at all.
 */
export function overrideStatementsWhere(
  db: Database,
  digestId: number,
  override: Override,
  claim: { holds: SQL; row: RowSource },
): Statement[] {
  return [
    db.orm
      .delete(findingOverrides)
      .where(
        and(
          eq(findingOverrides.digestId, digestId),
          eq(findingOverrides.itemId, override.itemId),
          eq(findingOverrides.kind, override.kind),
          claim.holds,
        ),
      ),
    ...insertSelect(db, findingOverrides, [{ digestId, ...override }], claim.row),
  ];
}
