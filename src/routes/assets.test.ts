// The stylesheets and scripts under /assets/: only the names the code ships, each cached as its address says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSETS, assetUrl } from '../views/assets';
import { decode } from 'fast-png';
import { DEFAULT_BRAND, markColours } from '../brand/brand';
import { startTestApp, type TestApp } from '../../test/test-app';
import { changeSetting } from '../settings/district-settings';

describe('/assets/', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('serves each shipped asset, for a year when its address carries the content hash', async () => {
    for (const name of Object.keys(ASSETS) as (keyof typeof ASSETS)[]) {
      const versioned = await fetch(`${app.url}${assetUrl(name)}`);
      expect(versioned.status).toBe(200);
      expect(versioned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(await versioned.text()).toBe(ASSETS[name].body);
      const plain = await fetch(`${app.url}/assets/${name}`);
      expect(plain.headers.get('cache-control')).toBe('public, max-age=300');
    }
  });

  it('gives every answer an ETag, and a 304 to a browser whose copy is still the one served', async () => {
    for (const path of [
      '/favicon.svg',
      '/favicon.ico',
      '/apple-touch-icon.png',
      '/brand.css',
      '/assets/site.css',
    ]) {
      const first = await fetch(`${app.url}${path}`, { headers: { 'accept-encoding': 'identity' } });
      const tag = first.headers.get('etag');
      expect(tag, path).toMatch(/^"[^"]+"$/);
      const identity = { 'accept-encoding': 'identity' };
      const again = await fetch(`${app.url}${path}`, { headers: { ...identity, 'if-none-match': tag! } });
      expect([path, again.status]).toEqual([path, 304]);
      expect(await again.text()).toBe('');
      const changed = await fetch(`${app.url}${path}`, {
        headers: { ...identity, 'if-none-match': '"something-else"' },
      });
      expect([path, changed.status]).toEqual([path, 200]);
    }
    // The shipped assets go gzipped where that is taken, with an ETag of their own, and a 304 still answers.
    for (const path of ['/assets/site.css', '/assets/embed.css']) {
      const zipped = await fetch(`${app.url}${path}`, { headers: { 'accept-encoding': 'gzip' } });
      expect([path, zipped.headers.get('content-encoding')]).toEqual([path, 'gzip']);
      expect(zipped.headers.get('vary'), path).toBe('Accept-Encoding');
      const tag = zipped.headers.get('etag')!;
      expect(tag, path).toMatch(/^"[^"]+"$/);
      const plain = await fetch(`${app.url}${path}`, { headers: { 'accept-encoding': 'identity' } });
      expect(plain.headers.get('etag'), path).not.toBe(tag);
      expect(plain.headers.get('vary'), path).toBe('Accept-Encoding');
      const again = await fetch(`${app.url}${path}`, {
        headers: { 'accept-encoding': 'gzip', 'if-none-match': tag },
      });
      expect([path, again.status]).toEqual([path, 304]);
    }
    const css = await fetch(`${app.url}/assets/site.css`, { headers: { 'accept-encoding': 'gzip' } });
    expect(await css.text()).toBe(ASSETS['site.css'].body);
    // Only these: the rest of the app (the desk, the health check) is not read twice to be tagged.
    for (const path of ['/healthz', '/admin/login'])
      expect([path, (await fetch(`${app.url}${path}`)).headers.get('etag')]).toEqual([path, null]);
  });

  it('draws the mark in the brand’s colours for what cannot show SVG: an ICO, the feeds’ PNG, a home screen’s square', async () => {
    const png = async (path: string) => {
      const response = await fetch(`${app.url}${path}`);
      expect([path, response.headers.get('content-type')]).toEqual([path, 'image/png']);
      return decode(new Uint8Array(await response.arrayBuffer()));
    };
    /** The pixel at (x, y) of a square 64 units wide, as #rrggbb and its opacity. */
    const at = (image: ReturnType<typeof decode>, x: number, y: number) => {
      const i = (Math.floor((y / 64) * image.height) * image.width + Math.floor((x / 64) * image.width)) * 4;
      const [r, g, b, a] = [...image.data.slice(i, i + 4)];
      return `#${[r, g, b].map((c) => c!.toString(16).padStart(2, '0')).join('')} ${a}`;
    };
    const feeds = await png('/favicon.png');
    expect([feeds.width, feeds.height, feeds.channels]).toEqual([64, 64, 4]);
    expect(at(feeds, 0, 0)).toBe('#000000 0'); // outside the rounded corner
    expect(at(feeds, 8, 32)).toBe('#1f3a5f 255'); // the tile, in the primary colour
    expect(at(feeds, 32, 44)).toBe('#ffffff 255'); // the stem
    expect(at(feeds, 20, 18)).toBe(`${markColours(DEFAULT_BRAND).v} 255`); // the V, in the accent made light
    const home = await png('/apple-touch-icon.png');
    expect([home.width, home.height]).toEqual([180, 180]);
    expect(at(home, 0, 0)).toBe('#1f3a5f 255'); // a home screen rounds the corners itself
    expect(at(await png('/apple-touch-icon-precomposed.png'), 0, 0)).toBe('#1f3a5f 255');

    // The ICO: a header, one entry per size, each a PNG of that size.
    const icoResponse = await fetch(`${app.url}/favicon.ico`);
    expect(icoResponse.headers.get('content-type')).toBe('image/x-icon');
    const ico = new Uint8Array(await icoResponse.arrayBuffer());
    const view = new DataView(ico.buffer);
    expect([view.getUint16(0, true), view.getUint16(2, true), view.getUint16(4, true)]).toEqual([0, 1, 3]);
    const sizes = [0, 1, 2].map((i) => {
      const entry = 6 + 16 * i;
      const picture = decode(
        ico.subarray(view.getUint32(entry + 12, true)).subarray(0, view.getUint32(entry + 8, true)),
      );
      expect([ico[entry], picture.width, picture.height]).toEqual([
        picture.width,
        picture.width,
        picture.width,
      ]);
      return picture.width;
    });
    expect(sizes).toEqual([16, 32, 48]);

    // A phone's home screen reads the manifest: the site's name, the masthead's colour, the mark at its sizes.
    const manifest = await fetch(`${app.url}/site.webmanifest`);
    expect(manifest.headers.get('content-type')).toBe('application/manifest+json');
    const read = (await manifest.json()) as {
      name: string;
      theme_color: string;
      icons: { src: string; sizes: string }[];
    };
    expect(read).toMatchObject({
      name: 'What happened yesterday · Our School District',
      short_name: 'What happened yesterday',
      theme_color: '#1f3a5f',
      start_url: '/',
    });
    for (const icon of read.icons) {
      const drawn = await png(icon.src);
      expect(`${drawn.width}x${drawn.height}`).toBe(icon.sizes);
    }
    expect(await (await fetch(app.url)).text()).toContain('<meta name="theme-color" content="#1f3a5f"/>');

    // A new brand is drawn anew, under a new version.
    await changeSetting(app.runtime.deps.db, 'brand_primary', '#14532d', 1);
    expect(at(await png('/favicon.png'), 8, 32)).toBe('#14532d 255');
  });

  it('answers 404 for names that are only properties every object has', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'nothing.css']) {
      const response = await fetch(`${app.url}/assets/${name}`);
      expect([name, response.status]).toEqual([name, 404]);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });
});
