// Opening the embedded database: the settings every connection gets, and a file made by an older version
// (4 KiB pages) opening as it is.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateSqlite, openSqlite } from './sqlite-node';

describe('openSqlite', () => {
  let dir = '';
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'yesterday-open-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('makes a new file with WAL, 16 KiB pages, foreign keys and in-memory statement journals', () => {
    const handle = openSqlite(join(dir, 'new', 'yesterday.db'));
    migrateSqlite(handle);
    const pragma = (name: string) => handle.sqlite.pragma(name, { simple: true });
    expect(pragma('journal_mode')).toBe('wal');
    expect(pragma('page_size')).toBe(16384);
    expect(pragma('foreign_keys')).toBe(1);
    expect(pragma('temp_store')).toBe(2); // MEMORY
    expect(pragma('synchronous')).toBe(1); // NORMAL
    handle.close();
  });

  it('opens a file made with 4 KiB pages as it is, data and all', () => {
    const path = join(dir, 'old.db');
    const old = new BetterSqlite3(path);
    old.pragma('journal_mode = WAL');
    old.exec("create table notes (text); insert into notes values ('kept')");
    old.close();
    const handle = openSqlite(path);
    expect(handle.sqlite.pragma('page_size', { simple: true })).toBe(4096);
    expect(handle.sqlite.prepare('select text from notes').all()).toEqual([{ text: 'kept' }]);
    handle.close();
  });
});
