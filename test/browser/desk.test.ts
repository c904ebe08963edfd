// The coordinator's desk in real Chromium: sign in, curate five posts from a local feed (buttons, keyboard and
// drag and drop), meet the checks (a student's full name, a picture without alt text), resolve them by editing
// and by a written override, preview the page and both email parts, send a test, publish, read the post.
// Then every admin page is checked with axe-core and photographed at desktop and tablet widths, and a source
// added by mistake is removed.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, launchBrowser, seriousAxeViolations } from '../browser';
import { serveBody, startTestServer, type TestServer } from '../http-server';
import { solidPng } from '../png';
import { addConfirmedSubscriber } from '../fixtures';
import { addUser, startTestApp, TEST_PASSWORD, type TestApp } from '../test-app';

const SHOTS = 'test-results';

function classFeed(base: string): string {
  const item = (title: string, hour: number, body: string, extra = '') =>
    `<item><title>${title}</title><link>https://room8.example/${hour}</link><guid>room8-${hour}</guid>
     <pubDate>Fri, 20 Nov 2026 ${hour}:00:00 GMT</pubDate><description>${body}</description>${extra}</item>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Room 8 with Mr. Alvarez</title><link>https://room8.example/</link>
${item('Pumpkin measuring day', 14, 'We measured six pumpkins and estimated their weight.', `<media:content url="${base}/pumpkins.png" medium="image"><media:description>Six pumpkins lined up on a table</media:description></media:content>`)}
${item('Maya Johnson wins the spelling bee', 15, 'Our class champion spelled rhythm to win the school bee.')}
${item('A visiting author', 16, 'Leo Martinez, who wrote our class favourite, read to us from his new picture book.')}
${item('Fire drill practice', 17, `&lt;p&gt;Everyone walked out calmly and quickly.&lt;/p&gt;&lt;img src="${base}/drill.png"&gt;`)}
${item('Science fair sign-ups', 18, 'Sign-ups for the spring science fair are open in the library.')}
${item('Poetry café', 19, 'Families joined us for a poetry café.')}
</channel></rss>`;
}

describe('browser: the coordinator’s desk', () => {
  let app: TestApp;
  let feeds: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    feeds = await startTestServer();
    feeds.route('/feed', serveBody(classFeed(feeds.url), 'application/rss+xml'));
    feeds.route(
      '/blog',
      serveBody(
        '<!doctype html><html><head><title>Room 8</title><link rel="alternate" type="application/rss+xml" href="/feed"></head><body>Room 8</body></html>',
        'text/html',
      ),
    );
    feeds.route(
      '/room9',
      serveBody(
        classFeed(feeds.url).replace('Room 8 with Mr. Alvarez', 'Room 9 (added by mistake)'),
        'application/rss+xml',
      ),
    );
    feeds.route('/pumpkins.png', serveBody(Buffer.from(solidPng(480, 300, [222, 140, 52])), 'image/png'));
    feeds.route('/drill.png', serveBody(Buffer.from(solidPng(480, 300, [70, 120, 170])), 'image/png'));
    app = await startTestApp();
    await addUser(app, 'dana@district.example', 'admin');
    browser = await launchBrowser();
    // The coordinator's computer is in another zone than the district (America/Chicago): the desk's times are
    // the district's all the same.
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Tokyo' });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await feeds?.close();
  });

  const checkAndShoot = async (name: string) => {
    expect(describeViolations(await seriousAxeViolations(page)), name).toBe('');
    await page.screenshot({ path: `${SHOTS}/desk-${name}.png`, fullPage: true });
  };
  const flash = () => page.locator('.flash').first().textContent();
  const entry = (headline: string) =>
    page.locator('.entry-card').filter({ has: page.locator(`input[value="${headline}"]`) });
  const itemIdOf = (title: string) =>
    page
      .getByRole('button', { name: `Remove from digest: ${title}` })
      .evaluate((button) => button.closest('article')!.id.replace('item-', ''));
  const headlines = () =>
    page
      .locator('.entry-card input[name^="headline_"]')
      .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));

  it('signs in and adds the class feed', async () => {
    await page.goto(`${app.url}/admin/inbox`);
    await page.waitForURL(/\/admin\/login/);
    await checkAndShoot('login');
    await page.getByLabel('Email').fill('dana@district.example');
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/admin\/inbox/);

    await page.goto(`${app.url}/admin/sources`);
    await page.getByLabel('Feed address').fill(`${feeds.url}/feed`);
    await page.getByLabel('School', { exact: true }).fill('Lincoln Elementary');
    await page.getByLabel('Authorized by', { exact: true }).fill('Dana Hayes, Principal');
    await page.getByLabel('A media release is on file for the students', { exact: false }).check();
    await page.getByRole('button', { name: 'Add and fetch' }).click();
    await expect.poll(flash).toContain('Read 6 posts, 6 new.');
  });

  it('curates five posts with buttons, the keyboard and drag and drop', async () => {
    await page.goto(`${app.url}/admin/inbox?date=2026-11-20`);
    // On a phone the day's posts are below the digest: Add comes back to the post, not to the new entry.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Add to digest: Pumpkin measuring day' }).click();
    await page.waitForURL(new RegExp(`#item-${await itemIdOf('Pumpkin measuring day')}$`));
    const post = page.locator(`#item-${await itemIdOf('Pumpkin measuring day')}`);
    await expect.poll(() => post.evaluate((el) => el.getBoundingClientRect().top)).toBeGreaterThan(0);
    expect(await post.evaluate((el) => el.getBoundingClientRect().bottom)).toBeLessThan(844);
    await page.setViewportSize({ width: 1280, height: 900 });
    for (const title of ['Maya Johnson wins the spelling bee', 'A visiting author', 'Fire drill practice']) {
      await page.getByRole('button', { name: `Add to digest: ${title}` }).click();
      await page.getByRole('button', { name: `Remove from digest: ${title}` }).waitFor();
    }
    // The fifth by keyboard alone: focus the button and press Enter.
    await page.getByRole('button', { name: 'Add to digest: Science fair sign-ups' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Remove from digest: Science fair sign-ups' }).waitFor();
    expect(await headlines()).toEqual([
      'Pumpkin measuring day',
      'Maya Johnson wins the spelling bee',
      'A visiting author',
      'Fire drill practice',
      'Science fair sign-ups',
    ]);
    // Each added entry is a card on the desk, and the post says so with a link to it.
    await page.getByRole('link', { name: 'In the digest: go to the entry for A visiting author' }).click();
    await page.waitForURL(new RegExp(`#entry-${await itemIdOf('A visiting author')}$`));

    // The posts' pictures show, loaded through the server: the teacher's site never hears from the
    // coordinator's browser (the page allows pictures from its own site only).
    const pumpkins = page.locator(`#item-${await itemIdOf('Pumpkin measuring day')} img.thumb`);
    await pumpkins.scrollIntoViewIfNeeded();
    await expect
      .poll(() => pumpkins.evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 5000 })
      .toBe(320);
    const choice = entry('Pumpkin measuring day').locator('.image-option img');
    await choice.scrollIntoViewIfNeeded();
    await expect
      .poll(() => choice.evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 5000 })
      .toBe(320);
    const fromBrowsers = feeds.requests.filter(
      (r) => /\.png$/.test(r.path) && !/^Yesterday\//.test(String(r.headers['user-agent'])),
    );
    expect(fromBrowsers).toEqual([]);

    // Without JavaScript's help: the Up button moves an entry and saves.
    await page.getByRole('button', { name: 'Up: Science fair sign-ups' }).click();
    await page.getByRole('button', { name: 'Up: Fire drill practice' }).waitFor();
    expect((await headlines()).slice(3)).toEqual(['Science fair sign-ups', 'Fire drill practice']);
    // The page comes back at the card moved, below the sticky toolbar rather than under it.
    const moved = (await entry('Science fair sign-ups').boundingBox())!;
    const bar = (await page.locator('.toolbar').boundingBox())!;
    expect(moved.y).toBeGreaterThanOrEqual(bar.y + bar.height - 1);
    expect(moved.y).toBeLessThan(900);

    // With it: drag the first card below the second; the new order is saved without a button.
    await page.locator('#intro').fill('Pumpkins, an author and a spelling champion in Room 8.');
    await expect
      .poll(() => page.locator('.autosave-status').textContent(), { timeout: 5000 })
      .toMatch(/^Saved /);
    const savedAt = (await page.locator('.autosave-status').textContent())!;
    const inChicago = (ms: number) =>
      new Date(ms).toLocaleTimeString('en-US', {
        hour: 'numeric',
        minute: '2-digit',
        timeZone: 'America/Chicago',
      });
    expect(
      [inChicago(Date.now()), inChicago(Date.now() - 60_000)].map((time) => `Saved ${time} `),
    ).toContainEqual(savedAt.slice(0, savedAt.indexOf(' ·') + 1));
    await page.locator('.autosave-status').evaluate((status) => (status.textContent = ''));
    // Tall enough that both cards are on screen: a drag that has to scroll confuses the synthetic mouse.
    await page.setViewportSize({ width: 1280, height: 2000 });
    const target = entry('Maya Johnson wins the spelling bee');
    const box = (await target.boundingBox())!;
    await entry('Pumpkin measuring day').dragTo(target, {
      sourcePosition: { x: 60, y: 12 }, // the card's heading line, not a text field inside it
      targetPosition: { x: 60, y: box.height - 20 },
    });
    expect((await headlines()).slice(0, 2)).toEqual([
      'Maya Johnson wins the spelling bee',
      'Pumpkin measuring day',
    ]);
    // Up and Down follow the cards: the new first card has no Up, the one moved down has it again.
    expect(
      await page.getByRole('button', { name: 'Up: Maya Johnson wins the spelling bee' }).isDisabled(),
    ).toBe(true);
    expect(await page.getByRole('button', { name: 'Up: Pumpkin measuring day' }).isDisabled()).toBe(false);
    await expect
      .poll(() => page.locator('.autosave-status').textContent(), { timeout: 5000 })
      .toMatch(/^Saved /);
    // A card let go outside the list stays where the drag put it, numbered and saved. Twice (each card above
    // the other), so the order is as it was for what follows.
    for (const title of ['Science fair sign-ups', 'A visiting author']) {
      await page.locator('.autosave-status').evaluate((status) => (status.textContent = ''));
      const above = entry(title).locator('xpath=preceding-sibling::li[1]');
      // Both cards on screen, below the sticky toolbar.
      await above.evaluate((card) => window.scrollBy(0, card.getBoundingClientRect().top - 300));
      const [from, over] = [(await entry(title).boundingBox())!, (await above.boundingBox())!];
      await page.mouse.move(from.x + 60, from.y + 12);
      await page.mouse.down();
      await page.mouse.move(from.x + 60, from.y + 40, { steps: 5 });
      await page.mouse.move(over.x + 60, over.y + 20, { steps: 10 });
      await page.mouse.move(1250, over.y + 20, { steps: 10 }); // over the day's posts, outside the list
      await page.mouse.up();
      await expect
        .poll(() => page.locator('.autosave-status').textContent(), { timeout: 5000 })
        .toMatch(/^Saved /);
      expect(await page.locator('.entry-number').allTextContents()).toEqual(['1', '2', '3', '4', '5']);
      expect((await headlines())[2]).toBe(title);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.reload();
    expect((await headlines()).slice(0, 2)).toEqual([
      'Maya Johnson wins the spelling bee',
      'Pumpkin measuring day',
    ]);
    expect(await page.locator('#intro').inputValue()).toBe(
      'Pumpkins, an author and a spelling champion in Room 8.',
    );
  });

  it('saves what was typed the moment before the coordinator left the desk', async () => {
    const intro = () =>
      (
        app.runtime.sqlite.sqlite.prepare("select intro from digests where date = '2026-11-20'").get() as {
          intro: string;
        }
      ).intro;
    const before = intro();
    // Typed, and a link pressed at once, before the pause after which the desk saves.
    await page.locator('#intro').fill(`${before} See you Monday.`);
    await page.getByRole('link', { name: 'Next day →' }).click();
    await page.waitForURL(/date=2026-11-21/);
    await expect.poll(intro, { timeout: 10_000 }).toBe(`${before} See you Monday.`);
    await page.goto(`${app.url}/admin/inbox?date=2026-11-20`);
    expect(await page.locator('#intro').inputValue()).toBe(`${before} See you Monday.`);
    // The same day opened again at once (the date bar's Show): the link waits for the save, so the page it opens
    // has the typing and the version saved, and the next save meets no save of its own.
    await page.locator('#intro').fill(`${before} See you Tuesday.`);
    // The page it leaves is marked, so what follows waits for the new one (its address is the same).
    await page.evaluate(() => Object.assign(window, { leftBehind: true }));
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect
      .poll(() => page.evaluate(() => !('leftBehind' in window)).catch(() => false), { timeout: 10_000 })
      .toBe(true);
    await page.waitForLoadState('domcontentloaded');
    await expect.poll(() => page.locator('#intro').inputValue()).toBe(`${before} See you Tuesday.`);
    expect(intro()).toBe(`${before} See you Tuesday.`);
    // Back as it was, for what follows.
    await page.locator('#intro').fill(before);
    await expect
      .poll(() => page.locator('.autosave-status').textContent(), { timeout: 5000 })
      .toMatch(/^Saved /);
  });

  it('loses nothing typed when a reload outruns the save made on leaving, or the browser refuses that save', async () => {
    const intro = () =>
      (
        app.runtime.sqlite.sqlite.prepare("select intro from digests where date = '2026-11-20'").get() as {
          intro: string;
        }
      ).intro;
    const before = intro();
    const status = () => page.locator('.autosave-status').textContent();
    // The browser refuses the save made on leaving (as it does a form over 64 KiB): the page drawn again shows
    // the version from before, reads itself once more, and then puts the typing back and saves it.
    await page.evaluate(() => {
      const send = window.fetch.bind(window);
      window.fetch = (input, init) =>
        init?.keepalive ? Promise.reject(new TypeError('keepalive refused')) : send(input, init);
    });
    const drill = () => entry('Fire drill practice');
    const drillImage = () =>
      (
        app.runtime.sqlite.sqlite
          .prepare(
            `select e.image_url as url from digest_entries e join items i on i.id = e.item_id
             where i.title = 'Fire drill practice'`,
          )
          .get() as { url: string | null }
      ).url;
    const picture = drillImage();
    expect(picture).not.toBeNull();
    await page.locator('#intro').fill(`${before} Refused on leaving.`);
    // A choice among options too: the photo rule's "No image".
    await drill().getByLabel('No image').check();
    await page.reload();
    await expect
      .poll(() => page.locator('#intro').inputValue(), { timeout: 10_000 })
      .toBe(`${before} Refused on leaving.`);
    expect(await drill().getByLabel('No image').isChecked()).toBe(true);
    await expect.poll(intro, { timeout: 10_000 }).toBe(`${before} Refused on leaving.`);
    await expect.poll(drillImage, { timeout: 10_000 }).toBeNull();
    await expect.poll(status, { timeout: 10_000 }).toMatch(/^Saved /);
    await drill().locator('input[type=radio]').nth(1).check();
    await expect.poll(drillImage, { timeout: 10_000 }).toBe(picture);
    // The page holds the version that save made before anything below reads it.
    const stored = () =>
      String(
        (
          app.runtime.sqlite.sqlite
            .prepare("select version from digests where date = '2026-11-20'")
            .get() as {
            version: number;
          }
        ).version,
      );
    await expect.poll(() => page.locator('input[name=version]').inputValue()).toBe(stored());
    // The save made on leaving arrives only after the page was drawn again: the page reads itself once more and
    // shows it, with its version, so the next save is no conflict with the coordinator's own.
    const version = await page.locator('input[name=version]').inputValue();
    const typed = `${before} Arrived late. `;
    await page.locator('#intro').evaluate((field: HTMLTextAreaElement, text) => {
      field.value = text;
    }, typed);
    const body = await page.evaluate(
      ({ was }) => {
        const form = document.getElementById('desk') as HTMLFormElement;
        const pairs = [...new FormData(form)].map(([name, value]) => [name, String(value)]);
        sessionStorage.setItem(
          'yesterday-desk-leaving',
          JSON.stringify({
            action: form.action,
            base: (form.elements.namedItem('version') as HTMLInputElement).value,
            at: Date.now(),
            texts: {
              intro: { now: (form.elements.namedItem('intro') as HTMLTextAreaElement).value, before: was },
            },
          }),
        );
        return { action: form.action, pairs };
      },
      { was: before },
    );
    await page.reload();
    expect(await page.locator('input[name=version]').inputValue()).toBe(version);
    await page.evaluate(
      ({ action, pairs }) =>
        fetch(action, {
          method: 'POST',
          body: new URLSearchParams(pairs),
          headers: { Accept: 'application/json' },
        }).then((response) => response.json()),
      body,
    );
    await expect
      .poll(() => page.locator('input[name=version]').inputValue(), { timeout: 10_000 })
      .toBe(String(Number(version) + 1));
    // Saved as the server keeps it (trimmed), and not said to be missing.
    expect(await page.locator('#intro').inputValue()).toBe(typed.trim());
    expect(await status()).not.toContain('not saved');
    // A newer version saved that lacks what was typed (the save made on leaving refused, someone else saved
    // another field meanwhile): the typing is put back, not saved, and the page says so. Where the newer version
    // changed the field itself, what is there stays.
    const newer = await page.locator('input[name=version]').inputValue();
    const leftAt = async (was: string) => {
      await page.evaluate(
        ({ base, was }) => {
          const form = document.getElementById('desk') as HTMLFormElement;
          sessionStorage.setItem(
            'yesterday-desk-leaving',
            JSON.stringify({
              action: form.action,
              base,
              at: Date.now(),
              texts: { intro: { now: 'Typed, never saved.', before: was } },
            }),
          );
        },
        { base: String(Number(newer) - 1), was },
      );
      await page.reload();
    };
    await leftAt('Someone else’s intro, since changed again.');
    await page.locator('.autosave-status').waitFor({ state: 'attached' });
    expect(await page.locator('#intro').inputValue()).toBe(typed.trim());
    await leftAt(typed.trim());
    await expect.poll(() => page.locator('#intro').inputValue()).toBe('Typed, never saved.');
    expect(await status()).toContain('is back here, not saved');
    expect(intro()).toBe(typed.trim());
    await page.locator('#intro').fill(before);
    await expect.poll(status, { timeout: 5000 }).toMatch(/^Saved /);
    expect(intro()).toBe(before);
    expect(await page.evaluate(() => sessionStorage.getItem('yesterday-desk-leaving'))).toBeNull();
  });

  it('runs the checks as the coordinator types, through the save, and shows them before anyone presses Save', async () => {
    const card = entry('Science fair sign-ups');
    const headline = card.locator('input[name^="headline_"]');
    const versionShown = async () =>
      Number(/version (\d+)/.exec((await page.locator('#desk-status-text').textContent()) ?? '')?.[1]);
    const before = await versionShown();
    await headline.fill('Science fair sign-ups with Maya Johnson');
    await expect
      .poll(() => card.locator('.finding').allTextContents(), { timeout: 5000 })
      .toEqual([expect.stringContaining('“Maya Johnson” (headline)')]);
    await expect.poll(() => page.locator('#desk-checks').textContent()).toBe('4 open findings');
    expect(await card.getAttribute('class')).toContain('has-findings');
    await headline.fill('Science fair sign-ups');
    await expect.poll(() => card.locator('.finding').count(), { timeout: 5000 }).toBe(0);
    await expect.poll(() => page.locator('#desk-checks').textContent()).toBe('3 open findings');
    expect(await card.getAttribute('class')).not.toContain('has-findings');
    // Publish now says, beside it, that publishing waits for them.
    const publishNow = page.getByRole('button', { name: 'Publish now' });
    expect(await publishNow.getAttribute('class')).toContain('waits');
    expect(await publishNow.getAttribute('aria-describedby')).toBe('publish-waits');
    expect(await page.locator('#publish-waits').isVisible()).toBe(true);
    expect(await page.locator('#publish-waits').textContent()).toBe(
      'Publishing waits until each open finding is resolved.',
    );
    // The status line follows the saves: the version it names is the one the form now holds.
    const held = Number(await page.locator('input[name=version]').inputValue());
    expect(held).toBeGreaterThan(before);
    expect(await versionShown()).toBe(held);
  });

  it('refuses to publish while findings are open, shown next to their entries', async () => {
    await expect.poll(() => page.locator('#desk-status .badge').textContent()).toBe('3 open findings');
    await expect
      .poll(() => entry('Maya Johnson wins the spelling bee').locator('.finding').textContent())
      .toContain('“Maya Johnson” (headline)');
    await expect
      .poll(() => entry('A visiting author').locator('.finding').textContent())
      .toContain('“Leo Martinez” (blurb, original post)');
    await expect
      .poll(() => entry('Fire drill practice').locator('.finding').textContent())
      .toContain('no alt text');
    await checkAndShoot('inbox-findings');

    await page.getByRole('button', { name: 'Publish now' }).click();
    await expect.poll(flash).toContain('3 check findings are still open.');
    expect(await page.locator('#desk-status').textContent()).toContain('Draft');
    // The message leads to the first of them in the digest's order.
    const firstWithFindings = await page.locator('.entry-card.has-findings').first().getAttribute('id');
    const toFirst = page.locator('.flash').getByRole('link', { name: 'Go to the first one' });
    expect(await toFirst.getAttribute('href')).toBe(`#${firstWithFindings}`);
    await toFirst.click();
    expect(new URL(page.url()).hash).toBe(`#${firstWithFindings}`);
    expect(await page.locator(`#${firstWithFindings}`).isVisible()).toBe(true);
  });

  it('resolves them: edits the headline and the alt text, and records an override with a reason', async () => {
    await entry('Maya Johnson wins the spelling bee')
      .getByLabel('Headline')
      .fill('Maya wins the spelling bee');
    await entry('Fire drill practice')
      .getByLabel('Alt text for the image')
      .fill('Students lined up on the field');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(flash).toBe('Draft saved.');
    await expect.poll(() => page.locator('#desk-status .badge').textContent()).toBe('1 open finding');

    const author = entry('A visiting author');
    await author.getByText('Record why this is fine').click();
    await author
      .getByLabel('Reason (kept in the audit log)')
      .fill('Leo Martinez is the visiting author, an adult, not a student.');
    await author.getByRole('button', { name: 'Record override' }).click();
    await expect.poll(flash).toContain('Recorded. The reason is kept in the audit log.');
    await expect.poll(() => page.locator('#desk-status .badge').textContent()).toBe('All checks pass');
    const publishNow = page.getByRole('button', { name: 'Publish now' });
    expect(await page.locator('#publish-waits').isVisible()).toBe(false);
    expect(await publishNow.getAttribute('class')).toBeNull();
    // Nothing waits, so nothing describes the button (a hidden note would still be read out).
    expect(await publishNow.getAttribute('aria-describedby')).toBeNull();
    // The autosave keeps the button's look in step, both ways.
    const headline = entry('Pumpkin measuring day').getByLabel('Headline');
    await headline.fill('Pumpkin measuring day with Maya Johnson');
    await expect.poll(() => page.locator('#publish-waits').isVisible(), { timeout: 5000 }).toBe(true);
    expect(await publishNow.getAttribute('class')).toBe('secondary waits');
    expect(await publishNow.getAttribute('aria-describedby')).toBe('publish-waits');
    await headline.fill('Pumpkin measuring day');
    await expect.poll(() => page.locator('#publish-waits').isVisible(), { timeout: 5000 }).toBe(false);
    expect(await publishNow.getAttribute('class')).toBe('');
    expect(await publishNow.getAttribute('aria-describedby')).toBeNull();
    await expect
      .poll(() => entry('A visiting author').locator('.finding.resolved').textContent())
      .toContain('Leo Martinez is the visiting author, an adult, not a student.');
    await checkAndShoot('inbox-resolved');
  });

  it('previews the page, the email and its plain text, and sends a test to the coordinator', async () => {
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.waitForURL(/\/admin\/inbox\/preview\?date=2026-11-20/);
    const pageFrame = page.frameLocator('iframe[title="The digest\'s page on the blog"]');
    await expect
      .poll(() => pageFrame.locator('.entry h2').first().textContent())
      .toBe('Maya wins the spelling bee');
    await pageFrame.locator('img[alt="Six pumpkins lined up on a table"]').waitFor({ state: 'visible' });
    const mailFrame = page.frameLocator('iframe[title="The email as HTML"]');
    await mailFrame.getByRole('link', { name: 'Maya wins the spelling bee' }).waitFor({ state: 'visible' });
    const text = await page.locator('pre.mail').textContent();
    expect(text).toContain('Maya wins the spelling bee');
    expect(text).toContain('Pumpkins, an author and a spelling champion in Room 8.');
    expect(text).not.toContain('Maya Johnson');
    await checkAndShoot('preview');
    await page
      .locator('iframe[title="The email as HTML"]')
      .screenshot({ path: `${SHOTS}/desk-preview-email.png` });

    await page.getByRole('button', { name: /^Send a test to me/ }).click();
    await expect.poll(flash).toContain('A test email is on its way to dana@district.example.');
    const sent = readdirSync(app.config.outboxDir).filter((f) => f.endsWith('.json'));
    const test = JSON.parse(readFileSync(join(app.config.outboxDir, sent.at(-1)!), 'utf8')) as {
      to: string;
      subject: string;
    };
    expect(test).toMatchObject({ to: 'dana@district.example', subject: expect.stringMatching(/^\[Test\] /) });
  });

  it('publishes, and the post reads on the public site in the chosen order', async () => {
    await page.getByRole('link', { name: '← Back to the desk' }).click();
    await page.getByRole('button', { name: 'Publish now' }).click();
    // Nothing goes out yet: a page asks, with how many families would get it.
    await page.waitForSelector('h1:text("Publish now?")');
    expect(describeViolations(await seriousAxeViolations(page))).toBe('');
    await page.getByRole('button', { name: /^Publish( and email [\d,]+ subscribers?)?$/ }).click();
    await expect.poll(flash).toContain('Published.');
    // Back from here opens the question's address, which leads to the desk, not Chromium's "Confirm Form
    // Resubmission" (whose resending would post Publish now again).
    await page.goBack();
    expect(page.url()).toBe(`${app.url}/admin/inbox?date=2026-11-20`);
    await page.getByRole('link', { name: 'View it on the public site' }).click();
    await page.waitForURL(/\/digests\/2026-11-20$/);
    expect(await page.locator('.entry h2').allTextContents()).toEqual([
      'Maya wins the spelling bee',
      'Pumpkin measuring day',
      'A visiting author',
      'Science fair sign-ups',
      'Fire drill practice',
    ]);
    await page.locator('img[alt="Students lined up on the field"]').waitFor({ state: 'visible' });
    await checkAndShoot('published-digest');
  });

  it('asks before leaving a published digest with a correction not yet published', async () => {
    await page.goto(`${app.url}/admin/inbox?date=2026-11-20`);
    // The correction and the day's posts sit side by side, as a draft and its posts do: the form's hidden
    // first button (it keeps Enter from publishing) takes no room.
    expect(await page.locator('form.desk > button[hidden]').boundingBox()).toBeNull();
    const [main, posts] = await Promise.all([
      page.locator('.desk-main').boundingBox(),
      page.locator('.desk-items').boundingBox(),
    ]);
    expect(Math.abs(main!.y - posts!.y)).toBeLessThan(2);
    expect(posts!.x).toBeGreaterThan(main!.x + main!.width);
    await checkAndShoot('correction-desk');
    const headline = entry('Fire drill practice').locator('input[name^="headline_"]');
    await headline.click();
    await page.keyboard.type(' (corrected)');
    // Enter in a field sends nothing on a published digest: it is not how a correction is published.
    const corrections = () =>
      app.runtime.sqlite.sqlite.prepare('select count(*) as n from digest_corrections').get();
    const before = corrections();
    await page.locator('#correction-note').fill('The drill was on Thursday, not Friday.');
    await headline.press('Enter');
    await page.waitForTimeout(300);
    expect(corrections()).toEqual(before);
    expect(await headline.inputValue()).toBe('Fire drill practice (corrected)');
    // A menu link: the browser asks, and staying keeps the text.
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.type());
      void dialog.dismiss();
    });
    await page.getByRole('link', { name: 'Subscribers' }).click();
    await expect.poll(() => asked).toEqual(['beforeunload']);
    expect(page.url()).toContain('/admin/inbox?date=2026-11-20');
    expect(await headline.inputValue()).toBe('Fire drill practice (corrected)');
    // Another post's takedown asks in words, and saying no sends nothing.
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    const other = entry('Science fair sign-ups');
    await other.locator('summary', { hasText: 'Take this post down' }).click();
    await other.getByRole('button', { name: /Take it down/ }).click();
    await expect.poll(() => asked.length).toBe(2);
    expect(asked[1]).toContain('not published yet: only Publish correction does that');
    expect(await headline.inputValue()).toBe('Fire drill practice (corrected)');
    // Leaving on purpose: the page reloads as published, the text unchanged and every post still there.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.reload();
    expect(await page.locator('.entry-card').count()).toBe(5);
    expect(await headline.inputValue()).toBe('Fire drill practice');
  });

  it('keeps the override in the audit log, findable by its action', async () => {
    await page.goto(`${app.url}/admin/audit`);
    await page.getByLabel('Action').selectOption('finding.override');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await expect
      .poll(() => page.locator('tbody').textContent())
      .toContain('Leo Martinez is the visiting author, an adult, not a student.');
    await checkAndShoot('audit-filtered');
  });

  // Every admin page at two widths, each loaded and checked: longer than one test's default on a busy machine.
  it('passes axe on every admin page, at desktop, tablet and phone widths, light and dark', async () => {
    const maria = await addConfirmedSubscriber(app.runtime.deps.db, 'maria@family.example');
    const pages = [
      'inbox?date=2026-11-20',
      'inbox?date=2026-11-19',
      'sources',
      'sources/1',
      'users',
      'account',
      'settings',
      'settings/social',
      'coverage',
      'coverage?period=last-month',
      'audit',
      'outbox',
      'subscribers',
      'subscribers?q=family',
      `subscribers/${maria.id}`,
      'subscribers/deliveries/2026-11-20',
    ];
    for (const [width, height, label, scheme] of [
      [1280, 900, 'desktop', 'light'],
      [820, 1180, 'tablet', 'light'],
      [390, 844, 'phone', 'light'],
      [1280, 900, 'desktop-dark', 'dark'],
      [390, 844, 'phone-dark', 'dark'],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: scheme });
      for (const path of pages) {
        const response = await page.goto(`${app.url}/admin/${path}`);
        expect(response?.status(), path).toBe(200);
        await checkAndShoot(`${label}-${path.replace(/[^a-z0-9]+/g, '-')}`);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    // On a phone the wide tables become one block per row, and the coverage table and chart scroll inside
    // their own box: the page itself never scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of [
      'sources',
      'users',
      'audit',
      'coverage',
      'outbox',
      'subscribers',
      'subscribers/deliveries/2026-11-20',
    ]) {
      await page.goto(`${app.url}/admin/${path}`);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(wide, path).toBeLessThanOrEqual(390);
      await checkAndShoot(`phone-${path.replace(/[^a-z0-9]+/g, '-')}`);
    }
    // The menu keeps to the top of a phone's first screen (four rows of links and the address took 198 px).
    const menu = (await page.locator('.topbar').boundingBox())!;
    expect(menu.height).toBeLessThan(150);
    // The chart keeps its labels readable (drawn 12 units high on a 640-unit-wide chart) rather than shrinking.
    await page.goto(`${app.url}/admin/coverage`);
    expect(
      await page.$eval('.coverage-chart svg', (svg) => svg.getBoundingClientRect().width),
    ).toBeGreaterThan(500);
    await page.setViewportSize({ width: 820, height: 1180 });
    // Checking a feed before adding it renders its own report page.
    await page.goto(`${app.url}/admin/sources`);
    await page.getByLabel('Feed address').fill(`${feeds.url}/feed`);
    await page.getByRole('button', { name: 'Test this feed first' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await checkAndShoot('tablet-feed-check');
    // "Add and fetch" with a class blog's home page instead of its feed: nothing is added, and the page offers
    // the feed the blog links to, one click away, with what was typed kept.
    await page.goto(`${app.url}/admin/sources`);
    await page.getByLabel('Feed address').fill(`${feeds.url}/blog`);
    await page.getByLabel('School', { exact: true }).fill('Lincoln Elementary');
    await page.getByLabel('Authorized by', { exact: true }).fill('Dana Hayes, Principal');
    await page.getByLabel("Owner's name (optional)").fill('Luis Alvarez');
    await page.getByRole('button', { name: 'Add and fetch' }).click();
    await page.getByRole('heading', { name: 'The feed that page links to' }).waitFor();
    await checkAndShoot('tablet-feed-check-web-page');
    await page.getByRole('button', { name: `Test this feed: ${feeds.url}/feed` }).click();
    await page.getByRole('heading', { name: 'Add this feed as a source' }).waitFor();
    expect(await page.getByRole('table').textContent()).toContain('Pumpkin measuring day');
    expect(await page.getByLabel('School', { exact: true }).inputValue()).toBe('Lincoln Elementary');
    expect(await page.getByLabel("Owner's name (optional)").inputValue()).toBe('Luis Alvarez');
    // Room 8's feed again at another address (its posts under another title): refused, saying where its posts
    // already come from, with the form kept and a box to add it all the same.
    await page.goto(`${app.url}/admin/sources`);
    await page.getByLabel('Feed address').fill(`${feeds.url}/room9`);
    await page.getByLabel('School', { exact: true }).fill('Lincoln Elementary');
    await page.getByLabel('Authorized by', { exact: true }).fill('Dana Hayes, Principal');
    await page.getByRole('button', { name: 'Add and fetch' }).click();
    await expect
      .poll(flash)
      .toContain(
        `6 of the 6 posts this feed carries already come from Room 8 with Mr. Alvarez (${feeds.url}/feed) at Lincoln Elementary`,
      );
    await checkAndShoot('tablet-source-same-posts');
    // Added all the same (by mistake), it is removed from its page, once the box is ticked.
    await page.getByLabel('Add it all the same: it carries other posts too').check();
    await page.getByRole('button', { name: 'Add and fetch' }).click();
    await expect.poll(flash).toContain('Read 6 posts, 6 new.');
    await page.getByRole('link', { name: 'Room 9 (added by mistake)' }).click();
    await page.getByRole('heading', { name: 'Remove this source' }).waitFor();
    await checkAndShoot('tablet-source-remove');
    // The browser will not send the form until the box is ticked.
    const confirm = page.getByLabel('Delete this source and its 6 posts');
    expect(await confirm.evaluate((box) => (box as HTMLInputElement).validity.valueMissing)).toBe(true);
    await confirm.check();
    await page.getByRole('button', { name: 'Remove source' }).click();
    await expect.poll(flash).toBe('Removed Room 9 (added by mistake) and its 6 posts.');
    expect(await page.getByRole('link', { name: 'Room 9 (added by mistake)' }).count()).toBe(0);
    // The page a person reaches from the sign-in form's "forgot" link.
    const visitor = await browser.newPage({ viewport: { width: 820, height: 1180 } });
    await visitor.goto(`${app.url}/admin/forgot`);
    expect(describeViolations(await seriousAxeViolations(visitor))).toBe('');
    await visitor.close();
    // About 85 s on a quiet two-core machine: room for a busy one.
  }, 300_000);

  it('says what a list of parents would do, sending nothing, before it imports them', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.url}/admin/subscribers`);
    const csv = [
      'email,schools',
      'maria@family.example,',
      ...Array.from({ length: 12 }, (_, n) => `parent${n}@family.example,Lincoln Elementary`),
      'a.very.long.address.from.the.office.list@family-of-the-district.example,',
    ].join('\n');
    await page
      .getByLabel(/A CSV file/)
      .setInputFiles({ name: 'parents.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: 'Import these addresses?' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('parents.csv holds 14 addresses.');
    expect(await page.locator('main').textContent()).toContain(
      '13 are new: each gets an email asking to confirm',
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await checkAndShoot('phone-subscribers-import-review');
    await page.setViewportSize({ width: 1280, height: 900 });
    await checkAndShoot('desktop-subscribers-import-review');
    await page.getByRole('button', { name: 'Import and email 13 addresses' }).click();
    await expect
      .poll(flash)
      .toBe(
        'Imported 13 new addresses. 13 get an email asking them to confirm first. 1 was already on the list.',
      );
    await page.goBack();
    expect(page.url()).toBe(`${app.url}/admin/subscribers#import`);
  });
});
