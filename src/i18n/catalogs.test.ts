// Every catalog has every key English has, each plural in every form the language's plural rules use, and
// nothing English no longer has. Adding a language is adding a catalog: this test tells what it lacks.
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from './languages';
import { CATALOGS, translator } from './translate';

const PLURAL = /_(zero|one|two|few|many|other)$/;

function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? keysOf(value as object, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

function expectedKeys(lang: Language): Set<string> {
  const forms = new Intl.PluralRules(LANGUAGES[lang].locale).resolvedOptions().pluralCategories;
  const keys = new Set<string>();
  for (const key of keysOf(CATALOGS.en)) {
    if (PLURAL.test(key)) for (const form of forms) keys.add(key.replace(PLURAL, `_${form}`));
    else keys.add(key);
  }
  return keys;
}

describe('message catalogs', () => {
  for (const lang of Object.keys(LANGUAGES) as Language[]) {
    it(`${lang} has every key English has, in every plural form, and no other`, () => {
      const have = new Set(keysOf(CATALOGS[lang]));
      const want = expectedKeys(lang);
      expect(
        [...want].filter((key) => !have.has(key)),
        'missing',
      ).toEqual([]);
      // A language may spell out a form English leaves to the number (Arabic's _zero), never a stale key.
      const extra = [...have].filter(
        (key) => !want.has(key) && !(PLURAL.test(key) && want.has(key.replace(PLURAL, '_other'))),
      );
      expect(extra, 'not in English').toEqual([]);
    });
  }

  it('translates with plurals and dates in the reader’s language', () => {
    expect(translator('en').t('digest.posts', { count: 1 })).toBe('1 post');
    expect(translator('es').t('digest.posts', { count: 3 })).toBe('3 publicaciones');
    expect(translator('ar').t('digest.posts', { count: 2 })).toBe('منشوران');
    expect(translator('ar').t('digest.posts', { count: 5 })).toBe('5 منشورات');
    expect(translator('es').longDate('2026-11-20')).toBe('viernes, 20 de noviembre de 2026');
    expect(translator('ar').dir).toBe('rtl');
    expect(translator('es').t('signup.text', { district: 'Lakeside' })).toContain('las aulas de Lakeside');
  });
});
