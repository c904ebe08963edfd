// A new entry's blurb does not repeat the sentence its headline was made from.
import { describe, expect, it } from 'vitest';
import type { InboxListing } from '../db/items';
import { defaultEntry } from './entry-defaults';

const listing = (fields: Partial<InboxListing>) =>
  ({ id: 7, mediaRelease: true, imageUrl: null, imageAlt: null, ...fields }) as InboxListing;

describe('defaultEntry', () => {
  it('goes on after the first sentence when the headline was made from it', () => {
    const entry = defaultEntry(
      listing({
        title: 'Room 12 planted tulips today!',
        titleDerived: true,
        summary: 'Room 12 planted tulips today! We learned how a bulb stores food for the winter.',
      }),
    );
    expect(entry).toMatchObject({
      headline: 'Room 12 planted tulips today!',
      blurb: 'We learned how a bulb stores food for the winter.',
    });
    // One sentence was all the post said: the headline says it, and the blurb is empty.
    expect(defaultEntry(listing({ title: 'Tulips!', titleDerived: true, summary: 'Tulips!' })).blurb).toBe(
      '',
    );
  });

  it('keeps the whole text where the headline is the post’s own title, or its first sentence cut short', () => {
    const own = listing({
      title: 'Tulips',
      titleDerived: false,
      summary: 'Tulips are up in the garden beds by the gym.',
    });
    expect(defaultEntry(own).blurb).toBe('Tulips are up in the garden beds by the gym.');
    const long = 'Our second graders spent the whole morning in the garden planting tulip bulbs with';
    const cut = listing({
      title: `${long.slice(0, 60)}…`,
      titleDerived: true,
      summary: `${long} their buddies.`,
    });
    expect(defaultEntry(cut).blurb).toBe(`${long} their buddies.`);
  });
});
