// Error pages: a public page's error in the language of its address (lang, dir, the catalog's sentence), the
// desk's in English with its own sentence, the API's as JSON.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { limitBody, publicAllowance } from './body-limits';
import { errorPage } from './errors';

function appWithErrors() {
  const app = new Hono();
  app.use(
    '*',
    limitBody((c) => publicAllowance(c.req.path)),
  );
  app.get('*', (c) => {
    if (c.req.path.endsWith('/boom')) throw new Error('a stack trace nobody should see');
    if (c.req.path.endsWith('/busy')) throw new HTTPException(429, { message: 'Slow down, coordinator.' });
    return c.notFound();
  });
  app.post('*', (c) => c.text('taken'));
  app.notFound((c) => errorPage(c, 404, 'There is no page at this address.'));
  app.onError((error, c) =>
    error instanceof HTTPException
      ? errorPage(c, error.status, error.message)
      : errorPage(c, 500, 'Something went wrong on our side.'),
  );
  return app;
}

const tooLarge = { method: 'POST', body: 'x'.repeat(100 * 1024) };

describe('error pages', () => {
  const app = appWithErrors();

  it('says a public page’s error in the language of its address', async () => {
    const spanish = await app.request('/es/subscribe', tooLarge);
    expect(spanish.status).toBe(413);
    const es = await spanish.text();
    expect(es).toMatch(/<html lang="es" dir="ltr">/);
    expect(es).toContain('<title>Es demasiado grande</title>');
    expect(es).toContain('(el límite es 64 KB)');
    expect(es).toContain('<a href="/es">Ir a los últimos resúmenes</a>');

    const arabic = await app.request('/ar/digests/2026-11-20/boom');
    expect(arabic.status).toBe(500);
    const ar = await arabic.text();
    expect(ar).toMatch(/<html lang="ar" dir="rtl">/);
    expect(ar).toContain('حدث خطأ ما من جهتنا');
    expect(ar).not.toContain('stack trace');

    const busy = await (await app.request('/es/busy')).text();
    expect(busy).toContain('Ha habido demasiadas solicitudes desde aquí.');
    expect(busy).not.toContain('coordinator');
  });

  it('says it in English at the site’s root and under an address that is no language', async () => {
    for (const path of ['/boom', '/zz/boom']) {
      const page = await (await app.request(path)).text();
      expect(page).toMatch(/<html lang="en" dir="ltr">/);
      expect(page).toContain('Something went wrong on our side. Please try again in a moment.');
    }
    const large = await (await app.request('/subscribe', tooLarge)).text();
    expect(large).toContain('That form sent far more than it should (the limit is 64 KB).');
  });

  it('keeps the desk’s errors in English with their own sentence', async () => {
    const page = await (await app.request('/admin/es/busy')).text();
    expect(page).toMatch(/<html lang="en" dir="ltr">/);
    expect(page).toContain('<title>Too many requests</title>');
    expect(page).toContain('Slow down, coordinator.');
    // Its way on is the desk, not the public blog.
    expect(page).toContain('<a href="/admin">Back to the desk</a>');
    expect(page).not.toContain('Go to the latest digests');
  });

  it('answers the API in JSON with the message given', async () => {
    const answer = await app.request('/api/v1/busy');
    expect(answer.status).toBe(429);
    expect(await answer.json()).toEqual({
      error: { code: 'too-many-requests', message: 'Slow down, coordinator.' },
    });
  });
});
