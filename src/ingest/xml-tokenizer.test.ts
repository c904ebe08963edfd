import { describe, expect, it } from 'vitest';
import { XmlTokenizer } from './xml-tokenizer';

/** The tokens of `xml` as short strings: <name a="v"/>, </name>, "text" (adjacent text joined). */
function tokens(xml: string, step = Infinity): string[] {
  const out: string[] = [];
  let text: string | undefined;
  const flush = () => {
    if (text !== undefined) out.push(JSON.stringify(text));
    text = undefined;
  };
  const tokenizer = new XmlTokenizer(xml, {
    openTag(name, attributes, selfClosing) {
      flush();
      const attrs = Object.entries(attributes)
        .map(([key, value]) => ` ${key}=${JSON.stringify(value)}`)
        .join('');
      out.push(`<${name}${attrs}${selfClosing ? '/' : ''}>`);
    },
    text: (data) => (text = (text ?? '') + data),
    closeTag(name) {
      flush();
      out.push(`</${name}>`);
    },
  });
  for (let until = step; !tokenizer.run(until); until += step);
  flush();
  return out;
}

describe('XmlTokenizer', () => {
  it.each([
    ['<rss version="2.0"><channel/></rss>', ['<rss version="2.0">', '<channel/>', '</rss>']],
    ['<Item><Title>t</Title></Item>', ['<Item>', '<Title>', '"t"', '</Title>', '</Item>']], // case kept
    [
      `<media:content url='a&amp;b' medium=image width = "1" checked/>`,
      ['<media:content url="a&b" medium="image" width="1" checked=""/>'],
    ],
    ['<link href="a" href="b"/>', ['<link href="a"/>']], // the first of two wins
    [
      '<t>Fish &amp; Chips &lt;3 &#38; &#x26; &quot;&apos;</t>',
      ['<t>', '"Fish & Chips <3 & & \\"\'"', '</t>'],
    ],
    // Only XML's five entities are named; an HTML one stays as written, as in strict XML readers.
    ['<t>a&nbsp;b &copy;</t>', ['<t>', '"a&nbsp;b &copy;"', '</t>']],
    [
      '<d><![CDATA[<p>Hi &amp; bye</p>]]></d>',
      ['<d>', '"<p>Hi &amp; bye</p>"', '</d>'], // CDATA as it is
    ],
    ['<d><![CDATA[never closed', ['<d>', '"never closed"']],
    ['<?xml version="1.0"?><!-- a <b> comment --><r>x</r>', ['<r>', '"x"', '</r>']],
    ['a < b > c', ['"a < b > c"']],
    ['<r>x</r', ['<r>', '"x"']], // an end tag cut off is dropped
    ['<r>x<item a="1', ['<r>', '"x"']], // so is a start tag
    ['<r></ ></r>', ['<r>', '</r>']],
  ])('%s', (xml, expected) => {
    expect(tokens(xml)).toEqual(expected);
  });

  it('skips a DOCTYPE with its internal subset, so its entities are never expanded', () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<rss><title>&lol2; &xxe;</title></rss>`;
    expect(tokens(laughs).filter((t) => !/^"(\\n)*"$/.test(t))).toEqual([
      '<rss>',
      '<title>',
      '"&lol2; &xxe;"',
      '</title>',
      '</rss>',
    ]);
    expect(tokens('<!DOCTYPE rss><rss/>')).toEqual(['<rss/>']);
  });

  it('gives the same tokens when run in small steps', () => {
    const xml = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="html">&lt;b&gt;Hi&lt;/b&gt;</title><content><![CDATA[<p>x</p>]]></content></entry><!-- c --></feed>`;
    const whole = tokens(xml);
    for (const step of [1, 2, 3, 7, 64]) expect(tokens(xml, step)).toEqual(whole);
  });

  it('keeps attribute names away from the prototype', () => {
    const seen: Record<string, string>[] = [];
    new XmlTokenizer('<a __proto__="x" constructor="y"/>', {
      openTag: (_, attributes) => seen.push(attributes),
      text: () => {},
      closeTag: () => {},
    }).run(Infinity);
    expect(Object.getPrototypeOf(seen[0])).toBe(Object.prototype);
    expect(seen[0]!.constructor).toBe('y');
  });

  it('reads pathological input in linear time', () => {
    for (const xml of [
      '<a'.repeat(200_000),
      '<a b="'.repeat(100_000),
      '<!--'.repeat(100_000),
      '<!DOCTYPE ['.repeat(100_000),
      '<![CDATA['.repeat(100_000),
      '<'.repeat(400_000),
      '</a'.repeat(200_000),
    ]) {
      const started = performance.now();
      tokens(xml);
      // Generous bound only to catch quadratic behaviour (which would take minutes), not a timing assertion.
      expect(performance.now() - started).toBeLessThan(10_000);
    }
  });
});
