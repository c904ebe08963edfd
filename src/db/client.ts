// The database handle every storage module receives: a drizzle ORM over SQLite (better-sqlite3 on Node, D1 on
// Workers) plus an atomic batch, the one write primitive both drivers share (D1 has no interactive transactions).
// Writes that depend on a condition use the claim pattern: the first statement of a batch sets a random
// write_token only if the condition holds, and every later statement runs only where that token is set.
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQL } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from './schema';

export type Orm = BaseSQLiteDatabase<'sync' | 'async', unknown, typeof schema>;
export type Statement = BatchItem<'sqlite'>;

export interface Database {
  orm: Orm;
  /** Most bound parameters one statement may carry (D1 allows 100). */
  maxParameters: number;
  /** Runs the statements all-or-nothing, in order. */
  batch(statements: Statement[]): Promise<void>;
  /**
   * A raw SQL statement that runs only when passed to batch(): for tests that set up a state directly.
   * Storage modules build every query with drizzle (`orm`), and use prepared() and query() on hot paths only.
   */
  raw(query: SQL): Statement;
  /**
   * For hot paths (ingestion, sending): SQL text with ? placeholders, prepared once per distinct text and
   * reused, skipping the query builder. Like a drizzle query, it runs when awaited or passed to batch().
   */
  prepared(text: string, params: readonly unknown[]): Statement;
  /** Rows of a query written as SQL text with ? placeholders, prepared once per distinct text. */
  query<Row>(text: string, params: readonly unknown[]): Promise<Row[]>;
  /**
   * Counts this connection's committed batches that changed what the public sees (they carry
   * touchPublicStatement), so this process's caches know of its own changes without asking the database.
   */
  publicTicks: number;
}
