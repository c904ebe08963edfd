// Pictures on Workers without the Images binding: the original is decoded in workerd with WebAssembly codecs
// (wasm-codecs.ts), turned upright, and written again in the server's sizes and formats. Nothing of the
// original file but its pixels reaches the new files, so they carry no metadata by construction. A Worker has
// 128 MB, so pictures are taken up to WORKER_MAX_PIXELS (docs/decisions/008-pictures.md).
import {
  fitEmailSize,
  emailWidthFor,
  fileName,
  JPEG_QUALITY,
  pictureKey,
  WEB_WIDTHS,
  WEBP_QUALITY,
  webWidthsFor,
  type MadePicture,
  type PictureFile,
  type PictureMaker,
} from './picture-types';
import { HEIC_REFUSAL, isHeic } from './picture-refusals';
import { flattenOnWhite, shrinkBy, turnUpright, type Pixels } from './pixel-steps';
import { stripMetadata, UnreadablePicture, type StrippedPicture } from './strip-metadata';
import type { WasmCodecs } from './wasm-codecs';

/**
 * A picture's pixels are held twice while it is decoded (in the decoder's memory and in the copy it hands
 * back), 8 bytes a pixel, next to the file itself and the Worker's own memory, in 128 MB: 8 megapixels (64 MB)
 * leaves room; a 12-megapixel phone original (98 MB) does not (docs/decisions/008-pictures.md).
 */
export const WORKER_MAX_PIXELS = 8_400_000;
/** An 8-megapixel JPEG is 2–5 MB; a larger file is an unusually stored picture, and it is held twice too. */
export const WORKER_MAX_BYTES = 10 * 1024 * 1024;

export interface WasmMakerOptions {
  /** For the benchmark, which measures a 12-megapixel photo in workerd, where memory is not limited. */
  maxPixels?: number;
}

/**
 * One maker per isolate: pictures are made one after another (a desk save copies up to three at once), so
 * that only one picture's pixels are in memory at a time.
 */
export function createWasmPictureMaker(codecs: WasmCodecs, options: WasmMakerOptions = {}): PictureMaker {
  const maxPixels = options.maxPixels ?? WORKER_MAX_PIXELS;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    make(bytes) {
      const made = queue.then(() => makeOne(codecs, maxPixels, bytes));
      queue = made.catch(() => {});
      return made;
    },
    pixels(bytes) {
      const decoded = queue.then(() => codecs.decode('image/webp', bytes));
      queue = decoded.catch(() => {});
      return decoded;
    },
  };
}

async function makeOne(
  codecs: WasmCodecs,
  maxPixels: number,
  bytes: Uint8Array,
): Promise<MadePicture | { error: string }> {
  if (isHeic(bytes)) return { error: HEIC_REFUSAL };
  let header: StrippedPicture;
  try {
    header = stripMetadata(bytes);
  } catch (error) {
    if (!(error instanceof UnreadablePicture)) throw error;
    return {
      error:
        'The file is not a picture Yesterday can read on this installation (JPEG, PNG or WebP), or it is damaged or cut off. Choose another picture.',
    };
  }
  const refused = refusal(header, bytes.length, maxPixels);
  if (refused) return { error: refused };
  const [width, height] = header.turned ? [header.height, header.width] : [header.width, header.height];
  const key = await pictureKey(bytes);
  let decoded: Pixels;
  try {
    decoded = await codecs.decode(header.type, bytes);
  } catch {
    return { error: 'The picture is damaged and cannot be read completely. Choose another picture.' };
  }
  // Whole-factor shrinking keeps the upright picture at least as wide as the largest size made from it.
  const largest = Math.min(width, WEB_WIDTHS[WEB_WIDTHS.length - 1]!);
  const stored = flattenOnWhite(shrinkBy(decoded, Math.floor(width / largest)));
  // Each size is made in the stored orientation and turned upright once it is small: turning the whole photo
  // first would hold a second full copy of it (32 MB at 8 megapixels) beside the first, and a phone's
  // portrait photo, stored on its side, is exactly the one that cannot be shrunk by a whole factor first.
  const sized = async (w: number) => {
    const h = Math.max(1, Math.round((w * height) / width));
    const [storedWidth, storedHeight] = header.turned ? [h, w] : [w, h];
    const small =
      storedWidth === stored.width && storedHeight === stored.height
        ? stored
        : await codecs.resize(stored, storedWidth, storedHeight);
    return turnUpright(small, header.orientation);
  };
  const files: PictureFile[] = [];
  for (const w of webWidthsFor(width)) {
    const picture = await sized(w);
    files.push(fileOf(key, 'web', 'image/webp', picture, await codecs.encodeWebp(picture, WEBP_QUALITY)));
    files.push(
      fileOf(key, 'fallback', 'image/jpeg', picture, await codecs.encodeJpeg(picture, JPEG_QUALITY)),
    );
  }
  files.push(await emailSize(key, emailWidthFor(width, height), sized, codecs));
  return { key, width, height, files };
}

function refusal(header: StrippedPicture, size: number, maxPixels: number): string | undefined {
  const pixels = header.width * header.height;
  if (pixels > maxPixels) {
    return `The picture is ${oneDecimal(pixels / 1e6)} megapixels; on this installation (Cloudflare Workers without the Images binding) Yesterday converts pictures up to ${oneDecimal(maxPixels / 1e6)} megapixels. Choose another picture, or ask the teacher for a smaller copy (a blog usually offers one: WordPress makes a 2560-pixel copy of every upload).`;
  }
  if (size > WORKER_MAX_BYTES) {
    return `The picture's file is ${oneDecimal(size / 1048576)} MB; on this installation (Cloudflare Workers) Yesterday converts files up to ${oneDecimal(WORKER_MAX_BYTES / 1048576)} MB. Choose another picture, or ask the teacher for a smaller copy.`;
  }
  return undefined;
}

/** 8.4, 14 (not 14.0): close enough that a picture just over a limit never reads as the limit itself. */
function oneDecimal(value: number): string {
  return String(Number(value.toFixed(1)));
}

/** As on a server: stepping down in quality (then width) until the JPEG fits (picture-types.ts). */
function emailSize(
  key: string,
  width: number,
  sized: (w: number) => Pixels | Promise<Pixels>,
  codecs: WasmCodecs,
): Promise<PictureFile> {
  return fitEmailSize(
    width,
    async (w, quality) => {
      const picture = await sized(w);
      return fileOf(key, 'email', 'image/jpeg', picture, await codecs.encodeJpeg(picture, quality));
    },
    (file) => file.bytes.length,
  );
}

function fileOf(
  key: string,
  purpose: PictureFile['purpose'],
  type: PictureFile['type'],
  picture: Pixels,
  bytes: Uint8Array,
): PictureFile {
  return {
    name: fileName(key, purpose, picture.width, type),
    purpose,
    type,
    width: picture.width,
    height: picture.height,
    bytes,
  };
}
