// /admin/inbox/pictures/ITEM?url=…: a post's picture for the desk, fetched and made small by the server
// (pictures/desk-pictures.ts), so the coordinator's browser loads nothing from a teacher's site. Only the
// pictures of the post named are fetched: the address cannot be turned into a way to fetch anything else.
import { Hono } from 'hono';
import { imagesOf } from '../../curate/item-images';
import { findItemsByIds } from '../../db/items';
import type { AppDeps } from '../../deps';
import { createDeskPictures } from '../../pictures/desk-pictures';
import type { AdminEnv } from './context';

/** Shown where a picture could not be fetched or read: a frame with a crossed picture, in the desk's greys. */
const UNAVAILABLE = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240" viewBox="0 0 320 240"><rect width="320" height="240" fill="#eef0f3"/><g fill="none" stroke="#8a94a3" stroke-width="6" stroke-linejoin="round"><rect x="115" y="85" width="90" height="70" rx="6"/><path d="M125 145l25-28 18 18 12-12 15 22"/><path d="M110 80l100 80"/></g></svg>`;

export function deskPictureRoutes(deps: AppDeps) {
  const app = new Hono<AdminEnv>();
  const pictures = createDeskPictures({
    // A Worker without a MEDIA bucket publishes no pictures and has no picture fetcher: the feeds' one looks.
    fetcher: deps.pictures?.fetcher ?? deps.fetcher,
    maker: deps.pictures?.maker,
    log: deps.log,
    now: () => deps.clock.now(),
  });

  app.get('/:itemId{[0-9]+}', async (c) => {
    const url = c.req.query('url') ?? '';
    const [item] = await findItemsByIds(deps.db, [Number(c.req.param('itemId'))]);
    if (!item || !imagesOf(item).some((image) => image.url === url))
      return c.text('That post has no such picture.', 404, { 'Cache-Control': 'no-store' });
    // The post's feed shares its turns, however many hosts its pictures name.
    const picture = await pictures.get(url, String(item.sourceId));
    if ('error' in picture)
      // An image answer, so the desk shows a frame instead of a broken picture; the site is asked again a
      // minute later (desk-pictures.ts), and the browser keeps nothing.
      return c.body(UNAVAILABLE, 502, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'no-store' });
    return c.body(picture.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': picture.type,
      // The browser keeps it for an hour, as the server does: a picture changed at its address shows after that.
      'Cache-Control': 'private, max-age=3600',
    });
  });
  return app;
}
