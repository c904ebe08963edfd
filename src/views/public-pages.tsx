// The digest blog's pages: the latest digests, one digest, and the archive by month.
import { leadPicture } from '../pictures/picture-view';
import type { Digest } from '../db/digests';
import { changedAt, originalLangOf, type DigestContent } from '../publish/digest-content';
import type { School } from '../db/schools';
import type { Language } from '../i18n/languages';
import { digestWords, possessive } from '../i18n/site-language';
import { truncateWords } from '../text/html-to-text';
import { DigestArticle } from './digest-article';
import { DigestCard } from './digest-card';
import { digestHeading, digestSummary } from './digest-summary';
import { Picture } from './picture';
import { SignUpBox } from './sign-up-box';
import {
  ContactLine,
  DistrictWords,
  localPath,
  PublicLayout,
  subscribeHref,
  textOf,
  type SiteInfo,
} from './layout';

export function HomePage(props: {
  site: SiteInfo;
  contents: DigestContent[];
  timezone: string;
  page: number;
  hasOlder: boolean;
}) {
  const { t } = textOf(props.site);
  const home = localPath(props.site, '/');
  return (
    <PublicLayout
      site={props.site}
      title={props.page === 1 ? props.site.siteTitle : t('home.page', { page: props.page })}
      path={props.page === 1 ? '/' : `/?page=${props.page}`}
      description={t('home.description', {
        district: props.site.districtName,
        districtPossessive: possessive(props.site.districtName),
      })}
      wide={true}
    >
      <h1 class="visually-hidden">
        {props.page === 1 ? t('home.title') : t('home.page', { page: props.page })}
      </h1>
      {props.page === 1 ? <SignUpBox site={props.site} id="signup" heading="h2" /> : null}
      {props.contents.length === 0 ? (
        <div class="empty">
          <p>{t('home.empty')}</p>
        </div>
      ) : (
        <div class={below(props) === 2 ? 'cards pair' : 'cards'}>
          {props.contents.map((content, i) => (
            <DigestCard
              content={content}
              site={props.site}
              timezone={props.timezone}
              lead={props.page === 1 && i === 0}
            />
          ))}
        </div>
      )}
      {props.page > 1 || props.hasOlder ? (
        <nav class="pager" aria-label={t('home.pages')}>
          {props.page > 1 ? (
            <a href={props.page === 2 ? home : `${home}?page=${props.page - 1}`}>{t('home.newer')}</a>
          ) : (
            <span />
          )}
          {props.hasOlder ? <a href={`${home}?page=${props.page + 1}`}>{t('home.older')}</a> : null}
        </nav>
      ) : null}
    </PublicLayout>
  );
}

/** How many digests stand below the lead (on later pages, below nothing: all of them). */
function below(props: { contents: unknown[]; page: number }): number {
  return props.page === 1 ? props.contents.length - 1 : props.contents.length;
}

export function DigestPage(props: {
  site: SiteInfo;
  content: DigestContent;
  timezone: string;
  previous?: Digest;
  next?: Digest;
  /** The district's other languages its readers get it translated in (PublicLayout's translatedIn). */
  translatedIn?: readonly Language[];
}) {
  const { digest, entries } = props.content;
  const text = textOf(props.site);
  const title = digest.title.trim()
    ? `${digest.title.trim()}: ${text.longDate(digest.date)}`
    : text.dayTitle(digest.date);
  // Shared, the date alone says little: the site's title leads it, as in the feeds and the embed.
  const shareTitle = digest.title.trim() ? title : `${props.site.siteTitle}: ${text.longDate(digest.date)}`;
  const pictured = leadPicture(entries, props.site.publicUrl);
  const url = `${props.site.publicUrl}${localPath(props.site, `/digests/${digest.date}`)}`;
  return (
    <PublicLayout
      site={props.site}
      title={title}
      path={`/digests/${digest.date}`}
      translatedIn={props.translatedIn}
      share={{
        type: 'article',
        title: shareTitle,
        image: pictured
          ? { url: pictured.src, alt: pictured.alt, width: pictured.width, height: pictured.height }
          : undefined,
        publishedAt: digest.publishedAt ?? undefined,
        modifiedAt: changedAt(props.content),
      }}
      head={
        <>
          <link
            rel="alternate"
            type="application/json+oembed"
            href={`${props.site.publicUrl}/oembed?url=${encodeURIComponent(url)}&format=json`}
            title={title}
          />
          {props.previous ? (
            <link rel="prev" href={localPath(props.site, `/digests/${props.previous.date}`)} />
          ) : null}
          {props.next ? (
            <link rel="next" href={localPath(props.site, `/digests/${props.next.date}`)} />
          ) : null}
        </>
      }
      description={
        digest.intro ||
        entries
          .map((e) => e.headline)
          .join(' · ')
          .slice(0, 200)
      }
    >
      <DigestArticle content={props.content} site={props.site} timezone={props.timezone} asPage={true} />
      <ShareLinks url={url} title={`${shareTitle} · ${props.site.districtName}`} site={props.site} />
      <SignUpBox site={props.site} id="signup" heading="h2" />
      <DayNavigation previous={props.previous} next={props.next} site={props.site} />
    </PublicLayout>
  );
}

/** Plain links to share a digest: no third-party script, no tracking, nothing loaded until a reader clicks. */
function ShareLinks(props: { url: string; title: string; site: SiteInfo }) {
  const { t } = textOf(props.site);
  const url = encodeURIComponent(props.url);
  const text = encodeURIComponent(props.title);
  const links = [
    { name: t('digest.shareEmail'), href: `mailto:?subject=${text}&body=${url}` },
    { name: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${url}` },
    {
      name: 'Bluesky',
      href: `https://bsky.app/intent/compose?text=${encodeURIComponent(`${props.title} ${props.url}`)}`,
    },
    { name: 'X', href: `https://x.com/intent/post?text=${text}&url=${url}` },
  ];
  return (
    <nav class="share" aria-label={t('digest.share')}>
      <span class="share-label">{t('digest.share')}:</span>
      <ul>
        {links.map((link) => (
          <li>
            <a href={link.href} rel="noopener">
              {link.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The digests of the school days before and after this one. */
export function DayNavigation(props: { previous?: Digest; next?: Digest; site: SiteInfo }) {
  if (!props.previous && !props.next) return null;
  const text = textOf(props.site);
  const day = (digest: Digest) => text.dayTitle(digest.date);
  const href = (digest: Digest) => localPath(props.site, `/digests/${digest.date}`);
  return (
    <nav class="days" aria-label={text.t('digest.days')}>
      {props.previous ? (
        <a href={href(props.previous)} rel="prev" class="day-prev">
          <span class="day-label">{text.t('digest.previous')}</span> {day(props.previous)}
        </a>
      ) : (
        <span />
      )}
      {props.next ? (
        <a href={href(props.next)} rel="next" class="day-next">
          <span class="day-label">{text.t('digest.next')}</span> {day(props.next)}
        </a>
      ) : null}
    </nav>
  );
}

/** The archive: one year at a time, by month, each digest with its lead picture, title and intro. */
export function ArchivePage(props: {
  site: SiteInfo;
  contents: DigestContent[];
  year?: number;
  years: number[];
}) {
  const months = new Map<string, DigestContent[]>();
  for (const content of props.contents) {
    const month = content.digest.date.slice(0, 7);
    months.set(month, [...(months.get(month) ?? []), content]);
  }
  const text = textOf(props.site);
  const t = text.t;
  const latest = props.years[0];
  const path = props.year === undefined || props.year === latest ? '/archive' : `/archive/${props.year}`;
  const older = props.year !== undefined && props.year !== latest;
  return (
    <PublicLayout
      site={props.site}
      title={older ? t('archive.titleYear', { year: props.year! }) : t('archive.title')}
      path={path}
      description={t('archive.description', { district: props.site.districtName })}
    >
      <h1 class="page-title">
        {older ? t('archive.headingYear', { year: props.year! }) : t('archive.heading')}
      </h1>
      {props.years.length > 1 ? (
        <nav class="years" aria-label={t('archive.years')}>
          <ul>
            {props.years.map((year) => (
              <li>
                {year === props.year ? (
                  <strong aria-current="page">{year}</strong>
                ) : (
                  <a href={localPath(props.site, year === latest ? '/archive' : `/archive/${year}`)}>
                    {year}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {props.contents.length === 0 ? <p>{t('archive.empty')}</p> : null}
      {[...months.entries()].map(([month, contents]) => (
        <section class="archive-month" aria-labelledby={`m-${month}`}>
          <h2 id={`m-${month}`}>{text.monthName(month)}</h2>
          <ol class="archive-list">
            {contents.map((content) => (
              <ArchiveRow content={content} site={props.site} />
            ))}
          </ol>
        </section>
      ))}
    </PublicLayout>
  );
}

function ArchiveRow(props: { content: DigestContent; site: SiteInfo }) {
  const { digest, entries } = props.content;
  const text = textOf(props.site);
  const heading = digestHeading(digest, text);
  const pictured = entries.find((entry) => entry.picture);
  // The line under the title: the intro, or the headlines, in the district's language if none is translated.
  const lineLang = digest.intro
    ? originalLangOf(props.content, 'intro')
    : entries.every((entry) => originalLangOf(props.content, `headline:${entry.itemId}`))
      ? props.content.untranslated?.lang
      : undefined;
  return (
    <li class="archive-row">
      <div class="archive-text">
        <h3 class={heading.dated ? 'titled' : undefined}>
          <a href={localPath(props.site, `/digests/${digest.date}`)}>
            {heading.dated ? (
              <>
                <time datetime={digest.date}>{text.dayTitle(digest.date)}</time>
                <span class="archive-title" lang={originalLangOf(props.content, 'title')}>
                  {heading.title}
                </span>
              </>
            ) : (
              <time datetime={digest.date}>{heading.title}</time>
            )}
          </a>
        </h3>
        <p class="archive-intro" dir="auto" lang={lineLang}>
          {digest.intro ? truncateWords(digest.intro, 180) : headlinesOf(entries)}
        </p>
        <p class="muted archive-meta">{digestSummary(entries, text)}</p>
      </div>
      {pictured ? (
        <div class="archive-thumb">
          {/* The same page as the date's link: a second target for a thumb, not a second stop for the keyboard. */}
          <a href={localPath(props.site, `/digests/${digest.date}`)} tabindex={-1} aria-hidden="true">
            <Picture picture={pictured.picture} alt="" sizes="8rem" />
          </a>
        </div>
      ) : null}
    </li>
  );
}

function headlinesOf(entries: DigestContent['entries']): string {
  return truncateWords(entries.map((entry) => entry.headline).join(' · '), 180);
}

/**
 * /teachers: how a class account comes to be featured (the principal authorizes it, the district's team adds
 * it), what the digest shows of a post and the rules it keeps, and what happens when something is wrong. Said
 * from the district's settings: the note to a post's owner only where the district sends it.
 */
export function TeachersPage(props: { site: SiteInfo; notifiesOwners: boolean }) {
  const { t } = textOf(props.site);
  const words = digestWords(props.site);
  return (
    <PublicLayout
      site={props.site}
      title={t('teachers.title')}
      path="/teachers"
      description={t('teachers.description', words)}
    >
      <article class="prose">
        <h1 class="page-title">{t('teachers.title')}</h1>
        <p class="lead">{t('teachers.lead', words)}</p>
        <h2>{t('teachers.howTitle')}</h2>
        <ol>
          <li>{t('teachers.how1')}</li>
          <li>{t('teachers.how2')}</li>
          <li>{t('teachers.how3')}</li>
        </ol>
        <h2>{t('teachers.showsTitle')}</h2>
        <ul>
          <li>{t('teachers.shows1')}</li>
          <li>{t('teachers.shows2')}</li>
          <li>{t('teachers.shows3')}</li>
          <li>{t('teachers.shows4')}</li>
        </ul>
        <h2>{t('teachers.chosenTitle')}</h2>
        {props.notifiesOwners ? <p>{t('teachers.chosenNotify')}</p> : null}
        <p>
          <a href={localPath(props.site, '/schools')}>{t('teachers.chosenQuiet')}</a>
        </p>
        <h2>{t('teachers.wrongTitle')}</h2>
        <p>{t('teachers.wrong')}</p>
        <ContactLine site={props.site} />
      </article>
    </PublicLayout>
  );
}

export function SchoolsPage(props: { site: SiteInfo; schools: (School & { digests: number })[] }) {
  const { t } = textOf(props.site);
  return (
    <PublicLayout
      site={props.site}
      title={t('schools.title')}
      path="/schools"
      description={t('schools.description', { district: props.site.districtName })}
    >
      <h1 class="page-title">{t('schools.title')}</h1>
      {props.schools.length === 0 ? <p>{t('schools.empty')}</p> : null}
      <ul class="school-list">
        {props.schools.map((school) => (
          <li>
            <a href={localPath(props.site, `/schools/${school.slug}`)}>
              <DistrictWords site={props.site}>{school.name}</DistrictWords>
            </a>{' '}
            <span class="muted">
              · {school.digests ? t('schools.inDigests', { count: school.digests }) : t('schools.noneYet')}
            </span>
          </li>
        ))}
      </ul>
    </PublicLayout>
  );
}

/**
 * What a feed is, for a parent who followed a feed link and would otherwise land on code, and every feed's
 * address in the page's language: the district's three formats, and each school's RSS.
 */
export function FeedsPage(props: { site: SiteInfo; schools: School[] }) {
  const { site } = props;
  const { t } = textOf(site);
  const words = digestWords(site);
  const address = (path: string) => `${site.publicUrl}${localPath(site, path)}`;
  const FeedAddress = (feed: { label: string; hint?: string; path: string }) => (
    <li>
      <span class="feed-format">
        {feed.label}
        {feed.hint ? <span class="muted"> · {feed.hint}</span> : null}
      </span>
      <a href={address(feed.path)} class="feed-address" dir="ltr">
        {address(feed.path)}
      </a>
    </li>
  );
  return (
    <PublicLayout
      site={site}
      title={t('feedsPage.title')}
      path="/feeds"
      description={t('feedsPage.description', words)}
    >
      <article class="prose">
        <h1 class="page-title">{t('feedsPage.title')}</h1>
        <p class="lead">{t('feedsPage.lead')}</p>
        <p class="muted">{t('feedsPage.browser')}</p>
        <h2>{t('feedsPage.everySchool')}</h2>
        <ul class="feed-list">
          <FeedAddress label={t('layout.rss')} hint={t('feedsPage.rssHint')} path="/feed.xml" />
          <FeedAddress label={t('layout.atom')} path="/feed.atom" />
          <FeedAddress label={t('layout.jsonFeed')} path="/feed.json" />
        </ul>
        {props.schools.length ? (
          <>
            <h2>{t('feedsPage.oneSchool')}</h2>
            <p>{t('feedsPage.oneSchoolHelp')}</p>
            <ul class="feed-list">
              {props.schools.map((school) => (
                <li id={`school-${school.slug}`}>
                  <span class="feed-format">
                    <DistrictWords site={site}>{school.name}</DistrictWords>
                  </span>
                  <a href={address(`/schools/${school.slug}/feed.xml`)} class="feed-address" dir="ltr">
                    {address(`/schools/${school.slug}/feed.xml`)}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <h2>{t('feedsPage.email')}</h2>
        <p>
          <a href={subscribeHref(site)}>{t('layout.subscribe')}</a>
        </p>
      </article>
    </PublicLayout>
  );
}

export function SchoolPage(props: {
  site: SiteInfo;
  school: School;
  contents: DigestContent[];
  timezone: string;
  page: number;
  hasOlder: boolean;
}) {
  const { school, site } = props;
  const { t } = textOf(site);
  const base = localPath(site, `/schools/${school.slug}`);
  const feed = localPath(site, `/schools/${school.slug}/feed.xml`);
  return (
    <PublicLayout
      site={site}
      title={school.name}
      path={props.page === 1 ? `/schools/${school.slug}` : `/schools/${school.slug}?page=${props.page}`}
      description={t('schools.schoolDescription', { school: school.name, ...digestWords(site) })}
      feeds={[
        {
          title: `${school.name} (RSS)`,
          href: `${site.publicUrl}${feed}`,
          type: 'application/rss+xml',
        },
      ]}
    >
      <header class="school-header">
        <h1 class="page-title">
          <DistrictWords site={site}>{school.name}</DistrictWords>
        </h1>
        <p class="muted">
          {t('schools.intro', { school: school.name })}{' '}
          {/* The Feeds page lists the schools with a published digest: the others are pointed at its top. */}
          <a href={localPath(site, props.contents.length ? `/feeds#school-${school.slug}` : '/feeds')}>
            {t('layout.rss')}
          </a>{' '}
          · <a href={subscribeHref(site, school.slug)}>{t('schools.byEmail', { school: school.name })}</a>
        </p>
      </header>
      {props.contents.length === 0 ? (
        <div class="empty">
          <p>{t('schools.none', { school: school.name })}</p>
        </div>
      ) : (
        props.contents.map((content) => (
          <DigestArticle content={content} site={site} timezone={props.timezone} asPage={false} />
        ))
      )}
      {props.page > 1 || props.hasOlder ? (
        <nav class="pager" aria-label={t('home.pages')}>
          {props.page > 1 ? (
            <a href={props.page === 2 ? base : `${base}?page=${props.page - 1}`}>{t('schools.newer')}</a>
          ) : (
            <span />
          )}
          {props.hasOlder ? <a href={`${base}?page=${props.page + 1}`}>{t('schools.older')}</a> : null}
        </nav>
      ) : null}
    </PublicLayout>
  );
}
