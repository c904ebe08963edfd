// How the district's lists of students' names compare a name: written with or without its accents, it is the
// same name.

/**
 * A name as the name lists keep and compare it: lower case, one apostrophe, and Latin letters without their
 * accents or strokes, so "Jose" finds José, "Nunez" Núñez and "Dang" Đặng whichever way the list or the post
 * writes them. Marks on other scripts stay: in Devanagari or Arabic they are part of the word.
 */
export function foldName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .replace(/[đðłøıħßæœþ]/g, (letter) => LATIN_LETTERS_WRITTEN_PLAIN[letter]!)
    .normalize('NFC')
    .replace(/’/g, "'");
}

/** Latin letters that no accent makes, as they are written on a keyboard without them. */
const LATIN_LETTERS_WRITTEN_PLAIN: Record<string, string> = {
  đ: 'd', ð: 'd', ł: 'l', ø: 'o', ı: 'i', ħ: 'h', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th',
}; // prettier-ignore
