// Pictures on Workers: a chosen phone photo is copied from a local server into the local R2 bucket (MEDIA)
// with its metadata stripped in workerd (no sharp there), served at /media/ from R2, used by the page, and
// taken down with 410 Gone and the R2 object deleted; a picture too large to keep unresized is a finding.
import { createExecutionContext, env } from 'cloudflare:test';
import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import { openD1 } from '../../src/db/d1';
import worker from '../../src/entry/worker';
import type { WorkerEnv } from '../../src/entry/worker-runtime';
import { addSchoolWithSource, item, storeItems } from '../fixtures';
import { workerApi } from './api';

const db = openD1(env.DB);
const workerEnv = env as unknown as WorkerEnv;
const DATE = '2026-10-21';
const NOON = Date.parse(`${DATE}T17:00:00Z`);

const get = (path: string) =>
  worker.fetch(new Request(`http://yesterday.test${path}`), workerEnv, createExecutionContext());

describe('pictures on Workers', () => {
  it('copies a phone photo into R2 without its GPS position, serves it, and takes it down with 410', async () => {
    const { source } = await addSchoolWithSource(db, 'Birch Elementary', 'https://birch.example/feed');
    await storeItems(db, source.id, [
      item({
        guid: 'garden',
        title: 'Garden day',
        publishedAt: NOON,
        imageUrl: `${env.TEST_IMAGES_URL}/phone.jpg`,
        imageAlt: 'Seedlings in a tray',
      }),
      item({
        guid: 'mural',
        title: 'Mural day',
        publishedAt: NOON + 60_000,
        imageUrl: `${env.TEST_IMAGES_URL}/large.jpg`,
        imageAlt: 'A painted wall',
      }),
    ]);
    const api = await workerApi('pictures');
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
        image: { src: string; width: number; height: number; sizes: { url: string }[] } | null;
      }[];
      findings: { item_id: number; kind: string; message: string }[];
    };
    expect(saved.findings.find((f) => f.item_id === mural)).toMatchObject({
      kind: 'picture-unavailable',
      message: expect.stringContaining('it takes pictures up to 1 MB'),
    });
    const image = saved.entries.find((e) => e.item_id === garden)!.image!;
    // Upright size: the phone stored it 800 × 600 on its side.
    expect(image).toMatchObject({ width: 600, height: 800 });

    const names = image.sizes.map((s) => new URL(s.url).pathname.replace('/media/', ''));
    for (const name of names) {
      const response = await get(`/media/${name}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const bytes = new Uint8Array(await response.arrayBuffer());
      // Only the orientation is left of the phone's EXIF; no position, no camera, no XMP.
      expect(await exifr.parse(bytes, { gps: true, xmp: true, tiff: true, exif: true })).toEqual({
        Orientation: 'Rotate 90 CW',
      });
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
});
