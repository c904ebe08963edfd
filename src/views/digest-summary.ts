// What a digest holds, in the words a parent reads: "6 posts from 4 schools", and its title as people see it.
import type { DigestEntryWithItem } from '../db/digests';
import { formatLongDate } from '../publish/digest-content';
import { plural } from '../text/plural';

/** '6 posts from 4 schools', '1 post from Oak Hill Elementary'. */
export function digestSummary(entries: readonly DigestEntryWithItem[]): string {
  const schools = [...new Set(entries.map((e) => e.item.schoolName))];
  if (entries.length === 0) return 'No posts';
  const from = schools.length === 1 ? schools[0] : plural(schools.length, 'school');
  return `${plural(entries.length, 'post')} from ${from}`;
}

/**
 * The heading and the kicker above it: a digest with a title of its own is headed by it, with its date as the
 * kicker; one without is headed by its date (the site's name is already in the masthead).
 */
export function digestHeading(digest: { title: string; date: string }): { title: string; dated: boolean } {
  const custom = digest.title.trim();
  return custom ? { title: custom, dated: true } : { title: formatLongDate(digest.date), dated: false };
}
