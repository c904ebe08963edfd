// /media/NAME: the district's copies of pictures. Names are content-addressed, so a size never changes; but a
// size taken down answers 410 Gone, and that must reach emails already delivered the next time they are opened.
// So a picture may be kept but is checked again each time it is shown (`no-cache`): a 304 while it stands,
// the 410 once it is down, where a year's `immutable` kept showing it from browsers' and mail apps' caches.
import { Hono } from 'hono';
import { findPictureBytes, findPictureFile } from '../db/pictures';
import type { AppDeps } from '../deps';
import { etagMatches } from './public-cache';

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
    c.header('Cache-Control', 'public, no-cache');
    c.header('ETag', `"${name}"`);
    // Asked again each time a picture is shown: a copy still kept is answered before its bytes are read.
    const ifNoneMatch = c.req.header('if-none-match');
    if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, `"${name}"`)) return c.body(null, 304);
    const bytes = deps.pictures ? await deps.pictures.bytes.get(name) : await findPictureBytes(deps.db, name);
    if (!bytes) return c.notFound();
    return c.body(new Uint8Array(bytes), 200, { 'Content-Type': file.type });
  });
  return app;
}
