// Preview: exactly what will go out (the blog page, the email's HTML and its plain text), what the checks
// found, and a button that sends the email to yourself.
import { plural } from '../../text/plural';
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
        <a href={`/admin/inbox?date=${state.date}`}>← Back to the desk</a>
      </p>
      <h1>Preview of {formatLongDate(state.date)}</h1>
      <div class="card">
        {state.open.length === 0 ? (
          <p>
            <span class="badge ok">All checks pass</span> This is what readers will see.
          </p>
        ) : (
          <>
            <p>
              <span class="badge warn">{plural(state.open.length, 'open finding')}</span> Publishing waits
              until each is resolved on the desk.
            </p>
            <FindingList date={state.date} findings={state.open} itemId={0} canOverride={false} />
          </>
        )}
        <form method="post" action={`/admin/inbox/preview?date=${state.date}`} class="actions">
          <CsrfField token={props.csrfToken} />
          <button type="submit">Send a test to me ({props.email})</button>
        </form>
      </div>
      <h2>The blog page</h2>
      <iframe
        class="preview-frame"
        title="The digest's page on the blog"
        src={`/admin/inbox/preview/page?date=${state.date}`}
      ></iframe>
      <h2>The email</h2>
      <p>
        Subject: <strong>{props.subject}</strong>
      </p>
      <iframe
        class="preview-frame"
        title="The email as HTML"
        sandbox=""
        src={`/admin/inbox/preview/email?date=${state.date}`}
      ></iframe>
      <h2>The email’s plain-text part</h2>
      <pre class="mail">{props.text}</pre>
      <SocialPreviewSection posts={props.social ?? []} />
    </>
  );
}
