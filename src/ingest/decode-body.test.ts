// Characters XML 1.0 does not allow are removed after decoding, and nothing else is.
import { describe, expect, it } from 'vitest';
import { removeInvalidXmlCharacters } from './decode-body';

describe('removeInvalidXmlCharacters', () => {
  it.each([
    ['control characters', 'Spelling\u0000 bee\u0008\u000B\u000C\u001F results', 'Spelling bee results'],
    ['U+FFFE and U+FFFF', 'a\uFFFEb\uFFFFc', 'abc'],
    ['a lone high surrogate', 'Field \uD83C trip', 'Field  trip'],
    ['a lone low surrogate', 'Field \uDF89 trip', 'Field  trip'],
    ['surrogates in the wrong order', 'Field \uDF89\uD83C trip', 'Field  trip'],
    ['a lone surrogate beside a pair', 'Party \uD83C\uD83C\uDF89 \uDF89!', 'Party \uD83C\uDF89 !'],
  ])('removes %s', (_, text, cleaned) => {
    expect(removeInvalidXmlCharacters(text)).toBe(cleaned);
  });

  it('keeps tab, line breaks, emoji and every other allowed character', () => {
    const text = 'Room 12\t🎉 kites!\r\nÉcole, 学校, \u00A0\uE000\uFFFD and 𝒳';
    expect(removeInvalidXmlCharacters(text)).toBe(text);
  });
});
