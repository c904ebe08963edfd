// District settings: identity, schedule, rules for the checks, the embed, the logo and the student roster.
import { assetUrl } from '../assets';
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
  hasDarkLogo: boolean;
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
                <div class="colour-field">
                  <input
                    type="color"
                    id={`${row.key}-picker`}
                    name={`${row.key}_picker`}
                    value={row.value}
                    class="colour"
                    aria-label={`${row.label}: pick a colour`}
                    data-hex={row.key}
                  />
                  <input
                    type="text"
                    id={row.key}
                    name={row.key}
                    value={row.value}
                    class="hex"
                    size={8}
                    maxlength={7}
                    spellcheck={false}
                    autocomplete="off"
                    aria-describedby={`${row.key}-help`}
                  />
                </div>
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

      <script src={assetUrl('settings.js')} defer></script>

      <h2 id="logo">Logo</h2>
      <LogoForm
        csrfToken={props.csrfToken}
        variant="light"
        present={props.hasLogo}
        label="The logo: a PNG, JPEG or WebP image, at most 500 KB"
        none="No logo yet: the district name is shown on its own."
      />
      <LogoForm
        csrfToken={props.csrfToken}
        variant="dark"
        present={props.hasDarkLogo}
        label="Optional: the logo drawn for dark backgrounds (light lines, transparent background)"
        none="None: the site’s and the email’s masthead, in the main colour, show the logo on a white tile."
      />

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

/** One variant of the logo: upload or remove. The masthead (the brand's main colour) shows the dark variant. */
function LogoForm(props: {
  csrfToken: string;
  variant: 'light' | 'dark';
  present: boolean;
  label: string;
  none: string;
}) {
  const id = `logo-file-${props.variant}`;
  const src = props.variant === 'dark' ? '/logo/dark' : '/logo';
  return (
    <form method="post" action="/admin/settings/logo" enctype="multipart/form-data" class="card">
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="variant" value={props.variant} />
      {props.present ? (
        <p class={props.variant === 'dark' ? 'logo-on-dark' : undefined}>
          <img
            src={src}
            alt={`The current ${props.variant === 'dark' ? 'logo for dark backgrounds' : 'logo'}`}
            class="logo-preview"
          />
        </p>
      ) : (
        <p class="muted">{props.none}</p>
      )}
      <label for={id}>{props.label}</label>
      <input type="file" id={id} name="file" accept="image/png,image/jpeg,image/webp" />
      <div class="actions">
        <button type="submit" class="secondary">
          {props.variant === 'dark' ? 'Upload the dark-background logo' : 'Upload logo'}
        </button>
        {props.present ? (
          <button type="submit" name="remove" value="1" class="secondary">
            {props.variant === 'dark' ? 'Remove the dark-background logo' : 'Remove logo'}
          </button>
        ) : null}
      </div>
    </form>
  );
}
