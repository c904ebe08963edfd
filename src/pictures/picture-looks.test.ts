// What a picture looks like: the same photo saved again, smaller, as PNG or in grey stays within
// SAME_LOOKS_BITS of itself; different photos do not come near. The photos are the demo's (drawn scenes with
// flat backgrounds, the hardest case for a difference hash), read at the size Yesterday reads them from.
import { readdirSync, readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { looksDistance, looksOf, LOOKS_BITS, SAME_LOOKS_BITS, sameLooks } from './picture-looks';
import { WEB_WIDTHS, WEBP_QUALITY } from './picture-types';

const PHOTOS = 'src/demo/photos';

/** As copy-pictures.ts reads it: the smallest web size (WebP), decoded. */
async function looksOfOriginal(bytes: Buffer): Promise<string | undefined> {
  const web = await sharp(bytes)
    .rotate()
    .flatten({ background: '#ffffff' })
    .resize({ width: WEB_WIDTHS[0], withoutEnlargement: true })
    .webp({ quality: WEBP_QUALITY })
    .toBuffer();
  const { data, info } = await sharp(web).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return looksOf({
    data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength),
    width: info.width,
    height: info.height,
  });
}

describe('what a picture looks like', () => {
  const photos = readdirSync(PHOTOS)
    .filter((name) => name.endsWith('.jpg'))
    .map((name) => ({ name, bytes: readFileSync(`${PHOTOS}/${name}`) }));

  it('keeps a photo close to itself resized, saved again, as PNG and in grey', async () => {
    expect(photos.length).toBeGreaterThanOrEqual(5);
    for (const { name, bytes } of photos) {
      const looks = (await looksOfOriginal(bytes))!;
      expect(looks, name).toMatch(new RegExp(`^[0-9a-f]{${LOOKS_BITS / 4}}$`));
      const upright = () => sharp(bytes).rotate();
      const variants = {
        'small, low quality': await upright().resize({ width: 300 }).jpeg({ quality: 40 }).toBuffer(),
        'larger, saved again': await upright().resize({ width: 1000 }).jpeg({ quality: 60 }).toBuffer(),
        png: await upright().png().toBuffer(),
        grey: await upright().greyscale().jpeg().toBuffer(),
      };
      for (const [variant, changed] of Object.entries(variants)) {
        const distance = looksDistance(looks, (await looksOfOriginal(changed))!);
        expect(distance, `${name}, ${variant}`).toBeLessThanOrEqual(SAME_LOOKS_BITS);
      }
    }
  });

  it('keeps different photos apart', async () => {
    const all = await Promise.all(
      photos.map(async (p) => ({ ...p, looks: (await looksOfOriginal(p.bytes))! })),
    );
    for (const [at, one] of all.entries()) {
      for (const other of all.slice(at + 1)) {
        expect(looksDistance(one.looks, other.looks), `${one.name} and ${other.name}`).toBeGreaterThan(
          SAME_LOOKS_BITS,
        );
      }
      expect(
        sameLooks(
          one.looks,
          all.filter((p) => p !== one),
        ),
      ).toBeUndefined();
    }
  });

  it('does not compare a picture too even or too small to say anything', async () => {
    const flat = (width: number, height: number, noise = 0) => {
      const data = new Uint8ClampedArray(width * height * 4);
      for (let at = 0; at < data.length; at += 4) {
        const grey = 200 + ((at * 7919) % (2 * noise + 1)) - noise;
        data.set([grey, grey, grey, 255], at);
      }
      return { data, width, height };
    };
    expect(looksOf(flat(640, 480))).toBeUndefined();
    // JPEG's grain on a blank page averages out in the grid: still nothing to compare.
    expect(looksOf(flat(640, 480, 3))).toBeUndefined();
    expect(looksOf(flat(8, 8))).toBeUndefined();
  });

  it('picks the closest picture taken down, and none for looks of another kind', async () => {
    const [a, b] = [(await looksOfOriginal(photos[0]!.bytes))!, (await looksOfOriginal(photos[1]!.bytes))!];
    const oneBitOff = (a[0] === '0' ? '1' : '0') + a.slice(1);
    expect(looksDistance(a, a)).toBe(0);
    expect(looksDistance(a, oneBitOff)).toBeGreaterThan(0);
    expect(looksDistance(a, a.slice(2))).toBe(LOOKS_BITS);
    const takenDown = [
      { id: 'other', looks: b },
      { id: 'unread', looks: null },
      { id: 'near', looks: oneBitOff },
      { id: 'same', looks: a },
    ];
    expect(sameLooks(a, takenDown)?.id).toBe('same');
    expect(sameLooks(null, takenDown)).toBeUndefined();
  });
});
