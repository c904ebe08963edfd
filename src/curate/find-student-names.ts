// The student-name check: finds probable full names (a given name followed by a capitalized surname) and
// roster surnames in a piece of text. People named with a title (Mrs. Rivera, Principal Maria Lopez), the
// school's staff and the district's allowlist are not flagged. It reports; a person decides.
import { GIVEN_NAMES } from './given-names';
import { foldName } from '../text/fold-name';

export interface NameMatch {
  name: string;
  /** 'full-name': a given name and a surname; 'roster': a surname on the uploaded student roster. */
  reason: 'full-name' | 'roster';
}

export interface NameContext {
  /** Full names of adults whose names may appear: the school's source owners and post authors. */
  staffNames: readonly string[];
  /** Names (full, or single words) the district never wants flagged. */
  allowlist: readonly string[];
  /** True when the word is on the student roster (matched by keyed hash). */
  isRosterSurname?: (word: string) => boolean;
  /**
   * Only the roster's surnames, not the given-name-and-surname pattern: for words that were never written as
   * prose (a post's address, whose every word comes out capitalized: "Mark Your Calendars").
   */
  rosterOnly?: boolean;
}

const TITLES = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'coach', 'principal', 'teacher', 'professor', 'prof', 'sister', 'brother',
  'father', 'pastor', 'rev', 'sir', 'madam', 'dean', 'superintendent', 'officer', 'nurse', 'librarian', 'mayor',
  'senator', 'president', 'judge', 'saint', 'st', 'author', 'illustrator', 'counselor', 'chef', 'captain',
  // The same in the district's other languages: "Sra. Rivera", "Maestra Lopez".
  'sr', 'sra', 'srta', 'dra', 'maestra', 'maestro', 'profesora', 'profesor', 'profe', 'directora', 'director',
]); // prettier-ignore

/** Words that follow names of places and organizations, not people: "Lincoln Elementary", "Maya Park". */
const NOT_SURNAMES = new Set([
  'elementary', 'middle', 'high', 'school', 'schools', 'academy', 'college', 'university', 'library', 'center',
  'centre', 'hall', 'park', 'street', 'avenue', 'road', 'drive', 'lane', 'boulevard', 'county', 'city', 'district',
  'campus', 'club', 'team', 'league', 'day', 'week', 'month', 'night', 'morning', 'festival', 'fair', 'award',
  'awards', 'foundation', 'museum', 'theater', 'theatre', 'stadium', 'field', 'gym', 'room', 'house', 'hospital',
  'church', 'river', 'lake', 'mountain', 'valley', 'heights', 'hills', 'monday', 'tuesday', 'wednesday', 'thursday',
  'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august',
  'september', 'october', 'november', 'december', 'and', 'or', 'the', 'of', 'in', 'on', 'at', 'for', 'with', 'to',
]); // prettier-ignore

/** Whether a word names a place, a time or a group after a name-like word ("Hope Elementary", "May Day"). */
export function isPlaceOrTimeWord(word: string): boolean {
  const lower = word.toLowerCase();
  return NOT_SURNAMES.has(lower) && !CONNECTING_WORDS.has(lower);
}

/** The small words NOT_SURNAMES holds as well: "Maya and Leo" names two students. */
const CONNECTING_WORDS = new Set(['and', 'or', 'the', 'of', 'in', 'on', 'at', 'for', 'with', 'to']);

/** Words capitalized in title-case headlines ("Maya Wins Spelling Bee"); not surnames there. */
const HEADLINE_WORDS = new Set([
  'wins', 'won', 'takes', 'leads', 'reads', 'writes', 'shares', 'builds', 'makes', 'gets', 'joins', 'visits',
  'meets', 'helps', 'learns', 'plays', 'sings', 'paints', 'draws', 'finds', 'earns', 'named', 'celebrates',
  'presents', 'receives', 'scores', 'runs', 'places', 'finishes', 'starts', 'hosts', 'teaches', 'explores',
  'is', 'was', 'and', 'our', 'the', 'a', 'an', 'at', 'in', 'on', 'to', 'for', 'with', 'from', 'by', 'of', 'first',
  'best', 'big', 'new', 'great', 'star', 'student', 'students', 'class', 'classroom', 'grade', 'reader', 'writer',
  'artist', 'scientist', 'champion', 'winner', 'honor', 'roll', 'spelling', 'bee', 'science', 'math', 'art',
  'music', 'reading', 'week', 'day', 'of', 'the', 'month', 'year', 'project', 'story', 'stories', 'poem', 'book',
]); // prettier-ignore

const WORD = /[\p{Lu}\p{Ll}][\p{L}\p{M}'’-]*/gu;

interface Word {
  text: string;
  start: number;
  end: number;
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, ' ').trim();
}

function isCapitalized(word: string): boolean {
  const first = word[0]!;
  return first !== first.toLowerCase() && word.length >= 2 && word !== word.toUpperCase();
}

/** A word in capitals ("ANA", "SMITH"): a name as a shouted headline or a list writes it. */
function isUpperCase(word: string): boolean {
  return word.length >= 2 && word === word.toUpperCase() && word !== word.toLowerCase();
}

/**
 * Whether a word is a given name: on the list whatever its accents ("José", "Zoë" are the list's Jose and Zoe),
 * or a hyphenated one whose first part is ("Maya-Rose").
 */
function isGivenName(word: string): boolean {
  const folded = foldName(word);
  return GIVEN_NAMES.has(folded) || GIVEN_NAMES.has(folded.split('-')[0]!);
}

/**
 * Characters that show as nothing, which would hide a name from the check ("Ma\u200Bya Johnson") while a reader
 * sees it whole: zero-width spaces and joiners, the word joiner, the byte-order mark and the soft hyphen.
 */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/** The text without characters that show as nothing (INVISIBLE), as every name check reads it. */
export function withoutInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** Whether a name is written with a title ("Ms. Rivera", "Coach Diaz"): an adult's. */
export function hasTitle(name: string): boolean {
  const first = name.trim().split(/\s+/)[0] ?? '';
  return TITLES.has(first.toLowerCase().replace(/\.$/, ''));
}

/** Most words of four or more letters capitalized (or in capitals): a title-case headline, where capitals say little. */
function isTitleCase(words: Word[]): boolean {
  const long = words.filter((w) => w.text.length >= 4);
  return (
    long.length >= 3 &&
    long.filter((w) => isCapitalized(w.text) || isUpperCase(w.text)).length / long.length >= 0.6
  );
}

/**
 * Runs of text that are not prose: links, addresses, and codes where letters sit next to digits or
 * underscores ("yd-marker-3APfqkE0S1oW8JuN", "IMG_2041"). Their letters can spell a name by chance, so
 * they are blanked out (same length, so positions still match the text).
 */
const NOT_PROSE = /:\/\/|@|www\.|\p{L}[\p{N}_]|[\p{N}_]\p{L}/u;

/** Between a given name and a surname: spaces, or one line break, never a paragraph break. */
const NAME_GAP = /^[^\S\n]*\n?[^\S\n]*$/;

export function findStudentNames(given: string, context: NameContext): NameMatch[] {
  const text = withoutInvisible(given);
  const words: Word[] = [];
  // Run by run (split at spaces), so a long run costs one scan, never one per position in it.
  const prose = text.replace(/\S+/g, (run) => (NOT_PROSE.test(run) ? ' '.repeat(run.length) : run));
  for (const match of prose.matchAll(WORD))
    words.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  if (words.length === 0) return [];
  const titleCase = isTitleCase(words);
  const staffSurnames = new Set(context.staffNames.map((n) => normalize(n).split(' ').at(-1)!));
  const allow = new Set(context.allowlist.map(normalize));
  // Staff names and allowlisted phrases ("Martin Luther King") are spans of the text skipped as a whole.
  const skipped = phraseSpans(text, [...context.staffNames, ...context.allowlist]);
  const isSkipped = (at: number) => skipped.some(([start, end]) => at >= start && at < end);
  const found = new Map<string, NameMatch>();

  const hasTitleBefore = (i: number) => {
    const previous = words[i - 1];
    return (
      !!previous &&
      TITLES.has(previous.text.toLowerCase().replace(/\.$/, '')) &&
      /^\.?\s+$/.test(text.slice(previous.end, words[i]!.start))
    );
  };

  for (let i = 0; i < words.length && !context.rosterOnly; i++) {
    const given = words[i]!;
    // A name in capitals is one when its surname is in capitals too ("ANA SMITH WINS"); in mixed text, a word
    // in capitals after a given name is more often an acronym ("Leo STEM night").
    const shouted = isUpperCase(given.text);
    if (
      !(isCapitalized(given.text) || shouted) ||
      !isGivenName(given.text) ||
      hasTitleBefore(i) ||
      isSkipped(given.start)
    )
      continue;
    // The surname follows after a space, or after a middle initial ("Maya J. Johnson").
    let j = i + 1;
    let initial = '';
    let gapStart = given.end;
    const next = words[j];
    if (
      next &&
      next.text.length === 1 &&
      /^\s+$/.test(text.slice(given.end, next.start)) &&
      text[next.end] === '.'
    ) {
      initial = ` ${next.text}.`;
      gapStart = next.end + 1;
      j++;
    }
    // "Ana S." with no surname after it ("Ana S. read her poem", "Ana S. and Leo M."): a given name and an
    // initial are more than the first name the policy allows.
    const initialOnly = () => {
      if (initial && !shouted)
        found.set(normalize(`${given.text}${initial}`), {
          name: `${given.text}${initial}`,
          reason: 'full-name',
        });
    };
    const surnameWord = words[j];
    const gap = surnameWord ? text.slice(gapStart, surnameWord.start) : '';
    if (!surnameWord || gap === '' || !NAME_GAP.test(gap)) {
      initialOnly();
      continue;
    }
    const surname = surnameWord.text.replace(/['’]s$/i, ''); // "Rivera’s class" names Rivera
    const lower = surname.toLowerCase();
    if (
      !(shouted ? isUpperCase(surname) : isCapitalized(surname)) ||
      NOT_SURNAMES.has(lower) ||
      ((titleCase || shouted) && HEADLINE_WORDS.has(lower)) ||
      allow.has(lower)
    ) {
      initialOnly();
      continue;
    }
    found.set(normalize(`${given.text} ${surname}`), {
      name: `${given.text}${initial} ${surname}`,
      reason: 'full-name',
    });
  }

  if (context.isRosterSurname) {
    // The roster compares names with or without their accents, so a staff surname or an allowed word does too:
    // a teacher García is the "Garcia" of a post.
    const notStudents = new Set([...staffSurnames, ...allow].map(foldName));
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      const lower = word.text.toLowerCase();
      if (
        !(isCapitalized(word.text) || isUpperCase(word.text)) ||
        hasTitleBefore(i) ||
        isSkipped(word.start) ||
        notStudents.has(foldName(lower))
      )
        continue;
      if ([...found.values()].some((m) => normalize(m.name).endsWith(lower))) continue;
      if (context.isRosterSurname(lower)) found.set(lower, { name: word.text, reason: 'roster' });
    }
  }
  return [...found.values()];
}

/** Where each phrase occurs in the text, ignoring case and apostrophe style: [start, end) spans. */
function phraseSpans(text: string, phrases: readonly string[]): [number, number][] {
  const haystack = text.toLowerCase().replace(/’/g, "'");
  const spans: [number, number][] = [];
  for (const phrase of phrases) {
    const needle = normalize(phrase);
    if (!needle) continue;
    for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1))
      spans.push([at, at + needle.length]);
  }
  return spans;
}

/** Words of an image's file name ("maya-johnson_science-fair.jpg" → "Maya Johnson Science Fair"), for the check. */
export function fileNameWords(imageUrl: string): string {
  let name: string;
  try {
    name = decodeURIComponent(new URL(imageUrl).pathname.split('/').pop() ?? '');
  } catch {
    return '';
  }
  return nameWords(name);
}

/**
 * Words of a post's address, from its last named part ("…/2026/12/06/ana-smith-poetry-reading/" → "Ana Smith
 * Poetry Reading"): blogs make it from the post's first title, so a full name the headline no longer has can
 * still be in the link every channel publishes.
 */
export function linkWords(postUrl: string | null): string {
  if (!postUrl) return '';
  let parts: string[];
  try {
    parts = new URL(postUrl).pathname.split('/').map((part) => decodeURIComponent(part));
  } catch {
    return '';
  }
  return nameWords(parts.filter((part) => /\p{L}{2}/u.test(part)).at(-1) ?? '');
}

function nameWords(name: string): string {
  return name
    .replace(/\.[a-z0-9]{2,5}$/i, '')
    .split(/[-_.\s]+|(?<=[a-z])(?=[A-Z])/)
    .filter((w) => /^[\p{L}]{2,}$/u.test(w))
    .map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase())
    .join(' ');
}
