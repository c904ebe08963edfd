// Chromium decides which text of a post is a script's, a style's or another raw-text element's: none of it may
// come out of the sanitizer, the summary or the plain text. Generated hostile posts, whose every text is a word
// of its own, are read by Chromium's parser (DOMParser) and by ours.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanitizeHtml, sanitizeWithText } from '../../src/ingest/sanitize-html';
import { htmlToText } from '../../src/text/html-to-text';
import { launchBrowser } from '../browser';
import { seededRandom } from '../fixtures';

const OPEN = [
  '<p>', '<div>', '<b>', '<svg>', '<math>', '<mi>', '<table>', '<td>', '<template>', '<noscript>', '<select>',
  '<a href="/x">', '<img src="/i.jpg" alt="picture">', '<script>', '<script/>', '<SCRIPT >', '<script\nsrc="/s.js">',
  '<script type="text/plain"/>', '<style>', '<style/>', '<xmp>', '<xmp/>', '<iframe>', '<iframe/>', '<title>',
  '<title/>', '<textarea>', '<textarea/>', '<noembed>', '<noframes/>',
]; // prettier-ignore
const CLOSE = [
  '</script>', '</script >', '</SCRIPT\n>', '</scriptx>', '</style>', '</xmp>', '</iframe>', '</title>',
  '</textarea>', '</noembed>', '</noframes>', '</svg>', '</math>', '</p>', '</div>', '</b>', '</table>',
  '</template>', '</noscript>',
]; // prettier-ignore
const MARKUP = ['<!--', '-->', '<!-->', '<![CDATA[', ']]>', '<!doctype html>', '<', '<plaintext>'];

/** A post of 1 to 40 parts; its texts are the words w0, w1, … in order. */
function hostilePost(random: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  let html = '';
  let words = 0;
  for (let parts = 1 + Math.floor(random() * 40); parts > 0; parts--) {
    const r = random();
    if (r < 0.35) html += ` w${words++} `;
    else if (r < 0.65) html += pick(OPEN);
    else if (r < 0.9) html += pick(CLOSE);
    else if (r < 0.99) html += pick(MARKUP.slice(0, -1));
    else html += '<plaintext>'; // rare: everything after it is its text
  }
  return html;
}

interface ChromiumReading {
  /** The words Chromium puts in a raw-text element (or any script or style, svg's too). */
  rawWords: string[];
  /** Whether Chromium read a raw-text element's name inside svg or math as an ordinary element. */
  foreignRawName: boolean;
}

async function readInChromium(page: Page, posts: string[]): Promise<ChromiumReading[]> {
  return page.evaluate((posts) => {
    const xhtml = 'http://www.w3.org/1999/xhtml';
    const raw = new Set([
      'script',
      'style',
      'xmp',
      'iframe',
      'noembed',
      'noframes',
      'title',
      'textarea',
      'plaintext',
    ]);
    return posts.map((post) => {
      const doc = new DOMParser().parseFromString(`<!doctype html><body>${post}`, 'text/html');
      const rawWords: string[] = [];
      let foreignRawName = false;
      for (const element of doc.querySelectorAll('*')) {
        const name = element.localName;
        if (!raw.has(name)) continue;
        if (element.namespaceURI !== xhtml) foreignRawName = true;
        if (element.namespaceURI === xhtml || name === 'script' || name === 'style')
          rawWords.push(...(element.textContent?.match(/w\d+/g) ?? []));
      }
      return { rawWords, foreignRawName };
    });
  }, posts);
}

const wordsIn = (text: string) => new Set(text.match(/w\d+/g) ?? []);

describe('browser: raw text never shows', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('keeps no word Chromium reads as raw text, in 3,000 generated posts', async () => {
    const random = seededRandom(2026);
    const posts = Array.from({ length: 3000 }, () => hostilePost(random));
    const page = await browser.newPage();
    const readings = await readInChromium(page, posts);
    // Inside svg and math a browser reads <style>, <xmp>, <title>… as ordinary elements until a tag such as
    // <div> leaves the svg, which only a full tree builder can follow: posts where Chromium did that are left
    // out (our reader takes those elements for raw text, which hides more, but may hide a tag Chromium saw).
    const compared = posts.flatMap((post, n) =>
      readings[n]!.foreignRawName ? [] : [{ post, ...readings[n]! }],
    );
    // Enough posts that put some word in raw text, so the test cannot pass by generating none.
    expect(compared.filter(({ rawWords }) => rawWords.length > 0).length).toBeGreaterThan(1000);
    const leaks: { post: string; word: string; where: string }[] = [];
    for (const { post, rawWords } of compared) {
      const outputs = {
        html: sanitizeHtml(post),
        summary: (await sanitizeWithText(post, { textLimit: 10_000 })).text,
        text: htmlToText(post),
      };
      for (const [where, output] of Object.entries(outputs)) {
        const shown = wordsIn(output);
        for (const word of rawWords) if (shown.has(word)) leaks.push({ post, word, where });
      }
    }
    expect(leaks.slice(0, 5)).toEqual([]);
  });
});
