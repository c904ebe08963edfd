import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { withoutTrailingSlash } from './trailing-slash';

const app = new Hono();
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
});
