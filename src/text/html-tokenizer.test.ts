import { describe, expect, it } from 'vitest';
import { createHtmlTokenizer } from './html-tokenizer';

/** The tokens of `html` as short strings: <name a="v"/>, </name>, "text". */
function tokens(html: string, step = Infinity): string[] {
  const out: string[] = [];
  const tokenizer = createHtmlTokenizer(html, {
    openTag(name, attributes, selfClosing) {
      const attrs = Object.entries(attributes)
        .map(([key, value]) => ` ${key}=${JSON.stringify(value)}`)
        .join('');
      out.push(`<${name}${attrs}${selfClosing ? '/' : ''}>`);
    },
    text: (text) => out.push(JSON.stringify(text)),
    closeTag: (name) => out.push(`</${name}>`),
  });
  for (let until = step; !tokenizer.run(until); until += step);
  return out;
}

describe('createHtmlTokenizer', () => {
  it.each([
    ['<p>Hi &amp; bye</p>', ['<p>', '"Hi & bye"', '</p>']],
    ['<P CLASS=x>t</P>', ['<p class="x">', '"t"', '</p>']],
    [
      `<a href="a&amp;b" title='it"s' data=x/y checked>`,
      ['<a href="a&b" title="it\\"s" data="x/y" checked="">'],
    ],
    ['<img src=a src=b>', ['<img src="a">']], // the first of two wins, as in browsers
    ['<br/><div / >', ['<br/>', '<div>']],
    ['<img alt="a>b">', ['<img alt="a>b">']],
    ['a < b > c', ['"a < b > c"']],
    ['5<6 and <3', ['"5<6 and <3"']],
    ['<!-- <p>x</p> -->y<!-->z<!--->w', ['"y"', '"z"', '"w"']],
    ['a<!doctype html>b<?xml x?>c<![CDATA[d]]>e', ['"a"', '"b"', '"c"', '"e"']],
    ['a</>b</ x>c', ['"a"', '"b"', '"c"']],
    [
      '<script>if (a<b && "</p>") x()</script>after',
      ['<script>', '"if (a<b && \\"</p>\\") x()"', '</script>', '"after"'],
    ],
    ['<style>p{}</STYLE >x', ['<style>', '"p{}"', '</style>', '"x"']],
    ['<title>A &amp; B</title>', ['<title>', '"A & B"', '</title>']],
    ['<textarea><b>x</b></textarea>', ['<textarea>', '"<b>x</b>"', '</textarea>']],
    ['<iframe src=v>fallback <b>x</b></iframe>', ['<iframe src="v">', '"fallback <b>x</b>"', '</iframe>']],
    ['<script>never closed <p>', ['<script>', '"never closed <p>"']],
    ['<plaintext><b>all</b> text', ['<plaintext>', '"<b>all</b> text"']],
    ['<script/>x', ['<script/>', '"x"']],
    ['ok <a href="never closed', ['"ok "']], // a tag cut off by the end of input is dropped
    ['ok <p', ['"ok "']],
    ['ok </p', ['"ok "']],
    ['ok </', ['"ok </"']],
    ['&copy 2026 &#169; &#x3C;', ['"© 2026 © <"']],
    ['<a title="&copy=1&amp;x">', ['<a title="&copy=1&x">']], // attribute rules for legacy entities
    ['<a =x b>', ['<a =x="" b="">']],
    ['<a __proto__=x constructor=y>', ['<a constructor="y">']], // no prototype games with attribute names
  ])('%s', (html, expected) => {
    expect(tokens(html)).toEqual(expected);
  });

  it('gives the same tokens when run in small steps', () => {
    const html =
      '<p class="a">One &amp; two</p><!-- c --><script>x<y</script><img src=x alt="a b">tail < text';
    for (const step of [1, 3, 7, 16]) expect(tokens(html, step)).toEqual(tokens(html));
  });

  it('reads pathological input in linear time', () => {
    for (const html of [
      '<a'.repeat(200_000),
      '<a b="'.repeat(100_000),
      '<!--'.repeat(100_000),
      '<'.repeat(400_000),
    ]) {
      const started = performance.now();
      tokens(html);
      // Generous bound only to catch quadratic behaviour (which would take minutes), not a timing assertion.
      expect(performance.now() - started).toBeLessThan(10_000);
    }
  });
});
