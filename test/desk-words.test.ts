// Every desk screen says only what the desk's catalog gives it. The catalog's words are put through a
// pseudo-translation (each vowel accented: "Sàvé dràft") before anything loads them, then each screen is
// rendered with real data; an English function word ("the", "of", "your"…) left in what a screen shows is a
// sentence written in the code instead of the catalog. Numbers, dates (Intl), names and what people typed are
// not sentences, and the test data is chosen to carry none of those words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desk } from '../src/i18n/catalogs/en-desk';
import type { Client } from './browser-client';
import type { TestApp } from './test-app';

const ACCENTS: Record<string, string> = {
  a: 'à',
  e: 'é',
  i: 'í',
  o: 'ö',
  u: 'ü',
  y: 'ý',
  A: 'À',
  E: 'É',
  I: 'Í',
  O: 'Ö',
  U: 'Ü',
  Y: 'Ý',
};

/** 'Save {{what}} now' → 'Sàvé {{what}} nöw': placeholders stay as they are. */
function pseudo(text: string): string {
  return text
    .split(/(\{\{[^}]*\}\})/)
    .map((part, i) => (i % 2 ? part : part.replace(/[aeiouyAEIOUY]/g, (v) => ACCENTS[v]!)))
    .join('');
}

function pseudoTranslate(tree: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') tree[key] = pseudo(value);
    else pseudoTranslate(value as Record<string, unknown>);
  }
}

// Before the app (and with it i18next) is first loaded: this file imports nothing else from src/ statically.
pseudoTranslate(desk as unknown as Record<string, unknown>);

/**
 * Sentences that domain modules shared with the API still write in English, each where it comes from: the
 * list can only shrink, since each must still be seen (a sentence moved to the catalog is taken off it).
 */
const NOT_YET_IN_THE_CATALOG: RegExp[] = [];

const ENGLISH =
  /\b(the|and|of|to|is|are|for|with|your|this|that|not|no|from|by|has|have|was|were|will|can|its|it|be|or|there|yet|been)\b/i;

/** What a person reads on a page: its text and the labels of its controls, without scripts, typed values or email. */
function shown(html: string): string[] {
  const body = html
    .replace(/<(script|style|textarea|pre|iframe)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<title>[\s\S]*?<\/title>/, ' ');
  const labels = [...body.matchAll(/\s(?:aria-label|placeholder|title|alt)="([^"]*)"/g)].map((m) => m[1]!);
  const texts = body
    .replace(/<[^>]*>/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return [...texts, ...labels].map((line) =>
    line
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&#x27;/g, "'"),
  );
}

describe('the desk’s words', () => {
  let app: TestApp;
  let dana: Client;
  const date = '2026-11-20';
  const published = '2026-11-19';

  beforeAll(async () => {
    const { startTestApp, signedInClient, publishFromDesk } = await import('./test-app');
    const { testClock } = await import('./clock');
    const { addSchoolWithSource, item, storeItems, addConfirmedSubscriber } = await import('./fixtures');
    const { changeSetting } = await import('../src/settings/district-settings');
    const { dayRange } = await import('../src/time/zoned-time');
    app = await startTestApp({ clock: testClock('2026-11-21T15:00:00Z') });
    const db = app.runtime.deps.db;
    dana = await signedInClient(app, 'dana@district.example', 'admin');
    const { source, school } = await addSchoolWithSource(
      db,
      'Lincoln Elementary',
      'https://lincoln.example/feed',
    );
    for (const day of [published, date]) {
      const { start } = dayRange(day, 'America/Chicago');
      await storeItems(db, source.id, [
        item({ guid: `kites-${day}`, title: 'Kites', summary: 'Kites', publishedAt: start + 4e7 }),
        item({ guid: `leaves-${day}`, title: 'Leaf rubbings', summary: 'Leaves', publishedAt: start + 5e7 }),
      ]);
    }
    await addConfirmedSubscriber(db, 'ana@family.example', [school.id]);
    const itemsOf = async (day: string) =>
      [...(await (await dana.get(`/admin/inbox?date=${day}`)).text()).matchAll(/entries\/(\d+)\/add"/g)].map(
        (m) => m[1]!,
      );
    for (const day of [published, date]) {
      const csrf = await dana.csrf(`/admin/inbox?date=${day}`);
      for (const id of await itemsOf(day))
        await dana.post(`/admin/inbox/${day}/entries/${id}/add`, { _csrf: csrf, entry: id });
    }
    const csrf = await dana.csrf(`/admin/inbox?date=${published}`);
    const page = await (await dana.get(`/admin/inbox?date=${published}`)).text();
    const entries = [...page.matchAll(/name="entry" value="(\d+)"/g)].map((m) => m[1]!);
    const form: Record<string, string | string[]> = {
      _csrf: csrf,
      title: 'Kites',
      intro: 'Kites',
      entry: entries,
    };
    for (const id of entries) {
      form[`headline_${id}`] = 'Kites';
      form[`blurb_${id}`] = 'Kites';
    }
    const done = await publishFromDesk(dana, published, form);
    expect(done.headers.get('location')).toBe(`/admin/inbox?date=${published}`);
    expect(await (await dana.get(`/admin/inbox?date=${published}`)).text()).toContain('class="flash ok"');
    // A second language from now on: the draft's Spanish tab, and its finding, are shown too.
    await changeSetting(db, 'languages', 'en,es', 1);
  });
  afterAll(() => app?.close());

  const screens = [
    `/admin/inbox?date=${date}`,
    `/admin/inbox?date=${published}`,
    `/admin/inbox?date=${date}&lang=es`,
    `/admin/inbox/preview?date=${date}`,
    '/admin/sources',
    '/admin/sources/1',
    '/admin/coverage',
    '/admin/subscribers',
    `/admin/subscribers/deliveries/${published}`,
    '/admin/outbox',
    '/admin/audit',
    '/admin/users',
    '/admin/settings',
    '/admin/settings/social',
    '/admin/account',
  ];

  const seen = new Set<RegExp>();
  /** The lines of a page in English, but for those the list above knows of. */
  const inEnglish = (html: string) =>
    shown(html).filter((line) => {
      const known = NOT_YET_IN_THE_CATALOG.find((sentence) => sentence.test(line));
      if (known) seen.add(known);
      return !known && ENGLISH.test(line);
    });

  it.each(screens)('%s says nothing the catalog did not give it', async (path) => {
    const response = await dana.get(path);
    expect(response.status, path).toBe(200);
    expect(inEnglish(await response.text())).toEqual([]);
  });

  it('renders the pseudo-translated catalog, so English left on a page is English the catalog did not give', async () => {
    expect(await (await dana.get(`/admin/inbox?date=${date}`)).text()).toContain('Sàvé dràft');
  });

  it('asks before publishing in the catalog’s words too', async () => {
    // Published with a line instead of held, the Spanish draft leaves nothing open, so Publish now asks.
    const { changeSetting } = await import('../src/settings/district-settings');
    await changeSetting(app.runtime.deps.db, 'translation_unreviewed', 'label', 1);
    const { formFields } = await import('./browser-client');
    const desk = await (await dana.get(`/admin/inbox?date=${date}`)).text();
    const entries = [...desk.matchAll(/name="entry" value="(\d+)"/g)].map((m) => m[1]!);
    const asked = await dana.post(`/admin/inbox/${date}/publish`, { ...formFields(desk), entry: entries });
    expect(asked.status).toBe(200);
    const page = await asked.text();
    expect(page).toContain('name="confirmed" value="yes"');
    expect(inEnglish(page)).toEqual([]);
  });

  it('signs in, and answers a forgotten password, in the catalog’s words', async () => {
    const { createClient } = await import('./browser-client');
    const anonymous = createClient(app.url);
    for (const path of ['/admin/login', '/admin/forgot'])
      expect(inEnglish(await (await anonymous.get(path)).text())).toEqual([]);
  });

  it('still sees each sentence it lets pass, so the list shrinks as they move', () => {
    expect(NOT_YET_IN_THE_CATALOG.filter((sentence) => !seen.has(sentence))).toEqual([]);
  });
});
