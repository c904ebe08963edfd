// An address written with a slash at the end (`/es/`, `/archive/`), as people and other sites often write them,
// that answers 404 is sent on to the same address without it, as a relative redirect: a proxy in front may not
// pass the public host name on, and a relative Location needs none.
import type { MiddlewareHandler } from 'hono';

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
