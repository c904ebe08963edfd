// The sentences a coordinator reads when a picture cannot be copied, shared by the server's and the Workers'
// picture makers.
import { MAX_PIXELS } from './picture-types';

export const HEIC_REFUSAL =
  'The picture is in HEIC, the iPhone format, which Yesterday cannot convert. Choose another picture, or ask the teacher to post it as JPEG (iPhone: Settings → Camera → Formats → Most Compatible).';

/** ISO-BMFF brands of HEIC (HEVC inside). */
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);

/** An HEIC file, by its first box: `ftyp` and an HEVC brand. */
export function isHeic(bytes: Uint8Array): boolean {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  return bytes.length >= 12 && ascii(4, 8) === 'ftyp' && HEIC_BRANDS.has(ascii(8, 12));
}

export function tooManyPixels(pixels: number): string {
  return `The picture is ${Math.round(pixels / 1e6)} megapixels; Yesterday copies pictures up to ${MAX_PIXELS / 1e6} megapixels. Choose another picture, or ask for a smaller copy.`;
}
