// The digest blog's pages: the latest digests, one digest, and the archive by month.
import { leadPicture } from '../pictures/picture-view';
import type { Digest } from '../db/digests';
import { changedAt, formatLongDate, type DigestContent } from '../publish/digest-content';
import type { School } from '../db/schools';
import { truncateWords } from '../text/html-to-text';
import { plural } from '../text/plural';
import { DigestArticle } from './digest-article';
import { DigestCard } from './digest-card';
import { digestHeading, digestSummary } from './digest-summary';
import { Picture } from './picture';
import { SignUpBox } from './sign-up-box';
import { PublicLayout, type SiteInfo } from './layout';

export function HomePage(props: {
  site: SiteInfo;
  contents: DigestContent[];
  timezone: string;
  page: number;
  hasOlder: boolean;
}) {
  return (
    <PublicLayout
      site={props.site}
      title={props.site.siteTitle}
      path={props.page === 1 ? '/' : `/?page=${props.page}`}
      description={`The best of yesterday in ${props.site.districtName}'s classrooms, once a day.`}
      wide={true}
    >
      <h1 class="visually-hidden">
        {props.page === 1 ? 'Latest digests' : `Older digests, page ${props.page}`}
      </h1>
      {props.page === 1 ? <SignUpBox site={props.site} id="signup" heading="h2" /> : null}
      {props.contents.length === 0 ? (
        <div class="empty">
          <p>The first digest has not been published yet. Subscribe above to receive it.</p>
        </div>
      ) : (
        <div class="cards">
          {props.contents.map((content, i) => (
            <DigestCard content={content} timezone={props.timezone} lead={props.page === 1 && i === 0} />
          ))}
        </div>
      )}
      {props.page > 1 || props.hasOlder ? (
        <nav class="pager" aria-label="Pages">
          {props.page > 1 ? (
            <a href={props.page === 2 ? '/' : `/?page=${props.page - 1}`}>← Newer digests</a>
          ) : (
            <span />
          )}
          {props.hasOlder ? <a href={`/?page=${props.page + 1}`}>Older digests →</a> : null}
        </nav>
      ) : null}
    </PublicLayout>
  );
}

export function DigestPage(props: {
  site: SiteInfo;
  content: DigestContent;
  timezone: string;
  previous?: Digest;
  next?: Digest;
}) {
  const { digest, entries } = props.content;
  const title = digest.title.trim()
    ? `${digest.title.trim()}: ${formatLongDate(digest.date)}`
    : formatLongDate(digest.date);
  const pictured = leadPicture(entries, props.site.publicUrl);
  const url = `${props.site.publicUrl}/digests/${digest.date}`;
  return (
    <PublicLayout
      site={props.site}
      title={title}
      path={`/digests/${digest.date}`}
      share={{
        type: 'article',
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
          {props.previous ? <link rel="prev" href={`/digests/${props.previous.date}`} /> : null}
          {props.next ? <link rel="next" href={`/digests/${props.next.date}`} /> : null}
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
      <DigestArticle
        content={props.content}
        siteTitle={props.site.siteTitle}
        timezone={props.timezone}
        asPage={true}
      />
      <ShareLinks url={url} title={title} />
      <SignUpBox site={props.site} id="signup" heading="h2" />
      <DayNavigation previous={props.previous} next={props.next} />
    </PublicLayout>
  );
}

/** Plain links to share a digest: no third-party script, no tracking, nothing loaded until a reader clicks. */
function ShareLinks(props: { url: string; title: string }) {
  const url = encodeURIComponent(props.url);
  const text = encodeURIComponent(props.title);
  const links = [
    { name: 'Email', href: `mailto:?subject=${text}&body=${url}` },
    { name: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${url}` },
    {
      name: 'Bluesky',
      href: `https://bsky.app/intent/compose?text=${encodeURIComponent(`${props.title} ${props.url}`)}`,
    },
    { name: 'X', href: `https://x.com/intent/post?text=${text}&url=${url}` },
  ];
  return (
    <nav class="share" aria-label="Share this digest">
      <span class="share-label">Share this digest:</span>
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
function DayNavigation(props: { previous?: Digest; next?: Digest }) {
  if (!props.previous && !props.next) return null;
  const day = (digest: Digest) => formatLongDate(digest.date);
  return (
    <nav class="days" aria-label="Other days">
      {props.previous ? (
        <a href={`/digests/${props.previous.date}`} rel="prev" class="day-prev">
          <span class="day-label">Previous day</span> {day(props.previous)}
        </a>
      ) : (
        <span />
      )}
      {props.next ? (
        <a href={`/digests/${props.next.date}`} rel="next" class="day-next">
          <span class="day-label">Next day</span> {day(props.next)}
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
  const monthName = (month: string) =>
    new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(
      new Date(`${month}-01T00:00:00Z`),
    );
  const latest = props.years[0];
  const path = props.year === undefined || props.year === latest ? '/archive' : `/archive/${props.year}`;
  return (
    <PublicLayout
      site={props.site}
      title={props.year && props.year !== latest ? `Archive: ${props.year}` : 'Archive'}
      path={path}
      description={`Every daily digest ${props.site.districtName} has published, by month.`}
    >
      <h1 class="page-title">Every digest{props.year && props.year !== latest ? ` of ${props.year}` : ''}</h1>
      {props.years.length > 1 ? (
        <nav class="years" aria-label="Years">
          <ul>
            {props.years.map((year) => (
              <li>
                {year === props.year ? (
                  <strong aria-current="page">{year}</strong>
                ) : (
                  <a href={year === latest ? '/archive' : `/archive/${year}`}>{year}</a>
                )}
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {props.contents.length === 0 ? <p>No digests have been published yet.</p> : null}
      {[...months.entries()].map(([month, contents]) => (
        <section class="archive-month" aria-labelledby={`m-${month}`}>
          <h2 id={`m-${month}`}>{monthName(month)}</h2>
          <ol class="archive-list">
            {contents.map((content) => (
              <ArchiveRow content={content} />
            ))}
          </ol>
        </section>
      ))}
    </PublicLayout>
  );
}

function ArchiveRow(props: { content: DigestContent }) {
  const { digest, entries } = props.content;
  const heading = digestHeading(digest);
  const pictured = entries.find((entry) => entry.picture);
  return (
    <li class="archive-row">
      <div class="archive-text">
        <h3>
          <a href={`/digests/${digest.date}`}>
            {heading.dated ? (
              <>
                <time datetime={digest.date}>{formatLongDate(digest.date)}</time>
                <span class="archive-title">{heading.title}</span>
              </>
            ) : (
              <time datetime={digest.date}>{heading.title}</time>
            )}
          </a>
        </h3>
        <p class="archive-intro">{digest.intro ? truncateWords(digest.intro, 180) : headlinesOf(entries)}</p>
        <p class="muted archive-meta">{digestSummary(entries)}</p>
      </div>
      {pictured ? (
        <div class="archive-thumb">
          <Picture picture={pictured.picture} alt="" sizes="8rem" />
        </div>
      ) : null}
    </li>
  );
}

function headlinesOf(entries: DigestContent['entries']): string {
  return truncateWords(entries.map((entry) => entry.headline).join(' · '), 180);
}

export function SchoolsPage(props: { site: SiteInfo; schools: (School & { digests: number })[] }) {
  return (
    <PublicLayout
      site={props.site}
      title="Schools"
      path="/schools"
      description={`Every school in ${props.site.districtName} with posts in ${props.site.siteTitle}.`}
    >
      <h1 class="page-title">Schools</h1>
      {props.schools.length === 0 ? <p>No school has posts in a published digest yet.</p> : null}
      <ul class="school-list">
        {props.schools.map((school) => (
          <li>
            <a href={`/schools/${school.slug}`}>{school.name}</a>{' '}
            <span class="muted">· in {plural(school.digests, 'digest')}</span>
          </li>
        ))}
      </ul>
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
  const base = `/schools/${school.slug}`;
  return (
    <PublicLayout
      site={site}
      title={school.name}
      path={props.page === 1 ? base : `${base}?page=${props.page}`}
      description={`Posts from ${school.name} in ${site.siteTitle}, ${site.districtName}'s daily digest.`}
      feeds={[
        {
          title: `${school.name} (RSS)`,
          href: `${site.publicUrl}${base}/feed.xml`,
          type: 'application/rss+xml',
        },
      ]}
    >
      <header class="school-header">
        <h1 class="page-title">{school.name}</h1>
        <p class="muted">
          Posts from {school.name} in every digest, newest first. <a href={`${base}/feed.xml`}>RSS feed</a> ·{' '}
          <a href={`/subscribe?school=${school.slug}`}>Get {school.name} by email</a>
        </p>
      </header>
      {props.contents.length === 0 ? (
        <div class="empty">
          <p>No posts from {school.name} have been published yet.</p>
        </div>
      ) : (
        props.contents.map((content) => (
          <DigestArticle
            content={content}
            siteTitle={site.siteTitle}
            timezone={props.timezone}
            asPage={false}
          />
        ))
      )}
      {props.page > 1 || props.hasOlder ? (
        <nav class="pager" aria-label="Pages">
          {props.page > 1 ? (
            <a href={props.page === 2 ? base : `${base}?page=${props.page - 1}`}>← Newer</a>
          ) : (
            <span />
          )}
          {props.hasOlder ? <a href={`${base}?page=${props.page + 1}`}>Older →</a> : null}
        </nav>
      ) : null}
    </PublicLayout>
  );
}
