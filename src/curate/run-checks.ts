// The district's rules, checked before anything goes out: probable student names, photos without a media
// release, tone, missing alt text, unauthorized accounts, posts from another day. Pure: the draft and what
// it refers to in, findings out; each finding says what is wrong and what to do, and an override recorded
// by a person (with a reason) resolves it.
import { t } from '../i18n/desk-text';
import { formatLongDate } from '../publish/digest-content';
import { dayRange, localDateOf } from '../time/zoned-time';
import { fileNameWords, findStudentNames, hasTitle, linkWords, type NameMatch } from './find-student-names';
import { findToneWords } from './find-tone';
import { firstNameCandidates } from './no-release-names';
import { foldName } from '../text/fold-name';

export const FINDING_KINDS = [
  'student-name',
  'photo-without-release',
  'tone',
  'missing-alt-text',
  'unauthorized-source',
  'outside-day',
  'picture-unavailable',
  'picture-like-taken-down',
  'picture-not-in-post',
  'translation-unreviewed',
  'correction-note',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/**
 * Findings no reason resolves, only a change: a picture that could not be copied (choose another or none), an
 * unreviewed translation (review it), a name in a correction's note (reword it), and a post from an account
 * that is not authorized (renew its authorization, or remove the post: the policy admits no exception). An
 * override recorded for one of them before it became so is not counted.
 */
const NOT_OVERRIDABLE_KINDS = [
  'picture-unavailable',
  'translation-unreviewed',
  'correction-note',
  'unauthorized-source',
] as const satisfies readonly FindingKind[];
export type NotOverridableKind = (typeof NOT_OVERRIDABLE_KINDS)[number];
export const NOT_OVERRIDABLE: ReadonlySet<FindingKind> = new Set(NOT_OVERRIDABLE_KINDS);

/** item id 0 stands for the digest itself: its title and intro, and the email as a whole. */
export const DIGEST_LEVEL = 0;

export interface Override {
  itemId: number;
  kind: string;
  reason: string;
  userId: number | null;
  createdAt: number;
  /**
   * The finding's `covers` when the reason was given: the reason resolves the finding while it finds no more
   * than that (coveredBy). Null for a reason given before this was kept, which the desk counts only for the
   * text it was given to (reasonsInForce in desk.ts).
   */
  covers: string | null;
}

export interface Finding {
  itemId: number;
  kind: FindingKind;
  message: string;
  /**
   * What a reason given for it covers: the names or words and where they are in the district's own text
   * (coversOf), which picture, or else what it says (the day). Absent where no reason resolves it.
   */
  covers?: string;
  override?: Override;
  /** A reason recorded for this post and kind that does not cover what it finds now: shown beside it. */
  earlier?: Override;
}

export interface CheckEntry {
  itemId: number;
  headline: string;
  blurb: string;
  imageUrl: string | null;
  imageAlt: string | null;
  item: {
    summary: string;
    publishedAt: number;
    authorization: string;
    mediaRelease: boolean;
    author: string | null;
    /** The post's address, which every channel links to. */
    url?: string | null;
    schoolId: number;
    sourceTitle: string | null;
  };
}

export interface CheckInput {
  date: string;
  timezone: string;
  title: string;
  intro: string;
  entries: CheckEntry[];
  /** Names of adults per school (source owners), which are never students. */
  staffBySchool: Map<number, string[]>;
  toneWords: readonly string[];
  nameAllowlist: readonly string[];
  isRosterSurname?: (word: string) => boolean;
  /** Whether a word is the first name of a student without a media release (the office's list, hashed). */
  isNoReleaseName?: (word: string) => boolean;
  overrides: Override[];
  /** The email's plain-text part, checked as sent. */
  emailText?: string;
  /** The posts for the district's social accounts, checked as posted. */
  socialText?: string;
  /** Pictures without a ready copy, by address: the finding's sentence, saying why. */
  pictureProblems?: ReadonlyMap<string, string>;
  /**
   * Pictures whose copy looks like one the district took down (the same photo resized or saved again), by
   * address: the finding's sentence. A person who knows it is another photo can say so.
   */
  picturesLikeTakenDown?: ReadonlyMap<string, { message: string; key: string }>;
  /**
   * Entries (by item id) whose chosen picture the post's feed no longer shows: the teacher may have taken it
   * out after it was chosen (changed-posts.ts pictureStillIn). Not asked of a published digest, whose desk
   * marks it instead.
   */
  picturesNotInPost?: ReadonlySet<number>;
  /** The digest's text in the district's other languages: checked for names and tone like the original. */
  translations?: CheckTranslation[];
  /**
   * Every entry is out already (a published digest, or a correction of one, which adds no post): an account
   * whose authorization lapsed since holds back nothing, as its post leaves only by being taken down.
   */
  alreadyPublished?: boolean;
}

export interface CheckTranslation {
  /** How a finding names the language: "Spanish". */
  label: string;
  /** The tone words for this language (the district's list and the language's own default). */
  toneWords: readonly string[];
  title: string;
  intro: string;
  entries: ReadonlyMap<number, { headline: string; blurb: string; imageAlt: string }>;
}

export function runChecks(input: CheckInput): Finding[] {
  const findings: Finding[] = [];
  /**
   * A finding, resolved by a reason given for this post and kind when that reason covers what it finds now
   * (`covers`: what it says, unless the caller says more precisely).
   */
  const add = (itemId: number, kind: FindingKind, message: string, covers = message) => {
    if (NOT_OVERRIDABLE.has(kind)) {
      findings.push({ itemId, kind, message });
      return;
    }
    const recorded = input.overrides.find((o) => o.itemId === itemId && o.kind === kind);
    const covered = recorded && (recorded.covers === null || coveredBy(recorded.covers, covers, kind));
    findings.push({
      itemId,
      kind,
      message,
      covers,
      ...(recorded ? (covered ? { override: recorded } : { earlier: recorded }) : {}),
    });
  };
  const { start, end } = dayRange(input.date, input.timezone);
  const reported = new Set<string>();

  const nameCheck = (staff: string[]) => ({
    staffNames: staff,
    allowlist: input.nameAllowlist,
    isRosterSurname: input.isRosterSurname,
  });

  for (const entry of input.entries) {
    const { staff, byline } = peopleOf(entry.item, input.staffBySchool);
    const fields: [string, string][] = [
      [t('desk.checks.field.headline'), entry.headline],
      [t('desk.checks.field.blurb'), entry.blurb],
      [t('desk.checks.field.alt'), entry.imageAlt ?? ''],
      [t('desk.checks.field.fileName'), entry.imageUrl ? fileNameWords(entry.imageUrl) : ''],
      [t('desk.checks.field.original'), entry.item.summary],
      [t('desk.checks.field.byline'), byline],
      [t('desk.checks.field.link'), linkWords(entry.item.url ?? null)],
    ];
    const translated = (input.translations ?? []).map((language) => {
      const e = language.entries.get(entry.itemId);
      const fields: [string, string][] = [
        [translatedField(language.label, t('desk.checks.field.headline')), e?.headline ?? ''],
        [translatedField(language.label, t('desk.checks.field.blurb')), e?.blurb ?? ''],
        [translatedField(language.label, t('desk.checks.field.alt')), e?.imageAlt ?? ''],
      ];
      return { fields, toneWords: language.toneWords };
    });
    const names = new Map<string, { match: NameMatch; where: string[] }>();
    // The post's address is read for the roster's surnames only: each of its words comes out capitalized, so
    // the given-name pattern would read "Mark Your Calendars" as a name.
    const link = t('desk.checks.field.link');
    for (const [where, text] of [...fields, ...translated.flatMap((set) => set.fields)]) {
      const context = where === link ? { ...nameCheck(staff), rosterOnly: true } : nameCheck(staff);
      for (const match of findStudentNames(text, context)) {
        const found = names.get(match.name) ?? { match, where: [] };
        found.where.push(where);
        names.set(match.name, found);
        reported.add(match.name.toLowerCase());
      }
    }
    const ownPlaces = placesOf(fields, input.translations ?? []);
    if (names.size)
      add(
        entry.itemId,
        'student-name',
        describeNames([...names.values()]),
        coversOf(
          [...names.values()].map(({ match, where }) => ({ word: match.name, where })),
          ownPlaces,
        ),
      );

    const tone = [{ fields: fields.slice(0, 3), toneWords: input.toneWords }, ...translated].flatMap((set) =>
      set.fields.flatMap(([where, text]) =>
        findToneWords(text, set.toneWords).map((word) => ({ word, where })),
      ),
    );
    for (const found of tone) reported.add(found.word.toLowerCase());
    if (tone.length)
      add(
        entry.itemId,
        'tone',
        describeTone(tone),
        coversOf(
          tone.map(({ word, where }) => ({ word, where: [where] })),
          ownPlaces,
        ),
      );

    // A picture needs a release for everyone in it: the account's, and none of the students the post names
    // may be on the office's list of students without one.
    const unreleased = entry.imageUrl
      ? namesWithoutRelease(
          [...fields, ...translated.flatMap((set) => set.fields)].map(([, text]) => text),
          input.isNoReleaseName,
          [...staff, ...input.nameAllowlist],
        )
      : [];
    if (entry.imageUrl && (!entry.item.mediaRelease || unreleased.length)) {
      const names = list(unreleased);
      add(
        entry.itemId,
        'photo-without-release',
        [
          entry.item.mediaRelease
            ? ''
            : t('desk.checks.photoWithoutRelease', {
                source: entry.item.sourceTitle ?? t('desk.checks.anAccount'),
              }),
          unreleased.length
            ? t('desk.checks.studentsWithoutRelease', { names, count: unreleased.length })
            : '',
        ]
          .filter(Boolean)
          .join(' '),
        // A release given for one picture is not given for another, nor for a student named later.
        unreleased.length
          ? JSON.stringify([
              [`picture ${entry.imageUrl}`, []],
              ...(entry.item.mediaRelease ? [] : [['account without release', []]]),
              ...unreleased.map((name) => [foldName(name), []]),
            ])
          : entry.imageUrl,
      );
    }
    if (entry.imageUrl && !entry.imageAlt?.trim()) {
      add(entry.itemId, 'missing-alt-text', t('desk.checks.missingAltText'), `missing\n${entry.imageUrl}`);
    } else if (entry.imageUrl && repeatsText(entry.imageAlt!, entry.blurb)) {
      // Feeds often give a picture the post's own words: a screen reader would read them twice and say
      // nothing of the picture. Not the headline: a post without a title takes its headline from the alt
      // text, and the teacher's description is then right where it is.
      add(entry.itemId, 'missing-alt-text', t('desk.checks.altRepeatsText'), `repeats\n${entry.imageUrl}`);
    }
    const pictureProblem = entry.imageUrl ? input.pictureProblems?.get(entry.imageUrl) : undefined;
    if (pictureProblem) {
      add(entry.itemId, 'picture-unavailable', pictureProblem);
    }
    const likeTakenDown = entry.imageUrl ? input.picturesLikeTakenDown?.get(entry.imageUrl) : undefined;
    if (likeTakenDown) {
      // A reason covers this picture against this takedown; another picture, or another takedown it looks
      // like, asks again.
      add(
        entry.itemId,
        'picture-like-taken-down',
        likeTakenDown.message,
        `${entry.imageUrl}\n${likeTakenDown.key}`,
      );
    }
    if (entry.imageUrl && input.picturesNotInPost?.has(entry.itemId) && !input.alreadyPublished) {
      add(entry.itemId, 'picture-not-in-post', t('desk.checks.pictureNotInPost'), entry.imageUrl);
    }
    if (entry.item.authorization !== 'authorized' && !input.alreadyPublished) {
      add(
        entry.itemId,
        'unauthorized-source',
        t('desk.checks.unauthorizedSource', { authorization: entry.item.authorization }),
      );
    }
    if (entry.item.publishedAt < start || entry.item.publishedAt >= end) {
      const day = formatLongDate(localDateOf(entry.item.publishedAt, input.timezone));
      add(entry.itemId, 'outside-day', t('desk.checks.outsideDay', { day }));
    }
  }

  // The digest's own words, and the email exactly as it is sent (which adds school names and the like).
  const emailText = t('desk.checks.field.emailText');
  const socialPost = t('desk.checks.field.socialPost');
  /** The email and the social posts repeat the entries: what an entry's finding names is not named twice. */
  const asSent = (where: string) => where === emailText || where === socialPost;
  const digestFields: [string, string][] = [
    [t('desk.checks.field.title'), input.title],
    [t('desk.checks.field.intro'), input.intro],
    [emailText, input.emailText ?? ''],
    [socialPost, input.socialText ?? ''],
  ];
  const translatedDigestFields = (input.translations ?? []).map((language) => ({
    fields: [
      [translatedField(language.label, t('desk.checks.field.title')), language.title],
      [translatedField(language.label, t('desk.checks.field.intro')), language.intro],
    ] as [string, string][],
    toneWords: language.toneWords,
  }));
  const allStaff = [...input.staffBySchool.values()].flat();
  const digestNames = new Map<string, { match: NameMatch; where: string[] }>();
  for (const [where, text] of [...digestFields, ...translatedDigestFields.flatMap((set) => set.fields)]) {
    for (const match of findStudentNames(text, nameCheck(allStaff))) {
      if (asSent(where) && reported.has(match.name.toLowerCase())) continue;
      const found = digestNames.get(match.name) ?? { match, where: [] };
      found.where.push(where);
      digestNames.set(match.name, found);
    }
  }
  const ownDigestPlaces = placesOf(digestFields, input.translations ?? []);
  if (digestNames.size)
    add(
      DIGEST_LEVEL,
      'student-name',
      describeNames([...digestNames.values()]),
      coversOf(
        [...digestNames.values()].map(({ match, where }) => ({ word: match.name, where })),
        ownDigestPlaces,
      ),
    );
  const digestTone = [{ fields: digestFields, toneWords: input.toneWords }, ...translatedDigestFields]
    .flatMap((set) =>
      set.fields.flatMap(([where, text]) =>
        findToneWords(text, set.toneWords).map((word) => ({ word, where })),
      ),
    )
    .filter((found) => !(asSent(found.where) && reported.has(found.word.toLowerCase())));
  if (digestTone.length)
    add(
      DIGEST_LEVEL,
      'tone',
      describeTone(digestTone),
      coversOf(
        digestTone.map(({ word, where }) => ({ word, where: [where] })),
        ownDigestPlaces,
      ),
    );
  return findings;
}

/**
 * The names and tone words the checks find in one language's text of a digest, as written, each keyed by
 * where it is (`post id:kind:word`, post 0 for the title and intro), without looking at recorded reasons: a
 * reason is kept per post and kind, so it says nothing of a name typed later. For a published digest, whose
 * text in a language reaches readers as it is saved, so that what a save would add can be named and refused.
 * A name the post's own text in the district's language already has, where a reason was recorded for it, is
 * left out: that reason covers the name wherever the post is given.
 */
export function languageMatches(
  input: Pick<
    CheckInput,
    'title' | 'intro' | 'entries' | 'staffBySchool' | 'nameAllowlist' | 'isRosterSurname' | 'isNoReleaseName'
  >,
  language: CheckTranslation,
  excused: readonly Override[],
): Map<string, string> {
  const found = new Map<string, string>();
  const check = (itemId: number, staff: string[], texts: string[], original: string[]) => {
    const context = {
      staffNames: staff,
      allowlist: input.nameAllowlist,
      isRosterSurname: input.isRosterSurname,
    };
    const given = excused.some((o) => o.itemId === itemId && o.kind === 'student-name')
      ? new Set(original.flatMap((text) => findStudentNames(text, context).map((m) => m.name.toLowerCase())))
      : new Set<string>();
    for (const text of texts) {
      for (const match of findStudentNames(text, context))
        if (!given.has(match.name.toLowerCase()))
          found.set(`${itemId}:name:${match.name.toLowerCase()}`, match.name);
      for (const word of findToneWords(text, language.toneWords))
        found.set(`${itemId}:tone:${word.toLowerCase()}`, word);
    }
  };
  for (const entry of input.entries) {
    const translated = language.entries.get(entry.itemId);
    if (!translated) continue;
    // A picture's post that names, in this language only, a student without a media release.
    if (entry.imageUrl && input.isNoReleaseName) {
      const staff = [...peopleOf(entry.item, input.staffBySchool).staff, ...input.nameAllowlist];
      const own = [entry.headline, entry.blurb, entry.imageAlt ?? '', entry.item.summary];
      const named = new Set(own.flatMap((text) => firstNameCandidates(text)).map(foldName));
      for (const name of namesWithoutRelease(
        [translated.headline, translated.blurb, translated.imageAlt],
        input.isNoReleaseName,
        staff,
      ))
        if (!named.has(foldName(name))) found.set(`${entry.itemId}:name:${foldName(name)}`, name);
    }
    check(
      entry.itemId,
      peopleOf(entry.item, input.staffBySchool).staff,
      [translated.headline, translated.blurb, translated.imageAlt],
      [entry.headline, entry.blurb, entry.imageAlt ?? '', entry.item.summary],
    );
  }
  check(
    DIGEST_LEVEL,
    [...input.staffBySchool.values()].flat(),
    [language.title, language.intro],
    [input.title, input.intro],
  );
  return found;
}

/**
 * A correction's note, in the district's language and as translated (`label` names the language): a student's
 * full name in it is one finding, 'correction-note', for the digest as a whole. It is reworded, never excused
 * with a reason, since the note goes to every reader as written. Its tone is not checked: an apology says
 * what failed.
 */
export function checkCorrectionNote(input: {
  notes: { label?: string; text: string }[];
  staff: string[];
  nameAllowlist: readonly string[];
  isRosterSurname?: (word: string) => boolean;
}): Finding[] {
  const names = new Map<string, { match: NameMatch; where: string[] }>();
  const note = t('desk.checks.field.correctionNote');
  for (const { label, text } of input.notes) {
    const where = label ? translatedField(label, note) : note;
    const check = {
      staffNames: input.staff,
      allowlist: input.nameAllowlist,
      isRosterSurname: input.isRosterSurname,
    };
    for (const match of findStudentNames(text, check)) {
      const found = names.get(match.name) ?? { match, where: [] };
      found.where.push(where);
      names.set(match.name, found);
    }
  }
  if (!names.size) return [];
  const found = [...names.values()];
  const message = t('desk.checks.noteNames', {
    names: list(found.map(({ match, where }) => quoted(match.name, where))),
    count: found.length,
  });
  return [{ itemId: DIGEST_LEVEL, kind: 'correction-note', message }];
}

function describeNames(found: { match: NameMatch; where: string[] }[]): string {
  const names = list(found.map(({ match, where }) => quoted(match.name, where)));
  const count = found.length;
  // Only in the teacher's own post, which the digest links to: the desk cannot edit it, so the way out is the
  // teacher (or a reason, or leaving the post out), not rewording the digest.
  // Only in the author line: the feed's author, whom the desk cannot rename; a teacher's name is recorded once.
  const byline = t('desk.checks.field.byline');
  if (found.every((f) => f.where.every((where) => where === byline)))
    return t('desk.checks.bylineName', { names, count });
  const teachers = [t('desk.checks.field.original'), t('desk.checks.field.link')];
  if (found.every((f) => f.where.every((where) => teachers.includes(where))))
    return t('desk.checks.originalName', { names, count });
  return found.some((f) => f.match.reason === 'roster')
    ? t('desk.checks.rosterName', { names, count })
    : t('desk.checks.studentName', { names, count });
}

function describeTone(found: { word: string; where: string }[]): string {
  const words = [...new Set(found.map((f) => quoted(f.word, [f.where])))];
  return t('desk.checks.tone', { words: list(words) });
}

/** '“Maya Lopez” (headline, blurb)'. */
function quoted(word: string, where: string[]): string {
  return t('desk.checks.found', { word, where: where.join(', ') });
}

/**
 * Each place a finding can name, as the field of the district's own text it is: a translation's field ("Spanish
 * headline") is that field ("headline"), so a reason for a name in a post's headline holds for the same name
 * in the headline's translations, and not for a place the name was not in.
 */
function placesOf(
  own: readonly (readonly [string, string])[],
  translations: readonly CheckTranslation[],
): ReadonlyMap<string, string> {
  const places = new Map<string, string>();
  for (const [field] of own) {
    places.set(field, field);
    for (const language of translations) places.set(translatedField(language.label, field), field);
  }
  return places;
}

/**
 * What a reason for a name or tone finding covers: each name or word, and the fields it is in (placesOf: a
 * field in another language counts as the field it translates), so a reason holds in every language the text
 * is given in, as languageMatches has it for a published digest, while a name or word in a field it was not in,
 * in any language, is new.
 */
function coversOf(found: { word: string; where: string[] }[], places: ReadonlyMap<string, string>): string {
  const fields = new Map<string, Set<string>>();
  for (const { word, where } of found) {
    const key = word.toLowerCase();
    const kept = fields.get(key) ?? new Set<string>();
    for (const place of where) kept.add(places.get(place) ?? place);
    fields.set(key, kept);
  }
  return JSON.stringify(
    [...fields].map(([word, where]) => [word, [...where].sort()]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
  );
}

/**
 * Whether a reason that covered `then` covers what a finding finds `now`: the same, or for names and words
 * (coversOf) no name or word and no place of one that it did not have, so taking a name out, in a draft or a
 * correction, or a change elsewhere that drops a place, leaves the reason standing.
 */
export function coveredBy(then: string, now: string, kind?: FindingKind): boolean {
  if (then === now) return true;
  const had = readCovers(then);
  const has = readCovers(now);
  // A reason for a picture from an account without a release, and the names a post gave it, covers that
  // picture once the names are gone (what a plain address says: the account's release alone is missing).
  if (had && !has) return had.has(`picture ${now}`) && had.has('account without release');
  if (!had || !has) return false;
  // A student without a media release is the same name written with or without its accents (as the list
  // compares names): a reason recorded for "josé" covers "jose". Other findings' words (a tone word, "fracasó"
  // beside "fracaso") and what holds a space ("picture …") are compared as they are.
  const comparable = (word: string) =>
    kind === 'photo-without-release' && !word.includes(' ') ? foldName(word) : word;
  const hadPlaces = new Map<string, string[]>();
  for (const [word, places] of had)
    hadPlaces.set(comparable(word), [...(hadPlaces.get(comparable(word)) ?? []), ...places]);
  return [...has].every(([word, places]) => {
    const before = hadPlaces.get(comparable(word));
    return before !== undefined && places.every((place) => before.includes(place));
  });
}

function readCovers(covers: string): Map<string, string[]> | undefined {
  if (!covers.startsWith('[')) return undefined;
  try {
    const parsed = JSON.parse(covers) as unknown;
    if (!Array.isArray(parsed)) return undefined;
    const read = new Map<string, string[]>();
    for (const pair of parsed) {
      if (!Array.isArray(pair) || typeof pair[0] !== 'string' || !Array.isArray(pair[1])) return undefined;
      read.set(
        pair[0],
        (pair[1] as unknown[]).filter((place): place is string => typeof place === 'string'),
      );
    }
    return read;
  } catch {
    return undefined;
  }
}

/**
 * The first names in `texts` (firstNameCandidates) on the list of students without a media release, each once,
 * leaving out the staff's names and the phrases the district allows.
 */
function namesWithoutRelease(
  texts: readonly string[],
  isNoReleaseName: ((word: string) => boolean) | undefined,
  leaveOut: readonly string[],
): string[] {
  if (!isNoReleaseName) return [];
  const found = new Map<string, string>();
  for (const text of texts)
    for (const name of firstNameCandidates(text, leaveOut)) {
      const key = foldName(name);
      if (isNoReleaseName(name) && !found.has(key)) found.set(key, name);
    }
  return [...found.values()];
}

/**
 * Whether a post's author, as its feed names it, is one of the school's adults: named with a title ("Ms.
 * Rivera"), or with the whole name or the surname of one of the school's account owners ("Jane Rivera" on Ms.
 * Rivera's blog). On a class blog students write on, the author may be a student, whose full name the digest's
 * author line ("From Room 12, by …") would otherwise publish unchecked.
 */
export function authorIsStaff(author: string | null, staff: readonly string[]): boolean {
  const name = author?.trim();
  if (!name) return false;
  if (hasTitle(name)) return true;
  const surname = (person: string) => foldName(person.trim().split(/\s+/).at(-1) ?? '');
  return (
    name.split(/\s+/).length >= 2 &&
    staff.some((adult) => foldName(adult) === foldName(name) || surname(adult) === surname(name))
  );
}

/**
 * The adults a post's words are checked against (the school's account owners, and the author when one of them),
 * and its author line to check when the author may be a student.
 */
function peopleOf(
  item: { author: string | null; schoolId: number },
  staffBySchool: ReadonlyMap<number, string[]>,
): { staff: string[]; byline: string } {
  const school = staffBySchool.get(item.schoolId) ?? [];
  return authorIsStaff(item.author, school)
    ? { staff: [...school, item.author!], byline: '' }
    : { staff: school, byline: item.author ?? '' };
}

/** 'Spanish headline': a field of a translation. */
function translatedField(language: string, field: string): string {
  return t('desk.checks.field.translated', { language, field });
}

/** '“a”, “b” and “c”'. */
export function list(parts: string[]): string {
  return parts.length <= 1
    ? (parts[0] ?? '')
    : t('desk.checks.list', { items: parts.slice(0, -1).join(', '), last: parts.at(-1)! });
}

/** The alt text says nothing the blurb does not: the same words, whatever the case, spacing or final dots. */
function repeatsText(alt: string, text: string): boolean {
  const plain = (text: string) =>
    text
      .toLowerCase()
      .replace(/[\s\u00a0]+/g, ' ')
      .replace(/[\s.…!?:;,]+$/u, '')
      .trim();
  const said = plain(alt);
  return said !== '' && plain(text) === said;
}

/** A hint beside a post not chosen yet: what the checks would find in its own words once it is. */
export type PostHint = 'student-name' | 'tone';

/**
 * What the name and tone checks would say of a post before it is added to the digest, from its title and
 * text as the teacher wrote them: for sorting the day's posts, not a finding (the roster is left out, as it is
 * read from storage for the texts of the digest only).
 */
export function postHints(
  post: { title: string; summary: string; author: string | null },
  context: { staff: readonly string[]; nameAllowlist: readonly string[]; toneWords: readonly string[] },
): PostHint[] {
  const adult = authorIsStaff(post.author, context.staff);
  // The post's address is left out: it is read for the roster's surnames, which hints do not have.
  const text = [post.title, post.summary, adult ? '' : (post.author ?? '')].join('\n');
  const staff = [...context.staff, ...(adult && post.author ? [post.author] : [])];
  return [
    ...(findStudentNames(text, { staffNames: staff, allowlist: context.nameAllowlist }).length
      ? (['student-name'] as const)
      : []),
    ...(findToneWords(text, context.toneWords).length ? (['tone'] as const) : []),
  ];
}
