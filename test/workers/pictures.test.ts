// Pictures on Workers without the Images binding: a chosen phone photo is copied from a local server, decoded,
// turned upright and written again in every size in workerd (WebAssembly codecs), kept in the local R2 bucket
// (MEDIA), served at /media/, used by the page, and taken down with 410 Gone and the R2 objects deleted. Each
// size is read back: no EXIF or XMP (exifr, and the segment reader finds nothing to take out), upright (its
// size, and red at the top where the phone stored red on the left), the server's widths. PNG, WebP, GIF, a
// cut-off file and one over the pixel limit each do what the README says.
import { createExecutionContext, env } from 'cloudflare:test';
import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import { openD1 } from '../../src/db/d1';
import worker from '../../src/entry/worker';
import type { WorkerEnv } from '../../src/entry/worker-runtime';
import { workerCodecModules } from '../../src/pictures/codec-modules-worker';
import { createWasmPictureMaker } from '../../src/pictures/make-picture-wasm';
import type { MadePicture } from '../../src/pictures/picture-types';
import { stripMetadata } from '../../src/pictures/strip-metadata';
import { createWasmCodecs } from '../../src/pictures/wasm-codecs';
import { addSchoolWithSource, item, storeItems } from '../fixtures';
import { workerApi } from './api';
import { signIn } from './session';

const db = openD1(env.DB);
// The suite binds Miniflare's Images stand-in; without it the Worker makes pictures itself.
const workerEnv = { ...env, IMAGES: undefined } as unknown as WorkerEnv;
const DATE = '2026-10-21';
const NOON = Date.parse(`${DATE}T17:00:00Z`);
const codecs = createWasmCodecs(workerCodecModules);

const get = (path: string) =>
  worker.fetch(new Request(`http://yesterday.test${path}`), workerEnv, createExecutionContext());

const original = async (name: string) =>
  new Uint8Array(await (await fetch(`${env.TEST_IMAGES_URL}/${name}`)).arrayBuffer());

/** No metadata by either reader; the pixel at (x, y) as [r, g, b]. */
async function readBack(bytes: Uint8Array, type: string) {
  if (type === 'image/jpeg')
    expect(
      await exifr.parse(bytes, { gps: true, xmp: true, tiff: true, exif: true, iptc: true }),
    ).toBeUndefined();
  // Nothing left for the segment reader to take out: no EXIF, XMP, comment or text block.
  const stripped = stripMetadata(bytes);
  expect(stripped.bytes.length).toBe(bytes.length);
  expect(stripped.orientation).toBe(1);
  const pixels = await codecs.decode(type === 'image/jpeg' ? 'image/jpeg' : 'image/webp', bytes);
  const at = (x: number, y: number) => [
    ...pixels.data.subarray((y * pixels.width + x) * 4, (y * pixels.width + x) * 4 + 3),
  ];
  return { width: pixels.width, height: pixels.height, at };
}

const near = (actual: number[], expected: number[]) =>
  actual.every((value, i) => Math.abs(value - expected[i]!) <= 12);

describe('pictures on Workers, made in WebAssembly', () => {
  it('copies a phone photo into R2 upright and without its GPS position, serves it, and takes it down with 410', async () => {
    const { source } = await addSchoolWithSource(db, 'Birch Elementary', 'https://birch.example/feed');
    await storeItems(db, source.id, [
      item({
        guid: 'garden',
        title: 'Garden day',
        publishedAt: NOON,
        imageUrl: `${env.TEST_IMAGES_URL}/phone-large.jpg`,
        imageAlt: 'Seedlings in a tray',
      }),
      item({
        guid: 'mural',
        title: 'Mural day',
        publishedAt: NOON + 60_000,
        imageUrl: `${env.TEST_IMAGES_URL}/fourteen-megapixels.jpg`,
        imageAlt: 'A painted wall',
      }),
    ]);
    const api = await workerApi('pictures', workerEnv);
    const items = (
      (await (await api(`/items?date=${DATE}`, 'GET')).json()) as { items: { id: number; title: string }[] }
    ).items;
    const garden = items.find((i) => i.title === 'Garden day')!.id;
    const mural = items.find((i) => i.title === 'Mural day')!.id;

    const saved = (await (
      await api(`/digests/${DATE}`, 'PUT', { entries: [{ item_id: garden }, { item_id: mural }], version: 0 })
    ).json()) as {
      entries: {
        item_id: number;
        image: {
          src: string;
          width: number;
          height: number;
          sizes: { url: string; width: number; type: string }[];
        } | null;
      }[];
      findings: { item_id: number; kind: string; message: string }[];
    };
    expect(saved.findings.find((f) => f.item_id === mural)).toMatchObject({
      kind: 'picture-unavailable',
      message: expect.stringContaining('converts pictures up to 8.4 megapixels'),
    });
    const image = saved.entries.find((e) => e.item_id === garden)!.image!;
    // Upright size: the phone stored it 2000 × 1500 on its side. The server's sizes, names and types.
    expect(image).toMatchObject({ width: 1280, height: 1707 });
    expect(image.sizes.map((s) => [new URL(s.url).pathname.replace(/^\/media\/\w+-/, ''), s.width, s.type])).toEqual([
      ['640.webp', 640, 'image/webp'],
      ['640.jpg', 640, 'image/jpeg'],
      ['email.jpg', 900, 'image/jpeg'], // inside 1200 × 1200: a portrait's is narrower
      ['1280.webp', 1280, 'image/webp'],
      ['1280.jpg', 1280, 'image/jpeg'],
    ]); // prettier-ignore

    const names = image.sizes.map((s) => new URL(s.url).pathname.replace('/media/', ''));
    for (const size of image.sizes) {
      const name = new URL(size.url).pathname.replace('/media/', '');
      const response = await get(`/media/${name}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, no-cache');
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect(Array.from(bytes.subarray(0, 4))).toEqual(
        size.type === 'image/jpeg' ? [0xff, 0xd8, 0xff, 0xe0] : [0x52, 0x49, 0x46, 0x46],
      );
      const read = await readBack(bytes, size.type);
      expect(read.width).toBe(size.width);
      // The picture's own shape, portrait: 3 wide for 4 high.
      expect(read.height).toBe(Math.round((size.width * 4) / 3));
      // Red at the top, blue at the bottom: turned a quarter clockwise, as orientation 6 says.
      expect(near(read.at(size.width / 2, read.height / 8), [208, 48, 48]), `${name} top`).toBe(true);
      expect(near(read.at(size.width / 2, (read.height * 7) / 8), [48, 64, 208]), `${name} bottom`).toBe(
        true,
      );
      expect(await env.MEDIA.get(name)).not.toBeNull();
    }

    expect(
      (
        await api(`/digests/${DATE}`, 'PUT', {
          entries: [{ item_id: garden }, { item_id: mural, image_url: null }],
        })
      ).status,
    ).toBe(200);
    expect((await api(`/digests/${DATE}/publish`, 'POST', {})).status).toBe(200);
    const page = await (await get(`/digests/${DATE}`)).text();
    expect(page).toContain(new URL(image.src).pathname);
    expect(page).not.toContain(env.TEST_IMAGES_URL);

    const takedown = await api(`/digests/${DATE}/entries/${garden}/picture/takedown`, 'POST', {
      reason: 'A parent asked for it to come down.',
    });
    expect(takedown.status).toBe(200);
    for (const name of names) {
      expect((await get(`/media/${name}`)).status).toBe(410);
      expect(await env.MEDIA.get(name)).toBeNull();
    }
  });

  it('keeps a small photo at its own width, upright', async () => {
    const made = (await createWasmPictureMaker(codecs).make(await original('phone.jpg'))) as MadePicture;
    expect(made).toMatchObject({ width: 600, height: 800 });
    expect(made.files.map((f) => [f.name.replace(/^\w+-/, ''), f.width, f.height])).toEqual([
      ['600.webp', 600, 800],
      ['600.jpg', 600, 800],
      ['email.jpg', 600, 800],
    ]);
    for (const file of made.files) {
      const read = await readBack(file.bytes, file.type);
      expect(near(read.at(300, 100), [208, 48, 48])).toBe(true);
      expect(near(read.at(300, 700), [48, 64, 208])).toBe(true);
    }
  });

  it('lays a transparent PNG on white and keeps a WebP in the same sizes', async () => {
    const maker = createWasmPictureMaker(codecs);
    const png = (await maker.make(await original('transparent.png'))) as MadePicture;
    expect(png.files.map((f) => [f.type, f.width, f.height])).toEqual([
      ['image/webp', 300, 200],
      ['image/jpeg', 300, 200],
      ['image/jpeg', 300, 200],
    ]);
    // Green at half opacity, on white.
    expect(near((await readBack(png.files[1]!.bytes, 'image/jpeg')).at(150, 100), [128, 191, 128])).toBe(
      true,
    );

    const webp = (await maker.make(await original('photo.webp'))) as MadePicture;
    expect(webp.files.map((f) => [f.type, f.width, f.height])).toEqual([
      ['image/webp', 640, 360],
      ['image/jpeg', 640, 360],
      ['image/webp', 1280, 720],
      ['image/jpeg', 1280, 720],
      ['image/jpeg', 1200, 675],
    ]);
    expect(near((await readBack(webp.files[3]!.bytes, 'image/jpeg')).at(640, 360), [224, 160, 32])).toBe(
      true,
    );
  });

  it('finds a photo taken down when it comes back smaller and saved again', async () => {
    const { source } = await addSchoolWithSource(db, 'Hazel Elementary', 'https://hazel.example/feed');
    const days = ['2026-10-26', '2026-10-28'];
    await storeItems(db, source.id, [
      item({
        guid: 'market',
        title: 'Market day',
        publishedAt: Date.parse(`${days[0]}T17:00:00Z`),
        imageUrl: `${env.TEST_IMAGES_URL}/market.jpg`,
        imageAlt: 'Stalls in the gym',
      }),
      item({
        guid: 'market-again',
        title: 'Market day, again',
        publishedAt: Date.parse(`${days[1]}T17:00:00Z`),
        imageUrl: `${env.TEST_IMAGES_URL}/market-again.jpg`,
        imageAlt: 'Stalls in the gym',
      }),
    ]);
    const api = await workerApi('pictures-alike', workerEnv);
    const idOf = async (day: string) =>
      ((await (await api(`/items?date=${day}`, 'GET')).json()) as { items: { id: number }[] }).items[0]!.id;
    const first = await idOf(days[0]!);
    expect((await api(`/digests/${days[0]}`, 'PUT', { entries: [{ item_id: first }] })).status).toBe(200);
    expect((await api(`/digests/${days[0]}/publish`, 'POST', {})).status).toBe(200);
    const takedown = await api(`/digests/${days[0]}/entries/${first}/picture/takedown`, 'POST', {
      reason: 'No media release for the girl in front.',
    });
    expect(takedown.status).toBe(200);
    // Nothing published shows it at another size yet.
    expect(await takedown.json()).toMatchObject({ taken_down: true, look_alikes: [] });

    const second = await idOf(days[1]!);
    const saved = (await (
      await api(`/digests/${days[1]}`, 'PUT', { entries: [{ item_id: second }] })
    ).json()) as {
      entries: { item_id: number; image: { src: string } | null }[];
      findings: { item_id: number; kind: string; message: string }[];
    };
    // Another copy (other bytes), made in WebAssembly, and found all the same.
    expect(saved.entries[0]!.image?.src).toMatch(/\/media\/[0-9a-f]{20}-/);
    expect(saved.findings.filter((f) => f.kind === 'picture-like-taken-down')).toEqual([
      expect.objectContaining({
        item_id: second,
        message: expect.stringContaining('from “Market day” (the digest of Monday, October 26, 2026)'),
      }),
    ]);
    expect((await api(`/digests/${days[1]}/publish`, 'POST', {})).status).toBe(422);
  });

  it('refuses a GIF, a cut-off JPEG and one over the pixel limit with a sentence', async () => {
    const maker = createWasmPictureMaker(codecs);
    expect(await maker.make(await original('animated.gif'))).toEqual({
      error:
        'The file is not a picture Yesterday can read on this installation (JPEG, PNG or WebP), or it is damaged or cut off. Choose another picture.',
    });
    expect(await maker.make(await original('cut.jpg'))).toMatchObject({
      error: expect.stringContaining('cut off'),
    });
    expect(await maker.make(await original('fourteen-megapixels.jpg'))).toEqual({
      error:
        'The picture is 13.8 megapixels; on this installation (Cloudflare Workers without the Images binding) Yesterday converts pictures up to 8.4 megapixels. Choose another picture, or ask the teacher for a smaller copy (a blog usually offers one: WordPress makes a 2560-pixel copy of every upload).',
    });
  });

  it("shows the desk a post's pictures through the Worker, as they came, and only that post's", async () => {
    const { source } = await addSchoolWithSource(db, 'Cedar Elementary', 'https://cedar.example/feed');
    await storeItems(db, source.id, [
      item({ guid: 'cedar', publishedAt: NOON, imageUrl: `${env.TEST_IMAGES_URL}/phone.jpg` }),
    ]);
    const request = (path: string, init: RequestInit = {}) =>
      worker.fetch(
        new Request(`http://yesterday.test${path}`, { redirect: 'manual', ...init }),
        workerEnv,
        createExecutionContext(),
      );
    const session = await signIn(request, 'http://yesterday.test', 'desk@pictures.example', 'editor');
    const desk = await (await request(`/admin/inbox?date=${DATE}`, { headers: { cookie: session } })).text();
    // (And the Outbox says where email goes on Workers: Postmark, not an SMTP server.)
    expect(await (await request('/admin/outbox', { headers: { cookie: session } })).text()).toContain(
      'Email goes out through Postmark, so no copies are kept here.',
    );
    const address = /<img class="thumb" src="(\/admin\/inbox\/pictures\/\d+\?url=[^"]+phone\.jpg)"/
      .exec(desk)![1]!
      .replaceAll('&amp;', '&');
    const picture = await request(address, { headers: { cookie: session } });
    expect(picture.status).toBe(200);
    // No thumbnail maker on Workers: the original, which the browser shows as it would have from the school.
    expect(picture.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await picture.arrayBuffer())).toEqual(await original('phone.jpg'));
    const elsewhere = address.replace(
      /url=[^&]+/,
      `url=${encodeURIComponent(`${env.TEST_IMAGES_URL}/transparent.png`)}`,
    );
    expect((await request(elsewhere, { headers: { cookie: session } })).status).toBe(404);
  });
});
