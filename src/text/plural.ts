// Counts in English words outside the catalogs: the command line, logs and the emails staff receive ("1 post",
// "1,204 subscribers"). Pages, the desk and parents' emails count through the catalogs' plural keys instead
// (_one, _other; i18n/translate.ts, i18n/desk-text.ts), so each text has one way to say a count.
import { LANGUAGES } from '../i18n/languages';
import { isolateLeftToRight } from './bidi';

const NUMBER = new Intl.NumberFormat('en-US');

/** '1 post', '12 posts', '1,204 families'; `many` defaults to `one` + 's'. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${NUMBER.format(n)} ${n === 1 ? one : many}`;
}

/** The word alone, for sentences that put the number elsewhere: 'post' or 'posts'. */
export function pluralWord(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

/** 'Robotics, bean plants and a book fair': a list as a sentence says it. */
export function listInWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

const listFormats = new Map<string, Intl.ListFormat>();

/**
 * A list as a sentence in `lang` says it, for what parents read: "A, B, and C", "A, B y C", "A وB وC"
 * (the language's own commas and "and", from Intl).
 */
export function listInLanguage(parts: readonly string[], lang: string): string {
  let format = listFormats.get(lang);
  if (!format) listFormats.set(lang, (format = new Intl.ListFormat(lang, { type: 'conjunction' })));
  // Arabic joins its "and" to the next word; before a name in Latin letters it stands apart, as it is written.
  // In a right-to-left language each name written left to right is isolated, so the list keeps its order.
  const rtl = (LANGUAGES as Record<string, { dir: string } | undefined>)[lang]?.dir === 'rtl';
  return format
    .formatToParts(parts)
    .map((part, i, all) =>
      part.type === 'element'
        ? rtl
          ? isolateLeftToRight(part.value)
          : part.value
        : /[\u0600-\u06FF]$/.test(part.value) && !ARABIC_START.test(all[i + 1]?.value ?? '')
          ? `${part.value} `
          : part.value,
    )
    .join('');
}

const ARABIC_START = /^[\u0600-\u06FF]/;
