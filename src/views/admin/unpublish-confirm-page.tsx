// The question Unpublish asks before a digest comes down for good: what goes, where, and that the day cannot be
// published again; its button works without JavaScript and carries the reason that was typed.
import { formatLongDate } from '../../publish/digest-content';
import { CsrfField } from '../admin-layout';
import { assetUrl } from '../assets';
import { t } from '../../i18n/desk-text';
import { deskAction } from './desk-entry';

export function UnpublishConfirmPage(props: {
  date: string;
  reason: string;
  /** Its posts still up. */
  entries: number;
  /** Its posts on the district's social accounts that would be deleted. */
  social: number;
  csrfToken: string;
}) {
  return (
    <>
      <h1>{t('desk.publish.unpublishConfirm.title')}</h1>
      <form method="post" action={deskAction(props.date, 'unpublish')} class="card">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="unpublish_reason" value={props.reason} />
        <input type="hidden" name="confirmed" value="yes" />
        <p>
          <strong>{t('desk.publish.unpublishConfirm.question', { day: formatLongDate(props.date) })}</strong>
        </p>
        <ul>
          <li>{t('desk.publish.unpublishConfirm.posts', { count: props.entries })}</li>
          {props.social ? (
            <li>{t('desk.publish.unpublishConfirm.social', { count: props.social })}</li>
          ) : null}
        </ul>
        <p class="finding">{t('desk.publish.unpublishConfirm.never')}</p>
        <p class="small muted">{t('desk.publish.unpublishConfirm.reason', { reason: props.reason })}</p>
        <div class="actions">
          <button type="submit" class="danger">
            {t('desk.publish.unpublishConfirm.button')}
          </button>
          <a class="button secondary" href={`/admin/inbox?date=${props.date}`}>
            {t('desk.publish.unpublishConfirm.back')}
          </a>
        </div>
      </form>
      <script src={assetUrl('question.js')} defer></script>
    </>
  );
}
