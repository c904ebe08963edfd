// A teacher who changes a post after the district published it (takes its picture out, rewrites it) has most
// often found something wrong with it; the district's digest still shows it as it was. The desk marks every
// such post, and the editors are emailed when the picture the digest shows was taken out, so that someone looks
// and corrects the digest or takes the post or its picture down. Only what the feed shows is known: a post
// deleted outright simply stops appearing in its feed, which cannot be told from a post that scrolled off it.
import type { AppDeps } from '../deps';
import type { Database } from '../db/client';
import { claimJobMark } from '../db/job-marks';
import { listEntriesReadAgainSince } from '../db/digests';
import { formatDay, formatLongDate } from '../publish/digest-content';
import { readDistrictSettings, siteOf } from '../settings/district-settings';
import { readHtml } from '../text/read-html';
import { emailIsOn } from '../email/no-mailer';
import { notifyEditors } from './notify-editors';

/** Posts changed this long after their digest was published are still told of; older digests are archive. */
export const CHANGES_WATCHED_DAYS = 14;

/** What changed in a published post, as far as its feed says. */
export interface ChangeAfterPublishing {
  /** When Yesterday read the changed post. */
  at: number;
  /** The picture the digest shows is no longer in the post (and the digest still shows it). */
  pictureGone: boolean;
}

/**
 * Whether the post of a published entry changed after `publishedAt` (the desk gives the last correction's
 * time, when later): read again from its feed with other content (its title, text, pictures, tags, address or
 * author). Entries taken down are left alone.
 */
export function changeAfterPublishing(
  entry: {
    removedAt: number | null;
    imageUrl: string | null;
    pictureRemovedAt: number | null;
    item: { updatedAt: number; imageUrl: string | null; imageAlt: string | null; contentHtml: string };
  },
  publishedAt: number | null,
): ChangeAfterPublishing | undefined {
  if (publishedAt === null || entry.removedAt !== null || entry.item.updatedAt <= publishedAt)
    return undefined;
  const shown = entry.imageUrl && entry.pictureRemovedAt === null ? entry.imageUrl : undefined;
  return { at: entry.item.updatedAt, pictureGone: !!shown && !pictureStillIn(entry.item, shown) };
}

/**
 * Whether the post still has the picture at `url`, as its main image or in its text, at that address or at
 * one that names the same file (another size of it, as WordPress makes them, or with other query parameters,
 * as an image CDN adds them): a blog that serves its pictures differently has not taken them out.
 */
export function pictureStillIn(item: { imageUrl: string | null; contentHtml: string }, url: string): boolean {
  const wanted = sameFile(url);
  if (item.imageUrl && sameFile(item.imageUrl) === wanted) return true;
  let found = false;
  readHtml(item.contentHtml, {
    openTag(name, attributes) {
      if (found || (name !== 'img' && name !== 'source')) return;
      const candidates = [
        attributes.src,
        ...(attributes.srcset ?? '').split(',').map((c) => c.trim().split(/\s+/)[0]),
      ];
      found = candidates.some((candidate) => !!candidate && sameFile(candidate) === wanted);
    },
    text() {},
    closeTag() {},
  });
  return found;
}

/** A picture's address reduced to its file: host and path, without a size suffix (-1024x768) or parameters. */
function sameFile(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname.replace(/-\d+x\d+(?=\.[a-z0-9]+$)/i, '')}`.toLowerCase();
  } catch {
    return url;
  }
}

interface ChangedEntry {
  date: string;
  itemId: number;
  headline: string;
  schoolName: string;
  imageUrl: string | null;
  postUrl: string | null;
  change: ChangeAfterPublishing;
}

/** Entries of digests published in the last CHANGES_WATCHED_DAYS whose post changed after publishing. */
async function listChangedEntries(db: Database, now: number): Promise<ChangedEntry[]> {
  const rows = await listEntriesReadAgainSince(db, now - CHANGES_WATCHED_DAYS * 86_400_000);
  return rows.flatMap((row) => {
    const change = changeAfterPublishing(row, row.publishedAt);
    return change ? [{ ...row, change }] : [];
  });
}

/**
 * Emails the editors about published posts whose feed no longer shows the picture the digest shows: one email
 * per digest, naming each such picture once (a key per picture, shared by every process). Other changes
 * are only marked on the desk: a new version of Yesterday that reads feeds a little differently rewrites the
 * posts it reads again, which would email the editors of every post in the last two weeks; a picture's address
 * does not change that way. Answers how many posts it told of.
 */
export async function noticeChangedPosts(deps: AppDeps): Promise<number> {
  // With no way to email, the desk's mark is all there is; nothing is marked as told.
  if (!emailIsOn(deps.mailer)) return 0;
  const now = deps.clock.now();
  const byDate = new Map<string, ChangedEntry[]>();
  for (const entry of await listChangedEntries(deps.db, now)) {
    if (!entry.change.pictureGone) continue;
    // Once per picture the digest shows: later edits of the same post do not tell it again.
    if (!(await claimJobMark(deps.db, `picture-gone:${entry.date}:${entry.itemId}:${entry.imageUrl}`, now)))
      continue;
    byDate.set(entry.date, [...(byDate.get(entry.date) ?? []), entry]);
  }
  if (!byDate.size) return 0;
  const settings = await readDistrictSettings(deps.db);
  const site = siteOf(settings, deps.config.publicUrl);
  let told = 0;
  for (const [date, changed] of byDate) {
    const one = changed.length === 1;
    await notifyEditors(
      { db: deps.db, mailer: deps.mailer, mailFrom: deps.config.mailFrom, site },
      {
        subject: one
          ? `A picture in the digest for ${formatDay(date)} is no longer in its post`
          : `${changed.length} pictures in the digest for ${formatDay(date)} are no longer in their posts`,
        heading: one ? 'A published picture left its post' : 'Published pictures left their posts',
        paragraphs: [
          `Since the digest for ${formatLongDate(date)} was published, ${one ? 'this post’s feed no longer shows the picture' : 'these posts’ feeds no longer show the pictures'} the digest shows. A teacher who takes a picture out has often found a problem with it (a student without a media release, say); the digest, its feeds and its emails still show it.`,
          ...changed.map(
            (entry) =>
              `“${entry.headline}” (${entry.schoolName})${entry.postUrl ? `: ${entry.postUrl}` : ''}`,
          ),
          'Look at the post on the teacher’s site, and take the picture down from the desk unless you know why it went.',
        ],
        action: { label: 'Open the digest', url: `${deps.config.publicUrl}/admin/inbox?date=${date}` },
      },
      'picture-gone',
    );
    told += changed.length;
  }
  deps.log.info('pictures no longer in their published posts were told to the editors', { posts: told });
  return told;
}
