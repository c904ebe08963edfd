// The question Publish now asks before anything goes out: what is published, and to how many families, on a
// page whose button works without JavaScript and publishes exactly the version that was saved.
import { formatLongDate } from '../../publish/digest-content';
import { CsrfField } from '../admin-layout';
import { plural } from '../../text/plural';
import { deskAction } from './desk-entry';

export function PublishConfirmPage(props: {
  date: string;
  version: number;
  entries: number;
  recipients: number;
  /** The district's social accounts that get one post each (active ones). */
  accounts: number;
  emailOn: boolean;
  csrfToken: string;
  /** The desk's form as it was sent, carried along: should someone save meanwhile, both versions are shown. */
  carried: [string, string][];
}) {
  const day = formatLongDate(props.date);
  const posts = props.accounts ? ` and post to ${plural(props.accounts, 'account')}` : '';
  const question = props.emailOn
    ? props.recipients
      ? `Publish the digest for ${day}, send it to ${plural(props.recipients, 'subscriber')}${posts} now?`
      : `Publish the digest for ${day}${posts} now? No subscriber would get it by email yet.`
    : `Publish the digest for ${day} on the site and in the feeds${posts} now? Email is off, so nobody is emailed.`;
  return (
    <>
      <h1>Publish now?</h1>
      <form method="post" action={deskAction(props.date, 'publish')} class="card">
        <CsrfField token={props.csrfToken} />
        {props.carried.map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="confirmed" value="yes" />
        <input type="hidden" name="version" value={String(props.version)} />
        <p>
          <strong>{question}</strong>
        </p>
        <p>
          {plural(props.entries, 'post goes', 'posts go')} on the site, in the feeds and in the embed at once.
          An email once sent cannot be called back; a mistake is put right with a correction, which can be
          emailed too.
        </p>
        <div class="actions">
          <button type="submit">
            {props.emailOn && props.recipients
              ? `Publish${posts ? ',' : ' and'} send to ${plural(props.recipients, 'subscriber')}${posts}`
              : `Publish${posts}`}
          </button>
          <a class="button secondary" href={`/admin/inbox?date=${props.date}`}>
            Not yet, back to the desk
          </a>
        </div>
      </form>
    </>
  );
}
