// The text sanitizer removes what XML forbids, the non-characters and the bidi controls, and nothing else;
// escapeXml's output is always well-formed character data, whatever the text.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/fixtures';
import { strictXmlErrors } from '../../test/strict-xml';
import { cleanJson, cleanText, escapeXml } from './clean-text';

describe('cleanText', () => {
  it.each([
    [
      'control characters',
      'Spelling\u0000 bee\u0008\u000B\u000C\u001B\u001F results',
      'Spelling bee results',
    ],
    ['U+FFFE and U+FFFF', 'a\uFFFEb\uFFFFc', 'abc'],
    ['the non-characters U+FDD0–U+FDEF', 'a\uFDD0b\uFDEFc', 'abc'],
    ['a non-character beyond the first plane', 'a\u{1FFFE}b\u{10FFFF}c', 'abc'],
    ['a lone high surrogate', 'Field \uD83C trip', 'Field  trip'],
    ['a lone low surrogate', 'Field \uDF89 trip', 'Field  trip'],
    ['surrogates in the wrong order', 'Field \uDF89\uD83C trip', 'Field  trip'],
    ['a lone surrogate beside a pair', 'Party \uD83C\uD83C\uDF89 \uDF89!', 'Party \uD83C\uDF89 !'],
    ['a right-to-left override', 'Invoice \u202Egpj.exe', 'Invoice gpj.exe'],
    [
      'bidi embeddings, overrides and isolates',
      '\u202Aa\u202Bb\u202Cc\u202Dd\u2066e\u2067f\u2068g\u2069',
      'abcdefg',
    ],
  ])('removes %s', (_, text, cleaned) => {
    expect(cleanText(text)).toBe(cleaned);
  });

  it('keeps tab, line breaks, emoji, bidi marks and every other allowed character', () => {
    const text =
      'Room 12\t🎉 kites!\r\nÉcole, 学校, \u00A0\uE000\uFFFD and 𝒳 \u200Fمدرسة\u200E \u061C\u{1FFFD}';
    expect(cleanText(text)).toBe(text);
  });

  it('cleans every string of parsed JSON, keys included, and keeps "__proto__" as data', () => {
    const parsed = JSON.parse(
      '{"title":"A\\u001b","entries":[{"headline":"\\u202eB","n":3,"ok":true,"x":null}],"__proto__":{"y":"\\uffff"}}',
    ) as unknown;
    const cleaned = cleanJson(parsed) as Record<string, unknown>;
    expect(cleaned).toEqual(
      JSON.parse('{"title":"A","entries":[{"headline":"B","n":3,"ok":true,"x":null}],"__proto__":{"y":""}}'),
    );
    expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype);
  });
});

describe('escapeXml', () => {
  it('escapes markup and drops what XML cannot carry', () => {
    expect(escapeXml(`<b a="1">Tom & Jerry's\u001B\uFFFE\u202E</b>`)).toBe(
      '&lt;b a=&quot;1&quot;&gt;Tom &amp; Jerry&apos;s&lt;/b&gt;',
    );
  });

  it('yields well-formed XML for any string (2,000 random strings over the whole of UTF-16)', () => {
    const random = seededRandom(19);
    const texts: string[] = [];
    for (let n = 0; n < 2000; n++) {
      let text = '';
      for (let i = 0; i < 40; i++) {
        const pick = random();
        // Mostly the troublesome ranges, some ordinary text between them.
        const code =
          pick < 0.3
            ? Math.floor(random() * 0x20)
            : pick < 0.5
              ? 0xd800 + Math.floor(random() * 0x800)
              : pick < 0.6
                ? 0xfff0 + Math.floor(random() * 0x10)
                : Math.floor(random() * 0x10000);
        text += String.fromCharCode(code);
      }
      texts.push(text);
    }
    const documents = texts.map((text) => {
      const escaped = escapeXml(text);
      expect(escaped.isWellFormed()).toBe(true);
      return `<?xml version="1.0"?><r a="${escaped}">${escaped}</r>`;
    });
    expect(strictXmlErrors(documents).filter(Boolean)).toEqual([]);
    // The same texts escaped but not cleaned are refused: the check can see what cleaning prevents.
    const unclean = texts.map((text) => `<r>${text.replace(/[&<>]/g, '')}</r>`);
    expect(strictXmlErrors(unclean).filter(Boolean).length).toBeGreaterThan(1900);
  });
});
