// How the published forms point at a picture: only ever at the district's copies under PUBLIC_URL/media/,
// never at the original.
import type { StoredFile, StoredPicture } from '../db/pictures';
import { EMAIL_DISPLAY, insideSquare } from './picture-types';

export interface PictureView {
  /** The JPEG of the largest web size: for <img src>, feeds and link previews. */
  src: string;
  width: number;
  height: number;
  type: string;
  /** Bytes of src, for an RSS enclosure. */
  length: number;
  /** `URL 640w, URL 1280w` for each format. */
  webpSrcset: string;
  jpegSrcset: string;
  email: { src: string; width: number; height: number };
  /** Every size, smallest first, for the API. */
  sizes: { url: string; width: number; height: number; type: string }[];
}

export function mediaUrl(publicUrl: string, name: string): string {
  return `${publicUrl.replace(/\/$/, '')}/media/${name}`;
}

export function pictureView(picture: StoredPicture, publicUrl: string): PictureView | undefined {
  const url = (f: StoredFile) => mediaUrl(publicUrl, f.name);
  const srcset = (files: StoredFile[]) => files.map((f) => `${url(f)} ${f.width}w`).join(', ');
  const webp = picture.files.filter((f) => f.purpose === 'web');
  const jpeg = picture.files.filter((f) => f.purpose === 'fallback');
  const email = picture.files.find((f) => f.purpose === 'email');
  const largest = jpeg[jpeg.length - 1];
  if (!largest || !email) return undefined;
  return {
    src: url(largest),
    width: largest.width,
    height: largest.height,
    type: largest.type,
    length: largest.size,
    webpSrcset: srcset(webp),
    jpegSrcset: srcset(jpeg),
    // Shown inside a square of EMAIL_DISPLAY CSS pixels, and never wider than its own pixels.
    email: { src: url(email), ...insideSquare(email.width, email.height, EMAIL_DISPLAY) },
    sizes: picture.files.map((f) => ({ url: url(f), width: f.width, height: f.height, type: f.type })),
  };
}

/** The first entry's picture that has a copy: the one a feed item or a link preview shows for a digest. */
export function leadPicture(
  entries: { picture?: StoredPicture; imageAlt: string | null }[],
  publicUrl: string,
): (PictureView & { alt: string }) | undefined {
  for (const entry of entries) {
    const view = entry.picture && pictureView(entry.picture, publicUrl);
    if (view) return { ...view, alt: entry.imageAlt ?? '' };
  }
  return undefined;
}
