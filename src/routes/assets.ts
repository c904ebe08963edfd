// /assets/*.css: stylesheets from strings (no file system, so Workers serve them too), cached for a year
// when requested with their content hash. Every answer here carries an ETag, so a browser whose copy has run
// out of time (an address without the version, the logo) asks again and gets a 304 while nothing changed.
import { Hono } from 'hono';
import { etag } from 'hono/etag';
import { ASSETS } from '../views/assets';
import { acceptsGzip } from './public-cache';
import { storedLogo } from '../brand/logo';
import { readSetting } from '../db/settings';
import { readDistrictSettings, siteOf } from '../settings/district-settings';
import { brandCss, brandVersion, faviconSvg, type Brand } from '../brand/brand';
import { markIco, markPng } from '../brand/mark-png';
import type { Context } from 'hono';
import type { AppDeps } from '../deps';

/**
 * The mark in each form asked for by its usual name: SVG for browsers, ICO for whatever asks for /favicon.ico,
 * a PNG for the feeds, and the square a phone puts on its home screen (asked for under both of Apple's names).
 */
const MARKS: Record<string, [type: string, body: (brand: Brand) => string | Uint8Array<ArrayBuffer>]> = {
  '/favicon.svg': ['image/svg+xml', faviconSvg],
  '/favicon.ico': ['image/x-icon', (brand) => markIco(brand)],
  '/favicon.png': ['image/png', (brand) => markPng(brand, 64)],
  '/apple-touch-icon.png': ['image/png', (brand) => markPng(brand, 180, 'square')],
  '/apple-touch-icon-precomposed.png': ['image/png', (brand) => markPng(brand, 180, 'square')],
  // The sizes an Android home screen asks a manifest for (/site.webmanifest).
  '/icon-192.png': ['image/png', (brand) => markPng(brand, 192)],
  '/icon-512.png': ['image/png', (brand) => markPng(brand, 512)],
};

/** What was drawn for each address and brand: drawing a picture takes from a few milliseconds to a tenth of a second. */
const DRAWN = new Map<string, string | Uint8Array<ArrayBuffer>>();

function drawn(key: string, draw: () => string | Uint8Array<ArrayBuffer>): string | Uint8Array<ArrayBuffer> {
  let body = DRAWN.get(key);
  if (body === undefined) {
    if (DRAWN.size >= 32) DRAWN.clear();
    body = draw();
    DRAWN.set(key, body);
  }
  return body;
}

/** Each asset gzipped once, the first time a browser that takes it asks (Node; see AppDeps.gzip). */
const gzipped = new Map<keyof typeof ASSETS, Uint8Array<ArrayBuffer>>();

export function assetRoutes(deps: AppDeps) {
  const app = new Hono();
  // Mounted at the root, so each path is named: a bare use() would tag every answer of the app.
  for (const path of [
    '/logo',
    '/logo/dark',
    ...Object.keys(MARKS),
    '/site.webmanifest',
    '/brand.css',
    '/assets/:name',
  ])
    app.use(path, etag());
  const logo = (key: 'logo' | 'logo_dark') => async (c: Context) => {
    const stored = await readSetting(deps.db, key);
    // Read whole and served without its metadata, also one uploaded before uploads were cleaned; one that
    // cannot be read whole is not served at all (Settings asks for it again).
    const picture = stored ? storedLogo(stored) : undefined;
    if (!picture) return c.notFound();
    c.header('Cache-Control', 'public, max-age=300');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    return c.body(new Uint8Array(picture.bytes), 200, { 'Content-Type': picture.type });
  };
  app.get('/logo', logo('logo'));
  app.get('/logo/dark', logo('logo_dark'));
  // The favicon and the brand's stylesheet follow Settings: with the brand's version in the address (as the
  // pages ask for them) they are kept for a year; without it, for five minutes.
  const branded =
    (type: string, body: (brand: Brand) => string | Uint8Array<ArrayBuffer>) => async (c: Context) => {
      const { brand } = await readDistrictSettings(deps.db);
      const version = brandVersion(brand);
      const versioned = c.req.query('v') === version;
      c.header('Cache-Control', versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
      c.header('Cross-Origin-Resource-Policy', 'cross-origin');
      return c.body(
        drawn(`${c.req.path} ${version}`, () => body(brand)),
        200,
        { 'Content-Type': type },
      );
    };
  for (const [path, [type, body]] of Object.entries(MARKS)) app.get(path, branded(type, body));
  app.get('/brand.css', branded('text/css; charset=utf-8', brandCss));
  // What a phone's "Add to Home Screen" names and draws the site with, in the district's own language and colour.
  // It follows the site's title as well as the brand, so it is kept for five minutes, not by the brand's version.
  app.get('/site.webmanifest', async (c) => {
    const settings = await readDistrictSettings(deps.db);
    const site = siteOf(settings, deps.config.publicUrl);
    const version = brandVersion(settings.brand);
    c.header('Cache-Control', 'public, max-age=300');
    c.header('Content-Type', 'application/manifest+json');
    return c.body(
      JSON.stringify({
        // The name an install prompt shows in full; the short one goes under the icon.
        name: `${site.siteTitle} · ${site.districtName}`,
        short_name: site.siteTitle,
        lang: settings.languages[0],
        start_url: '/',
        scope: '/',
        display: 'browser',
        theme_color: settings.brand.primary,
        background_color: '#ffffff',
        icons: [192, 512].map((size) => ({
          src: `/icon-${size}.png?v=${version}`,
          sizes: `${size}x${size}`,
          type: 'image/png',
        })),
      }),
    );
  });
  app.get('/assets/:name', (c) => {
    const name = c.req.param('name');
    // Own names only: `__proto__`, `constructor` and the rest of Object.prototype are no asset.
    if (!Object.hasOwn(ASSETS, name)) return c.notFound();
    const asset = ASSETS[name as keyof typeof ASSETS];
    const versioned = c.req.query('v') === asset.version;
    c.header('Cache-Control', versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('Vary', 'Accept-Encoding');
    const type = name.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8';
    // Gzipped for a browser that takes it, once per asset: the site's stylesheet, which every first visit
    // loads, is a quarter of its size so. Its ETag is the gzipped bytes', as a different representation's.
    if (deps.gzip && acceptsGzip(c.req.header('accept-encoding'))) {
      const key = name as keyof typeof ASSETS;
      if (!gzipped.has(key))
        gzipped.set(key, new Uint8Array(deps.gzip(new TextEncoder().encode(asset.body))));
      return c.body(gzipped.get(key)!, 200, { 'Content-Type': type, 'Content-Encoding': 'gzip' });
    }
    return c.body(asset.body, 200, { 'Content-Type': type });
  });
  return app;
}
