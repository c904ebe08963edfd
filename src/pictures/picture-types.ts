// What a picture becomes once Yesterday keeps it: the sizes it is served in, and the parts a runtime supplies
// (Node: sharp and SQLite; Workers: a re-encode in workerd and R2).
import type { Pixels } from './pixel-steps';

/** Widths for pages, feeds and the embed; a picture narrower than one is kept at its own width. */
export const WEB_WIDTHS = [640, 1280] as const;
/**
 * The email's picture: at most 600 CSS pixels across and as many high, at 2×, JPEG, kept under EMAIL_MAX_BYTES
 * where quality allows. The height is held too, so a portrait photo is no taller in a parent's inbox than a
 * landscape one is wide.
 */
export const EMAIL_WIDTH = 1200;
/** A picture's size brought inside a square of `side`, in its own shape, never enlarged. */
export function insideSquare(width: number, height: number, side: number): { width: number; height: number } {
  const scale = Math.min(1, side / width, side / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
/** The email size's width for a picture of this upright size: inside a square of EMAIL_WIDTH. */
export function emailWidthFor(width: number, height: number): number {
  return insideSquare(width, height, EMAIL_WIDTH).width;
}
/** How large the email shows a picture, in CSS pixels: the template's column, and as high as it is wide. */
export const EMAIL_DISPLAY = 592;
export const EMAIL_MAX_BYTES = 200 * 1024;
/**
 * The email's JPEG is written at the first of these [quality, width scale] steps that keeps it under
 * EMAIL_MAX_BYTES; a picture still too heavy at the last quality (fine detail everywhere) is made narrower.
 */
export const EMAIL_STEPS = [
  [78, 1],
  [68, 1],
  [58, 1],
  [48, 1],
  [48, 0.75],
  [48, 0.5],
] as const;

/**
 * The email's JPEG, `width` wide at first: made at each of EMAIL_STEPS in turn (by each runtime's own `make`)
 * until one fits EMAIL_MAX_BYTES; the last step's if none does.
 */
export async function fitEmailSize<Made>(
  width: number,
  make: (width: number, quality: number) => Promise<Made>,
  sizeOf: (made: Made) => number,
): Promise<Made> {
  let made: Made | undefined;
  for (const [quality, scale] of EMAIL_STEPS) {
    made = await make(Math.round(width * scale), quality);
    if (sizeOf(made) <= EMAIL_MAX_BYTES) break;
  }
  return made!;
}
/** Web sizes' encoding, the same on every runtime. */
export const WEBP_QUALITY = 78;
export const JPEG_QUALITY = 80;
/** The desk's small pictures are looked at, not kept: a lower quality than the published sizes is enough. */
export const THUMBNAIL_QUALITY = 70;
/** Larger pictures are refused before they are decoded (a 50-megapixel photo, a decompression bomb). */
export const MAX_PIXELS = 40_000_000;
/** Largest download accepted for one picture. */
export const MAX_PICTURE_BYTES = 25 * 1024 * 1024;

export type PicturePurpose = 'web' | 'fallback' | 'email';

export interface PictureFile {
  name: string;
  purpose: PicturePurpose;
  type: 'image/webp' | 'image/jpeg' | 'image/png';
  width: number;
  height: number;
  bytes: Uint8Array;
}

export interface MadePicture {
  /** Names the copy: a hash of the original bytes. */
  key: string;
  /** The upright size of the original. */
  width: number;
  height: number;
  files: PictureFile[];
}

/** The size a copy's looks are read from (picture-looks.ts): its smallest web size, the same on every runtime. */
export function looksFile<F extends { purpose: string; width: number }>(files: readonly F[]): F | undefined {
  return files.filter((f) => f.purpose === 'web').sort((a, b) => a.width - b.width)[0];
}

/** A small picture for the desk, made from an original the district has not copied (desk-pictures.ts). */
export interface Thumbnail {
  type: 'image/webp' | 'image/jpeg' | 'image/png' | 'image/gif';
  bytes: Uint8Array;
}

/** Turns an original's bytes into clean sizes, or says in a sentence why it cannot. */
export interface PictureMaker {
  make(bytes: Uint8Array): Promise<MadePicture | { error: string }>;
  /**
   * The picture upright inside a square of `side` pixels, as WebP. Only where it is cheap (sharp shrinks a JPEG
   * as it decodes it; the Images binding works outside the Worker); WebAssembly in a Worker would spend its CPU
   * on every look, so there the desk is sent the original as it came (desk-pictures.ts).
   */
  thumbnail?(bytes: Uint8Array, side: number): Promise<Thumbnail | { error: string }>;
  /** A size Yesterday made (WebP), decoded to RGBA, to read what it looks like (picture-looks.ts). */
  pixels(bytes: Uint8Array): Promise<Pixels>;
}

/** Where the sizes' bytes are kept. */
export interface PictureBytes {
  /** True when the bytes live in the database (picture_files.bytes), so storing rows stores them too. */
  readonly inDatabase: boolean;
  put(file: PictureFile): Promise<void>;
  get(name: string): Promise<Uint8Array | undefined>;
  delete(names: string[]): Promise<void>;
}

export const EXTENSIONS: Record<PictureFile['type'], string> = {
  'image/webp': 'webp',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

export const TYPES_BY_EXTENSION: Record<string, PictureFile['type']> = {
  webp: 'image/webp',
  jpg: 'image/jpeg',
  png: 'image/png',
};

/** `key-640.webp`, `key-email.jpg`: names that change whenever the bytes could. */
export function fileName(key: string, purpose: PicturePurpose, width: number, type: PictureFile['type']) {
  return `${key}-${purpose === 'email' ? 'email' : width}.${EXTENSIONS[type]}`;
}

/** The first 20 hex digits of the SHA-256 of the bytes. */
export async function pictureKey(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest.subarray(0, 10), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The web widths a picture of this width gets: the standard ones below it, then its own (at most the largest). */
export function webWidthsFor(width: number): number[] {
  const largest = Math.min(width, WEB_WIDTHS[WEB_WIDTHS.length - 1]!);
  return [...WEB_WIDTHS.filter((w) => w < largest), largest];
}
