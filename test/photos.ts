// Pictures for tests, made with sharp: a phone photo with a GPS position and a turned orientation, the other
// formats a class blog posts, and the broken and hostile files a picture copy must refuse.
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { chunk } from './png';

/** Where the phone "was": a GPS position that must never be published. */
export const GPS = { latitude: 40.4462, longitude: -79.9767 };

/**
 * A JPEG as a phone writes it: stored 800×600 (or the size asked for) on its side (EXIF orientation 6, "turn 90° clockwise to view"),
 * red on the stored left and blue on the right, so upright it is 600×800 with red at the top. EXIF carries the
 * GPS position, the phone's make and model, and XMP and a comment ride along.
 */
export async function phonePhoto({ width = 800, height = 600 } = {}): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#d03030' } })
    .composite([
      {
        input: { create: { width: width / 2, height, channels: 3, background: '#3040d0' } },
        left: width / 2,
        top: 0,
      },
    ])
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone 12', Software: 'Camera 1.0' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '40/1 26/1 4632/100',
        GPSLongitudeRef: 'W',
        GPSLongitude: '79/1 58/1 3600/100',
      },
    })
    .withXmp(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Ms Example</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>',
    )
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

export async function transparentPng(): Promise<Buffer> {
  return sharp({
    create: { width: 300, height: 200, channels: 4, background: { r: 0, g: 128, b: 0, alpha: 0.5 } },
  })
    .png()
    .toBuffer();
}

export async function webpPhoto(): Promise<Buffer> {
  return sharp({ create: { width: 1600, height: 900, channels: 3, background: '#e0a020' } })
    .webp()
    .toBuffer();
}

/** Two frames, green then red. */
export async function animatedGif(): Promise<Buffer> {
  const frame = (colour: string) =>
    sharp({ create: { width: 120, height: 90, channels: 3, background: colour } })
      .raw()
      .toBuffer();
  const frames = Buffer.concat([await frame('#00a000'), await frame('#a00000')]);
  return sharp(frames, { raw: { width: 120, height: 180, channels: 3, pageHeight: 90 } })
    .gif({ delay: [500, 500], loop: 0 })
    .toBuffer();
}

/** The first box of an iPhone's HEIC file (ftyp, brand heic), then bytes no decoder here can read. */
export function heicPhoto(): Buffer {
  const ftyp = Buffer.alloc(24);
  ftyp.writeUInt32BE(24, 0);
  ftyp.write('ftypheic', 4, 'latin1');
  ftyp.writeUInt32BE(0, 12);
  ftyp.write('mif1heic', 16, 'latin1');
  return Buffer.concat([ftyp, Buffer.alloc(2000, 7)]);
}

/** A JPEG cut off after its first kilobytes, as an interrupted upload leaves it. */
export async function truncatedJpeg(): Promise<Buffer> {
  const whole = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#808080' } })
    .composite([
      {
        input: Buffer.from(
          '<svg width="1200" height="900"><circle cx="600" cy="450" r="400" fill="#c0c"/></svg>',
        ),
      },
    ])
    .jpeg()
    .toBuffer();
  return whole.subarray(0, Math.floor(whole.length / 3));
}

/** A real 50-megapixel JPEG (8660 × 5774), one colour, so it is small to keep and send. */
export async function fiftyMegapixels(): Promise<Buffer> {
  return sharp({ create: { width: 8660, height: 5774, channels: 3, background: '#204060' } })
    .jpeg()
    .toBuffer();
}

/**
 * A decompression bomb: a PNG whose header says 20,000 × 20,000 pixels (1.2 GB decoded), in a few hundred
 * bytes. A reader that decodes before checking the size runs out of memory.
 */
export function pngBomb(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(20_000, 0);
  header.writeUInt32BE(20_000, 4);
  header[8] = 8;
  header[9] = 2;
  // The first rows' worth of zeros: deflate makes megabytes of them into a few hundred bytes.
  const rows = deflateSync(Buffer.alloc(4 * 1024 * 1024));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', rows),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
