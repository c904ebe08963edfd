// A source's authorization review on its page: the expired sentence, when the review is due, who renewed it,
// and the Renew and Suspend buttons.
import { t } from '../../i18n/desk-text';
import type { SourceWithSchool } from '../../db/sources';
import { formatLongDate } from '../../publish/digest-content';
import { addMonths, expiredSentence, REVIEW_NOTICE_MS } from '../../sources/authorization';
import { localDateOf } from '../../time/zoned-time';
import { CsrfField } from '../admin-layout';

/** The short label beside a source in the list: expired, review due soon, or nobody named as authorizing it. */
export function ReviewBadge(props: { source: SourceWithSchool; now: number; timezone: string }) {
  const { source } = props;
  if (source.authorization === 'expired' && source.reviewAt)
    return (
      <div class="small">
        <span class="badge bad">{t('desk.sources.review.badgeExpired')}</span>{' '}
        {expiredSentence(localDateOf(source.reviewAt, props.timezone))}
      </div>
    );
  if (
    source.authorization === 'authorized' &&
    source.reviewAt &&
    source.reviewAt <= props.now + REVIEW_NOTICE_MS
  )
    return (
      <span class="badge warn">
        {' '}
        {t('desk.sources.review.badgeDue', {
          day: formatLongDate(localDateOf(source.reviewAt, props.timezone)),
        })}
      </span>
    );
  // Added by a program or the command line without a name: read as authorized, and the name asked for.
  if (source.authorization === 'authorized' && !source.authorizedBy)
    return <span class="badge warn"> {t('desk.sources.review.badgeNobody')}</span>;
  return null;
}

export function AuthorizationReview(props: {
  source: SourceWithSchool;
  csrfToken: string;
  timezone: string;
  now: number;
  reviewMonths: number;
  /** A renewal refused, as typed: shown again in its fields. */
  renewal?: { authorizedBy: string; reviewOn: string };
}) {
  const { source, timezone } = props;
  const day = (at: number) => formatLongDate(localDateOf(at, timezone));
  const nextReview = addMonths(localDateOf(props.now, timezone), props.reviewMonths);
  const expired = source.authorization === 'expired';
  return (
    <section class="card" aria-labelledby="review-heading">
      <h2 id="review-heading" class="card-heading">
        {t('desk.sources.review.heading')}
      </h2>
      {expired && source.reviewAt ? (
        <p class="flash error" role="status">
          {t('desk.sources.review.notReadUntil', {
            expired: expiredSentence(localDateOf(source.reviewAt, timezone)),
          })}
        </p>
      ) : (
        <p>
          {source.reviewAt
            ? t('desk.sources.review.due', { day: day(source.reviewAt) })
            : t('desk.sources.review.noDate')}
        </p>
      )}
      <p class="small muted">
        {source.authorizedBy
          ? source.authorizedAt
            ? t('desk.sources.review.authorizedByOn', {
                name: source.authorizedBy,
                day: day(source.authorizedAt),
              })
            : t('desk.sources.review.authorizedBy', { name: source.authorizedBy })
          : source.authorizedAt
            ? t('desk.sources.review.nobodyOn', { day: day(source.authorizedAt) })
            : t('desk.sources.review.nobody')}
        {source.renewedBy && source.renewedAt
          ? t('desk.sources.review.renewed', { name: source.renewedBy, day: day(source.renewedAt) })
          : ''}
      </p>
      <form method="post" action={`/admin/sources/${source.id}/renew`}>
        <CsrfField token={props.csrfToken} />
        <label for="renew-by">{t('desk.sources.review.by')}</label>
        <input
          type="text"
          id="renew-by"
          name="authorized_by"
          value={props.renewal?.authorizedBy ?? source.authorizedBy ?? ''}
          maxlength={120}
          placeholder={t('desk.sources.review.byExample')}
        />
        <label for="renew-review-on">{t('desk.sources.review.next')}</label>
        <input
          type="date"
          id="renew-review-on"
          name="review_on"
          value={props.renewal?.reviewOn ?? nextReview}
        />
        <div class="actions">
          <button type="submit">{t('desk.sources.review.renew')}</button>
        </div>
      </form>
      {source.authorization !== 'suspended' ? (
        <form method="post" action={`/admin/sources/${source.id}/suspend`}>
          <CsrfField token={props.csrfToken} />
          <div class="actions">
            <button type="submit" class="secondary">
              {t('desk.sources.review.suspend')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
