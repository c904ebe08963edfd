// Machine drafts on Workers: with no TRANSLATE_URL the Worker drafts through its `AI` binding (Workers AI's
// m2m100), stubbed here at the binding itself; a failing model is a sentence, and without the binding
// there is no provider and everything else still works.
import { createExecutionContext, env } from 'cloudflare:test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/auth/api-tokens';
import { openD1 } from '../../src/db/d1';
import { findOrCreateSchool } from '../../src/db/schools';
import { insertSource } from '../../src/db/sources';
import worker from '../../src/entry/worker';
import type { WorkerEnv } from '../../src/entry/worker-runtime';
import type { AiBinding } from '../../src/i18n/translate-provider';
import { changeSetting } from '../../src/settings/district-settings';
import { dayRange } from '../../src/time/zoned-time';
import { item, storeItems } from '../fixtures';

const db = openD1(env.DB);
const DATE = '2026-10-14';

interface AiCall {
  model: string;
  input: { text: string; source_lang: string; target_lang: string };
}

/** The binding as Workers AI's translation model answers: { translated_text }. */
function stubAi(calls: AiCall[], fail = false): AiBinding {
  return {
    async run(model, input) {
      calls.push({ model, input });
      if (fail) throw new Error('AI: 3040: Capacity temporarily exceeded');
      return { translated_text: `«${input.target_lang}» ${input.text}` };
    },
  };
}

describe('translation drafts on Workers', () => {
  let token: string;
  const call = (bindings: Partial<WorkerEnv>, path: string, method: string, body?: unknown) =>
    worker.fetch(
      new Request(`http://yesterday.test/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
      { ...(env as unknown as WorkerEnv), ...bindings },
      createExecutionContext(),
    );

  beforeAll(async () => {
    const now = Date.now();
    token = (
      await createApiToken(db, { name: 'translator', role: 'editor' }, { type: 'system', label: 'test' }, now)
    ).token;
    await changeSetting(db, 'languages', 'en,es,ar', now);
    const school = await findOrCreateSchool(db, 'Translation School', now);
    const source = (await insertSource(
      db,
      { schoolId: school.id, feedUrl: 'https://translate.example/feed' },
      now,
    ))!;
    const { start } = dayRange(DATE, 'America/Chicago');
    await storeItems(db, source.id, [
      item({ guid: 'tr-1', title: 'Pumpkin math', publishedAt: start + 50e6 }),
    ]);
  });
  // The other workerd tests run in English only.
  afterAll(async () => {
    await changeSetting(db, 'languages', 'en', Date.now());
    await changeSetting(db, 'translation_unreviewed', 'hold', Date.now());
  });

  it('drafts the empty fields through the AI binding and marks them machine drafts', async () => {
    const items = (await (await call({}, `/items?date=${DATE}`, 'GET')).json()) as {
      items: { id: number }[];
    };
    const itemId = items.items[0]!.id;
    const saved = await call({}, `/digests/${DATE}`, 'PUT', {
      title: 'Pumpkins',
      entries: [{ item_id: itemId, headline: 'Pumpkin math', blurb: 'We weighed pumpkins.' }],
    });
    expect(saved.status).toBe(200);
    await call({}, `/digests/${DATE}/translations/es`, 'PUT', {
      entries: [{ item_id: itemId, headline: 'Matemáticas con calabazas' }],
    });

    const calls: AiCall[] = [];
    const drafted = await call({ AI: stubAi(calls) }, `/digests/${DATE}/translations/es/draft`, 'POST');
    expect(drafted.status).toBe(200);
    const body = (await drafted.json()) as {
      filled: number;
      translations: {
        es: {
          title: string;
          entries: { headline: string; blurb: string }[];
          machine: string[];
          reviewed: boolean;
        };
      };
    };
    expect(calls).toEqual([
      { model: '@cf/meta/m2m100-1.2b', input: { text: 'Pumpkins', source_lang: 'en', target_lang: 'es' } },
      {
        model: '@cf/meta/m2m100-1.2b',
        input: { text: 'We weighed pumpkins.', source_lang: 'en', target_lang: 'es' },
      },
    ]);
    expect(body.filled).toBe(2);
    expect(body.translations.es.title).toBe('«es» Pumpkins');
    expect(body.translations.es.entries[0]).toMatchObject({
      headline: 'Matemáticas con calabazas',
      blurb: '«es» We weighed pumpkins.',
    });
    expect(body.translations.es.machine.sort()).toEqual(['title', `entries.${itemId}.blurb`].sort());
    expect(body.translations.es.reviewed).toBe(false);
  });

  it('answers a failing model, or no provider at all, with a sentence', async () => {
    await call({}, `/digests/${DATE}/translations/es`, 'PUT', { title: '' });
    const failing = await call({ AI: stubAi([], true) }, `/digests/${DATE}/translations/es/draft`, 'POST');
    expect(failing.status).toBe(502);
    expect(((await failing.json()) as { error: { message: string } }).error.message).toBe(
      'The translation service (Workers AI) failed. Nothing was filled in; try again later, or write the translation yourself.',
    );
    const none = await call({}, `/digests/${DATE}/translations/es/draft`, 'POST');
    expect(none.status).toBe(409);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('no-provider');
    // Everything else works without a provider.
    const reviewed = await call({}, `/digests/${DATE}/translations/es`, 'PUT', {
      title: 'Calabazas',
      reviewed: true,
    });
    expect(reviewed.status).toBe(200);
    expect(
      ((await reviewed.json()) as { translations: { es: { reviewed: boolean } } }).translations.es.reviewed,
    ).toBe(true);
  });

  it('serves the published digest at /es/ and /ar/ with their catalogs bundled: lang, dir, feeds', async () => {
    // Arabic has no translation: its readers get the district's text, with a line saying so, in Arabic.
    await changeSetting(db, 'translation_unreviewed', 'fallback', Date.now());
    const published = await call({}, `/digests/${DATE}/publish`, 'POST', {});
    expect(published.status).toBe(200);
    const page = (path: string) =>
      worker.fetch(
        new Request(`http://yesterday.test${path}`),
        env as unknown as WorkerEnv,
        createExecutionContext(),
      );
    const es = await page(`/es/digests/${DATE}`);
    expect(es.status).toBe(200);
    const spanish = await es.text();
    expect(spanish).toContain('<html lang="es" dir="ltr"');
    expect(spanish).toContain('Calabazas');
    expect(spanish).toContain('El resumen diario');
    expect(spanish).toContain('hreflang="ar"');
    const arabic = await (await page(`/ar/digests/${DATE}`)).text();
    expect(arabic).toContain('<html lang="ar" dir="rtl"');
    expect(arabic).toContain('Pumpkins');
    expect(arabic).toContain('لم يُترجم هذا الملخص بعد');
    const feed = await (await page('/es/feed.xml')).text();
    expect(feed).toContain('<language>es</language>');
    expect(feed).toContain('Calabazas');
  });
});
