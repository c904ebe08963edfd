// /media/NAME: the district's copies of pictures. Names are content-addressed, so a size never changes and is
// cached for a year; a size taken down answers 410 Gone, which also empties it from emails already delivered
// the next time they are opened.
import { Hono } from 'hono';
import { findPictureFile } from '../db/pictures';
import type { AppDeps } from '../deps';

const NAME = /^[0-9a-f]{20}-(?:\d{1,5}|email)\.(?:webp|jpg|png)$/;

export function mediaRoutes(deps: AppDeps) {
  const app = new Hono();
  app.get('/media/:name', async (c) => {
    const name = c.req.param('name');
    if (!NAME.test(name)) return c.notFound();
    const file = await findPictureFile(deps.db, name);
    if (!file) return c.notFound();
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    if (file.removedAt !== null) {
      c.header('Cache-Control', 'public, max-age=3600');
      return c.text('This picture was taken down.', 410);
    }
    const bytes = file.bytes ?? (await deps.pictures?.bytes.get(name));
    if (!bytes) return c.notFound();
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    c.header('ETag', `"${name}"`);
    if (c.req.header('if-none-match') === `"${name}"`) return c.body(null, 304);
    return c.body(new Uint8Array(bytes), 200, { 'Content-Type': file.type });
  });
  return app;
}
