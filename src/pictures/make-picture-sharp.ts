// Pictures on a server: sharp (libvips) decodes the original once per size, turns it upright by its EXIF
// orientation, and writes sizes that carry no metadata at all (sharp writes none unless asked: no EXIF with
// its GPS position, no XMP, IPTC, maker notes or comments; colours are converted to sRGB first).
import sharp from 'sharp';
import {
  fitEmailSize,
  emailWidthFor,
  JPEG_QUALITY,
  fileName,
  MAX_PIXELS,
  pictureKey,
  THUMBNAIL_QUALITY,
  WEBP_QUALITY,
  webWidthsFor,
  type MadePicture,
  type PictureFile,
  type PictureMaker,
} from './picture-types';
import { HEIC_REFUSAL, isHeic, tooManyPixels } from './picture-refusals';

/**
 * Formats read (AVIF is 'heif' with AV1 inside); the first frame of an animated GIF or WebP is kept, as email
 * clients show no other.
 */
const READABLE = new Set(['jpeg', 'png', 'webp', 'gif', 'heif', 'tiff']);
const SECONDS_PER_PICTURE = 30;

export function createSharpPictureMaker(): Required<PictureMaker> {
  // libvips' own cache holds decoded tiles of pictures already written; each original is read once here.
  sharp.cache(false);
  return {
    async make(bytes) {
      if (isHeic(bytes)) return { error: HEIC_REFUSAL }; // libvips here has no HEVC decoder
      let meta: sharp.Metadata;
      try {
        // The header alone: sharp's own pixel limit would refuse a bomb here without saying why.
        meta = await sharp(bytes, { limitInputPixels: false }).metadata();
      } catch {
        return { error: 'The file is not a picture Yesterday can read (JPEG, PNG, WebP, GIF or AVIF).' };
      }
      const refused = refusal(meta);
      if (refused) return { error: refused };
      // Orientations 5–8 turn the picture a quarter: its upright width is the stored height.
      const turned = (meta.orientation ?? 1) >= 5;
      const width = turned ? meta.height : meta.width;
      const height = turned ? meta.width : meta.height;
      const key = await pictureKey(bytes);
      const upright = () =>
        sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' })
          .timeout({ seconds: SECONDS_PER_PICTURE })
          .rotate()
          // A transparent PNG on white, as it would sit on the page, not on JPEG's black.
          .flatten({ background: '#ffffff' });
      try {
        // The sizes are written side by side: libvips runs each on its own thread, so a coordinator's save
        // waits about as long as for the largest (bench/media.ts).
        const sizes = webWidthsFor(width).flatMap((w) => [
          upright()
            .resize({ width: w })
            .webp({ quality: WEBP_QUALITY })
            .toBuffer({ resolveWithObject: true })
            .then((made) => fileOf(key, 'web', 'image/webp', made)),
          upright()
            .resize({ width: w })
            .jpeg({ quality: JPEG_QUALITY, mozjpeg: true })
            .toBuffer({ resolveWithObject: true })
            .then((made) => fileOf(key, 'fallback', 'image/jpeg', made)),
        ]);
        const email = emailSize(upright, emailWidthFor(width, height)).then((made) =>
          fileOf(key, 'email', 'image/jpeg', made),
        );
        const files = await Promise.all([...sizes, email]);
        return { key, width, height, files } satisfies MadePicture;
      } catch (error) {
        return { error: failure(error) };
      }
    },

    async pixels(bytes) {
      const { data, info } = await sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' })
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      return {
        data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength),
        width: info.width,
        height: info.height,
      };
    },

    async thumbnail(bytes, side) {
      if (isHeic(bytes)) return { error: HEIC_REFUSAL };
      try {
        const refused = refusal(await sharp(bytes, { limitInputPixels: false }).metadata());
        if (refused) return { error: refused };
        const made = await sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' })
          .timeout({ seconds: SECONDS_PER_PICTURE })
          .rotate()
          .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
          .webp({ quality: THUMBNAIL_QUALITY })
          .toBuffer();
        return { type: 'image/webp', bytes: new Uint8Array(made.buffer, made.byteOffset, made.byteLength) };
      } catch (error) {
        return { error: failure(error) };
      }
    },
  };
}

/** The email's JPEG, stepping down in quality (then width) until it fits (picture-types.ts). */
function emailSize(upright: () => sharp.Sharp, width: number) {
  return fitEmailSize(
    width,
    (w, quality) =>
      upright().resize({ width: w }).jpeg({ quality, mozjpeg: true }).toBuffer({ resolveWithObject: true }),
    (made) => made.data.length,
  );
}

function fileOf(
  key: string,
  purpose: PictureFile['purpose'],
  type: PictureFile['type'],
  made: { data: Buffer; info: sharp.OutputInfo },
): PictureFile {
  return {
    name: fileName(key, purpose, made.info.width, type),
    purpose,
    type,
    width: made.info.width,
    height: made.info.height,
    bytes: new Uint8Array(made.data.buffer, made.data.byteOffset, made.data.byteLength),
  };
}

function refusal(meta: sharp.Metadata): string | undefined {
  if (meta.format === 'heif' && meta.compression !== 'av1') return HEIC_REFUSAL;
  if (meta.format === 'svg') {
    return 'The picture is an SVG drawing, which could load other files when shown; Yesterday only copies photographs and bitmaps. Choose another picture.';
  }
  if (!meta.format || !READABLE.has(meta.format)) {
    const kind = meta.format ? `a ${meta.format.toUpperCase()} file, ` : '';
    return `The file is ${kind}not a picture Yesterday can read (JPEG, PNG, WebP, GIF or AVIF).`;
  }
  if (!meta.width || !meta.height) return 'The picture has no size, so it cannot be read.';
  const pixels = meta.width * meta.height;
  if (pixels > MAX_PIXELS) {
    return tooManyPixels(pixels);
  }
  return undefined;
}

function failure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/timeout/i.test(message))
    return `The picture took longer than ${SECONDS_PER_PICTURE} seconds to convert, so it was abandoned. Choose another picture.`;
  return 'The picture is damaged or cut off and cannot be read completely. Choose another picture.';
}
