// Storage for overrides: a person's written reason why a finding of a digest check is fine.
import { eq } from 'drizzle-orm';
import type { Override } from '../curate/run-checks';
import type { Database } from './client';
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
