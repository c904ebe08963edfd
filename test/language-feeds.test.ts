// The feeds in each offered language: /es/feed.xml, /ar/feed.atom, /es/schools/SLUG/feed.json carry their
// language, link to the pages in it, and say a correction in it; a real feed reader (Python's feedparser)
// reads them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskDepsOf, publishDesk, saveDesk } from '../src/curate/desk';
import { correctDesk } from '../src/curate/correct-digest';
import { listItemsPublishedBetween } from '../src/db/items';
import { changeSetting } from '../src/settings/district-settings';
import { dayRange } from '../src/time/zoned-time';
import { createClient } from './browser-client';
import { testClock } from './clock';
import { parseWithFeedparser } from './feedparser';
import { addSchoolWithSource, item, storeItems } from './fixtures';
import { addUser, startTestApp, type TestApp, deskActorFor } from './test-app';

describe('feeds and missing pages in each language', () => {
  let app: TestApp;
  const text = async (path: string) => {
    const response = await fetch(`${app.url}${path}`);
    expect(response.status, path).toBe(200);
    return response.text();
  };

  beforeAll(async () => {
    app = await startTestApp({ clock: testClock('2026-11-21T15:00:00Z') });
    const db = app.runtime.deps.db;
    await changeSetting(db, 'languages', 'en,es,ar', 1);
    // Nothing here is translated: each language shows the district's text with a line saying so.
    await changeSetting(db, 'translation_unreviewed', 'fallback', 1);
    const user = await addUser(app, 'dana@district.example', 'editor');
    const dana = deskActorFor(user);
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    const { start, end } = dayRange('2026-11-20', 'America/Chicago');
    await storeItems(db, source.id, [
      item({ guid: 'kites', title: 'Kites on the field', publishedAt: start + 4e7 }),
    ]);
    const entries = (await listItemsPublishedBetween(db, start, end)).map((i) => ({ itemId: i.id }));
    await saveDesk(deskDepsOf(app.runtime.deps), dana, '2026-11-20', { entries });
    await publishDesk(deskDepsOf(app.runtime.deps), dana, '2026-11-20');
    await correctDesk(deskDepsOf(app.runtime.deps), dana, '2026-11-20', {
      entries,
      note: 'The kites flew on Friday, not Thursday.',
      email: false,
    });
  });
  afterAll(() => app?.close());

  it('explains feeds to a parent who follows a feed link, with every address in the page’s language', async () => {
    const home = await text('/es');
    // The foot and the sign-up box lead to the page, not to the code of a feed.
    expect(home).toContain('<a href="/es/feeds">Canales RSS</a>');
    expect(home).not.toContain('href="/es/feed.xml"');
    const page = await text('/es/feeds');
    expect(page).toContain('<h1 class="page-title">Seguir en un lector de canales</h1>');
    const addresses = [...page.matchAll(/class="feed-address" dir="ltr">([^<]+)</g)].map((m) => m[1]!);
    expect(addresses).toEqual([
      `${app.url}/es/feed.xml`,
      `${app.url}/es/feed.atom`,
      `${app.url}/es/feed.json`,
      `${app.url}/es/schools/lincoln-elementary/feed.xml`,
    ]);
    for (const address of addresses.filter((a) => !a.endsWith('.json')))
      expect((await parseWithFeedparser(await text(address.slice(app.url.length)))).bozo, address).toBe(
        false,
      );
    // A school's page points at its place on it.
    expect(await text('/es/schools/lincoln-elementary')).toContain(
      'href="/es/feeds#school-lincoln-elementary"',
    );
    expect(page).toContain('id="school-lincoln-elementary"');
    // In Arabic, the school's English name carries its language and keeps its own direction.
    expect(await text('/ar/feeds')).toContain(
      '<span class="feed-format"><bdi lang="en">Lincoln Elementary</bdi></span>',
    );
  });

  it('sends the addresses people guess on to the feed and the newest digest, in the language asked', async () => {
    const goes = async (path: string) => {
      const response = await fetch(`${app.url}${path}`, { redirect: 'manual' });
      return [response.status, response.headers.get('location')];
    };
    expect(await goes('/rss')).toEqual([301, '/feed.xml']);
    expect(await goes('/feed')).toEqual([301, '/feed.xml']);
    expect(await goes('/es/rss')).toEqual([301, '/es/feed.xml']);
    // A newsletter's or a flyer's one address for the newest digest; not kept by anyone for long.
    expect(await goes('/digests/latest')).toEqual([302, '/digests/2026-11-20']);
    expect(await goes('/ar/digests/latest')).toEqual([302, '/ar/digests/2026-11-20']);
    const latest = await fetch(`${app.url}/digests/latest`, { redirect: 'follow' });
    expect(latest.status).toBe(200);
    expect(latest.url).toBe(`${app.url}/digests/2026-11-20`);
  });

  it('serves each feed in each offered language, marked and linked in it', async () => {
    const rss = await text('/es/feed.xml');
    expect(rss).toContain('<language>es</language>');
    expect(rss).toContain('Corregido el sábado, 21 de noviembre de 2026:');
    const parsed = await parseWithFeedparser(rss);
    expect(parsed.bozo).toBe(false);
    expect(parsed.entries[0]!.link).toBe(`${app.url}/es/digests/2026-11-20`);
    expect(parsed.entries[0]!.title).toBe('Lo que pasó ayer: viernes, 20 de noviembre de 2026');

    const atom = await parseWithFeedparser(await text('/ar/feed.atom'));
    expect(atom.bozo).toBe(false);
    expect(atom.entries[0]!.link).toBe(`${app.url}/ar/digests/2026-11-20`);
    expect(atom.entries[0]!.content[0]).toContain('صُحّح يوم');
    // Marked right to left as a whole, for feed readers that do not guess a text's direction.
    expect(atom.entries[0]!.content[0]).toMatch(/^<div dir="rtl" lang="ar">/);
    expect((await parseWithFeedparser(await text('/feed.atom'))).entries[0]!.content[0]).not.toContain(
      '<div',
    );
    // What is shown in English for want of a translation says so, as on the pages (as feedparser reads it).
    expect(atom.entries[0]!.content[0]).toContain(
      '<span dir="auto" lang="en">The kites flew on Friday, not Thursday.</span>',
    );
    expect(atom.entries[0]!.content[0]).toMatch(/<h2 dir="auto" lang="en"><a [^>]*>Kites on the field<\/a>/);
    // The line a page shows above it, that it is shown in English for want of a translation, is in the feed too.
    expect(atom.entries[0]!.content[0]).toContain(
      '<p><em>لم يُترجم هذا الملخص بعد، لذلك يُعرض باللغة الإنجليزية.</em></p>',
    );
    expect(parsed.entries[0]!.content[0]).toContain(
      '<em>Este resumen aún no está traducido, así que se muestra en inglés.</em>',
    );
    expect(await text('/feed.xml')).not.toContain('not translated yet');
    // As written in the XML (escaped inside <content>): marked in Spanish, never in the district's own English.
    expect(await text('/es/feed.xml')).toContain('lang=&quot;en&quot; dir=&quot;auto&quot;');
    expect(await text('/feed.xml')).not.toContain('lang=&quot;en&quot;');

    const json = JSON.parse(await text('/es/schools/lincoln-elementary/feed.json')) as {
      language: string;
      home_page_url: string;
      items: { url: string }[];
    };
    expect(json.language).toBe('es');
    expect(json.home_page_url).toBe(`${app.url}/es/schools/lincoln-elementary`);
    // A school's feed links to its part of the digest.
    expect(json.items[0]!.url).toBe(`${app.url}/es/digests/2026-11-20#school-lincoln-elementary`);

    // The district's own language stays at the root; a language not offered has no feed.
    expect(await text('/feed.xml')).toContain('<language>en</language>');
    expect((await fetch(`${app.url}/fr/feed.xml`)).status).toBe(404);
    expect((await fetch(`${app.url}/en/feed.xml`)).status).toBe(404);
    // A page that is not there says so in the language of its address.
    const missing = await fetch(`${app.url}/es/digests/2019-01-01`);
    expect(missing.status).toBe(404);
    const body = await missing.text();
    expect(body).toMatch(/<html lang="es" dir="ltr">/);
    expect(body).toContain('<h1 class="page-title">No hay resumen de ese día</h1>');
    expect(body).toContain('No se publicó nada del martes, 1 de enero de 2019');
    expect(body).toContain('<a href="/es/digests/2026-11-20" rel="next"');
    const nowhere = await fetch(`${app.url}/es/no-such-page`);
    expect(nowhere.status).toBe(404);
    expect(await nowhere.text()).toContain('Página no encontrada');
    // So does any other error on a page in a language, while the desk's stay in English.
    const tooLarge = { method: 'POST', body: 'x'.repeat(100 * 1024) };
    const arabic = await fetch(`${app.url}/ar/subscribe`, tooLarge);
    expect(arabic.status).toBe(413);
    const arabicBody = await arabic.text();
    expect(arabicBody).toMatch(/<html lang="ar" dir="rtl">/);
    expect(arabicBody).toContain('الحجم كبير جدًا');
    const desk = await fetch(`${app.url}/admin/login`, tooLarge);
    expect(desk.status).toBe(413);
    expect(await desk.text()).toMatch(/<html lang="en" dir="ltr">[\s\S]*That is too large/);
    // A mistake in the sign-up form is explained in the language of the form.
    const client = createClient(app.url);
    const refused = await client.post('/subscribe', { email: 'padre@@family.example', language: 'es' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Eso no parece una dirección de correo.');
    // A language's page of a digest nobody translated is the district's page again: for search engines, its
    // canonical address is the district's, and it names no language alternates.
    const untranslated = await text('/es/digests/2026-11-20');
    expect(untranslated).toContain(`<link rel="canonical" href="${app.url}/digests/2026-11-20"/>`);
    expect(untranslated).not.toContain('hreflang="es" href=');
    expect(untranslated).toContain('<meta property="og:locale" content="en_US"/>');
    expect(untranslated).not.toContain('og:locale:alternate');
    // A page that is the same in every language (the archive) is its own in each.
    expect(await text('/es/archive')).toContain(`<link rel="canonical" href="${app.url}/es/archive"/>`);
    expect(await text('/ar/feed.atom')).toContain('xml:lang="ar"');
    // Search engines find every language from the one sitemap at the root; /LANG has no robots.txt of its own.
    const sitemap = await text('/sitemap.xml');
    for (const loc of ['/digests/2026-11-20', '/ar/archive', '/es'])
      expect(sitemap).toContain(`<loc>${app.url}${loc}</loc>`);
    // A digest nobody translated is the district's page again under /es/ and /ar/: those are not listed.
    expect(sitemap).not.toContain('/es/digests/2026-11-20');
    expect(sitemap).not.toContain('/ar/digests/2026-11-20');
    expect((await fetch(`${app.url}/zz/robots.txt`)).status).toBe(404);
    expect((await fetch(`${app.url}/es/sitemap.xml`)).status).toBe(404);
    // The embed at /es/embed as with data-lang; the loader and oEmbed live at the root only.
    expect(await text('/es/embed')).toMatch(/<html lang="es" dir="ltr" class="light-only">/);
    expect(await text('/embed?lang=ar')).toMatch(/<html lang="ar" dir="rtl" class="light-only">/);
    expect((await fetch(`${app.url}/fr/embed`)).status).toBe(404);
    expect((await fetch(`${app.url}/es/embed.js`)).status).toBe(404);
    // Pages in a language point their readers at the feeds in it.
    expect(await text('/es')).toContain(`href="${app.url}/es/feed.xml"`);
  });
});
