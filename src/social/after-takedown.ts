// A post or a picture taken down from a digest whose post is up on the district's social accounts: the network
// keeps what it showed of the page as it was (the text, the link card with its title, summary and picture;
// Bluesky keeps the picture itself, uploaded with the post). When the takedown changes any of that, the posts
// are deleted and made again from the page as it is now, so what came down on the site comes down there too.
import type { Database } from '../db/client';
import { replaceDayPosts, type ReplacedPosts } from '../db/social-posts';
import { leadPicture } from '../pictures/picture-view';
import { loadPublishedDigest } from '../publish/digest-content';
import { postPartsOf } from './compose-post';
import { postingSite, readSocialSettings } from './social-settings';

/**
 * What a digest's social posts show of it, as one comparable string; undefined for a digest not published. Its
 * title, the intro's first line or, without an intro, the headlines the summary line names (not its counts: a
 * post fewer is no reason to post the day again), and the picture of the link preview.
 */
export async function socialLook(db: Database, publicUrl: string, date: string): Promise<string | undefined> {
  const content = await loadPublishedDigest(db, date);
  if (!content) return undefined;
  const site = await postingSite(db, publicUrl, await readSocialSettings(db));
  const { title, summary } = postPartsOf(content, site);
  const words = content.digest.intro.trim()
    ? summary
    : content.entries.slice(0, 3).map((entry) => entry.headline.trim());
  return JSON.stringify([title, words, leadPicture(content.entries, publicUrl)?.email.src ?? null]);
}

/**
 * The looks of the digests a takedown touches, taken before it, and after it the replacement of the posts of
 * those whose look changed: answers what became of the posts that were up (replaceDayPosts).
 */
export async function socialLooksBefore(
  db: Database,
  publicUrl: string,
  dates: readonly string[],
): Promise<(now: number) => Promise<ReplacedPosts>> {
  const unique = [...new Set(dates)];
  const before = await Promise.all(unique.map((date) => socialLook(db, publicUrl, date)));
  return async (now) => {
    const replaced: ReplacedPosts = { again: 0, deleted: 0, byHand: 0 };
    for (const [i, date] of unique.entries()) {
      if (before[i] === undefined) continue;
      const after = await socialLook(db, publicUrl, date);
      // A digest taken down whole has its posts deleted by the social job (markTakenDownPosts).
      if (after === undefined || after === before[i]) continue;
      const day = await replaceDayPosts(db, date, now);
      replaced.again += day.again;
      replaced.deleted += day.deleted;
      replaced.byHand += day.byHand;
    }
    return replaced;
  };
}
