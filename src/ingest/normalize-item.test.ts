// Normalization of a post: the image, categories and summary it gets, and the key under which one post
// cross-posted by several accounts shows once in the inbox.
import { describe, expect, it } from 'vitest';
import type { NormalizedItem } from './feed-types';
import { canonicalUrlKey } from './normalize-item';
import { processInProcess } from './read-feed';

/** An RSS feed of one post, read and normalized: `channel` after the feed's title, `inside` in its item. */
async function readRss(inside: string, channel = '') {
  const xml = `<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Room 12</title>${channel}
    <item><title>Kites</title><link>https://room12.example/kites</link>${inside}</item></channel></rss>`;
  const read = await processInProcess({
    body: new TextEncoder().encode(xml),
    contentType: 'application/rss+xml',
    finalUrl: 'https://room12.example/feed',
    now: Date.parse('2026-11-21T15:00:00Z'),
  });
  if (!read.ok) throw new Error(read.message);
  return read;
}

/** The one post of an RSS feed whose item holds `inside` (after a title and a link), normalized. */
async function readItem(inside: string): Promise<NormalizedItem> {
  return (await readRss(inside)).items[0]!;
}

/** The summary normalization gives a post whose content is `html`. */
async function summaryOf(html: string): Promise<string> {
  return (await readItem(`<description><![CDATA[${html}]]></description>`)).summary;
}

describe('image', () => {
  it('takes the first usable image of the most preferred kind, wherever it stands', async () => {
    const item = await readItem(`
      <enclosure url="https://room12.example/enclosure.jpg" type="image/jpeg" length="1"/>
      <media:thumbnail url="https://room12.example/thumb.jpg" width="400" height="300"/>
      <media:content url="https://room12.example/small.jpg" medium="image" width="72" height="72"/>
      <media:content url="https://pixel.wp.com/g.gif" medium="image"/>
      <media:content url="https://room12.example/kites.jpg" medium="image"><media:description>Kites over the field</media:description></media:content>
      <media:content url="https://room12.example/second.jpg" medium="image"/>`);
    expect(item).toMatchObject({
      imageUrl: 'https://room12.example/kites.jpg',
      imageAlt: 'Kites over the field',
    });
  });

  it('falls back to the next kind, then to the first image in the post', async () => {
    const thumb = await readItem(`
      <enclosure url="https://room12.example/enclosure.jpg" type="image/jpeg" length="1"/>
      <media:thumbnail url="https://room12.example/thumb.jpg"/>`);
    expect(thumb.imageUrl).toBe('https://room12.example/enclosure.jpg');
    const inPost = await readItem(
      `<description><![CDATA[<p><img src="/a.jpg" alt="A kite"></p>]]></description>`,
    );
    expect(inPost).toMatchObject({ imageUrl: 'https://room12.example/a.jpg', imageAlt: 'A kite' });
  });

  it('takes the first picture the sanitizer keeps from the post, its description decoded and trimmed', async () => {
    const item = await readItem(`<description><![CDATA[<p><img src="https://pixel.wp.com/g.gif">
      <noscript><img src="/fallback.jpg"></noscript><script>"<img src=/script.jpg>"</script><script/><img src=/s.jpg></script>
      <img src="/a.jpg?x=1&amp;y=2" alt=" Kites &amp; &quot;wind&quot; "><img src="/b.jpg" alt="B"></p>]]></description>`);
    expect(item).toMatchObject({
      imageUrl: 'https://room12.example/a.jpg?x=1&y=2',
      imageAlt: 'Kites & "wind"',
    });
  });
});

describe('categories', () => {
  it('keeps the first of each, collapsed and cut to 60 characters, at most 20, none empty', async () => {
    const long = 'x'.repeat(70);
    const names = [
      'Science',
      ' Science ',
      '',
      'Field\n  trips',
      long,
      ...Array.from({ length: 30 }, (_, n) => `c${n}`),
    ];
    const item = await readItem(names.map((name) => `<category>${name}</category>`).join(''));
    expect(item.categories).toEqual([
      'Science',
      'Field trips',
      'x'.repeat(60),
      ...Array.from({ length: 17 }, (_, n) => `c${n}`),
    ]);
  });
});

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

describe('text cleaned after decoding', () => {
  it('drops the control characters, non-characters and bidi controls that character references decode to', async () => {
    const item = await readItem(`
      <author>Ms&#x1B;. Diaz&#x202E;</author>
      <category>Sci&#xFFFE;ence</category>
      <description>&lt;p&gt;We flew&amp;#x8; kites&#x1F; &lt;img src="https://room12.example/k.jpg" alt="Kites&amp;#xFFFF; up"&gt;&lt;/p&gt;</description>
      <media:content url="https://room12.example/kites.jpg" medium="image"><media:description>Over&#x7; the field&#x2066;</media:description></media:content>`);
    expect(item).toMatchObject({
      author: 'Ms. Diaz',
      categories: ['Science'],
      summary: 'We flew kites',
      imageAlt: 'Over the field',
    });
    expect(item.contentHtml).toMatch(
      /^<p>We flew kites <img src="https:\/\/room12\.example\/k\.jpg" alt="Kites up"[^>]*><\/p>$/,
    );
  });
});

describe('what a feed says about itself', () => {
  it('keeps its site address only when it is a web address', async () => {
    const siteOf = async (link: string) => (await readRss('', `<link>${link}</link>`)).feed.siteUrl;
    expect(await siteOf('https://room12.example/')).toBe('https://room12.example/');
    expect(await siteOf('javascript:alert(9)')).toBeUndefined();
    expect(await siteOf('java&#9;script:alert(9)')).toBeUndefined();
    expect(await siteOf(' JavaScript:alert(9)')).toBeUndefined();
    expect(await siteOf('data:text/html,x')).toBeUndefined();
  });
});
