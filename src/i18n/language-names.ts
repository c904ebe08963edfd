// Languages named in a reader's language, by Intl: "inglés" on a Spanish page, "الإنجليزية" on an Arabic one.

/** `named` (a language code) as a reader of `lang` calls it; the code itself where Intl cannot say. */
export function languageNameIn(lang: string, named: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(named) ?? named;
  } catch {
    return named;
  }
}
