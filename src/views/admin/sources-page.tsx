// The sources page: every authorized feed with its health at a glance, and the form to add one.
import type { School } from '../../db/schools';
import type { SourceWithSchool } from '../../db/sources';
import { formatDateTime, formatRelative } from '../../time/format';
import { PLATFORM_NAMES, type Platform } from '../../ingest/detect-platform';
import { CsrfField } from '../admin-layout';
import { plural } from '../../text/plural';
import { ReviewBadge } from './authorization-review';

/** All sources, or those due for review: two links, the current one marked. */
function ReviewFilter(props: { on: boolean; count: number }) {
  return (
    <nav aria-label="Filter sources" class="small gap-below">
      <a href="/admin/sources" aria-current={props.on ? undefined : 'page'}>
        All sources
      </a>
      {' · '}
      <a href="/admin/sources?filter=review-due" aria-current={props.on ? 'page' : undefined}>
        Review due ({plural(props.count, 'source')})
      </a>
    </nav>
  );
}

export interface SourcesPageProps {
  sources: SourceWithSchool[];
  schools: (School & { sourceCount: number })[];
  csrfToken: string;
  timezone: string;
  now: number;
  /** What was typed into "Add a source", shown again when it could not be added. */
  draft?: SourceDraft;
  /** The list shows only sources whose authorization review is due (expired or within 30 days). */
  reviewDue?: { on: boolean; count: number };
}

/** The "Add a source" form's fields as typed, carried from page to page until the source is added. */
export interface SourceDraft {
  url: string;
  school: string;
  ownerName: string;
  ownerEmail: string;
  mediaRelease: boolean;
}

export function SourcesPage(props: SourcesPageProps) {
  const { draft } = props;
  return (
    <>
      <h1>Sources</h1>
      <p class="muted">
        Feeds of teacher and classroom accounts authorized by their school. Only these are read into the
        inbox.
      </p>
      <div class="actions gap-below">
        <form method="post" action="/admin/sources/fetch-all">
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="secondary">
            Check all feeds now
          </button>
        </form>
      </div>
      {props.reviewDue ? <ReviewFilter {...props.reviewDue} /> : null}
      {props.sources.length === 0 && props.reviewDue?.on ? (
        <div class="card">No source is due for review.</div>
      ) : props.sources.length === 0 ? (
        <div class="card">No sources yet. Add the first teacher's feed below.</div>
      ) : (
        <table class="stack">
          <caption class="muted small table-caption">
            {props.sources.length} {props.sources.length === 1 ? 'source' : 'sources'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Feed</th>
              <th scope="col">School</th>
              <th scope="col">Photos</th>
              <th scope="col">Health</th>
              <th scope="col">
                <span class="muted">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.sources.map((source) => (
              <tr>
                <td data-label="Feed">
                  <strong>
                    <a href={`/admin/sources/${source.id}`}>{source.title ?? 'Not fetched yet'}</a>
                  </strong>
                  {source.authorization !== 'authorized' && source.authorization !== 'expired' ? (
                    <span class="badge bad"> {source.authorization}</span>
                  ) : null}
                  <ReviewBadge source={source} now={props.now} timezone={props.timezone} />
                  <div class="small muted break">{source.feedUrl}</div>
                  {source.ownerName || source.ownerEmail ? (
                    <div class="small muted">
                      Owner: {[source.ownerName, source.ownerEmail].filter(Boolean).join(', ')}
                    </div>
                  ) : null}
                  {source.platform && source.platform !== 'other' ? (
                    <div class="small muted">
                      {PLATFORM_NAMES[source.platform as Platform] ?? source.platform}
                    </div>
                  ) : null}
                </td>
                <td data-label="School">{source.schoolName}</td>
                <td data-label="Photos">
                  {source.mediaRelease ? (
                    <span class="badge ok">Release on file</span>
                  ) : (
                    <span class="badge neutral">No release</span>
                  )}
                </td>
                <td data-label="Health">
                  <Health source={source} timezone={props.timezone} now={props.now} />
                </td>
                <td>
                  <form method="post" action={`/admin/sources/${source.id}/fetch`}>
                    <CsrfField token={props.csrfToken} />
                    <button
                      type="submit"
                      class="secondary"
                      aria-label={`${source.paused ? 'Retry now' : 'Fetch now'}: ${source.title ?? source.feedUrl}`}
                    >
                      {source.paused ? 'Retry now' : 'Fetch now'}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.schools.length ? <Schools schools={props.schools} csrfToken={props.csrfToken} /> : null}
      <h2 id="import">Import or export</h2>
      <div class="card">
        <form method="post" action="/admin/sources/import" enctype="multipart/form-data" class="inline">
          <CsrfField token={props.csrfToken} />
          <div>
            <label for="opml">OPML file from a feed reader or another Yesterday</label>
            <input
              type="file"
              id="opml"
              name="file"
              accept=".opml,.xml,text/x-opml,application/xml"
              required
            />
          </div>
          <div>
            <label for="import-school">School for feeds outside a folder (optional)</label>
            <input type="text" id="import-school" name="school" maxlength={120} />
          </div>
          <button type="submit" class="secondary">
            Import
          </button>
        </form>
        <p class="small">
          <a href="/admin/sources/export.opml">Download all sources as OPML</a>
        </p>
      </div>
      <h2 id="add">Add a source</h2>
      <form method="post" action="/admin/sources" class="card">
        <CsrfField token={props.csrfToken} />
        <label for="url">Feed address</label>
        <input
          type="url"
          id="url"
          name="url"
          required
          placeholder="https://mrsrivera.edublogs.org/feed/"
          aria-describedby="url-hint"
          value={draft?.url}
        />
        <p class="hint" id="url-hint">
          The RSS, Atom or JSON Feed address of the class blog, Mastodon, Bluesky or YouTube account. Only
          have the blog’s own address? Yesterday then adds nothing and shows the feeds it links to.
        </p>
        <label for="school">School</label>
        <input
          type="text"
          id="school"
          name="school"
          required
          list="schools"
          maxlength={120}
          value={draft?.school}
        />
        <datalist id="schools">
          {props.schools.map((school) => (
            <option value={school.name} />
          ))}
        </datalist>
        <p class="hint">Pick an existing school or type a new name to add one.</p>
        <label for="owner_name">Owner's name (optional)</label>
        <input
          type="text"
          id="owner_name"
          name="owner_name"
          maxlength={120}
          placeholder="Ana Rivera"
          value={draft?.ownerName}
        />
        <label for="owner">Owner's email (optional)</label>
        <input type="email" id="owner" name="owner" maxlength={254} value={draft?.ownerEmail} />
        <label class="check-label">
          <input type="checkbox" name="media_release" value="1" checked={draft?.mediaRelease} /> A media
          release is on file for the students this account photographs
        </label>
        <div class="actions">
          <button type="submit">Add and fetch</button>
          <button type="submit" class="secondary" formaction="/admin/sources/test" formnovalidate>
            Test this feed first
          </button>
        </div>
      </form>
    </>
  );
}

function Health({ source, timezone, now }: { source: SourceWithSchool; timezone: string; now: number }) {
  if (source.paused) {
    return (
      <div>
        <span class="badge bad">Paused</span>
        <div class="small">{source.lastError}</div>
        <div class="small muted">
          Stopped after {source.errorCount} failed checks in a row. It is not checked again until someone
          presses Retry now.
        </div>
        <LastRead source={source} timezone={timezone} />
      </div>
    );
  }
  if (source.lastError && source.errorCount > 0) {
    return (
      <div>
        <span class="badge warn">Failing</span>
        <div class="small">{source.lastError}</div>
        <div class="small muted">Next try {formatRelative(source.nextFetchAt, now)}.</div>
        <LastRead source={source} timezone={timezone} />
      </div>
    );
  }
  if (!source.lastSuccessAt) return <span class="badge neutral">Not checked yet</span>;
  return (
    <div>
      <span class="badge ok">OK</span>
      <LastRead source={source} timezone={timezone} />
      <div class="small muted">Next check {formatRelative(source.nextFetchAt, now)}</div>
    </div>
  );
}

/** When the feed was last read without an error: what a coordinator asks first about a broken one. */
function LastRead({ source, timezone }: { source: SourceWithSchool; timezone: string }) {
  return (
    <div class="small muted">
      {source.lastSuccessAt
        ? `Last read ${formatDateTime(source.lastSuccessAt, timezone)}`
        : 'Never read successfully'}
    </div>
  );
}

function Schools(props: { schools: (School & { sourceCount: number })[]; csrfToken: string }) {
  return (
    <>
      <h2 id="schools">Schools</h2>
      <p class="muted">
        A school appears when a source names it. Renaming keeps its address, so parents’ choices and links
        still work. Posts from a <strong>district-wide</strong> school (the district office, say) go to every
        subscriber, whatever schools they chose.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">School</th>
            <th scope="col">Sources</th>
          </tr>
        </thead>
        <tbody>
          {props.schools.map((school) => (
            <tr>
              <td>
                <form method="post" action={`/admin/sources/schools/${school.id}`} class="inline">
                  <CsrfField token={props.csrfToken} />
                  <div>
                    <label for={`school-${school.id}`} class="visually-hidden">
                      Name of {school.name}
                    </label>
                    <input
                      type="text"
                      id={`school-${school.id}`}
                      name="name"
                      value={school.name}
                      required
                      maxlength={120}
                    />
                  </div>
                  <label class="check-label">
                    <input type="checkbox" name="district_wide" value="1" checked={school.districtWide} />{' '}
                    District-wide
                  </label>
                  <button type="submit" class="secondary" aria-label={`Save ${school.name}`}>
                    Save
                  </button>
                </form>
              </td>
              <td>{school.sourceCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
