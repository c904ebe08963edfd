// /assets/*.css: stylesheets from strings (no file system, so Workers serve them too), cached for a year
// when requested with their content hash. Every answer here carries an ETag, so a browser whose copy has run
// out of time (an address without the version, the logo) asks again and gets a 304 while nothing changed.
import { Hono } from 'hono';
import { etag } from 'hono/etag';
import { ASSETS } from '../views/assets';
import { storedLogo } from '../brand/logo';
import { readSetting } from '../db/settings';
import { readDistrictSettings } from '../settings/district-settings';
import { brandCss, brandVersion, faviconSvg, type Brand } from '../brand/brand';
import type { Context } from 'hono';
import type { AppDeps } from '../deps';

export function assetRoutes(deps: AppDeps) {
  const app = new Hono();
  // Mounted at the root, so each path is named: a bare use() would tag every answer of the app.
  for (const path of ['/logo', '/logo/dark', '/favicon.svg', '/favicon.ico', '/brand.css', '/assets/:name'])
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
  const branded = (type: string, body: (brand: Brand) => string) => async (c: Context) => {
    const { brand } = await readDistrictSettings(deps.db);
    const versioned = c.req.query('v') === brandVersion(brand);
    c.header('Cache-Control', versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    return c.body(body(brand), 200, { 'Content-Type': type });
  };
  for (const path of ['/favicon.svg', '/favicon.ico']) app.get(path, branded('image/svg+xml', faviconSvg));
  app.get('/brand.css', branded('text/css; charset=utf-8', brandCss));
  app.get('/assets/:name', (c) => {
    const name = c.req.param('name');
    // Own names only: `__proto__`, `constructor` and the rest of Object.prototype are no asset.
    if (!Object.hasOwn(ASSETS, name)) return c.notFound();
    const asset = ASSETS[name as keyof typeof ASSETS];
    const versioned = c.req.query('v') === asset.version;
    c.header('Cache-Control', versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    const type = name.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8';
    return c.body(asset.body, 200, { 'Content-Type': type });
  });
  return app;
}
