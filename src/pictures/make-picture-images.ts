// Pictures on Workers with the Cloudflare Images binding (IMAGES): Cloudflare decodes the original, turns it
// upright by its EXIF orientation (it always does), and writes the server's sizes and formats. Its JPEGs keep
// the EXIF copyright tag unless told otherwise, and the binding has no option for that, so every file it
// returns goes through strip-metadata.ts too, which also reads the size it came out at.
import {
  fitEmailSize,
  emailWidthFor,
  fileName,
  insideSquare,
  JPEG_QUALITY,
  MAX_PIXELS,
  THUMBNAIL_QUALITY,
  pictureKey,
  WEBP_QUALITY,
  webWidthsFor,
  type PictureFile,
  type PictureMaker,
} from './picture-types';
import { HEIC_REFUSAL, isHeic, tooManyPixels } from './picture-refusals';
import { stripMetadata } from './strip-metadata';

/** The part of the Images binding used here (workers-types' ImagesBinding). */
export interface ImagesLike {
  info(stream: ReadableStream<Uint8Array>): Promise<{ format: string; width?: number; height?: number }>;
  input(stream: ReadableStream<Uint8Array>): ImageTransformerLike;
}

interface ImageTransformerLike {
  transform(transform: { width?: number; fit?: 'scale-down' }): ImageTransformerLike;
  output(options: {
    format: 'image/jpeg' | 'image/webp';
    quality?: number;
    background?: string;
    anim?: boolean;
  }): Promise<{ image(): ReadableStream<Uint8Array> }>;
}

/** What the binding reads and Yesterday keeps as a still (an animated GIF or WebP becomes its first frame). */
const READABLE = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif']);

/**
 * `pixels` decodes the sizes the binding made, for their looks: the binding writes no raw pixels, so a
 * WebAssembly decoder does it (a 640-pixel WebP, not the original).
 */
export function createImagesPictureMaker(
  images: ImagesLike,
  pixels: PictureMaker['pixels'],
): Required<PictureMaker> {
  return {
    pixels,
    async make(bytes) {
      // Cloudflare reads HEIC, but a server cannot: refused on both, so a picture works wherever it is moved.
      if (isHeic(bytes)) return { error: HEIC_REFUSAL };
      let info;
      try {
        info = await images.info(streamOf(bytes));
      } catch {
        return { error: 'The file is not a picture Yesterday can read (JPEG, PNG, WebP, GIF or AVIF).' };
      }
      if (info.format === 'image/svg+xml') {
        return {
          error:
            'The picture is an SVG drawing, which could load other files when shown; Yesterday only copies photographs and bitmaps. Choose another picture.',
        };
      }
      if (!READABLE.has(info.format) || !info.width || !info.height)
        return { error: 'The file is not a picture Yesterday can read (JPEG, PNG, WebP, GIF or AVIF).' };
      if (info.width * info.height > MAX_PIXELS) return { error: tooManyPixels(info.width * info.height) };
      // The sizes asked for follow the upright width; what comes back says the size each file really has.
      const [width, height] =
        orientationOf(bytes) >= 5 ? [info.height, info.width] : [info.width, info.height];
      const key = await pictureKey(bytes);
      const make = async (
        purpose: PictureFile['purpose'],
        type: 'image/jpeg' | 'image/webp',
        w: number,
        quality: number,
      ): Promise<PictureFile> => {
        const output = await images
          .input(streamOf(bytes))
          .transform({ width: w, fit: 'scale-down' })
          .output({ format: type, quality, background: '#ffffff', anim: false });
        const clean = stripMetadata(new Uint8Array(await new Response(output.image()).arrayBuffer()));
        return {
          name: fileName(key, purpose, clean.width, type),
          purpose,
          type,
          width: clean.width,
          height: clean.height,
          bytes: clean.bytes,
        };
      };
      let files: PictureFile[];
      try {
        const web = await Promise.all(
          webWidthsFor(width).flatMap((w) => [
            make('web', 'image/webp', w, WEBP_QUALITY),
            make('fallback', 'image/jpeg', w, JPEG_QUALITY),
          ]),
        );
        const email = await fitEmailSize(
          emailWidthFor(width, height),
          (w, quality) => make('email', 'image/jpeg', w, quality),
          (file) => file.bytes.length,
        );
        files = [...web, email];
      } catch {
        return {
          error: 'The picture is damaged or cut off and cannot be read completely. Choose another picture.',
        };
      }
      // Two sizes asked for can come back the same (a picture narrower than it said): one file each.
      files = files.filter((file, at) => files.findIndex((f) => f.name === file.name) === at);
      return { key, width, height, files };
    },

    async thumbnail(bytes, side) {
      if (isHeic(bytes)) return { error: HEIC_REFUSAL };
      try {
        const info = await images.info(streamOf(bytes));
        if (!READABLE.has(info.format) || !info.width || !info.height)
          return { error: 'The file is not a picture Yesterday can read (JPEG, PNG, WebP, GIF or AVIF).' };
        if (info.width * info.height > MAX_PIXELS) return { error: tooManyPixels(info.width * info.height) };
        const [width, height] =
          orientationOf(bytes) >= 5 ? [info.height, info.width] : [info.width, info.height];
        const output = await images
          .input(streamOf(bytes))
          .transform({ width: insideSquare(width, height, side).width, fit: 'scale-down' })
          .output({ format: 'image/webp', quality: THUMBNAIL_QUALITY, anim: false });
        const made = new Uint8Array(await new Response(output.image()).arrayBuffer());
        return { type: 'image/webp', bytes: stripMetadata(made).bytes };
      } catch {
        return { error: 'The picture is damaged or cut off and cannot be read completely.' };
      }
    },
  };
}

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new Blob([bytes as Uint8Array<ArrayBuffer>]).stream();
}

/** A JPEG's EXIF orientation (1 when there is none or the file is something else). */
function orientationOf(bytes: Uint8Array): number {
  try {
    return stripMetadata(bytes).orientation;
  } catch {
    return 1;
  }
}
