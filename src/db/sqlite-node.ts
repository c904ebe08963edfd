// Opens the embedded SQLite database on Node (better-sqlite3, WAL, busy timeout) and applies drizzle/ migrations.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Database, Orm, Statement } from './client';
import { PROJECT_ROOT } from '../project-root';
import * as schema from './schema';
import { touchesPublic } from './site-state';

export const MIGRATIONS_DIR = join(PROJECT_ROOT, 'drizzle');

export interface SqliteHandle {
  database: Database;
  sqlite: BetterSqlite3.Database;
  close(): void;
}

/** Opens (creating if needed) the SQLite file at `path`, or an in-memory database for ':memory:'. */
export function openSqlite(path: string): SqliteHandle {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new BetterSqlite3(path);
  // Takes effect only when the file is new (before its first table, and before WAL fixes the page size).
  // 16 KiB pages hold several posts each: storing the 20,000 posts of bench/ingest.ts's corpus took about a
  // fifth less CPU than with SQLite's default 4 KiB pages.
  sqlite.pragma('page_size = 16384');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // Statement journals (every multi-row upsert of a feed's posts has one) and temporary tables stay in
  // memory instead of temporary files: a polling pass otherwise writes each changed page a second time.
  sqlite.pragma('temp_store = MEMORY');
  const orm = drizzle(sqlite, { schema });
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepare = (text: string) => {
    let statement = cache.get(text);
    if (!statement) {
      statement = sqlite.prepare(text);
      cache.set(text, statement);
    }
    return statement;
  };
  // better-sqlite3 binds numbers, strings, bigints, buffers and null; booleans are stored as 0 and 1.
  const bindable = (params: readonly unknown[]) =>
    params.map((p) => (typeof p === 'boolean' ? Number(p) : p));
  const database: Database = {
    orm: orm as unknown as Orm,
    maxParameters: 999,
    raw: (query) => ({ run: () => orm.run(query) }) as unknown as Statement,
    prepared: (text, params) => {
      const run = () => prepare(text).run(...bindable(params));
      // Like a drizzle query, it runs when awaited on its own, or inside batch().
      return {
        run,
        then: (resolve: (v: unknown) => void, reject: (e: unknown) => void) =>
          new Promise((ok) => ok(run())).then(resolve, reject),
      } as unknown as Statement;
    },
    query: async <Row>(text: string, params: readonly unknown[]) =>
      prepare(text).all(...bindable(params)) as Row[],
    publicTicks: 0,
    async batch(statements: Statement[]) {
      // IMMEDIATE takes the write lock up front, so concurrent writers wait (busy_timeout) instead of failing.
      sqlite
        .transaction(() => {
          for (const statement of statements) (statement as unknown as { run(): unknown }).run();
        })
        .immediate();
      if (statements.some((statement) => touchesPublic(statement))) database.publicTicks++;
    },
  };
  return { database, sqlite, close: () => sqlite.close() };
}

/** Applies every pending migration from drizzle/. Safe to run on every start. */
export function migrateSqlite(handle: SqliteHandle): void {
  migrate(drizzle(handle.sqlite), { migrationsFolder: MIGRATIONS_DIR });
}
