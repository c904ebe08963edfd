// INSERT … SELECT through drizzle's builder: rows made once for each row a select finds, so an insert can
// depend on what is in the database when it runs (the claim pattern's conditional writes, see client.ts).
import { Column, getTableColumns, is, SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Database, Statement } from './client';

/** A row to insert: each column a value, or an expression read in the select (a column, an SQL fragment). */
export type RowOf<T extends SQLiteTable> = {
  [K in keyof T['$inferInsert']]?: T['$inferInsert'][K] | SQL | SQLiteColumn;
};

/** Where the rows come from: one inserted row (per given row) for each row of `from` matching `where`. */
export interface RowSource {
  from: SQLiteTable;
  where: SQL | undefined;
}

/**
 * Drizzle's insert-select takes every column of the table in its declared order; the columns a row leaves
 * out get their declared default, or null, which makes a new id of an integer primary key.
 */
export function selectionOf<T extends SQLiteTable>(
  table: T,
  row: RowOf<T>,
): Record<string, SQL | SQLiteColumn> {
  const given = row as Record<string, unknown>;
  const selection: Record<string, SQL | SQLiteColumn> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = given[key] === undefined ? column.default : given[key];
    selection[key] =
      value === undefined || value === null
        ? sql`null`
        : is(value, SQL) || is(value, Column)
          ? (value as SQL | SQLiteColumn)
          : sql`${sql.param(value, column)}`;
  }
  return selection;
}

/**
 * Inserts `rows` into `table`, each once per row of `source`: one statement per row, since joining rows into
 * one compound select soon meets D1's limit on its terms (a handful) long before the 100 parameters it takes.
 * With `ignoreConflicts`, a row that would break a unique key is skipped instead of failing the batch.
 */
export function insertSelect<T extends SQLiteTable>(
  db: Database,
  table: T,
  rows: RowOf<T>[],
  source: RowSource,
  options: { ignoreConflicts?: boolean } = {},
): Statement[] {
  return rows.map((row) => {
    const select = db.orm
      .select(selectionOf(table, row))
      .from(source.from)
      // SQLite reads `… FROM t ON CONFLICT` as a join unless the select has a WHERE clause.
      .where(source.where ?? sql`1`);
    const insert = db.orm.insert(table).select(select as never);
    return options.ignoreConflicts ? insert.onConflictDoNothing() : insert;
  });
}
