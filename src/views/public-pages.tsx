// The digest blog's pages: the latest digests, one digest, and the archive by month.
import { leadPicture } from '../pictures/picture-view';
import type { Digest } from '../db/digests';
import { changedAt, formatLongDate, type DigestContent } from '../publish/digest-content';
import type { School } from '../db/schools';
import { DigestArticle } from './digest-article';
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
    >
      <h1 class="visually-hidden">Latest digests</h1>
      {props.contents.length === 0 ? (
        <div class="empty">
          <p>The first digest has not been published yet.</p>
          <p>
            <a href="/subscribe">Subscribe by email</a> to receive it.
          </p>
        </div>
      ) : (
        props.contents.map((content) => (
          <DigestArticle
            content={content}
            siteTitle={props.site.siteTitle}
            timezone={props.timezone}
            asPage={false}
          />
        ))
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

export function DigestPage(props: { site: SiteInfo; content: DigestContent; timezone: string }) {
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
        <link
          rel="alternate"
          type="application/json+oembed"
          href={`${props.site.publicUrl}/oembed?url=${encodeURIComponent(url)}&format=json`}
          title={title}
        />
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
    </PublicLayout>
  );
}

export function ArchivePage(props: { site: SiteInfo; digests: Digest[] }) {
  const months = new Map<string, Digest[]>();
  for (const digest of props.digests) {
    const month = digest.date.slice(0, 7);
    months.set(month, [...(months.get(month) ?? []), digest]);
  }
  const monthName = (month: string) =>
    new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(
      new Date(`${month}-01T00:00:00Z`),
    );
  return (
    <PublicLayout site={props.site} title="Archive" path="/archive">
      <h1 class="page-title">Every digest</h1>
      {props.digests.length === 0 ? <p>No digests have been published yet.</p> : null}
      {[...months.entries()].map(([month, digests]) => (
        <section class="archive-month" aria-labelledby={`m-${month}`}>
          <h2 id={`m-${month}`}>{monthName(month)}</h2>
          <ul>
            {digests.map((digest) => (
              <li>
                <a href={`/digests/${digest.date}`}>{formatLongDate(digest.date)}</a>
                {digest.title ? ` · ${digest.title}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </PublicLayout>
  );
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
            <span class="muted">
              · in {school.digests} {school.digests === 1 ? 'digest' : 'digests'}
            </span>
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
