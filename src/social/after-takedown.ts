// A post or a picture taken down from a digest whose post is up on the district's social accounts: the network
// keeps what it showed of the page as it was (the text, the link card with its title, summary and picture;
// Bluesky keeps the picture itself, uploaded with the post). When the takedown changes any of that, the posts
// are deleted and made again from the page as it is now, so what came down on the site comes down there too.
import type { Database } from '../db/client';
import { replaceDayPosts } from '../db/social-posts';
import { leadPicture } from '../pictures/picture-view';
import { loadPublishedDigest } from '../publish/digest-content';
import { postPartsOf } from './compose-post';
import { postingSite, readSocialSettings } from './social-settings';

/** What a digest's social posts show of it, as one comparable string; undefined for a digest not published. */
export async function socialLook(db: Database, publicUrl: string, date: string): Promise<string | undefined> {
  const content = await loadPublishedDigest(db, date);
  if (!content) return undefined;
  const site = await postingSite(db, publicUrl, await readSocialSettings(db));
  const { title, summary } = postPartsOf(content, site);
  return JSON.stringify([title, summary, leadPicture(content.entries, publicUrl)?.email.src ?? null]);
}

/**
 * The looks of the digests a takedown touches, taken before it, and after it the replacement of the posts of
 * those whose look changed: answers how many posts on the district's accounts are being replaced (or, for an
 * account disconnected since, are left for a person to delete).
 */
export async function socialLooksBefore(
  db: Database,
  publicUrl: string,
  dates: readonly string[],
): Promise<(now: number) => Promise<number>> {
  const unique = [...new Set(dates)];
  const before = await Promise.all(unique.map((date) => socialLook(db, publicUrl, date)));
  return async (now) => {
    let replaced = 0;
    for (const [i, date] of unique.entries()) {
      if (before[i] === undefined) continue;
      const after = await socialLook(db, publicUrl, date);
      // A digest taken down whole has its posts deleted by the social job (markTakenDownPosts).
      if (after === undefined || after === before[i]) continue;
      replaced += await replaceDayPosts(db, date, now);
    }
    return replaced;
  };
}
