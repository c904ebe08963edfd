// The benchmarks' photo: a 12-megapixel JPEG (4000 × 3000 unless asked otherwise, photographic grain, EXIF
// with GPS and orientation 6), and sharp alone writing the five sizes from it, the baseline of bench/media.ts
// and bench/media-workers.ts.
import sharp from 'sharp';

export async function twelveMegapixels(width = 4000, height = 3000): Promise<Buffer> {
  const grain = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .png()
    .toBuffer();
  const scene = Buffer.from(
    `<svg width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#f2c14e"/><stop offset="1" stop-color="#2d6a4f"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="1400" cy="1300" r="700" fill="#c8553d"/><rect x="2300" y="900" width="1200" height="1500" rx="80" fill="#1d3557"/></svg>`,
  );
  return sharp(scene)
    .composite([{ input: grain, blend: 'soft-light' }])
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'Bench', Model: 'Phone' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '40/1 26/1 4632/100',
        GPSLongitudeRef: 'W',
        GPSLongitude: '79/1 58/1 3600/100',
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** sharp alone: the same five outputs, one pipeline each, as its documentation writes them. */
export async function sharpAlone(bytes: Buffer): Promise<number> {
  const upright = () => sharp(bytes).rotate().flatten({ background: '#ffffff' });
  const outputs = await Promise.all([
    upright().resize({ width: 640 }).webp({ quality: 78 }).toBuffer(),
    upright().resize({ width: 640 }).jpeg({ quality: 80, mozjpeg: true }).toBuffer(),
    upright().resize({ width: 1280 }).webp({ quality: 78 }).toBuffer(),
    upright().resize({ width: 1280 }).jpeg({ quality: 80, mozjpeg: true }).toBuffer(),
    upright().resize({ width: 1200 }).jpeg({ quality: 78, mozjpeg: true }).toBuffer(),
  ]);
  return outputs.length;
}
