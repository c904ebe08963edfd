// An address written another way than its page's own is sent on to it, as a relative redirect (a proxy in front
// may not pass the public host name on, and a relative Location needs none): with a slash at the end (`/es/`,
// `/archive/`), as people and other sites often write them, when it answers 404; with escapes for plain
// characters, always.
import type { MiddlewareHandler } from 'hono';
import { plainPublicPath } from './public-addresses';

export function withoutTrailingSlash(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const method = c.req.method;
    if (c.res.status !== 404 || (method !== 'GET' && method !== 'HEAD')) return;
    const url = new URL(c.req.url);
    if (!url.pathname.endsWith('/')) return;
    const trimmed = url.pathname.replace(/\/+$/, '');
    // `//host/` would become a redirect to another site; `/` has nothing to trim.
    if (!trimmed || trimmed.startsWith('//')) return;
    c.res = new Response(null, { status: 301, headers: { location: trimmed + url.search } });
  };
}

/**
 * A public page's address written with escapes (`/digests/2026-12-0%34`) is sent on to its plain spelling, so
 * that each page has one address: the public cache keeps it once, and no spelling renders it afresh.
 */
export function toPlainPublicPath(): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') {
      const url = new URL(c.req.url);
      const plain = plainPublicPath(url.pathname);
      if (plain) return new Response(null, { status: 301, headers: { location: plain + url.search } });
    }
    await next();
  };
}
