// The Sources page over HTTP: test a feed without saving, add it, import and export OPML, change or remove a
// source, and a broken feed's health from its first failure through pausing to Retry now.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../src/db/audit';
import { findOrCreateSchool, findSchoolBySlug, listSchools } from '../src/db/schools';
import { saveDigestDraft } from '../src/db/digests';
import { listSources } from '../src/db/sources';
import { sources } from '../src/db/schema';
import { eq } from 'drizzle-orm';
import { PAUSE_AFTER_FAILURES } from '../src/ingest/refresh-source';
import { runPollJob } from '../src/jobs/jobs';
import { readDistrictSettings } from '../src/settings/district-settings';
import { localDateOf } from '../src/time/zoned-time';
import { formFields, type Client } from './browser-client';
import { serveBody, startTestServer, type TestServer } from './http-server';
import { signedInClient, startTestApp, type TestApp } from './test-app';
import { addSchoolWithSource } from './fixtures';

const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Room 5</title><link>https://room5.example/</link><generator>Mastodon v4.3</generator>
<item><title>Leaf rubbings</title><link>https://room5.example/leaves</link><pubDate>Fri, 20 Nov 2026 16:00:00 GMT</pubDate><description>&lt;p&gt;We made leaf rubbings.&lt;/p&gt;&lt;img src="/leaves.jpg" alt="Crayon leaf rubbings"&gt;</description></item>
</channel></rss>`;

describe('the Sources page', () => {
  let app: TestApp;
  let feeds: TestServer;
  let admin: Client;

  beforeAll(async () => {
    feeds = await startTestServer();
    feeds.route('/feed', serveBody(feed, 'application/rss+xml'));
    feeds.route(
      '/login',
      serveBody('<!doctype html><html><body><form>Sign in</form></body></html>', 'text/html'),
    );
    feeds.route(
      '/blog',
      serveBody(
        '<!doctype html><html><head><title>Room 5</title><link rel="alternate" type="application/rss+xml" title="Room 5" href="/feed"></head><body><h1>Room 5</h1></body></html>',
        'text/html',
      ),
    );
    app = await startTestApp();
    admin = await signedInClient(app);
  });
  afterAll(async () => {
    await app.close();
    await feeds.close();
  });

  it('tests a feed without saving anything', async () => {
    const csrf = await admin.csrf('/admin/sources');
    const page = await (
      await admin.post('/admin/sources/test', { _csrf: csrf, url: `${feeds.url}/feed`, school: 'Lincoln' })
    ).text();
    expect(page).toContain('Nothing has been saved.');
    expect(page).toContain('RSS 2.0 · Mastodon');
    expect(page).toContain('Leaf rubbings');
    expect(page).toContain('Yes: “Crayon leaf rubbings”');
    const broken = await (
      await admin.post('/admin/sources/test', {
        _csrf: csrf,
        url: `${feeds.url}/login`,
        school: 'Lincoln Elementary School',
        authorized_by: 'Dana Hayes, Principal',
      })
    ).text();
    expect(broken).toContain('This feed cannot be read.');
    expect(broken).toContain('The address is a web page, not a feed');
    // A web page does not become a feed by waiting: no advice to add it as if it were down for a while.
    expect(broken).toContain('correct the address and try again.');
    expect(broken).not.toContain('only down for a while');
    // Back on the form, what was typed is kept, with the choice to add it anyway.
    expect(broken).toContain(`value="${feeds.url}/login"`);
    expect(broken).toContain('value="Dana Hayes, Principal"');
    expect(broken).toContain('name="add_anyway"');
    expect(await listSources(app.runtime.deps.db)).toEqual([]);
  });

  it('offers to test the feed a class blog’s home page links to, in one click', async () => {
    const csrf = await admin.csrf('/admin/sources');
    const page = await (
      await admin.post('/admin/sources/test', { _csrf: csrf, url: `${feeds.url}/blog`, school: 'Lincoln' })
    ).text();
    expect(page).toContain(`The page links to this feed: ${feeds.url}/feed`);
    expect(page).toContain('The feed that page links to');
    // The offer is a form: post what its fields and its button hold, as a browser would.
    const form = /<form method="post" action="([^"]+)" class="card">([\s\S]*?)<\/form>/.exec(page);
    expect(form?.[1]).toBe('/admin/sources/test');
    const fields = formFields(form![2]!);
    const button = /<button type="submit" name="url" value="([^"]+)"[^>]*>\s*Test this feed/.exec(form![2]!);
    expect(fields).toMatchObject({ school: 'Lincoln' });
    expect(button?.[1]).toBe(`${feeds.url}/feed`);
    const tested = await (await admin.post(form![1]!, { ...fields, url: button![1]! })).text();
    expect(tested).toContain('Leaf rubbings');
    expect(tested).toContain('value="Lincoln"'); // the school typed before carries through to "Add this source"
    expect(await listSources(app.runtime.deps.db)).toEqual([]);
    // A feed the page links to that is a source already (written another way) is marked with its school.
    const { db } = app.runtime.deps;
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', `${feeds.url}/feed/`);
    try {
      const again = await (
        await admin.post('/admin/sources/test', {
          _csrf: await admin.csrf('/admin/sources'),
          url: `${feeds.url}/blog`,
        })
      ).text();
      expect(again).toContain('<span class="badge">already a source (Lincoln Elementary)</span>');
    } finally {
      await db.orm.delete(sources).where(eq(sources.id, source.id));
    }
  });

  it('refuses a bad address with a sentence, keeps what was typed, and adds nothing', async () => {
    const csrf = await admin.csrf('/admin/sources');
    const fetched = feeds.requests.length;
    const response = await admin.post('/admin/sources', {
      _csrf: csrf,
      url: 'classroom blog',
      school: 'Lincoln',
      owner_name: 'Ana Rivera',
      media_release: '1',
      authorized_by: 'Dana Hayes, Principal',
      authorized_on: '2026-09-01',
    });
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain('&quot;classroom blog&quot; is not a web address.');
    expect(page).toContain('value="classroom blog"');
    expect(page).toContain('value="Ana Rivera"');
    expect(page).toMatch(/name="media_release" value="1" checked/);
    expect(page).toMatch(/name="authorized_by"[^>]*value="Dana Hayes, Principal"/);
    expect(page).toMatch(/name="authorized_on"[^>]*value="2026-09-01"/);
    expect(feeds.requests).toHaveLength(fetched); // nothing was fetched for it
    expect(await listSources(app.runtime.deps.db)).toEqual([]);
  });

  it('refuses an unnamed authorization, or one whose review date has passed, before reading the feed, keeping what was typed', async () => {
    const csrf = await admin.csrf('/admin/sources');
    const fetched = feeds.requests.length;
    /** "Add a source" with these authorization fields: the page it answers with, which must be a refusal. */
    const refusal = async (authorization: Record<string, string>) => {
      const response = await admin.post('/admin/sources', {
        _csrf: csrf,
        url: `${feeds.url}/feed.xml`,
        school: 'Lincoln',
        ...authorization,
      });
      expect(response.status).toBe(422);
      return response.text();
    };
    const page = await refusal({ authorized_by: 'Dana Hayes, Principal', authorized_on: '2024-01-10' });
    expect(page).toContain(
      'This authorization was due for review on Friday, January 10, 2025, so the account would not be read, and nothing was added.',
    );
    expect(page).toMatch(/name="authorized_on"[^>]*value="2024-01-10"/);
    // A review date given on the form is checked as well, and kept as typed.
    const givenPage = await refusal({
      authorized_by: 'Dana Hayes, Principal',
      authorized_on: '2026-09-01',
      review_on: '2026-08-01',
    });
    expect(givenPage).toContain(
      'The review date (2026-08-01) must come after the authorization date (2026-09-01).',
    );
    expect(givenPage).toMatch(/name="review_on"[^>]*value="2026-08-01"/);
    // Who authorized it is asked for: the person adding an account is not the principal who allowed it.
    const unnamed = await refusal({ authorized_on: '2026-09-01' });
    expect(unnamed).toContain('Give who authorized the account as &quot;NAME, ROLE&quot;');
    expect(unnamed).toMatch(/name="authorized_by"[^>]*required/);
    expect(feeds.requests).toHaveLength(fetched);
    expect(await listSources(app.runtime.deps.db)).toEqual([]);
  });

  it('adds nothing for a class blog’s home page, and offers the feed it links to with what was typed', async () => {
    const csrf = await admin.csrf('/admin/sources');
    const response = await admin.post('/admin/sources', {
      _csrf: csrf,
      url: `${feeds.url}/blog`,
      school: 'Lincoln',
      owner_name: 'Ana Rivera',
      owner: 'ana@district.example',
      media_release: '1',
      authorized_by: 'Dana Hayes, Principal',
      authorized_on: '2026-09-01',
      review_on: '2027-06-30',
    });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('Nothing has been saved.');
    expect(page).toContain('The feed that page links to');
    for (const hidden of [
      'name="school" value="Lincoln"',
      'name="owner_name" value="Ana Rivera"',
      'name="owner" value="ana@district.example"',
      'name="authorized_by" value="Dana Hayes, Principal"',
      'name="authorized_on" value="2026-09-01"',
      'name="review_on" value="2027-06-30"',
      'name="media_release" value="1"',
    ])
      expect(page).toContain(`<input type="hidden" ${hidden}`);
    expect(await listSources(app.runtime.deps.db)).toEqual([]);
  });

  it('imports an OPML file as a form upload and exports it again', async () => {
    const csrf = await admin.csrf('/admin/sources');
    const form = new FormData();
    form.set('_csrf', csrf);
    form.set('school', 'Lincoln Elementary');
    form.set('welcome_owners', '1');
    form.set(
      'file',
      new File(
        [
          `<opml version="2.0"><body><outline type="rss" text="Room 5" xmlUrl="${feeds.url}/feed" ownerName="Mr. Diaz" ownerEmail="diaz@district.example"/></body></opml>`,
        ],
        'feeds.opml',
      ),
    );
    const response = await fetch(`${app.url}/admin/sources/import`, {
      method: 'POST',
      body: form,
      headers: { origin: app.url, cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(await listSources(app.runtime.deps.db)).toMatchObject([
      { feedUrl: `${feeds.url}/feed`, schoolName: 'Lincoln Elementary', ownerName: 'Mr. Diaz' },
    ]);
    // The owner the file names is about to be welcomed, and the page says so.
    const flash = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]!);
    const cookies = [...[...admin.cookies].map(([k, v]) => `${k}=${v}`), ...flash].join('; ');
    const after = await fetch(`${app.url}${response.headers.get('location')!}`, {
      headers: { cookie: cookies },
    });
    expect(await after.text()).toContain(
      'Imported 1 sources; 0 were already registered. They are being checked now. The owner it names for 1 of them is sent a welcome email',
    );
    const exported = await admin.get('/admin/sources/export.opml');
    expect(exported.headers.get('content-disposition')).toContain('yesterday-sources.opml');
    expect(await exported.text()).toContain(`xmlUrl="${feeds.url}/feed"`);
  });

  it('refuses the same feed at a second address, by its address or by its posts, unless told it carries others', async () => {
    const db = app.runtime.deps.db;
    const posts = (room: string, ids: number[]) =>
      ids
        .map(
          (n) =>
            `<item><title>${room} post ${n}</title><guid>https://${room}.example/?p=${n}</guid><link>https://${room}.example/${n}</link><pubDate>Fri, 20 Nov 2026 1${n}:00:00 GMT</pubDate></item>`,
        )
        .join('');
    const rss = (room: string, items: string) =>
      `<?xml version="1.0"?><rss version="2.0"><channel><title>${room}</title><link>https://${room}.example/</link>${items}</channel></rss>`;
    // WordPress answers one blog's feed at /feed/, /?feed=rss2 and /feed/atom/; here, at two addresses.
    feeds.route(
      '/room14/feed',
      serveBody(rss('room14', posts('room14', [1, 2, 3, 4])), 'application/rss+xml'),
    );
    feeds.route(
      '/room14-rss2',
      serveBody(rss('room14', posts('room14', [2, 3, 4, 5])), 'application/rss+xml'),
    );
    // A school's news feed that shares one class post among its own is a feed of its own.
    feeds.route(
      '/school-news',
      serveBody(rss('news', posts('room14', [1]) + posts('news', [1, 2, 3])), 'application/rss+xml'),
    );
    const csrf = await admin.csrf('/admin/sources');
    const adding = (url: string) => ({
      _csrf: csrf,
      url,
      school: 'Lincoln Elementary',
      authorized_by: 'Dana Hayes, Principal',
    });
    expect((await admin.post('/admin/sources', adding(`${feeds.url}/room14/feed`))).status).toBe(303);

    // The same address written another way (a closing slash, http for https, a leading www.): said before
    // anything is read.
    const written = await admin.post('/admin/sources', adding(`${feeds.url}/room14/feed/`));
    expect(written.status).toBe(422);
    expect(await written.text()).toContain(
      `This feed is already a source at ${feeds.url}/room14/feed (Lincoln Elementary), the same address written another way, so nothing was added.`,
    );

    // Another address that brings the same posts: three of its four are in already.
    const second = await admin.post('/admin/sources', adding(`${feeds.url}/room14-rss2`));
    expect(second.status).toBe(422);
    const refusal = await second.text();
    expect(refusal).toContain(
      `3 of the 4 posts this feed carries already come from room14 (${feeds.url}/room14/feed) at Lincoln Elementary: it is most likely the same feed at another address`,
    );
    expect(refusal).toContain(
      '<input type="checkbox" name="add_twice" value="1"/> Add it all the same: it carries other posts too',
    );
    expect(refusal).not.toContain('name="add_anyway"');
    expect((await listSources(db)).map((s) => s.feedUrl)).not.toContain(`${feeds.url}/room14-rss2`);

    // Two school calendars whose posts are numbered 1, 2, 3 and all link to the school's home page are two
    // feeds: neither a bare number nor a link every post shares says a post is the same.
    const calendar = (school: string) =>
      rss(
        school,
        [1, 2, 3]
          .map(
            (n) =>
              `<item><title>${school} event ${n}</title><guid isPermaLink="false">${n}</guid><link>https://district.example/</link><pubDate>Fri, 20 Nov 2026 1${n}:00:00 GMT</pubDate></item>`,
          )
          .join(''),
      );
    feeds.route('/lincoln-calendar', serveBody(calendar('lincoln'), 'application/rss+xml'));
    feeds.route('/adams-calendar', serveBody(calendar('adams'), 'application/rss+xml'));
    expect((await admin.post('/admin/sources', adding(`${feeds.url}/lincoln-calendar`))).status).toBe(303);
    expect((await admin.post('/admin/sources', adding(`${feeds.url}/adams-calendar`))).status).toBe(303);
    // One shared post among others is no reason to ask.
    expect((await admin.post('/admin/sources', adding(`${feeds.url}/school-news`))).status).toBe(303);
    // Told it carries other posts, it is added.
    const told = await admin.post('/admin/sources', {
      ...adding(`${feeds.url}/room14-rss2`),
      add_twice: '1',
    });
    expect(told.status).toBe(303);
    expect((await listSources(db)).map((s) => s.feedUrl)).toEqual(
      expect.arrayContaining([`${feeds.url}/room14-rss2`, `${feeds.url}/school-news`]),
    );
  });

  it('renames a school, keeping its slug, and refuses a name another school has', async () => {
    const db = app.runtime.deps.db;
    await findOrCreateSchool(db, 'Washington Middle', app.clock.now());
    const lincoln = (await listSchools(db)).find((s) => s.name === 'Lincoln Elementary')!;
    const csrf = await admin.csrf('/admin/sources');
    const page = await (await admin.get('/admin/sources')).text();
    expect(page).toContain(`action="/admin/sources/schools/${lincoln.id}"`);

    await admin.post(`/admin/sources/schools/${lincoln.id}`, {
      _csrf: csrf,
      name: '  Lincoln   Elementary School ',
    });
    expect(await findSchoolBySlug(db, lincoln.slug)).toMatchObject({ name: 'Lincoln Elementary School' });
    expect(await (await admin.get('/admin/sources')).text()).toContain(
      'Lincoln Elementary is now called Lincoln Elementary School.',
    );
    expect((await listSources(db))[0]!.schoolName).toBe('Lincoln Elementary School');

    await admin.post(`/admin/sources/schools/${lincoln.id}`, { _csrf: csrf, name: 'washington middle' });
    expect(await (await admin.get('/admin/sources')).text()).toContain(
      'Another school is already called Washington Middle.',
    );
    await admin.post(`/admin/sources/schools/${lincoln.id}`, { _csrf: csrf, name: '   ' });
    expect(await (await admin.get('/admin/sources')).text()).toContain(
      'Type the new name for Lincoln Elementary School.',
    );
    expect((await findSchoolBySlug(db, lincoln.slug))!.name).toBe('Lincoln Elementary School');
    const [renamed] = await listAudit(db, { action: 'school.rename', limit: 5 });
    expect(JSON.parse(renamed!.details)).toEqual({
      from: 'Lincoln Elementary',
      to: 'Lincoln Elementary School',
    });
  });

  it('shows a broken feed in plain words, pauses it, and reads it again after Retry now', async () => {
    const db = app.runtime.deps.db;
    let working = false;
    feeds.route('/flaky', (_request, response) => {
      if (working) response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed);
      else response.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
    });
    const url = `${feeds.url}/flaky`;
    const row = async () => {
      const page = await (await admin.get('/admin/sources')).text();
      const rows = [...page.matchAll(/<tr>[\s\S]*?<\/tr>/g)].map(([r]) => r).filter((r) => r.includes(url));
      expect(rows).toHaveLength(1);
      return rows[0]!;
    };
    const csrf = await admin.csrf('/admin/sources');
    const adding = {
      _csrf: csrf,
      url,
      school: 'Lincoln Elementary School',
      authorized_by: 'Dana Hayes, Principal',
    };
    // A feed that cannot be read is not added (a mistyped address is the usual cause): the form comes back as
    // typed, saying why, with the choice to add it all the same.
    const refused = await admin.post('/admin/sources', adding);
    expect(refused.status).toBe(422);
    const refusal = await refused.text();
    expect(refusal).toContain(
      `Nothing was added: ${url} cannot be read now. The site had a server error (HTTP 500).`,
    );
    expect(refusal).toContain('If the feed is only down for a while');
    expect(refusal).toContain('value="Dana Hayes, Principal"');
    expect(refusal).toContain(
      '<input type="checkbox" name="add_anyway" value="1"/> Add it even though it cannot be read now',
    );
    expect((await listSources(db)).find((s) => s.feedUrl === url)).toBeUndefined();
    expect(await (await admin.get('/admin/sources')).text()).not.toContain('name="add_anyway"');
    // Said to be down for a while, it is added and tried again at every check.
    await admin.post('/admin/sources', { ...adding, add_anyway: '1', owner_name: 'Tom Grant' });
    const source = (await listSources(db)).find((s) => s.feedUrl === url)!;
    // Never read, it has no title of its own yet: the list names it after its owner.
    expect(await (await admin.get('/admin/sources')).text()).toContain(
      `<a href="/admin/sources/${source.id}">Tom Grant’s feed (not read yet)</a>`,
    );

    const failing = await row();
    expect(failing).toContain('>Failing<');
    expect(failing).toContain('The site had a server error (HTTP 500). This is usually temporary');
    expect(failing).toContain('Never read successfully');
    expect(failing).toMatch(/Next try in \d+ minutes?\./);
    expect(failing).toContain('>Read now<');
    // Its own page, where someone comes to fix it, says the same before anything else.
    const ownPage = await (await admin.get(`/admin/sources/${source.id}`)).text();
    const from = ownPage.indexOf('id="health-heading"');
    const health = ownPage.slice(from, ownPage.indexOf('<form', from));
    expect(health).toContain('>Failing<');
    expect(health).toContain('The site had a server error (HTTP 500).');
    expect(health).toContain('Never read successfully');

    for (let check = 2; check <= PAUSE_AFTER_FAILURES; check++)
      await admin.post(`/admin/sources/${source.id}/fetch`, { _csrf: csrf });
    const paused = await row();
    expect(paused).toContain('>Paused<');
    expect(paused).toContain(`Stopped after ${PAUSE_AFTER_FAILURES} failed checks in a row.`);
    expect(paused).toContain(`aria-label="Retry now: ${url}"`);
    expect(paused).toContain('>Retry now<');

    // A paused feed is left alone by the polling passes, however long it waits.
    const seen = feeds.requests.filter((r) => r.path === '/flaky').length;
    expect(seen).toBe(PAUSE_AFTER_FAILURES + 1); // and once when it was refused
    app.clock.advance(3 * 24 * 3600_000);
    await runPollJob(app.runtime.deps);
    expect(feeds.requests.filter((r) => r.path === '/flaky')).toHaveLength(seen);

    working = true;
    admin = await signedInClient(app, 'lee@district.example'); // the first session ran out meanwhile
    await admin.post(`/admin/sources/${source.id}/fetch`, { _csrf: await admin.csrf('/admin/sources') });
    const healthy = await row();
    expect(healthy).toContain('>OK<');
    expect(healthy).toMatch(/Last read [^<]*2026/);
    expect(healthy).toMatch(/Next check in (2[7-9]|3[0-3]) minutes/);
    expect(healthy).toContain('>Read now<');
    expect(await listSources(db)).toContainEqual(
      expect.objectContaining({ feedUrl: url, paused: false, errorCount: 0, title: 'Room 5' }),
    );
  });

  it('does not read an account that is pending, suspended or overdue for review, even when asked, and says why', async () => {
    const db = app.runtime.deps.db;
    feeds.route('/quiet/feed', serveBody(feed.replace('Room 5', 'Room 14'), 'application/rss+xml'));
    feeds.route('/quiet/new-feed', serveBody(feed.replace('Room 5', 'Room 14'), 'application/rss+xml'));
    const url = `${feeds.url}/quiet/feed`;
    const csrf = await admin.csrf('/admin/sources');
    await admin.post('/admin/sources', {
      _csrf: csrf,
      url,
      school: 'Lincoln Elementary School',
      authorized_by: 'Dana Hayes, Principal',
    });
    const source = (await listSources(db)).find((s) => s.feedUrl === url)!;
    const reads = () => feeds.requests.filter((r) => r.path.startsWith('/quiet/')).length;
    const row = async (address = url) => {
      const page = await (await admin.get('/admin/sources')).text();
      return [...page.matchAll(/<tr>[\s\S]*?<\/tr>/g)].map(([r]) => r).find((r) => r.includes(address))!;
    };
    /** "Read now" posted anyway (a page left open from before): the sentence it answers with. */
    const readNow = async () => {
      const answer = await admin.post(`/admin/sources/${source.id}/fetch`, { _csrf: csrf, back: 'source' });
      expect(answer.headers.get('location')).toBe(`/admin/sources/${source.id}`);
      const page = await (await admin.get(`/admin/sources/${source.id}`)).text();
      expect(page).not.toContain(`action="/admin/sources/${source.id}/fetch"`);
      return page;
    };
    expect(reads()).toBe(1);

    await admin.post(`/admin/sources/${source.id}/suspend`, { _csrf: csrf });
    const suspended = await row();
    expect(suspended).toContain('Suspended</span>');
    expect(suspended).toContain(`aria-label="Renew to read: Room 14"`);
    expect(suspended).not.toContain(`/admin/sources/${source.id}/fetch`);
    expect(suspended).toContain('>Not read<');
    expect(suspended).toContain('While the account is suspended.');
    expect(suspended).not.toContain('Next check');
    const suspendedPage = await readNow();
    expect(suspendedPage).toContain(
      'Room 14 is suspended, so its feed is not read. To read it again, renew its authorization on its page.',
    );
    expect(suspendedPage).toContain(
      'The account is suspended, so its feed is not read. To read it again, renew its authorization above.',
    );
    // A new address is saved but not read; nor is a check queued before the suspension (as on Workers).
    const page = await (await admin.get(`/admin/sources/${source.id}`)).text();
    const form = new RegExp(`<form method="post" action="/admin/sources/${source.id}"[\\s\\S]*?</form>`).exec(
      page,
    )![0];
    await admin.post(`/admin/sources/${source.id}`, {
      ...formFields(form),
      url: `${feeds.url}/quiet/new-feed`,
    });
    expect(await (await admin.get('/admin/sources')).text()).toContain(
      'Source saved. The new address is read once the account is authorized and its review is not overdue.',
    );
    expect(await runPollJob(app.runtime.deps, { sourceIds: [source.id] })).toEqual([]);

    await db.orm.update(sources).set({ authorization: 'pending' }).where(eq(sources.id, source.id));
    expect(await readNow()).toContain(
      'Room 14 is waiting for its authorization, so its feed is not read yet. Once the school has given it, renew its authorization on its page.',
    );
    // Authorized, but its review date passed before the daily job marked it expired.
    const now = app.clock.now();
    await db.orm
      .update(sources)
      .set({ authorization: 'authorized', reviewAt: now - 60_000 })
      .where(eq(sources.id, source.id));
    expect(await readNow()).toContain(
      'Room 14 is overdue for its authorization review, so its feed is not read. To read it again, renew its authorization on its page.',
    );
    expect(reads()).toBe(1);

    // A next review already past is refused, and the fields keep what was typed, to be put right.
    const past = await admin.post(`/admin/sources/${source.id}/renew`, {
      _csrf: csrf,
      authorized_by: 'Dana Hayes, Principal, again',
      review_on: '2020-01-31',
    });
    expect(past.status).toBe(422);
    const pastPage = await past.text();
    expect(pastPage).toContain('The next review must be a date after today.');
    expect(pastPage).toContain('name="review_on" value="2020-01-31"');
    expect(pastPage).toContain('value="Dana Hayes, Principal, again"');
    expect((await admin.get(`/admin/sources/${source.id}/renew`)).headers.get('location')).toBe(
      `/admin/sources/${source.id}`,
    );

    // Renewed, it is read again, from its new address.
    await admin.post(`/admin/sources/${source.id}/renew`, {
      _csrf: csrf,
      authorized_by: 'Dana Hayes, Principal',
      review_on: localDateOf(now + 200 * 24 * 3600_000, (await readDistrictSettings(db)).timezone),
    });
    expect(await row(`${feeds.url}/quiet/new-feed`)).toContain('>Read now<');
    await admin.post(`/admin/sources/${source.id}/fetch`, { _csrf: csrf });
    expect(feeds.requests.filter((r) => r.path === '/quiet/new-feed').length).toBeGreaterThan(0);
  });

  it('reads a feed from its own page and says there, in plain words, that it declares its own entities', async () => {
    const declaring = feed
      .replace('<rss version="2.0">', '<!DOCTYPE rss [<!ENTITY room "Room 6">]><rss version="2.0">')
      .replace('<title>Leaf rubbings</title>', '<title>&room; leaf rubbings</title>');
    feeds.route('/entities', serveBody(declaring, 'application/rss+xml'));
    const url = `${feeds.url}/entities`;
    const warning =
      'This feed defines its own abbreviations (XML entities), which Yesterday does not expand for safety; some words in its titles or text may be missing.';
    const tested = await (
      await admin.post('/admin/sources/test', { _csrf: await admin.csrf('/admin/sources'), url })
    ).text();
    expect(tested).toContain(warning);
    expect(tested).not.toContain('&amp;room;');
    await admin.post('/admin/sources', {
      _csrf: await admin.csrf('/admin/sources'),
      url,
      school: 'Lincoln Elementary School',
      authorized_by: 'Dana Hayes, Principal',
    });
    const source = (await listSources(app.runtime.deps.db)).find((s) => s.feedUrl === url)!;
    // The "Read the feed now" form on the source's page, posted as a browser would.
    const page = await (await admin.get(`/admin/sources/${source.id}`)).text();
    const form = new RegExp(
      `<form method="post" action="(/admin/sources/${source.id}/fetch)">([\\s\\S]*?)</form>`,
    ).exec(page);
    expect(form).not.toBeNull();
    const read = await admin.post(form![1]!, formFields(form![2]!));
    expect(read.status).toBe(303);
    expect(read.headers.get('location')).toBe(`/admin/sources/${source.id}`);
    const after = await (await admin.get(read.headers.get('location')!)).text();
    expect(after).toContain(`Read 1 post, 0 new. ${warning}`);
    expect(after).toContain('Feed address'); // the source's own page

    // The scheduled reads keep what they found on the source too, so the page says it without a click, and a
    // read of the mended feed takes the warning away.
    const sourcePage = async () => (await admin.get(`/admin/sources/${source.id}`)).text();
    await runPollJob(app.runtime.deps, { sourceId: source.id });
    expect(await sourcePage()).toContain(`<li>${warning}</li>`);
    feeds.route('/entities', serveBody(feed, 'application/rss+xml'));
    await runPollJob(app.runtime.deps, { sourceId: source.id });
    expect(await sourcePage()).not.toContain(warning);
  });

  it('carries the owner, media release, authorization and review date typed before "Test this feed first" into the source it adds', async () => {
    const authorizedOn = '2026-09-01'; // the app's clock says 21 November 2026
    const reviewOn = '2027-06-30'; // sooner than the months set in Settings
    feeds.route('/room9', serveBody(feed.replace('Room 5', 'Room 9'), 'application/rss+xml'));
    const url = `${feeds.url}/room9`;
    const csrf = await admin.csrf('/admin/sources');
    const tested = await (
      await admin.post('/admin/sources/test', {
        _csrf: csrf,
        url,
        school: 'Lincoln Elementary School',
        owner_name: 'Tomás Ortega',
        owner: 'tortega@district.example',
        media_release: '1',
        authorized_by: 'Dana Hayes, Principal',
        authorized_on: authorizedOn,
        review_on: reviewOn,
      })
    ).text();
    expect(tested).toContain('Add this feed as a source');
    expect(tested).toMatch(/name="review_on"[^>]*value="2027-06-30"/);
    expect(tested).toContain('value="Tomás Ortega"');
    expect(tested).toContain('value="tortega@district.example"');
    expect(tested).toMatch(/name="media_release" value="1" checked/);
    expect(tested).toMatch(/name="authorized_by"[^>]*value="Dana Hayes, Principal"/);
    // "Add this source" posts the form as shown; adding reads the feed once, not twice.
    const form = /<form method="post" action="\/admin\/sources" class="card">([\s\S]*?)<\/form>/.exec(
      tested,
    )![1]!;
    const before = feeds.requests.filter((r) => r.path === '/room9').length;
    const added = await admin.post('/admin/sources', formFields(form));
    expect(added.status).toBe(303);
    expect(feeds.requests.filter((r) => r.path === '/room9')).toHaveLength(before + 1);
    expect((await listSources(app.runtime.deps.db)).find((s) => s.feedUrl === url)).toMatchObject({
      title: 'Room 9',
      schoolName: 'Lincoln Elementary School',
      ownerName: 'Tomás Ortega',
      ownerEmail: 'tortega@district.example',
      mediaRelease: true,
      authorizedBy: 'Dana Hayes, Principal',
      lastSuccessAt: expect.any(Number),
    });
    const { timezone } = await readDistrictSettings(app.runtime.deps.db);
    const source = (await listSources(app.runtime.deps.db)).find((s) => s.feedUrl === url)!;
    expect(localDateOf(source.authorizedAt!, timezone)).toBe(authorizedOn);
    expect(localDateOf(source.reviewAt!, timezone)).toBe(reviewOn);
  });

  it('moves a source to its feed’s new address, keeping its posts, and refuses an address another source has', async () => {
    const db = app.runtime.deps.db;
    const second = `<item><title>Seed sorting</title><link>https://room5.example/seeds</link><pubDate>Fri, 20 Nov 2026 17:00:00 GMT</pubDate><description>We sorted seeds.</description></item>`;
    feeds.route('/old-blog/feed', serveBody(feed.replace('Room 5', 'Room 12'), 'application/rss+xml'));
    const csrf = await admin.csrf('/admin/sources');
    await admin.post('/admin/sources', {
      _csrf: csrf,
      url: `${feeds.url}/old-blog/feed`,
      school: 'Lincoln Elementary School',
      authorized_by: 'Dana Hayes, Principal',
    });
    const source = (await listSources(db)).find((s) => s.feedUrl === `${feeds.url}/old-blog/feed`)!;
    const posts = async () =>
      (
        await db.query<{ guid: string }>('select guid from items where source_id = ? order by guid', [
          source.id,
        ])
      ).map((row) => row.guid);
    expect(await posts()).toEqual(['https://room5.example/leaves']);

    // The class blog moves; the old address now answers 404 and the new one has the old post and a new one.
    feeds.route('/old-blog/feed', (_request, response) => response.writeHead(404).end());
    feeds.route(
      '/new-blog/feed',
      serveBody(
        feed.replace('Room 5', 'Room 12').replace('</channel>', `${second}</channel>`),
        'application/rss+xml',
      ),
    );
    // The edit form as a browser would post it, with only the address changed.
    const edit = async (url: string) => {
      const page = await (await admin.get(`/admin/sources/${source.id}`)).text();
      const form = new RegExp(
        `<form method="post" action="/admin/sources/${source.id}"[\\s\\S]*?</form>`,
      ).exec(page)![0];
      return admin.post(`/admin/sources/${source.id}`, { ...formFields(form), url });
    };
    expect((await edit(`${feeds.url}/new-blog/feed#latest`)).status).toBe(303);
    expect(await (await admin.get('/admin/sources')).text()).toContain(
      'Source saved; its feed is now read from the new address. Read 2 posts, 1 new.',
    );
    expect((await listSources(db)).find((s) => s.id === source.id)).toMatchObject({
      feedUrl: `${feeds.url}/new-blog/feed`,
      errorCount: 0,
      title: 'Room 12',
    });
    expect(await posts()).toEqual(['https://room5.example/leaves', 'https://room5.example/seeds']);
    const [audited] = await listAudit(db, { action: 'source.change', subject: String(source.id), limit: 1 });
    expect(JSON.parse(audited!.details)).toEqual({ feedUrl: `${feeds.url}/new-blog/feed` }); // and nothing else

    // Another source's address is refused with what was typed kept, and nothing about this one changes.
    const taken = (await listSources(db)).find((s) => s.id !== source.id)!.feedUrl;
    const refused = await edit(taken);
    expect(refused.status).toBe(422);
    const page = await refused.text();
    expect(page).toContain(`Another source already has this address: ${taken}`);
    expect(page).toContain(`name="url" value="${taken}"`);
    expect((await listSources(db)).find((s) => s.id === source.id)!.feedUrl).toBe(
      `${feeds.url}/new-blog/feed`,
    );
    // Written another way, it is still that source's feed.
    const rewritten = await edit(`${taken}/`);
    expect(rewritten.status).toBe(422);
    expect(await rewritten.text()).toContain(`Another source already has this address: ${taken}`);

    // An authorization dated after today, or a "who" too long to keep whole, is refused with what was typed kept.
    const stored = (await listSources(db)).find((s) => s.id === source.id)!;
    const page2 = await (await admin.get(`/admin/sources/${source.id}`)).text();
    const shown = formFields(
      new RegExp(`<form method="post" action="/admin/sources/${source.id}"[\\s\\S]*?</form>`).exec(page2)![0],
    );
    const ahead = await admin.post(`/admin/sources/${source.id}`, { ...shown, authorized_on: '2027-11-21' });
    expect(ahead.status).toBe(422);
    const aheadPage = await ahead.text();
    expect(aheadPage).toContain(
      'The authorization date (2027-11-21) is after today: give the day the account was authorized.',
    );
    expect(aheadPage).toMatch(/name="authorized_on" value="2027-11-21"/);
    const long = await admin.post(`/admin/sources/${source.id}`, {
      ...shown,
      authorized_by: 'D'.repeat(121),
    });
    expect(long.status).toBe(422);
    expect(await long.text()).toContain('Who authorized it is too long (at most 120 characters).');
    expect((await listSources(db)).find((s) => s.id === source.id)).toMatchObject({
      authorizedBy: stored.authorizedBy,
      authorizedAt: stored.authorizedAt,
    });

    // Saved as shown, the form changes nothing: the authorization date it shows keeps the moment stored.
    const before = feeds.requests.length;
    await edit(`${feeds.url}/new-blog/feed`);
    expect(await (await admin.get('/admin/sources')).text()).toContain('Nothing changed.');
    expect(feeds.requests).toHaveLength(before);
  });

  it('removes a source added by mistake with its posts once confirmed, and keeps one whose posts a digest carries', async () => {
    const db = app.runtime.deps.db;
    feeds.route('/mistake/feed', serveBody(feed.replace('Room 5', 'Room 9'), 'application/rss+xml'));
    feeds.route('/kept/feed', serveBody(feed.replace('Room 5', 'Room 10'), 'application/rss+xml'));
    const csrf = await admin.csrf('/admin/sources');
    for (const path of ['/mistake/feed', '/kept/feed'])
      await admin.post('/admin/sources', {
        _csrf: csrf,
        url: `${feeds.url}${path}`,
        school: 'Lincoln Elementary School',
        authorized_by: 'Dana Hayes, Principal',
      });
    const sources = await listSources(db);
    const mistake = sources.find((s) => s.feedUrl === `${feeds.url}/mistake/feed`)!;
    const kept = sources.find((s) => s.feedUrl === `${feeds.url}/kept/feed`)!;
    const postsOf = async (id: number) =>
      (await db.query<{ id: number }>('select id from items where source_id = ?', [id])).map((row) => row.id);
    expect(await postsOf(mistake.id)).toHaveLength(1);
    const removeForm = async (id: number) => {
      const page = await (await admin.get(`/admin/sources/${id}`)).text();
      const form = new RegExp(
        `<form method="post" action="/admin/sources/${id}/remove"[\\s\\S]*?</form>`,
      ).exec(page);
      return { page, fields: form ? formFields(form[0]) : undefined };
    };

    // Not confirmed: nothing goes.
    const { page, fields } = await removeForm(mistake.id);
    expect(page).toContain('Delete this source and its post');
    const unconfirmed = await admin.post(`/admin/sources/${mistake.id}/remove`, fields!);
    expect(unconfirmed.status).toBe(422);
    expect(await unconfirmed.text()).toContain('Nothing was removed: tick the box');
    expect(await postsOf(mistake.id)).toHaveLength(1);

    // A digest carries the other source's post: the page says why it stays, and a forced post changes nothing.
    const [keptPost] = await postsOf(kept.id);
    const saved = await saveDigestDraft(
      db,
      '2026-11-20',
      {
        title: '',
        intro: '',
        entries: [
          { itemId: keptPost!, headline: 'Leaf rubbings', blurb: '', imageUrl: null, imageAlt: null },
        ],
      },
      { userId: null, now: Date.now() },
    );
    expect(saved.ok).toBe(true);
    const keptPage = await removeForm(kept.id);
    expect(keptPage.fields).toBeUndefined();
    expect(keptPage.page).toContain('This source cannot be removed while a digest includes its posts.');
    const refused = await admin.post(`/admin/sources/${kept.id}/remove`, { _csrf: csrf, confirm: '1' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Set it to Suspended to stop reading it.');
    expect(await postsOf(kept.id)).toEqual([keptPost]);

    // Confirmed: the source and its post go, and the audit log says what went.
    const removed = await admin.post(`/admin/sources/${mistake.id}/remove`, { ...fields!, confirm: '1' });
    expect(removed.status).toBe(303);
    expect(await (await admin.get('/admin/sources')).text()).toContain('Removed Room 9 and its post.');
    expect((await listSources(db)).map((s) => s.id)).not.toContain(mistake.id);
    expect(await postsOf(mistake.id)).toEqual([]);
    expect((await admin.get(`/admin/sources/${mistake.id}`)).status).toBe(404);
    const [audited] = await listAudit(db, { action: 'source.remove', subject: String(mistake.id), limit: 1 });
    expect(JSON.parse(audited!.details)).toMatchObject({ feedUrl: `${feeds.url}/mistake/feed`, posts: 1 });
  });
});
