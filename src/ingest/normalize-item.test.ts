// Normalization: the summary a post gets, and the key under which one post cross-posted by several accounts
// shows once in the inbox.
import { describe, expect, it } from 'vitest';
import { canonicalUrlKey } from './normalize-item';
import { processInProcess } from './read-feed';

/** The summary normalization gives a post whose content is `html`. */
async function summaryOf(html: string): Promise<string> {
  const xml = `<rss version="2.0"><channel><title>Room 12</title><item><title>Kites</title>
    <link>https://room12.example/kites</link><description><![CDATA[${html}]]></description></item></channel></rss>`;
  const read = await processInProcess({
    body: new TextEncoder().encode(xml),
    contentType: 'application/rss+xml',
    finalUrl: 'https://room12.example/feed',
    now: Date.parse('2026-11-21T15:00:00Z'),
  });
  if (!read.ok) throw new Error(read.message);
  return read.items[0]!.summary;
}

describe('summary', () => {
  const sentence = 'We flew kites on the field. ';

  it('keeps a text of exactly 300 characters whole', async () => {
    const text = 'k'.repeat(299) + '.';
    expect(await summaryOf(`<p>${text}</p>`)).toBe(text);
  });

  it('cuts a longer text at a word before 300 characters and marks the cut', async () => {
    const summary = await summaryOf(`<p>${sentence.repeat(20)}</p>`);
    expect(summary.length).toBeLessThanOrEqual(300);
    expect(summary.length).toBeGreaterThan(250);
    expect(summary.endsWith('…')).toBe(true);
    expect(sentence.repeat(20).startsWith(`${summary.slice(0, -1)} `)).toBe(true);
  });

  it('is as long from indented markup, where white space outweighs the words', async () => {
    const words = sentence.repeat(20).trim().split(' ');
    const indented = words.map((word) => `<span>${word}</span>\n${' '.repeat(80)}`).join('');
    expect(await summaryOf(`<div>${indented}</div>`)).toBe(await summaryOf(`<p>${sentence.repeat(20)}</p>`));
  });
});

describe('canonicalUrlKey', () => {
  it.each([
    ['https://www.class.example.org/2026/11/20/kites/', 'class.example.org/2026/11/20/kites'],
    ['http://class.example.org/2026/11/20/kites#comments', 'class.example.org/2026/11/20/kites'],
    ['https://class.example.org/kites?utm_source=mastodon&utm_medium=social', 'class.example.org/kites'],
    ['https://class.example.org/kites?p=12&fbclid=abc&ref=feed', 'class.example.org/kites?p=12'],
    ['https://class.example.org/?p=12', 'class.example.org/?p=12'],
    ['https://class.example.org:8443/kites', 'class.example.org:8443/kites'],
    ['https://class.example.org', 'class.example.org/'],
    ['https://class.example.org/kites?', 'class.example.org/kites'],
    ['https://class.example.org/kites?sourcey=1', 'class.example.org/kites?sourcey=1'],
  ])('%s → %s', (url, key) => {
    expect(canonicalUrlKey(url)).toBe(key);
  });
});
