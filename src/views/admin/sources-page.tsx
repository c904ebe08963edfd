// The sources page: every authorized feed with its health at a glance, and the form to add one.
import { rich, t } from '../../i18n/desk-text';
import type { School } from '../../db/schools';
import type { SourceWithSchool } from '../../db/sources';
import { formatDateTime, formatRelative } from '../../time/format';
import { PLATFORM_NAMES, type Platform } from '../../ingest/detect-platform';
import { CsrfField } from '../admin-layout';
import { ReviewBadge } from './authorization-review';
import { notReadBecause } from '../../sources/authorization';

/** All sources, or those due for review: two links, the current one marked. */
function ReviewFilter(props: { on: boolean; count: number }) {
  return (
    <nav aria-label={t('desk.sources.filter')} class="small gap-below">
      <a href="/admin/sources" aria-current={props.on ? undefined : 'page'}>
        {t('desk.sources.all')}
      </a>
      {' · '}
      <a href="/admin/sources?filter=review-due" aria-current={props.on ? 'page' : undefined}>
        {t('desk.sources.reviewDue', { count: props.count })}
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
  /**
   * Why the form offers to add the feed all the same: it could not be read when it was to be added, or it brings
   * posts another source already brings.
   */
  anyway?: 'unreadable' | 'samePosts';
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
  /** Who authorized the account (required) and when (YYYY-MM-DD; empty: today). */
  authorizedBy: string;
  authorizedOn: string;
  /** When its authorization is next reviewed (YYYY-MM-DD); empty: the months set in Settings from then. */
  reviewOn: string;
}

/**
 * Who authorized the account, when, and when it is next reviewed, in the forms that add one; `idPrefix` keeps
 * ids apart on a page.
 */
export function AuthorizationFields(props: { idPrefix: string; draft?: SourceDraft }) {
  const id = (name: string) => `${props.idPrefix}${name}`;
  return (
    <>
      <label for={id('authorized_by')}>{t('desk.sources.authorizedBy')}</label>
      <input
        type="text"
        id={id('authorized_by')}
        name="authorized_by"
        maxlength={120}
        required
        placeholder={t('desk.sources.authorizedByExample')}
        aria-describedby={id('authorization-hint')}
        value={props.draft?.authorizedBy}
      />
      <label for={id('authorized_on')}>{t('desk.sources.authorizedOn')}</label>
      <input
        type="date"
        id={id('authorized_on')}
        name="authorized_on"
        aria-describedby={id('authorization-hint')}
        value={props.draft?.authorizedOn}
      />
      <label for={id('review_on')}>{t('desk.sources.reviewOn')}</label>
      <input
        type="date"
        id={id('review_on')}
        name="review_on"
        aria-describedby={id('authorization-hint')}
        value={props.draft?.reviewOn}
      />
      <p class="hint" id={id('authorization-hint')}>
        {t('desk.sources.authorizationHint')}
      </p>
    </>
  );
}

export function SourcesPage(props: SourcesPageProps) {
  const { draft } = props;
  return (
    <>
      <h1>{t('desk.sources.title')}</h1>
      <p class="muted">{t('desk.sources.lead')}</p>
      <div class="actions gap-below">
        <form method="post" action="/admin/sources/fetch-all">
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="secondary">
            {t('desk.sources.checkAll')}
          </button>
        </form>
      </div>
      {props.reviewDue ? <ReviewFilter {...props.reviewDue} /> : null}
      {props.sources.length === 0 && props.reviewDue?.on ? (
        <div class="card">{t('desk.sources.noneDue')}</div>
      ) : props.sources.length === 0 ? (
        <div class="card">{t('desk.sources.none')}</div>
      ) : (
        <table class="stack">
          <caption class="muted small table-caption">
            {t('desk.sources.count', { count: props.sources.length })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('desk.sources.feed')}</th>
              <th scope="col">{t('desk.sources.school')}</th>
              <th scope="col">{t('desk.sources.photos')}</th>
              <th scope="col">{t('desk.sources.health')}</th>
              <th scope="col">
                <span class="muted">{t('desk.sources.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.sources.map((source) => (
              <tr>
                <td data-label={t('desk.sources.feed')}>
                  <strong>
                    <a href={`/admin/sources/${source.id}`}>
                      {source.title ??
                        (source.ownerName
                          ? t('desk.sources.ownersFeed', { name: source.ownerName })
                          : t('desk.sources.notFetched'))}
                    </a>
                  </strong>
                  {source.authorization === 'pending' || source.authorization === 'suspended' ? (
                    <>
                      {' '}
                      <span class="badge bad">
                        {
                          {
                            pending: t('desk.sources.edit.statuses.pending'),
                            suspended: t('desk.sources.edit.statuses.suspended'),
                          }[source.authorization]
                        }
                      </span>
                    </>
                  ) : null}
                  <ReviewBadge source={source} now={props.now} timezone={props.timezone} />
                  <div class="small muted break">{source.feedUrl}</div>
                  {source.ownerName || source.ownerEmail ? (
                    <div class="small muted">
                      {t('desk.sources.owner', {
                        owner: [source.ownerName, source.ownerEmail].filter(Boolean).join(', '),
                      })}
                    </div>
                  ) : null}
                  {source.platform && source.platform !== 'other' ? (
                    <div class="small muted">
                      {PLATFORM_NAMES[source.platform as Platform] ?? source.platform}
                    </div>
                  ) : null}
                </td>
                <td data-label={t('desk.sources.school')}>{source.schoolName}</td>
                <td data-label={t('desk.sources.photos')}>
                  {source.mediaRelease ? (
                    <span class="badge ok">{t('desk.sources.release')}</span>
                  ) : (
                    <span class="badge neutral">{t('desk.sources.noRelease')}</span>
                  )}
                </td>
                <td data-label={t('desk.sources.health')}>
                  <Health source={source} timezone={props.timezone} now={props.now} />
                </td>
                <td>
                  {notReadBecause(source, props.now) ? (
                    <a
                      href={`/admin/sources/${source.id}#review-heading`}
                      aria-label={t('desk.sources.renewToReadNamed', {
                        name: source.title ?? source.feedUrl,
                      })}
                    >
                      {t('desk.sources.renewToRead')}
                    </a>
                  ) : (
                    <form method="post" action={`/admin/sources/${source.id}/fetch`}>
                      <CsrfField token={props.csrfToken} />
                      <button
                        type="submit"
                        class="secondary"
                        aria-label={
                          source.paused
                            ? t('desk.sources.retryNamed', { name: source.title ?? source.feedUrl })
                            : t('desk.sources.fetchNamed', { name: source.title ?? source.feedUrl })
                        }
                      >
                        {source.paused ? t('desk.sources.retry') : t('desk.sources.fetch')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.schools.length ? <Schools schools={props.schools} csrfToken={props.csrfToken} /> : null}
      <h2 id="import">{t('desk.sources.importExport')}</h2>
      <div class="card">
        <form method="post" action="/admin/sources/import" enctype="multipart/form-data" class="inline">
          <CsrfField token={props.csrfToken} />
          <div>
            <label for="opml">{t('desk.sources.opml')}</label>
            <input
              type="file"
              id="opml"
              name="file"
              accept=".opml,.xml,text/x-opml,application/xml"
              required
            />
          </div>
          <div>
            <label for="import-school">{t('desk.sources.importSchool')}</label>
            <input type="text" id="import-school" name="school" maxlength={120} />
          </div>
          <label class="check-label">
            <input type="checkbox" name="welcome_owners" value="1" /> {t('desk.sources.welcomeOwners')}
          </label>
          <button type="submit" class="secondary">
            {t('desk.sources.import')}
          </button>
        </form>
        <p class="small">
          <a href="/admin/sources/export.opml">{t('desk.sources.export')}</a>
        </p>
      </div>
      <h2 id="add">{t('desk.sources.add')}</h2>
      <form method="post" action="/admin/sources" class="card">
        <CsrfField token={props.csrfToken} />
        <label for="url">{t('desk.sources.url')}</label>
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
          {t('desk.sources.urlHint')}
        </p>
        <label for="school">{t('desk.sources.school')}</label>
        <input
          type="text"
          id="school"
          name="school"
          required
          list="school-names"
          maxlength={120}
          value={draft?.school}
        />
        <datalist id="school-names">
          {props.schools.map((school) => (
            <option value={school.name} />
          ))}
        </datalist>
        <p class="hint">{t('desk.sources.schoolHint')}</p>
        <label for="owner_name">{t('desk.sources.ownerName')}</label>
        <input
          type="text"
          id="owner_name"
          name="owner_name"
          maxlength={120}
          placeholder="Ana Rivera"
          value={draft?.ownerName}
        />
        <label for="owner">{t('desk.sources.ownerEmail')}</label>
        <input
          type="email"
          id="owner"
          name="owner"
          maxlength={254}
          value={draft?.ownerEmail}
          aria-describedby="owner-hint"
        />
        <p class="hint" id="owner-hint">
          {t('desk.sources.ownerHint')}
        </p>
        <AuthorizationFields idPrefix="" draft={draft} />
        <label class="check-label">
          <input type="checkbox" name="media_release" value="1" checked={draft?.mediaRelease} />{' '}
          {t('desk.sources.mediaRelease')}
        </label>
        {props.anyway === 'unreadable' ? (
          <label class="check-label">
            <input type="checkbox" name="add_anyway" value="1" /> {t('desk.sources.addAnyway')}
          </label>
        ) : props.anyway === 'samePosts' ? (
          <label class="check-label">
            <input type="checkbox" name="add_twice" value="1" /> {t('desk.sources.addTwice')}
          </label>
        ) : null}
        <div class="actions">
          <button type="submit">{t('desk.sources.addAndFetch')}</button>
          <button type="submit" class="secondary" formaction="/admin/sources/test" formnovalidate>
            {t('desk.sources.testFirst')}
          </button>
        </div>
      </form>
    </>
  );
}

export function Health({
  source,
  timezone,
  now,
}: {
  source: SourceWithSchool;
  timezone: string;
  now: number;
}) {
  const notRead = notReadBecause(source, now);
  if (notRead) {
    return (
      <div>
        <span class="badge neutral">{t('desk.sources.notRead.badge')}</span>
        <div class="small muted">
          {
            {
              pending: t('desk.sources.notRead.pending'),
              suspended: t('desk.sources.notRead.suspended'),
              overdue: t('desk.sources.notRead.overdue'),
            }[notRead]
          }
        </div>
        <LastRead source={source} timezone={timezone} />
      </div>
    );
  }
  if (source.paused) {
    return (
      <div>
        <span class="badge bad">{t('desk.sources.paused')}</span>
        <div class="small">{source.lastError}</div>
        <div class="small muted">{t('desk.sources.stopped', { count: source.errorCount })}</div>
        <LastRead source={source} timezone={timezone} />
      </div>
    );
  }
  if (source.lastError && source.errorCount > 0) {
    return (
      <div>
        <span class="badge warn">{t('desk.sources.failing')}</span>
        <div class="small">{source.lastError}</div>
        <div class="small muted">
          {t('desk.sources.nextTry', { when: formatRelative(source.nextFetchAt, now) })}
        </div>
        <LastRead source={source} timezone={timezone} />
      </div>
    );
  }
  if (!source.lastSuccessAt) return <span class="badge neutral">{t('desk.sources.notChecked')}</span>;
  return (
    <div>
      <span class="badge ok">{t('desk.sources.ok')}</span>
      <LastRead source={source} timezone={timezone} />
      <div class="small muted">
        {t('desk.sources.nextCheck', { when: formatRelative(source.nextFetchAt, now) })}
      </div>
    </div>
  );
}

/** When the feed was last read without an error: what a coordinator asks first about a broken one. */
function LastRead({ source, timezone }: { source: SourceWithSchool; timezone: string }) {
  return (
    <div class="small muted">
      {source.lastSuccessAt
        ? t('desk.sources.lastRead', { when: formatDateTime(source.lastSuccessAt, timezone) })
        : t('desk.sources.neverRead')}
    </div>
  );
}

function Schools(props: { schools: (School & { sourceCount: number })[]; csrfToken: string }) {
  return (
    <>
      <h2 id="schools">{t('desk.sources.schools.heading')}</h2>
      <p class="muted">
        {rich('desk.sources.schools.lead', {
          districtWide: <strong>{t('desk.sources.schools.districtWideStrong')}</strong>,
        })}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('desk.sources.schools.school')}</th>
            <th scope="col">{t('desk.sources.schools.sources')}</th>
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
                      {t('desk.sources.schools.nameOf', { name: school.name })}
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
                    {t('desk.sources.schools.districtWide')}
                    <span class="visually-hidden"> ({school.name})</span>
                  </label>
                  <button
                    type="submit"
                    class="secondary"
                    aria-label={t('desk.sources.schools.saveNamed', { name: school.name })}
                  >
                    {t('desk.sources.schools.save')}
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
