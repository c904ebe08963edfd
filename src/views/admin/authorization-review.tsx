// A source's authorization review on its page: the expired sentence, when the review is due, who renewed it,
// and the Renew and Suspend buttons.
import type { SourceWithSchool } from '../../db/sources';
import { formatLongDate } from '../../publish/digest-content';
import { addMonths, expiredSentence, REVIEW_NOTICE_MS } from '../../sources/authorization';
import { localDateOf } from '../../time/zoned-time';
import { CsrfField } from '../admin-layout';

/** The short label beside a source in the list: expired, or review due soon. */
export function ReviewBadge(props: { source: SourceWithSchool; now: number; timezone: string }) {
  const { source } = props;
  if (source.authorization === 'expired' && source.reviewAt)
    return (
      <div class="small">
        <span class="badge bad">expired</span> {expiredSentence(localDateOf(source.reviewAt, props.timezone))}
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
        review due {formatLongDate(localDateOf(source.reviewAt, props.timezone))}
      </span>
    );
  return null;
}

export function AuthorizationReview(props: {
  source: SourceWithSchool;
  csrfToken: string;
  timezone: string;
  now: number;
  reviewMonths: number;
}) {
  const { source, timezone } = props;
  const day = (at: number) => formatLongDate(localDateOf(at, timezone));
  const nextReview = addMonths(localDateOf(props.now, timezone), props.reviewMonths);
  const expired = source.authorization === 'expired';
  return (
    <section class="card" aria-labelledby="review-heading">
      <h2 id="review-heading" class="card-heading">
        Authorization review
      </h2>
      {expired && source.reviewAt ? (
        <p class="flash error" role="status">
          {expiredSentence(localDateOf(source.reviewAt, timezone))} Its feed is not read until then.
        </p>
      ) : (
        <p>
          {source.reviewAt
            ? `Due for review on ${day(source.reviewAt)}. On that day the feed stops being read until an editor renews it.`
            : 'No review date is set.'}
        </p>
      )}
      <p class="small muted">
        {source.authorizedBy
          ? `Authorized by ${source.authorizedBy}`
          : 'Nobody is recorded as authorizing it'}
        {source.authorizedAt ? ` on ${day(source.authorizedAt)}` : ''}.
        {source.renewedBy && source.renewedAt
          ? ` Last renewed by ${source.renewedBy} on ${day(source.renewedAt)}.`
          : ''}
      </p>
      <form method="post" action={`/admin/sources/${source.id}/renew`}>
        <CsrfField token={props.csrfToken} />
        <label for="renew-by">Authorized by (name, role)</label>
        <input
          type="text"
          id="renew-by"
          name="authorized_by"
          value={source.authorizedBy ?? ''}
          maxlength={120}
          placeholder="Dana Hayes, Principal"
        />
        <label for="renew-review-on">Next review</label>
        <input type="date" id="renew-review-on" name="review_on" value={nextReview} />
        <div class="actions">
          <button type="submit">Renew authorization</button>
        </div>
      </form>
      {source.authorization !== 'suspended' ? (
        <form method="post" action={`/admin/sources/${source.id}/suspend`}>
          <CsrfField token={props.csrfToken} />
          <div class="actions">
            <button type="submit" class="secondary">
              Suspend: stop reading this account
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
