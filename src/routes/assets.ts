// /assets/*.css: stylesheets from strings (no file system, so Workers serve them too), cached for a year
// when requested with their content hash.
import { Hono } from 'hono';
import { ASSETS } from '../views/assets';
import { readSetting } from '../db/settings';
import type { AppDeps } from '../deps';

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#1f3a5f"/><path d="M18 16l14 18 14-18" fill="none" stroke="#f5b041" stroke-width="7" stroke-linecap="round" stroke-linejoin="round"/><path d="M32 34v16" stroke="#fff" stroke-width="7" stroke-linecap="round"/></svg>`;

export function assetRoutes(deps: AppDeps) {
  const app = new Hono();
  app.get('/logo', async (c) => {
    const logo = await readSetting(deps.db, 'logo');
    const match = logo && /^data:(image\/(?:png|jpeg|webp));base64,(.+)$/.exec(logo);
    if (!match) return c.notFound();
    c.header('Cache-Control', 'public, max-age=300');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    return c.body(
      Uint8Array.from(atob(match[2]!), (ch) => ch.charCodeAt(0)),
      200,
      { 'Content-Type': match[1]! },
    );
  });
  for (const path of ['/favicon.svg', '/favicon.ico']) {
    app.get(path, (c) =>
      c.body(FAVICON, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=604800' }),
    );
  }
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
