// Second-person approval in real Chromium, two people at once: Dana curates and saves; Lee, on a browser with
// JavaScript off, approves the version on his screen (refused, with the new version shown, when Dana saved
// again meanwhile) without becoming its editor; then Dana publishes what Lee approved.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDigest } from '../../src/db/digests';
import { findUserByEmail } from '../../src/db/users';
import { changeSetting } from '../../src/settings/district-settings';
import { describeViolations, launchBrowser, seriousAxeViolations } from '../browser';
import { addSchoolWithSource, item, storeItems } from '../fixtures';
import { addUser, startTestApp, TEST_PASSWORD, type TestApp } from '../test-app';

const DESK = '/admin/inbox?date=2026-11-20';

describe('browser: a second person approves, the first publishes', () => {
  let app: TestApp;
  let browser: Browser;
  let dana: Page;
  let lee: Page;

  const signIn = async (page: Page, email: string) => {
    await page.goto(`${app.url}/admin/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/admin\/inbox/);
  };
  const flash = (page: Page) => page.locator('.flash').first().textContent();
  const status = (page: Page) => page.locator('#desk-status').textContent();

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.runtime.deps.db;
    await addUser(app, 'dana@district.example', 'admin');
    await addUser(app, 'lee@district.example', 'editor');
    await changeSetting(db, 'require_approval', 'true', app.clock.now());
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    await storeItems(db, source.id, [
      item({ guid: 'kites', title: 'Kites on the field', publishedAt: Date.parse('2026-11-20T17:00:00Z') }),
      item({ guid: 'bread', title: 'Baking bread', publishedAt: Date.parse('2026-11-20T19:00:00Z') }),
    ]);
    browser = await launchBrowser();
    dana = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    lee = await (
      await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } })
    ).newPage();
    await signIn(dana, 'dana@district.example');
    await signIn(lee, 'lee@district.example');
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('needs Lee’s approval before Dana can publish', async () => {
    await dana.goto(`${app.url}${DESK}`);
    await dana.getByRole('button', { name: 'Add to digest: Kites on the field' }).click();
    await dana.getByRole('button', { name: 'Remove from digest: Kites on the field' }).waitFor();
    await dana.getByLabel('Intro').fill('Kites flew on Friday.');
    await dana.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => flash(dana)).toBe('Draft saved.');
    expect(await status(dana)).toContain('needs a second person’s approval');
    // Beside Publish now, what it waits for; the autosave keeps saying so as Dana types.
    const waits = dana.locator('#publish-waits');
    expect(await waits.textContent()).toBe(
      'Publishing waits for a second person’s approval of this version.',
    );
    await dana.getByLabel('Intro').fill('Kites flew on Friday with Maya Johnson.');
    await expect
      .poll(() => waits.textContent(), { timeout: 5000 })
      .toBe(
        'Publishing waits until each open finding is resolved and a second person approves this version.',
      );
    expect(await waits.isVisible()).toBe(true);
    expect(await dana.getByRole('button', { name: 'Publish now' }).getAttribute('aria-describedby')).toBe(
      'publish-waits',
    );
    await dana.getByLabel('Intro').fill('Kites flew on Friday.');
    await dana.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => flash(dana)).toBe('Draft saved.');
    expect(describeViolations(await seriousAxeViolations(dana))).toBe('');
    // The one who saved it is not offered approval, and cannot publish yet.
    expect(await dana.getByRole('button', { name: 'Approve this version' }).count()).toBe(0);
    await dana.getByRole('button', { name: 'Publish now' }).click();
    await expect.poll(() => flash(dana)).toContain('requires a second person’s approval');
  });

  it('refuses Lee’s approval of a version Dana has replaced since, and shows him the new one', async () => {
    await lee.goto(`${app.url}${DESK}`);
    expect(await lee.getByLabel('Intro').inputValue()).toBe('Kites flew on Friday.');
    // Meanwhile Dana adds a post and saves again.
    await dana.getByRole('button', { name: 'Add to digest: Baking bread' }).click();
    await dana.getByRole('button', { name: 'Remove from digest: Baking bread' }).waitFor();
    await dana.getByLabel('Intro').fill('Kites and bread on Friday.');
    await dana.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => flash(dana)).toBe('Draft saved.');

    await lee.getByRole('button', { name: 'Approve this version' }).click();
    await expect.poll(() => flash(lee)).toContain('Not approved: someone saved a new version');
    expect(await lee.getByLabel('Intro').inputValue()).toBe('Kites and bread on Friday.');
    expect(await lee.locator('.entry-card input[name^="headline_"]').count()).toBe(2);
    expect((await findDigest(app.runtime.deps.db, '2026-11-20'))!.approvedBy).toBeNull();
  });

  it('approves the version Lee now sees without saving it as his, and Dana publishes it', async () => {
    await lee.getByRole('button', { name: 'Approve this version' }).click();
    await expect.poll(() => flash(lee)).toBe('Approved. It can now be published.');
    expect(await status(lee)).toContain('by dana');
    expect(await status(lee)).toContain('approved by lee');
    const db = app.runtime.deps.db;
    const [danaId, leeId] = await Promise.all(
      ['dana@district.example', 'lee@district.example'].map(async (e) => (await findUserByEmail(db, e))!.id),
    );
    expect(await findDigest(db, '2026-11-20')).toMatchObject({ updatedBy: danaId, approvedBy: leeId });

    await dana.reload();
    await dana.getByRole('button', { name: 'Publish now' }).click();
    await dana.getByRole('button', { name: /^Publish( and email [\d,]+ subscribers?)?$/ }).click();
    await expect.poll(() => flash(dana)).toContain('Published.');
    await dana.goto(`${app.url}/digests/2026-11-20`);
    expect(await dana.locator('.intro').textContent()).toBe('Kites and bread on Friday.');
    expect(await dana.locator('.entry h2').allTextContents()).toEqual(['Kites on the field', 'Baking bread']);
  });
});
