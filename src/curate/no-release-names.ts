// The words of a post that may name a student on the office's list of students without a media release. Posts
// name students by first name only, so every capitalized word is a candidate (every word, in a script without
// capitals): better to ask about a picture once too often than to publish one a family refused. Left out: a
// name after an honorific ("Ms. Grace"), before a capitalized place word ("Hope Elementary"), a month before a
// number ("May 3"), and the phrases the district allows or its staff's names, as whole words.
import { isPlaceOrTimeWord, withoutInvisible } from './find-student-names';

/**
 * The candidate first names in `text`, each as written: a possessive is its name ("Maya's", "Chris'"), and a
 * hyphenated name is itself and each capitalized part ("Maya-Rose", "Maya", "Rose").
 */
export function firstNameCandidates(text: string, leaveOut: readonly string[] = []): string[] {
  let prose = withoutInvisible(text).normalize('NFC');
  for (const phrase of leaveOut) {
    const words = phrase.trim().normalize('NFC');
    // Whole words only: leaving out "May" leaves Maya alone.
    if (words)
      prose = prose.replace(
        new RegExp(
          `(?<![\\p{L}\\p{M}])${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{M}])`,
          'giu',
        ),
        ' ',
      );
  }
  const tokens = [...prose.matchAll(/[\p{L}\p{M}'’-]+|\p{N}+/gu)].map((match) => match[0]);
  const found: string[] = [];
  tokens.forEach((token, i) => {
    const possessive = /['’]s?$/iu.test(token) && token.length > 2;
    const word = token
      .replace(/^['’-]+/, '')
      .replace(/['’]s$/iu, '')
      .replace(/['’-]+$/, '');
    if (!word || !startsAsName(word)) return;
    const previous = tokens[i - 1];
    const next = tokens[i + 1];
    // An adult's name after an honorific as written ("Ms. Grace", "Coach Leo"), a place ("Hope Elementary"),
    // a date ("May 3"): not a student. "her brother Leo", "Maya's team" and "Leo (3rd grade)" are.
    if (previous && HONORIFICS.has(previous)) return;
    if (!possessive && next && /^\p{Lu}/u.test(next) && isPlaceOrTimeWord(next)) return;
    if (next && /^\p{N}/u.test(next) && MONTHS.has(word.toLowerCase())) return;
    found.push(word);
    if (word.includes('-')) found.push(...word.split('-').filter((part) => part && startsAsName(part)));
  });
  return found;
}

/** Honorifics as they are written before an adult's name, capitalized. */
const HONORIFICS = new Set([
  'Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Dr', 'Coach', 'Principal', 'Professor', 'Prof', 'Rev', 'Superintendent',
  'Officer', 'Nurse', 'Librarian', 'Mayor', 'Senator', 'Judge', 'Sr', 'Sra', 'Srta', 'Maestro', 'Maestra',
]); // prettier-ignore

const MONTHS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december',
]); // prettier-ignore

/** A capital first letter, or a letter of a script that has no capitals. */
function startsAsName(word: string): boolean {
  const first = word[0]!;
  if (!/\p{L}/u.test(first)) return false;
  return first.toLowerCase() === first.toUpperCase() || first === first.toUpperCase();
}
