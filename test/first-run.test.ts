// The first-run checklist: a fresh install asks for the district's name, its look, its sender, a first class
// account, an editor and a test email, each ticked by doing it, and the list goes away when all are done.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema';
import { readDistrictSettings } from '../src/settings/district-settings';
import { isPlaceholderSender } from '../src/settings/first-run';
import { dayRange } from '../src/time/zoned-time';
import { formFields, type Client } from './browser-client';
import { testClock } from './clock';
import { addSchoolWithSource, item, storeItems } from './fixtures';
import { addUser, publishFromDesk, signedInClient, startTestApp, type TestApp } from './test-app';

const todo = (page: string) =>
  [
    ...page.matchAll(/<span class="badge neutral">To do<\/span> (?:<a href="[^"]*">)?(?:<strong>)?([^<]+)</g),
  ].map((m) => m[1]);

describe('the first-run checklist', () => {
  let app: TestApp;
  let dana: Client;
  const inbox = async () => (await dana.get('/admin/inbox?date=2026-11-20')).text();

  beforeAll(async () => {
    app = await startTestApp({ clock: testClock('2026-11-21T15:00:00Z') });
    dana = await signedInClient(app, 'dana@district.example', 'admin');
  });
  afterAll(() => app.close());

  it('answers an oEmbed request for the site before its first digest with what is missing', async () => {
    const answer = await fetch(`${app.url}/oembed?url=${encodeURIComponent(`${app.url}/`)}`);
    expect(answer.status).toBe(404);
    expect(await answer.json()).toEqual({ error: 'No digest has been published yet.' });
  });

  it('lists every step on a fresh install, to administrators only', async () => {
    // A teacher's account is no second person to publish or approve; a disabled editor is none either.
    await addUser(app, 'teacher@district.example', 'contributor');
    const stopped = await addUser(app, 'gone@district.example', 'editor');
    await app.runtime.deps.db.orm.update(users).set({ disabled: true }).where(eq(users.id, stopped.id));
    const page = await inbox();
    expect(page).toContain('Getting started: 0 of 6 done');
    expect(todo(page)).toEqual([
      'Name your district',
      'Add your logo and colours',
      'Send from the district’s address',
      'Add the first class account',
      'Invite an editor',
      'Send yourself a test email',
    ]);
    const lee = await signedInClient(app, 'lee@district.example', 'editor');
    expect(await (await lee.get('/admin/inbox?date=2026-11-20')).text()).not.toContain('Getting started');
  });

  it('ticks each step as it is done; saving other settings does not tick the brand', async () => {
    const csrf = await dana.csrf('/admin/settings');
    // Only the name changes: the colours go back as shown, which is not choosing them.
    await dana.post('/admin/settings', {
      _csrf: csrf,
      district_name: 'Lakeside Unified',
      brand_primary: '#1f3a5f',
      brand_primary_picker: '#1f3a5f',
    });
    expect(todo(await inbox())).not.toContain('Name your district');
    expect(todo(await inbox())).toContain('Add your logo and colours');
    // The picker was moved and the typed field left as it was: the picker's colour is the one saved.
    await dana.post('/admin/settings', {
      _csrf: csrf,
      brand_accent: '#8a4b08',
      brand_accent_picker: '#1F6E43',
    });
    expect((await readDistrictSettings(app.runtime.deps.db)).brand.accent).toBe('#1f6e43');
    expect(todo(await inbox())).not.toContain('Add your logo and colours');

    const db = app.runtime.deps.db;
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    const { start } = dayRange('2026-11-20', 'America/Chicago');
    await storeItems(db, source.id, [item({ guid: 'a', title: 'Leaf rubbings', publishedAt: start + 36e6 })]);
    await addUser(app, 'ola@district.example', 'editor');
    let page = await inbox();
    expect(todo(page)).toEqual(['Send from the district’s address', 'Send yourself a test email']);

    const id = /inbox\/2026-11-20\/entries\/(\d+)\/add/.exec(page)![1]!;
    const version = /name="version" value="(\d+)"/.exec(page)![1]!;
    await dana.post('/admin/inbox/2026-11-20/save', { _csrf: csrf, version, entry: id });
    await dana.post('/admin/inbox/preview?date=2026-11-20', {
      _csrf: await dana.csrf('/admin/inbox/preview?date=2026-11-20'),
    });
    page = await inbox();
    expect(page).toContain('Getting started: 5 of 6 done');
    expect(todo(page)).toEqual(['Send from the district’s address']);
    expect(page).toContain('<section class="card first-run"');

    // Once the district has published, what is left folds to one line above the morning's work.
    await dana.post(`/admin/inbox/2026-11-20/entries/${id}/add`, {
      _csrf: csrf,
      version: /name="version" value="(\d+)"/.exec(page)![1]!,
    });
    const desk = await inbox();
    const published = await publishFromDesk(
      dana,
      '2026-11-20',
      formFields(desk.slice(desk.indexOf('id="desk"'))),
    );
    expect(published.status).toBe(303);
    page = await inbox();
    expect(page).toMatch(
      /<details class="card first-run"><summary><h2 class="card-heading">Getting started: 5 of 6 done<\/h2><\/summary>/,
    );
    expect(todo(page)).toEqual(['Send from the district’s address']);
  });

  it('knows a placeholder sender from a district’s own', () => {
    for (const placeholder of [
      'digest@localhost',
      'Yesterday <digest@localhost>',
      'a@example.org',
      'x@school.test',
    ])
      expect(isPlaceholderSender(placeholder), placeholder).toBe(true);
    for (const real of ['Lakeside <digest@lakeside.k12.ca.us>', 'news@district.org'])
      expect(isPlaceholderSender(real), real).toBe(false);
  });
});

describe('the first-run checklist, with the district’s sender configured', () => {
  it('does not ask for the sender', async () => {
    const app = await startTestApp({ env: { MAIL_FROM: 'Lakeside <digest@lakeside.k12.ca.us>' } });
    try {
      const dana = await signedInClient(app, 'dana@district.example', 'admin');
      const page = await (await dana.get('/admin/inbox')).text();
      expect(page).toContain('Getting started: 1 of 6 done');
      expect(page).not.toMatch(/To do<\/span> <strong>Send from/);
    } finally {
      await app.close();
    }
  });
});
