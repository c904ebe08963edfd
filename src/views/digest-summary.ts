// What a digest holds, in the words a parent reads: "6 posts from 4 schools", and its title as people see it.
import type { DigestEntryWithItem } from '../db/digests';
import { translator, type Translator } from '../i18n/translate';

/** '6 posts from 4 schools', '1 post from Oak Hill Elementary', in the page's language. */
export function digestSummary(
  entries: readonly DigestEntryWithItem[],
  text: Translator = translator('en'),
): string {
  if (entries.length === 0) return text.t('digest.none');
  const schools = [...new Set(entries.map((e) => e.item.schoolName))];
  const from = schools.length === 1 ? schools[0]! : text.t('digest.schools', { count: schools.length });
  return text.t('digest.summary', { posts: text.t('digest.posts', { count: entries.length }), from });
}

/**
 * The heading and the kicker above it: a digest with a title of its own is headed by it, with its date as the
 * kicker; one without is headed by its date (the site's name is already in the masthead).
 */
export function digestHeading(
  digest: { title: string; date: string },
  text: Translator = translator('en'),
): { title: string; dated: boolean } {
  const custom = digest.title.trim();
  return custom ? { title: custom, dated: true } : { title: text.dayTitle(digest.date), dated: false };
}
