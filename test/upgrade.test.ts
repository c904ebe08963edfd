// A district upgrading, as the README says (back up, git pull, npm ci, restart): a database an earlier release
// wrote (test/upgrade/c1170ed.sql: the first district day, with a published, corrected digest, a post taken
// down, one parent confirmed and one unsubscribed) is migrated when the server starts, and everything the
// district and its families already hold keeps working: the pages and feeds, the links in emails already
// sent, the coordinator's password, the API token in a script, and no email goes out a second time.
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../src/db/sqlite-node';
import { runTeacherJobs } from '../src/jobs/teacher-jobs';
import { createClient } from './browser-client';
import { testClock } from './clock';
import { startTestApp, type TestApp } from './test-app';

const RELEASE = join(import.meta.dirname, 'upgrade', 'c1170ed.sql');
const JOURNAL = join(import.meta.dirname, '..', 'drizzle', 'meta', '_journal.json');
const PASSWORD = 'U5s8uLJ18klo';
const TOKEN = 'yd_5qYhuk6uukgmteWJJ7mM1EAjp197xuJUbicRiI8obzg';
/** The links in the emails that release sent to parent.one@example.org. */
const PREFERENCES = '/preferences?token=1.EMfkcGVccKOHsIjnL0XYtA';
const UNSUBSCRIBE = '/unsubscribe?token=1.vOffoiG-7PP5j3aHXEByEA';

describe('upgrading a district from an earlier release', () => {
  let dir: string;
  let app: TestApp;
  const page = async (path: string) => {
    const response = await fetch(app.url + path);
    expect(response.status, path).toBe(200);
    return response.text();
  };
  const subscriber = (email: string) =>
    app.runtime.sqlite.sqlite.prepare('select status from subscribers where email = ?').get(email) as {
      status: string;
    };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yesterday-upgrade-'));
    const path = join(dir, 'yesterday.db');
    const earlier = openSqlite(path);
    // The dump creates tables by name, so one may refer to another it has not created yet.
    earlier.sqlite.pragma('foreign_keys = OFF');
    earlier.sqlite.exec(readFileSync(RELEASE, 'utf8'));
    // A feed with an owner, as a district that filled in "Owner's email" has.
    earlier.sqlite.exec(`update sources set owner_email = 'Rivera@Lincoln.example' where id = 1`);
    earlier.close();
    app = await startTestApp({
      clock: testClock('2026-12-06T15:00:00Z'),
      env: { DATABASE_PATH: path },
    });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies every migration since that release when the server starts', () => {
    const { entries } = JSON.parse(readFileSync(JOURNAL, 'utf8')) as { entries: unknown[] };
    const applied = app.runtime.sqlite.sqlite
      .prepare('select count(*) as n from __drizzle_migrations')
      .get() as {
      n: number;
    };
    expect(entries.length).toBeGreaterThan(7);
    expect(applied.n).toBe(entries.length);
    // Each entry keeps the account's name, the post's address and its author as they were at the upgrade,
    // whatever the feeds say later.
    const entry = app.runtime.sqlite.sqlite
      .prepare(
        `select e.source_title as sourceTitle, e.post_url as postUrl, e.post_author as postAuthor, s.title, i.url,
           coalesce(i.author, '') as author
         from digest_entries e join items i on i.id = e.item_id join sources s on s.id = i.source_id limit 1`,
      )
      .get() as Record<string, string>;
    expect(entry.postUrl).toBeTruthy();
    expect([entry.sourceTitle, entry.postUrl, entry.postAuthor]).toEqual([
      entry.title ?? '',
      entry.url,
      entry.author,
    ]);
  });

  it('shows the published digest as corrected, without the post taken down or the teachers’ pictures', async () => {
    const digest = await page('/digests/2026-12-04');
    expect(digest).toContain('Sprouts, robots and volcanoes');
    expect(digest).toContain('The volcano lab was at Riverside, not Oak Hill; we fixed the school name.');
    expect(digest).toContain('The class measured the lava flow.');
    expect(digest).toContain('a post was removed from this digest');
    expect(digest).not.toContain('volunteered at the book fair');
    // Pictures were the teachers' own addresses then; pages now show only the district's copies.
    expect(digest).not.toContain('/demo/images/');
    const archive = await page('/archive');
    expect(archive).toContain('/digests/2026-12-04');
    expect(archive).toContain('/digests/2026-12-03');
    const feed = await page('/feed.xml');
    expect(feed).toContain('Sprouts, robots and volcanoes');
    expect(feed).not.toContain('volunteered at the book fair');
  });

  it('keeps the links in the emails parents already have working', async () => {
    expect(await page(PREFERENCES)).toContain('parent.one@example.org');
    const response = await fetch(app.url + UNSUBSCRIBE, {
      method: 'POST',
      body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }),
    });
    expect(response.status).toBe(200);
    expect(subscriber('parent.one@example.org').status).toBe('unsubscribed');
    expect(subscriber('parent.two@example.org').status).toBe('unsubscribed');
  });

  it('signs the coordinator in with their password, and takes the API token a script holds', async () => {
    const client = createClient(app.url);
    const signIn = await client.post('/admin/login', {
      _csrf: await client.csrf('/admin/login'),
      email: 'coordinator@lakeside.example',
      password: PASSWORD,
    });
    expect(signIn.status).toBe(303);
    const desk = await (await client.get('/admin/inbox?date=2026-12-04')).text();
    expect(desk).toContain('Correct this digest');
    expect(desk).toContain('The volcano lab was at Riverside');
    // Sources the command line added were recorded as authorized by "command line": now by nobody, so the
    // Sources page asks for the name.
    const sources = await (await client.get('/admin/sources')).text();
    expect(sources).not.toContain('command line');
    expect(sources).toContain('who authorized it is not recorded');

    const api = await fetch(`${app.url}/api/v1/digests/2026-12-04`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({ status: 'published', version: 4 });
  });

  it('sends nobody the digest or its correction again, nor a welcome to the owner of a feed already read', async () => {
    await runTeacherJobs(app.runtime.deps);
    await app.sendQueuedMail();
    const outbox = app.config.outboxDir;
    expect(existsSync(outbox) ? readdirSync(outbox) : []).toEqual([]);
  });
});
