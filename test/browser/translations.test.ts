// The desk's Spanish and Arabic tabs in real Chromium: reached by a link, checked with axe-core, a machine
// draft from the LibreTranslate stand-in marked as such, a person's edit, Mark reviewed; photographed.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskDepsOf, saveDesk } from '../../src/curate/desk';
import { listItemsPublishedBetween } from '../../src/db/items';
import { changeSetting } from '../../src/settings/district-settings';
import { dayRange } from '../../src/time/zoned-time';
import { describeViolations, launchBrowser, seriousAxeViolations } from '../browser';
import { addSchoolWithSource, item, storeItems } from '../fixtures';
import { startLibreTranslate } from '../libre-translate-stand-in';
import { addUser, startTestApp, TEST_PASSWORD, type TestApp } from '../test-app';

const SHOTS = 'test-results';
const DATE = '2026-11-20';

describe('browser: the desk’s language tabs', () => {
  let app: TestApp;
  let libre: Awaited<ReturnType<typeof startLibreTranslate>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    libre = await startLibreTranslate('k');
    app = await startTestApp({ env: { TRANSLATE_URL: libre.server.url, TRANSLATE_API_KEY: 'k' } });
    const db = app.runtime.deps.db;
    await changeSetting(db, 'languages', 'en,es,ar', 1);
    const user = await addUser(app, 'dana@district.example', 'editor');
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    const { start, end } = dayRange(DATE, 'America/Chicago');
    await storeItems(db, source.id, [
      item({ guid: 'kites', title: 'Kites on the field', publishedAt: start + 40e6 }),
    ]);
    const [kites] = await listItemsPublishedBetween(db, start, end);
    await saveDesk(
      deskDepsOf(app.runtime.deps),
      { type: 'user', id: user.id, userId: user.id, label: 'dana', role: 'editor' },
      DATE,
      {
        title: 'A windy Friday',
        intro: 'Kites everywhere.',
        entries: [{ itemId: kites!.id, blurb: 'Room 4 flew kites they built.' }],
      },
    );
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await libre?.server.close();
  });

  it('drafts, edits and reviews the Spanish tab, and passes axe', async () => {
    await page.goto(`${app.url}/admin/login`);
    await page.getByLabel('Email').fill('dana@district.example');
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/admin\/inbox/);
    await page.goto(`${app.url}/admin/inbox?date=${DATE}`);
    await page
      .getByRole('navigation', { name: 'Languages of this digest' })
      .getByRole('link', { name: 'Spanish' })
      .click();
    await page.waitForURL(/lang=es/);
    expect(describeViolations(await seriousAxeViolations(page)), 'Spanish tab').toBe('');

    await page.getByRole('button', { name: 'Draft a translation' }).click();
    await page.waitForURL(/lang=es/);
    await expect.poll(() => page.locator('.flash').textContent()).toContain('4 empty fields were filled');
    expect(await page.locator('#t-title').inputValue()).toBe('[es] A windy Friday');
    expect(await page.locator('.badge', { hasText: 'machine draft' }).count()).toBe(4);
    expect(describeViolations(await seriousAxeViolations(page)), 'Spanish tab with drafts').toBe('');
    await page.screenshot({ path: `${SHOTS}/desk-translation-es.png`, fullPage: true });

    await page.locator('#t-title').fill('Un viernes de viento');
    await page.getByRole('button', { name: 'Mark reviewed' }).click();
    await page.waitForURL(/lang=es/);
    expect(await page.locator('.status-line').textContent()).toContain('Reviewed');
    expect(await page.locator('.badge', { hasText: 'machine draft' }).count()).toBe(3);

    await page.goto(`${app.url}/admin/inbox?date=${DATE}&lang=ar`);
    expect(await page.locator('#t-title').getAttribute('dir')).toBe('rtl');
    expect(describeViolations(await seriousAxeViolations(page)), 'Arabic tab').toBe('');
  });
});
