// /feed.xml: the published digests as RSS 2.0, answering conditional requests with 304.
import { Hono } from 'hono';
import { listPublishedDigests } from '../db/digests';
import type { AppDeps } from '../deps';
import { loadDigestContents } from '../publish/digest-content';
import { lastChange, renderRss } from '../publish/render-feeds';
import { readDistrictSettings, siteOf } from '../settings/district-settings';
import { sha256Hex } from '../auth/tokens';

const FEED_LENGTH = 20;

export function feedRoutes(deps: AppDeps) {
  const app = new Hono();

  app.get('/feed.xml', async (c) => {
    const settings = await readDistrictSettings(deps.db);
    const contents = await loadDigestContents(
      deps.db,
      await listPublishedDigests(deps.db, { limit: FEED_LENGTH, offset: 0 }),
    );
    const body = renderRss(contents, siteOf(settings, deps.config.publicUrl));
    const etag = `"${(await sha256Hex(body)).slice(0, 32)}"`;
    const modified = lastChange(contents);
    c.header('ETag', etag);
    c.header('Cache-Control', 'public, max-age=300');
    if (modified) c.header('Last-Modified', new Date(modified).toUTCString());
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    return c.body(body, 200, { 'Content-Type': 'application/rss+xml; charset=utf-8' });
  });

  return app;
}
