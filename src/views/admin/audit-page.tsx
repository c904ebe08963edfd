// The audit log: who did what, when, newest first, filterable by action.
import type { AuditEntry } from '../../db/audit';
import { formatDateTime } from '../../time/format';

export function AuditPage(props: {
  entries: AuditEntry[];
  actions: string[];
  action: string;
  timezone: string;
  olderHref?: string;
}) {
  return (
    <>
      <h1>Audit log</h1>
      <form method="get" action="/admin/audit" class="inline card">
        <div>
          <label for="action">Action</label>
          <select id="action" name="action">
            <option value="">All actions</option>
            {props.actions.map((action) => (
              <option value={action} selected={action === props.action}>
                {action}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="secondary">
          Filter
        </button>
      </form>
      <table>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Subject</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map((entry) => (
            <tr>
              <td>{formatDateTime(entry.at, props.timezone)}</td>
              <td>
                {entry.actorLabel}
                <div class="small muted">
                  {entry.actorType}
                  {entry.ip ? ` · ${entry.ip}` : ''}
                </div>
              </td>
              <td>
                <code>{entry.action}</code>
              </td>
              <td>{entry.subjectType ? `${entry.subjectType} ${entry.subjectId ?? ''}` : ''}</td>
              <td class="small break">{entry.details === '{}' ? '' : entry.details}</td>
            </tr>
          ))}
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
