// District settings: name, title, time zone, publishing schedule, polling.
import { CsrfField } from '../admin-layout';

export interface SettingRow {
  key: string;
  label: string;
  help: string;
  value: string;
}

export function SettingsPage(props: { rows: SettingRow[]; csrfToken: string }) {
  return (
    <>
      <h1>Settings</h1>
      <form method="post" action="/admin/settings" class="card">
        <CsrfField token={props.csrfToken} />
        {props.rows.map((row) => (
          <div>
            <label for={row.key}>{row.label}</label>
            <input
              type="text"
              id={row.key}
              name={row.key}
              value={row.value}
              aria-describedby={`${row.key}-help`}
              required
            />
            <p class="hint" id={`${row.key}-help`}>
              {row.help}
            </p>
          </div>
        ))}
        <div class="actions">
          <button type="submit">Save settings</button>
        </div>
      </form>
    </>
  );
}
