// Every catalog has every key English has for parents, each plural in every form the language's plural rules
// use, and nothing English no longer has. Adding a language is adding a catalog: this test tells what it lacks.
// The desk's words (`desk.*`) are English-only: another catalog need not have them, and may add them later.
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from './languages';
import { CATALOGS, translator } from './translate';

const PLURAL = /_(zero|one|two|few|many|other)$/;
const DESK = /^desk\./;

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
    if (DESK.test(key)) continue;
    if (PLURAL.test(key)) for (const form of forms) keys.add(key.replace(PLURAL, `_${form}`));
    else keys.add(key);
  }
  return keys;
}

/** The desk keys a language may translate: English's, in that language's plural forms. */
function expectedDeskKeys(lang: Language): Set<string> {
  const forms = new Intl.PluralRules(LANGUAGES[lang].locale).resolvedOptions().pluralCategories;
  return new Set(
    keysOf(CATALOGS.en)
      .filter((key) => DESK.test(key))
      .flatMap((key) => (PLURAL.test(key) ? forms.map((form) => key.replace(PLURAL, `_${form}`)) : [key])),
  );
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
      const desk = expectedDeskKeys(lang);
      const extra = [...have].filter(
        (key) =>
          !want.has(key) && !desk.has(key) && !(PLURAL.test(key) && want.has(key.replace(PLURAL, '_other'))),
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
    // Standing alone, as a heading or a title, it begins with a capital; English and Arabic are as they are.
    expect(translator('es').dayTitle('2026-11-20')).toBe('Viernes, 20 de noviembre de 2026');
    expect(translator('es').monthName('2026-11')).toBe('Noviembre de 2026');
    expect(translator('en').dayTitle('2026-11-20')).toBe('Friday, November 20, 2026');
    expect(translator('ar').dayTitle('2026-11-20')).toBe(translator('ar').longDate('2026-11-20'));
    expect(translator('ar').dir).toBe('rtl');
    expect(translator('es').t('signup.text', { district: 'Lakeside' })).toContain('las aulas de Lakeside');
  });

  it('keeps the desk in English whatever the language asked for', () => {
    expect(Object.keys(CATALOGS.en)).toContain('desk');
    expect(Object.keys(CATALOGS.es)).not.toContain('desk');
    expect(translator('es').t('desk.layout.signOut')).toBe('Sign out');
  });
});
