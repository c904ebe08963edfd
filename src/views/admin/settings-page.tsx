// District settings: identity, schedule, rules for the checks, the embed, the logo and the student roster.
import { CsrfField } from '../admin-layout';

export interface SettingRow {
  key: string;
  label: string;
  help: string;
  value: string;
  input: 'line' | 'lines' | 'yes-no' | 'colour' | 'choice';
  options?: readonly { value: string; label: string }[];
}

export function SettingsPage(props: {
  rows: SettingRow[];
  csrfToken: string;
  hasLogo: boolean;
  rosterCount: number;
}) {
  return (
    <>
      <h1>Settings</h1>
      <p>
        <a href="/admin/settings/social">Social accounts</a>: the district’s Mastodon, Bluesky and Facebook
        accounts.
      </p>
      <form method="post" action="/admin/settings" class="card">
        <CsrfField token={props.csrfToken} />
        {props.rows.map((row) =>
          row.input === 'yes-no' ? (
            <div>
              <input type="hidden" name={row.key} value="false" />
              <label class="check-label">
                <input
                  type="checkbox"
                  name={row.key}
                  value="true"
                  checked={row.value === 'true'}
                  aria-describedby={`${row.key}-help`}
                />{' '}
                {row.label}
              </label>
              <p class="hint" id={`${row.key}-help`}>
                {row.help}
              </p>
            </div>
          ) : (
            <div>
              <label for={row.key}>{row.label}</label>
              {row.input === 'lines' ? (
                <textarea id={row.key} name={row.key} rows={6} aria-describedby={`${row.key}-help`}>
                  {row.value}
                </textarea>
              ) : row.input === 'colour' ? (
                <input
                  type="color"
                  id={row.key}
                  name={row.key}
                  value={row.value}
                  class="colour"
                  aria-describedby={`${row.key}-help`}
                />
              ) : row.input === 'choice' ? (
                <select id={row.key} name={row.key} aria-describedby={`${row.key}-help`}>
                  {(row.options ?? []).map((option) => (
                    <option value={option.value} selected={option.value === row.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  type="text"
                  id={row.key}
                  name={row.key}
                  value={row.value}
                  aria-describedby={`${row.key}-help`}
                  required
                />
              )}
              <p class="hint" id={`${row.key}-help`}>
                {row.help}
              </p>
            </div>
          ),
        )}
        <div class="actions">
          <button type="submit">Save settings</button>
        </div>
      </form>

      <h2 id="logo">Logo</h2>
      <form method="post" action="/admin/settings/logo" enctype="multipart/form-data" class="card">
        <CsrfField token={props.csrfToken} />
        {props.hasLogo ? (
          <p>
            <img src="/logo" alt="The current logo" class="logo-preview" />
          </p>
        ) : (
          <p class="muted">No logo yet: the district name is shown on its own.</p>
        )}
        <label for="logo-file">A PNG, JPEG or WebP image, at most 500 KB</label>
        <input type="file" id="logo-file" name="file" accept="image/png,image/jpeg,image/webp" />
        <div class="actions">
          <button type="submit" class="secondary">
            Upload logo
          </button>
          {props.hasLogo ? (
            <button type="submit" name="remove" value="1" class="secondary">
              Remove logo
            </button>
          ) : null}
        </div>
      </form>

      <h2 id="roster">Student surname roster</h2>
      <form method="post" action="/admin/settings/roster" enctype="multipart/form-data" class="card">
        <CsrfField token={props.csrfToken} />
        <p>
          Optional. When a roster is loaded, the name check flags any of these surnames, even on their own.
          The surnames are kept only as keyed fingerprints: nobody can read the list back, here or from a
          backup.
        </p>
        <p>
          <strong>{props.rosterCount ? `${props.rosterCount} surnames loaded.` : 'No roster loaded.'}</strong>
        </p>
        <label for="roster-file">
          A text or CSV file with one surname per line (the first column is used)
        </label>
        <input type="file" id="roster-file" name="file" accept=".txt,.csv,text/plain,text/csv" />
        <div class="actions">
          <button type="submit" class="secondary">
            Replace the roster
          </button>
          {props.rosterCount ? (
            <button type="submit" name="clear" value="1" class="secondary">
              Clear the roster
            </button>
          ) : null}
        </div>
      </form>
    </>
  );
}
