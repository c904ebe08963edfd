// Publishing over real HTTP: the blog, the three feeds (read back by Debian's python3-feedparser), a school's
// slice, conditional requests and the cache, the embed and oEmbed, and corrections and takedowns reaching
// the page, the feeds, the embed and the email at once.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { deskDepsOf, publishDesk, saveDesk, takeDownEntry, type DeskActor } from '../src/curate/desk';
import { correctDesk } from '../src/curate/correct-digest';
import { eq } from 'drizzle-orm';
import { digests } from '../src/db/schema';
import { listItemsPublishedBetween } from '../src/db/items';
import { runSendJob } from '../src/jobs/jobs';
import { changeSetting } from '../src/settings/district-settings';
import { parseWithFeedparser } from './feedparser';
import { addConfirmedSubscriber, addSchoolWithSource, item, storeItems } from './fixtures';
import { findSubscriberByEmail, replaceSubscriberSchools } from '../src/db/subscribers';
import { serveBody, startTestServer, type TestServer } from './http-server';
import { addUser, startTestApp, type TestApp, signedInClient } from './test-app';
import sharp from 'sharp';

/** A small JPEG of one colour, as a class blog would serve it. */
const photo = (colour: string) =>
  sharp({ create: { width: 960, height: 640, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();

const NOON_20 = Date.parse('2026-11-20T18:00:00Z');
const NOON_19 = Date.parse('2026-11-19T18:00:00Z');

describe('publishing', () => {
  let app: TestApp;
  let dana: DeskActor;
  const ids: Record<string, number> = {};

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.url}${path}`, { headers });
  const text = async (path: string) => (await get(path)).text();
  const desk = () => deskDepsOf(app.runtime.deps);
  const mails = () =>
    readdirSync(app.config.outboxDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map(
        (f) =>
          JSON.parse(readFileSync(join(app.config.outboxDir, f), 'utf8')) as {
            to: string;
            subject: string;
            text: string;
            html: string;
          },
      );

  let images: TestServer;
  /** The district's copies a page shows: /media/NAME addresses. */
  const mediaNamesIn = (body: string) => [
    ...new Set(body.match(/[0-9a-f]{20}-(?:\d+|email)\.(?:webp|jpg)/g)),
  ];

  beforeAll(async () => {
    images = await startTestServer();
    images.route('/pumpkins.jpg', serveBody(await photo('#e67e22'), 'image/jpeg'));
    images.route('/leaves.jpg', serveBody(await photo('#c0392b'), 'image/jpeg'));
    app = await startTestApp();
    const db = app.runtime.deps.db;
    dana = { type: 'user', id: 1, userId: 1, label: 'dana', role: 'editor' };
    dana.id = dana.userId = (await addUser(app, 'dana@district.example', 'editor')).id;
    const lincoln = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    const washington = await addSchoolWithSource(db, 'Washington Middle', 'https://washington.example/feed');
    // A school a parent can choose at sign-up before anything of it is published.
    await addSchoolWithSource(db, 'Oak Hill High School', 'https://oakhill.example/feed');
    await storeItems(db, lincoln.source.id, [
      item({
        guid: 'pumpkins',
        title: 'Pumpkin measuring day',
        publishedAt: NOON_20,
        summary: 'We measured six pumpkins.',
        imageUrl: `${images.url}/pumpkins.jpg`,
        imageAlt: 'Six pumpkins on a table',
      }),
      item({ guid: 'poems', title: 'Poetry café', publishedAt: NOON_20 + 60_000, summary: 'Families came.' }),
      item({
        guid: 'leaves',
        title: 'Leaf rubbings',
        publishedAt: NOON_19,
        summary: 'Crayons and leaves.',
        imageUrl: `${images.url}/leaves.jpg`,
        imageAlt: 'Crayon leaf rubbings',
      }),
      item({ guid: 'maps', title: 'Map day', publishedAt: NOON_19 + 60_000, summary: 'We drew maps.' }),
    ]);
    await storeItems(db, washington.source.id, [
      item({ guid: 'robots', title: 'Robot club', publishedAt: NOON_20 + 120_000, summary: 'Robots raced.' }),
    ]);
    for (const i of await listItemsPublishedBetween(db, 0, NOON_20 * 2)) ids[i.title] = i.id;
    await addConfirmedSubscriber(db, 'everyone@family.example');
    await addConfirmedSubscriber(db, 'washington@family.example', [washington.school.id]);

    await saveDesk(desk(), dana, '2026-11-20', {
      intro: 'Pumpkins, poems and robots.',
      entries: [
        { itemId: ids['Pumpkin measuring day']! },
        { itemId: ids['Poetry café']! },
        { itemId: ids['Robot club']! },
      ],
    });
    await publishDesk(desk(), dana, '2026-11-20');
    await runSendJob(app.runtime.deps);
  });
  afterAll(async () => {
    await app.close();
    await images.close();
  });

  describe('the feeds', () => {
    it('serves RSS 2.0, Atom 1.0 and JSON Feed 1.1 that feedparser reads without complaint', async () => {
      for (const [path, version, type] of [
        ['/feed.xml', 'rss20', 'application/rss+xml'],
        ['/feed.atom', 'atom10', 'application/atom+xml'],
        ['/feed.json', 'json1', 'application/feed+json'],
      ] as const) {
        const response = await get(path);
        expect(response.headers.get('content-type'), path).toContain(type);
        const body = await response.text();
        if (path.endsWith('.json')) {
          // feedparser 6 does not read JSON Feed; check it against the JSON Feed 1.1 spec directly.
          const feed = JSON.parse(body);
          expect(feed).toMatchObject({
            version: 'https://jsonfeed.org/version/1.1',
            title: 'What happened yesterday · Our School District',
            home_page_url: `${app.url}/`,
            feed_url: `${app.url}/feed.json`,
          });
          expect(feed.items[0]).toMatchObject({
            id: `${app.url}/digests/2026-11-20`,
            url: `${app.url}/digests/2026-11-20`,
            title: 'What happened yesterday: Friday, November 20, 2026',
            summary: 'Pumpkins, poems and robots.',
            image: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/media\/[0-9a-f]{20}-\d+\.jpg$/),
            date_published: '2026-11-21T15:00:00.000Z',
            date_modified: '2026-11-21T15:00:00.000Z',
          });
          expect(feed.items[0].content_html).toContain('Robot club');
          continue;
        }
        const parsed = await parseWithFeedparser(body);
        expect(parsed.bozo, `${path}: ${parsed.bozo_exception}`).toBeFalsy();
        expect(parsed.version).toBe(version);
        expect(parsed.feed).toMatchObject({
          title: 'What happened yesterday · Our School District',
          link: `${app.url}/`,
          self: `${app.url}${path}`,
          updated: '2026-11-21T15:00:00Z',
        });
        expect(parsed.entries).toHaveLength(1);
        const [entry] = parsed.entries;
        expect(entry).toMatchObject({
          id: `${app.url}/digests/2026-11-20`,
          link: `${app.url}/digests/2026-11-20`,
          title: 'What happened yesterday: Friday, November 20, 2026',
          published: '2026-11-21T15:00:00Z',
          summary: expect.stringContaining('Pumpkins, poems and robots.'),
        });
        // feedparser sanitizes and rewrites markup; what matters is that the picture and its alt text arrive.
        expect(entry!.content[0]).toMatch(/src="http:\/\/127\.0\.0\.1:\d+\/media\/[0-9a-f]{20}-\d+\.jpg"/);
        expect(entry!.content[0]).toContain('alt="Six pumpkins on a table"');
        expect(entry!.content[0]).toContain('Robot club');
        expect(entry!.content_type[0]).toBe('text/html');
        if (version === 'atom10') expect(entry!.updated).toBe('2026-11-21T15:00:00Z');
      }
    });

    it('gives each school its own page and feed with only its posts', async () => {
      const page = await text('/schools/lincoln-elementary');
      expect(page).toContain('Pumpkin measuring day');
      expect(page).not.toContain('Robot club');
      // Feed readers find its feed in the head; a parent's link leads to the page that explains feeds.
      expect(page).toContain(
        `type="application/rss+xml" title="Lincoln Elementary (RSS)" href="${app.url}/schools/lincoln-elementary/feed.xml"`,
      );
      expect(page).toContain('<a href="/feeds#school-lincoln-elementary">RSS feed</a>');
      const parsed = await parseWithFeedparser(await text('/schools/washington-middle/feed.xml'));
      expect(parsed.bozo, parsed.bozo_exception).toBeFalsy();
      expect(parsed.feed.title).toBe('What happened yesterday: Washington Middle');
      expect(parsed.entries.map((e) => e.id)).toEqual([
        `${app.url}/digests/2026-11-20#school-washington-middle`,
      ]);
      expect(parsed.entries[0]!.content[0]).toContain('Robot club');
      expect(parsed.entries[0]!.content[0]).not.toContain('Pumpkin');
      expect((await get('/schools/nowhere')).status).toBe(404);
      expect((await get('/schools/nowhere/feed.xml')).status).toBe(404);
      // The school page's "by email" link arrives with that school ticked.
      const subscribe = await text('/subscribe?school=washington-middle');
      expect(subscribe).toMatch(/value="washington-middle" checked=""/);
      expect(subscribe).not.toMatch(/value="lincoln-elementary" checked=""/);
      const schools = await text('/schools');
      expect(schools).toContain('href="/schools/lincoln-elementary"');
      expect(schools).toContain('href="/schools/washington-middle"');
      // Every school offered at sign-up is listed, one with nothing published yet saying so; search engines
      // are not sent to its empty page.
      expect(schools).toMatch(
        /href="\/schools\/oak-hill-high-school">Oak Hill High School<\/a> <span class="muted">· nothing published yet<\/span>/,
      );
      expect(await text('/sitemap.xml')).not.toContain('/schools/oak-hill-high-school');
    });

    it('answers conditional requests with 304, by ETag and by Last-Modified', async () => {
      for (const path of ['/feed.xml', '/feed.atom', '/feed.json', '/', '/digests/2026-11-20']) {
        const first = await get(path);
        const etag = first.headers.get('etag')!;
        // fetch asks for gzip, and the compressed copy carries the same tag marked weak.
        expect(etag, path).toMatch(/^(W\/)?"[\w-]+"$/);
        expect((await get(path, { 'if-none-match': etag })).status, path).toBe(304);
        expect((await get(path, { 'if-none-match': '"other"' })).status, path).toBe(200);
      }
      const feed = await get('/feed.xml');
      const modified = feed.headers.get('last-modified')!;
      expect(modified).toBe('Sat, 21 Nov 2026 15:00:00 GMT');
      expect((await get('/feed.xml', { 'if-modified-since': modified })).status).toBe(304);
      expect((await get('/feed.xml', { 'if-modified-since': 'Sat, 21 Nov 2026 14:00:00 GMT' })).status).toBe(
        200,
      );
      expect(feed.headers.get('cache-control')).toBe('public, max-age=60');
    });
  });

  describe('pages for people and for machines', () => {
    it('tells teachers how a class account is featured, linked from every page', async () => {
      const home = await text('/');
      expect(home).toContain('<a href="/teachers">For teachers</a>');
      const page = await text('/teachers');
      expect(page).toContain('<h1 class="page-title">For teachers</h1>');
      expect(page).toContain('Ask your principal to authorize the account.');
      expect(page).toContain('Students by first name only');
      // The note to a post's owner is promised only where the district sends it.
      expect(page).not.toContain('The account’s owner gets a short email');
      await changeSetting(app.runtime.deps.db, 'notify_owners_featured', 'true', app.clock.now());
      expect(await text('/teachers')).toContain('The account’s owner gets a short email');
      await changeSetting(app.runtime.deps.db, 'notify_owners_featured', 'false', app.clock.now());
      // The digest team's address, once the district gives one: on this page and at the foot of every page.
      expect(page).not.toContain('Write to the digest team');
      const refused = await changeSetting(app.runtime.deps.db, 'contact_email', 'Digest Team <digest@x>', 0);
      expect(refused).toEqual({
        ok: false,
        message:
          'Contact address (contact_email) must be one email address, such as digest@district.example, or empty.',
        inForm: 'Contact address must be one email address, such as digest@district.example, or empty.',
      });
      expect(
        await changeSetting(app.runtime.deps.db, 'contact_email', 'team?cc=x@lakeside.example', 0),
      ).toMatchObject({ ok: false });
      await changeSetting(app.runtime.deps.db, 'contact_email', ' digest@lakeside.example ', app.clock.now());
      const contact =
        'Write to the digest team: <a href="mailto:digest@lakeside.example">digest@lakeside.example</a>';
      expect(await text('/teachers')).toContain(`<p>${contact}</p></article>`);
      expect(await text('/')).toContain(contact);
      await changeSetting(app.runtime.deps.db, 'contact_email', '', app.clock.now());
      expect(await text('/')).not.toContain('Write to the digest team');
      expect(await text('/sitemap.xml')).toContain(`<loc>${app.url}/teachers</loc>`);
      expect((await get('/teachers?r=1')).status).toBe(200);
      // One address per page: a spelling with escapes is sent on to it rather than kept or rendered again.
      const escaped = await fetch(`${app.url}/%74eachers?r=1`, { redirect: 'manual' });
      expect([escaped.status, escaped.headers.get('location')]).toEqual([301, '/teachers?r=1']);
    });

    it('tells search engines and link previews what each page is', async () => {
      const page = await text('/digests/2026-11-20');
      expect(page).toContain(`<link rel="canonical" href="${app.url}/digests/2026-11-20"/>`);
      expect(page).toContain('<meta property="og:type" content="article"/>');
      expect(page).toMatch(
        /<meta property="og:image" content="http:\/\/127\.0\.0\.1:\d+\/media\/[0-9a-f]{20}-\d+\.jpg"\/>/,
      );
      expect(page).toContain('<meta property="og:image:alt" content="Six pumpkins on a table"/>');
      expect(page).toContain('<meta name="twitter:card" content="summary_large_image"/>');
      expect(page).toContain(
        `type="application/atom+xml" title="What happened yesterday (Atom)" href="${app.url}/feed.atom"`,
      );
      expect(page).toContain(`type="application/feed+json"`);
      expect(page).toContain(
        `<link rel="alternate" type="application/json+oembed" href="${app.url}/oembed?url=${encodeURIComponent(`${app.url}/digests/2026-11-20`)}&amp;format=json"`,
      );
      // The first picture is the largest thing the page shows first: loaded at once, not when scrolled to.
      expect(page).toContain('loading="eager" fetchpriority="high"');
      // A link preview names the site and the day, and the page's tab the district too.
      expect(page).toContain(
        '<meta property="og:title" content="What happened yesterday: Friday, November 20, 2026"/>',
      );
      expect(page).toContain(
        '<title>Friday, November 20, 2026 · What happened yesterday · Our School District</title>',
      );
      expect(page).toContain('<p class="school" id="school-lincoln-elementary">');
      // A page with no picture of its own shows the district's mark, drawn large, where there is no logo.
      expect(await text('/archive')).toMatch(
        /<meta property="og:image" content="http:\/\/127\.0\.0\.1:\d+\/icon-512\.png\?v=\w+"\/><meta property="og:image:alt" content="Our School District"\/><meta property="og:image:width" content="512"\/>/,
      );
      const sitemap = await text('/sitemap.xml');
      expect(sitemap).toContain(
        `<url><loc>${app.url}/digests/2026-11-20</loc><lastmod>2026-11-21</lastmod></url>`,
      );
      expect(sitemap).toContain(`<loc>${app.url}/schools/washington-middle</loc>`);
      expect(await text('/robots.txt')).toContain(`Sitemap: ${app.url}/sitemap.xml`);
    });

    it('answers an address that leads nowhere with the district’s own page, not a bare error', async () => {
      // An old link from a district's earlier site, or a picture's address that names no picture, too.
      for (const path of [
        '/digests/2020-01-01',
        '/schools/nowhere',
        '/no-such-page',
        '/index.html',
        '/media/0123456789abcdef0123-800.jpg',
      ]) {
        const response = await get(path);
        expect(response.status, path).toBe(404);
        const page = await response.text();
        expect(page, path).toContain('<header class="masthead">');
        expect(page, path).toContain('Our School District');
        expect(page, path).toContain(
          path.startsWith('/digests/')
            ? '<h1 class="page-title">No digest for that day</h1>'
            : '<h1 class="page-title">Page not found</h1>',
        );
        expect(page, path).toContain(`href="/archive"`);
      }
      // A real day with none says so, not that the page may have moved, and leads to the digests beside it.
      const noDay = await (await get('/digests/2020-01-01')).text();
      expect(noDay).toContain('Nothing was published for Wednesday, January 1, 2020');
      expect(noDay).toMatch(/<a href="\/digests\/\d{4}-\d{2}-\d{2}" rel="next"/);
      // What a page loads is answered plainly, with no masthead to make.
      for (const path of ['/assets/nothing.css', '/assets/site.css.map']) {
        const response = await get(path);
        expect(response.status, path).toBe(404);
        expect(await response.text(), path).not.toContain('masthead');
      }
      // The desk's stays its own, for someone signed in.
      const editor = await signedInClient(app, 'nowhere@district.example', 'editor');
      const desk = await editor.get('/admin/nowhere');
      expect(desk.status).toBe(404);
      expect(await desk.text()).not.toContain('masthead');
    });
  });

  describe('the embed', () => {
    it('may be framed only by this site and the origins in settings, and sizes itself', async () => {
      let embed = await get('/embed');
      expect(embed.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
      expect(embed.headers.get('content-security-policy')).not.toContain('https://www.district.example');
      await changeSetting(
        app.runtime.deps.db,
        'embed_origins',
        'https://www.district.example\nhttps://intranet.district.example/',
        app.clock.now(),
      );
      embed = await get('/embed');
      expect(embed.headers.get('content-security-policy')).toContain(
        "frame-ancestors 'self' https://www.district.example https://intranet.district.example",
      );
      // Its pictures are the district's copies, from this site: a reader's browser asks no teacher's site.
      expect(embed.headers.get('content-security-policy')).toContain("img-src 'self' data:;");
      const body = await embed.text();
      expect(body).toContain('Pumpkin measuring day');
      expect(body).toContain('target="_blank"');
      expect(body).toMatch(/src="\/assets\/embed-frame\.js\?v=\w+"/);
      expect(await text('/embed?school=washington-middle')).not.toContain('Pumpkin');
      // An untitled digest is named by its day; a titled one says its day above the title.
      expect(body).toContain('>Friday, November 20, 2026</a></h2>');
      expect(body).not.toContain('class="when"');
      await app.runtime.deps.db.orm
        .update(digests)
        .set({ title: 'Pumpkins and poems' })
        .where(eq(digests.date, '2026-11-20'));
      expect(await text('/embed?date=2026-11-20')).toContain(
        '<p class="when">Friday, November 20, 2026</p><h2><a',
      );
      await app.runtime.deps.db.orm.update(digests).set({ title: '' }).where(eq(digests.date, '2026-11-20'));
      // A date with no digest, or a school with no such name (a typo in data-school): a 404 the district's page
      // may still frame, saying so, rather than the browser's broken-frame box.
      for (const path of ['/embed?date=2026-11-19', '/embed?school=washingtn-middle']) {
        const nothing = await get(path);
        expect(nothing.status, path).toBe(404);
        expect(nothing.headers.get('content-security-policy'), path).toContain(
          "frame-ancestors 'self' https://www.district.example",
        );
        expect(nothing.headers.get('x-frame-options'), path).toBeNull();
        expect(await nothing.text(), path).toContain('There is nothing to show here');
      }

      const loader = await get('/embed.js');
      expect(loader.headers.get('content-type')).toContain('text/javascript');
      expect(loader.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      expect(await loader.text()).toContain(`"${app.url}"`);
    });

    it('lets a parent subscribe from inside it, in compact pages framed like the embed', async () => {
      const embed = await text('/embed?school=washington-middle');
      expect(embed).toContain('<form class="subscribe" method="post" action="/subscribe?embed=1"');
      expect(embed).toContain('<input type="hidden" name="schools" value="washington-middle"/>');
      expect(embed).toContain('<input type="hidden" name="embed_back" value="school=washington-middle"/>');
      expect((await get('/embed')).headers.get('content-security-policy')).toContain("form-action 'self'");
      const post = (form: Record<string, string>) =>
        fetch(`${app.url}/subscribe?embed=1`, {
          method: 'POST',
          body: new URLSearchParams(form),
          headers: { origin: app.url },
          redirect: 'manual',
        });

      const wrong = await post({ email: 'Parent <parent@family.example>', schools: 'washington-middle' });
      expect(wrong.status).toBe(400);
      expect(wrong.headers.get('content-security-policy')).toContain(
        "frame-ancestors 'self' https://www.district.example",
      );
      const page = await wrong.text();
      expect(page).toContain('role="alert"');
      expect(page).toContain('value="Parent &lt;parent@family.example&gt;"');
      expect(page).not.toContain('class="topbar"');
      expect(await findSubscriberByEmail(app.runtime.deps.db, 'parent@family.example')).toBeUndefined();

      // The way back leads to the embed as it was (its count and theme too), whatever else the form carried.
      expect(page).toContain('<a href="/embed?school=washington-middle">Back to the digest</a>');
      const right = await post({
        email: 'parent@family.example',
        schools: 'washington-middle',
        embed_back: 'count=2&school=washington-middle&theme=plain&frame=yd-1&next=https://evil.example',
      });
      expect(right.status).toBe(303);
      expect(right.headers.get('location')).toBe(
        '/subscribe?embed=1&sent=1&school=washington-middle&back=count%3D2%26school%3Dwashington-middle%26theme%3Dplain',
      );
      const sent = await get(right.headers.get('location')!);
      expect(sent.headers.get('content-security-policy')).toContain('https://www.district.example');
      const sentPage = await sent.text();
      expect(sentPage).toContain('Check your inbox.');
      expect(sentPage).toContain(
        '<a href="/embed?count=2&amp;school=washington-middle&amp;theme=plain">Back to the digest</a>',
      );
      // A plain embed's answer is plain too: no header of its own under the district site's.
      expect(sentPage).toContain('<main class="embed plain">');
      expect(sentPage).not.toContain('<header>');
      expect(page).toContain('<main class="embed">');
      const subscriber = (await findSubscriberByEmail(app.runtime.deps.db, 'parent@family.example'))!;
      expect(subscriber).toMatchObject({ status: 'pending', consentSource: 'embed' });
      expect(JSON.parse(subscriber.consentSchools!)).toEqual(['washington-middle']);
    });

    it('answers oEmbed for the site and for a digest, and only for them', async () => {
      const url = `${app.url}/digests/2026-11-20`;
      const answer = await (await get(`/oembed?url=${encodeURIComponent(url)}&maxwidth=400`)).json();
      expect(answer).toMatchObject({
        version: '1.0',
        type: 'rich',
        title: 'What happened yesterday: Friday, November 20, 2026',
        width: 400,
        provider_url: `${app.url}/`,
      });
      expect(answer.html).toBe(
        `<blockquote><a href="${url}">What happened yesterday: Friday, November 20, 2026</a></blockquote>` +
          `<iframe src="${app.url}/embed?date=2026-11-20" width="400" height="640" title="What happened yesterday: Friday, November 20, 2026" frameborder="0" loading="lazy" style="border:0;max-width:100%"></iframe>`,
      );
      expect((await get(`/oembed?url=${encodeURIComponent(`${app.url}/`)}`)).status).toBe(200);
      expect(
        (await get(`/oembed?url=${encodeURIComponent('https://evil.example/digests/2026-11-20')}`)).status,
      ).toBe(404);
      expect((await get(`/oembed?url=${encodeURIComponent(url)}&format=xml`)).status).toBe(501);
      // A link as shared, with a tracking query or a fragment, is the same digest.
      for (const shared of [`${url}?utm_source=newsletter&fbclid=x`, `${url}#top`, `${url}/`]) {
        const found = await get(`/oembed?url=${encodeURIComponent(shared)}`);
        expect(found.status, shared).toBe(200);
        expect(((await found.json()) as { html: string }).html).toContain(`<a href="${url}">`);
      }

      // A digest's address in another of the district's languages: said, linked and framed in that language.
      await changeSetting(app.runtime.deps.db, 'languages', 'en,es', 1);
      try {
        const oembed = (address: string) => get(`/oembed?url=${encodeURIComponent(address)}`);
        const spanish = await (await oembed(`${app.url}/es/digests/2026-11-20`)).json();
        expect(spanish.title).toBe('Lo que pasó ayer: viernes, 20 de noviembre de 2026');
        expect(spanish.provider_name).toContain('Lo que pasó ayer');
        expect(spanish.html).toContain(`<a href="${app.url}/es/digests/2026-11-20">`);
        expect(spanish.html).toContain(`<iframe src="${app.url}/es/embed?date=2026-11-20"`);
        expect((await oembed(`${app.url}/es/`)).status).toBe(200);
        expect((await oembed(`${app.url}/es`)).status).toBe(200);
        expect((await oembed(`${app.url}/fr/digests/2026-11-20`)).status).toBe(404);
      } finally {
        await changeSetting(app.runtime.deps.db, 'languages', 'en', 1);
      }
    });
  });

  describe('corrections and takedowns', () => {
    it('shows a correction on the page, in the feeds (same id, later update) and the embed, and emails those who were sent the posts it changed', async () => {
      app.clock.set('2026-11-21T18:30:00Z');
      const before = (await parseWithFeedparser(await text('/feed.atom'))).entries[0]!;
      // Cached now; the correction must reach them at once.
      for (const path of ['/', '/digests/2026-11-20', '/embed', '/feed.json']) await text(path);
      const { emails } = await correctDesk(desk(), dana, '2026-11-20', {
        entries: [
          { itemId: ids['Pumpkin measuring day']!, blurb: 'We measured five pumpkins.' },
          { itemId: ids['Poetry café']! },
          { itemId: ids['Robot club']! },
        ],
        note: 'An earlier version said six pumpkins; there were five. We are sorry for the error.',
        email: true,
      });
      // Not the Washington-only subscriber: the correction is about a Lincoln post they were never sent.
      expect(emails).toBe(1);
      for (const path of [
        '/',
        '/digests/2026-11-20',
        '/embed',
        '/schools/lincoln-elementary',
        '/schools/lincoln-elementary/feed.xml',
        '/embed?school=lincoln-elementary',
      ]) {
        const page = await text(path);
        expect(page, path).toContain('Corrected on Saturday, November 21, 2026:');
        expect(page, path).toContain('there were five');
      }
      // Washington's readers are not told of a change to another school's post.
      for (const path of [
        '/schools/washington-middle',
        '/schools/washington-middle/feed.xml',
        '/schools/washington-middle/feed.json',
        '/embed?school=washington-middle',
      ]) {
        const page = await text(path);
        expect(page, path).toContain('Robot club');
        expect(page, path).not.toContain('there were five');
      }
      const after = (await parseWithFeedparser(await text('/feed.atom'))).entries[0]!;
      expect(after.id).toBe(before.id);
      expect(after.published).toBe(before.published);
      expect(after.updated).toBe('2026-11-21T18:30:00Z');
      expect(after.content[0]).toContain('We measured five pumpkins.');
      expect(JSON.parse(await text('/feed.json')).items[0].date_modified).toBe('2026-11-21T18:30:00.000Z');

      await runSendJob(app.runtime.deps);
      const corrections = mails().filter((m) => m.subject.startsWith('Correction:'));
      expect(corrections.map((m) => m.to)).toEqual(['everyone@family.example']);
      expect(corrections[0]!.subject).toBe('Correction: the daily digest of Friday, November 20, 2026');
      expect(corrections[0]!.text).toContain('there were five');
      expect(corrections[0]!.text).toContain(`Read the corrected digest: ${app.url}/digests/2026-11-20`);

      // A correction of a Washington post reaches Washington's readers, and is the one their email tells of.
      app.clock.set('2026-11-21T19:00:00Z');
      const second = await correctDesk(desk(), dana, '2026-11-20', {
        entries: [
          { itemId: ids['Pumpkin measuring day']! },
          { itemId: ids['Poetry café']! },
          { itemId: ids['Robot club']!, blurb: 'Robots raced down the hall.' },
        ],
        note: 'The robots raced in the hall, not the gym. We have corrected the post.',
        email: true,
      });
      // Both: each correction is its own email, to those it concerns.
      expect(second.emails).toBe(2);
      const washington = await text('/schools/washington-middle');
      expect(washington).toContain('not the gym');
      expect(washington).not.toContain('there were five');
      expect(await text('/schools/lincoln-elementary')).not.toContain('not the gym');
      expect(await text('/digests/2026-11-20')).toContain('not the gym');
      // The desk says whose readers each correction was for.
      const editor = await signedInClient(app, 'corrections@district.example', 'editor');
      const deskPage = await (await editor.get('/admin/inbox?date=2026-11-20')).text();
      expect(deskPage).toMatch(/there were five[^<]*\(for readers of Lincoln Elementary\) \(emailed\)/);
      expect(deskPage).toMatch(/not the gym[^<]*\(for readers of Washington Middle\)/);
      await runSendJob(app.runtime.deps);
      const told = (to: string) => mails().filter((m) => m.subject.startsWith('Correction:') && m.to === to);
      expect(told('washington@family.example').map((m) => m.text)).toEqual([
        expect.stringContaining('not the gym'),
      ]);
      expect(told('washington@family.example')[0]!.text).not.toContain('there were five');
      // Whoever follows every school was told of each, once, each email of its own correction.
      const everyone = told('everyone@family.example').map((m) => m.text);
      expect(everyone).toHaveLength(2);
      expect(everyone.filter((text) => text.includes('there were five'))).toHaveLength(1);
      expect(everyone.filter((text) => text.includes('not the gym'))).toHaveLength(1);

      // A reader who changes schools after the digest went out is told of corrections to what they were sent,
      // and not of those to posts they never saw: Washington's reader follows Lincoln instead from now on.
      const db = app.runtime.deps.db;
      const schoolOf = async (title: string) =>
        (await listItemsPublishedBetween(db, 0, NOON_20 * 2)).find((i) => i.title === title)!.schoolId;
      const reader = (await findSubscriberByEmail(db, 'washington@family.example'))!;
      await replaceSubscriberSchools(db, reader.id, [await schoolOf('Poetry café')]);
      app.clock.set('2026-11-21T19:30:00Z');
      const poems = await correctDesk(desk(), dana, '2026-11-20', {
        entries: [
          { itemId: ids['Pumpkin measuring day']! },
          { itemId: ids['Poetry café']!, blurb: 'Families and grandparents came.' },
          { itemId: ids['Robot club']! },
        ],
        note: 'Grandparents came to the poetry café too; we have added them.',
        email: true,
      });
      expect(poems.emails).toBe(1);
      app.clock.set('2026-11-21T19:45:00Z');
      const robots = await correctDesk(desk(), dana, '2026-11-20', {
        entries: [
          { itemId: ids['Pumpkin measuring day']! },
          { itemId: ids['Poetry café']! },
          { itemId: ids['Robot club']!, blurb: 'Robots raced down the long hall.' },
        ],
        note: 'It was the long hall by the library; we have corrected the post.',
        email: true,
      });
      expect(robots.emails).toBe(2);
      await runSendJob(app.runtime.deps);
      const toReader = told('washington@family.example').map((m) => m.text);
      expect(toReader).toEqual([
        expect.stringContaining('not the gym'),
        expect.stringContaining('the long hall'),
      ]);
      expect(toReader.join('\n')).not.toContain('Grandparents');
      expect(told('everyone@family.example')).toHaveLength(4);
      await replaceSubscriberSchools(db, reader.id, [await schoolOf('Robot club')]);

      // A correction that names a student in full is refused, and nothing changes.
      await expect(
        correctDesk(desk(), dana, '2026-11-20', {
          entries: [{ itemId: ids['Pumpkin measuring day']!, headline: 'Maya Johnson measures pumpkins' }],
          note: 'Adding who measured the pumpkins.',
          email: false,
        }),
      ).rejects.toMatchObject({ code: 'findings' });
      // So is one whose note does: the note is shown everywhere and emailed.
      await expect(
        correctDesk(desk(), dana, '2026-11-20', {
          entries: [{ itemId: ids['Pumpkin measuring day']!, blurb: 'We measured five big pumpkins.' }],
          note: 'An earlier version left out that Maya Johnson measured the pumpkins.',
          email: false,
        }),
      ).rejects.toMatchObject({
        code: 'findings',
        details: {
          findings: [expect.objectContaining({ message: expect.stringContaining('(correction note)') })],
        },
      });
      expect(await text('/digests/2026-11-20')).not.toContain('Maya Johnson');
    });

    it('takes a post and its picture down everywhere at once, emails not sent yet included', async () => {
      app.clock.set('2026-11-20T20:00:00Z');
      await saveDesk(desk(), dana, '2026-11-19', {
        entries: [{ itemId: ids['Leaf rubbings']! }, { itemId: ids['Map day']! }],
      });
      await publishDesk(desk(), dana, '2026-11-19'); // queued, not sent yet
      const leaves = mediaNamesIn(await text('/digests/2026-11-19'));
      expect(leaves.length).toBeGreaterThan(0);
      await text('/feed.xml');
      await text('/embed?date=2026-11-19');

      const { digestTakenDown } = await takeDownEntry(
        desk(),
        dana,
        '2026-11-19',
        ids['Leaf rubbings']!,
        'The family withdrew consent for this photo.',
      );
      expect(digestTakenDown).toBe(false);
      for (const path of [
        '/digests/2026-11-19',
        '/feed.xml',
        '/feed.atom',
        '/feed.json',
        '/embed?date=2026-11-19',
        '/schools/lincoln-elementary',
        '/',
      ]) {
        const body = await text(path);
        expect(body, path).not.toContain('Leaf rubbings');
        for (const name of leaves) expect(body, path).not.toContain(name);
        expect(body, path).toContain('Map day');
      }
      // Said where the digest is read, with an apology (policy: correct, acknowledge, apologise).
      expect(await text('/digests/2026-11-19')).toContain(
        'a post was removed from this digest. We are sorry for any concern this caused.',
      );
      expect(await text('/feed.xml')).toContain(
        'a post was removed from this digest. We are sorry for any concern this caused.',
      );

      const sentBefore = mails().length;
      await runSendJob(app.runtime.deps);
      const sent = mails().slice(sentBefore);
      expect(sent.length).toBe(1); // the Washington-only subscriber has nothing in this digest
      expect(sent[0]!.text).toContain('Map day');
      expect(sent[0]!.text).not.toContain('Leaf rubbings');
      for (const name of leaves) expect(sent[0]!.html).not.toContain(name);
      // The picture is gone from its address too, for emails delivered earlier and for link previews.
      for (const name of leaves) expect((await fetch(`${app.url}/media/${name}`)).status).toBe(410);

      await expect(
        takeDownEntry(desk(), dana, '2026-11-19', ids['Leaf rubbings']!, 'Twice by mistake, surely.'),
      ).rejects.toMatchObject({ code: 'not-in-digest' });
      // Taking down the last post takes the digest down with it.
      const last = await takeDownEntry(
        desk(),
        dana,
        '2026-11-19',
        ids['Map day']!,
        'The teacher asked us to.',
      );
      expect(last.digestTakenDown).toBe(true);
      // Its address says it was taken down (410 Gone), not that it may have moved.
      const gone = await get('/digests/2026-11-19');
      expect(gone.status).toBe(410);
      expect(await gone.text()).toContain(
        'The district took down the digest for Thursday, November 19, 2026, and it is no longer published anywhere. We are sorry for any concern this caused.',
      );
      expect((await get('/digests/2026-11-18')).status).toBe(404);
      expect(await text('/feed.xml')).not.toContain('2026-11-19');
    });
  });
});
