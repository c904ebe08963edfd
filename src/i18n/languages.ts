// The languages Yesterday ships catalogs for, and how a request's language is chosen among those a district
// offers (the `languages` setting; its first is the district's own and lives at the site's root).

// `openGraph` is the locale a link preview is told (og:locale), as Facebook's list names them: it has no Spanish
// or Arabic of the United States, so the Spanish of Latin America and Arabic without a country.
export const LANGUAGES = {
  en: { name: 'English', dir: 'ltr', locale: 'en-US', openGraph: 'en_US' },
  es: { name: 'Español', dir: 'ltr', locale: 'es', openGraph: 'es_LA' },
  ar: { name: 'العربية', dir: 'rtl', locale: 'ar', openGraph: 'ar_AR' },
} as const;

export type Language = keyof typeof LANGUAGES;

export function isLanguage(value: string): value is Language {
  return Object.hasOwn(LANGUAGES, value);
}

/** `en,es,ar` → ['en', 'es', 'ar']; unknown codes are dropped, English when nothing is left. */
export function parseLanguages(value: string): Language[] {
  const codes = value
    .split(',')
    .map((code) => code.trim().toLowerCase())
    .filter(isLanguage);
  const unique = [...new Set(codes)];
  return unique.length ? unique : ['en'];
}

/**
 * The offered language a browser prefers, from its Accept-Language header (`es-MX,es;q=0.9,en;q=0.8`), or the
 * district's own when it prefers none of them.
 */
export function preferredLanguage(
  acceptLanguage: string | undefined,
  offered: readonly Language[],
): Language {
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .slice(0, 20)
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return {
        base: tag.trim().toLowerCase().split('-')[0] ?? '',
        q: q === undefined ? 1 : Number(q),
        order,
      };
    })
    .filter((w) => w.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const { base } of wanted) {
    if (isLanguage(base) && offered.includes(base)) return base;
  }
  return offered[0] ?? 'en';
}
