// A picture's structure read without decoding it (sharp does not run on Workers): its type, stored size and
// EXIF orientation, checked whole before any decoder sees it, and, as a copy, its metadata stripped. JPEG, PNG
// and WebP are taken apart into their segments or chunks, and only those that draw the picture are kept. What
// goes: EXIF (with the GPS position), XMP, IPTC and Photoshop blocks, comments, text chunks, timestamps. What
// stays: the pixels as they were encoded, the colour profile, and, for a JPEG stored on its side, a new EXIF
// block holding nothing but its orientation, so viewers still turn it upright. Workers read pictures with it
// before re-encoding them, and clean what the Images binding returns with it (make-picture-images.ts).

export interface StrippedPicture {
  bytes: Uint8Array;
  type: 'image/jpeg' | 'image/png' | 'image/webp';
  /** Size as stored; `turned` when the orientation kept says to show it a quarter turn round. */
  width: number;
  height: number;
  turned: boolean;
  /** The EXIF orientation, 1 (upright) to 8; always 1 for PNG and WebP. */
  orientation: number;
}

export class UnreadablePicture extends Error {}

export function stripMetadata(bytes: Uint8Array): StrippedPicture {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return stripJpeg(bytes);
  if (ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return stripPng(bytes);
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return stripWebp(bytes);
  throw new UnreadablePicture('not JPEG, PNG or WebP');
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const be16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const be32 = (b: Uint8Array, at: number) =>
  ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;
const le16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const le24 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
const le32 = (b: Uint8Array, at: number) => (le16(b, at) + le16(b, at + 2) * 65536) >>> 0;

// JPEG: SOI, then segments (FF marker, big-endian length including itself) up to the scan, which is copied
// as it is to the end.
function stripJpeg(bytes: Uint8Array): StrippedPicture {
  const kept: Uint8Array[] = [];
  let orientation = 1;
  let width = 0;
  let height = 0;
  let at = 2;
  for (;;) {
    if (at + 4 > bytes.length || bytes[at] !== 0xff) throw new UnreadablePicture('a JPEG segment is broken');
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    const length = be16(bytes, at + 2);
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) throw new UnreadablePicture('a JPEG segment is cut off');
    const data = bytes.subarray(at + 4, end);
    if (marker === 0xda) {
      // Entropy-coded data never holds FF D9 (a coded FF is followed by 00 or a restart marker), so a file
      // without it after the scan was cut off; a decoder would fill the missing part with grey.
      if (!endsPicture(bytes, end)) throw new UnreadablePicture('the JPEG is cut off');
      kept.push(bytes.subarray(at)); // the scan and everything after it
      break;
    }
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      height = be16(data, 1);
      width = be16(data, 3);
    }
    if (marker === 0xe1 && ascii(data, 0, 6) === 'Exif\0\0') orientation = exifOrientation(data.subarray(6));
    const keep =
      isSof ||
      marker === 0xc4 || // Huffman tables
      marker === 0xdb || // quantization tables
      marker === 0xdd || // restart interval
      (marker === 0xe0 && ascii(data, 0, 5) === 'JFIF\0') ||
      (marker === 0xe2 && ascii(data, 0, 12) === 'ICC_PROFILE\0') ||
      // Adobe's APP14 says how CMYK and YCCK pixels are to be read: without it such a picture shows wrong.
      (marker === 0xee && ascii(data, 0, 5) === 'Adobe');
    if (keep) kept.push(bytes.subarray(at, end));
    at = end;
  }
  if (!width || !height) throw new UnreadablePicture('the JPEG has no size');
  const exif = orientation === 1 ? [] : [orientationOnlyExif(orientation)];
  return {
    bytes: concat([bytes.subarray(0, 2), ...exif, ...kept]),
    type: 'image/jpeg',
    width,
    height,
    turned: orientation >= 5,
    orientation,
  };
}

/** An end-of-image marker somewhere after `from`. */
function endsPicture(bytes: Uint8Array, from: number): boolean {
  for (let at = bytes.length - 2; at >= from; at--)
    if (bytes[at] === 0xff && bytes[at + 1] === 0xd9) return true;
  return false;
}

/** The Orientation tag (0x0112) of IFD0 in a TIFF block, or 1. */
function exifOrientation(tiff: Uint8Array): number {
  if (tiff.length < 8) return 1;
  const little = ascii(tiff, 0, 2) === 'II';
  const u16 = (at: number) => (little ? le16(tiff, at) : be16(tiff, at));
  const u32 = (at: number) => (little ? le32(tiff, at) : be32(tiff, at));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return 1;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) break;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/** An APP1 segment with an EXIF block holding one tag: the orientation. */
function orientationOnlyExif(orientation: number): Uint8Array {
  const tiff = [
    0x4d,
    0x4d,
    0,
    0x2a,
    0,
    0,
    0,
    8,
    0,
    1,
    0x01,
    0x12,
    0,
    3,
    0,
    0,
    0,
    1,
    0,
    orientation,
    0,
    0,
    0,
    0,
    0,
    0,
  ];
  const data = [...'Exif\0\0'].map((c) => c.charCodeAt(0)).concat(tiff);
  const length = data.length + 2;
  return Uint8Array.from([0xff, 0xe1, length >> 8, length & 0xff, ...data]);
}

/** PNG chunks that draw the picture (animation included); text, EXIF and timestamps are not among them. */
const PNG_KEPT = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'bKGD', 'pHYs', 'acTL', 'fcTL', 'fdAT']); // prettier-ignore

function stripPng(bytes: Uint8Array): StrippedPicture {
  const kept: Uint8Array[] = [bytes.subarray(0, 8)];
  let at = 8;
  let width = 0;
  let height = 0;
  let ended = false;
  while (at + 12 <= bytes.length) {
    const length = be32(bytes, at);
    const type = ascii(bytes, at + 4, at + 8);
    const end = at + 12 + length;
    if (end > bytes.length) throw new UnreadablePicture('a PNG chunk is cut off');
    if (type === 'IHDR') {
      width = be32(bytes, at + 8);
      height = be32(bytes, at + 12);
    }
    if (PNG_KEPT.has(type)) kept.push(bytes.subarray(at, end));
    at = end;
    if (type === 'IEND') {
      ended = true;
      break;
    }
  }
  if (!width || !height) throw new UnreadablePicture('the PNG has no size');
  if (!ended) throw new UnreadablePicture('the PNG is cut off');
  return { bytes: concat(kept), type: 'image/png', width, height, turned: false, orientation: 1 };
}

// WebP: a RIFF file of chunks (four-letter name, little-endian size, data padded to an even length).
function stripWebp(bytes: Uint8Array): StrippedPicture {
  const kept: Uint8Array[] = [];
  let at = 12;
  let width = 0;
  let height = 0;
  while (at + 8 <= bytes.length) {
    const name = ascii(bytes, at, at + 4);
    const size = le32(bytes, at + 4);
    const end = at + 8 + size + (size & 1);
    if (at + 8 + size > bytes.length) throw new UnreadablePicture('a WebP chunk is cut off');
    const data = bytes.subarray(at + 8, at + 8 + size);
    if (name === 'VP8X') {
      width = le24(data, 4) + 1;
      height = le24(data, 7) + 1;
      const chunk = bytes.slice(at, Math.min(end, bytes.length));
      chunk[8] = chunk[8]! & ~0x0c; // no EXIF (bit 3), no XMP (bit 2)
      kept.push(chunk);
    } else if (name !== 'EXIF' && name !== 'XMP ') {
      if (!width && name === 'VP8 ' && size >= 10) {
        width = le16(data, 6) & 0x3fff;
        height = le16(data, 8) & 0x3fff;
      } else if (!width && name === 'VP8L' && size >= 5) {
        const bits = le32(data, 1);
        width = (bits & 0x3fff) + 1;
        height = ((bits >>> 14) & 0x3fff) + 1;
      }
      kept.push(bytes.subarray(at, Math.min(end, bytes.length)));
    }
    at = end;
  }
  if (!width || !height) throw new UnreadablePicture('the WebP has no size');
  const body = concat(kept);
  const header = new Uint8Array(12);
  header.set([0x52, 0x49, 0x46, 0x46]);
  const riffSize = body.length + 4;
  header.set([riffSize & 0xff, (riffSize >> 8) & 0xff, (riffSize >> 16) & 0xff, riffSize >>> 24], 4);
  header.set([0x57, 0x45, 0x42, 0x50], 8);
  return { bytes: concat([header, body]), type: 'image/webp', width, height, turned: false, orientation: 1 };
}
