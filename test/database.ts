// Test databases: a fresh SQLite database migrated from drizzle/, one per test, in memory or in a temp file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateSqlite, openSqlite, type SqliteHandle } from '../src/db/sqlite-node';

export function createTestDatabase(): SqliteHandle {
  const handle = openSqlite(':memory:');
  migrateSqlite(handle);
  return handle;
}

/** A migrated database in a temporary directory, for tests that need a real file (WAL, backups, restarts). */
export function createTestDatabaseFile(): SqliteHandle & { path: string; dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'yesterday-test-'));
  const path = join(dir, 'yesterday.db');
  const handle = openSqlite(path);
  migrateSqlite(handle);
  return {
    ...handle,
    path,
    dir,
    cleanup() {
      handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
