// A publishing process killed without warning (kill -9) at any moment: afterwards the digest is either
// published whole, with one queued email per subscriber, or not at all; publishing again completes it.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { saveDesk, deskDepsOf, type DeskActor } from '../src/curate/desk';
import { listItemsPublishedBetween } from '../src/db/items';
import { addSchoolWithSource, item, storeItems } from './fixtures';
import { startTestApp, type TestApp } from './test-app';

const BIN = resolve(import.meta.dirname, '../bin/yesterday.mjs');
const DATE = '2026-11-20';
const NOON = Date.parse('2026-11-20T18:00:00Z');
const SUBSCRIBERS = 60_000;

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of running.splice(0).reverse()) await thing.close();
});

function publish(app: TestApp) {
  const child = spawn(process.execPath, [BIN, 'digest:publish', '--date', DATE], {
    env: {
      PATH: process.env.PATH,
      DATABASE_PATH: app.config.databasePath,
      PUBLIC_URL: app.config.publicUrl,
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal, output })),
  );
  return { child, exited };
}

/** What a reader of the database sees: the digest's status and how many emails and audit entries it has. */
function stateOf(app: TestApp) {
  const sqlite = app.runtime.sqlite.sqlite;
  const digest = sqlite.prepare('select id, status from digests where date = ?').get(DATE) as {
    id: number;
    status: string;
  };
  const n = (sql: string, id: number | string = digest.id) =>
    (sqlite.prepare(sql).get(id) as { n: number }).n;
  return {
    status: digest.status,
    deliveries: n('select count(*) as n from deliveries where digest_id = ?'),
    audit: n(
      `select count(*) as n from audit_log where action = 'digest.publish' and subject_id = ?`,
      String(digest.id),
    ),
  };
}

describe('a publish killed halfway', () => {
  it('leaves the digest published whole or not at all, and publishing again completes it', async () => {
    const app = await startTestApp();
    running.push(app);
    const db = app.runtime.deps.db;
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    await storeItems(db, source.id, [
      item({ guid: 'kites', title: 'Kites on the field', publishedAt: NOON }),
    ]);
    const insert = app.runtime.sqlite.sqlite.prepare(
      `insert into subscribers (email, email_key, status, token_nonce, created_at, updated_at)
       values (?, ?, 'confirmed', ?, 1, 1)`,
    );
    app.runtime.sqlite.sqlite.transaction(() => {
      for (let n = 0; n < SUBSCRIBERS; n++)
        insert.run(`p${n}@family.example`, `p${n}@family.example`, `n${n}`);
    })();
    const editor: DeskActor = { type: 'user', id: 1, userId: 1, label: 'dana', role: 'admin' };
    const items = await listItemsPublishedBetween(db, NOON - 12 * 3600_000, NOON + 12 * 3600_000);
    await saveDesk(deskDepsOf(app.runtime.deps), editor, DATE, {
      entries: items.map((i) => ({ itemId: i.id })),
    });

    // Killed at moments spread over the command's life: before, during or after the publishing write. Whatever
    // the moment, the database shows all of it or none of it.
    const seen = new Set<string>();
    for (const afterMs of [150, 300, 450, 600, 750, 900, 1200, 1600]) {
      const run = publish(app);
      await new Promise((r) => setTimeout(r, afterMs));
      run.child.kill('SIGKILL');
      await run.exited;
      const state = stateOf(app);
      if (state.status === 'published')
        expect(state).toEqual({ status: 'published', deliveries: SUBSCRIBERS, audit: 1 });
      else expect(state).toEqual({ status: 'draft', deliveries: 0, audit: 0 });
      seen.add(state.status);
      if (state.status === 'published') break;
    }

    // Publishing again completes it (or, if a killed run had finished, says it is already published).
    const again = await publish(app).exited;
    expect(again.code, again.output).toBe(0);
    expect(stateOf(app)).toEqual({ status: 'published', deliveries: SUBSCRIBERS, audit: 1 });
    expect(seen.has('draft')).toBe(true); // at least one kill landed before the publish was written
  }, 120_000);
});
