// The outbox: emails written to the outbox folder when no SMTP server is configured, listed and shown.
import type { Mailer, OutboxEntry, OutboxMessage } from '../../email/mailer';
import { rich, t } from '../../i18n/desk-text';
import { formatDateTime } from '../../time/format';

export function OutboxListPage(props: {
  /** How email goes out: only the outbox keeps copies to list here. */
  mailer: Mailer['kind'];
  entries: OutboxEntry[];
  timezone: string;
}) {
  return (
    <>
      <h1>{t('desk.outbox.title')}</h1>
      {props.mailer === 'smtp' ? (
        <div class="card">{rich('desk.outbox.sentBySmtp', { variable: <code>SMTP_URL</code> })}</div>
      ) : props.mailer === 'http' ? (
        <div class="card">{t('desk.outbox.sentByPostmark')}</div>
      ) : props.mailer === 'none' ? (
        <div class="card">{rich('desk.outbox.off', { variable: <code>POSTMARK_SERVER_TOKEN</code> })}</div>
      ) : (
        <>
          <p class="muted">{rich('desk.outbox.writtenHere', { variable: <code>SMTP_URL</code> })}</p>
          {props.entries.length === 0 ? (
            <div class="card">{t('desk.outbox.empty')}</div>
          ) : (
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">{t('desk.outbox.written')}</th>
                  <th scope="col">{t('desk.outbox.to')}</th>
                  <th scope="col">{t('desk.outbox.subject')}</th>
                </tr>
              </thead>
              <tbody>
                {props.entries.map((entry) => (
                  <tr>
                    <td data-label={t('desk.outbox.written')}>
                      {formatDateTime(entry.date, props.timezone)}
                    </td>
                    <td class="break" data-label={t('desk.outbox.to')}>
                      {entry.to}
                    </td>
                    <td data-label={t('desk.outbox.subject')}>
                      <a href={`/admin/outbox/${entry.id}`}>{entry.subject}</a>
                      {entry.account ? <div class="small muted">{t('desk.outbox.linkHidden')}</div> : null}
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
        <a href="/admin/outbox">{t('desk.outbox.back')}</a>
      </p>
      <h1>{message.subject}</h1>
      {message.account ? (
        <div class="card">
          {rich('desk.outbox.accountEmail', { people: <a href="/admin/users">{t('desk.outbox.people')}</a> })}
        </div>
      ) : null}
      <div class="card">
        <dl class="kv">
          <dt>{t('desk.outbox.to')}</dt>
          <dd>{message.to}</dd>
          <dt>{t('desk.outbox.written')}</dt>
          <dd>{formatDateTime(message.date, props.timezone)}</dd>
          {Object.entries(message.headers).map(([key, value]) => (
            <>
              <dt>{key}</dt>
              <dd class="small break">{value}</dd>
            </>
          ))}
        </dl>
        <p class="small">
          <a href={`/admin/outbox/${message.id}/raw`}>{t('desk.outbox.download')}</a>
        </p>
      </div>
      <h2>{t('desk.outbox.asHtml')}</h2>
      <iframe
        class="mail"
        title={t('desk.outbox.htmlFrame')}
        src={`/admin/outbox/${message.id}/html`}
        sandbox=""
      ></iframe>
      <h2>{t('desk.outbox.asText')}</h2>
      <pre class="mail">{message.text}</pre>
    </>
  );
}
