// Applies the drizzle/ migrations, in order, to a local D1 opened through Miniflare (for the bundle test and
// bench/workers.ts; the workerd suite uses cloudflare:test's applyD1Migrations instead).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const DRIZZLE = resolve(import.meta.dirname, '../drizzle');

/** As much of a D1 binding as running plain SQL needs. */
export interface D1Runner {
  prepare(sql: string): { run(): Promise<unknown> };
}

export async function applyDrizzleMigrations(d1: D1Runner): Promise<void> {
  for (const file of readdirSync(DRIZZLE)
    .filter((f) => f.endsWith('.sql'))
    .sort())
    for (const statement of readFileSync(join(DRIZZLE, file), 'utf8').split('--> statement-breakpoint'))
      if (statement.trim()) await d1.prepare(statement).run();
}
