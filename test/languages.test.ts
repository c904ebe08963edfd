// Every family in its language, over real HTTP and a real SMTP server: the pages at /es/ and /ar/ (lang, dir,
// hreflang, the switcher), a Spanish sign-up from Accept-Language, its confirmation and the digest email in
// Spanish with Content-Language, an Arabic email laid out right to left, and a correction in both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskDepsOf, publishDesk, saveDesk, type DeskActor } from '../src/curate/desk';
import { correctDesk } from '../src/curate/correct-digest';
import { listItemsPublishedBetween } from '../src/db/items';
import { findSubscriberByEmail } from '../src/db/subscribers';
import { changeSetting } from '../src/settings/district-settings';
import { dayRange } from '../src/time/zoned-time';
import { createClient } from './browser-client';
import { testClock } from './clock';
import { addSchoolWithSource, item, storeItems } from './fixtures';
import { rawHeader, startSmtpSink, type SmtpSink } from './smtp-sink';
import { addUser, startTestApp, type TestApp } from './test-app';

describe('languages', () => {
  let app: TestApp;
  let smtp: SmtpSink;
  let dana: DeskActor;
  const text = async (path: string, headers: Record<string, string> = {}) =>
    (await fetch(`${app.url}${path}`, { headers })).text();

  beforeAll(async () => {
    smtp = await startSmtpSink();
    app = await startTestApp({ env: { SMTP_URL: smtp.url }, clock: testClock('2026-11-21T15:00:00Z') });
    const db = app.runtime.deps.db;
    await changeSetting(db, 'district_name', 'Lakeside', 1);
    await changeSetting(db, 'languages', 'en,es,ar', 1);
    // Nobody translates here: Spanish and Arabic readers get the district's text, with a line saying so.
    await changeSetting(db, 'translation_unreviewed', 'fallback', 1);
    const user = await addUser(app, 'dana@district.example', 'editor');
    dana = { type: 'user', id: user.id, userId: user.id, label: 'dana', role: 'editor' };
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    const { start } = dayRange('2026-11-20', 'America/Chicago');
    await storeItems(db, source.id, [
      item({ guid: 'kites', title: 'Kites on the field', publishedAt: start + 40e6 }),
      item({ guid: 'bees', title: 'The spelling bee', publishedAt: start + 41e6 }),
    ]);
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
  });

  it('serves every public page under /es and /ar, marked with its language and direction', async () => {
    const es = await text('/es');
    expect(es).toMatch(/<html lang="es" dir="ltr">/);
    expect(es).toContain('Reciba el resumen diario por correo');
    expect(es).toContain('<input type="hidden" name="language" value="es"/>');
    for (const lang of ['en', 'es', 'ar'])
      expect(es).toContain(
        `<link rel="alternate" hreflang="${lang}" href="${app.url}${lang === 'en' ? '/' : `/${lang}`}"/>`,
      );
    expect(es).toContain(`<link rel="alternate" hreflang="x-default" href="${app.url}/"/>`);
    // A link preview is told the page's language, and where the others are.
    expect(es).toContain('<meta property="og:locale" content="es_LA"/>');
    expect(es.match(/<meta property="og:locale:alternate" content="([a-z_A-Z]+)"\/>/g)).toEqual([
      '<meta property="og:locale:alternate" content="en_US"/>',
      '<meta property="og:locale:alternate" content="ar_AR"/>',
    ]);
    const ar = await text('/ar/archive');
    expect(ar).toMatch(/<html lang="ar" dir="rtl">/);
    expect(ar).toContain('كل الملخصات');
    // The page for teachers too, linked from the footer in each language.
    expect(await text('/es/teachers')).toContain('<h1 class="page-title">Para docentes</h1>');
    expect(ar).toContain('<a href="/ar/teachers">للمعلمين</a>');
    expect(await text('/ar/teachers')).toMatch(/<html lang="ar" dir="rtl">[\s\S]*اطلب من مدير مدرستك/);
    // The sign-up form, whose language is in its query, offers the others as every page does.
    // A Spanish browser leaving for English gets English: the link names the language and keeps the school.
    // /es/subscribe, as a reader of /es/ would guess it, is the sign-up in Spanish.
    const guessed = await fetch(`${app.url}/es/subscribe?school=lincoln-elementary`, { redirect: 'manual' });
    expect([guessed.status, guessed.headers.get('location')]).toEqual([
      301,
      '/subscribe?school=lincoln-elementary&lang=es',
    ]);
    const signUp = await text('/subscribe?lang=es&school=lincoln-elementary', { 'accept-language': 'es' });
    expect(signUp).toContain('<nav class="languages" aria-label="Idioma">');
    expect(signUp).toContain(
      '<a href="/subscribe?lang=en&amp;school=lincoln-elementary" hreflang="en" lang="en">English</a>',
    );
    expect(signUp).toContain(
      '<a href="/subscribe?lang=ar&amp;school=lincoln-elementary" hreflang="ar" lang="ar">',
    );
    expect(await text('/subscribe?lang=en&school=lincoln-elementary', { 'accept-language': 'es' })).toMatch(
      /<html lang="en" dir="ltr">/,
    );
    // From the district's own language the way to sign up names it too, so a Spanish browser reading the
    // English home page is not switched to Spanish on the way.
    expect(await text('/', { 'accept-language': 'es' })).toContain('href="/subscribe?lang=en"');
    // The default title is the product's, said in each language; a district's own title stays as written.
    expect(es).toContain('<a class="title" href="/es">Lo que pasó ayer</a>');
    expect(ar).toContain('ماذا حدث أمس</a>');
    expect(es).not.toContain('What happened yesterday');
    expect(await text('/es/embed')).toContain('Más en Lo que pasó ayer');
    await changeSetting(app.runtime.deps.db, 'site_title', 'Lakeside Classroom News', 1);
    expect(await text('/es')).toContain('<a class="title" href="/es">Lakeside Classroom News</a>');
    await changeSetting(app.runtime.deps.db, 'site_title', 'What happened yesterday', 1);
    // The district's own language lives at the root only; a language it does not offer is no page.
    expect((await fetch(`${app.url}/en`)).status).toBe(404);
    expect((await fetch(`${app.url}/fr/archive`)).status).toBe(404);
    // Written with a slash at the end, as the README and people write it: sent on to the page.
    const slash = await fetch(`${app.url}/es/`, { redirect: 'manual' });
    expect([slash.status, slash.headers.get('location')]).toEqual([301, '/es']);
    expect((await fetch(`${app.url}/es/archive`)).headers.get('cache-control')).toBe('public, max-age=60');
  });

  it('signs up a Spanish-speaking parent in Spanish and emails them in Spanish', async () => {
    const client = createClient(app.url);
    // The form is preselected from the browser's language.
    const form = await (
      await fetch(`${app.url}/subscribe`, { headers: { 'Accept-Language': 'es-MX,es;q=0.9' } })
    ).text();
    expect(form).toMatch(/<html lang="es"/);
    expect(form).toContain('<option value="es" lang="es" selected="">Español</option>');
    expect(
      (await client.post('/subscribe', { email: 'familia@family.example', language: 'es' })).status,
    ).toBe(303);
    await app.sendQueuedMail();
    const [confirm] = await smtp.waitFor(1);
    expect(confirm!.parsed.subject).toBe('Confirme su suscripción al resumen diario de Lakeside');
    expect(rawHeader(confirm!.raw, 'content-language')).toBe('es');
    expect(confirm!.parsed.text).toContain('Confirmar mi suscripción');
    const subscriber = (await findSubscriberByEmail(app.runtime.deps.db, 'familia@family.example'))!;
    expect(subscriber.language).toBe('es');
    expect(subscriber.consentText).toContain('Deseo recibir el resumen diario');
    const link = /https?:\/\/\S+\/subscribe\/confirm\?lang=es&token=[\w.-]+/.exec(confirm!.parsed.text!)![0];
    const confirmPage = await (await client.get(new URL(link).pathname + new URL(link).search)).text();
    expect(confirmPage).toContain('Un paso más');
    // Cut short on its way (a line break in a mail program), on a phone set to English, it still speaks Spanish.
    const cut = await fetch(
      `${app.url}/subscribe/confirm?lang=es&token=${new URL(link).searchParams.get('token')!.slice(0, 9)}`,
      {
        headers: { 'Accept-Language': 'en-US,en;q=0.9' },
      },
    );
    expect(cut.status).toBe(404);
    expect(await cut.text()).toMatch(/<html lang="es"/);
    await client.post(new URL(link).pathname + new URL(link).search, {});

    const db = app.runtime.deps.db;
    const { start, end } = dayRange('2026-11-20', 'America/Chicago');
    const items = await listItemsPublishedBetween(db, start, end);
    await saveDesk(deskDepsOf(app.runtime.deps), dana, '2026-11-20', {
      intro: 'Kites and a spelling bee.',
      entries: items.map((i) => ({ itemId: i.id })),
    });
    await publishDesk(deskDepsOf(app.runtime.deps), dana, '2026-11-20');
    await app.sendQueuedMail();
    const [, digest] = await smtp.waitFor(2);
    expect(rawHeader(digest!.raw, 'content-language')).toBe('es');
    // In the email's language, as encoded words: a header is ASCII.
    expect(rawHeader(digest!.raw, 'list-id')).toBe('=?UTF-8?B?TG8gcXVlIHBhc8OzIGF5ZXI=?= <digest.127.0.0.1>');
    expect(digest!.parsed.subject).toBe('Lo que pasó ayer · viernes, 20 de noviembre de 2026');
    expect(digest!.parsed.html).toContain('lang="es" dir="ltr"');
    expect(digest!.parsed.html).toContain('Ver este resumen en su navegador');
    // The posts, shown in English for want of a translation, say so to screen readers; the chrome is Spanish.
    expect(digest!.parsed.html).toMatch(/<span lang="en" dir="auto">Kites and a spelling bee.<\/span>/);
    expect(digest!.parsed.html).toMatch(
      /<h2 style="[^"]*" lang="en" dir="auto">\s*<a [^>]*>Kites on the field<\/a>/,
    );
    expect(digest!.parsed.html).toMatch(/<h1 style="[^"]*" lang="es" dir="auto">/);
    expect(digest!.parsed.html as string).toContain(`${app.url}/es/digests/2026-11-20`);
    expect(digest!.parsed.text).toContain(
      'Recibe este correo porque se suscribió al resumen diario de Lakeside.',
    );
    expect(digest!.parsed.text).toContain('Darse de baja: http');
    // The preferences page, and what it answers, are in the subscriber's language too.
    const prefs = new URL(/Elegir escuelas: (\S+)/.exec(digest!.parsed.text!)![1]!);
    const prefsPage = await (await client.get(prefs.pathname + prefs.search)).text();
    expect(prefsPage).toContain('Su suscripción');
    expect(prefsPage).toContain('<option value="es" lang="es" selected="">Español</option>');
    const same = await client.post(prefs.pathname + prefs.search, { new_email: 'familia@family.example' });
    expect(await same.text()).toContain('El resumen ya llega a familia@family.example.');
    // The digest page in Spanish says so in its chrome; the posts are as the teachers wrote them.
    const page = await text('/es/digests/2026-11-20');
    expect(page).toContain('El resumen diario');
    expect(page).toContain('2 publicaciones de Lincoln Elementary');
    expect(page).toContain('Kites on the field');
    expect(page).toMatch(/<p class="intro" dir="auto" lang="en">Kites and a spelling bee.<\/p>/);
    expect(page).toMatch(/<h2 dir="auto" lang="en"><a [^>]*>Kites on the field<\/a><\/h2>/);
    // In English, the district's own language, nothing is marked.
    expect(await text('/digests/2026-11-20')).not.toMatch(/<h2 dir="auto" lang=/);
  });

  it('writes Arabic right to left, and says a correction in each language', async () => {
    const client = createClient(app.url);
    await client.post('/subscribe', { email: 'usra@family.example', language: 'ar' });
    await app.sendQueuedMail();
    const mails = await smtp.waitFor(3);
    const confirm = mails.at(-1)!;
    expect(confirm.parsed.html).toContain('lang="ar" dir="rtl"');
    expect(confirm.parsed.html).not.toContain('text-align:left');
    // The district's English name is isolated in the Arabic sentence (U+2068 … U+2069), as <bdi> would.
    expect(confirm.parsed.subject).toBe('أكّد اشتراكك في الملخص اليومي لـ\u2068Lakeside\u2069');

    await correctDesk(deskDepsOf(app.runtime.deps), dana, '2026-11-20', {
      entries: (await listItemsPublishedBetween(app.runtime.deps.db, 0, Date.now() * 2)).map((i) => ({
        itemId: i.id,
      })),
      note: 'The spelling bee was in the library, not the gym.',
      email: true,
    });
    await app.sendQueuedMail();
    const correction = (await smtp.waitFor(4)).at(-1)!;
    expect(correction.parsed.subject).toBe(
      'Corrección: el resumen diario del viernes, 20 de noviembre de 2026',
    );
    for (const [path, words] of [
      ['/es/digests/2026-11-20', 'Corregido el sábado, 21 de noviembre de 2026:'],
      ['/ar/digests/2026-11-20', 'صُحّح يوم'],
      ['/digests/2026-11-20', 'Corrected on Saturday, November 21, 2026:'],
    ]) {
      const body = await text(path!);
      expect(body, path).toContain(words);
      expect(body, path).toContain('not the gym');
    }
    // An intro in another script reads in its own direction on the Arabic archive, its full stop at its end.
    expect(await text('/ar/archive')).toContain(
      '<p class="archive-intro" dir="auto" lang="en">Kites and a spelling bee.</p>',
    );
  });
  it('answers the home page’s sign-up box in the language of the page, whatever the browser prefers', async () => {
    // The home page's box, in English, used from an Arabic browser: its answer is in English too, as its
    // emails will be, not in the browser's Arabic.
    const boxed = await fetch(`${app.url}/subscribe`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'accept-language': 'ar',
        origin: app.url,
      },
      body: 'language=en&form_language=en&email=amal%40family.example',
    });
    expect(boxed.headers.get('location')).toBe('/subscribe?sent=1&lang=en');
    expect(await text(boxed.headers.get('location')!, { 'accept-language': 'ar' })).toMatch(
      /<html lang="en" dir="ltr">/,
    );
  });
});
