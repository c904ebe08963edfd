// The two-person rule at the desk in real Chromium: the second editor sees "Approve this version" on a draft
// someone else saved, and once their own autosave makes them its last writer, the button goes, since the
// version is now theirs to have approved by someone else (the server refuses it too), and the desk says why.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskDepsOf, saveDesk } from '../../src/curate/desk';
import { listItemsPublishedBetween } from '../../src/db/items';
import { changeSetting } from '../../src/settings/district-settings';
import { dayRange } from '../../src/time/zoned-time';
import { launchBrowser } from '../browser';
import { testClock } from '../clock';
import { addSchoolWithSource, item, storeItems } from '../fixtures';
import { addUser, startTestApp, TEST_PASSWORD, type TestApp, deskActorFor } from '../test-app';

const DATE = '2026-11-20';

describe('browser: the Approve button and the approver’s own autosave', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp({ clock: testClock('2026-11-21T09:00:00Z') });
    const db = app.runtime.deps.db;
    await changeSetting(db, 'require_approval', 'true', 1);
    const lee = await addUser(app, 'lee@district.example', 'editor');
    await addUser(app, 'dana@district.example', 'editor');
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    const { start, end } = dayRange(DATE, 'America/Chicago');
    await storeItems(db, source.id, [
      item({ guid: 'kites', title: 'Kites on the field', publishedAt: start + 4e7 }),
    ]);
    const entries = (await listItemsPublishedBetween(db, start, end)).map((i) => ({ itemId: i.id }));
    const asLee = deskActorFor(lee);
    await saveDesk(deskDepsOf(app.runtime.deps), asLee, DATE, { entries, intro: 'Kites, built in art.' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('takes the Approve button away once the approver’s own autosave makes the version theirs', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${app.url}/admin/login`);
    await page.getByLabel('Email').fill('dana@district.example');
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/admin\/inbox/);
    await page.goto(`${app.url}/admin/inbox?date=${DATE}`, { waitUntil: 'load' });
    const approve = page.getByRole('button', { name: 'Approve this version' });
    await expect.poll(() => approve.isVisible()).toBe(true);

    const saved = page.waitForResponse(
      (response) => response.url().endsWith(`/admin/inbox/${DATE}/save`) && response.status() === 200,
      { timeout: 30_000 },
    );
    const why = 'You made the last changes to this version, so another editor approves it.';
    expect(await page.getByText(why).isVisible()).toBe(false);
    await page.getByLabel('Intro').fill('Kites, built in art class.');
    await saved;
    await expect.poll(() => approve.isVisible()).toBe(false);
    // Where the button was, the desk says why it went.
    await expect.poll(() => page.getByText(why).isVisible()).toBe(true);
    // Reloaded, the page agrees: the last writer is not offered the approval, and is told why.
    await page.reload();
    expect(await page.getByRole('button', { name: 'Approve this version' }).count()).toBe(0);
    expect(await page.getByText(why).isVisible()).toBe(true);
    await page.screenshot({ path: 'test-results/approve-not-yours.png' });
    await page.close();
  });
});
