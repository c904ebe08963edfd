// The language a page, feed or email is in, from the site it is made for: its words, and the prefix of its
// addresses (none for the district's own language, which lives at the site's root; /es for Spanish, …).
import { LANGUAGES, type Language } from './languages';
import { translator, type Translator } from './translate';

export interface LanguageOfSite {
  /** The languages the district offers, its own first. */
  languages?: Language[];
  /** The language this page, feed or email is in; the district's own when absent. */
  lang?: Language;
}

export function siteLanguage(site: LanguageOfSite): { text: Translator; prefix: string; own: Language } {
  const own = site.languages?.[0] ?? 'en';
  const text = translator(site.lang ?? own);
  return { text, prefix: text.lang === own ? '' : `/${text.lang}`, own };
}

/**
 * The words a sentence needs to name the digest: `digest` ("Lakeside’s daily digest", "el resumen diario de
 * Lakeside") and `district`, for languages whose grammar wants the name inside their own words ("al resumen
 * diario de Lakeside").
 */
export function digestWords(site: LanguageOfSite & { districtName: string }): {
  digest: string;
  district: string;
} {
  const { text } = siteLanguage(site);
  const district = site.districtName.trim();
  const digest =
    text.lang === 'en' ? `${possessive(district)} daily digest` : text.t('digestName', { district });
  return { digest, district };
}

/** The district's name as English writes an owner: "Lakeside’s", "Lakeside Schools’". */
export function possessive(name: string): string {
  const trimmed = name.trim();
  return `${trimmed}${/s$/i.test(trimmed) ? '’' : '’s'}`;
}

/**
 * The site as shown in `lang`: a district that kept the default title ("What happened yesterday", marked by
 * siteOf) has it in that language ("Lo que pasó ayer"); a title of the district's own stays as it wrote it.
 */
export function siteIn<T extends { siteTitle: string; defaultTitle?: boolean }>(
  site: T,
  lang: Language,
): T & { lang: Language } {
  const siteTitle = site.defaultTitle ? translator(lang).t('layout.defaultTitle') : site.siteTitle;
  return { ...site, lang, siteTitle };
}

/** The site in a reader's language (a subscriber's) while the district still offers it; else in its own. */
export function siteForReader<T extends LanguageOfSite & { siteTitle: string; defaultTitle?: boolean }>(
  site: T,
  language: string | undefined,
): T & { lang: Language } {
  const offered = site.languages ?? ['en'];
  return siteIn(site, offered.find((code) => code === language) ?? offered[0] ?? 'en');
}

/**
 * The default title ("What happened yesterday") for a digest that goes out on `on` (the district's date),
 * when it would be wrong: the email or post of a digest published late names its day instead, "What happened
 * on Friday" (or "on December 4" a week or more later), and `whole` with the whole date ("What happened on
 * Friday, December 4, 2026"); one published on its own day says "What happened today". Undefined when the
 * digest has a title of its own, the district chose its own site title, it goes out on the next day, or `on`
 * is not known.
 */
export function lateDefaultTitle(
  digest: { date: string; title: string },
  site: { defaultTitle?: boolean },
  lang: Language,
  on: string | undefined,
): { short: string; whole: string } | undefined {
  if (digest.title.trim() || !site.defaultTitle || on === undefined) return undefined;
  const { date } = digest;
  const daysLater = (Date.parse(`${on}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000;
  const text = translator(lang);
  if (daysLater === 0)
    return {
      short: text.t('layout.defaultTitleToday'),
      whole: text.t('layout.defaultTitleTodayOn', { day: text.longDate(date) }),
    };
  if (!(daysLater > 1)) return undefined;
  const day = new Intl.DateTimeFormat(
    LANGUAGES[lang].locale,
    daysLater < 7 ? { timeZone: 'UTC', weekday: 'long' } : { timeZone: 'UTC', month: 'long', day: 'numeric' },
  ).format(new Date(`${date}T00:00:00Z`));
  return {
    short: text.t('layout.defaultTitleOn', { day }),
    whole: text.t('layout.defaultTitleOn', { day: text.longDate(date) }),
  };
}

/**
 * `lang=xx&` for a link in an email written in a language other than the district's own, placed before the
 * token, so that the page a cut or stale link leads to speaks it too: a link cut short loses its end first (a
 * link that works follows its subscriber's language anyway).
 */
export function languageParameter(
  lang: Language | undefined,
  offered: readonly Language[] | undefined,
): string {
  return lang && offered?.[0] && lang !== offered[0] ? `lang=${lang}&` : '';
}
