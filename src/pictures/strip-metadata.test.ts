// The Workers fallback's metadata stripping, checked with sharp and exifr as independent readers: no EXIF,
// GPS, XMP or comment left; the orientation kept alone; the pixels exactly as they were.
import exifr from 'exifr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { phonePhoto } from '../../test/photos';
import { stripMetadata, UnreadablePicture } from './strip-metadata';

const pixels = async (bytes: Uint8Array) => sharp(bytes).raw().toBuffer();

describe('stripMetadata', () => {
  it('takes EXIF with its GPS position, XMP and comments out of a phone JPEG and keeps only its orientation', async () => {
    const original = await phonePhoto();
    const withComment = Buffer.concat([
      original.subarray(0, 2),
      Buffer.from([0xff, 0xfe, 0, 12, ...Buffer.from('Ms Example')]),
      original.subarray(2),
    ]);
    expect((await exifr.parse(withComment, { gps: true })).latitude).toBeCloseTo(40.446, 2);
    const stripped = stripMetadata(withComment);
    expect(stripped).toMatchObject({ type: 'image/jpeg', width: 800, height: 600, turned: true });
    const meta = await sharp(stripped.bytes).metadata();
    expect(meta.orientation).toBe(6);
    expect(meta.xmp).toBeUndefined();
    expect(meta.comments).toBeUndefined();
    const exif = await exifr.parse(stripped.bytes, { gps: true, xmp: true, tiff: true, exif: true });
    expect(exif).toEqual({ Orientation: 'Rotate 90 CW' });
    expect(Buffer.from(stripped.bytes).includes('PhoneMaker')).toBe(false);
    expect(await pixels(stripped.bytes)).toEqual(await pixels(withComment));
  });

  it('drops text, EXIF and time chunks from a PNG and EXIF and XMP from a WebP', async () => {
    const png = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#123456' } })
      .png()
      .withExif({ IFD0: { Artist: 'Ms Example' } })
      .toBuffer();
    const strippedPng = stripMetadata(png);
    expect(strippedPng).toMatchObject({ type: 'image/png', width: 30, height: 20 });
    expect(Buffer.from(strippedPng.bytes).includes('Ms Example')).toBe(false);
    expect((await sharp(strippedPng.bytes).metadata()).exif).toBeUndefined();
    expect(await pixels(strippedPng.bytes)).toEqual(await pixels(png));

    const webp = await sharp({ create: { width: 33, height: 21, channels: 3, background: '#654321' } })
      .webp()
      .withExif({ IFD0: { Artist: 'Ms Example' } })
      .withXmp(
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>',
      )
      .toBuffer();
    const strippedWebp = stripMetadata(webp);
    expect(strippedWebp).toMatchObject({ type: 'image/webp', width: 33, height: 21 });
    const meta = await sharp(strippedWebp.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(await pixels(strippedWebp.bytes)).toEqual(await pixels(webp));
  });

  it('says so when the bytes are no picture it can take apart', async () => {
    expect(() => stripMetadata(new TextEncoder().encode('<!doctype html>'))).toThrow(UnreadablePicture);
    const cut = (await phonePhoto()).subarray(0, 40);
    expect(() => stripMetadata(cut)).toThrow(UnreadablePicture);
  });
});
