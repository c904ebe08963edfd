// Pictures on Workers with the Cloudflare Images binding, in workerd. Miniflare's local stand-in for the
// binding (vitest.workers.config.ts) is low-fidelity: it runs sharp on the Node side with width, rotate and
// format only, ignores quality and background, and does not turn a picture by its EXIF orientation as
// Cloudflare does; so here the sizes, names, types and metadata are checked with it, and the copyright tag
// Cloudflare's JPEGs keep is checked with a stub at the binding's interface that answers as production does.
import { env } from 'cloudflare:test';
import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import { workerCodecModules } from '../../src/pictures/codec-modules-worker';
import { createImagesPictureMaker, type ImagesLike } from '../../src/pictures/make-picture-images';
import { createWasmPictureMaker } from '../../src/pictures/make-picture-wasm';
import type { MadePicture, Thumbnail } from '../../src/pictures/picture-types';
import { stripMetadata } from '../../src/pictures/strip-metadata';
import { createWasmCodecs } from '../../src/pictures/wasm-codecs';

// The sizes' looks are read with the WebAssembly WebP decoder, as the Worker does (worker-runtime.ts).
const { pixels } = createWasmPictureMaker(createWasmCodecs(workerCodecModules));

const original = async (name: string) =>
  new Uint8Array(await (await fetch(`${env.TEST_IMAGES_URL}/${name}`)).arrayBuffer());

const noMetadata = async (bytes: Uint8Array) => {
  expect(
    await exifr.parse(bytes, { gps: true, xmp: true, tiff: true, exif: true, iptc: true }),
  ).toBeUndefined();
  expect(stripMetadata(bytes).bytes.length).toBe(bytes.length);
};

describe('pictures on Workers, made with the Images binding', () => {
  it("makes the desk's small WebP of a phone photo, with no metadata", async () => {
    const maker = createImagesPictureMaker(env.IMAGES as unknown as ImagesLike, pixels);
    const small = await maker.thumbnail(await original('phone-large.jpg'), 320);
    expect(small).toMatchObject({ type: 'image/webp' });
    const read = stripMetadata((small as Thumbnail).bytes);
    // Asked for the upright picture's width inside 320 × 320 (1500 × 2000 upright: 240). The stand-in does not
    // turn it by its orientation as Cloudflare does, so only the width is checked.
    expect(read.width).toBe(240);
    expect(read.bytes.length).toBe((small as Thumbnail).bytes.length);
    expect(await maker.thumbnail(new TextEncoder().encode('<html></html>'), 320)).toHaveProperty('error');
  });

  it("makes the server's sizes of a phone photo, with no metadata", async () => {
    const maker = createImagesPictureMaker(env.IMAGES as unknown as ImagesLike, pixels);
    const made = (await maker.make(await original('phone-large.jpg'))) as MadePicture;
    // Upright, from the stored 2000 × 1500 and its orientation 6.
    expect(made).toMatchObject({ width: 1500, height: 2000 });
    expect(made.files.map((f) => [f.name.replace(/^\w+-/, ''), f.type, f.width])).toEqual([
      ['640.webp', 'image/webp', 640],
      ['640.jpg', 'image/jpeg', 640],
      ['1280.webp', 'image/webp', 1280],
      ['1280.jpg', 'image/jpeg', 1280],
      ['email.jpg', 'image/jpeg', 900], // inside 1200 × 1200
    ]);
    for (const file of made.files) {
      if (file.type === 'image/jpeg') await noMetadata(file.bytes);
      else expect(stripMetadata(file.bytes).bytes.length).toBe(file.bytes.length);
    }
  });

  it('reads a WebP and says in a sentence when the bytes are no picture', async () => {
    const maker = createImagesPictureMaker(env.IMAGES as unknown as ImagesLike, pixels);
    const webp = (await maker.make(await original('photo.webp'))) as MadePicture;
    expect(webp.files.map((f) => [f.type, f.width, f.height])).toEqual([
      ['image/webp', 640, 360],
      ['image/jpeg', 640, 360],
      ['image/webp', 1280, 720],
      ['image/jpeg', 1280, 720],
      ['image/jpeg', 1200, 675],
    ]);
    expect(await maker.make(new TextEncoder().encode('<!doctype html><p>Not found</p>'))).toEqual({
      error: 'The file is not a picture Yesterday can read (JPEG, PNG, WebP, GIF or AVIF).',
    });
  });

  it('takes out the EXIF copyright tag Cloudflare keeps in the JPEGs it writes', async () => {
    const written = await original('copyright.jpg');
    expect(await exifr.parse(written, { tiff: true })).toMatchObject({
      Copyright: 'Ms Example, Birch Elementary',
    });
    // Answers as production does for an upright picture: info, then a JPEG carrying the copyright tag.
    const transformer = {
      transform: () => transformer,
      output: async () => ({ image: () => new Blob([written]).stream() }),
    };
    const stub: ImagesLike = {
      info: async () => ({ format: 'image/jpeg', width: 640, height: 480 }),
      input: () => transformer,
    };
    const made = (await createImagesPictureMaker(stub, pixels).make(written)) as MadePicture;
    expect(made.files.map((f) => [f.name.replace(/^\w+-/, ''), f.width, f.height])).toEqual([
      ['640.webp', 640, 480],
      ['640.jpg', 640, 480],
      ['email.jpg', 640, 480],
    ]);
    for (const file of made.files.filter((f) => f.type === 'image/jpeg')) await noMetadata(file.bytes);
  });
});
