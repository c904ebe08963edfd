// The daily schedule against a real database file and an injected clock: exactly once per date whatever
// happens (racing schedulers in one process and in separate processes, restarts, clock jumps, downtime),
// reminders once, quiet days quiet, and the days clocks change.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit } from '../src/db/audit';
import { findDigest } from '../src/db/digests';
import { listItemsPublishedBetween } from '../src/db/items';
import { createNodeRuntime, type NodeRuntime } from '../src/entry/node';
import { deskDepsOf, markReady, publishDesk, saveDesk, type DeskActor } from '../src/curate/desk';
import { runPublishJob } from '../src/publish/publish-job';
import { changeSetting, readDistrictSettings } from '../src/settings/district-settings';
import { dayRange } from '../src/time/zoned-time';
import { createLogger } from '../src/log';
import { testClock } from './clock';
import { addConfirmedSubscriber, addSchoolWithSource, item, storeItems } from './fixtures';
import { addUser, startTestApp, testPasswords, type TestApp } from './test-app';

const run = promisify(execFile);
const BIN = resolve(import.meta.dirname, '../bin/yesterday.mjs');

const editor = (id: number): DeskActor => ({
  type: 'user',
  id,
  userId: id,
  label: `editor ${id}`,
  role: 'editor',
});

interface District {
  app: TestApp;
  dana: DeskActor;
  lee: DeskActor;
}

const apps: TestApp[] = [];
const runtimes: NodeRuntime[] = [];
afterEach(async () => {
  for (const runtime of runtimes.splice(0)) await runtime.close();
  for (const app of apps.splice(0)) await app.close();
});

/** A district with two editors, one subscriber, and posts at local noon on each of `dates`. */
async function district(start: string, dates: string[], timezone = 'America/Chicago'): Promise<District> {
  const app = await startTestApp({ clock: testClock(start) });
  apps.push(app);
  const db = app.runtime.deps.db;
  if (timezone !== 'America/Chicago') await changeSetting(db, 'timezone', timezone, 1);
  const dana = editor((await addUser(app, 'dana@district.example', 'editor')).id);
  const lee = editor((await addUser(app, 'lee@district.example', 'editor')).id);
  const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
  await storeItems(
    db,
    source.id,
    dates.map((date) => {
      const { start: dayStart } = dayRange(date, timezone);
      return item({ guid: date, title: `Kites on ${date}`, publishedAt: dayStart + 12 * 3600_000 });
    }),
  );
  await addConfirmedSubscriber(db, 'parent@family.example');
  return { app, dana, lee };
}

/** Selects the day's posts and marks the digest ready, as an editor does at the desk. */
async function ready({ app, dana }: District, date: string) {
  const deps = deskDepsOf(app.runtime.deps);
  const { timezone } = await readDistrictSettings(app.runtime.deps.db);
  const { start, end } = dayRange(date, timezone);
  const items = await listItemsPublishedBetween(app.runtime.deps.db, start, end);
  await saveDesk(deps, dana, date, { entries: items.map((i) => ({ itemId: i.id })) });
  return markReady(deps, dana, date);
}

function mails(app: TestApp) {
  const dir = app.config.outboxDir;
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map(
      (f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { to: string; subject: string; text: string },
    );
}

const publishes = async (app: TestApp) =>
  listAudit(app.runtime.deps.db, { action: 'digest.publish', limit: 100 });

describe('the daily schedule', () => {
  it('publishes a ready digest at its slot, and only then, and only once', async () => {
    const d = await district('2026-11-20T20:00:00Z', ['2026-11-20']);
    const slot = await ready(d, '2026-11-20');
    expect(new Date(slot).toISOString()).toBe('2026-11-21T13:00:00.000Z');
    const { app } = d;

    app.clock.set('2026-11-21T12:59:59Z');
    expect((await runPublishJob(app.runtime.deps)).published).toEqual([]);
    expect((await findDigest(app.runtime.deps.db, '2026-11-20'))!.status).toBe('ready');

    app.clock.set('2026-11-21T13:00:20Z');
    expect((await runPublishJob(app.runtime.deps)).published).toEqual([
      { date: '2026-11-20', lateMinutes: 0 },
    ]);
    expect((await runPublishJob(app.runtime.deps)).published).toEqual([]);
    const [entry] = await publishes(app);
    expect(entry).toMatchObject({
      actorLabel: 'scheduler',
      subjectId: String((await findDigest(app.runtime.deps.db, '2026-11-20'))!.id),
    });
    expect(JSON.parse(entry!.details)).toEqual({ scheduledFor: '2026-11-21T13:00:00.000Z' });
    expect((await publishes(app)).length).toBe(1);
  });

  it('publishes each date once when five schedulers race on one database file', async () => {
    const dates = [
      '2026-11-14',
      '2026-11-15',
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
    ];
    const d = await district('2026-11-14T20:00:00Z', dates);
    const { app } = d;
    for (const date of dates) {
      app.clock.set(Date.parse(`${date}T23:00:00Z`));
      await ready(d, date);
    }
    app.clock.set('2026-11-21T13:00:30Z');
    // Four more schedulers on the same database file, each with its own connection.
    const others = await Promise.all(
      [1, 2, 3, 4].map(() =>
        createNodeRuntime(app.config, {
          clock: app.clock,
          passwords: testPasswords,
          processWorkers: 0,
          log: createLogger('silent'),
        }),
      ),
    );
    runtimes.push(...others);
    const reports = await Promise.all([app.runtime, ...others].map((r) => runPublishJob(r.deps)));
    const published = reports.flatMap((r) => r.published.map((p) => p.date)).sort();
    expect(published).toEqual(dates);
    expect((await publishes(app)).length).toBe(dates.length);
    const db = new BetterSqlite3(app.config.databasePath, { readonly: true });
    try {
      const rows = db
        .prepare("select digest_id, count(*) as n from deliveries where kind = 'digest' group by digest_id")
        .all() as { n: number }[];
      expect(rows.map((r) => r.n)).toEqual(dates.map(() => 1));
    } finally {
      db.close();
    }
  });

  it('publishes once when separate processes run the schedule at the same moment', async () => {
    const d = await district('2026-11-20T20:00:00Z', ['2026-11-20']);
    await ready(d, '2026-11-20');
    const { app } = d;
    // The commands read the real clock: make the slot a minute ago in real time.
    const db = new BetterSqlite3(app.config.databasePath);
    db.prepare("update digests set scheduled_for = ? where date = '2026-11-20'").run(Date.now() - 60_000);
    db.close();
    const env = {
      PATH: process.env.PATH ?? '',
      DATABASE_PATH: app.config.databasePath,
      OUTBOX_DIR: app.config.outboxDir,
      PUBLIC_URL: app.config.publicUrl,
      LOG_LEVEL: 'silent',
    };
    const outputs = await Promise.all(
      [1, 2, 3].map(() => run(process.execPath, [BIN, 'schedule:run'], { env, timeout: 60_000 })),
    );
    const said = outputs.map((o) => o.stdout.trim()).sort();
    expect(said.filter((s) => s === 'Published the digest for 2026-11-20.').length).toBe(1);
    expect(said.filter((s) => s === 'Nothing is due.').length).toBe(2);
    expect((await publishes(app)).length).toBe(1);
  }, 90_000);

  it('changes nothing when the process restarts at the publish minute or the clock jumps back', async () => {
    const d = await district('2026-11-20T20:00:00Z', ['2026-11-20']);
    await ready(d, '2026-11-20');
    const { app } = d;
    app.clock.set('2026-11-21T13:00:05Z');
    await runPublishJob(app.runtime.deps);
    // A new process on the same file, in the same minute.
    const restarted = await createNodeRuntime(app.config, {
      clock: app.clock,
      passwords: testPasswords,
      processWorkers: 0,
      log: createLogger('silent'),
    });
    runtimes.push(restarted);
    expect((await runPublishJob(restarted.deps)).published).toEqual([]);
    // The clock is wound back an hour (NTP correction), then forward past the slot again.
    app.clock.set('2026-11-21T12:00:00Z');
    expect((await runPublishJob(app.runtime.deps)).published).toEqual([]);
    app.clock.set('2026-11-21T13:30:00Z');
    expect((await runPublishJob(restarted.deps)).published).toEqual([]);
    expect((await publishes(app)).length).toBe(1);
    expect((await findDigest(app.runtime.deps.db, '2026-11-20'))!.publishedAt).toBe(
      Date.parse('2026-11-21T13:00:05Z'),
    );
  });

  it('catches up after downtime, once, and says so in the log, the audit log and to the editors', async () => {
    const d = await district('2026-11-20T20:00:00Z', ['2026-11-20']);
    await ready(d, '2026-11-20');
    const { app } = d;
    app.clock.set('2026-11-21T16:12:00Z'); // the server was down from 06:00 to 10:12 Chicago time
    expect((await runPublishJob(app.runtime.deps)).published).toEqual([
      { date: '2026-11-20', lateMinutes: 192 },
    ]);
    expect(app.logs.some((line) => line.includes('published a digest late'))).toBe(true);
    const [entry] = await publishes(app);
    expect(JSON.parse(entry!.details)).toEqual({
      scheduledFor: '2026-11-21T13:00:00.000Z',
      lateMinutes: 192,
    });
    const late = mails(app).filter((m) => m.subject === 'The digest for Friday, November 20 went out late');
    expect(late.map((m) => m.to).sort()).toEqual(['dana@district.example', 'lee@district.example']);
    expect(late[0]!.text).toContain('192 minutes late');
    // Another scheduler catching up a moment later changes nothing and tells nobody again.
    app.clock.advance(30_000);
    await runPublishJob(app.runtime.deps);
    expect(mails(app).filter((m) => m.subject.includes('went out late')).length).toBe(2);
    expect((await publishes(app)).length).toBe(1);
  });

  it('reminds the editors once when a day is due and not ready; it goes out when they publish', async () => {
    const d = await district('2026-11-20T20:00:00Z', ['2026-11-20']);
    const { app, dana } = d;
    app.clock.set('2026-11-21T12:00:00Z');
    expect((await runPublishJob(app.runtime.deps)).reminded).toEqual([]);
    app.clock.set('2026-11-21T13:00:30Z');
    expect((await runPublishJob(app.runtime.deps)).reminded).toEqual(['2026-11-20']);
    app.clock.advance(30_000);
    expect((await runPublishJob(app.runtime.deps)).reminded).toEqual([]);
    const reminders = mails(app).filter(
      (m) => m.subject === 'The digest for Friday, November 20 is due and not ready',
    );
    expect(reminders.length).toBe(2); // one to each editor
    expect(reminders[0]!.text).toContain('1 post was shared that day, and none is selected yet.');
    expect(await findDigest(app.runtime.deps.db, '2026-11-20')).toBeUndefined();

    const deps = deskDepsOf(app.runtime.deps);
    const [post] = await listItemsPublishedBetween(app.runtime.deps.db, 0, Date.now() * 2);
    await saveDesk(deps, dana, '2026-11-20', { entries: [{ itemId: post!.id }] });
    await publishDesk(deps, dana, '2026-11-20');
    expect((await findDigest(app.runtime.deps.db, '2026-11-20'))!.status).toBe('published');
  });

  it('publishes nothing and reminds nobody on a quiet day', async () => {
    const d = await district('2026-11-20T20:00:00Z', []);
    d.app.clock.set('2026-11-21T13:00:30Z');
    expect(await runPublishJob(d.app.runtime.deps)).toEqual({
      published: [],
      returnedToDraft: [],
      reminded: [],
    });
    expect(mails(d.app)).toEqual([]);
  });

  it('does not remind about a day long past when the server comes back after days away', async () => {
    const d = await district('2026-11-20T20:00:00Z', ['2026-11-20']);
    d.app.clock.set('2026-11-23T15:00:00Z');
    expect((await runPublishJob(d.app.runtime.deps)).reminded).toEqual([]);
  });

  it('returns a ready digest to draft when it no longer passes the checks at its time, and says why', async () => {
    const d = await district('2026-11-20T20:00:00Z', ['2026-11-20']);
    await ready(d, '2026-11-20');
    const { app } = d;
    // Meanwhile the district adds "kites" to the tone list.
    await changeSetting(app.runtime.deps.db, 'tone_words', 'kites', app.clock.now());
    app.clock.set('2026-11-21T13:00:30Z');
    const report = await runPublishJob(app.runtime.deps);
    expect(report.published).toEqual([]);
    expect(report.returnedToDraft).toEqual([
      { date: '2026-11-20', reason: expect.stringContaining('One check finding is still open') },
    ]);
    expect((await findDigest(app.runtime.deps.db, '2026-11-20'))!.status).toBe('draft');
    expect(
      mails(app).filter((m) => m.subject === 'The digest for Friday, November 20 did not go out').length,
    ).toBe(2);
    app.clock.advance(30_000);
    expect(await runPublishJob(app.runtime.deps)).toEqual({
      published: [],
      returnedToDraft: [],
      reminded: [],
    });
  });

  describe('on the days clocks change, and far from UTC', () => {
    it('Europe/London, 25 October 2026: 01:30 happens twice; the digest goes out at the first', async () => {
      const d = await district('2026-10-24T20:00:00Z', ['2026-10-24'], 'Europe/London');
      await changeSetting(d.app.runtime.deps.db, 'publish_time', '01:30', 1);
      expect(new Date(await ready(d, '2026-10-24')).toISOString()).toBe('2026-10-25T00:30:00.000Z');
      d.app.clock.set('2026-10-25T00:30:10Z');
      expect((await runPublishJob(d.app.runtime.deps)).published).toEqual([
        { date: '2026-10-24', lateMinutes: 0 },
      ]);
      d.app.clock.set('2026-10-25T01:30:10Z'); // the second 01:30
      expect((await runPublishJob(d.app.runtime.deps)).published).toEqual([]);
      expect((await publishes(d.app)).length).toBe(1);
    });

    it('America/Chicago, 8 March 2026: 02:30 never happens; the digest goes out when the clock jumps', async () => {
      const d = await district('2026-03-07T20:00:00Z', ['2026-03-07']);
      await changeSetting(d.app.runtime.deps.db, 'publish_time', '02:30', 1);
      expect(new Date(await ready(d, '2026-03-07')).toISOString()).toBe('2026-03-08T08:00:00.000Z');
      d.app.clock.set('2026-03-08T07:59:50Z');
      expect((await runPublishJob(d.app.runtime.deps)).published).toEqual([]);
      d.app.clock.set('2026-03-08T08:00:10Z');
      expect((await runPublishJob(d.app.runtime.deps)).published).toEqual([
        { date: '2026-03-07', lateMinutes: 0 },
      ]);
    });

    it('Australia/Sydney, 4 October 2026: the spring gap', async () => {
      const d = await district('2026-10-03T01:00:00Z', ['2026-10-03'], 'Australia/Sydney');
      await changeSetting(d.app.runtime.deps.db, 'publish_time', '02:30', 1);
      expect(new Date(await ready(d, '2026-10-03')).toISOString()).toBe('2026-10-03T16:00:00.000Z');
      d.app.clock.set('2026-10-03T16:00:10Z');
      expect((await runPublishJob(d.app.runtime.deps)).published).toEqual([
        { date: '2026-10-03', lateMinutes: 0 },
      ]);
    });

    it('Pacific/Auckland: Friday’s digest goes out on Friday evening UTC', async () => {
      const d = await district('2026-11-20T02:00:00Z', ['2026-11-20'], 'Pacific/Auckland');
      expect(new Date(await ready(d, '2026-11-20')).toISOString()).toBe('2026-11-20T18:00:00.000Z');
      d.app.clock.set('2026-11-20T18:00:10Z');
      expect((await runPublishJob(d.app.runtime.deps)).published).toEqual([
        { date: '2026-11-20', lateMinutes: 0 },
      ]);
    });
  });
});
