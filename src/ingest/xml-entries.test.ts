// Reading a feed's XML into element trees: htmlparser2's XML mode with the tolerant layer on top (namespaces,
// entries cut off, limits, the prolog and its DTD, entities never expanded).
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, readXmlEntries, XmlReadError, type XmlFeedDocument } from './xml-entries';
import type { XNode } from './xml-nodes';

/** A node as a short string: <name a="v">children</name>, text as JSON. */
function show(node: XNode | string): string {
  if (typeof node === 'string') return JSON.stringify(node);
  const attrs = Object.entries(node.attrs)
    .map(([key, value]) => ` ${key}=${JSON.stringify(value)}`)
    .join('');
  return `<${node.name}${attrs}>${node.children.map(show).join('')}</${node.name}>`;
}

const read = (xml: string, chunkChars = DEFAULT_LIMITS.chunkChars) =>
  readXmlEntries(xml, 'https://school.example/feed', { ...DEFAULT_LIMITS, chunkChars });

/** The one RSS item whose inside is `inside`, as a short string (or '' when no entry was read). */
async function item(inside: string, prolog = ''): Promise<string> {
  const doc = await read(`${prolog}<rss version="2.0"><channel><item>${inside}</item></channel></rss>`);
  return doc.entries.map((entry) => entry.children.map(show).join('')).join('|');
}

const snapshot = (doc: XmlFeedDocument) =>
  JSON.stringify([show(doc.root), doc.channel.map(show), doc.entries.map(show), doc.declaresOwnEntities]);

describe('reading XML', () => {
  it.each([
    ['<Title>t</Title>', '<Title>"t"</Title>'], // names keep their case
    [
      `<media:content url='a&amp;b' medium=image width = "1" checked/>`,
      '<?:content url="a&b" medium="image" width="1" checked=""></?:content>',
    ],
    ['<link href="a" href="b"/>', '<link href="a"></link>'], // the first of two wins
    ['<t>Fish &amp; Chips &lt;3 &#38; &#x26; &quot;&apos;</t>', '<t>"Fish & Chips <3 & & \\"\'"</t>'],
    ['<t>Fish & Chips</t>', '<t>"Fish & Chips"</t>'], // an unescaped '&' is text
    // Only XML's five entities are named; an HTML one stays as written, for the HTML reading later.
    ['<t>a&nbsp;b &copy;</t>', '<t>"a&nbsp;b &copy;"</t>'],
    ['<d><![CDATA[<p>Hi &amp; bye</p>]]></d>', '<d>"<p>Hi &amp; bye</p>"</d>'], // CDATA as it is
    ['<d>a <![CDATA[b]]> &amp; c</d>', '<d>"a b & c"</d>'],
    ['<t>a<!-- a <b> comment -->b<?pi x?>c</t>', '<t>"abc"</t>'],
    ['<t>a < b > c</t>', '<t>"a < b > c"</t>'], // a '<' that starts no markup is text
    ['<t>x</t><u>y</u></x>', '<t>"x"</t><u>"y"</u>'], // an end tag that matches nothing is ignored
    ['<b><b>x</b>y</b>', '<b><b>"x"</b>"y"</b>'], // an end tag closes the innermost of its name
    ['<a><b>x</a>y', '<a><b>"x"</b></a>"y"'], // and those open inside it
    ['<t>a&am</zz>p;b</t>', '<t>"a&b"</t>'], // one that matches nothing is not there, even for the text
  ])('%s', async (inside, expected) => {
    expect(await item(inside)).toBe(expected);
  });

  it('drops an entry the document did not close, and a tag cut off by the end of the input', async () => {
    const cut = '<rss><channel><title>Room 9</title><item><title>Whole</title></item><item><title>Half';
    const doc = await read(cut);
    expect(doc.entries.map(show)).toEqual(['<item><title>"Whole"</title></item>']);
    for (const tail of ['</', '<', '<?', '<!', '</titl', '<link href="x']) {
      const title = await read(`<rss><channel><title>Room 9${tail}`);
      expect(title.channel.map(show)).toEqual(['<title>"Room 9"</title>']);
    }
    // An entry written empty has nothing to read.
    expect(
      (await read('<rss><channel><item/><item><title>a</title></item></channel></rss>')).entries.map(show),
    ).toEqual(['<item><title>"a"</title></item>']);
    // An entry whose parent's end tag comes first was cut off in transit too.
    expect((await read('<rss><channel><item><title>a</title></channel></rss>')).entries).toEqual([]);
  });

  it('keeps a CDATA section the input ends in, as text', async () => {
    const doc = await read('<rss><channel><title><![CDATA[Room 9 and more');
    expect(doc.channel.map(show)).toEqual(['<title>"Room 9 and more"</title>']);
  });

  it('resolves namespace prefixes to canonical names and xml:base down the tree', async () => {
    const doc = await read(`<feed xmlns="http://www.w3.org/2005/Atom" xmlns:m="http://search.yahoo.com/mrss/"
      xml:base="https://school.example/blog/"><entry xml:base="posts/"><content xml:base="img/">x</content>
      <m:thumbnail url="t.jpg"/><v:x xmlns:v="https://vendor.example/"/></entry></feed>`);
    const entry = doc.entries[0]!;
    expect(entry.children.filter((c) => typeof c !== 'string').map((c) => (c as XNode).name)).toEqual([
      'atom:content',
      'media:thumbnail',
      '?:x',
    ]);
    expect(entry.base).toBe('https://school.example/blog/posts/');
    expect((entry.children.find((c) => typeof c !== 'string') as XNode).base).toBe(
      'https://school.example/blog/posts/img/',
    );
  });

  it('gives the same trees when the text is handed over in small steps', async () => {
    const xml = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="html">&lt;b&gt;Hi&lt;/b&gt; &amp;amp; &#x2014;</title><content><![CDATA[<p>x</p>]]></content><link href="a&amp;b"/></entry><!-- c --></feed>`;
    const whole = snapshot(await read(xml));
    for (const step of [1, 2, 3, 7, 64]) expect(snapshot(await read(xml, step))).toBe(whole);
  });

  it('keeps attribute and element names away from the prototype', async () => {
    const doc = await read(
      '<rss xmlns:__proto__="x"><channel><item><a __proto__="x" constructor="y"/><__proto__>z</__proto__><constructor/></item></channel></rss>',
    );
    const a = doc.entries[0]!.children[0] as XNode;
    expect(Object.getPrototypeOf(a.attrs)).toBe(Object.prototype);
    expect(Object.hasOwn(a.attrs, '__proto__')).toBe(false);
    expect(a.attrs.constructor).toBe('y');
    expect(doc.entries.map(show)).toEqual([
      '<item><a constructor="y"></a><__proto__>"z"</__proto__><constructor></constructor></item>',
    ]);
  });

  it('stops a document nested too deeply to be a feed', async () => {
    await expect(read(`<rss><channel><item>${'<div>'.repeat(300)}</item></channel></rss>`)).rejects.toThrow(
      XmlReadError,
    );
  });
});

describe('the prolog and its DTD', () => {
  it('passes over a broken XML declaration, comments and instructions before the root', async () => {
    for (const prolog of [
      '<?xml version="1.0">', // no '?' before its '>'
      '\uFEFF<!-- generator="WordPress/6.7" -->\n',
      '<?xml version="1.0"?><?xml-stylesheet href="/feed.xsl" type="text/xsl"?><!-- a --><!-- b -->',
      '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">',
    ])
      expect(await item('<title>t</title>', prolog)).toBe('<title>"t"</title>');
  });

  it('never expands an entity the feed declares, and drops references to it', async () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
  <!ENTITY tag "<item><title>injected</title></item>">
]>`;
    const doc = await read(
      `${laughs}<rss><channel><item><title>A &lol2; B &xxe;&amp;lol; &#233; &nbsp;</title><link href="&xxe;x"/></item></channel></rss>`,
    );
    expect(doc.declaresOwnEntities).toBe(true);
    // &amp;lol; is text the feed escaped (the words "&lol;"), not a reference; &nbsp; is HTML's, left as written.
    expect(doc.entries.map(show)).toEqual([
      '<item><title>"A  B &lol; é &nbsp;"</title><link href="x"></link></item>',
    ]);
  });

  it('does not count HTML’s own names, declared for an old reader, as the feed’s own', async () => {
    const doc = await read(
      '<!DOCTYPE rss [<!ENTITY nbsp "&#160;"><!ENTITY eacute "&#233;">]><rss><channel><item><title>Caf&eacute;&nbsp;&x;</title></item></channel></rss>',
    );
    expect(doc.declaresOwnEntities).toBe(false);
    expect(doc.entries.map(show)).toEqual(['<item><title>"Caf&eacute;&nbsp;&x;"</title></item>']);
  });

  it('reads a parameter entity as the feed’s own: it may declare any others, from anywhere', async () => {
    const doc = await read(
      '<!DOCTYPE rss [<!ENTITY % dtd SYSTEM "http://127.0.0.1:1/evil.dtd"> %dtd;]><rss><channel><item><title>a &fromThere; b</title></item></channel></rss>',
    );
    expect(doc.declaresOwnEntities).toBe(true);
    expect(doc.entries.map(show)).toEqual(['<item><title>"a  b"</title></item>']);
  });

  it('notices an entity declared where no DTD belongs, after the root', async () => {
    const doc = await read(
      '<rss><channel><!DOCTYPE x [<!ENTITY a "b">]><item><title>x &a; y</title></item></channel></rss>',
    );
    expect(doc.declaresOwnEntities).toBe(true);
    expect(doc.entries.map(show)).toEqual(['<item><title>"x  y"</title></item>']);
    // Or inside a processing instruction, where none belongs either.
    const inside = await read(
      '<rss><channel><?x <!ENTITY a "b">?><item><title>x &a; y</title></item></channel></rss>',
    );
    expect(inside.declaresOwnEntities).toBe(true);
    expect(inside.entries.map(show)).toEqual(['<item><title>"x  y"</title></item>']);
  });

  it('leaves references alone in a feed with no DTD of its own', async () => {
    expect(await item('<title>AT&T; &x; &#x26;</title>')).toBe('<title>"AT&T; &x; &"</title>');
  });
});
