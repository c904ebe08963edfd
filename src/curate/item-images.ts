// The images a coordinator may choose for an entry: the post's own (its media image and the images in its
// sanitized content). An entry can only show one of these, so an edited form cannot point a district email
// at an arbitrary address.
import type { Item } from '../db/items';
import { unescapeHtml } from '../text/escape';

export interface ImageChoice {
  url: string;
  alt: string;
}

const IMG = /<img\b[^>]*?\bsrc="([^"]+)"[^>]*>/g;
const ALT = /\balt="([^"]*)"/;

export function imagesOf(item: Pick<Item, 'imageUrl' | 'imageAlt' | 'contentHtml'>): ImageChoice[] {
  const choices: ImageChoice[] = [];
  const add = (url: string, alt: string) => {
    if (!choices.some((c) => c.url === url)) choices.push({ url, alt });
  };
  if (item.imageUrl) add(item.imageUrl, item.imageAlt ?? '');
  for (const match of item.contentHtml.matchAll(IMG)) {
    add(unescapeHtml(match[1]!), unescapeHtml(ALT.exec(match[0])?.[1] ?? ''));
    if (choices.length >= 12) break;
  }
  return choices;
}
