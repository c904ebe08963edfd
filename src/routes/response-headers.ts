// The headers every answer gets once its route has made it: how long browsers and shared caches in front
// (nginx, Caddy, a CDN) may keep it, an X-Frame-Options that says what the CSP's frame-ancestors says for
// browsers that read only the older header, and a Content-Length on HEAD answers.
import type { MiddlewareHandler } from 'hono';
import { etag } from 'hono/etag';
import { publicCacheControl } from './public-addresses';

/**
 * Where pictures may come from in a page's CSP: this site only. Pages show the district's copies (/media), and
 * the desk shows posts' pictures through the server (routes/admin/desk-pictures.ts), never from a teacher's
 * site. The embed, shown inside other sites, is a page of this one and shows the same copies. The email
 * previews, which show the email as a mail program would, set their own.
 */
export const IMAGE_SOURCES = ["'self'", 'data:'];

/**
 * Public pages, feeds and the embed: Cache-Control from public-addresses.ts, an ETag over the bytes (with
 * the 304 it allows), and a Last-Modified. A route that knows when its content last changed says so (the
 * feeds); elsewhere it is the time of rendering, since a page shows settings and school names beside the
 * digests and only that time is never too early (the server's public cache keeps the earlier time of a page
 * rendered again to the same bytes). Every other answer may be kept by no one, unless its route
 * chose otherwise (assets, the favicon). Anything that sets a cookie is private whatever its route said.
 */
export function cachingHeaders(): MiddlewareHandler {
  const tagged = etag();
  return async (c, next) => {
    const path = c.req.path;
    const policy = publicCacheControl(path);
    if (policy) await tagged(c, next);
    else await next();
    const headers = c.res.headers;
    if (headers.has('set-cookie')) headers.set('Cache-Control', 'private, no-store');
    else if (policy && (c.res.status === 200 || c.res.status === 304)) {
      headers.set('Cache-Control', policy);
      if (c.res.status === 200 && !headers.has('last-modified'))
        headers.set('Last-Modified', new Date().toUTCString());
    } else if (!headers.has('cache-control')) headers.set('Cache-Control', 'no-store');
  };
}

/**
 * `DENY` where the policy allows no framing, `SAMEORIGIN` where only this site may frame (the admin's
 * previews), and nothing where the district listed origins (the embed): the old header cannot name them, and
 * its SAMEORIGIN would break the embed on the district's site.
 */
export function frameOptions(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const policy = c.res.headers.get('content-security-policy');
    const ancestors = policy && /(?:^|;)\s*frame-ancestors\s+([^;]*)/i.exec(policy)?.[1]?.trim();
    if (ancestors === "'none'") c.res.headers.set('X-Frame-Options', 'DENY');
    else if (ancestors === "'self'") c.res.headers.set('X-Frame-Options', 'SAMEORIGIN');
  };
}

/**
 * A HEAD answer says how long the GET's body would be (RFC 9110 §9.3.2), as a proxy or a link checker
 * expects. Hono runs the GET route for a HEAD and drops the body after this, so the length is at hand here.
 */
export function headContentLength(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.req.method !== 'HEAD' || c.res.headers.has('content-length')) return;
    if (c.res.status === 304 || c.res.status === 204) return; // these never have a body to measure
    if (!c.res.body) return void c.res.headers.set('Content-Length', '0'); // a redirect, say
    const body = await c.res.arrayBuffer();
    const headers = new Headers(c.res.headers);
    headers.set('Content-Length', String(body.byteLength));
    c.res = new Response(body, { status: c.res.status, statusText: c.res.statusText, headers });
  };
}
