// The digest blog's pages: the latest digests, one digest, and the archive by month.
import type { Digest } from '../db/digests';
import { formatLongDate, type DigestContent } from '../publish/digest-content';
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
  return (
    <PublicLayout
      site={props.site}
      title={title}
      path={`/digests/${digest.date}`}
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
