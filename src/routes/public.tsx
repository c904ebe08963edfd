// The public digest blog: /, /digests/YYYY-MM-DD, /archive.
import { Hono } from 'hono';
import { countPublishedDigests, listPublishedDigests } from '../db/digests';
import type { AppDeps } from '../deps';
import { loadDigestContents, loadPublishedDigest } from '../publish/digest-content';
import { readDistrictSettings, siteOf } from '../settings/district-settings';
import { isLocalDate } from '../time/zoned-time';
import { ArchivePage, DigestPage, HomePage } from '../views/public-pages';
import { renderPage } from '../views/render';

const PER_PAGE = 5;

export function publicRoutes(deps: AppDeps) {
  const app = new Hono();
  const site = async () => {
    const settings = await readDistrictSettings(deps.db);
    return {
      settings,
      site: siteOf(settings, deps.config.publicUrl),
    };
  };

  app.get('/', async (c) => {
    const page = Math.max(1, Math.min(10_000, Number(c.req.query('page')) || 1));
    const { settings, site: info } = await site();
    const [digests, total] = await Promise.all([
      listPublishedDigests(deps.db, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE }),
      countPublishedDigests(deps.db),
    ]);
    if (page > 1 && digests.length === 0) return c.notFound();
    const contents = await loadDigestContents(deps.db, digests);
    return renderPage(
      c,
      <HomePage
        site={info}
        contents={contents}
        timezone={settings.timezone}
        page={page}
        hasOlder={page * PER_PAGE < total}
      />,
    );
  });

  app.get('/digests/:date', async (c) => {
    const date = c.req.param('date');
    if (!isLocalDate(date)) return c.notFound();
    const content = await loadPublishedDigest(deps.db, date);
    if (!content) return c.notFound();
    const { settings, site: info } = await site();
    return renderPage(c, <DigestPage site={info} content={content} timezone={settings.timezone} />);
  });

  app.get('/archive', async (c) => {
    const { site: info } = await site();
    const digests = await listPublishedDigests(deps.db, { limit: 100_000, offset: 0 });
    return renderPage(c, <ArchivePage site={info} digests={digests} />);
  });

  return app;
}
