// The brand's mark as pixels, for what cannot show the SVG favicon: /favicon.ico (feed readers, older Safari,
// anything that asks for it by that name), the feeds' icon, and the picture a phone puts on its home screen.
// The mark is three shapes (brand.ts, MARK), so they are drawn here rather than through an SVG renderer, which
// Workers do not have: a pixel on an edge is sampled 4×4 times, any other is one colour. fast-png writes the PNG.
import { encode } from 'fast-png';
import { channels, MARK, markColours, type Brand } from './brand';

const SAMPLES = 4;

/**
 * The mark `size` pixels square as a PNG: on a tile with rounded corners and a transparent outside, or, for a
 * home screen (which rounds the corners itself and shows transparency as black), filling the square.
 */
export function markPng(
  brand: Brand,
  size: number,
  shape: 'rounded' | 'square' = 'rounded',
): Uint8Array<ArrayBuffer> {
  const colours = markColours(brand);
  const tile = channels(colours.tile);
  const v = channels(colours.v);
  const stem = channels(colours.stem);
  const half = MARK.line / 2;
  const scale = MARK.size / size;
  const data = new Uint8Array(size * size * 4);
  /** The topmost shape at a point: the stem over the V over the tile, or nothing outside the tile. */
  const colourAt = (x: number, y: number) =>
    distanceToLine(x, y, MARK.stem) <= half
      ? stem
      : distanceToLine(x, y, MARK.v) <= half
        ? v
        : shape === 'square' || tileDistance(x, y) <= 0
          ? tile
          : undefined;
  // A pixel whose centre is further than half its diagonal from every shape's edge is one colour throughout.
  const uniform = scale * 0.75;
  for (let py = 0; py < size; py++)
    for (let px = 0; px < size; px++) {
      const at = (py * size + px) * 4;
      const cx = (px + 0.5) * scale;
      const cy = (py + 0.5) * scale;
      if (
        Math.abs(distanceToLine(cx, cy, MARK.stem) - half) > uniform &&
        Math.abs(distanceToLine(cx, cy, MARK.v) - half) > uniform &&
        (shape === 'square' || Math.abs(tileDistance(cx, cy)) > uniform)
      ) {
        const colour = colourAt(cx, cy);
        if (colour) {
          data[at] = colour[0];
          data[at + 1] = colour[1];
          data[at + 2] = colour[2];
          data[at + 3] = 255;
        }
        continue;
      }
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++)
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = colourAt((px + (sx + 0.5) / SAMPLES) * scale, (py + (sy + 0.5) / SAMPLES) * scale);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered++;
        }
      if (covered === 0) continue;
      data[at] = Math.round(r / covered);
      data[at + 1] = Math.round(g / covered);
      data[at + 2] = Math.round(b / covered);
      data[at + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
    }
  // fast-png writes into an ArrayBuffer of its own.
  return encode({ width: size, height: size, data, channels: 4, depth: 8 }) as Uint8Array<ArrayBuffer>;
}

/**
 * An ICO file holding the mark at each size as a PNG (which Windows and every browser read inside an ICO since
 * Windows Vista): a six-byte header, a sixteen-byte entry per picture, then the pictures.
 */
export function markIco(brand: Brand, sizes: readonly number[] = [16, 32, 48]): Uint8Array<ArrayBuffer> {
  const pictures = sizes.map((size) => markPng(brand, size));
  const headerLength = 6 + 16 * pictures.length;
  const ico = new Uint8Array(headerLength + pictures.reduce((sum, png) => sum + png.length, 0));
  const view = new DataView(ico.buffer);
  view.setUint16(2, 1, true); // an icon
  view.setUint16(4, pictures.length, true);
  let offset = headerLength;
  pictures.forEach((png, i) => {
    const entry = 6 + 16 * i;
    ico[entry] = sizes[i]! % 256; // width and height; 0 means 256
    ico[entry + 1] = sizes[i]! % 256;
    view.setUint16(entry + 4, 1, true); // colour planes
    view.setUint16(entry + 6, 32, true); // bits per pixel
    view.setUint32(entry + 8, png.length, true);
    view.setUint32(entry + 12, offset, true);
    ico.set(png, offset);
    offset += png.length;
  });
  return ico;
}

/** How far a point is outside the tile's edge, rounded corners included (negative inside). */
function tileDistance(x: number, y: number): number {
  const r = MARK.corner;
  const middle = MARK.size / 2;
  const qx = Math.abs(x - middle) - (middle - r);
  const qy = Math.abs(y - middle) - (middle - r);
  const ox = Math.max(qx, 0);
  const oy = Math.max(qy, 0);
  return Math.sqrt(ox * ox + oy * oy) + Math.min(Math.max(qx, qy), 0) - r;
}

/** How far a point is from a line through these points (its nearest segment). */
function distanceToLine(x: number, y: number, points: readonly (readonly number[])[]): number {
  let nearest = Infinity;
  for (let i = 1; i < points.length; i++) {
    const [ax, ay] = points[i - 1] as [number, number];
    const [bx, by] = points[i] as [number, number];
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    const ex = x - (ax + t * dx);
    const ey = y - (ay + t * dy);
    nearest = Math.min(nearest, Math.sqrt(ex * ex + ey * ey));
  }
  return nearest;
}
