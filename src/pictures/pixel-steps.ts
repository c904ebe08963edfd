// The three steps between decoding and resizing that the WebAssembly codecs do not offer in the shape Workers
// need: shrinking a decoded photo by a whole factor first (what libvips does on a server), turning it upright
// by its EXIF orientation, and laying a transparent picture on white. Each works on RGBA bytes, one pass.

export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/**
 * Averages each `factor` × `factor` block into one pixel, as libvips shrinks before it resizes: the resizer
 * then works on a quarter of the photo or less, and its working memory (8 bytes per output pixel of a column
 * pass) shrinks with it. Averaging whole blocks is exact downsampling, so the finer resize that follows
 * loses nothing visible.
 */
export function shrinkBy(image: Pixels, factor: number): Pixels {
  if (factor <= 1) return image;
  const width = Math.floor(image.width / factor);
  const height = Math.floor(image.height / factor);
  const out = new Uint8ClampedArray(width * height * 4);
  const sums = new Uint32Array(width * 4);
  const area = factor * factor;
  for (let y = 0; y < height; y++) {
    sums.fill(0);
    for (let dy = 0; dy < factor; dy++) {
      let from = (y * factor + dy) * image.width * 4;
      for (let x = 0; x < width * 4; x += 4) {
        for (let dx = 0; dx < factor; dx++, from += 4) {
          for (let c = 0; c < 4; c++) sums[x + c] = sums[x + c]! + image.data[from + c]!;
        }
      }
    }
    const row = y * width * 4;
    for (let i = 0; i < width * 4; i++) out[row + i] = Math.round(sums[i]! / area);
  }
  return { data: out, width, height };
}

/**
 * The picture as it is meant to be seen, for EXIF orientations 2–8 (1 is upright already). Each output pixel
 * (x, y) reads the stored pixel the orientation maps it from.
 */
export function turnUpright(image: Pixels, orientation: number): Pixels {
  if (orientation <= 1 || orientation > 8) return image;
  const { width: w, height: h } = image;
  const swapped = orientation >= 5;
  const width = swapped ? h : w;
  const height = swapped ? w : h;
  const source = new Uint32Array(image.data.buffer, image.data.byteOffset, w * h);
  const out = new Uint32Array(width * height);
  // Where output (x, y) comes from, in stored coordinates, per orientation.
  const from: (x: number, y: number) => number = {
    2: (x: number, y: number) => y * w + (w - 1 - x),
    3: (x: number, y: number) => (h - 1 - y) * w + (w - 1 - x),
    4: (x: number, y: number) => (h - 1 - y) * w + x,
    5: (x: number, y: number) => x * w + y,
    6: (x: number, y: number) => (h - 1 - x) * w + y,
    7: (x: number, y: number) => (h - 1 - x) * w + (w - 1 - y),
    8: (x: number, y: number) => x * w + (w - 1 - y),
  }[orientation]!;
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[y * width + x] = source[from(x, y)]!;
  return { data: new Uint8ClampedArray(out.buffer), width, height };
}

/** A transparent picture as it would sit on the page, on white (JPEG has no transparency); in place. */
export function flattenOnWhite(image: Pixels): Pixels {
  const { data } = image;
  for (let i = 0; i < data.length; i += 4) {
    const alpha = data[i + 3]!;
    if (alpha === 255) continue;
    for (let c = 0; c < 3; c++) data[i + c] = Math.round((data[i + c]! * alpha + 255 * (255 - alpha)) / 255);
    data[i + 3] = 255;
  }
  return image;
}
