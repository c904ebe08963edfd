// The public side in real Chromium: the blog, a digest page, the archive, the schools, a printed page, and
// the embed placed by embed.js on a page from another origin (framed there only when settings allow it).
// Every page passes axe; screenshots land in test-results/ to be looked at.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskDepsOf, publishDesk, saveDesk, type DeskActor } from '../../src/curate/desk';
import { correctDesk } from '../../src/curate/correct-digest';
import { listItemsPublishedBetween } from '../../src/db/items';
import { listSources } from '../../src/db/sources';
import { findSubscriberByEmail } from '../../src/db/subscribers';
import { changeSetting } from '../../src/settings/district-settings';
import { dayRange } from '../../src/time/zoned-time';
import { describeViolations, launchBrowser, seriousAxeViolations } from '../browser';
import { addSchoolWithSource, item, storeItems } from '../fixtures';
import { serveBody, startTestServer, type TestServer } from '../http-server';
import { solidPng } from '../png';
import { addUser, startTestApp, type TestApp } from '../test-app';

const SHOTS = 'test-results';

describe('browser: the public site and the embed', () => {
  let app: TestApp;
  let images: TestServer;
  let district: TestServer;
  let browser: Browser;
  let editor: DeskActor;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    images = await startTestServer();
    const colours: [number, number, number][] = [
      [222, 140, 52],
      [70, 120, 170],
      [96, 150, 90],
      [180, 90, 110],
    ];
    colours.forEach((colour, n) =>
      images.route(`/photo-${n}.png`, serveBody(Buffer.from(solidPng(640, 400, colour)), 'image/png')),
    );
    district = await startTestServer();
    app = await startTestApp({ clock: (await import('../clock')).testClock('2026-11-21T15:00:00Z') });
    const db = app.runtime.deps.db;
    editor = { type: 'user', id: 1, userId: 1, label: 'dana', role: 'editor' };
    editor.id = editor.userId = (await addUser(app, 'dana@district.example', 'editor')).id;
    const schools = [
      await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed'),
      await addSchoolWithSource(db, 'Washington Middle', 'https://washington.example/feed'),
    ];
    const posts = [
      [
        'Pumpkin measuring day',
        'We measured six pumpkins and estimated their weight before carving.',
        'Six pumpkins on a table',
      ],
      [
        'Reading buddies',
        'Second graders read with their fifth-grade buddies in the library.',
        'Two students reading on a rug',
      ],
      [
        'Robot club races',
        'The robot club raced their line-following robots in the gym.',
        'Small robots on a taped track',
      ],
      [
        'Leaf rubbings',
        'Crayon rubbings of oak and maple leaves now line the hallway.',
        'Crayon leaf rubbings on paper',
      ],
    ];
    for (const date of ['2026-11-19', '2026-11-20']) {
      const { start } = dayRange(date, 'America/Chicago');
      for (const [n, [title, summary, alt]] of posts.entries()) {
        await storeItems(db, schools[n % 2]!.source.id, [
          item({
            guid: `${date}-${n}`,
            title: `${title}`,
            summary,
            publishedAt: start + (10 + n) * 3600_000,
            imageUrl: n < 3 ? `${images.url}/photo-${n}.png` : null,
            imageAlt: n < 3 ? alt : null,
          }),
        ]);
      }
      const { start: from, end } = dayRange(date, 'America/Chicago');
      const items = await listItemsPublishedBetween(db, from, end);
      app.clock.set(end + 13 * 3600_000);
      await saveDesk(deskDepsOf(app.runtime.deps), editor, date, {
        intro:
          date === '2026-11-20'
            ? 'Pumpkins, reading buddies and racing robots: a busy Friday across the district.'
            : 'Thursday in four classrooms.',
        entries: items.sort((a, b) => a.publishedAt - b.publishedAt).map((i) => ({ itemId: i.id })),
      });
      await publishDesk(deskDepsOf(app.runtime.deps), editor, date);
    }
    await correctDesk(deskDepsOf(app.runtime.deps), editor, '2026-11-20', {
      entries: (
        await listItemsPublishedBetween(
          db,
          ...(Object.values(dayRange('2026-11-20', 'America/Chicago')) as [number, number]),
        )
      )
        .sort((a, b) => a.publishedAt - b.publishedAt)
        .map((i) => ({ itemId: i.id })),
      note: 'An earlier version listed the wrong school for the robot club. We are sorry for the mix-up.',
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

  const visit = async (page: Page, path: string, name: string) => {
    const response = await page.goto(`${app.url}${path}`);
    expect(response?.status(), path).toBe(200);
    expect(describeViolations(await seriousAxeViolations(page)), path).toBe('');
    await page.screenshot({ path: `${SHOTS}/public-${name}.png`, fullPage: true });
  };

  it('shows the blog, a digest, the archive and the schools, accessibly, on a desktop and a phone, light and dark', async () => {
    for (const [width, height, label, colorScheme] of [
      [1280, 900, 'desktop', 'light'],
      [390, 844, 'phone', 'light'],
      [1280, 900, 'desktop-dark', 'dark'],
      [390, 844, 'phone-dark', 'dark'],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height }, colorScheme });
      await visit(page, '/', `${label}-home`);
      // The home page: a sign-up box, then each digest as a card with its first three headlines.
      expect(await page.locator('.signup').first().getByLabel('Your email address').count()).toBe(1);
      const lead = page.locator('.digest-card.lead');
      expect(await lead.locator('.card-title').textContent()).toBe('Friday, November 20, 2026');
      expect(await lead.locator('.card-headlines a').allTextContents()).toEqual([
        'Pumpkin measuring day',
        'Reading buddies',
        'Robot club races',
      ]);
      expect(await lead.locator('.card-more a').textContent()).toContain('1 more post in this digest');
      expect(
        await lead.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth),
      ).toBeGreaterThan(0);
      // Dark mode is the page's own, not the browser's inversion: a dark page with light text.
      const colours = await page.evaluate(() => [
        getComputedStyle(document.body).backgroundColor,
        getComputedStyle(document.body).color,
      ]);
      expect(colours).toEqual(
        colorScheme === 'dark'
          ? ['rgb(20, 24, 31)', 'rgb(232, 230, 225)']
          : ['rgb(250, 248, 244)', 'rgb(28, 36, 48)'],
      );
      await visit(page, '/digests/2026-11-20', `${label}-digest`);
      expect(await page.locator('.digest .kicker').textContent()).toBe('The daily digest');
      expect(await page.locator('.digest h1').textContent()).toBe('Friday, November 20, 2026');
      expect(await page.locator('.digest .meta').textContent()).toBe('4 posts from 2 schools');
      expect(await page.locator('nav.days a').allTextContents()).toEqual([
        'Previous day Thursday, November 19, 2026',
      ]);
      expect(await page.locator('nav.share a').allTextContents()).toEqual([
        'Email',
        'Facebook',
        'Bluesky',
        'X',
      ]);
      expect(await page.locator('.signup').count()).toBe(1);
      expect(await page.locator('.entry h2').allTextContents()).toEqual([
        'Pumpkin measuring day',
        'Reading buddies',
        'Robot club races',
        'Leaf rubbings',
      ]);
      expect(await page.locator('.correction').first().textContent()).toContain(
        'Corrected on Saturday, November 21, 2026',
      );
      // Images have loaded, with their alt text.
      const loaded = await page
        .locator('.entry img')
        .evaluateAll((imgs) =>
          imgs.map((img) => [(img as HTMLImageElement).naturalWidth > 0, img.getAttribute('alt')]),
        );
      expect(loaded).toEqual([
        [true, 'Six pumpkins on a table'],
        [true, 'Two students reading on a rug'],
        [true, 'Small robots on a taped track'],
      ]);
      await page.locator('nav.days a').click();
      expect(new URL(page.url()).pathname).toBe('/digests/2026-11-19');
      expect(await page.locator('nav.days a').allTextContents()).toEqual([
        'Next day Friday, November 20, 2026',
      ]);
      await visit(page, '/archive', `${label}-archive`);
      // The archive: each digest by month with its intro and lead picture.
      expect(await page.locator('.archive-month h2').allTextContents()).toEqual(['November 2026']);
      expect(await page.locator('.archive-row h3').allTextContents()).toEqual([
        'Friday, November 20, 2026',
        'Thursday, November 19, 2026',
      ]);
      expect(await page.locator('.archive-intro').first().textContent()).toContain('a busy Friday');
      expect(await page.locator('.archive-thumb img').count()).toBe(2);
      await visit(page, '/schools', `${label}-schools`);
      await visit(page, '/schools/washington-middle', `${label}-school`);
      await visit(page, '/teachers', `${label}-teachers`);
      await visit(page, '/feeds', `${label}-feeds`);
      await page.close();
    }
    // Four looks at eight pages, each checked by axe: about half a minute on a quiet machine, so more than the
    // default when the machine is busy.
  }, 120_000);

  it('signs a parent up from the box on the home page, without JavaScript', async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    await page.goto(`${app.url}/`);
    await page.locator('.signup').getByLabel('Your email address').fill('new.parent@family.example');
    await page.locator('.signup').getByRole('button', { name: 'Subscribe' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/subscribe');
    // A mistyped provider is asked about first; Yes subscribes the address meant.
    await page.goto(`${app.url}/`);
    await page
      .locator('.signup')
      .getByLabel('Your email address')
      .fill('maria.delosangeles.rodriguez@gmial.com');
    await page.locator('.signup').getByRole('button', { name: 'Subscribe' }).click();
    await page.getByText('Did you mean maria.delosangeles.rodriguez@gmail.com?').waitFor();
    await page.screenshot({ path: `${SHOTS}/public-subscribe-did-you-mean.png`, fullPage: true });
    await page.getByRole('button', { name: 'Yes, use maria.delosangeles.rodriguez@gmail.com' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    expect(
      (await findSubscriberByEmail(app.runtime.deps.db, 'maria.delosangeles.rodriguez@gmail.com'))?.status,
    ).toBe('pending');
    // The question passes axe, and its long addresses wrap inside a phone's width.
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${app.url}/subscribe`);
    await phone.getByLabel('Your email address').fill('maria.delosangeles.rodriguez@hotmial.com');
    await phone.getByRole('button', { name: 'Subscribe' }).click();
    await phone.getByText('Did you mean maria.delosangeles.rodriguez@hotmail.com?').waitFor();
    expect(describeViolations(await seriousAxeViolations(phone))).toBe('');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.close();
    await context.close();
    // An archive year that has no digests is no page; the latest year is /archive itself.
    expect((await fetch(`${app.url}/archive/2019`)).status).toBe(404);
    const year = await (await fetch(`${app.url}/archive/2026`)).text();
    expect(year).toContain(`<link rel="canonical" href="${app.url}/archive"/>`);
  });

  it('prints a digest without the navigation', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 1100 } });
    await page.goto(`${app.url}/digests/2026-11-20`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.masthead nav').isVisible()).toBe(false);
    // On paper a link is only its words: each post's address is printed after its headline.
    const printed = await page
      .locator('.entry h2 a')
      .first()
      .evaluate((link) => getComputedStyle(link, '::after').content);
    expect(printed).toMatch(/^" \(https?:\/\/\S+\)"$/);
    await page.screenshot({ path: `${SHOTS}/public-print-digest.png`, fullPage: true });
    await page.close();
  });

  it('puts the embed on a page from another origin with one script tag, sized to its content', async () => {
    district.route(
      '/news',
      serveBody(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>District news</title>
        <style>body{font:16px/1.5 Georgia,serif;margin:0;background:#f4f4f4}main{max-width:960px;margin:0 auto;padding:24px;display:grid;grid-template-columns:2fr 1fr;gap:24px}article{background:#fff;padding:24px}aside h2{font-size:18px}</style></head>
        <body><main><article><h1>District news</h1><p>The board meets on Tuesday. Snow days are announced by 6 am on the district site and by text message.</p></article>
        <aside><h2>From our classrooms</h2><script src="${app.url}/embed.js" data-count="1"></script></aside></main></body></html>`,
        'text/html; charset=utf-8',
      ),
    );
    // Not yet allowed: a plain link to the digest where the frame would be, never the browser's broken frame.
    const before = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    // The web team is told why in the browser's console.
    const warned: string[] = [];
    before.on('console', (message) => {
      if (message.type() === 'warning') warned.push(message.text());
    });
    await before.goto(`${district.url}/news`);
    await before.locator('aside a').waitFor();
    expect(warned).toContainEqual(
      `Yesterday embed: ${district.url} is not among the sites allowed to show the digest (Settings, “Sites allowed to embed the digest”), so a link is shown instead.`,
    );
    expect(await before.locator('aside iframe').count()).toBe(0);
    expect(await before.locator('aside a').getAttribute('href')).toBe(`${app.url}/`);
    await before.close();

    await changeSetting(app.runtime.deps.db, 'embed_origins', district.url, app.clock.now());
    // A content system's "header scripts" box puts the script in <head>, naming where the digest goes: it waits
    // for the page, and goes there (in a fresh context: the loader may be kept for an hour).
    district.route(
      '/header-script',
      serveBody(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Header script</title><script src="${app.url}/embed.js" data-target="digest-here" data-count="9" data-lang="fr"></script></head><body><main><h1>News</h1><div id="digest-here"></div></main></body></html>`,
        'text/html; charset=utf-8',
      ),
    );
    const headContext = await browser.newContext();
    const headPage = await headContext.newPage();
    const told: string[] = [];
    headPage.on('console', (message) => {
      if (message.type() === 'warning') told.push(message.text());
    });
    await headPage.goto(`${district.url}/header-script`);
    await headPage.locator('#digest-here iframe').waitFor();
    expect(await headPage.locator('head iframe').count()).toBe(0);
    // What it cannot do as asked (a sixth day, a language the district does not offer) is said, not guessed at.
    expect(told).toEqual([
      'Yesterday embed: data-lang="fr" is not one of the district’s languages (en), so the digest is shown in en.',
      'Yesterday embed: data-count="9" is not a whole number from 1 to 5, so it shows 5.',
    ]);
    await headContext.close();
    // A visitor whose browser has not kept the old loader (it may keep it for an hour).
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${district.url}/news`);
    const frame = page.frameLocator('aside iframe');
    await frame.locator('.post h3').first().waitFor();
    expect(await frame.locator('.post h3').allTextContents()).toEqual([
      'Pumpkin measuring day',
      'Reading buddies',
      'Robot club races',
      'Leaf rubbings',
    ]);
    expect(await frame.locator('.correction').count()).toBe(1);
    // The frame grows to its content: no inner scrollbar, nothing cut off.
    const fitted = async (atLeast: number) => {
      const outer = await page.locator('aside iframe').evaluate((el) => el.getBoundingClientRect().height);
      const inner = await frame.locator('html').evaluate((el) => el.getBoundingClientRect().height);
      return Math.abs(outer - inner) <= 2 && outer > atLeast;
    };
    await expect.poll(() => fitted(300)).toBe(true);
    // Its address names only what it shows, the same for every visitor, so caches can keep it.
    expect(await page.locator('aside iframe').getAttribute('src')).toBe(`${app.url}/embed?count=1`);
    await page.screenshot({ path: `${SHOTS}/public-embed-on-district-site.png`, fullPage: true });
    // A parent subscribes without leaving the district's page; the answer stays inside the frame.
    await frame.getByLabel(/by email/).fill('parent@family.example');
    await frame.getByRole('button', { name: 'Subscribe' }).click();
    await frame.getByText('Check your inbox.').waitFor();
    expect(page.url()).toBe(`${district.url}/news`);
    // The frame keeps fitting the pages it goes on to, and the way back shows the embed as it was.
    await expect.poll(() => fitted(100)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/public-embed-subscribed.png`, fullPage: true });
    await frame.getByRole('link', { name: 'Back to the digest' }).click();
    await frame.locator('.post h3').first().waitFor();
    expect(await frame.locator('section.day').count()).toBe(1);
    await expect.poll(() => fitted(300)).toBe(true);
    for (const path of ['/embed?count=2', '/subscribe?embed=1', '/subscribe?embed=1&sent=1']) {
      await page.goto(`${app.url}${path}`);
      expect(describeViolations(await seriousAxeViolations(page)), path).toBe('');
    }
    await context.close();

    // A parent whose phone is set to dark sees the same white card: the brand's shades for dark pages would
    // be too light on it. Each way of showing it has one main landmark and one top heading.
    const dark = await browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
    for (const [path, name] of [
      ['/embed', 'branded'],
      ['/embed?theme=plain', 'plain'],
    ] as const) {
      await dark.goto(`${app.url}${path}`);
      expect(describeViolations(await seriousAxeViolations(dark)), path).toBe('');
      expect(await dark.locator('main.embed').count(), path).toBe(1);
      expect(await dark.locator('h1').count(), path).toBe(1);
      expect(await dark.$eval('.post .school', (e) => getComputedStyle(e).color), path).toBe(
        'rgb(138, 75, 8)',
      );
      await dark.screenshot({ path: `${SHOTS}/public-embed-dark-${name}.png`, fullPage: true });
    }
    await dark.close();
  });

  /**
   * What WordPress does with an oEmbed answer from a site it does not know, and its host page: a stand-in
   * written from wp_filter_oembed_result and wp-embed.js. Only some tags and attributes stay; the iframe gets
   * its class, a sandbox and a secret in its address; with a blockquote before it, the frame is clipped out of sight and the blockquote shown,
   * until a message carrying the secret comes from the frame: then the blockquote goes, the frame shows, and
   * "height" sizes it.
   */
  const wordpressPage = async (path: string) => {
    const answer = (await (
      await fetch(`${app.url}/oembed?url=${encodeURIComponent(`${app.url}/`)}`)
    ).json()) as {
      html: string;
    };
    const secret = 'k3Y9secret';
    const html = answer.html
      // Its allowed list of tags and attributes (kses) keeps neither the frame's style nor its loading.
      .replace(/ (?:style|loading)="[^"]*"/g, '')
      .replace(/ src="([^"]+)"/, ` src="$1#?secret=${secret}" data-secret="${secret}"`)
      .replace('<blockquote', `<blockquote class="wp-embedded-content" data-secret="${secret}"`)
      .replace(
        '<iframe',
        '<iframe class="wp-embedded-content" sandbox="allow-scripts" security="restricted" style="position: absolute; clip: rect(1px, 1px, 1px, 1px);"',
      );
    const host = `addEventListener('message', (e) => {
      const d = e.data;
      if (!d || !(d.secret || d.message || d.value) || /[^a-zA-Z0-9]/.test(d.secret)) return;
      for (const b of document.querySelectorAll('blockquote[data-secret="' + d.secret + '"]')) b.style.display = 'none';
      for (const f of document.querySelectorAll('iframe[data-secret="' + d.secret + '"]')) {
        if (e.source !== f.contentWindow) continue;
        f.removeAttribute('style');
        if (d.message === 'height') f.height = String(Math.max(200, Math.min(1000, parseInt(d.value, 10))));
        if (d.message === 'link') {
          const from = new URL(f.getAttribute('src'));
          const to = new URL(d.value);
          if (/^https?:$/i.test(to.protocol) && to.host === from.host && document.activeElement === f)
            window.top.location.href = d.value;
        }
      }
    });`;
    district.route(
      path,
      serveBody(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A WordPress page</title></head><body><main style="max-width:640px;margin:24px auto"><h1>Classroom news</h1>${html}</main><script>${host}</script></body></html>`,
        'text/html; charset=utf-8',
      ),
    );
    const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
    await page.goto(`${district.url}${path}`);
    return page;
  };

  it('sizes the oEmbed frame in WordPress, which sandboxes it and speaks its own embed protocol', async () => {
    await changeSetting(app.runtime.deps.db, 'embed_origins', district.url, app.clock.now());
    const page = await wordpressPage('/wordpress');
    const frame = page.frameLocator('iframe.wp-embedded-content');
    await frame.locator('.post h3').first().waitFor();
    await expect
      .poll(async () => {
        const outer = await page.locator('iframe').evaluate((el) => el.getBoundingClientRect().height);
        const inner = await frame.locator('html').evaluate((el) => el.getBoundingClientRect().height);
        return Math.abs(outer - Math.min(1000, inner)) <= 2;
      })
      .toBe(true);
    expect(await page.locator('iframe').getAttribute('height')).not.toBe('640');
    // The frame spoke, so the link that stood in for it is gone.
    expect(await page.locator('blockquote').isVisible()).toBe(false);
    await page.screenshot({ path: `${SHOTS}/public-oembed-wordpress.png`, fullPage: true });
    // The sandbox lets no link open and no form be sent from inside: the host follows links to this site. A
    // teacher's post leads to the day's page here (which links to it); signing up, to the sign-up page.
    expect(await frame.locator('form').count()).toBe(0);
    expect(await frame.locator('p.subscribe a').getAttribute('href')).toBe(`${app.url}/subscribe`);
    const day = await frame.locator('section.day h2 a').first().getAttribute('href');
    expect(day).toMatch(new RegExp(`^${app.url}/digests/\\d{4}-\\d{2}-\\d{2}$`));
    await frame.locator('.post h3 a').first().click();
    await page.waitForURL(day!);
    await page.goto(`${district.url}/wordpress`);
    await page.frameLocator('iframe.wp-embedded-content').locator('p.subscribe a').click();
    await page.waitForURL(`${app.url}/subscribe`);
    await page.close();
  });

  it('leaves a link to the digest in WordPress where the site may not frame it', async () => {
    await changeSetting(app.runtime.deps.db, 'embed_origins', '', app.clock.now());
    const page = await wordpressPage('/wordpress-not-allowed');
    const link = page.locator('blockquote a');
    expect(await link.isVisible()).toBe(true);
    expect(await link.getAttribute('href')).toBe(`${app.url}/`);
    expect(await link.textContent()).toMatch(/^What happened yesterday: /);
    // Give the refused frame time to have spoken, had it loaded: the link stays, the frame stays out of sight.
    await page.waitForTimeout(500);
    expect(await link.isVisible()).toBe(true);
    expect(await page.locator('iframe').getAttribute('style')).toContain('clip: rect(1px, 1px, 1px, 1px)');
    await page.screenshot({ path: `${SHOTS}/public-oembed-wordpress-not-allowed.png`, fullPage: true });
    await page.close();
  });

  // Last, as it adds a digest: a district's third day.
  it('lays two digests below the lead in halves of the row, and one under the other on a phone', async () => {
    const db = app.runtime.deps.db;
    const [source] = await listSources(db);
    const { start, end } = dayRange('2026-11-18', 'America/Chicago');
    await storeItems(db, source!.id, [
      item({
        guid: 'bird-count',
        title: 'Bird count',
        summary: 'Twelve kinds.',
        publishedAt: start + 11 * 3600_000,
      }),
    ]);
    const items = await listItemsPublishedBetween(db, start, end);
    await saveDesk(deskDepsOf(app.runtime.deps), editor, '2026-11-18', {
      entries: items.map((i) => ({ itemId: i.id })),
    });
    await publishDesk(deskDepsOf(app.runtime.deps), editor, '2026-11-18');
    for (const [width, label] of [
      [1280, 'desktop'],
      [390, 'phone'],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await visit(page, '/', `${label}-home-three-days`);
      const lead = (await page.locator('.digest-card.lead').boundingBox())!;
      const [first, second] = await Promise.all(
        [1, 2].map(async (n) => (await page.locator('.digest-card').nth(n).boundingBox())!),
      );
      if (width === 1280) {
        expect(first!.y).toBe(second!.y);
        expect(Math.abs(first!.width - second!.width)).toBeLessThan(1);
        // Together with the gap between them, as wide as the lead: no third of the row left empty.
        expect(Math.abs(second!.x + second!.width - (lead.x + lead.width))).toBeLessThan(1);
      } else {
        expect(second!.y).toBeGreaterThan(first!.y + first!.height);
        expect(Math.abs(first!.width - lead.width)).toBeLessThan(1);
      }
      await page.close();
    }
  });
});
