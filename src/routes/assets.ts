// /assets/*.css: stylesheets from strings (no file system, so Workers serve them too), cached for a year
// when requested with their content hash.
import { Hono } from 'hono';
import { ASSETS } from '../views/assets';

export function assetRoutes() {
  const app = new Hono();
  app.get('/assets/:name', (c) => {
    const asset = ASSETS[c.req.param('name') as keyof typeof ASSETS];
    if (!asset) return c.notFound();
    const versioned = c.req.query('v') === asset.version;
    c.header('Cache-Control', versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    return c.body(asset.body, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
  return app;
}
