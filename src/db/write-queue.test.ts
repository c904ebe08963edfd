import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database';
import type { SqliteHandle } from './sqlite-node';
import type { Statement } from './client';
import { createWriteQueue } from './write-queue';

let handle: SqliteHandle;
let batches: number[];

function setup() {
  handle = createTestDatabase();
  handle.sqlite.exec('create table notes (id integer primary key, text text not null)');
  batches = [];
  const batch = handle.database.batch.bind(handle.database);
  handle.database.batch = (statements) => {
    batches.push(statements.length);
    return batch(statements);
  };
  return handle.database;
}
afterEach(() => handle.close());

const note = (id: number, text: string | null = `note ${id}`): Statement =>
  handle.database.prepared('insert into notes (id, text) values (?, ?)', [id, text]);
const count = () => (handle.sqlite.prepare('select count(*) as n from notes').get() as { n: number }).n;

describe('createWriteQueue', () => {
  it('commits writes that arrive within the window as one batch, each caller settling after the commit', async () => {
    const db = setup();
    const queue = createWriteQueue(db, { windowMs: 30 });
    const first = queue.write([note(1), note(2)]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(count()).toBe(0); // still waiting for others to join
    const second = queue.write([note(3)]);
    await Promise.all([first, second]);
    expect(count()).toBe(3);
    expect(batches).toEqual([3]);
  });

  it('commits at once when enough statements wait', async () => {
    const db = setup();
    const queue = createWriteQueue(db, { maxStatements: 4, windowMs: 60_000 });
    const writes = [queue.write([note(1), note(2)]), queue.write([note(3), note(4)])];
    await Promise.all(writes);
    expect(batches).toEqual([4]);
    await queue.write([note(5), note(6), note(7), note(8), note(9)]);
    expect(batches).toEqual([4, 5]);
  });

  it('fails only the caller whose statement fails, and keeps everyone else’s writes', async () => {
    const db = setup();
    const queue = createWriteQueue(db, { windowMs: 10 });
    const results = await Promise.allSettled([
      queue.write([note(1)]),
      queue.write([note(2), note(3, null)]), // text is NOT NULL
      queue.write([note(4)]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const ids = handle.sqlite.prepare('select id from notes order by id').all() as { id: number }[];
    expect(ids.map((r) => r.id)).toEqual([1, 4]); // note 2 went with its failing group
  });
});
