// The flash cookie: a message of any length fits well inside a cookie, read back whole or cut at a word; the
// cookie is Secure exactly when PUBLIC_URL is https.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { flashCookies, MAX_FLASH_BYTES, setFlash, takeFlash } from './flash';

const KEY = 'a-signing-key-for-tests-only-0123456789';

function appFor(publicUrl: string) {
  const app = new Hono();
  app.use('*', flashCookies(publicUrl));
  app.post('/set', async (c) => {
    await setFlash(c, KEY, { kind: 'error', text: await c.req.text() });
    return c.body(null, 204);
  });
  app.get('/take', async (c) => c.json((await takeFlash(c, KEY)) ?? null));
  return app;
}

async function roundTrip(publicUrl: string, text: string) {
  const app = appFor(publicUrl);
  const set = await app.request('/set', { method: 'POST', body: text });
  const cookie = set.headers.getSetCookie().find((line) => line.startsWith('yd_flash='))!;
  const taken = await app.request('/take', { headers: { cookie: cookie.split(';')[0]! } });
  return { cookie, flash: (await taken.json()) as { kind: string; text: string } | null };
}

describe('flash messages', () => {
  it('carries a short message as it is', async () => {
    const { flash } = await roundTrip('http://localhost:8787', 'Settings saved.');
    expect(flash).toEqual({ kind: 'error', text: 'Settings saved.' });
  });

  it.each([
    ['64 KB of school names', `Nothing was imported: ${'“Jefferson High Annex” '.repeat(3000)}`],
    ['a long message in a three-byte script', '学校の名前がありません。'.repeat(2000)],
  ])('cuts %s at a word so the cookie stays far under 4 KB', async (_, text) => {
    const { cookie, flash } = await roundTrip('http://localhost:8787', text);
    expect(cookie.length).toBeLessThan(2048);
    expect(new TextEncoder().encode(flash!.text).length).toBeLessThanOrEqual(MAX_FLASH_BYTES);
    expect(flash!.text.endsWith('…')).toBe(true);
    expect(text.startsWith(flash!.text.slice(0, -1))).toBe(true);
  });

  it('carries a link to a place on the page it lands on, and no other', async () => {
    const app = new Hono();
    app.use('*', flashCookies('http://localhost:8787'));
    app.post('/set', async (c) => {
      const href = await c.req.text();
      await setFlash(c, KEY, {
        kind: 'error',
        text: 'Open.',
        link: { href: href as `#${string}`, label: 'Go' },
      });
      return c.body(null, 204);
    });
    app.get('/take', async (c) => c.json((await takeFlash(c, KEY)) ?? null));
    const taken = async (href: string) => {
      const set = await app.request('/set', { method: 'POST', body: href });
      const cookie = set.headers.getSetCookie().find((line) => line.startsWith('yd_flash='))!;
      return (await app.request('/take', { headers: { cookie: cookie.split(';')[0]! } })).json();
    };
    expect(await taken('#entry-12')).toEqual({
      kind: 'error',
      text: 'Open.',
      link: { href: '#entry-12', label: 'Go' },
    });
    for (const href of ['https://elsewhere.example/', '/admin', 'javascript:alert(1)', '#a b'])
      expect(await taken(href)).toEqual({ kind: 'error', text: 'Open.' });
  });

  it('marks the cookie Secure when PUBLIC_URL is https, and not otherwise', async () => {
    const secure = await roundTrip('https://digest.district.example', 'Saved.');
    expect(secure.cookie).toMatch(/;\s*Secure/i);
    expect(secure.cookie).toMatch(/;\s*HttpOnly/i);
    expect(secure.flash).toEqual({ kind: 'error', text: 'Saved.' });
    const plain = await roundTrip('http://localhost:8787', 'Saved.');
    expect(plain.cookie).not.toMatch(/Secure/i);
  });
});
