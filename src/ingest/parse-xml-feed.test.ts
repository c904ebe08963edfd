// Feeds as bytes through decode → parse → normalize, as a worker reads them: what a feed's own title, its
// xml:base, its DTD and what stands before its root element become.
import { describe, expect, it } from 'vitest';
import { processInProcess, type Processed } from './read-feed';

const NOW = Date.parse('2026-11-21T15:00:00Z');

async function process(body: Uint8Array | string, contentType: string | null = 'application/xml') {
  const out = await processInProcess({
    body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
    contentType,
    finalUrl: 'https://school.example/blog/feed.xml',
    now: NOW,
  });
  return out;
}

async function read(body: Uint8Array | string, contentType?: string | null) {
  const out = await process(body, contentType);
  if (!out.ok) throw new Error(out.message);
  return out as Extract<Processed, { ok: true }>;
}

const atom = (inside: string) =>
  `<feed xmlns="http://www.w3.org/2005/Atom">${inside}<entry><id>1</id><title>Kites</title><link href="https://school.example/blog/kites"/><updated>2026-11-20T10:00:00Z</updated></entry></feed>`;

describe('the feed’s own title', () => {
  it.each([
    // Atom 1.0 type="html": escaped markup, read as HTML and turned into text.
    [
      atom(
        `<title type="html">sa&lt;!-- note --&gt;fe&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; sound</title>`,
      ),
      'safe & sound',
    ],
    // "-- >" does not close a comment (as a browser reads it), so nothing after it is a word of the title.
    [atom(`<title type="html">sa&lt;!-- -- &gt;fe&lt;script&gt;alert(1)&lt;/script&gt;</title>`), 'sa'],
    [atom(`<title type="html"><![CDATA[Room <b>9</b> &mdash; <i>news</i>]]></title>`), 'Room 9 — news'],
    // Atom 0.3 mode="escaped", as feedparser's hostile cases write it.
    [
      `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title type="text/html" mode="escaped">safe&lt;script type="text/javascript">location.href='http:/'+'/example.com/';&lt;/script> description</title></feed>`,
      'safe description',
    ],
    [
      `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title mode="escaped" type="text/html">&lt;applet code="foo.class" codebase="http://example.com/">&lt;/applet> safe &lt;blink>description&lt;/blink></title></feed>`,
      'safe description',
    ],
    // type="xhtml": a div of markup.
    [
      atom(
        `<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Room <em>9</em><script>alert(1)</script></div></title>`,
      ),
      'Room 9',
    ],
    // Plain text stays as written, markup-looking or not.
    [atom(`<title>Maths: is 3 &lt; 5 &amp;&amp; 5 &gt; 3?</title>`), 'Maths: is 3 < 5 && 5 > 3?'],
    // RSS titles are read as HTML, as their items' titles are.
    [
      `<rss version="2.0"><channel><title>Room 9 &lt;b&gt;news&lt;/b&gt;&lt;script&gt;x()&lt;/script&gt;</title><item><title>a</title></item></channel></rss>`,
      'Room 9 news',
    ],
  ])('%s', async (xml, title) => {
    expect((await read(xml)).feed.title).toBe(title);
  });
});

describe('xml:base', () => {
  /** An Atom feed based at the blog whose one entry, based at posts/, has this content. */
  const based = (content: string) =>
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://school.example/blog/"><entry xml:base="posts/"><id>2</id><title>Pumpkins</title><link href="pumpkins.html"/><updated>2026-11-20T11:00:00Z</updated>${content}</entry></feed>`;

  it('resolves the pictures and links of Atom content against the base in force there', async () => {
    const { items } = await read(
      based(
        '<content type="html" xml:base="img/">&lt;p&gt;&lt;img src="x.jpg" alt="Six pumpkins"&gt; &lt;a href="../results.html"&gt;Results&lt;/a&gt;&lt;/p&gt;</content>',
      ),
    );
    expect(items[0]!.url).toBe('https://school.example/blog/posts/pumpkins.html');
    expect(items[0]!.contentHtml).toContain('src="https://school.example/blog/posts/img/x.jpg"');
    expect(items[0]!.contentHtml).toContain('href="https://school.example/blog/posts/results.html"');
    expect(items[0]!.imageUrl).toBe('https://school.example/blog/posts/img/x.jpg');
  });

  it('resolves xhtml content down to an element that declares a base of its own', async () => {
    const { items } = await read(
      based(
        '<content type="xhtml" xml:base="img/"><div xmlns="http://www.w3.org/1999/xhtml"><p><img src="a.jpg" alt="A"/></p><p xml:base="/other/"><img src="b.jpg" alt="B"/> <a href="c.html">C</a></p></div></content>',
      ),
    );
    const html = items[0]!.contentHtml;
    expect(html).toContain('src="https://school.example/blog/posts/img/a.jpg"');
    expect(html).toContain('src="https://school.example/other/b.jpg"');
    expect(html).toContain('href="https://school.example/other/c.html"');
  });
});

describe('entities the feed declares itself', () => {
  const declaring = `<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY school "Lincoln Elementary">
  <!ENTITY copy "&#169;">
]>
<rss version="2.0"><channel><title>&school; news</title><item><title>&school; fun run</title><link>https://school.example/run</link><description>&lt;p&gt;All of &school; ran. &copy; 2026&lt;/p&gt;</description></item></channel></rss>`;

  it('are never expanded, never shown as &name;, and the feed says so in plain words', async () => {
    const { feed, items } = await read(declaring);
    expect(feed.warnings).toEqual([
      'This feed defines its own abbreviations (XML entities), which Yesterday does not expand for safety; some words in its titles or text may be missing.',
    ]);
    expect(feed.title).toBe('news');
    expect(items[0]).toMatchObject({
      title: 'fun run',
      summary: 'All of ran. © 2026',
    });
    expect(JSON.stringify({ feed, items })).not.toMatch(/&school;|Lincoln/);
  });

  it('leave a feed that declares none without a warning', async () => {
    const { feed } = await read(
      declaring.replace(/<!DOCTYPE[\s\S]*?\]>/, '').replace(/&school;/g, 'Lincoln'),
    );
    expect(feed.warnings).toEqual([]);
  });
});

describe('what stands before the root element', () => {
  const body = `<!-- generator="WordPress/6.7" --><rss version="2.0"><channel><title>Room 9</title><item><title>Kites</title><link>https://school.example/kites</link></item></channel></rss>`;
  const utf16 = (text: string, bigEndian: boolean) => {
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      const [high, low] = [text.charCodeAt(i) >> 8, text.charCodeAt(i) & 0xff];
      bytes.set(bigEndian ? [high, low] : [low, high], i * 2);
    }
    return bytes;
  };

  it.each([
    ['UTF-8', new TextEncoder().encode(`\uFEFF${body}`), 'application/rss+xml'],
    ['UTF-8, labelled UTF-16', new TextEncoder().encode(`\uFEFF${body}`), 'text/xml; charset=utf-16'],
    ['UTF-16LE', utf16(`\uFEFF${body}`, false), 'application/rss+xml'],
    ['UTF-16BE', utf16(`\uFEFF${body}`, true), null],
    ['UTF-16LE, labelled UTF-8', utf16(`\uFEFF${body}`, false), 'application/xml; charset=utf-8'],
    ['UTF-16LE with two marks', utf16(`\uFEFF\uFEFF${body}`, false), null],
  ])('a byte-order mark, then a comment (%s)', async (_, bytes, contentType) => {
    const { feed, items } = await read(bytes, contentType);
    expect(feed.title).toBe('Room 9');
    expect(items.map((item) => item.title)).toEqual(['Kites']);
  });

  it('reads a feed that begins with many comments', async () => {
    // Short ones: the sniffing this replaced backtracked exponentially on as many as fit in 512 characters.
    const notes = Array.from({ length: 60 }, (_, n) => `<!--${n}-->`).join('');
    const { items } = await read(`<?xml version="1.0"?>\n${notes}${body}`);
    expect(items.map((item) => item.title)).toEqual(['Kites']);
  });

  it('still tells a web page after comments from a feed', async () => {
    const page = `<?xml version="1.0"?><!-- a --><!-- b --><!DOCTYPE html><head><title>Room 9</title><link rel="alternate" type="application/rss+xml" href="/feed/"></head><body>Hello</body>`;
    const out = await process(page, 'text/html');
    expect(out).toMatchObject({
      ok: false,
      message:
        'The address is a web page, not a feed. The page links to this feed: https://school.example/feed/',
    });
    // Two feeds: the message counts them, the list (feedLinks) names both.
    const two = page.replace(
      '</head>',
      '<link rel="alternate" type="application/atom+xml" href="/atom/"></head>',
    );
    expect(await process(two, 'text/html')).toMatchObject({
      ok: false,
      message:
        'The address is a web page, not a feed. The page links to 2 feeds, the first of them: https://school.example/feed/',
    });
  });
});
