// Text that cannot break XML: a teacher's feed whose titles and posts hold references to control characters,
// non-characters and bidi overrides, an editor typing them on the desk or through the API, and a row stored
// before text was cleaned; each time the district's feeds stay well-formed for a strict XML parser and for
// python3-feedparser, and the JSON Feed and the pages still read right.
import { afterEach, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/auth/api-tokens';
import { cliActor } from '../src/db/audit';
import { findItemsByIds, listItemsPublishedBetween } from '../src/db/items';
import { parseWithFeedparser } from './feedparser';
import { addSchoolWithSource, item, storeItems } from './fixtures';
import { serveBody, startTestServer } from './http-server';
import { strictXmlError } from './strict-xml';
import { signedInClient, startTestApp, type TestApp, publishFromDesk } from './test-app';

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of running.splice(0).reverse()) await thing.close();
});

const NOON = Date.parse('2026-11-20T18:00:00Z');
const DATE = '2026-11-20';
/** What must never reach a published feed: control characters, non-characters, bidi controls. */
/* eslint-disable no-control-regex -- matching control characters is the point */
const UNWANTED =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFDD0-\uFDEF\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069]/;
/* eslint-enable no-control-regex */

const RSS = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Room&#x1B; 12&#x202E; news</title>
<link>https://room12.example/</link>
<item>
  <title>Kites&#x1B; in the &#xFFFE;wind&#x202E;&#xFDD0;</title>
  <link>https://room12.example/kites</link>
  <guid>kites</guid>
  <pubDate>Fri, 20 Nov 2026 18:00:00 GMT</pubDate>
  <description>&lt;p&gt;We flew&amp;#x1B; kites&#x8; on the field&#xFFFF;&#x2066;.&lt;/p&gt;</description>
</item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Room 14&#x1B; journal&#x2068;</title>
<id>urn:room14</id>
<updated>2026-11-20T19:00:00Z</updated>
<entry>
  <title type="html">Leaf&amp;#x7; rubbings&amp;#xFFFE;</title>
  <link rel="alternate" href="https://room14.example/leaves"/>
  <id>urn:room14:leaves</id>
  <updated>2026-11-20T19:00:00Z</updated>
  <content type="html">&lt;p&gt;Crayons&amp;#x1B; and&amp;#x202D; leaves&lt;/p&gt;</content>
</entry>
</feed>`;

async function setUp(): Promise<{
  app: TestApp;
  api: (method: string, path: string, body?: unknown) => Promise<Response>;
}> {
  const app = await startTestApp();
  running.push(app);
  const { token } = await createApiToken(
    app.runtime.deps.db,
    { name: 'desk script', role: 'editor' },
    cliActor,
    app.clock.now(),
  );
  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${app.url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { app, api };
}

/** Every feed and page a reader might fetch, checked; the headlines the feeds carry. */
async function expectReadableEverywhere(app: TestApp, headlines: string[], options = { pages: true }) {
  for (const path of ['/feed.xml', '/feed.atom', '/schools/lincoln-elementary/feed.xml', '/sitemap.xml']) {
    const body = await (await fetch(`${app.url}${path}`)).text();
    expect(strictXmlError(body), path).toBeUndefined();
    expect(body).not.toMatch(UNWANTED);
    if (path === '/sitemap.xml') continue;
    const parsed = await parseWithFeedparser(body);
    expect(parsed.bozo, `${path}: ${parsed.bozo_exception}`).toBeFalsy();
    expect(parsed.entries).toHaveLength(1);
    const content = parsed.entries[0]!.content[0] ?? '';
    for (const headline of headlines) expect(content).toContain(headline);
  }
  const json = (await (await fetch(`${app.url}/feed.json`)).json()) as { items: { content_html: string }[] };
  expect(json.items).toHaveLength(1);
  if (!options.pages) return;
  for (const headline of headlines) expect(json.items[0]!.content_html).toContain(headline);
  const page = await (await fetch(`${app.url}/digests/${DATE}`)).text();
  for (const headline of headlines) expect(page).toContain(headline);
}

describe('text that cannot break XML', () => {
  it('reads control characters, non-characters and bidi overrides out of a teacher’s feed before they are stored', async () => {
    const { app, api } = await setUp();
    const feeds = await startTestServer();
    running.push(feeds);
    feeds.route('/room12.xml', serveBody(RSS, 'application/rss+xml'));
    feeds.route('/room14.xml', serveBody(ATOM, 'application/atom+xml'));
    for (const path of ['/room12.xml', '/room14.xml'])
      expect(
        (await api('POST', '/sources', { url: `${feeds.url}${path}`, school: 'Lincoln Elementary' })).status,
      ).toBe(201);
    expect((await api('POST', '/ingest')).status).toBe(200);

    const { items } = (await (await api('GET', `/items?date=${DATE}`)).json()) as {
      items: { id: number; title: string; summary: string }[];
    };
    expect(items.map((i) => [i.title, i.summary]).sort()).toEqual([
      ['Kites in the wind', 'We flew kites on the field.'],
      ['Leaf rubbings', 'Crayons and leaves'],
    ]);
    const stored = await findItemsByIds(
      app.runtime.deps.db,
      items.map((i) => i.id),
    );
    for (const row of stored)
      expect(JSON.stringify(row)).not.toMatch(/\\u00[01]|\\uff|[\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069]/i);
    const sources = (await (await api('GET', '/sources')).json()) as { sources: { title: string }[] };
    expect(sources.sources.map((s) => s.title).sort()).toEqual(['Room 12 news', 'Room 14 journal']);

    expect(
      (await api('PUT', `/digests/${DATE}`, { entries: items.map((i) => ({ item_id: i.id })) })).status,
    ).toBe(200);
    expect((await api('POST', `/digests/${DATE}/publish`)).status).toBe(200);
    await expectReadableEverywhere(app, ['Kites in the wind', 'Leaf rubbings', 'Room 12 news']);
  });

  it('gives feed readers a headline that looks like markup as text, never as HTML', async () => {
    const { app, api } = await setUp();
    const db = app.runtime.deps.db;
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    const title = 'Field trip <img src=x onerror=alert(document.domain)> & more';
    await storeItems(db, source.id, [item({ guid: 'trip', title, publishedAt: NOON })]);
    const { items } = (await (await api('GET', `/items?date=${DATE}`)).json()) as { items: { id: number }[] };
    // No intro: the description is made of the headlines, which default to the posts' own titles.
    expect((await api('PUT', `/digests/${DATE}`, { entries: [{ item_id: items[0]!.id }] })).status).toBe(200);
    expect((await api('POST', `/digests/${DATE}/publish`)).status).toBe(200);
    for (const path of ['/feed.xml', '/schools/lincoln-elementary/feed.xml']) {
      const parsed = await parseWithFeedparser(await (await fetch(`${app.url}${path}`)).text());
      expect(parsed.bozo, path).toBeFalsy();
      // feedparser reads the description as HTML (and would keep <img src="x"> of an unescaped one).
      expect(parsed.entries[0]!.summary, path).toBe(
        'Field trip &lt;img src=x onerror=alert(document.domain)&gt; &amp; more',
      );
    }
  });

  it('cleans what an editor types on the desk', async () => {
    const { app } = await setUp();
    const db = app.runtime.deps.db;
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    await storeItems(db, source.id, [item({ guid: 'robots', title: 'Robot club', publishedAt: NOON })]);
    const editor = await signedInClient(app, 'lee@district.example', 'editor');
    const id = String((await listItemsPublishedBetween(db, NOON - 3600_000, NOON + 3600_000))[0]!.id);
    const saved = await publishFromDesk(editor, DATE, {
      _csrf: await editor.csrf(`/admin/inbox?date=${DATE}`),
      version: '0',
      entry: id,
      title: 'Friday\u001B',
      intro: 'A busy\uFFFE day\u202E.',
      [`headline_${id}`]: 'Robots\u0007 race\u2067 again',
      [`blurb_${id}`]: 'Six\u001F robots, one\uFDD0 track.',
    });
    expect(saved.status).toBe(303);
    const api = (await (
      await fetch(`${app.url}/api/v1/digests/${DATE}`, {
        headers: {
          authorization: `Bearer ${(await createApiToken(db, { name: 'reader', role: 'editor' }, cliActor, 1)).token}`,
        },
      })
    ).json()) as {
      status: string;
      title: string;
      intro: string;
      entries: { headline: string; blurb: string }[];
    };
    expect(api).toMatchObject({
      status: 'published',
      title: 'Friday',
      intro: 'A busy day.',
      entries: [{ headline: 'Robots race again', blurb: 'Six robots, one track.' }],
    });
    await expectReadableEverywhere(app, ['Robots race again', 'Six robots, one track.']);
  });

  it('cleans what a program sends through the API, JSON escapes included', async () => {
    const { app, api } = await setUp();
    const db = app.runtime.deps.db;
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    await storeItems(db, source.id, [item({ guid: 'maps', title: 'Map day', publishedAt: NOON })]);
    const { items } = (await (await api('GET', `/items?date=${DATE}`)).json()) as { items: { id: number }[] };
    const body = `{"title":"Maps\\u001b","intro":"We drew\\ufffe maps\\u202e.","entries":[{"item_id":${items[0]!.id},"headline":"Maps\\u0000 of\\udc00 the\\u2069 town","blurb":"Every\\u000b street."}]}`;
    const saved = await api('PUT', `/digests/${DATE}`, body);
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({
      title: 'Maps',
      intro: 'We drew maps.',
      entries: [{ headline: 'Maps of the town', blurb: 'Every street.' }],
    });
    expect((await api('POST', `/digests/${DATE}/publish`)).status).toBe(200);
    await expectReadableEverywhere(app, ['Maps of the town', 'Every street.']);
  });

  it('keeps the feeds well-formed when a row stored before cleaning holds a control character', async () => {
    const { app, api } = await setUp();
    const db = app.runtime.deps.db;
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    await storeItems(db, source.id, [item({ guid: 'bees', title: 'Bee visit', publishedAt: NOON })]);
    const { items } = (await (await api('GET', `/items?date=${DATE}`)).json()) as { items: { id: number }[] };
    expect(
      (await api('PUT', `/digests/${DATE}`, { entries: [{ item_id: items[0]!.id, blurb: 'Bees came.' }] }))
        .status,
    ).toBe(200);
    expect((await api('POST', `/digests/${DATE}/publish`)).status).toBe(200);
    // As an older version stored it: written past every check, straight into the tables.
    await db.query(
      'update digest_entries set headline = ?, blurb = ?, source_title = ? returning digest_id',
      ['Bee\u001B visit\uFFFF', 'Bees\u0008 came\u202E.', 'Room\u001F 9'],
    );
    await db.query('update digests set intro = ? returning id', ['Buzz\u0001']);
    await expectReadableEverywhere(app, ['Bee visit', 'Bees came.', 'Room 9'], { pages: false });
  });
});
