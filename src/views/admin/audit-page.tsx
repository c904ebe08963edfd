// The audit log: who did what, when, newest first, in sentences with the record behind a disclosure;
// filterable by action, person, subject and dates.
import type { AuditEntry } from '../../db/audit';
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
      <h1>Audit log</h1>
      {props.problem ? (
        <div class="flash error" role="alert">
          {props.problem}
        </div>
      ) : null}
      <form method="get" action="/admin/audit" class="inline card" aria-label="Filter the audit log">
        <div>
          <label for="action">Action</label>
          <select id="action" name="action">
            <option value="">All actions</option>
            {props.actions.map((action) => (
              <option value={action} selected={action === query.action}>
                {actionLabel(action)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="who">Who</label>
          <input id="who" name="who" type="text" value={query.who} placeholder="dana@ or scheduler" />
        </div>
        <div>
          <label for="subject">Subject</label>
          <input
            id="subject"
            name="subject"
            type="text"
            value={query.subject}
            placeholder="2026-11-20 or a number"
          />
        </div>
        <div>
          <label for="from">From</label>
          <input id="from" name="from" type="date" value={query.from} />
        </div>
        <div>
          <label for="to">To</label>
          <input id="to" name="to" type="date" value={query.to} />
        </div>
        <button type="submit" class="secondary">
          Filter
        </button>
        {props.filtered ? <a href="/admin/audit">Clear</a> : null}
      </form>
      {props.entries.length === 0 ? (
        <p class="muted">
          {props.filtered ? 'Nothing in the log matches this filter.' : 'Nothing has been logged yet.'}
        </p>
      ) : null}
      <table class="stack audit">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">What happened</th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map((entry) => {
            const details = auditDetails(entry);
            return (
              <tr>
                <td data-label="When" class="nowrap">
                  <time datetime={new Date(entry.at).toISOString()}>
                    {formatDateTime(entry.at, props.timezone)}
                  </time>
                </td>
                <td data-label="What happened">
                  {auditSentence(entry, props.names)}
                  <details class="small">
                    <summary>Details</summary>
                    <dl class="audit-details">
                      <dt>Recorded as</dt>
                      <dd>
                        <code>{entry.action}</code>
                        {entry.subjectType ? ` on ${entry.subjectType} ${entry.subjectId ?? ''}` : ''}
                      </dd>
                      <dt>By</dt>
                      <dd>
                        {entry.actorLabel} ({entry.actorType}){entry.ip ? `, from ${entry.ip}` : ''}
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
          <a href={props.olderHref}>Older entries →</a>
        </p>
      ) : null}
    </>
  );
}
