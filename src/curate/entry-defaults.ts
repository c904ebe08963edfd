// What a newly selected item starts as in the digest: its title as headline, a short blurb from its text,
// and its image only if the source has a media release on file (the district's photo rule).
import type { EntryDraft } from '../db/digests';
import type { InboxListing } from '../db/items';
import { truncateWords } from '../text/html-to-text';

export const BLURB_LENGTH = 280;

export function defaultEntry(item: InboxListing): EntryDraft {
  const withPhoto = item.mediaRelease && !!item.imageUrl;
  return {
    itemId: item.id,
    headline: item.title,
    blurb: truncateWords(blurbText(item), BLURB_LENGTH),
    imageUrl: withPhoto ? item.imageUrl : null,
    imageAlt: withPhoto ? item.imageAlt : null,
  };
}

/**
 * The text a blurb starts from. A post with no title of its own (a Mastodon or Bluesky post) has its first
 * sentence as headline (ingest/normalize-item.ts): the blurb goes on after it, not the same sentence twice, and
 * is empty when that sentence was all there was. A first sentence cut short in the headline stays in the blurb.
 */
function blurbText(item: Pick<InboxListing, 'title' | 'titleDerived' | 'summary'>): string {
  if (!item.titleDerived || item.title.endsWith('…') || !item.summary.startsWith(item.title))
    return item.summary;
  return item.summary.slice(item.title.length).trim();
}
