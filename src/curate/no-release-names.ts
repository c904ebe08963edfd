// The words of a post that may name a student on the office's list of students without a media release. Posts
// name students by first name only, so every capitalized word is a candidate (every word, in a script without
// capitals): better to ask about a picture once too often than to publish one a family refused. Left out: a
// word after a title ("Ms. Grace"), before a place or time word or a number ("Hope Elementary", "May 3"), and
// the phrases the district allows or its staff's names.
import { isPlaceOrTimeWord, isTitle } from './find-student-names';

/** A name as the list keeps and compares it: composed accents, one apostrophe, lower case. */
export function foldName(name: string): string {
  return name.trim().normalize('NFC').replace(/’/g, "'").toLowerCase();
}

/**
 * The candidate first names in `text`, each as written: a possessive is its name ("Maya's", "Chris'"), and a
 * hyphenated name is itself and each capitalized part ("Maya-Rose", "Maya", "Rose").
 */
export function firstNameCandidates(text: string, leaveOut: readonly string[] = []): string[] {
  let prose = text.normalize('NFC');
  for (const phrase of leaveOut) {
    const words = phrase.trim().normalize('NFC');
    if (words) prose = prose.replace(new RegExp(words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu'), ' ');
  }
  const tokens = [...prose.matchAll(/[\p{L}\p{M}'’-]+|\p{N}+/gu)].map((match) => match[0]);
  const found: string[] = [];
  tokens.forEach((token, i) => {
    const word = token
      .replace(/^['’-]+/, '')
      .replace(/['’]s$/iu, '')
      .replace(/['’-]+$/, '');
    if (!word || !startsAsName(word)) return;
    const previous = tokens[i - 1];
    const next = tokens[i + 1];
    if (previous && isTitle(previous)) return;
    if (next && (/^\p{N}/u.test(next) || isPlaceOrTimeWord(next))) return;
    found.push(word);
    if (word.includes('-')) found.push(...word.split('-').filter((part) => part && startsAsName(part)));
  });
  return found;
}

/** A capital first letter, or a letter of a script that has no capitals. */
function startsAsName(word: string): boolean {
  const first = word[0]!;
  if (!/\p{L}/u.test(first)) return false;
  return first.toLowerCase() === first.toUpperCase() || first === first.toUpperCase();
}
