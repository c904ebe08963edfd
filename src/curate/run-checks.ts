// The district's rules, checked before anything goes out: probable student names, photos without a media
// release, tone, missing alt text, unauthorized accounts, posts from another day. Pure: the draft and what
// it refers to in, findings out; each finding says what is wrong and what to do, and an override recorded
// by a person (with a reason) resolves it.
import { formatLongDate } from '../publish/digest-content';
import { dayRange, localDateOf } from '../time/zoned-time';
import { fileNameWords, findStudentNames, type NameMatch } from './find-student-names';
import { findToneWords } from './find-tone';

export const FINDING_KINDS = [
  'student-name',
  'photo-without-release',
  'tone',
  'missing-alt-text',
  'unauthorized-source',
  'outside-day',
  'picture-unavailable',
  'translation-unreviewed',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** item id 0 stands for the digest itself: its title and intro, and the email as a whole. */
export const DIGEST_LEVEL = 0;

export interface Override {
  itemId: number;
  kind: string;
  reason: string;
  userId: number | null;
  createdAt: number;
}

export interface Finding {
  itemId: number;
  kind: FindingKind;
  message: string;
  override?: Override;
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
  overrides: Override[];
  /** The email's plain-text part, checked as sent. */
  emailText?: string;
  /** The posts for the district's social accounts, checked as posted. */
  socialText?: string;
  /** Pictures without a ready copy, by address: why, in a sentence. */
  pictureProblems?: ReadonlyMap<string, string>;
  /** The digest's text in the district's other languages: checked for names and tone like the original. */
  translations?: CheckTranslation[];
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
  const add = (itemId: number, kind: FindingKind, message: string) => {
    const override = input.overrides.find((o) => o.itemId === itemId && o.kind === kind);
    findings.push({ itemId, kind, message, ...(override ? { override } : {}) });
  };
  const { start, end } = dayRange(input.date, input.timezone);
  const reported = new Set<string>();

  const nameCheck = (staff: string[]) => ({
    staffNames: staff,
    allowlist: input.nameAllowlist,
    isRosterSurname: input.isRosterSurname,
  });

  for (const entry of input.entries) {
    const staff = [
      ...(input.staffBySchool.get(entry.item.schoolId) ?? []),
      ...(entry.item.author ? [entry.item.author] : []),
    ];
    const fields: [string, string][] = [
      ['headline', entry.headline],
      ['blurb', entry.blurb],
      ['alt text', entry.imageAlt ?? ''],
      ['image file name', entry.imageUrl ? fileNameWords(entry.imageUrl) : ''],
      ['original post', entry.item.summary],
    ];
    const translated = (input.translations ?? []).map((t) => {
      const e = t.entries.get(entry.itemId);
      const fields: [string, string][] = [
        [`${t.label} headline`, e?.headline ?? ''],
        [`${t.label} blurb`, e?.blurb ?? ''],
        [`${t.label} alt text`, e?.imageAlt ?? ''],
      ];
      return { fields, toneWords: t.toneWords };
    });
    const names = new Map<string, { match: NameMatch; where: string[] }>();
    for (const [where, text] of [...fields, ...translated.flatMap((t) => t.fields)]) {
      for (const match of findStudentNames(text, nameCheck(staff))) {
        const found = names.get(match.name) ?? { match, where: [] };
        found.where.push(where);
        names.set(match.name, found);
        reported.add(match.name.toLowerCase());
      }
    }
    if (names.size) add(entry.itemId, 'student-name', describeNames([...names.values()]));

    const tone = [{ fields: fields.slice(0, 3), toneWords: input.toneWords }, ...translated].flatMap((set) =>
      set.fields.flatMap(([where, text]) =>
        findToneWords(text, set.toneWords).map((word) => ({ word, where })),
      ),
    );
    for (const t of tone) reported.add(t.word.toLowerCase());
    if (tone.length) add(entry.itemId, 'tone', describeTone(tone));

    if (entry.imageUrl && !entry.item.mediaRelease) {
      add(
        entry.itemId,
        'photo-without-release',
        `The image comes from ${entry.item.sourceTitle ?? 'an account'}, which has no media release on file. Remove the image, or record who confirms that a release exists for everyone pictured.`,
      );
    }
    if (entry.imageUrl && !entry.imageAlt?.trim()) {
      add(
        entry.itemId,
        'missing-alt-text',
        'The image has no alt text. Describe what it shows, for readers who cannot see it.',
      );
    } else if (entry.imageUrl && repeatsText(entry.imageAlt!, entry.blurb)) {
      // Feeds often give a picture the post's own words: a screen reader would read them twice and say
      // nothing of the picture. Not the headline: a post without a title takes its headline from the alt
      // text, and the teacher's description is then right where it is.
      add(
        entry.itemId,
        'missing-alt-text',
        'The image’s alt text repeats the post’s words, so a reader who cannot see it learns nothing about the picture. Describe what it shows instead.',
      );
    }
    const pictureProblem = entry.imageUrl ? input.pictureProblems?.get(entry.imageUrl) : undefined;
    if (pictureProblem) {
      add(
        entry.itemId,
        'picture-unavailable',
        `The picture could not be copied to the district's site: ${pictureProblem} Choose another picture or none, or save again to retry.`,
      );
    }
    if (entry.item.authorization !== 'authorized') {
      add(
        entry.itemId,
        'unauthorized-source',
        `This post comes from an account whose authorization is ${entry.item.authorization}. Remove the post, or authorize the account under Sources.`,
      );
    }
    if (entry.item.publishedAt < start || entry.item.publishedAt >= end) {
      const day = formatLongDate(localDateOf(entry.item.publishedAt, input.timezone));
      add(
        entry.itemId,
        'outside-day',
        `This post was published on ${day} (district time), not on the digest’s day. Remove it, or record why it belongs here.`,
      );
    }
  }

  // The digest's own words, and the email exactly as it is sent (which adds school names and the like).
  const digestFields: [string, string][] = [
    ['title', input.title],
    ['intro', input.intro],
    ['email text', input.emailText ?? ''],
    ['social post', input.socialText ?? ''],
  ];
  const translatedDigestFields = (input.translations ?? []).map((t) => ({
    fields: [
      [`${t.label} title`, t.title],
      [`${t.label} intro`, t.intro],
    ] as [string, string][],
    toneWords: t.toneWords,
  }));
  const allStaff = [...input.staffBySchool.values()].flat();
  const digestNames = new Map<string, { match: NameMatch; where: string[] }>();
  for (const [where, text] of [...digestFields, ...translatedDigestFields.flatMap((t) => t.fields)]) {
    for (const match of findStudentNames(text, nameCheck(allStaff))) {
      if ((where === 'email text' || where === 'social post') && reported.has(match.name.toLowerCase()))
        continue;
      const found = digestNames.get(match.name) ?? { match, where: [] };
      found.where.push(where);
      digestNames.set(match.name, found);
    }
  }
  if (digestNames.size) add(DIGEST_LEVEL, 'student-name', describeNames([...digestNames.values()]));
  const digestTone = [{ fields: digestFields, toneWords: input.toneWords }, ...translatedDigestFields]
    .flatMap((set) =>
      set.fields.flatMap(([where, text]) =>
        findToneWords(text, set.toneWords).map((word) => ({ word, where })),
      ),
    )
    .filter(
      (t) => !((t.where === 'email text' || t.where === 'social post') && reported.has(t.word.toLowerCase())),
    );
  if (digestTone.length) add(DIGEST_LEVEL, 'tone', describeTone(digestTone));
  return findings;
}

function describeNames(found: { match: NameMatch; where: string[] }[]): string {
  const names = list(found.map(({ match, where }) => `“${match.name}” (${where.join(', ')})`));
  const one = found.length === 1;
  const what = found.some((f) => f.match.reason === 'roster')
    ? one
      ? 'a student’s name on the roster'
      : 'students’ names on the roster'
    : one
      ? 'a student’s full name'
      : 'students’ full names';
  return `${names} ${one ? 'looks' : 'look'} like ${what}. Use first names only, or record why ${one ? 'it is' : 'they are'} fine.`;
}

function describeTone(found: { word: string; where: string }[]): string {
  const words = [...new Set(found.map((f) => `“${f.word}” (${f.where})`))];
  return `${list(words)} may read as mocking, shaming or complaining. Reword it, or record why it is fine.`;
}

function list(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
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
