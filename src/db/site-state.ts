// The public revision: a counter that moves whenever anything the public pages, feeds and embed show
// changes (a publish, a correction, a takedown, a setting, a school's name). Caches of public responses are
// valid only for the revision they were made at. Every change adds touchPublicStatement to its own batch.
import { sql } from 'drizzle-orm';
import type { Database } from './client';
import { siteState } from './schema';

const PUBLIC_REVISION = 'public_revision';

/** Marks a statement whose batch, once committed, changed what the public sees (see Database.publicTicks). */
export const TOUCHES_PUBLIC = Symbol('touches public');

export function touchPublicStatement(db: Database) {
  const statement = db.orm
    .insert(siteState)
    .values({ key: PUBLIC_REVISION, value: 1 })
    .onConflictDoUpdate({ target: siteState.key, set: { value: sql`${siteState.value} + 1` } });
  return Object.assign(statement, { [TOUCHES_PUBLIC]: true });
}

export function touchesPublic(statement: object): boolean {
  return TOUCHES_PUBLIC in statement;
}

/** Read on every public request, so it takes the prepared-statement path. */
export async function readPublicRevision(db: Database): Promise<number> {
  const [row] = await db.query<{ value: number }>('select value from site_state where key = ?', [
    PUBLIC_REVISION,
  ]);
  return row?.value ?? 0;
}
