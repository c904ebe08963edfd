// The embed for the district's site: /embed (an iframe-ready page, framed only by the origins in settings),
// /embed.js (one script tag that inserts and sizes it) and /oembed (discovery for CMSes that speak oEmbed).
import { IMAGE_SOURCES } from './response-headers';
import { isLanguage } from '../i18n/languages';
import { localizeContents } from '../publish/localize-content';
import { digestFeedTitle } from '../publish/digest-html';
import { Hono } from 'hono';
import { listPublishedDigests, listPublishedDigestsForSchool } from '../db/digests';
import { findSchoolBySlug } from '../db/schools';
import type { AppDeps } from '../deps';
import {
  digestTitle,
  formatLongDate,
  loadDigestContents,
  loadPublishedDigest,
  schoolSlice,
} from '../publish/digest-content';
import { ownSiteTitle, readDistrictSettings, siteOf } from '../settings/district-settings';
import { isLocalDate } from '../time/zoned-time';
import { embedLoaderJs } from '../views/embed-assets';
import { EmbedPage, embedQuery } from '../views/embed-page';
import { renderPage } from '../views/render';
import { embedCount } from './public-addresses';
import { siteIn } from '../i18n/site-language';

const DEFAULT_WIDTH = 560;
const DEFAULT_HEIGHT = 640;

/**
 * The policy of every page shown inside the embed: framed by this site and the origins the district listed,
 * and nobody else; its one form (the sign-up) posts only to this site.
 */
export function embedSecurityPolicy(embedOrigins: readonly string[]): string {
  const ancestors = ["'self'", ...embedOrigins].join(' ');
  return `default-src 'none'; style-src 'self'; script-src 'self'; img-src ${IMAGE_SOURCES.join(' ')}; base-uri 'none'; form-action 'self'; frame-ancestors ${ancestors}`;
}

/**
 * The path of an address on this site, as a link to it is shared: its host in any case, over http or https,
 * with a query string (`?utm_source=…`) or a fragment the page does not read. Undefined for anything else.
 */
export function pathOnThisSite(url: string, publicUrl: string): string | undefined {
  let asked: URL;
  let site: URL;
  try {
    asked = new URL(url);
    site = new URL(publicUrl);
  } catch {
    return undefined;
  }
  if (asked.protocol !== 'http:' && asked.protocol !== 'https:') return undefined;
  if (asked.hostname !== site.hostname) return undefined;
  // The same port (URL leaves a scheme's own port out, so http:// and https:// of a site on 80 and 443 match).
  if (asked.port !== site.port) return undefined;
  const root = site.pathname.replace(/\/+$/, '');
  if (asked.pathname !== root && !asked.pathname.startsWith(`${root}/`)) return undefined;
  return asked.pathname.slice(root.length);
}

export function embedRoutes(deps: AppDeps) {
  const app = new Hono();

  app.get('/embed', async (c) => {
    const settings = await readDistrictSettings(deps.db);
    // /es/embed, or data-lang (?lang=es): one of the district's other languages; anything else is its own.
    const prefixed = c.req.param('lang');
    if (prefixed !== undefined && !(isLanguage(prefixed) && settings.languages.slice(1).includes(prefixed)))
      return c.notFound();
    const asked = prefixed ?? c.req.query('lang') ?? '';
    const lang = isLanguage(asked) && settings.languages.includes(asked) ? asked : settings.languages[0]!;
    const site = siteIn(siteOf(settings, deps.config.publicUrl), lang);
    const count = embedCount(c.req.query('count'));
    const date = c.req.query('date');
    const slug = c.req.query('school');
    const school = slug ? await findSchoolBySlug(deps.db, slug) : undefined;
    // A school or a date there is nothing for (a typo in data-school, a day not yet published): a 404 the
    // district's page can still frame, saying so, rather than the browser's broken-frame box.
    const nothingHere = () => {
      c.header('Content-Security-Policy', embedSecurityPolicy(settings.embedOrigins));
      return renderPage(c, <EmbedPage site={site} contents={[]} nothingHere />, 404);
    };
    if ((slug && !school) || (date !== undefined && !isLocalDate(date))) return nothingHere();
    let contents;
    if (date) {
      const content = await loadPublishedDigest(deps.db, date);
      if (!content) return nothingHere();
      contents = [content];
    } else {
      const digests = school
        ? await listPublishedDigestsForSchool(deps.db, school.id, { limit: count, offset: 0 })
        : await listPublishedDigests(deps.db, { limit: count, offset: 0 });
      contents = await loadDigestContents(deps.db, digests);
    }
    // In the embed's language: translated where a translation may be shown (localize-content.ts).
    contents = await localizeContents(deps.db, contents, lang, settings);
    if (school) contents = contents.map((content) => schoolSlice(content, school.id));
    c.header('Content-Security-Policy', embedSecurityPolicy(settings.embedOrigins));
    // What this embed shows, for the way back from its sign-up (/es/embed's language is in its path).
    const shown = new URL(c.req.url).searchParams;
    if (lang !== settings.languages[0]) shown.set('lang', lang);
    return renderPage(
      c,
      <EmbedPage
        site={site}
        contents={contents}
        school={school ? { slug: school.slug, name: school.name } : undefined}
        plain={c.req.query('theme') === 'plain'}
        back={embedQuery(shown)}
      />,
    );
  });

  app.get('/embed.js', async (c) => {
    if (c.req.param('lang') !== undefined) return c.notFound(); // one loader, at the root
    const settings = await readDistrictSettings(deps.db);
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    return c.body(
      embedLoaderJs(
        deps.config.publicUrl,
        ownSiteTitle(settings),
        settings.embedOrigins,
        settings.languages.slice(1),
        Object.fromEntries(
          settings.languages
            .slice(1)
            .map((lang) => [lang, siteIn(siteOf(settings, deps.config.publicUrl), lang).siteTitle]),
        ),
        settings.languages[0],
      ),
      200,
      {
        'Content-Type': 'text/javascript; charset=utf-8',
      },
    );
  });

  // https://oembed.com/: the site root stands for the latest digest, /digests/DATE for that one.
  app.get('/oembed', async (c) => {
    if (c.req.param('lang') !== undefined) return c.notFound();
    c.header('Access-Control-Allow-Origin', '*');
    const format = c.req.query('format') ?? 'json';
    if (format !== 'json') return c.json({ error: 'Only format=json is offered.' }, 501);
    const base = deps.config.publicUrl;
    const settings = await readDistrictSettings(deps.db);
    // The site's root or a digest's page, in the district's language or under one of its others (/es/…).
    const path = pathOnThisSite(c.req.query('url') ?? '', base);
    const read =
      path === undefined ? null : /^(?:\/([a-z]{2,3}))?(?:\/|\/digests\/(\d{4}-\d{2}-\d{2})\/?)?$/.exec(path);
    const prefix = read?.[1];
    const offered =
      prefix === undefined || (isLanguage(prefix) && settings.languages.slice(1).includes(prefix));
    const date = read?.[2];
    if (!read || !offered || (date !== undefined && !isLocalDate(date)))
      return c.json({ error: 'That address is not a digest on this site.' }, 404);
    const lang = prefix ?? settings.languages[0]!;
    const content = date
      ? await loadPublishedDigest(deps.db, date)
      : (await loadDigestContents(deps.db, await listPublishedDigests(deps.db, { limit: 1, offset: 0 })))[0];
    if (!content)
      return c.json(
        { error: date ? 'That digest is not published.' : 'No digest has been published yet.' },
        404,
      );
    const clamp = (value: string | undefined, fallback: number) => {
      const n = Number(value);
      return Number.isFinite(n) && n > 0 ? Math.min(fallback, Math.floor(n)) : fallback;
    };
    const width = clamp(c.req.query('maxwidth'), DEFAULT_WIDTH);
    const height = clamp(c.req.query('maxheight'), DEFAULT_HEIGHT);
    // Said in the address's language, as its page says it, and the frame shows that language.
    const site = siteIn(siteOf(settings, base), lang);
    const [localized] = await localizeContents(deps.db, [content], lang, settings);
    const title = prefix
      ? digestFeedTitle(localized!, site)
      : `${digestTitle(content.digest, ownSiteTitle(settings))}: ${formatLongDate(content.digest.date)}`;
    const page = `${prefix ? `/${prefix}` : ''}${date ? `/digests/${date}` : '/'}`;
    const src = `${base}${prefix ? `/${prefix}` : ''}/embed${date ? `?date=${date}` : ''}`;
    const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    // A link before the frame, for a site the frame may not show on (one not in Settings' allowed sites) and
    // for hosts that keep no frames. WordPress shows the link until the frame speaks to it, then the frame
    // (its embed protocol: embed-assets.ts); elsewhere both show, the link as the frame's caption. WordPress
    // keeps only some attributes: frameborder, not the style, is what takes the frame's border off there.
    const link = `<blockquote><a href="${attr(`${base}${page}`)}">${attr(title)}</a></blockquote>`;
    return c.json({
      version: '1.0',
      type: 'rich',
      provider_name: `${site.siteTitle} · ${site.districtName}`,
      provider_url: `${base}/`,
      title,
      html: `${link}<iframe src="${attr(src)}" width="${width}" height="${height}" title="${attr(title)}" frameborder="0" loading="lazy" style="border:0;max-width:100%"></iframe>`,
      width,
      height,
      cache_age: 300,
    });
  });

  return app;
}
