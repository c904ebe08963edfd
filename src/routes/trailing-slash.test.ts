import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { toPlainPublicPath, withoutTrailingSlash } from './trailing-slash';

const app = new Hono();
app.use('*', toPlainPublicPath());
app.use('*', withoutTrailingSlash());
app.get('/es', (c) => c.text('Hola'));
app.get('/archive', (c) => c.text('Archive'));
app.post('/subscribe', (c) => c.text('posted'));

describe('withoutTrailingSlash', () => {
  it('sends an address with a slash at the end on to the same address without it, query kept', async () => {
    const response = await app.request('/es/?page=2');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/es?page=2');
    expect((await app.request('/archive//')).headers.get('location')).toBe('/archive');
  });

  it('leaves what answers alone, and never redirects to another site or a form post', async () => {
    expect(await (await app.request('/es')).text()).toBe('Hola');
    expect((await app.request('//evil.example/')).status).toBe(404);
    expect((await app.request('/subscribe/', { method: 'POST' })).status).toBe(404);
    expect((await app.request('/')).status).toBe(404);
    expect((await app.request('/nothing')).status).toBe(404);
  });

  it('sends a public page written with escapes on to its plain address, query kept, and nothing else', async () => {
    for (const [written, plain] of [
      ['/digests/2026-11-2%30?r=1', '/digests/2026-11-20?r=1'],
      ['/%65s/digests/2026-11-20', '/es/digests/2026-11-20'],
      ['/%64igests/2026-11-20', '/digests/2026-11-20'],
      ['/schools/lincoln%2Delementary', '/schools/lincoln-elementary'],
      ['/%65mbed?count=2', '/embed?count=2'],
    ]) {
      const response = await app.request(written!);
      expect([written, response.status, response.headers.get('location')]).toEqual([written, 301, plain]);
    }
    // Not a public page, not plain once decoded, or not decodable: left to the routes.
    for (const path of [
      '/admin/inbox%3Fx',
      '/digests/%2F%2Fevil.example',
      '/%2F%2Fevil.example/feed.xml',
      '/digests/%E0%A4%A',
      '/digests/caf%C3%A9',
    ])
      expect([path, (await app.request(path)).status]).toEqual([path, 404]);
  });
});
