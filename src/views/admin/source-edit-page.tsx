// One source's details: feed address, school, owner, who authorized it and until when, media release; reading
// its feed now, with what came of it shown here; and removing a source added by mistake.
import { t } from '../../i18n/desk-text';
import type { School } from '../../db/schools';
import { warningsOf, type SourceWithSchool } from '../../db/sources';
import { notReadBecause } from '../../sources/authorization';
import type { SourceEdit } from '../../sources/edit-source';
import { inDigestsMessage, withItsPosts } from '../../sources/remove-source';
import { localDateOf } from '../../time/zoned-time';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { CsrfField } from '../admin-layout';
import { Health } from './sources-page';

export function SourceEditPage(props: {
  source: SourceWithSchool;
  schools: School[];
  csrfToken: string;
  timezone: string;
  now: number;
  /** Its posts, and the digests that carry one of them (a source in a digest cannot be removed). */
  usage: { posts: number; digests: number };
  /** What was typed, shown again when saving it was refused. */
  typed?: SourceEdit;
  /** When the owner stopped the emails about their feed with the link in one, if they did. */
  ownerStoppedAt?: number;
  /** The authorization review section (expired sentence, renew, suspend). */
  review?: JSX.Element;
}) {
  const { source } = props;
  const warnings = warningsOf(source);
  const notRead = notReadBecause(source, props.now);
  const date = (at: number | null) => (at ? localDateOf(at, props.timezone) : '');
  const shown: SourceEdit = props.typed ?? {
    url: source.feedUrl,
    school: source.schoolName,
    ownerName: source.ownerName ?? '',
    ownerEmail: source.ownerEmail ?? '',
    authorization: source.authorization,
    authorizedBy: source.authorizedBy ?? '',
    authorizedOn: date(source.authorizedAt),
    reviewOn: date(source.reviewAt),
    mediaRelease: source.mediaRelease,
  };
  return (
    <>
      <p>
        <a href="/admin/sources">{t('desk.sources.edit.back')}</a>
      </p>
      <h1>{source.title ?? source.feedUrl}</h1>
      {source.title ? <p class="muted break">{source.feedUrl}</p> : null}
      {/* How the feed reads now, as the list says it: the first thing someone come to fix it needs. */}
      <section class="card" aria-labelledby="health-heading">
        <h2 id="health-heading" class="card-heading">
          {t('desk.sources.health')}
        </h2>
        <Health source={source} timezone={props.timezone} now={props.now} />
      </section>
      <form method="post" action={`/admin/sources/${source.id}`} class="card">
        <CsrfField token={props.csrfToken} />
        <label for="url">{t('desk.sources.url')}</label>
        <input type="url" id="url" name="url" value={shown.url} required aria-describedby="url-hint" />
        <p class="hint" id="url-hint">
          {t('desk.sources.edit.urlHint')}
        </p>
        <label for="school">{t('desk.sources.school')}</label>
        <input
          type="text"
          id="school"
          name="school"
          value={shown.school}
          required
          list="schools"
          maxlength={120}
        />
        <datalist id="schools">
          {props.schools.map((school) => (
            <option value={school.name} />
          ))}
        </datalist>
        <label for="owner_name">{t('desk.sources.edit.ownerName')}</label>
        <input type="text" id="owner_name" name="owner_name" value={shown.ownerName} maxlength={120} />
        <label for="owner">{t('desk.sources.edit.ownerEmail')}</label>
        <input
          type="email"
          id="owner"
          name="owner"
          value={shown.ownerEmail}
          maxlength={254}
          aria-describedby={props.ownerStoppedAt ? 'owner-hint owner-stopped' : 'owner-hint'}
        />
        <p class="hint" id="owner-hint">
          {t('desk.sources.edit.ownerHint')}
        </p>
        {props.ownerStoppedAt ? (
          <p class="hint" id="owner-stopped">
            {t('desk.sources.edit.ownerStopped', {
              email: source.ownerEmail ?? '',
              date: date(props.ownerStoppedAt),
            })}
          </p>
        ) : null}
        <fieldset class="several">
          <legend>{t('desk.sources.edit.authorization')}</legend>
          <p class="hint">{t('desk.sources.edit.authorizationHint')}</p>
          {(source.authorization === 'expired'
            ? (['authorized', 'pending', 'suspended', 'expired'] as const)
            : (['authorized', 'pending', 'suspended'] as const)
          ).map((status) => (
            <label class="check-label">
              <input
                type="radio"
                name="authorization"
                value={status}
                checked={shown.authorization === status}
              />{' '}
              {
                {
                  authorized: t('desk.sources.edit.statuses.authorized'),
                  pending: t('desk.sources.edit.statuses.pending'),
                  suspended: t('desk.sources.edit.statuses.suspended'),
                  expired: t('desk.sources.edit.statuses.expired'),
                }[status]
              }
            </label>
          ))}
          <label for="authorized_by">{t('desk.sources.edit.authorizedBy')}</label>
          <input
            type="text"
            id="authorized_by"
            name="authorized_by"
            value={shown.authorizedBy}
            maxlength={120}
            placeholder={t('desk.sources.edit.authorizedByExample')}
          />
          <label for="authorized_on">{t('desk.sources.edit.authorizedOn')}</label>
          <input type="date" id="authorized_on" name="authorized_on" value={shown.authorizedOn} />
          <label for="review_on">{t('desk.sources.edit.reviewBy')}</label>
          <input type="date" id="review_on" name="review_on" value={shown.reviewOn} />
        </fieldset>
        <label class="check-label">
          <input type="checkbox" name="media_release" value="1" checked={shown.mediaRelease} />{' '}
          {t('desk.sources.mediaRelease')}
        </label>
        <div class="actions">
          <button type="submit">{t('desk.sources.edit.save')}</button>
        </div>
      </form>
      {props.review}
      <section class="card" aria-labelledby="read-heading">
        <h2 id="read-heading" class="card-heading">
          {t('desk.sources.edit.read')}
        </h2>
        <p>
          {notRead
            ? {
                pending: t('desk.sources.edit.notRead.pending'),
                suspended: t('desk.sources.edit.notRead.suspended'),
                overdue: t('desk.sources.edit.notRead.overdue'),
              }[notRead]
            : t('desk.sources.edit.readText')}
        </p>
        {warnings.length ? (
          <div class="flash info" role="note">
            <p>{t('desk.sources.edit.odd')}</p>
            <ul>
              {warnings.map((warning) => (
                <li>{warning}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {notRead ? null : (
          <form method="post" action={`/admin/sources/${source.id}/fetch`}>
            <CsrfField token={props.csrfToken} />
            <input type="hidden" name="back" value="source" />
            <div class="actions">
              <button type="submit" class="secondary">
                {source.paused ? t('desk.sources.retry') : t('desk.sources.edit.readNow')}
              </button>
            </div>
          </form>
        )}
      </section>
      <section class="card" aria-labelledby="remove-heading">
        <h2 id="remove-heading" class="card-heading">
          {t('desk.sources.edit.remove')}
        </h2>
        {props.usage.digests > 0 ? (
          <p>{inDigestsMessage(props.usage.digests)}</p>
        ) : (
          <form method="post" action={`/admin/sources/${source.id}/remove`}>
            <CsrfField token={props.csrfToken} />
            <p>{t('desk.sources.edit.removeText')}</p>
            <label class="check-label">
              <input type="checkbox" name="confirm" value="1" required />{' '}
              {t('desk.sources.edit.deleteWhat', {
                what: withItsPosts(t('desk.sources.edit.thisSource'), props.usage.posts),
              })}
            </label>
            <div class="actions">
              <button type="submit" class="danger">
                {t('desk.sources.edit.removeButton')}
              </button>
            </div>
          </form>
        )}
      </section>
    </>
  );
}
