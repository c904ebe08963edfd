// The stylesheets and scripts under /assets/: only the names the code ships, each cached as its address says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSETS, assetUrl } from '../views/assets';
import { startTestApp, type TestApp } from '../../test/test-app';

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
    for (const path of ['/favicon.svg', '/brand.css', '/assets/site.css']) {
      const first = await fetch(`${app.url}${path}`);
      const tag = first.headers.get('etag');
      expect(tag, path).toMatch(/^"[^"]+"$/);
      const again = await fetch(`${app.url}${path}`, { headers: { 'if-none-match': tag! } });
      expect([path, again.status]).toEqual([path, 304]);
      expect(await again.text()).toBe('');
      const changed = await fetch(`${app.url}${path}`, { headers: { 'if-none-match': '"something-else"' } });
      expect([path, changed.status]).toEqual([path, 200]);
    }
    // Only these: the rest of the app (the desk, the health check) is not read twice to be tagged.
    for (const path of ['/healthz', '/admin/login'])
      expect([path, (await fetch(`${app.url}${path}`)).headers.get('etag')]).toEqual([path, null]);
  });

  it('answers 404 for names that are only properties every object has', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'nothing.css']) {
      const response = await fetch(`${app.url}/assets/${name}`);
      expect([name, response.status]).toEqual([name, 404]);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });
});
