// "Test this feed": what Yesterday would read from a feed, or exactly why it cannot, without saving anything.
import { rich, t } from '../../i18n/desk-text';
import type { FeedReport } from '../../ingest/feed-report';
import { formatDateTime } from '../../time/format';
import { CsrfField } from '../admin-layout';
import { AuthorizationFields, type SourceDraft } from './sources-page';
import { truncateWords } from '../../text/html-to-text';

/** A page can advertise many feeds (comments, categories); the first few are the ones worth offering. */
const MAX_FEED_LINKS = 5;

export function FeedCheckPage(props: {
  report: FeedReport;
  /** The feeds the page links to that are sources already, with the school of each. */
  sourceSchools: ReadonlyMap<string, string>;
  /** What was typed into "Add a source": it goes on to the next test, or into "Add this source". */
  draft: SourceDraft;
  /** Names of the schools there are, offered for the school field. */
  schools: string[];
  csrfToken: string;
  timezone: string;
}) {
  const { report, draft } = props;
  return (
    <>
      <p>
        <a href="/admin/sources">{t('desk.sources.edit.back')}</a>
      </p>
      <h1>{t('desk.sources.check.title')}</h1>
      <p class="muted">
        {rich('desk.sources.check.nothingSaved', { url: <span class="break">{report.url}</span> })}
      </p>
      {!report.ok ? (
        <>
          <div class="flash error" role="alert">
            <strong>{t('desk.sources.check.cannotRead')}</strong> {report.error.message}
          </div>
          {report.error.feedLinks.length > 0 ? (
            <form method="post" action="/admin/sources/test" class="card">
              <CsrfField token={props.csrfToken} />
              <input type="hidden" name="school" value={draft.school} />
              <input type="hidden" name="owner_name" value={draft.ownerName} />
              <input type="hidden" name="owner" value={draft.ownerEmail} />
              <input type="hidden" name="authorized_by" value={draft.authorizedBy} />
              <input type="hidden" name="authorized_on" value={draft.authorizedOn} />
              <input type="hidden" name="review_on" value={draft.reviewOn} />
              {draft.mediaRelease ? <input type="hidden" name="media_release" value="1" /> : null}
              <h2 class="card-heading">
                {t('desk.sources.check.linksTo', { count: report.error.feedLinks.length })}
              </h2>
              <ul class="feed-links">
                {report.error.feedLinks.slice(0, MAX_FEED_LINKS).map((link) => (
                  <li>
                    <span class="break">{link}</span>
                    {props.sourceSchools.has(link) ? (
                      <span class="badge">
                        {t('desk.sources.check.alreadySource', { school: props.sourceSchools.get(link)! })}
                      </span>
                    ) : null}
                    <button
                      type="submit"
                      name="url"
                      value={link}
                      class="secondary"
                      aria-label={t('desk.sources.check.testNamed', { url: link })}
                    >
                      {t('desk.sources.check.test')}
                    </button>
                  </li>
                ))}
              </ul>
            </form>
          ) : null}
        </>
      ) : (
        <>
          <div class="card">
            <dl class="kv">
              <dt>{t('desk.sources.check.feedTitle')}</dt>
              <dd>{report.title ?? t('desk.sources.check.none')}</dd>
              <dt>{t('desk.sources.check.format')}</dt>
              <dd>
                {report.format} · {report.platform}
              </dd>
              {report.finalUrl !== report.url ? (
                <>
                  <dt>{t('desk.sources.check.redirected')}</dt>
                  <dd class="break">{report.finalUrl}</dd>
                </>
              ) : null}
              <dt>{t('desk.sources.check.posts')}</dt>
              <dd>{report.items.length}</dd>
              {report.warnings.length ? (
                <>
                  <dt>{t('desk.sources.check.warnings')}</dt>
                  <dd>{report.warnings.join(' ')}</dd>
                </>
              ) : null}
            </dl>
          </div>
          <form method="post" action="/admin/sources" class="card">
            <CsrfField token={props.csrfToken} />
            <input type="hidden" name="url" value={report.finalUrl} />
            <h2 class="card-heading">{t('desk.sources.check.addHeading')}</h2>
            <label for="check-school">{t('desk.sources.school')}</label>
            <input
              type="text"
              id="check-school"
              name="school"
              value={draft.school}
              required
              maxlength={120}
              list="check-schools"
            />
            <datalist id="check-schools">
              {props.schools.map((name) => (
                <option value={name} />
              ))}
            </datalist>
            <label for="check-owner-name">{t('desk.sources.ownerName')}</label>
            <input
              type="text"
              id="check-owner-name"
              name="owner_name"
              value={draft.ownerName}
              maxlength={120}
            />
            <label for="check-owner">{t('desk.sources.ownerEmail')}</label>
            <input type="email" id="check-owner" name="owner" value={draft.ownerEmail} maxlength={254} />
            <AuthorizationFields idPrefix="check-" draft={draft} />
            <label class="check-label">
              <input type="checkbox" name="media_release" value="1" checked={draft.mediaRelease} />{' '}
              {t('desk.sources.mediaRelease')}
            </label>
            <div class="actions">
              <button type="submit">{t('desk.sources.check.add')}</button>
            </div>
          </form>
          <table>
            <caption class="muted small table-caption">{t('desk.sources.check.wouldRead')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('desk.sources.check.published')}</th>
                <th scope="col">{t('desk.sources.check.feedTitle')}</th>
                <th scope="col">{t('desk.sources.check.image')}</th>
              </tr>
            </thead>
            <tbody>
              {report.items.map((item) => (
                <tr>
                  <td class="small">
                    {formatDateTime(Date.parse(item.publishedAt), props.timezone)}
                    {item.dateEstimated ? t('desk.sources.check.noDate') : ''}
                  </td>
                  <td>
                    {item.url ? <a href={item.url}>{item.title}</a> : item.title}
                    {item.titleDerived ? (
                      <span class="badge neutral small">{t('desk.sources.check.titleFromText')}</span>
                    ) : null}
                    <div class="small muted">{truncateWords(item.summary, 160)}</div>
                  </td>
                  <td class="small">
                    {item.imageUrl
                      ? item.imageAlt
                        ? t('desk.sources.check.imageWithAlt', { alt: item.imageAlt })
                        : t('desk.sources.check.imageNoAlt')
                      : t('desk.sources.check.noImage')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
