// The feeds: /feed.xml (RSS 2.0), /feed.atom (Atom 1.0), /feed.json (JSON Feed 1.1), and the same three per
// school under /schools/SLUG/; each also under /LANG/ for every other language the district offers. Each
// answers conditional requests (ETag, Last-Modified) with 304.
import { Hono, type Context } from 'hono';
import { sha256Hex } from '../auth/tokens';
import { etagMatches, unmodifiedSince } from './public-cache';
import { listPublishedDigests, listPublishedDigestsForSchool } from '../db/digests';
import { findSchoolBySlug } from '../db/schools';
import type { AppDeps } from '../deps';
import { loadDigestContents, schoolSlice, type DigestContent } from '../publish/digest-content';
import {
  DISTRICT_SCOPE,
  lastChange,
  renderAtom,
  renderJsonFeed,
  renderRss,
  type FeedScope,
  type FeedSite,
} from '../publish/render-feeds';
import { siteLanguage } from '../i18n/site-language';
import { readDistrictSettings, siteInLanguage } from '../settings/district-settings';
import { localizeContents } from '../publish/localize-content';

const FEED_LENGTH = 20;

const FORMATS = {
  xml: { render: renderRss, type: 'application/rss+xml; charset=utf-8' },
  atom: { render: renderAtom, type: 'application/atom+xml; charset=utf-8' },
  json: { render: renderJsonFeed, type: 'application/feed+json; charset=utf-8' },
} as const;

type Format = keyof typeof FORMATS;

const DAY_MS = 86_400_000;

/** Answers a feed body with validators, or 304 when the reader already has this version. */
export async function feedResponse(
  c: Context,
  body: string,
  type: string,
  modified: number | undefined,
  now: number,
) {
  const etag = `"${(await sha256Hex(body)).slice(0, 32)}"`;
  c.header('ETag', etag);
  c.header('Access-Control-Allow-Origin', '*');
  if (modified) c.header('Last-Modified', new Date(modified).toUTCString());
  const ifNoneMatch = c.req.header('if-none-match');
  const unchanged =
    ifNoneMatch !== undefined
      ? etagMatches(ifNoneMatch, etag)
      : !!modified && unmodifiedSince(c.req.header('if-modified-since'), modified, now);
  if (unchanged) return c.body(null, 304);
  return c.body(body, 200, { 'Content-Type': type });
}

export function feedRoutes(deps: AppDeps) {
  const app = new Hono();

  /** The feed's site in the language of its address (/es/feed.xml), or undefined for one not offered. */
  const siteIn = async (c: Context) => {
    const settings = await readDistrictSettings(deps.db);
    const site = siteInLanguage(settings, deps.config.publicUrl, c.req.param('lang'));
    if (!site) return undefined;
    // The digests in the feed's language: translated where a translation may be shown (localize-content.ts).
    const localize = (contents: DigestContent[]) => localizeContents(deps.db, contents, site.lang, settings);
    return { site, prefix: siteLanguage(site).prefix, localize };
  };

  const serve = async (
    c: Context,
    format: Format,
    contents: DigestContent[],
    site: FeedSite,
    scope: FeedScope,
  ) => {
    const { render, type } = FORMATS[format];
    return feedResponse(c, render(contents, site, scope), type, lastChange(contents), deps.clock.now());
  };

  for (const format of Object.keys(FORMATS) as Format[]) {
    app.get(`/feed.${format}`, async (c) => {
      const found = await siteIn(c);
      if (!found) return c.notFound();
      const contents = await found.localize(
        await loadDigestContents(
          deps.db,
          await listPublishedDigests(deps.db, { limit: FEED_LENGTH, offset: 0 }),
        ),
      );
      return serve(c, format, contents, found.site, {
        ...DISTRICT_SCOPE(`${found.prefix}/feed.${format}`),
        pagePath: found.prefix || '/',
        since: Math.floor(deps.clock.now() / DAY_MS) * DAY_MS,
      });
    });

    app.get(`/schools/:slug/feed.${format}`, async (c) => {
      const [school, found] = await Promise.all([findSchoolBySlug(deps.db, c.req.param('slug')), siteIn(c)]);
      if (!school || !found) return c.notFound();
      const digests = await listPublishedDigestsForSchool(deps.db, school.id, {
        limit: FEED_LENGTH,
        offset: 0,
      });
      const contents = (await found.localize(await loadDigestContents(deps.db, digests))).map((content) =>
        schoolSlice(content, school.id),
      );
      const base = `${found.prefix}/schools/${school.slug}`;
      return serve(c, format, contents, found.site, {
        selfPath: `${base}/feed.${format}`,
        pagePath: base,
        school: { slug: school.slug, name: school.name },
        since: school.createdAt,
      });
    });
  }

  return app;
}
