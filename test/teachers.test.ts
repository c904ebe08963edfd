// Teachers in the loop, over a real app (SQLite file, HTTP, outbox mail, fixed clock): authorization records
// and their expiry, featured and broken-feed notes to owners with a one-click stop, and coverage figures.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../src/email/mailer';
import { createApiToken } from '../src/auth/api-tokens';
import { cliActor, listAudit } from '../src/db/audit';
import { findSource, listDueSources } from '../src/db/sources';
import { claimMessage } from '../src/db/messages';
import { runLeaseCheck, runPollJob, SEND_LEASE_MS } from '../src/jobs/jobs';
import { runTeacherJobs } from '../src/jobs/teacher-jobs';
import { importSources } from '../src/sources/import-sources';
import { changeSetting } from '../src/settings/district-settings';
import { addPublishedDigest, item, storeItems } from './fixtures';
import { serveBody, startTestServer, type TestServer } from './http-server';
import { addUser, signedInClient, startTestApp, TEST_PASSWORD, type TestApp } from './test-app';
import { createClient } from './browser-client';
import { testClock } from './clock';

const DAY = 24 * 60 * 60_000;
const feed = (title: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title>
<link>https://class.example/</link><description>d</description>
<item><title>Seeds sprouted</title><link>https://class.example/seeds</link><guid>seeds</guid>
<pubDate>Fri, 20 Nov 2026 15:00:00 GMT</pubDate><description>Bean plants.</description></item>
</channel></rss>`;

let app: TestApp;
let feeds: TestServer;
let token: string;
let feedBroken = false;

beforeEach(async () => {
  feeds = await startTestServer();
  feedBroken = false;
  feeds.route('/rivera', (request, response) =>
    feedBroken
      ? (response.writeHead(500), response.end('down'))
      : serveBody(feed('Room 12'), 'application/rss+xml')(request, response),
  );
  feeds.route('/lee', serveBody(feed('Room 4'), 'application/rss+xml'));
  feeds.route('/okafor', serveBody(feed('Room 9'), 'application/rss+xml'));
  app = await startTestApp({ clock: testClock('2026-11-21T15:00:00Z') });
  token = (
    await createApiToken(app.runtime.deps.db, { name: 'bot', role: 'editor' }, cliActor, app.clock.now())
  ).token;
});
afterEach(async () => {
  await app.close();
  await feeds.close();
});

const api = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${app.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

/** Signs in an existing user (sessions end when the test clock jumps ahead). */
async function signIn(email: string) {
  const client = createClient(app.url);
  const response = await client.post('/admin/login', {
    _csrf: await client.csrf('/admin/login'),
    email,
    password: TEST_PASSWORD,
  });
  expect(response.status).toBe(303);
  return client;
}

const addSource = (path: string, school: string, extra: Record<string, unknown> = {}) =>
  api('POST', '/sources', { url: `${feeds.url}/${path}`, school, ...extra });

/** The emails sent so far, newest first: the outbox folder's copies, links whole (the Outbox page hides some). */
const mail = async () => {
  await app.sendQueuedMail();
  const dir = app.config.outboxDir;
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .reverse()
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as OutboxMessage);
};

/** Every email but the welcome an owner gets when their feed is added (its own test below). */
const notWelcome = (m: OutboxMessage) => !m.subject.includes(' is now read for ');

/** A published digest for `date` carrying these items (ids), the ones in `removed` taken down. */
async function publishDigest(date: string, itemIds: number[], removed: number[] = []) {
  await addPublishedDigest(
    app.runtime.deps.db,
    { date, title: 'T', itemIds, now: app.clock.now() },
    { removed },
  );
}

describe('authorization records', () => {
  it('are added through the API with who, when and a review date (default a year later), and carried back', async () => {
    const bad = await addSource('rivera', 'Lincoln', { authorized_on: '2026-13-01' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/not a date: write it as YYYY-MM-DD/);
    // One whose review date has passed is refused: it would not be read (the clock says 21 November 2026).
    const lapsed = await addSource('rivera', 'Lincoln', { authorized_on: '2025-11-01' });
    expect(lapsed.status).toBe(422);
    expect(lapsed.body.error.message).toMatch(
      /^This authorization was due for review on Sunday, November 1, 2026, so the account would not be read, and nothing was added\./,
    );
    const givenReview = await addSource('rivera', 'Lincoln', {
      authorized_on: '2025-01-05',
      review_on: '2026-01-05',
    });
    expect(givenReview.body.error.message).toBe(
      'The review date given, Monday, January 5, 2026, has passed, so the account would not be read, and nothing was added. Give a review date after today.',
    );
    // So is an authorization dated after today.
    const ahead = await addSource('rivera', 'Lincoln', { authorized_on: '2026-11-22' });
    expect(ahead.status).toBe(422);
    expect(ahead.body.error.message).toBe(
      'The authorization date (2026-11-22) is after today: give the day the account was authorized.',
    );
    expect((await api('GET', '/sources')).body.sources).toEqual([]);
    const added = await addSource('rivera', 'Lincoln', {
      authorized_by: 'Dana Hayes, Principal',
      authorized_on: '2026-09-01',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      authorized_by: 'Dana Hayes, Principal',
      authorized_on: '2026-09-01',
      review_on: '2027-09-01',
    });
    const listed = await api('GET', '/sources');
    expect(listed.body.sources[0]).toMatchObject({
      authorized_by: 'Dana Hayes, Principal',
      review_on: '2027-09-01',
    });
    // Without a name, nobody is recorded as authorizing it: not the token that added it. The list asks.
    const unnamed = await addSource('okafor', 'Lincoln', {});
    expect(unnamed.status).toBe(201);
    expect(unnamed.body).toMatchObject({ authorized_by: null, authorized_on: '2026-11-21' });
    await addUser(app, 'editor@district.example', 'editor');
    const editor = await signIn('editor@district.example');
    const page = await (await editor.get('/admin/sources')).text();
    expect(page.match(/who authorized it is not recorded/g)).toHaveLength(1);
    expect(await (await editor.get(`/admin/sources/${unnamed.body.id}`)).text()).toContain(
      'Authorized on Saturday, November 21, 2026; who authorized it is not recorded.',
    );
  });

  it('expire on the review date: the feed stops being read and its page says so until an editor renews it', async () => {
    const db = app.runtime.deps.db;
    const added = await addSource('rivera', 'Lincoln', {
      authorized_by: 'Dana Hayes, Principal',
      authorized_on: '2025-12-01',
      review_on: '2026-12-01',
      owner_email: 'rivera@district.example',
    });
    const id = added.body.id as number;
    await addUser(app, 'ed@district.example', 'editor');
    // 30 days before: one notice each to the editor and the owner, however often the round runs.
    app.clock.set('2026-11-21T15:00:00Z');
    await runTeacherJobs(app.runtime.deps);
    await runTeacherJobs(app.runtime.deps);
    const notices = (await mail()).filter(notWelcome);
    expect(notices.map((m) => m.to).sort()).toEqual(['ed@district.example', 'rivera@district.example']);
    expect(notices.every((m) => /due for review on Tuesday, December 1, 2026/.test(m.subject + m.text))).toBe(
      true,
    );
    // The review day (Chicago midnight): not read any more, even before the round marks it.
    app.clock.set('2026-12-01T07:00:00Z');
    expect((await listDueSources(db, app.clock.now(), 10)).map((s) => s.id)).not.toContain(id);
    await runTeacherJobs(app.runtime.deps);
    expect((await findSource(db, id))!.authorization).toBe('expired');
    const editor = await signIn('ed@district.example');
    const page = await (await editor.get(`/admin/sources/${id}`)).text();
    expect(page).toContain('Authorization expired on Tuesday, December 1, 2026; renew or suspend.');
    const list = await (await editor.get('/admin/sources?filter=review-due')).text();
    expect(list).toContain('Review due (1 source)');
    // Renewing records who and when, and reading resumes.
    const renewed = await editor.post(`/admin/sources/${id}/renew`, {
      _csrf: await editor.csrf(`/admin/sources/${id}`),
      authorized_by: 'Dana Hayes, Principal',
      review_on: '2027-12-01',
    });
    expect(renewed.status).toBe(303);
    const source = (await findSource(db, id))!;
    expect(source).toMatchObject({ authorization: 'authorized', renewedBy: 'ed@district.example' });
    expect(source.renewedAt).toBe(app.clock.now());
    expect((await listDueSources(db, app.clock.now(), 10)).map((s) => s.id)).toContain(id);
    const actions = (await listAudit(db, { limit: 100 })).map((entry) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining(['source.authorization-expired', 'source.authorization-renewed']),
    );
  });
});

describe('owner notes', () => {
  it('welcome an owner once when their feed is authorized, a new owner too, and nobody while welcomes are off', async () => {
    const db = app.runtime.deps.db;
    await changeSetting(db, 'contact_email', 'digest@district.example', app.clock.now());
    const rivera = (
      await addSource('rivera', 'Lincoln', {
        owner_email: 'Rivera@District.example',
        authorized_by: 'Dana Hayes, Principal',
        review_on: '2027-06-30',
      })
    ).body.id as number;
    const lee = (await addSource('lee', 'Adams', { owner_email: 'lee@district.example' })).body.id as number;
    await db.prepared(`update sources set authorization = 'pending' where id = ?`, [lee]);
    // Two schedulers at once, then a restart that runs the round again: one welcome, and none for a feed
    // not authorized yet.
    await Promise.all([runTeacherJobs(app.runtime.deps), runTeacherJobs(app.runtime.deps)]);
    await runTeacherJobs(app.runtime.deps);
    let welcomes = (await mail()).filter((m) => !notWelcome(m));
    expect(welcomes.map((m) => [m.to, m.subject])).toEqual([
      // Added through the API, the feed has not been read yet, so it has no title.
      ['Rivera@District.example', 'Your feed is now read for What happened yesterday'],
    ]);
    const text = welcomes[0]!.text;
    expect(text).toContain(
      `${feeds.url}/rivera was added to What happened yesterday, the daily digest of what happened in Our School District’s classes, as an account of Lincoln. The authorization was given by Dana Hayes, Principal.`,
    );
    expect(text).toContain('students by their first name only; photos of students only when their family');
    expect(text).toContain(
      'The authorization is due for review on Wednesday, June 30, 2027; you will hear from us a month before then.',
    );
    expect(text).toContain('Write to digest@district.example.');
    expect(text).toContain(`Read the page for teachers: ${app.url}/teachers`);
    // Like the other notes, it can be stopped in one click.
    expect(Object.keys(welcomes[0]!.headers).map((k) => k.toLowerCase())).toContain('list-unsubscribe');

    // Authorized later, or given a new owner: welcomed then; the owner before is not written to again.
    await db.prepared(`update sources set authorization = 'authorized' where id = ?`, [lee]);
    await db.prepared(`update sources set owner_email = 'okafor@district.example' where id = ?`, [rivera]);
    await runTeacherJobs(app.runtime.deps);
    await runTeacherJobs(app.runtime.deps);
    welcomes = (await mail()).filter((m) => !notWelcome(m));
    expect(welcomes.map((m) => m.to).sort()).toEqual([
      'Rivera@District.example',
      'lee@district.example',
      'okafor@district.example',
    ]);
    // Nobody recorded as authorizing it: it says the feed was added, not who allowed it.
    const lee_ = welcomes.find((m) => m.to === 'lee@district.example')!.text;
    expect(lee_).toContain(`${feeds.url}/lee was added to What happened yesterday`);
    expect(lee_).not.toContain('The authorization was given by');
    // The same owner written another way is no new owner; nor is a suspended feed welcomed.
    await db.prepared(`update sources set owner_email = ' OKAFOR@district.example' where id = ?`, [rivera]);
    await db.prepared(
      `update sources set owner_email = 'other@district.example', authorization = 'suspended' where id = ?`,
      [lee],
    );
    await runTeacherJobs(app.runtime.deps);
    expect((await mail()).filter((m) => !notWelcome(m))).toHaveLength(3);
    // An OPML list moved from another Yesterday: its owners count as welcomed, unless the import asks.
    const actor = { type: 'user' as const, id: 0, userId: null, label: 'test', role: 'admin' as const };
    await importSources(
      db,
      [
        {
          url: 'https://moved.example/feed',
          title: 'Moved',
          school: 'Adams',
          ownerEmail: 'moved@district.example',
          ownerName: null,
          siteUrl: null,
          mediaRelease: false,
        },
      ],
      { actor, now: app.clock.now() },
    );
    await importSources(
      db,
      [
        {
          url: 'https://first.example/feed',
          title: 'First',
          school: 'Adams',
          ownerEmail: 'first@district.example',
          ownerName: null,
          siteUrl: null,
          mediaRelease: false,
        },
      ],
      { actor, now: app.clock.now(), welcomeOwners: true },
    );
    await runTeacherJobs(app.runtime.deps);
    expect((await mail()).filter((m) => !notWelcome(m)).map((m) => m.to)).toContain('first@district.example');
    expect((await mail()).filter((m) => !notWelcome(m))).toHaveLength(4);

    // Off: a feed added meanwhile is passed over, not kept to be welcomed when they are turned on again.
    await changeSetting(db, 'notify_owners_welcome', 'false', app.clock.now());
    await addSource('okafor', 'Adams', { owner_email: 'new@district.example' });
    await runTeacherJobs(app.runtime.deps);
    await changeSetting(db, 'notify_owners_welcome', 'true', app.clock.now());
    await runTeacherJobs(app.runtime.deps);
    expect((await mail()).filter((m) => !notWelcome(m))).toHaveLength(4);
  });

  it('a welcome is not sent to an owner who stopped the emails, nor once the feed has another owner', async () => {
    const db = app.runtime.deps.db;
    await db.prepared(`insert into owner_opt_outs (email_key, at) values ('lee@district.example', 0)`, []);
    await addSource('lee', 'Adams', { owner_email: 'Lee@district.example' });
    const rivera = (await addSource('rivera', 'Lincoln', { owner_email: 'rivera@district.example' })).body
      .id as number;
    await runTeacherJobs(app.runtime.deps);
    // Queued for Rivera, but the feed changed hands before it went: the new owner gets their own.
    await db.prepared(`update sources set owner_email = 'okafor@district.example' where id = ?`, [rivera]);
    expect((await mail()).filter((m) => !notWelcome(m))).toEqual([]);
    await runTeacherJobs(app.runtime.deps);
    expect((await mail()).filter((m) => !notWelcome(m)).map((m) => m.to)).toEqual([
      'okafor@district.example',
    ]);
  });

  it('one featured email per digest and owner, never for a post taken down, none after the owner stops them', async () => {
    const db = app.runtime.deps.db;
    await changeSetting(db, 'notify_owners_featured', 'true', app.clock.now());
    const a = (await addSource('rivera', 'Lincoln', { owner_email: 'Rivera@District.example' })).body
      .id as number;
    const b = (await addSource('lee', 'Adams', { owner_email: 'lee@district.example' })).body.id as number;
    const noon = Date.parse('2026-11-20T18:00:00Z');
    await storeItems(db, a, [
      item({ guid: 'a1', publishedAt: noon }),
      item({ guid: 'a2', publishedAt: noon + 1 }),
    ]);
    await storeItems(db, b, [item({ guid: 'b1', publishedAt: noon })]);
    const ids = (
      await db.query<{ id: number; guid: string }>('select id, guid from items order by guid', [])
    ).map((row) => row.id);
    const [a1, a2, , , b1] = [ids[0]!, ids[1]!, 0, 0, ids.at(-1)!];
    await publishDigest('2026-11-20', [a1, a2, b1], [b1]);
    // Two schedulers at once, then a restart that runs the round again.
    await Promise.all([runTeacherJobs(app.runtime.deps), runTeacherJobs(app.runtime.deps)]);
    await runTeacherJobs(app.runtime.deps);
    const sent = (await mail()).filter((m) => /featured|Your post/.test(m.subject));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe('Rivera@District.example');
    expect(sent[0]!.text).toContain(`Headline ${a1}: https://class.example/a1`);
    expect(sent[0]!.text).toContain(`Headline ${a2}: https://class.example/a2`);
    const header = (name: string) =>
      Object.entries(sent[0]!.headers).find(([key]) => key.toLowerCase() === name)?.[1];
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const stop = /<([^>]+)>/.exec(header('list-unsubscribe')!)![1]!;
    // A forged link does nothing.
    const forged = stop.replace(/token=[^&]+/, 'token=AAAAAAAAAAAAAAAAAAAAAA');
    expect((await fetch(forged, { method: 'POST' })).status).toBe(404);
    const oneClick = await fetch(stop, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    app.clock.advance(DAY);
    await storeItems(db, a, [item({ guid: 'a3', publishedAt: noon + DAY })]);
    const a3 = (await db.query<{ id: number }>(`select id from items where guid = 'a3'`, []))[0]!.id;
    await publishDigest('2026-11-21', [a3]);
    await runTeacherJobs(app.runtime.deps);
    expect((await mail()).filter((m) => /featured|Your post/.test(m.subject))).toHaveLength(1);

    // The source's page says the owner stopped them, and when; only the owner's own link starts them again.
    await addUser(app, 'desk@district.example', 'editor');
    const editor = await signIn('desk@district.example');
    expect(await (await editor.get(`/admin/sources/${a}`)).text()).toContain(
      'Rivera@District.example stopped the emails about their feeds on 2026-11-2',
    );
    expect(
      (
        await fetch(
          stop.replace('/stop?', '/start?').replace(/token=[^&]+/, 'token=AAAAAAAAAAAAAAAAAAAAAA'),
          { method: 'POST' },
        )
      ).status,
    ).toBe(404);
    // The stop link opened again offers to start them, rather than to stop them once more.
    const reopened = await (await fetch(stop)).text();
    expect(reopened).toContain('Emails about your feed are stopped');
    expect(reopened).toContain('action="/owner-notes/start?');
    const again = await fetch(stop.replace('/stop?', '/start?'), { method: 'POST' });
    expect(await again.text()).toContain('Emails about your feed start again');
    expect(await (await editor.get(`/admin/sources/${a}`)).text()).not.toContain('stopped the emails');
    const [optIn] = await listAudit(db, { action: 'owner.opt-in', limit: 1 });
    expect(optIn).toBeDefined();
    app.clock.advance(DAY);
    await storeItems(db, a, [item({ guid: 'a4', publishedAt: noon + 2 * DAY })]);
    const a4 = (await db.query<{ id: number }>(`select id from items where guid = 'a4'`, []))[0]!.id;
    await publishDigest('2026-11-22', [a4]);
    await runTeacherJobs(app.runtime.deps);
    // The notes come again: this digest's, and the one published while they were stopped (the round looks back
    // over the last days, as it does for an owner address added late).
    const notes = (await mail()).filter((m) => /featured|Your post/.test(m.subject));
    expect(notes).toHaveLength(3);
    expect(notes.map((m) => m.text).join('\n')).toContain(`Headline ${a4}: https://class.example/a4`);
  });

  it('a featured note whose sender died mid-send is neither sent again nor queued again', async () => {
    const db = app.runtime.deps.db;
    await changeSetting(db, 'notify_owners_featured', 'true', app.clock.now());
    const a = (await addSource('rivera', 'Lincoln', { owner_email: 'rivera@district.example' })).body
      .id as number;
    await storeItems(db, a, [item({ guid: 'a1', publishedAt: Date.parse('2026-11-20T18:00:00Z') })]);
    const [a1] = (await db.query<{ id: number }>('select id from items', [])).map((row) => row.id);
    await publishDigest('2026-11-20', [a1!]);
    await runTeacherJobs(app.runtime.deps);
    // A sender claims the note and its process dies before it can record what happened.
    const [note] = await db.query<{ id: number }>(
      `select id from messages where kind = 'owner-featured'`,
      [],
    );
    expect(await claimMessage(db, note!.id, app.clock.now())).toBe(true);
    // The restarted process runs the round again, and its sender later finds the note past its lease.
    await runTeacherJobs(app.runtime.deps);
    app.clock.advance(SEND_LEASE_MS + 60_000);
    expect(await runLeaseCheck(app.runtime.deps)).toBe(1);
    await runTeacherJobs(app.runtime.deps);
    expect((await mail()).filter((m) => m.to === 'rivera@district.example' && notWelcome(m))).toEqual([]);
    expect(
      await db.query<{ state: string }>(`select state from messages where kind = 'owner-featured'`, []),
    ).toEqual([{ state: 'unknown' }]);
  });

  it('a post taken down at the desk: its owner is told, with the coordinator’s words and never the reason', async () => {
    const db = app.runtime.deps.db;
    const a = (await addSource('rivera', 'Lincoln', { owner_email: 'rivera@district.example' })).body
      .id as number;
    const b = (await addSource('lee', 'Adams', { owner_email: 'lee@district.example' })).body.id as number;
    const c = (await addSource('okafor', 'Adams')).body.id as number;
    const noon = Date.parse('2026-11-20T18:00:00Z');
    await storeItems(db, a, [item({ guid: 'a1', publishedAt: noon })]);
    await storeItems(db, b, [item({ guid: 'b1', publishedAt: noon + 1 })]);
    await storeItems(db, c, [item({ guid: 'c1', publishedAt: noon + 2 })]);
    const id = async (guid: string) =>
      (await db.query<{ id: number }>('select id from items where guid = ?', [guid]))[0]!.id;
    const [a1, b1, c1] = [await id('a1'), await id('b1'), await id('c1')];
    await publishDigest('2026-11-20', [a1, b1, c1]);
    await addUser(app, 'desk@district.example', 'editor');
    const editor = await signIn('desk@district.example');

    // Under each takedown's reason: who would be told (ticked), or why nobody is.
    const page = await (await editor.get('/admin/inbox?date=2026-11-20')).text();
    expect(page).toContain(`name="tell_owner_${a1}" value="yes" checked=""`);
    expect(page).toContain('Email rivera@district.example, who owns this feed, that it was taken down');
    expect(page).toContain(`name="owner_words_${a1}"`);
    expect(page).toContain('The feed has no owner’s email address, so nobody is told.');
    const csrf = await editor.csrf('/admin/inbox?date=2026-11-20');
    const takedown = (itemId: number, fields: Record<string, string>) =>
      editor.post(`/admin/inbox/2026-11-20/entries/${itemId}/takedown`, {
        _csrf: csrf,
        entry: String(itemId),
        ...fields,
      });

    // Words too long are refused, and everything typed comes back: the reason, the words, the box as it was.
    const long = await takedown(a1, {
      [`takedown_reason_${a1}`]: 'A parent withdrew consent for the photo.',
      [`tell_owner_${a1}`]: 'yes',
      [`owner_words_${a1}`]: 'x'.repeat(1001),
    });
    expect(long.status).toBe(422);
    const kept = await long.text();
    expect(kept).toContain('The words for the teacher are 1001 characters long; keep them to 1000.');
    expect(kept).toContain('A parent withdrew consent for the photo.</textarea>');
    expect(kept).toContain(
      `aria-describedby="tell-${a1}-words-problem" autofocus="">${'x'.repeat(1001)}</textarea>`,
    );
    expect(kept).toContain(`name="tell_owner_${a1}" value="yes" checked=""`);
    expect((await mail()).filter((m) => m.to === 'rivera@district.example' && notWelcome(m))).toEqual([]);

    const done = await takedown(a1, {
      [`takedown_reason_${a1}`]: 'A parent withdrew consent for the photo.',
      [`tell_owner_${a1}`]: 'yes',
      [`owner_words_${a1}`]: 'Please take the class photo off your blog post too.',
    });
    expect(done.status).toBe(303);
    const flash = await (await editor.get(done.headers.get('location')!)).text();
    expect(flash).toContain('The feed’s owner gets an email saying so.');
    // Pressed again (a second tab, Back and again): the post is down already, so it is refused and nothing
    // more is queued.
    const again = await takedown(a1, {
      [`takedown_reason_${a1}`]: 'A parent withdrew consent for the photo.',
      [`tell_owner_${a1}`]: 'yes',
    });
    expect(await (await editor.get(again.headers.get('location')!)).text()).toContain(
      'That post is not in the published digest',
    );
    const told = (await mail()).filter((m) => m.to === 'rivera@district.example' && notWelcome(m));
    expect(told).toHaveLength(1);
    expect(told[0]!.subject).toBe('Your post was taken down from What happened yesterday');
    expect(told[0]!.text).toContain(
      `“Headline ${a1}” was in What happened yesterday for Friday, November 20, 2026.`,
    );
    expect(told[0]!.text).toContain('Please take the class photo off your blog post too.');
    expect(told[0]!.text).not.toContain('withdrew consent');
    expect(told[0]!.html).not.toContain('withdrew consent');
    expect(told[0]!.text).toContain(`Headline ${a1}: https://class.example/a1`);
    // It comes whatever the owner stopped, so it offers no way to stop it.
    const header = (name: string) =>
      Object.entries(told[0]!.headers).find(([key]) => key.toLowerCase() === name)?.[1];
    expect(header('list-unsubscribe-post')).toBeUndefined();
    expect(told[0]!.text).not.toContain('Stop these emails');

    // Unticked, nobody is told.
    expect(
      (await takedown(b1, { [`takedown_reason_${b1}`]: 'Posted to the wrong class by mistake.' })).status,
    ).toBe(303);
    expect((await mail()).filter((m) => m.to === 'lee@district.example')).toEqual([]);
    expect(
      await db.query<{ n: number }>(`select count(*) as n from messages where kind = 'owner-taken-down'`, []),
    ).toEqual([{ n: 1 }]);
  });

  it('an owner who stopped the emails is still told of a takedown, which offers no link to stop it, and the desk says so', async () => {
    const db = app.runtime.deps.db;
    const a = (await addSource('rivera', 'Lincoln', { owner_email: 'rivera@district.example' })).body
      .id as number;
    await storeItems(db, a, [item({ guid: 'a1', publishedAt: Date.parse('2026-11-20T18:00:00Z') })]);
    const [a1] = (await db.query<{ id: number }>('select id from items', [])).map((row) => row.id);
    await publishDigest('2026-11-20', [a1!]);
    await db.prepared('insert into owner_opt_outs (email_key, at) values (?, ?)', [
      'rivera@district.example',
      app.clock.now(),
    ]);
    await addUser(app, 'desk@district.example', 'editor');
    const editor = await signIn('desk@district.example');
    const page = await (await editor.get('/admin/inbox?date=2026-11-20')).text();
    expect(page).toContain('rivera@district.example stopped the other emails about their feed on');
    expect(page).toContain('a takedown’s note still reaches them when this box is ticked.');
    expect(page).toContain(`name="tell_owner_${a1}"`);
    // A takedown is about something the district did to their post: the note goes all the same.
    const taken = await api('POST', `/digests/2026-11-20/entries/${a1}/takedown`, {
      reason: 'Posted to the wrong class by mistake.',
      tell_owner: true,
      owner_words: 'Sorry about this.',
    });
    expect(taken.status).toBe(200);
    expect(taken.body.owner_told).toBe(true);
    const told = (await mail()).filter((m) => m.to === 'rivera@district.example' && notWelcome(m));
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain('Sorry about this.');
    expect(told[0]!.text).not.toContain('Stop these emails');
    expect(Object.keys(told[0]!.headers).map((name) => name.toLowerCase())).not.toContain('list-unsubscribe');
  });

  it('a feed failing three days sends one broken-feed email, then one when it recovers', async () => {
    const db = app.runtime.deps.db;
    const id = (await addSource('rivera', 'Lincoln', { owner_email: 'rivera@district.example' })).body
      .id as number;
    feedBroken = true;
    const start = app.clock.now();
    for (let hours = 1; hours <= 4 * 24; hours += 6) {
      app.clock.set(start + hours * 60 * 60_000);
      await db.prepared('update sources set next_fetch_at = 0, paused = 0 where id = ?', [id]);
      await runPollJob(app.runtime.deps, { sourceId: id });
      await runTeacherJobs(app.runtime.deps);
    }
    const broken = (await mail()).filter((m) => m.to === 'rivera@district.example' && notWelcome(m));
    expect(broken).toHaveLength(1);
    expect(broken[0]!.subject).toMatch(/We cannot read/);
    expect(broken[0]!.text).toMatch(/What went wrong: .*500/);
    expect(broken[0]!.text).toMatch(/What to do:/);
    feedBroken = false;
    app.clock.advance(60 * 60_000);
    await runPollJob(app.runtime.deps, { sourceId: id });
    await runTeacherJobs(app.runtime.deps);
    await runTeacherJobs(app.runtime.deps);
    const all = (await mail()).filter((m) => m.to === 'rivera@district.example' && notWelcome(m));
    expect(all.map((m) => m.subject)).toEqual(expect.arrayContaining([expect.stringMatching(/works again/)]));
    expect(all).toHaveLength(2);
  });
});

describe('coverage', () => {
  it('counts posts read and featured per school and source over a seeded month', async () => {
    const db = app.runtime.deps.db;
    const a = (await addSource('rivera', 'Lincoln')).body.id as number;
    const b = (await addSource('lee', 'Adams')).body.id as number;
    // November: Lincoln posts every day (30), featured on ten days; Adams posts on five days, never featured.
    for (let day = 1; day <= 30; day++) {
      const at = Date.parse(`2026-11-${String(day).padStart(2, '0')}T18:00:00Z`);
      await storeItems(db, a, [item({ guid: `n${day}`, publishedAt: at })]);
      if (day % 6 === 0) await storeItems(db, b, [item({ guid: `m${day}`, publishedAt: at })]);
    }
    const idOf = async (guid: string) =>
      (await db.query<{ id: number }>('select id from items where guid = ?', [guid]))[0]!.id;
    for (let day = 3; day <= 30; day += 3)
      await publishDigest(`2026-11-${String(day).padStart(2, '0')}`, [await idOf(`n${day}`)]);
    // A taken-down entry and an October post do not count.
    await publishDigest('2026-10-31', [await idOf('n1')]);
    const report = await api('GET', '/reports/coverage?from=2026-11-01&to=2026-11-30');
    expect(report.status).toBe(200);
    const lincoln = report.body.schools.find((s: { slug: string }) => s.slug === 'lincoln');
    const adams = report.body.schools.find((s: { slug: string }) => s.slug === 'adams');
    expect(lincoln).toMatchObject({
      school: 'Lincoln',
      posts: 30,
      featured: 10,
      last_featured_on: '2026-11-30',
    });
    expect(lincoln.sources).toEqual([
      { id: a, title: `${feeds.url}/rivera`, posts: 30, featured: 10, last_featured_on: '2026-11-30' },
    ]);
    expect(adams).toMatchObject({ posts: 5, featured: 0, last_featured_on: null });
    const bad = await api('GET', '/reports/coverage?from=2026-11-30&to=2026-11-01');
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/swap the dates/);
    // The page, sorted by the longest unseen, and its CSV.
    const editor = await signedInClient(app, 'ed@district.example', 'editor');
    const page = await (
      await editor.get('/admin/coverage?period=custom&from=2026-11-01&to=2026-11-30&sort=quiet')
    ).text();
    expect(page).toContain('<svg');
    expect(page.indexOf('>Adams<')).toBeLessThan(page.indexOf('>Lincoln<'));
    const csv = await (
      await editor.get('/admin/coverage/export.csv?period=custom&from=2026-11-01&to=2026-11-30')
    ).text();
    expect(csv.split('\r\n')[0]).toBe(
      'school,source_id,source,posts,featured,last_featured_on,days_since_featured',
    );
    expect(csv).toContain(`Lincoln,${a},${feeds.url}/rivera,30,10,2026-11-30,0`);
    // The inbox labels Adams (never featured) and not Lincoln.
    app.clock.set('2026-12-02T15:00:00Z');
    const later = await signedInClient(app, 'ed2@district.example', 'editor');
    const inbox = await (await later.get('/admin/inbox?date=2026-11-30')).text();
    expect(inbox).toMatch(/Adams[\s\S]{0,200}not featured yet/);
    expect(inbox).not.toMatch(/Lincoln <span class="muted small">\(\d+\)<\/span> <span class="badge warn"/);
    // Last featured counts back from today for a period up to today, and from its end for one before.
    const upToToday = await (await later.get('/admin/coverage?period=school-year')).text();
    expect(upToToday).toContain('Monday, November 30, 2026<div class="small muted">2 days ago</div>');
    const before = await (
      await later.get('/admin/coverage?period=custom&from=2026-11-01&to=2026-11-28')
    ).text();
    expect(before).toContain(
      'Friday, November 27, 2026<div class="small muted">1 day before Saturday, November 28</div>',
    );
    // A period that runs past today counts from today too.
    const beyond = await (
      await later.get('/admin/coverage?period=custom&from=2026-11-01&to=2026-12-31')
    ).text();
    expect(beyond).toContain('Monday, November 30, 2026<div class="small muted">2 days ago</div>');
    // Dates the wrong way round are refused with why, and the form keeps them to be put right.
    const reversed = await later.get('/admin/coverage?period=custom&from=2026-12-05&to=2026-11-01');
    expect(reversed.status).toBe(422);
    const form = await reversed.text();
    expect(form).toMatch(/<input type="radio" name="period" value="custom" checked=""\/>/);
    expect(form).toContain('name="from" value="2026-12-05"');
    expect(form).toContain('name="to" value="2026-11-01"');
  });
});
