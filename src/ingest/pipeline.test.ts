// Real-world-shaped feeds (testdata/) through decode → parse → normalize (with sanitize), as ingestion
// runs them. One case per platform shape and per odd encoding or hostile construction.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBody, decodeBodyInSlices } from './decode-body';
import type { NormalizedItem, ParsedFeed } from './feed-types';
import { normalizeItem } from './normalize-item';
import { parseFeed } from './parse-feed';

const NOW = Date.parse('2026-11-21T15:00:00Z');

interface Read {
  feed: ParsedFeed;
  items: NormalizedItem[];
  charset: string;
  error?: string;
}

async function read(
  name: string,
  contentType: string | null = null,
  feedUrl = `https://feeds.example/${name}`,
): Promise<Read> {
  const bytes = new Uint8Array(readFileSync(join(import.meta.dirname, 'testdata', name)));
  const decoded = decodeBody(bytes, contentType);
  if (!decoded.ok) throw new Error(decoded.message);
  const parsed = await parseFeed(decoded.text, feedUrl);
  if (!parsed.ok)
    return {
      error: parsed.message,
      charset: decoded.charset,
      items: [],
      feed: undefined as unknown as ParsedFeed,
    };
  const items: NormalizedItem[] = [];
  for (const item of parsed.feed.items)
    items.push(await normalizeItem(item, { feed: parsed.feed, feedUrl, now: NOW }));
  return { feed: parsed.feed as ParsedFeed, items, charset: decoded.charset };
}

const iso = (ms: number) => new Date(ms).toISOString();

describe('platform shapes', () => {
  it('WordPress RSS 2.0: full content, media image, tracking pixel gone, scripts and styles gone', async () => {
    const { feed, items } = await read('wordpress.xml');
    expect(feed).toMatchObject({
      format: 'rss2',
      title: "Mrs. Rivera's Second Grade",
      siteUrl: 'https://mrsrivera.example.org',
    });
    const [beans, buddies] = items;
    expect(beans).toMatchObject({
      guid: 'https://mrsrivera.example.org/?p=412',
      url: 'https://mrsrivera.example.org/2026/11/20/our-bean-plants-sprouted/',
      title: 'Our bean plants sprouted!',
      titleDerived: false,
      author: 'Ana Rivera',
      categories: ['Science', 'Plants'],
      imageUrl: 'https://mrsrivera.example.org/wp-content/uploads/2026/11/beans.jpg',
      imageAlt: 'Bean sprouts in paper cups on the windowsill',
      dateEstimated: false,
    });
    expect(iso(beans!.publishedAt)).toBe('2026-11-20T16:15:32.000Z');
    expect(beans!.summary).toMatch(/^After two weeks of watering and measuring/);
    expect(beans!.summary).not.toContain('Continue reading');
    expect(beans!.contentHtml).toContain(
      '<a href="https://mrsrivera.example.org/2026/11/27/roots/" rel="noopener noreferrer nofollow"',
    );
    expect(beans!.contentHtml).not.toMatch(/pixel\.wp\.com|onclick|style=|srcset/);
    expect(buddies!.title).toBe('Reading buddies & fifth grade');
    expect(buddies!.contentHtml).not.toContain('<script');
    expect(buddies!.contentHtml).toContain('src="https://www.youtube-nocookie.com/embed/aBcDeFgHiJk"');
    expect(buddies!.contentHtml).toContain('sandbox=');
  });

  it('Blogger Atom: html content, image from the post body when the thumbnail is tiny', async () => {
    const { feed, items } = await read('blogger.xml');
    expect(feed).toMatchObject({
      format: 'atom',
      title: 'Room 12 Science',
      siteUrl: 'https://room12science.blogspot.com/',
    });
    expect(items[0]).toMatchObject({
      guid: 'tag:blogger.com,1999:blog-7766554433.post-111',
      url: 'https://room12science.blogspot.com/2026/11/volcano-lab.html',
      title: 'Volcano lab: measuring the eruption',
      author: 'Mr. Okafor',
      categories: ['volcanoes'],
    });
    expect(iso(items[0]!.publishedAt)).toBe('2026-11-20T19:05:00.000Z');
    expect(items[0]!.imageUrl).toBe('https://blogger.googleusercontent.com/img/b/R29v/s320/volcano.jpg');
    expect(items[0]!.summary).toBe(
      'Room 12 built baking-soda volcanoes and measured how far each eruption travelled.',
    );
  });

  it('Mastodon RSS: no titles, so a headline is derived from the text and marked; media alt text kept', async () => {
    const { items } = await read('mastodon.xml');
    expect(items[0]).toMatchObject({
      title: 'New graphic novels just arrived in the Lincoln library!',
      titleDerived: true,
      imageUrl: 'https://files.mastodon.example/media_attachments/files/113/original/books.jpg',
      imageAlt: 'A display table covered in colourful graphic novels',
      categories: ['LincolnReads'],
      guid: 'https://mastodon.example/@lincolnlibrary/113500000000000001',
    });
    expect(items[1]).toMatchObject({
      titleDerived: true,
      title: 'Thank you to the families who volunteered at the book fair this week!',
    });
  });

  it('Bluesky RSS: untitled posts, at:// guids, dates without a weekday', async () => {
    const { feed, items } = await read('bluesky.xml');
    expect(feed.title).toBe('@oakhillrobotics.bsky.social - Oak Hill Robotics');
    expect(items[0]).toMatchObject({
      guid: 'at://did:plc:abc123xyz/app.bsky.feed.post/3lbxyzabc2k2o',
      titleDerived: true,
      title: 'Our robot stacked 42 cones in the final match and we qualified for regionals!!',
    });
    expect(iso(items[0]!.publishedAt)).toBe('2026-11-20T23:30:12.000Z');
    expect(items[1]).toMatchObject({ title: 'Practice tonight until 7.', titleDerived: true });
  });

  it('YouTube Atom: media:group thumbnail and description, the watch link as the video', async () => {
    const { items } = await read('youtube.xml');
    expect(items[0]).toMatchObject({
      guid: 'yt:video:Xy7pQ1rSt2u',
      url: 'https://www.youtube.com/watch?v=Xy7pQ1rSt2u',
      videoUrl: 'https://www.youtube.com/watch?v=Xy7pQ1rSt2u',
      imageUrl: 'https://i2.ytimg.com/vi/Xy7pQ1rSt2u/hqdefault.jpg',
      title: 'Winter concert: Jingle Bell Rock (8th grade band)',
    });
    expect(items[0]!.summary).toBe(
      'The 8th grade band opens the winter concert. Recorded in the Oak Hill auditorium.',
    );
    expect(items[0]!.contentHtml).toBe(
      '<p>The 8th grade band opens the winter concert.<br>Recorded in the Oak Hill auditorium.</p>',
    );
  });

  it('micro.blog JSON Feed 1.0: relative image resolved, a bad item and a bad date cost nothing else', async () => {
    const { feed, items } = await read(
      'microblog.json',
      'application/feed+json',
      'https://lindqvist.micro.blog/feed.json',
    );
    expect(feed.format).toBe('json');
    expect(feed.warnings).toEqual(['Entry 2 could not be read: it is not an object.']);
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      titleDerived: true,
      imageUrl: 'https://lindqvist.micro.blog/uploads/2026/mural.jpg',
      imageAlt: 'A hallway mural of a colour wheel',
      categories: ['art', 'murals'],
    });
    expect(iso(items[0]!.publishedAt)).toBe('2026-11-20T18:10:00.000Z');
    expect(items[1]).toMatchObject({
      title: 'Clay day tomorrow.',
      titleDerived: true,
      dateEstimated: true,
      publishedAt: NOW,
    });
  });

  it('JSON Feed 1.1: authors lists, a numeric id, text-only content, an image attachment and its title', async () => {
    const { feed, items } = await read(
      'jsonfeed-1.1.json',
      'application/feed+json; charset=utf-8',
      'https://room12.lakeside.k12.example/feed.json',
    );
    expect(feed).toMatchObject({
      format: 'json',
      title: 'Room 12 Makers',
      siteUrl: 'https://room12.lakeside.k12.example/',
      warnings: [],
    });
    const [bridges, fair] = items;
    expect(bridges).toMatchObject({
      guid: 'https://room12.lakeside.k12.example/posts/bridges/',
      title: 'Spaghetti bridges',
      titleDerived: false,
      author: 'Ms. Brandt', // the post's own authors, not the feed's
      imageUrl: 'https://room12.lakeside.k12.example/images/bridges.jpg', // relative, resolved
      videoUrl: null, // the audio attachment is neither the image nor a video
      categories: ['STEM', 'engineering'],
      dateEstimated: false,
    });
    expect(iso(bridges!.publishedAt)).toBe('2026-11-20T19:05:00.000Z'); // published, not modified
    expect(bridges!.contentHtml).toBe(
      '<p>Teams built bridges from spaghetti and tape.</p><p>The winning bridge held <strong>212 pennies</strong>.</p>',
    );
    expect(fair).toMatchObject({
      guid: '1042',
      url: 'https://science.lakeside.k12.example/fair/', // external_url when there is no url
      title: 'Science fair sign-ups close Friday.',
      titleDerived: true,
      author: 'Mr. Okafor, Ms. Brandt', // the feed's authors
      summary: 'Science fair sign-ups close Friday. Ask Mr. Okafor for a form.',
      contentHtml: '<p>Science fair sign-ups close Friday.</p><p>Ask Mr. Okafor for a form.</p>',
      imageUrl: 'https://room12.lakeside.k12.example/images/fair-poster.png',
      imageAlt: 'Science fair poster with the date, Friday 4 December',
      videoUrl: null,
    });
    expect(iso(fair!.publishedAt)).toBe('2026-11-20T09:00:00.000Z'); // date_modified when that is all
  });

  it('RSS 1.0 (RDF): rdf:about as id, dc:date, content:encoded', async () => {
    const { feed, items } = await read('rss1.xml');
    expect(feed).toMatchObject({
      format: 'rss1',
      title: 'Riverside Middle School News',
      siteUrl: 'https://riverside.example/news',
    });
    expect(items[0]).toMatchObject({
      guid: 'https://riverside.example/news/42',
      author: 'Principal Hayes',
      categories: ['Science'],
    });
    expect(iso(items[0]!.publishedAt)).toBe('2026-11-20T16:00:00.000Z');
    expect(items[0]!.contentHtml).toBe(
      '<p>Congratulations to <strong>all</strong> our science fair participants.</p>',
    );
  });

  it('Atom 0.3: issued dates and escaped-mode content', async () => {
    const { feed, items } = await read('atom03.xml');
    expect(feed.format).toBe('atom');
    expect(items[0]).toMatchObject({
      title: 'Bake sale on Friday',
      url: 'http://oldmill.example/pta/bake-sale',
    });
    expect(iso(items[0]!.publishedAt)).toBe('2026-11-20T18:00:00.000Z');
    expect(items[0]!.contentHtml).toBe('<p>Bring cookies &amp; smiles.</p>');
  });

  it('School CMS Atom: nested xml:base, xhtml content, future date clamped, broken date becomes first-seen', async () => {
    const { items } = await read('school-cms-atom.xml');
    const [pumpkins, future, broken] = items;
    expect(pumpkins).toMatchObject({
      url: 'https://www.lakeside.k12.example/schools/lincoln/classes/room-7/pumpkins.html',
      title: 'Room 7 pumpkin math',
      imageUrl: 'https://www.lakeside.k12.example/schools/lincoln/classes/room-7/img/pumpkins-large.jpg',
    });
    expect(pumpkins!.contentHtml).toContain(
      'href="https://www.lakeside.k12.example/schools/lincoln/classes/room-7/results.html"',
    );
    expect(pumpkins!.contentHtml).toContain('alt="Six pumpkins on a scale"');
    expect(future).toMatchObject({ publishedAt: NOW, dateEstimated: false });
    expect(broken).toMatchObject({ publishedAt: NOW, dateEstimated: true, summary: 'Still readable.' });
  });
});

describe('encodings', () => {
  it.each([
    ['windows-1252.xml', null, 'windows-1252', '“Smart” quotes – and €5 lunches'],
    ['iso-8859-1.xml', 'text/xml; charset=ISO-8859-1', 'iso-8859-1', 'Fête de la science'],
    ['utf-16le-bom.xml', 'application/rss+xml; charset=utf-8', 'utf-16le', 'Día de las matemáticas'],
    ['koi8-r.xml', 'application/xml', 'koi8-r', 'Привет, класс'],
    ['mislabeled-utf8.xml', 'text/xml; charset=utf-8', 'windows-1252', 'Crème brûlée day'],
    ['control-chars.xml', null, 'utf-8', 'Spelling bee results'],
  ])('%s (Content-Type %s) is read as %s', async (file, contentType, charset, title) => {
    const result = await read(file, contentType);
    expect(result.charset).toBe(charset);
    expect(result.items?.[0]?.title).toBe(title);
  });
});

describe('broken and hostile feeds', () => {
  it('tolerates unescaped ampersands and HTML entities', async () => {
    const { feed, items } = await read('unescaped-ampersand.xml');
    expect(feed.title).toBe('Fish & Chips Friday');
    expect(items[0]).toMatchObject({
      title: 'Fish & Chips & Peas',
      url: 'https://cafeteria.example/post?id=7&ref=rss',
    });
  });

  const ownEntities =
    'This feed defines its own abbreviations (XML entities), which Yesterday does not expand for safety; some words in its titles or text may be missing.';

  it('never expands entities a DTD declares (billion laughs), nor shows them as &name;', async () => {
    const { feed, items } = await read('billion-laughs.xml');
    expect(items[0]).toMatchObject({ title: 'Untitled post', titleDerived: true, summary: '' });
    expect(feed.warnings).toEqual([ownEntities]);
  });

  it('never reads files or URLs an external entity names', async () => {
    const { feed, items } = await read('external-entity.xml');
    expect(items[0]).toMatchObject({ title: 'Secret:', summary: '' });
    expect(feed.warnings).toEqual([ownEntities]);
  });

  it('recognises a login page served as 200 and says so', async () => {
    expect((await read('login-page.html')).error).toBe(
      'The address is a web page, not a feed (perhaps a login page or an error page). Look for a link labelled RSS or Feed on the site.',
    );
  });

  it('points to the feed a web page advertises', async () => {
    expect((await read('blog-home.html')).error).toBe(
      'The address is a web page, not a feed. The page links to 2 feeds, the first of them: https://mrsrivera.example.org/feed/',
    );
  });

  it('explains an empty response', async () => {
    expect((await read('empty.xml')).error).toBe('The address returned an empty response instead of a feed.');
  });

  it('reads an Atom feed that forgets its namespace', async () => {
    const { feed, items } = await read(
      'atom-without-namespace.xml',
      null,
      'https://mapleridge.k12.example/band/feed',
    );
    expect(feed).toMatchObject({ format: 'atom', title: 'Maple Ridge Middle School: Band' });
    expect(items[0]).toMatchObject({
      title: 'Winter concert seating chart',
      url: 'https://mapleridge.k12.example/band/news/winter-concert-seating',
      author: 'Mr. Okafor',
      contentHtml: '<p>The seating chart for the winter concert is up. Doors open at 6:30.</p>',
    });
    expect(iso(items[0]!.publishedAt)).toBe('2026-11-20T19:30:00.000Z');
  });

  it('reads RSS 2.0 that declares the specification’s old home as its namespace', async () => {
    const { feed, items } = await read('userland-rss2.xml');
    expect(feed).toMatchObject({ format: 'rss2', title: "Ms. Haddad's Reading Corner" });
    expect(items[0]).toMatchObject({
      title: 'Our book of the month',
      url: 'https://haddad-reads.example.net/2026/11/book-of-the-month',
    });
    expect(iso(items[0]!.publishedAt)).toBe('2026-11-20T16:10:00.000Z');
  });

  it.each([
    [
      '<?xml version="1.0"?>\n<!-- nothing here yet -->',
      'The address returned an XML document with no elements in it, not a feed.',
    ],
    [
      '<sitemap><url>https://school.example/</url></sitemap>',
      'The address returned an XML document of type <sitemap>, not a feed.',
    ],
    [
      '<x:rss xmlns:x="constructor"><x:channel/></x:rss>',
      'The address returned an XML document of type <rss> in a namespace Yesterday does not read, not a feed.',
    ],
    [
      '<x:feed xmlns:x="https://vendor.example/ns"><x:entry/></x:feed>',
      'The address returned an XML document of type <feed> in a namespace Yesterday does not read, not a feed.',
    ],
  ])('names what came instead of a feed: %s', async (text, message) => {
    expect(await parseFeed(text, 'https://feeds.example/x')).toEqual({ ok: false, message });
  });

  it('keeps the complete entries of a feed that was cut off', async () => {
    const { items } = await read('truncated.xml');
    expect(items.map((i) => i.title)).toEqual(['Complete post']);
  });
});

describe('a huge feed does not hold the event loop', () => {
  it('lets other work run between slices of decoding, parsing and sanitizing', async () => {
    const markup = '<p><b>hi</b> <a href="/x">y</a></p>'.repeat(200_000);
    const text = `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>t</title><item><title>a</title><link>https://c.example/1</link><content:encoded><![CDATA[${markup}]]></content:encoded></item></channel></rss>`;
    let ticks = 0;
    let running = true;
    const tick = () => {
      ticks++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const decoded = await decodeBodyInSlices(new TextEncoder().encode(text), null);
    if (!decoded.ok) throw new Error(decoded.message);
    const parsed = await parseFeed(decoded.text, 'https://c.example/feed');
    if (!parsed.ok) throw new Error(parsed.message);
    const normalized = await normalizeItem(parsed.feed.items[0]!, {
      feed: parsed.feed,
      feedUrl: 'https://c.example/feed',
      now: NOW,
    });
    running = false;
    expect(normalized.contentHtml.length).toBeGreaterThan(100_000);
    // Decoding (7 MiB) alone takes 7 slices; parsing ~115; sanitizing the first MiB ~128.
    expect(ticks).toBeGreaterThan(200);
  });
});
