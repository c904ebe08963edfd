// Preview: exactly what will go out (the blog page, the email's HTML and its plain text), what the checks
// found, and a button that sends the email to yourself.
import { rich, t } from '../../i18n/desk-text';
import type { SocialPreview } from '../../social/preview-posts';
import { SocialPreviewSection } from './social-posts';
import type { DeskState } from '../../curate/desk';
import { formatLongDate } from '../../publish/digest-content';
import { CsrfField } from '../admin-layout';
import { FindingList } from './desk-entry';

export function PreviewPage(props: {
  state: DeskState;
  subject: string;
  text: string;
  csrfToken: string;
  email: string;
  /** Each connected social account's post, as it would go out. */
  social?: SocialPreview[];
}) {
  const { state } = props;
  return (
    <>
      <p>
        <a href={`/admin/inbox?date=${state.date}`}>{t('desk.publish.preview.back')}</a>
      </p>
      <h1>{t('desk.publish.preview.heading', { date: formatLongDate(state.date) })}</h1>
      <div class="card">
        {state.open.length === 0 ? (
          <p>
            <span class="badge ok">{t('desk.inbox.allPass')}</span> {t('desk.publish.preview.readersSee')}
          </p>
        ) : (
          <>
            <p>
              <span class="badge warn">{t('desk.inbox.checks', { count: state.open.length })}</span>{' '}
              {t('desk.publish.preview.waits')}
            </p>
            <FindingList date={state.date} findings={state.open} itemId={0} canOverride={false} />
          </>
        )}
        <form method="post" action={`/admin/inbox/preview?date=${state.date}`} class="actions">
          <CsrfField token={props.csrfToken} />
          <button type="submit">{t('desk.publish.preview.sendTest', { email: props.email })}</button>
        </form>
      </div>
      <h2>{t('desk.publish.preview.page')}</h2>
      <iframe
        class="preview-frame"
        title={t('desk.publish.preview.pageFrame')}
        src={`/admin/inbox/preview/page?date=${state.date}`}
      ></iframe>
      <h2>{t('desk.publish.preview.email')}</h2>
      <p>{rich('desk.publish.preview.subject', { subject: <strong>{props.subject}</strong> })}</p>
      <iframe
        class="preview-frame"
        title={t('desk.publish.preview.emailFrame')}
        sandbox=""
        src={`/admin/inbox/preview/email?date=${state.date}`}
      ></iframe>
      <h2>{t('desk.publish.preview.text')}</h2>
      <pre class="mail">{props.text}</pre>
      <SocialPreviewSection posts={props.social ?? []} />
    </>
  );
}
