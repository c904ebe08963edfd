// A digest with its entries, as every published form (page, feeds, embed, email) reads it, and the few
// presentation helpers they share.
import type { Database } from '../db/client';
import { digestWords } from '../i18n/site-language';
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
  /** Every correction, oldest first, each shown with the digest wherever it is read. */
  corrections?: { at: number; note: string }[];
  /** When entries were taken down; readers see that something was removed, not what or why. */
  removals?: number[];
  /**
   * In a language other than the district's (publish/localize-content.ts): shown as a machine translation
   * nobody reviewed ('automatic'), or in the district's own language for want of a reviewed one ('original').
   */
  notice?: 'automatic' | 'original';
  /**
   * On a page in another language, the texts shown in the district's own for want of a translation: that
   * language, and which texts (all, or by key). Pages and emails mark them with it (`lang`), so a screen reader
   * reads them in the right voice.
   */
  untranslated?: { lang: string; texts: ReadonlySet<ContentText> | 'all' };
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
    corrections: corrections.filter((c) => c.digestId === digest.id).map(({ at, note }) => ({ at, note })),
    removals: removals.filter((r) => r.digestId === digest.id).map((r) => r.removedAt),
  }));
}

/** One school's part of a digest: its entries only, without the district-wide intro. */
export function schoolSlice(content: DigestContent, schoolId: number): DigestContent {
  return {
    ...content,
    digest: { ...content.digest, intro: '' },
    entries: content.entries.filter((e) => e.item.schoolId === schoolId),
  };
}

/** The latest change readers can see: publishing, a correction or a takedown. */
export function changedAt(content: DigestContent): number {
  return Math.max(
    content.digest.publishedAt ?? 0,
    ...(content.corrections ?? []).map((c) => c.at),
    ...(content.removals ?? []),
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

export function digestTitle(digest: Digest, siteTitle: string): string {
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
