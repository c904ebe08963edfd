// The images a coordinator may choose for an entry: the post's own (its media image and the images in its
// sanitized content). An entry can only show one of these, so an edited form cannot point a district email
// at an arbitrary address.
import type { Item } from '../db/items';
import { readHtml } from '../text/read-html';

export interface ImageChoice {
  url: string;
  alt: string;
  /** When the district took its copy of this picture down, if it did: it is not shown again anywhere. */
  takenDownAt?: number;
}

const MAX_CHOICES = 12;

export function imagesOf(item: Pick<Item, 'imageUrl' | 'imageAlt' | 'contentHtml'>): ImageChoice[] {
  const choices: ImageChoice[] = [];
  const add = (url: string, alt: string) => {
    if (choices.length < MAX_CHOICES && !choices.some((c) => c.url === url)) choices.push({ url, alt });
  };
  if (item.imageUrl) add(item.imageUrl, item.imageAlt ?? '');
  // The content was sanitized before it was stored: every <img> in it has a vetted, absolute src.
  readHtml(item.contentHtml, {
    openTag(name, attributes) {
      if (name === 'img' && attributes.src) add(attributes.src, attributes.alt ?? '');
    },
    text() {},
    closeTag() {},
  });
  return choices;
}
