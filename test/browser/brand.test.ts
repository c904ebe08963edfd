// The district's brand over real HTTP and in Chromium: colours refused below WCAG AA with a sentence, the
// brand in the site's and the embed's stylesheet and the favicon, the plain embed without a masthead, the
// embed on a site that is not allowed showing a plain link (never a broken frame), and the email in the
// district's colours, heading font and logo, sent under the district's name.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contrastRatio, lighterForDark } from '../../src/brand/brand';
import { deskDepsOf, publishDesk, saveDesk } from '../../src/curate/desk';
import { listItemsPublishedBetween } from '../../src/db/items';
import { writeSetting } from '../../src/db/settings';
import { changeSetting } from '../../src/settings/district-settings';
import { launchBrowser } from '../browser';
import { addConfirmedSubscriber, addSchoolWithSource, item, storeItems } from '../fixtures';
import { startTestServer, type TestServer } from '../http-server';
import { addUser, signedInClient, startTestApp, type TestApp, deskActorFor } from '../test-app';

const NOON_20 = Date.parse('2026-11-20T18:00:00Z');
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
const GREEN = '#14532d';
const GOLD = '#8a5a00';
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('the brand', () => {
  let app: TestApp;
  let browser: Browser;
  let districtSite: TestServer;
  const text = async (path: string) => (await fetch(`${app.url}${path}`)).text();

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
    districtSite = await startTestServer();
    const db = app.runtime.deps.db;
    const editor = await addUser(app, 'dana@district.example', 'editor');
    const dana = deskActorFor(editor);
    await changeSetting(db, 'district_name', 'Lakeside "Unified" Schools', 1);
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    await storeItems(db, source.id, [
      item({ guid: 'kites', title: 'Kites on the field', publishedAt: NOON_20 }),
    ]);
    const items = await listItemsPublishedBetween(db, 0, NOON_20 * 2);
    await addConfirmedSubscriber(db, 'family@family.example');
    await saveDesk(deskDepsOf(app.runtime.deps), dana, '2026-11-20', {
      entries: items.map((i) => ({ itemId: i.id })),
    });
    await publishDesk(deskDepsOf(app.runtime.deps), dana, '2026-11-20');
  });
  afterAll(async () => {
    await browser?.close();
    await districtSite?.close();
    await app.close();
  });

  it('refuses colours a reader could not read, with the contrast and a darker shade that passes', async () => {
    const db = app.runtime.deps.db;
    const pale = await changeSetting(db, 'brand_primary', '#7fb3e6', 1);
    expect(pale).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^Main colour \(brand_primary\) #7fb3e6 has a contrast of 2\.\d:1 with white \(white text on it in the masthead, and links in it on white pages\), where WCAG AA asks for at least 4\.5:1, so some readers could not read it\. A darker shade such as (#[0-9a-f]{6}) passes\.$/,
      ),
      inForm: expect.stringMatching(/^Main colour #7fb3e6 has a contrast of 2\.\d:1 with white /),
    });
    const suggested = /such as (#[0-9a-f]{6})/.exec((pale as { message: string }).message)![1]!;
    expect(contrastRatio(suggested, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(await changeSetting(db, 'brand_accent', 'orange', 1)).toMatchObject({ ok: false });
    expect(await changeSetting(db, 'heading_font', 'comic-sans', 1)).toMatchObject({ ok: false });
    for (const [key, value] of [
      ['brand_primary', GREEN],
      ['brand_accent', GOLD],
      ['heading_font', 'slab-serif'],
      ['body_font', 'humanist-sans'],
    ])
      expect(await changeSetting(db, key!, value!, 1)).toMatchObject({ ok: true });
    // The settings page offers a colour picker and the font lists.
    const admin = await signedInClient(app, 'ari@district.example', 'admin');
    const page = await (await admin.get('/admin/settings')).text();
    expect(page).toContain(`<input type="text" id="brand_primary" name="brand_primary" value="${GREEN}"`);
    expect(page).toContain(
      `<input type="color" id="brand_primary-picker" name="brand_primary_picker" value="${GREEN}"`,
    );
    expect(page).toContain('<option value="slab-serif" selected="">Slab serif');
  });

  it('carries the brand to the site, the embed and the favicon, cached by its version', async () => {
    const home = await text('/');
    const href = /<link rel="stylesheet" href="(\/brand\.css\?v=[0-9a-z]+)"\/>/.exec(home)![1]!;
    const css = await fetch(`${app.url}${href}`);
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const body = await css.text();
    expect(body).toContain(`--navy: ${GREEN}`);
    expect(body).toContain(`--accent: ${GOLD}`);
    expect(body).toContain('--serif: Rockwell');
    expect(body).toContain('--sans: Seravek');
    expect(await text('/favicon.svg')).toContain(`fill="${GREEN}"`);
    expect(home).toMatch(/<link rel="icon" href="\/favicon\.svg\?v=[0-9a-z]+"/);

    const embed = await text('/embed');
    expect(embed).toContain(href);
    expect(embed).toContain('<header>');
    const plain = await text('/embed?theme=plain');
    expect(plain).toContain(href);
    expect(plain).not.toContain('<header>');
    expect(plain).toContain('Kites on the field');

    const page = await browser.newPage();
    await page.goto(`${app.url}/digests/2026-11-20`);
    const masthead = await page.$eval('.masthead', (e) => getComputedStyle(e).backgroundColor);
    expect(masthead).toBe('rgb(20, 83, 45)');
    const heading = await page.$eval('h1', (e) => getComputedStyle(e).fontFamily);
    expect(heading).toContain('Rockwell');
    mkdirSync('test-results', { recursive: true });
    for (const [path, name] of [
      ['/embed', 'branded'],
      ['/embed?theme=plain', 'plain'],
    ] as const) {
      await page.setViewportSize({ width: 420, height: 700 });
      await page.goto(`${app.url}${path}`);
      await page.screenshot({ path: `test-results/embed-${name}.png`, fullPage: true });
    }
    await page.close();
  });

  it('shows a plain link on a district site that is not allowed, and the frame on one that is', async () => {
    const db = app.runtime.deps.db;
    const host = (name: string) =>
      `<!doctype html><html lang="en"><head><title>${name}</title></head><body><h1>${name}</h1><script src="${app.url}/embed.js"></script></body></html>`;
    districtSite.route('/news', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' }).end(host('District news'));
    });
    const page = await browser.newPage();
    await page.goto(`${districtSite.url}/news`);
    await page.waitForSelector('body a');
    expect(await page.$$('iframe')).toHaveLength(0);
    const link = await page.$eval('body a', (a) => ({
      href: (a as HTMLAnchorElement).href,
      text: a.textContent,
    }));
    expect(link).toEqual({ href: `${app.url}/`, text: 'What happened yesterday' });
    await page.screenshot({ path: 'test-results/embed-not-allowed.png' });

    await page.close();
    // Allowed now; a new visitor (a browser that has not kept the old loader for its hour) gets the frame.
    await changeSetting(db, 'embed_origins', districtSite.url, 1);
    const context = await browser.newContext();
    const visitor = await context.newPage();
    await visitor.goto(`${districtSite.url}/news`);
    const frame = await visitor.waitForSelector('iframe');
    expect(await frame.getAttribute('src')).toContain(`${app.url}/embed`);
    const inner = await frame.contentFrame();
    await inner!.waitForSelector('text=Kites on the field');
    await context.close();
  });

  it('sends the email in the brand, with the logo, under the district’s name', async () => {
    const db = app.runtime.deps.db;
    await writeSetting(db, 'logo', `data:image/png;base64,${PNG}`, 1);
    await app.sendQueuedMail();
    const sent = readdirSync(app.config.outboxDir)
      .filter((f) => f.endsWith('.json'))
      .map(
        (f) =>
          JSON.parse(readFileSync(join(app.config.outboxDir, f), 'utf8')) as {
            from: string;
            html: string;
            subject: string;
          },
      )
      .filter((m) => m.subject.includes('November 20'));
    expect(sent.length).toBeGreaterThan(0);
    const email = sent.at(-1)!;
    expect(email.from).toBe('"Lakeside \\"Unified\\" Schools" <digest@localhost>');
    const html = email.html;
    expect(html).toContain(`background-color:${GREEN}`);
    expect(html).not.toContain('#1f3a5f');
    expect(html).toContain(`color: ${GOLD}`);
    expect(html).toMatch(/<h1 style="font-family: Rockwell/);
    expect(html).toContain(`src="${app.url}/logo"`);
    // Dark mode where the mail client asks for it, in the brand's colours lightened for a dark card.
    expect(html).toContain('<meta name="color-scheme" content="light dark" />');
    expect(html).toContain(`color: ${lighterForDark(GOLD)} !important`);
    mkdirSync('test-results', { recursive: true });
    for (const [width, colorScheme] of [
      [600, 'light'],
      [390, 'light'],
      [600, 'dark'],
      [390, 'dark'],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
      await page.setContent(html, { waitUntil: 'load' });
      const card = await page.$eval('.em-card', (e) => getComputedStyle(e).backgroundColor);
      const school = await page.$eval('.school', (e) => getComputedStyle(e).color);
      const headline = await page.$eval('.em-card h2 a', (e) => getComputedStyle(e).color);
      expect([card, school, headline]).toEqual(
        colorScheme === 'dark'
          ? ['rgb(29, 35, 44)', rgb(lighterForDark(GOLD)), 'rgb(232, 230, 225)']
          : ['rgb(255, 255, 255)', rgb(GOLD), 'rgb(28, 36, 48)'],
      );
      // Nothing wider than the screen on a phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `test-results/email-${width}-${colorScheme}.png`, fullPage: true });
      await page.close();
    }
  });
});
