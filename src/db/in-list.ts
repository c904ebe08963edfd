// A condition `column in (…)` for a list of any length, bound as one JSON parameter: a list spelled out as one
// parameter per value stops at the database's limit (D1 takes 100 per statement, SQLite here 999).
import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

export function inList(column: SQLiteColumn, values: readonly (string | number)[]): SQL {
  return sql`${column} in (select value from json_each(${JSON.stringify(values)}))`;
}
