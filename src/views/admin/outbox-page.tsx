// The outbox: emails written to the outbox folder when no SMTP server is configured, listed and shown.
import type { OutboxEntry, OutboxMessage } from '../../email/mailer';
import { formatDateTime } from '../../time/format';

export function OutboxListPage(props: { enabled: boolean; entries: OutboxEntry[]; timezone: string }) {
  return (
    <>
      <h1>Outbox</h1>
      {!props.enabled ? (
        <div class="card">
          Email goes out through the SMTP server named by <code>SMTP_URL</code>, so no copies are kept here.
          Delivery of each digest is recorded per subscriber.
        </div>
      ) : (
        <>
          <p class="muted">
            No SMTP server is configured (<code>SMTP_URL</code> is not set), so every email is written to the
            outbox folder instead of being sent. Newest first.
          </p>
          {props.entries.length === 0 ? (
            <div class="card">No emails yet.</div>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Written</th>
                  <th scope="col">To</th>
                  <th scope="col">Subject</th>
                </tr>
              </thead>
              <tbody>
                {props.entries.map((entry) => (
                  <tr>
                    <td>{formatDateTime(entry.date, props.timezone)}</td>
                    <td>{entry.to}</td>
                    <td>
                      <a href={`/admin/outbox/${entry.id}`}>{entry.subject}</a>
                      {entry.account ? <div class="small muted">Account email: link hidden</div> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}

export function OutboxMessagePage(props: { message: OutboxMessage; timezone: string }) {
  const { message } = props;
  return (
    <>
      <p>
        <a href="/admin/outbox">← Outbox</a>
      </p>
      <h1>{message.subject}</h1>
      {message.account ? (
        <div class="card">
          This email carries a link into an account (an invitation, a password link or an address change).
          Only administrators see it here, and its one-time link is hidden: it works for the person it was
          sent to. To give someone a password link yourself, use <a href="/admin/users">People</a>.
        </div>
      ) : null}
      <div class="card">
        <dl class="kv">
          <dt>To</dt>
          <dd>{message.to}</dd>
          <dt>Written</dt>
          <dd>{formatDateTime(message.date, props.timezone)}</dd>
          {Object.entries(message.headers).map(([key, value]) => (
            <>
              <dt>{key}</dt>
              <dd class="small break">{value}</dd>
            </>
          ))}
        </dl>
        <p class="small">
          <a href={`/admin/outbox/${message.id}/raw`}>Download the .eml file</a>
        </p>
      </div>
      <h2>As HTML</h2>
      <iframe
        class="mail"
        title="The email as HTML"
        src={`/admin/outbox/${message.id}/html`}
        sandbox=""
      ></iframe>
      <h2>As plain text</h2>
      <pre class="mail">{message.text}</pre>
    </>
  );
}
