// The public digest blog: /, /digests/YYYY-MM-DD, /archive[/YYYY], /schools, /schools/SLUG, /teachers, /feeds, and for search engines
// /sitemap.xml and /robots.txt.
import { Hono, type Context } from 'hono';
import {
  countPublishedDigests,
  countPublishedDigestsForSchool,
  findDigest,
  findNeighbourDigests,
  listPublishedDigests,
  listPublishedDigestsInYear,
  listPublishedYears,
  listPublishedDigestsForSchool,
} from '../db/digests';
import { findSchoolBySlug, listSchoolsWithDigests } from '../db/schools';
import type { AppDeps } from '../deps';
import {
  changedAt,
  loadDigestContents,
  loadPublishedDigest,
  schoolSlice,
  type DigestContent,
} from '../publish/digest-content';
import { localizeContents } from '../publish/localize-content';
import { readDistrictSettings, siteInLanguage, type DistrictSettings } from '../settings/district-settings';
import type { Language } from '../i18n/languages';
import { escapeXml } from '../text/clean-text';
import { isLocalDate } from '../time/zoned-time';
import {
  ArchivePage,
  DayNavigation,
  DigestPage,
  FeedsPage,
  HomePage,
  SchoolPage,
  SchoolsPage,
  TeachersPage,
} from '../views/public-pages';
import { readTeacherSettings } from '../settings/teacher-settings';
import { renderPage } from '../views/render';
import { localPath, PublicLayout, textOf } from '../views/layout';
import { pageNumber } from './public-addresses';

const PER_PAGE = 5;
const SCHOOL_PER_PAGE = 10;

export function publicRoutes(deps: AppDeps) {
  const app = new Hono();
  /**
   * The district's settings and the page's site, in the language of the address: the district's own at the
   * root, another offered language under /LANG/. Undefined for a language not offered (the page is a 404).
   */
  const site = async (c: Context) => {
    const settings = await readDistrictSettings(deps.db);
    const found = siteInLanguage(settings, deps.config.publicUrl, c.req.param('lang'));
    return found && { settings, site: found };
  };
  /** The digests in the page's language: translated where a translation may be shown (localize-content.ts). */
  const inLanguage = (found: NonNullable<Awaited<ReturnType<typeof site>>>, contents: DigestContent[]) =>
    localizeContents(deps.db, contents, found.site.lang, found.settings);
  /**
   * The district's other languages each digest's readers get it translated in (reviewed, or labelled), by
   * digest id. In any other language its page is the district's text again (not translated, not reviewed
   * under `hold` or `fallback`, or only a correction's note translated): for a search engine, the same page.
   */
  const translatedIn = async (settings: DistrictSettings, contents: DigestContent[]) => {
    const found = new Map(contents.map((content) => [content.digest.id, [] as Language[]]));
    for (const lang of settings.languages.slice(1))
      for (const localized of await localizeContents(deps.db, contents, lang, settings))
        if (localized.notice !== 'original') found.get(localized.digest.id)!.push(lang);
    return found;
  };

  /**
   * A digest the district took down answers 410 Gone, saying so: a parent following a link from an email is
   * told what happened (not that the page may have moved), and search engines drop it. Others are a 404.
   */
  const takenDown = async (c: Context, date: string) => {
    const digest = await findDigest(deps.db, date);
    const found = await site(c);
    if (!found) return c.notFound();
    if (digest?.status !== 'unpublished') return noDigest(c, found, date);
    const text = textOf(found.site);
    const title = text.t('errors.takenDownTitle');
    return renderPage(
      c,
      <PublicLayout site={found.site} title={title}>
        <h1 class="page-title">{title}</h1>
        <p>
          {text.t('errors.takenDown', { day: text.longDate(date) })} {text.t('digest.sorry')}
        </p>
        <p>
          <a href={localPath(found.site, '/')}>{text.t('errors.home')}</a>
        </p>
      </PublicLayout>,
      410,
    );
  };

  /**
   * A real day with no digest (a weekend, a link shared before it was out): a 404 that says so, with the
   * digests on either side of it, rather than a page that "may have moved".
   */
  const noDigest = async (c: Context, found: NonNullable<Awaited<ReturnType<typeof site>>>, date: string) => {
    const text = textOf(found.site);
    const title = text.t('errors.noDigestTitle');
    const { previous, next } = await findNeighbourDigests(deps.db, date);
    return renderPage(
      c,
      <PublicLayout site={found.site} title={title}>
        <h1 class="page-title">{title}</h1>
        {/* With digests after it, the day's is not merely late. */}
        <p>{text.t(next ? 'errors.noDigestPast' : 'errors.noDigest', { day: text.longDate(date) })}</p>
        <DayNavigation previous={previous} next={next} site={found.site} />
        <p>
          <a href={localPath(found.site, '/')}>{text.t('errors.home')}</a>
        </p>
      </PublicLayout>,
      404,
    );
  };

  app.get('/', async (c) => {
    const page = pageNumber(c.req.query('page'));
    if (!page) return c.notFound();
    const found = await site(c);
    if (!found) return c.notFound();
    const { settings, site: info } = found;
    const [digests, total] = await Promise.all([
      listPublishedDigests(deps.db, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE }),
      countPublishedDigests(deps.db),
    ]);
    if (page > 1 && digests.length === 0) return c.notFound();
    return renderPage(
      c,
      <HomePage
        site={info}
        contents={await inLanguage(found, await loadDigestContents(deps.db, digests))}
        timezone={settings.timezone}
        page={page}
        hasOlder={page * PER_PAGE < total}
      />,
    );
  });

  // One address that is always the newest digest, for a newsletter or a flyer's QR code: sent on to it.
  app.get('/digests/latest', async (c) => {
    const [[latest], found] = await Promise.all([
      listPublishedDigests(deps.db, { limit: 1, offset: 0 }),
      site(c),
    ]);
    if (!latest || !found) return c.notFound();
    return c.redirect(localPath(found.site, `/digests/${latest.date}`), 302);
  });

  // The addresses people guess for the feed (`/rss`, `/feed`): sent on to the RSS feed in the same language.
  for (const guess of ['/rss', '/feed'])
    app.get(guess, async (c) => {
      const found = await site(c);
      if (!found) return c.notFound();
      return c.redirect(localPath(found.site, '/feed.xml'), 301);
    });

  app.get('/digests/:date', async (c) => {
    const date = c.req.param('date');
    if (!isLocalDate(date)) return c.notFound();
    const content = await loadPublishedDigest(deps.db, date);
    if (!content) return takenDown(c, date);
    const [found, { previous, next }] = await Promise.all([site(c), findNeighbourDigests(deps.db, date)]);
    if (!found) return c.notFound();
    const { settings, site: info } = found;
    const [[localized], languages] = await Promise.all([
      inLanguage(found, [content]),
      translatedIn(settings, [content]),
    ]);
    return renderPage(
      c,
      <DigestPage
        site={info}
        content={localized!}
        translatedIn={languages.get(content.digest.id)!}
        timezone={settings.timezone}
        previous={previous}
        next={next}
      />,
    );
  });

  const archive = async (c: Context, year: number | undefined) => {
    const [found, years] = await Promise.all([site(c), listPublishedYears(deps.db)]);
    if (!found) return c.notFound();
    const info = found.site;
    const shown = year ?? years[0];
    if (year !== undefined && !years.includes(year)) return c.notFound();
    const digests = shown === undefined ? [] : await listPublishedDigestsInYear(deps.db, shown);
    return renderPage(
      c,
      <ArchivePage
        site={info}
        contents={await inLanguage(found, await loadDigestContents(deps.db, digests))}
        year={shown}
        years={years}
      />,
    );
  };
  app.get('/archive', (c) => archive(c, undefined));
  app.get('/archive/:year{[0-9]{4}}', (c) => archive(c, Number(c.req.param('year'))));

  app.get('/schools', async (c) => {
    const found = await site(c);
    if (!found) return c.notFound();
    const info = found.site;
    return renderPage(c, <SchoolsPage site={info} schools={await listSchoolsWithDigests(deps.db)} />);
  });

  app.get('/feeds', async (c) => {
    const found = await site(c);
    if (!found) return c.notFound();
    return renderPage(c, <FeedsPage site={found.site} schools={await listSchoolsWithDigests(deps.db)} />);
  });

  app.get('/teachers', async (c) => {
    const found = await site(c);
    if (!found) return c.notFound();
    const { notifyOwnersFeatured } = await readTeacherSettings(deps.db);
    return renderPage(c, <TeachersPage site={found.site} notifiesOwners={notifyOwnersFeatured} />);
  });

  app.get('/schools/:slug', async (c) => {
    const page = pageNumber(c.req.query('page'));
    const school = await findSchoolBySlug(deps.db, c.req.param('slug'));
    if (!page || !school) return c.notFound();
    const found = await site(c);
    if (!found) return c.notFound();
    const { settings, site: info } = found;
    const [digests, total] = await Promise.all([
      listPublishedDigestsForSchool(deps.db, school.id, {
        limit: SCHOOL_PER_PAGE,
        offset: (page - 1) * SCHOOL_PER_PAGE,
      }),
      countPublishedDigestsForSchool(deps.db, school.id),
    ]);
    if (page > 1 && digests.length === 0) return c.notFound();
    const contents = (await inLanguage(found, await loadDigestContents(deps.db, digests))).map((content) =>
      schoolSlice(content, school.id),
    );
    return renderPage(
      c,
      <SchoolPage
        site={info}
        school={school}
        contents={contents}
        timezone={settings.timezone}
        page={page}
        hasOlder={page * SCHOOL_PER_PAGE < total}
      />,
    );
  });

  // For search engines, at the site's root only: one sitemap lists every page in every offered language.
  app.get('/sitemap.xml', async (c) => {
    if (c.req.param('lang') !== undefined) return c.notFound();
    const base = deps.config.publicUrl;
    const [digests, schools, years, settings] = await Promise.all([
      listPublishedDigests(deps.db, { limit: 50_000, offset: 0 }),
      listSchoolsWithDigests(deps.db),
      listPublishedYears(deps.db),
      readDistrictSettings(deps.db),
    ]);
    const prefixes = ['', ...settings.languages.slice(1).map((lang) => `/${lang}`)];
    const contents = await loadDigestContents(deps.db, digests);
    // A digest's copy in another language is listed only where its readers get it translated.
    const languages = await translatedIn(settings, contents);
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const url = (loc: string, lastmod?: number, digestId?: number) =>
      prefixes
        .filter(
          (prefix) =>
            !prefix ||
            digestId === undefined ||
            languages.get(digestId)!.some((lang) => prefix === `/${lang}`),
        )
        .map(
          (prefix) =>
            `<url><loc>${escapeXml(base + (loc === '/' && prefix ? prefix : prefix + loc))}</loc>${lastmod ? `<lastmod>${day(lastmod)}</lastmod>` : ''}</url>`,
        )
        .join('\n');
    const latest = contents[0] ? changedAt(contents[0]) : undefined;
    const body = [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
      url('/', latest),
      url('/archive', latest),
      ...years.slice(1).map((year) => url(`/archive/${year}`)),
      url('/schools'),
      url('/teachers'),
      url('/feeds'),
      // A school's page with nothing published yet has nothing for a search engine.
      ...schools.filter((school) => school.digests > 0).map((school) => url(`/schools/${school.slug}`)),
      ...contents.map((content) =>
        url(`/digests/${content.digest.date}`, changedAt(content), content.digest.id),
      ),
      '</urlset>',
      '',
    ].join('\n');
    return c.body(body, 200, { 'Content-Type': 'application/xml; charset=utf-8' });
  });

  app.get('/robots.txt', (c) => {
    if (c.req.param('lang') !== undefined) return c.notFound();
    return c.text(
      `User-agent: *\nDisallow: /admin\nDisallow: /api/\nDisallow: /subscribe/confirm\nDisallow: /unsubscribe\nDisallow: /preferences\nSitemap: ${deps.config.publicUrl}/sitemap.xml\n`,
    );
  });

  return app;
}
