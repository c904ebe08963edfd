// The database handle on Cloudflare Workers: drizzle over a D1 binding. D1 has no interactive transactions;
// batch() is D1's own batch, which runs its statements in one implicit transaction, all or nothing.
import type { SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import type { Database, Orm, Statement } from './client';
import * as schema from './schema';
import { touchesPublic } from './site-state';

/** The part of the D1 binding this module uses (see @cloudflare/workers-types' D1Database). */
export interface D1Like {
  prepare(query: string): {
    bind(...values: unknown[]): { all<T>(): Promise<{ results: T[] }> };
  };
  batch(statements: unknown[]): Promise<unknown[]>;
  exec(query: string): Promise<unknown>;
}

type Bound = ReturnType<ReturnType<D1Like['prepare']>['bind']>;

/** A statement of ours (raw SQL or ? text): its SQL and parameters, runnable alone or in a batch. */
const OWN = Symbol('d1 statement');
interface OwnStatement {
  [OWN]: { sql: string; params: unknown[] };
}

const driverValue = (value: unknown) =>
  typeof value === 'boolean' ? Number(value) : value === undefined ? null : value;

export function openD1(binding: D1Like): Database {
  const orm = drizzle(binding as never, { schema });
  const dialect = (
    orm as unknown as { dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } } }
  ).dialect;
  const bound = (text: string, params: readonly unknown[]): Bound =>
    binding.prepare(text).bind(...params.map(driverValue));
  // drizzle's D1 batch cannot take a raw statement with parameters (it looks for a prepared statement that
  // raw SQL does not have), so every statement is turned into SQL and parameters and batched here.
  const toBound = (statement: Statement): Bound => {
    const own = (statement as unknown as Partial<OwnStatement>)[OWN];
    if (own) return bound(own.sql, own.params);
    const query = (statement as unknown as { toSQL(): { sql: string; params: unknown[] } }).toSQL();
    return bound(query.sql, query.params);
  };
  const own = (text: string, params: unknown[]): Statement => {
    const run = () => (bound(text, params) as unknown as { run(): Promise<unknown> }).run();
    return {
      [OWN]: { sql: text, params },
      then: (resolve: (v: unknown) => void, reject: (e: unknown) => void) => run().then(resolve, reject),
    } as unknown as Statement;
  };
  const database: Database = {
    orm: orm as unknown as Orm,
    // D1 refuses statements with more than 100 bound parameters.
    maxParameters: 100,
    raw: (query) => {
      const { sql: text, params } = dialect.sqlToQuery(query);
      return own(text, params);
    },
    prepared: (text, params) => own(text, [...params]),
    query: async <Row>(text: string, params: readonly unknown[]) =>
      (await bound(text, params).all<Row>()).results,
    publicTicks: 0,
    async batch(statements: Statement[]) {
      if (statements.length === 0) return;
      await binding.batch(statements.map(toBound));
      if (statements.some((statement) => touchesPublic(statement))) database.publicTicks++;
    },
  };
  return database;
}
