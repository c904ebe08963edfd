// Spanish and Arabic in real Chromium: the digest page at /es and /ar (Arabic right to left, mirrored), the
// embed placed with data-lang on a district page, and a Spanish and an Arabic email, each passing axe where it
// is a page, with screenshots in test-results/ to look at.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskDepsOf, publishDesk, saveDesk } from '../../src/curate/desk';
import { correctDesk } from '../../src/curate/correct-digest';
import { listItemsPublishedBetween } from '../../src/db/items';
import { upsertPendingSubscriber, confirmSubscriber } from '../../src/db/subscribers';
import { changeSetting } from '../../src/settings/district-settings';
import { dayRange } from '../../src/time/zoned-time';
import { describeViolations, launchBrowser, seriousAxeViolations } from '../browser';
import { testClock } from '../clock';
import { addSchoolWithSource, item, storeItems } from '../fixtures';
import { serveBody, startTestServer, type TestServer } from '../http-server';
import { solidPng } from '../png';
import { addUser, startTestApp, type TestApp, deskActorFor } from '../test-app';

const SHOTS = 'test-results';

describe('browser: Spanish and Arabic', () => {
  let app: TestApp;
  let images: TestServer;
  let district: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    images = await startTestServer();
    images.route('/kites.png', serveBody(Buffer.from(solidPng(640, 420, [70, 120, 170])), 'image/png'));
    district = await startTestServer();
    app = await startTestApp({ clock: testClock('2026-11-21T15:00:00Z') });
    const db = app.runtime.deps.db;
    await changeSetting(db, 'district_name', 'Lakeside', 1);
    await changeSetting(db, 'languages', 'en,es,ar', 1);
    // Nothing here is translated: each language shows the district's text with a line saying so.
    await changeSetting(db, 'translation_unreviewed', 'fallback', 1);
    await changeSetting(db, 'embed_origins', district.url, 1);
    for (const [email, language] of [
      ['familia@family.example', 'es'],
      ['usra@family.example', 'ar'],
    ] as const) {
      const subscriber = await upsertPendingSubscriber(
        db,
        {
          email,
          nonce: `n-${language}`,
          consent: { text: 'test', source: 'import', schools: [] },
          schoolIds: [],
          language,
        },
        1,
      );
      await confirmSubscriber(db, subscriber.id, 1);
    }
    const user = await addUser(app, 'dana@district.example', 'editor');
    const dana = deskActorFor(user);
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    const { start, end } = dayRange('2026-11-20', 'America/Chicago');
    await storeItems(db, source.id, [
      item({
        guid: 'kites',
        title: 'Kites on the field',
        summary: 'Second graders flew the kites they built in art class.',
        publishedAt: start + 4e7,
        imageUrl: `${images.url}/kites.png`,
        imageAlt: 'Paper kites in a blue sky',
      }),
      item({ guid: 'bee', title: 'The spelling bee', publishedAt: start + 4.1e7 }),
    ]);
    const entries = (await listItemsPublishedBetween(db, start, end)).map((i) => ({ itemId: i.id }));
    // A word longer than a phone is wide (a pasted address, say) wraps instead of widening the page.
    await saveDesk(deskDepsOf(app.runtime.deps), dana, '2026-11-20', {
      entries,
      intro: `Kites and words: ${'Supercalifragilisticexpialidocious'.repeat(3)}.`,
    });
    await publishDesk(deskDepsOf(app.runtime.deps), dana, '2026-11-20');
    await correctDesk(deskDepsOf(app.runtime.deps), dana, '2026-11-20', {
      entries,
      note: 'The spelling bee was in the library.',
      email: false,
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await images?.close();
    await district?.close();
  });

  it('shows the digest page in Spanish and, right to left, in Arabic, accessibly, on a desktop and a phone', async () => {
    for (const [width, height, label] of [
      [1280, 900, 'desktop'],
      [390, 844, 'phone'],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height } });
      for (const lang of ['es', 'ar']) {
        const response = await page.goto(`${app.url}/${lang}/digests/2026-11-20`);
        expect(response?.status()).toBe(200);
        expect(describeViolations(await seriousAxeViolations(page)), lang).toBe('');
        await page.screenshot({ path: `${SHOTS}/lang-${lang}-${label}-digest.png`, fullPage: true });
      }
      // Arabic is laid out from the right: the masthead's title starts at the right-hand edge.
      const direction = await page.evaluate(() => getComputedStyle(document.body).direction);
      expect(direction).toBe('rtl');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const title = await page.locator('.masthead .title').boundingBox();
      expect(title!.x + title!.width).toBeGreaterThan(width / 2);
      for (const path of ['/digests/2026-11-20', '/archive', '/']) {
        await page.goto(`${app.url}${path}`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(
          width,
        );
      }
      await page.close();
    }
  });

  it('puts the embed in Arabic on a district page with data-lang', async () => {
    district.route(
      '/news',
      serveBody(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>District news</title></head><body><main style="max-width:420px;margin:24px auto"><h1>District news</h1><script src="${app.url}/embed.js" data-lang="ar"></script></main></body></html>`,
        'text/html; charset=utf-8',
      ),
    );
    const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
    await page.goto(`${district.url}/news`);
    const frame = page.frameLocator('iframe');
    await frame.locator('.post h3').first().waitFor();
    expect(await frame.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await frame.locator('footer label').textContent()).toBe('استلم الملخص اليومي بالبريد الإلكتروني');
    // The frame is named in the language it shows, for screen readers.
    expect(await page.locator('iframe').getAttribute('title')).toBe('ماذا حدث أمس');
    expect(await page.locator('iframe').getAttribute('lang')).toBe('ar');
    await page.screenshot({ path: `${SHOTS}/lang-ar-embed.png`, fullPage: true });
    await page.close();
  });

  it('sends the email in Spanish and in Arabic, the Arabic one mirrored', async () => {
    await app.sendQueuedMail();
    const mails = readdirSync(app.config.outboxDir)
      .filter((f) => f.endsWith('.json'))
      .map(
        (f) =>
          JSON.parse(readFileSync(join(app.config.outboxDir, f), 'utf8')) as { to: string; html: string },
      );
    for (const [to, lang, words] of [
      ['familia@family.example', 'es', 'Ver este resumen en su navegador'],
      ['usra@family.example', 'ar', 'اعرض هذا الملخص في متصفحك'],
    ] as const) {
      const mail = mails.find((m) => m.to === to)!;
      expect(mail.html).toContain(words);
      for (const width of [600, 390]) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        await page.setContent(mail.html, { waitUntil: 'load' });
        expect(await page.evaluate(() => document.documentElement.getAttribute('dir'))).toBe(
          lang === 'ar' ? 'rtl' : 'ltr',
        );
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await page.screenshot({ path: `${SHOTS}/lang-${lang}-email-${width}.png`, fullPage: true });
        await page.close();
      }
    }
  });
});
