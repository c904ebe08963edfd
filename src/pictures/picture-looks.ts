// What a picture looks like, in 288 bits, so that a photo taken down does not come back resized, re-saved or
// re-posted from another account: the same photo at another size or quality has other bytes (another `key`)
// but nearly the same pattern of light and dark. A difference hash: the picture is brought to a 9 × 9 grid of
// average brightness, and each cell is compared with its right-hand and its lower neighbour (144 comparisons),
// two bits each: brighter, darker, or even. Calling near-equal cells even, rather than one or the other, keeps
// a flat background (a drawing, a poster) from turning into bits that a re-save flips at random.
//
// Pure JavaScript on decoded RGBA, so a server (sharp decodes) and a Worker (the WebAssembly codecs decode)
// compute it the same way.
import type { Pixels } from './pixel-steps';

const GRID = 9;
/** 2 bits for each of 144 comparisons, written as 72 hex digits. */
export const LOOKS_BITS = 4 * GRID * (GRID - 1);

/**
 * At most this many of the bits differ between a picture and one taken down for it to count as the same photo.
 * Measured on photos, drawings and screenshots: re-saving as JPEG at quality 40–60, resizing to 300 pixels,
 * PNG, greyscale or stronger colour move a picture 0–11 bits, 15% brighter 0–32; two versions of the same
 * diagram were 30 apart and unrelated pictures 39 or more. A crop moves it too far to be found (a crop of 3%
 * already 5–52 bits).
 */
export const SAME_LOOKS_BITS = 20;

/**
 * Cells whose brightness differs by less than this (of 255) count as even: a picture with fewer than
 * MIN_EDGES real edges (a blank page, a flat colour) has bits that are mostly noise, and is not compared.
 */
const EVEN = 2;
const MIN_EDGES = 24;

/** The picture's looks as 72 hex digits, or undefined for a picture too small or too even to compare. */
export function looksOf(picture: Pixels): string | undefined {
  const { width, height, data } = picture;
  if (width < GRID || height < GRID) return undefined;
  const sums = new Float64Array(GRID * GRID);
  const counts = new Uint32Array(GRID * GRID);
  for (let y = 0; y < height; y++) {
    const row = Math.floor((y * GRID) / height) * GRID;
    for (let x = 0, at = y * width * 4; x < width; x++, at += 4) {
      const cell = row + Math.floor((x * GRID) / width);
      // Alpha is laid on white before a picture gets here (or it has none).
      sums[cell] = sums[cell]! + 0.299 * data[at]! + 0.587 * data[at + 1]! + 0.114 * data[at + 2]!;
      counts[cell] = counts[cell]! + 1;
    }
  }
  const grid = Array.from(sums, (sum, cell) => sum / counts[cell]!);
  const bits: number[] = [];
  let edges = 0;
  // Two bits a comparison: 01 brighter, 10 darker, 00 even (noise on a flat background is not a bit).
  const compare = (a: number, b: number) => {
    const step = b - a >= EVEN ? 1 : a - b >= EVEN ? 2 : 0;
    if (step) edges++;
    bits.push(step >> 1, step & 1);
  };
  for (let r = 0; r < GRID; r++) for (let c = 0; c < GRID - 1; c++) compare(cell(r, c), cell(r, c + 1));
  for (let r = 0; r < GRID - 1; r++) for (let c = 0; c < GRID; c++) compare(cell(r, c), cell(r + 1, c));
  if (edges < MIN_EDGES) return undefined;
  let hex = '';
  for (let at = 0; at < bits.length; at += 4) {
    const nibble = (bits[at]! << 3) | (bits[at + 1]! << 2) | (bits[at + 2]! << 1) | bits[at + 3]!;
    hex += nibble.toString(16);
  }
  return hex;

  function cell(r: number, c: number): number {
    return grid[r * GRID + c]!;
  }
}

/** How many of the bits of two looks differ (LOOKS_BITS for looks of another length). */
export function looksDistance(a: string, b: string): number {
  if (a.length !== b.length || a.length * 4 !== LOOKS_BITS) return LOOKS_BITS;
  let distance = 0;
  for (let at = 0; at < a.length; at++) {
    let differ = parseInt(a[at]!, 16) ^ parseInt(b[at]!, 16);
    while (differ) {
      distance += differ & 1;
      differ >>= 1;
    }
  }
  return distance;
}

/** Whether two looks are close enough to be the same photo. */
export function looksAlike(a: string, b: string): boolean {
  return looksDistance(a, b) <= SAME_LOOKS_BITS;
}

/** The closest of `takenDown` whose looks are close enough to `looks` to be the same photo. */
export function sameLooks<T extends { looks: string | null }>(
  looks: string | null | undefined,
  takenDown: readonly T[],
): T | undefined {
  if (!looks) return undefined;
  let best: { picture: T; distance: number } | undefined;
  for (const picture of takenDown) {
    if (!picture.looks) continue;
    const distance = looksDistance(looks, picture.looks);
    if (distance <= SAME_LOOKS_BITS && (!best || distance < best.distance)) best = { picture, distance };
  }
  return best?.picture;
}
