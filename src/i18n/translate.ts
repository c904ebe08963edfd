// Fixed text parents and the desk read, from the message catalogs through i18next: one instance with every
// catalog bundled (Workers read no files), plurals by Intl.PluralRules, dates by Intl in the reader's language.
import i18next, { type TOptions } from 'i18next';
import { ar } from './catalogs/ar';
import { en } from './catalogs/en';
import { desk } from './catalogs/en-desk';
import { es } from './catalogs/es';
import { isolateLeftToRight } from '../text/bidi';
import { LANGUAGES, type Language } from './languages';

/** Every language's catalog; English's alone carries the desk's words (`desk`), which stay in English. */
export const CATALOGS: Record<Language, object> = { en: { ...en, desk }, es, ar };

const i18n = i18next.createInstance();
void i18n.init({
  initAsync: false,
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: Object.keys(LANGUAGES),
  resources: Object.fromEntries(
    Object.entries(CATALOGS).map(([lang, catalog]) => [lang, { translation: catalog }]),
  ),
  // Everything is escaped where it is rendered (JSX, Mustache, XML); i18next must not escape it twice.
  interpolation: { escapeValue: false },
  returnNull: false,
});

export interface Translator {
  lang: Language;
  dir: 'ltr' | 'rtl';
  /** The text at `key` (dots for nesting) with its {{placeholders}} filled; `count` chooses the plural. */
  t(key: string, values?: Record<string, string | number>): string;
  /** 'Friday, November 20, 2026' for '2026-11-20', in this language. */
  longDate(date: string): string;
  /**
   * The long date standing alone, as a heading, a title or a page's kicker: its first letter a capital where the
   * language writes the day in lower case inside a sentence ('Viernes, 20 de noviembre de 2026').
   */
  dayTitle(date: string): string;
  /** 'November 2026' for '2026-11', as a heading ('Noviembre de 2026'). */
  monthName(month: string): string;
}

const translators = new Map<Language, Translator>();

/**
 * In a right-to-left language each text put into a sentence that is written left to right (a school's English
 * name, a class, an email address) is isolated (text/bidi.ts), in pages, emails and JSON Feed; XML feeds drop
 * such format characters with the others (text/clean-text.ts). Arabic values and numbers are left as they are.
 */
function isolated(values: Record<string, string | number> | undefined) {
  if (!values) return values;
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      typeof value === 'string' ? isolateLeftToRight(value) : value,
    ]),
  );
}

/** The text with its first letter a capital, if it is a lower-case letter, as `locale` writes capitals. */
function capitalized(text: string, locale: string): string {
  return text.replace(/^\p{Ll}/u, (letter) => letter.toLocaleUpperCase(locale));
}

export function translator(lang: Language): Translator {
  let found = translators.get(lang);
  if (!found) {
    const fixed = i18n.getFixedT(lang);
    const { locale, dir } = LANGUAGES[lang];
    const long = new Intl.DateTimeFormat(locale, {
      timeZone: 'UTC',
      weekday: 'long',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
    });
    const month = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'long', year: 'numeric' });
    found = {
      lang,
      dir,
      t: (key, values) => fixed(key, (dir === 'rtl' ? isolated(values) : values) as TOptions) as string,
      longDate: (date) => long.format(new Date(`${date}T00:00:00Z`)),
      dayTitle: (date) => capitalized(long.format(new Date(`${date}T00:00:00Z`)), locale),
      monthName: (m) => capitalized(month.format(new Date(`${m}-01T00:00:00Z`)), locale),
    };
    translators.set(lang, found);
  }
  return found;
}
