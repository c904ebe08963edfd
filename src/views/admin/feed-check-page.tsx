// "Test this feed": what Yesterday would read from a feed, or exactly why it cannot, without saving anything.
import type { FeedReport } from '../../ingest/feed-report';
import { formatDateTime } from '../../time/format';
import { CsrfField } from '../admin-layout';
import type { SourceDraft } from './sources-page';

/** A page can advertise many feeds (comments, categories); the first few are the ones worth offering. */
const MAX_FEED_LINKS = 5;

export function FeedCheckPage(props: {
  report: FeedReport;
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
        <a href="/admin/sources">← Sources</a>
      </p>
      <h1>Feed test</h1>
      <p class="muted">
        Nothing has been saved. <span class="break">{report.url}</span>
      </p>
      {!report.ok ? (
        <>
          <div class="flash error" role="alert">
            <strong>This feed cannot be read.</strong> {report.error.message}
          </div>
          {report.error.feedLinks.length > 0 ? (
            <form method="post" action="/admin/sources/test" class="card">
              <CsrfField token={props.csrfToken} />
              <input type="hidden" name="school" value={draft.school} />
              <input type="hidden" name="owner_name" value={draft.ownerName} />
              <input type="hidden" name="owner" value={draft.ownerEmail} />
              {draft.mediaRelease ? <input type="hidden" name="media_release" value="1" /> : null}
              <h2 class="card-heading">
                {report.error.feedLinks.length === 1
                  ? 'The feed that page links to'
                  : 'Feeds that page links to'}
              </h2>
              <ul class="feed-links">
                {report.error.feedLinks.slice(0, MAX_FEED_LINKS).map((link) => (
                  <li>
                    <span class="break">{link}</span>
                    <button
                      type="submit"
                      name="url"
                      value={link}
                      class="secondary"
                      aria-label={`Test this feed: ${link}`}
                    >
                      Test this feed
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
              <dt>Title</dt>
              <dd>{report.title ?? '(none)'}</dd>
              <dt>Format</dt>
              <dd>
                {report.format} · {report.platform}
              </dd>
              {report.finalUrl !== report.url ? (
                <>
                  <dt>Redirected to</dt>
                  <dd class="break">{report.finalUrl}</dd>
                </>
              ) : null}
              <dt>Posts</dt>
              <dd>{report.items.length}</dd>
              {report.warnings.length ? (
                <>
                  <dt>Warnings</dt>
                  <dd>{report.warnings.join(' ')}</dd>
                </>
              ) : null}
            </dl>
          </div>
          <form method="post" action="/admin/sources" class="card">
            <CsrfField token={props.csrfToken} />
            <input type="hidden" name="url" value={report.finalUrl} />
            <h2 class="card-heading">Add this feed as a source</h2>
            <label for="check-school">School</label>
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
            <label for="check-owner-name">Owner's name (optional)</label>
            <input
              type="text"
              id="check-owner-name"
              name="owner_name"
              value={draft.ownerName}
              maxlength={120}
            />
            <label for="check-owner">Owner's email (optional)</label>
            <input type="email" id="check-owner" name="owner" value={draft.ownerEmail} maxlength={254} />
            <label class="check-label">
              <input type="checkbox" name="media_release" value="1" checked={draft.mediaRelease} /> A media
              release is on file for the students this account photographs
            </label>
            <div class="actions">
              <button type="submit">Add this source</button>
            </div>
          </form>
          <table>
            <caption class="muted small table-caption">What would be read</caption>
            <thead>
              <tr>
                <th scope="col">Published</th>
                <th scope="col">Title</th>
                <th scope="col">Image</th>
              </tr>
            </thead>
            <tbody>
              {report.items.map((item) => (
                <tr>
                  <td class="small">
                    {formatDateTime(Date.parse(item.publishedAt), props.timezone)}
                    {item.dateEstimated ? ' (no date in feed)' : ''}
                  </td>
                  <td>
                    {item.url ? <a href={item.url}>{item.title}</a> : item.title}
                    {item.titleDerived ? <span class="badge neutral small"> title from text</span> : null}
                    <div class="small muted">{item.summary.slice(0, 160)}</div>
                  </td>
                  <td class="small">
                    {item.imageUrl ? (item.imageAlt ? `Yes: “${item.imageAlt}”` : 'Yes, no alt text') : 'No'}
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
