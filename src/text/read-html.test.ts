// What the HTML reader hands over: tags with their attributes as a browser reads them, decoded text, raw text
// kept inside its element whatever its start tag looks like, and the same whether read at once or in slices.
import { describe, expect, it } from 'vitest';
import { createHtmlReader } from './read-html';

/** What the reader hands over for `html`, as short strings: <name a="v"/>, </name>, "text". */
function tokens(html: string, step = Infinity): string[] {
  const out: string[] = [];
  const reader = createHtmlReader(html, {
    openTag(name, attributes, selfClosing) {
      const attrs = Object.entries(attributes)
        .map(([key, value]) => ` ${key}=${JSON.stringify(value)}`)
        .join('');
      out.push(`<${name}${attrs}${selfClosing ? '/' : ''}>`);
    },
    text: (text) => out.push(JSON.stringify(text)),
    closeTag: (name) => out.push(`</${name}>`),
  });
  for (let until = step; !reader.read(until); until += step);
  return out;
}

describe('createHtmlReader', () => {
  it.each([
    ['<p>Hi &amp; bye</p>', ['<p>', '"Hi & bye"', '</p>']],
    ['<P CLASS=x>t</P>', ['<p class="x">', '"t"', '</p>']],
    [
      `<a href="a&amp;b" title='it"s' data=x/y checked>`,
      ['<a href="a&b" title="it\\"s" data="x/y" checked="">'],
    ],
    ['<img src=a src=b>', ['<img src="a">']], // the first of two wins, as in browsers
    ['<br/><div / >', ['<br/>', '<div/>']],
    ['<img alt="a>b">', ['<img alt="a>b">']],
    ['a < b > c', ['"a < b > c"']],
    ['5<6 and <3', ['"5<6 and <3"']],
    ['<!-- <p>x</p> -->y<!-->z<!--->w', ['"yzw"']],
    ['a<!doctype html>b<?xml x?>c<!x>d', ['"abcd"']],
    ['a</>b</ x>c', ['"abc"']],
    // HTML wrapped in CDATA once more than it should be is read as HTML; an unclosed section hides the rest.
    ['a<![CDATA[<p>b &amp; c</p>]]>d', ['"a"', '<p>', '"b & c"', '</p>', '"d"']],
    ['a<![CDATA[b]]>c<![CDATA[<p>d', ['"a"', '"b"', '"c"']],
    [
      '<script>if (a<b && "</p>") x()</script>after',
      ['<script>', '"if (a<b && \\"</p>\\") x()"', '</script>', '"after"'],
    ],
    ['<style>p{}</STYLE >x', ['<style>', '"p{}"', '</style>', '"x"']],
    ['<script>a &amp;&lt; b</script>&amp;', ['<script>', '"a &amp;&lt; b"', '</script>', '"&"']], // raw: never decoded
    ['<style>i::after{content:"&amp;"}</style>', ['<style>', '"i::after{content:\\"&amp;\\"}"', '</style>']],
    ['<title>A &amp; B</title>', ['<title>', '"A & B"', '</title>']],
    ['<textarea><b>x</b></textarea>', ['<textarea>', '"<b>x</b>"', '</textarea>']],
    ['<iframe src=v>fallback <b>x</b></iframe>', ['<iframe src="v">', '"fallback <b>x</b>"', '</iframe>']],
    ['<script>never closed <p>', ['<script>', '"never closed <p>"']],
    ['<plaintext><b>all</b> text', ['<plaintext>', '"<b>all</b> text"']],
    // A slash at the end of a raw-text element's start tag changes nothing: what follows is its content.
    ['<script/>x()</script>y', ['<script>', '"x()"', '</script>', '"y"']],
    ['<SCRIPT\nsrc=a />x()</SCRIPT\n>y', ['<script src="a">', '"x()"', '</script>', '"y"']],
    ['<style/>x</style>y', ['<style>', '"x"', '</style>', '"y"']],
    // After <!--, a <script makes the next </script> part of the script's text, as in browsers.
    [
      '<script><!--<script></script>x()</script>y',
      ['<script>', '"<!--<script></script>x()"', '</script>', '"y"'],
    ],
    ['<script><!--<script>--></script>y', ['<script>', '"<!--<script>-->"', '</script>', '"y"']],
    ['<script><!--<scriptx></script>y', ['<script>', '"<!--<scriptx>"', '</script>', '"y"']],
    ['<script><!--></script>y', ['<script>', '"<!-->"', '</script>', '"y"']],
    ['<script><!--<script></script>x()', ['<script>', '"<!--<script></script>x()"']],
    ['<svg/>y', ['<svg/>', '"y"']],
    ['ok <a href="never closed', ['"ok "']], // a tag cut off by the end of input is dropped
    ['&copy 2026 &#169; &#x3C;', ['"© 2026 © <"']],
    ['<a title="&copy=1&amp;x">', ['<a title="&copy=1&x">']], // attribute rules for legacy entities
    ['<a __proto__=x constructor=y>', ['<a constructor="y">']], // no prototype games with attribute names
  ])('%j', (html, expected) => {
    expect(tokens(html)).toEqual(expected);
  });

  it('hands over the same whether the input is read at once or in slices of any size', () => {
    const html =
      '<p class="a">One &amp; two&#x21;</p><!-- c --><script>x<y</script ><img src=x alt="a &quot;b&quot;">' +
      '<title>A &amp; B</title>&copy 2026 <script><!--<SCRIPT ></script>x()</script\n><b>tail</b> < text';
    const whole = tokens(html);
    for (const step of [1, 2, 3, 5, 7, 16]) expect(tokens(html, step)).toEqual(whole);
  });
});
