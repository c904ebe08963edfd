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
    blurb: truncateWords(item.summary, BLURB_LENGTH),
    imageUrl: withPhoto ? item.imageUrl : null,
    imageAlt: withPhoto ? item.imageAlt : null,
  };
}
