// A digest with its entries, as every published form (page, feeds, embed, email) reads it, and the few
// presentation helpers they share.
import type { Database } from '../db/client';
import { digestWords, siteLanguage, type LanguageOfSite } from '../i18n/site-language';
import { languageNameIn } from '../i18n/language-names';
import { withPictures } from '../db/pictures';
import {
  findDigest,
  listCorrections,
  listEntries,
  listRemovals,
  type Digest,
  type DigestEntryWithItem,
} from '../db/digests';

export interface DigestContent {
  digest: Digest;
  /** The entries still up, in order. */
  entries: DigestEntryWithItem[];
  /**
   * Every correction, oldest first, each shown with the digest wherever it is read that it concerns: the
   * schools whose posts it changed, or (null) the whole digest.
   */
  corrections?: Correction[];
  /**
   * When entries were taken down, and whose they were (null: a district-wide post); readers see that
   * something was removed, not what or why.
   */
  removals?: { at: number; schoolId: number | null }[];
  /**
   * In a language other than the district's (publish/localize-content.ts): shown as a translation nobody
   * reviewed, with a machine's drafts in it ('automatic') or written by people ('unreviewed'), or in the
   * district's own language for want of a reviewed one ('original').
   */
  notice?: 'automatic' | 'unreviewed' | 'original';
  /**
   * On a page in another language, the texts shown in the district's own for want of a translation: that
   * language, and which texts (all, or by key). Pages and emails mark them with it (`lang`), so a screen reader
   * reads them in the right voice.
   */
  untranslated?: { lang: string; texts: ReadonlySet<ContentText> | 'all' };
}

export interface Correction {
  id: number;
  at: number;
  note: string;
  schoolIds: number[] | null;
}

/** A text of a digest that a translation gives: the title, intro, a correction's note, or an entry's (by item). */
export type ContentText =
  'title' | 'intro' | `note:${number}` | `headline:${number}` | `blurb:${number}` | `alt:${number}`;

/** The language to mark `text` with: the district's, when it is shown untranslated on a page in another. */
export function originalLangOf(content: DigestContent, text: ContentText): string | undefined {
  const untranslated = content.untranslated;
  if (!untranslated) return undefined;
  return untranslated.texts === 'all' || untranslated.texts.has(text) ? untranslated.lang : undefined;
}

export async function loadPublishedDigest(db: Database, date: string): Promise<DigestContent | undefined> {
  const digest = await findDigest(db, date);
  if (!digest || digest.status !== 'published') return undefined;
  return (await loadDigestContents(db, [digest]))[0];
}

export async function loadDigestContents(db: Database, digests: Digest[]): Promise<DigestContent[]> {
  const ids = digests.map((d) => d.id);
  const [entries, corrections, removals] = await Promise.all([
    listEntries(db, ids).then((listed) => withPictures(db, listed)),
    listCorrections(db, ids),
    listRemovals(db, ids),
  ]);
  return digests.map((digest) => ({
    digest,
    entries: entries.filter((e) => e.digestId === digest.id),
    corrections: corrections
      .filter((c) => c.digestId === digest.id)
      .map(({ id, at, note, schoolIds }) => ({ id, at, note, schoolIds })),
    removals: removals
      .filter((r) => r.digestId === digest.id)
      .map((r) => ({ at: r.removedAt, schoolId: r.schoolId })),
  }));
}

/** One school's part of a digest: its entries only, without the district-wide intro. */
export function schoolSlice(content: DigestContent, schoolId: number): DigestContent {
  return {
    ...noticesForSchools(content, [schoolId]),
    digest: { ...content.digest, intro: '' },
    entries: content.entries.filter((e) => e.item.schoolId === schoolId),
  };
}

/**
 * Whether readers of these schools (none: every school) are told of a correction: one of the whole digest,
 * or one that changed a post of theirs.
 */
function correctionConcerns(correction: Correction, schoolIds: readonly number[]): boolean {
  return (
    correction.schoolIds === null ||
    schoolIds.length === 0 ||
    correction.schoolIds.some((id) => schoolIds.includes(id))
  );
}

/**
 * The digest with only the corrections and removals that readers of these schools (none: every school) are
 * told of. A correction note keeps the language it is marked with, under its new place in the list.
 */
export function noticesForSchools(content: DigestContent, schoolIds: readonly number[]): DigestContent {
  if (schoolIds.length === 0) return content;
  const kept = (content.corrections ?? []).flatMap((correction, i) =>
    correctionConcerns(correction, schoolIds) ? [{ correction, was: i }] : [],
  );
  const untranslated = content.untranslated;
  const texts = untranslated?.texts;
  return {
    ...content,
    corrections: kept.map((k) => k.correction),
    removals: content.removals?.filter((r) => r.schoolId === null || schoolIds.includes(r.schoolId)),
    untranslated:
      untranslated && texts && texts !== 'all'
        ? {
            ...untranslated,
            texts: new Set([
              ...[...texts].filter((text) => !text.startsWith('note:')),
              ...kept.flatMap((k, i): ContentText[] => (texts.has(`note:${k.was}`) ? [`note:${i}`] : [])),
            ]),
          }
        : untranslated,
  };
}

/** The latest change readers can see: publishing, a correction, a takedown of a post or of its picture alone. */
export function changedAt(content: DigestContent): number {
  return Math.max(
    content.digest.publishedAt ?? 0,
    ...(content.corrections ?? []).map((c) => c.at),
    ...(content.removals ?? []).map((r) => r.at),
    ...content.entries.map((e) => e.pictureRemovedAt ?? 0),
  );
}

/** The account an entry came from, as readers know it: the feed's title, or the site's host name. */
export function sourceNameOf(entry: DigestEntryWithItem): string {
  if (entry.item.sourceTitle) return entry.item.sourceTitle;
  try {
    return new URL(entry.item.url ?? entry.item.sourceUrl).hostname.replace(/^www\./, '');
  } catch {
    return entry.item.schoolName;
  }
}

/** 'Friday, November 20, 2026' for '2026-11-20'. */
export function formatLongDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** 'Thursday, November 19' for '2026-11-19': a day this week or last, in subjects and reminders. */
export function formatDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    weekday: 'long',
    month: 'long',
    day: 'numeric',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** "Lakeside's daily digest", "Lakeside Schools' daily digest": what a parent calls it. */
export function dailyDigestOf(districtName: string): string {
  return digestWords({ districtName }).digest;
}

export function digestTitle(digest: Pick<Digest, 'title'>, siteTitle: string): string {
  return digest.title.trim() || siteTitle;
}

/**
 * Entries a subscriber of these schools receives: the district-wide ones and those schools' (no schools
 * chosen means every school).
 */
export function entriesForSchools(
  entries: DigestEntryWithItem[],
  schoolIds: readonly number[],
): DigestEntryWithItem[] {
  if (schoolIds.length === 0) return entries;
  return entries.filter((entry) => entry.item.districtWide || schoolIds.includes(entry.item.schoolId));
}

/**
 * The line above a digest in another language, on its page, in its feeds and in its email: that it is a machine
 * translation nobody reviewed, or the district's own text shown for want of one ('' when it is neither).
 */
export function translationNoticeText(content: DigestContent, site: LanguageOfSite): string {
  if (!content.notice) return '';
  const { text, own } = siteLanguage(site);
  if (content.notice === 'automatic') return text.t('digest.translatedAutomatically');
  if (content.notice === 'unreviewed') return text.t('digest.notReviewedYet');
  return text.t('digest.shownInOriginal', { language: languageNameIn(text.lang, own) });
}
