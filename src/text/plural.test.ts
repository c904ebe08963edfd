import { describe, expect, it } from 'vitest';
import { listInLanguage, listInWords, plural, pluralWord } from './plural';

describe('plural', () => {
  it('says one thing in the singular and every other count in the plural, with thousands separated', () => {
    expect(plural(1, 'open finding')).toBe('1 open finding');
    expect(plural(0, 'open finding')).toBe('0 open findings');
    expect(plural(1204, 'family', 'families')).toBe('1,204 families');
    expect(pluralWord(2, 'post')).toBe('posts');
  });

  it('lists in words', () => {
    expect(listInWords([])).toBe('');
    expect(listInWords(['Oak Hill'])).toBe('Oak Hill');
    expect(listInWords(['Oak Hill', 'Lakeside'])).toBe('Oak Hill and Lakeside');
    expect(listInWords(['a', 'b', 'c'])).toBe('a, b and c');
  });

  it('lists in the reader’s language, with its own commas and “and”', () => {
    const schools = ['Lincoln Elementary', 'Riverside Middle'];
    expect(listInLanguage(schools, 'en')).toBe('Lincoln Elementary and Riverside Middle');
    expect(listInLanguage(schools, 'es')).toBe('Lincoln Elementary y Riverside Middle');
    expect(listInLanguage(['أ', 'ب', 'ج'], 'ar')).toBe('أ وب وج');
    // In Arabic a name written left to right is isolated (U+2068 … U+2069), so the list keeps its order.
    expect(listInLanguage(['Lincoln', 'Riverside', 'مدرسة النور'], 'ar')).toBe(
      '\u2068Lincoln\u2069 و \u2068Riverside\u2069 ومدرسة النور',
    );
    expect(listInLanguage(['Oak Hill'], 'ar')).toBe('\u2068Oak Hill\u2069');
  });
});
