// The audit log: who did what, when, newest first, in sentences with the record behind a disclosure;
// filterable by action, person, subject and dates.
import type { AuditEntry } from '../../db/audit';
import { t } from '../../i18n/desk-text';
import { formatDateTime } from '../../time/format';
import { actionLabel, auditDetails, auditSentence, type AuditNames } from './audit-sentences';

/** The filter as typed, each field '' when unused. */
export interface AuditQuery {
  action: string;
  who: string;
  subject: string;
  from: string;
  to: string;
}

export function AuditPage(props: {
  entries: AuditEntry[];
  actions: string[];
  query: AuditQuery;
  problem?: string;
  filtered: boolean;
  timezone: string;
  names: AuditNames;
  olderHref?: string;
}) {
  const { query } = props;
  return (
    <>
      <h1>{t('desk.audit.title')}</h1>
      {props.problem ? (
        <div class="flash error" role="alert">
          {props.problem}
        </div>
      ) : null}
      <form method="get" action="/admin/audit" class="inline card" aria-label={t('desk.audit.filter')}>
        <div>
          <label for="action">{t('desk.audit.action')}</label>
          <select id="action" name="action">
            <option value="">{t('desk.audit.allActions')}</option>
            {props.actions.map((action) => (
              <option value={action} selected={action === query.action}>
                {actionLabel(action)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="who">{t('desk.audit.who')}</label>
          <input id="who" name="who" type="text" value={query.who} placeholder={t('desk.audit.whoExample')} />
        </div>
        <div>
          <label for="subject">{t('desk.audit.subject')}</label>
          <input
            id="subject"
            name="subject"
            type="text"
            value={query.subject}
            placeholder={t('desk.audit.subjectExample')}
          />
        </div>
        <div>
          <label for="from">{t('desk.audit.from')}</label>
          <input id="from" name="from" type="date" value={query.from} />
        </div>
        <div>
          <label for="to">{t('desk.audit.to')}</label>
          <input id="to" name="to" type="date" value={query.to} />
        </div>
        <button type="submit" class="secondary">
          {t('desk.audit.apply')}
        </button>
        {props.filtered ? <a href="/admin/audit">{t('desk.audit.clear')}</a> : null}
      </form>
      {props.entries.length === 0 ? (
        <p class="muted">{props.filtered ? t('desk.audit.noMatch') : t('desk.audit.empty')}</p>
      ) : null}
      <table class="stack audit">
        <thead>
          <tr>
            <th scope="col">{t('desk.audit.when')}</th>
            <th scope="col">{t('desk.audit.what')}</th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map((entry) => {
            const details = auditDetails(entry, props.timezone);
            return (
              <tr>
                <td data-label={t('desk.audit.when')} class="nowrap">
                  <time datetime={new Date(entry.at).toISOString()}>
                    {formatDateTime(entry.at, props.timezone)}
                  </time>
                </td>
                <td data-label={t('desk.audit.what')}>
                  {auditSentence(entry, props.names)}
                  <details class="small">
                    <summary>{t('desk.audit.details')}</summary>
                    <dl class="audit-details">
                      <dt>{t('desk.audit.recordedAs')}</dt>
                      <dd>
                        <code>{entry.action}</code>
                        {entry.subjectType
                          ? t('desk.audit.on', { type: entry.subjectType, id: entry.subjectId ?? '' })
                          : ''}
                      </dd>
                      <dt>{t('desk.audit.by')}</dt>
                      <dd>
                        {t('desk.audit.byWhom', { label: entry.actorLabel, type: entry.actorType })}
                        {entry.ip ? t('desk.audit.fromAddress', { ip: entry.ip }) : ''}
                      </dd>
                      {details.map(([name, value]) => (
                        <>
                          <dt>{name}</dt>
                          <dd class="break">{value}</dd>
                        </>
                      ))}
                    </dl>
                  </details>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {props.olderHref ? (
        <p>
          <a href={props.olderHref}>{t('desk.audit.older')}</a>
        </p>
      ) : null}
    </>
  );
}
