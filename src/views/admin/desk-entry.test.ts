import { describe, expect, it } from 'vitest';
import { withoutOwnQuotes } from './desk-entry';

describe('withoutOwnQuotes', () => {
  it('takes off one pair of quote marks around the whole reason', () => {
    expect(withoutOwnQuotes('"Leo is the visiting author."')).toBe('Leo is the visiting author.');
    expect(withoutOwnQuotes('“Leo is an adult.”')).toBe('Leo is an adult.');
    expect(withoutOwnQuotes(" 'An adult' ")).toBe('An adult');
    expect(withoutOwnQuotes('«Un adulte»')).toBe('Un adulte');
    // An apostrophe inside a word is no quote mark.
    expect(withoutOwnQuotes("'It's fine: Leo's an adult'")).toBe("It's fine: Leo's an adult");
    expect(withoutOwnQuotes('‘Maya’s teacher wrote it’')).toBe('Maya’s teacher wrote it');
  });

  it('leaves a reason that only starts or ends with a quotation, or holds two', () => {
    for (const text of [
      '"Maya" is a first name only.',
      'The author said "thank you"',
      '"Maya" and "Leo" are first names.',
      "'Maya' and 'Leo' are first names.",
      "'Maya' isn't a surname'",
      '"',
      '“Open',
    ])
      expect(withoutOwnQuotes(text)).toBe(text);
  });
});
