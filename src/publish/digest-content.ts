// A digest with its entries, as every published form (page, feeds, embed, email) reads it, and the few
// presentation helpers they share.
import type { Database } from '../db/client';
import { findDigest, listEntries, type Digest, type DigestEntryWithItem } from '../db/digests';

export interface DigestContent {
  digest: Digest;
  entries: DigestEntryWithItem[];
}

export async function loadPublishedDigest(db: Database, date: string): Promise<DigestContent | undefined> {
  const digest = await findDigest(db, date);
  if (!digest || digest.status !== 'published') return undefined;
  return { digest, entries: await listEntries(db, [digest.id]) };
}

export async function loadDigestContents(db: Database, digests: Digest[]): Promise<DigestContent[]> {
  const entries = await listEntries(
    db,
    digests.map((d) => d.id),
  );
  return digests.map((digest) => ({ digest, entries: entries.filter((e) => e.digestId === digest.id) }));
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

export function digestTitle(digest: Digest, siteTitle: string): string {
  return digest.title.trim() || siteTitle;
}

/** Entries a subscriber of these schools receives (no schools chosen means every school). */
export function entriesForSchools(
  entries: DigestEntryWithItem[],
  schoolIds: readonly number[],
): DigestEntryWithItem[] {
  if (schoolIds.length === 0) return entries;
  return entries.filter((entry) => schoolIds.includes(entry.item.schoolId));
}
