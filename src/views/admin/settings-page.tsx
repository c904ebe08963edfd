// District settings: identity, schedule, rules for the checks, the embed, the logo and the student roster.
import { rich, t } from '../../i18n/desk-text';
import { assetUrl } from '../assets';
import { CsrfField } from '../admin-layout';

export interface SettingRow {
  key: string;
  label: string;
  help: string;
  value: string;
  input: 'line' | 'lines' | 'yes-no' | 'colour' | 'choice' | 'several' | 'languages';
  options?: readonly { value: string; label: string }[];
  /** Why the value typed was not saved (the field then holds what was typed). */
  problem?: string;
  /** The value saved, when `value` is a refused one. */
  saved?: string;
  /** Whether it may not be left empty. */
  required?: boolean;
}

/** What was wrong with a field's value, beside it; the field names it in aria-describedby. */
function Problem(props: { row: SettingRow }) {
  return props.row.problem ? (
    <p class="field-error" id={`${props.row.key}-problem`}>
      {props.row.problem}
    </p>
  ) : null;
}

/** The field's descriptions: its problem, if any, then its help. */
const describedBy = (row: SettingRow) =>
  row.problem ? `${row.key}-problem ${row.key}-help` : `${row.key}-help`;

export function SettingsPage(props: {
  rows: SettingRow[];
  csrfToken: string;
  hasLogo: boolean;
  hasDarkLogo: boolean;
  /** Stored logos that cannot be read as a picture (uploaded before uploads were checked whole). */
  unreadableLogos?: { light: boolean; dark: boolean };
  /** Surnames on the roster, and how many of them were loaded before names were folded. */
  roster: { names: number; unfolded: number };
  /** First names on the list of students without a media release, likewise. */
  noRelease: { names: number; unfolded: number };
  /** The service's address, for the embed's lines to paste. */
  publicUrl: string;
}) {
  // A refused save opens on the first field refused, its problem read out with it (no script needed).
  const firstRefused = props.rows.find((row) => row.problem)?.key;
  return (
    <>
      <h1>{t('desk.settings.title')}</h1>
      <p>
        {rich('desk.settings.social', {
          link: <a href="/admin/settings/social">{t('desk.settings.socialLink')}</a>,
        })}
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
          ) : row.input === 'languages' ? (
            <LanguagesField row={row} />
          ) : row.input === 'several' ? (
            <fieldset class="several" aria-describedby={describedBy(row)}>
              <legend>{row.label}</legend>
              <Problem row={row} />
              <Boxes row={row} ticked={listOf(row.value)} autofocus={row.key === firstRefused} />
              <p class="hint" id={`${row.key}-help`}>
                {row.help}
              </p>
            </fieldset>
          ) : (
            <div>
              <label for={row.key}>{row.label}</label>
              <Problem row={row} />
              {row.input === 'lines' ? (
                <textarea
                  id={row.key}
                  name={row.key}
                  rows={6}
                  aria-describedby={describedBy(row)}
                  aria-invalid={row.problem ? 'true' : undefined}
                  autofocus={row.key === firstRefused ? true : undefined}
                >
                  {row.value}
                </textarea>
              ) : row.input === 'colour' ? (
                <div class="colour-field">
                  <input
                    type="color"
                    id={`${row.key}-picker`}
                    name={`${row.key}_picker`}
                    // A picker holds only a colour: given a refused text, it would show (and send) black.
                    value={/^#[0-9a-f]{6}$/i.test(row.value) ? row.value : (row.saved ?? row.value)}
                    class="colour"
                    aria-label={t('desk.settings.pickColour', { label: row.label })}
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
                    aria-describedby={describedBy(row)}
                    aria-invalid={row.problem ? 'true' : undefined}
                    autofocus={row.key === firstRefused ? true : undefined}
                  />
                </div>
              ) : row.input === 'choice' ? (
                <select
                  id={row.key}
                  name={row.key}
                  aria-describedby={describedBy(row)}
                  aria-invalid={row.problem ? 'true' : undefined}
                  autofocus={row.key === firstRefused ? true : undefined}
                >
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
                  aria-describedby={describedBy(row)}
                  aria-invalid={row.problem ? 'true' : undefined}
                  autofocus={row.key === firstRefused ? true : undefined}
                  required={row.required}
                />
              )}
              <p class="hint" id={`${row.key}-help`}>
                {row.help}
              </p>
              {row.key === 'embed_origins' ? <EmbedCode publicUrl={props.publicUrl} /> : null}
            </div>
          ),
        )}
        <div class="actions">
          <button type="submit">{t('desk.settings.save')}</button>
        </div>
      </form>

      <script src={assetUrl('settings.js')} defer></script>

      <h2 id="logo">{t('desk.settings.logo.heading')}</h2>
      <LogoForm
        csrfToken={props.csrfToken}
        variant="light"
        present={props.hasLogo}
        unreadable={props.unreadableLogos?.light}
        label={t('desk.settings.logo.label')}
        none={t('desk.settings.logo.none')}
      />
      <LogoForm
        csrfToken={props.csrfToken}
        variant="dark"
        present={props.hasDarkLogo}
        unreadable={props.unreadableLogos?.dark}
        label={t('desk.settings.logo.darkLabel')}
        none={t('desk.settings.logo.darkNone')}
      />

      <NameListCard
        anchor="roster"
        heading={t('desk.settings.roster.heading')}
        lead={t('desk.settings.roster.lead')}
        held={
          props.roster.names
            ? t('desk.settings.roster.loaded', { count: props.roster.names })
            : t('desk.settings.roster.none')
        }
        loadAgain={props.roster.unfolded ? t('desk.settings.roster.loadAgain') : undefined}
        fileLabel={t('desk.settings.roster.file')}
        replace={t('desk.settings.roster.replace')}
        clear={props.roster.names ? t('desk.settings.roster.clear') : undefined}
        csrfToken={props.csrfToken}
      />

      <NameListCard
        anchor="no-release"
        heading={t('desk.settings.noRelease.heading')}
        lead={t('desk.settings.noRelease.lead')}
        held={
          props.noRelease.names
            ? t('desk.settings.noRelease.loaded', { count: props.noRelease.names })
            : t('desk.settings.noRelease.none')
        }
        loadAgain={props.noRelease.unfolded ? t('desk.settings.noRelease.loadAgain') : undefined}
        typedLabel={t('desk.settings.noRelease.names')}
        fileLabel={t('desk.settings.noRelease.file')}
        replace={t('desk.settings.noRelease.replace')}
        clear={props.noRelease.names ? t('desk.settings.noRelease.clear') : undefined}
        csrfToken={props.csrfToken}
      />
    </>
  );
}

/** One variant of the logo: upload or remove. The masthead (the brand's main colour) shows the dark variant. */
function LogoForm(props: {
  csrfToken: string;
  variant: 'light' | 'dark';
  present: boolean;
  unreadable?: boolean;
  label: string;
  none: string;
}) {
  const id = `logo-file-${props.variant}`;
  const src = props.variant === 'dark' ? '/logo/dark' : '/logo';
  return (
    <form method="post" action="/admin/settings/logo" enctype="multipart/form-data" class="card">
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="variant" value={props.variant} />
      {props.unreadable ? (
        <p class="flash error">{t('desk.settings.logo.unreadable')}</p>
      ) : props.present ? (
        <p class={props.variant === 'dark' ? 'logo-on-dark' : undefined}>
          <img
            src={src}
            alt={
              props.variant === 'dark' ? t('desk.settings.logo.currentDark') : t('desk.settings.logo.current')
            }
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
          {props.variant === 'dark' ? t('desk.settings.logo.uploadDark') : t('desk.settings.logo.upload')}
        </button>
        {props.present ? (
          <button type="submit" name="remove" value="1" class="secondary">
            {props.variant === 'dark' ? t('desk.settings.logo.removeDark') : t('desk.settings.logo.remove')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** The district's own language (one, at the site's root) and the others it offers, each a box. */
function LanguagesField(props: { row: SettingRow }) {
  const { row } = props;
  const offered = listOf(row.value);
  return (
    <fieldset class="several" aria-describedby={`${row.key}-help`}>
      <legend>{row.label}</legend>
      <label for={`${row.key}-own`} class="sub-label">
        {t('desk.settings.fields.languages.own')}
      </label>
      <select id={`${row.key}-own`} name={`${row.key}_own`}>
        {(row.options ?? []).map((option) => (
          <option value={option.value} selected={option.value === offered[0]}>
            {option.label}
          </option>
        ))}
      </select>
      <p class="sub-label">{t('desk.settings.fields.languages.others')}</p>
      <Boxes row={row} ticked={offered} labelledInTheirLanguage />
      <p class="hint" id={`${row.key}-help`}>
        {row.help}
      </p>
    </fieldset>
  );
}

/** A list setting's values as its boxes compare them: `EN, es` reads as en and es. */
function listOf(value: string): string[] {
  return value.split(',').map((item) => item.trim().toLowerCase());
}

/**
 * A box for each of the setting's options, ticked for those in `ticked`. The hidden empty value comes first,
 * so a form with none ticked still says so (the route reads it as "none", not as "no such field").
 */
function Boxes(props: {
  row: SettingRow;
  ticked: string[];
  labelledInTheirLanguage?: boolean;
  /** The page opens on the first box (the setting was refused). */
  autofocus?: boolean;
}) {
  const { row } = props;
  return (
    <>
      <input type="hidden" name={row.key} value="" />
      <div class="choices">
        {(row.options ?? []).map((option, n) => (
          <label class="check-label" lang={props.labelledInTheirLanguage ? option.value : undefined}>
            <input
              type="checkbox"
              name={row.key}
              value={option.value}
              checked={props.ticked.includes(option.value)}
              autofocus={props.autofocus && n === 0 ? true : undefined}
            />{' '}
            {option.label}
          </label>
        ))}
      </div>
    </>
  );
}

/** What the district's web team pastes into the district site, beside the list of sites that may show it. */
function EmbedCode(props: { publicUrl: string }) {
  const lines = [
    `<script src="${props.publicUrl}/embed.js" data-count="1"></script>`,
    `<noscript><a href="${props.publicUrl}/">${t('desk.settings.embedLink')}</a></noscript>`,
  ].join('\n');
  return (
    <>
      <p class="hint">{t('desk.settings.embedPaste')}</p>
      <pre class="mail embed-code">
        <code>{lines}</code>
      </pre>
      <p class="hint">{t('desk.settings.embedOptions')}</p>
    </>
  );
}

/**
 * One of the district's lists of students' names (the surname roster, the students without a media release):
 * what it holds, in a count only, and the form that replaces it from a file (or names typed in) or clears it.
 */
function NameListCard(props: {
  anchor: string;
  heading: string;
  lead: string;
  held: string;
  /** Said when the list was loaded before names were folded, and matches only as it was written. */
  loadAgain?: string;
  /** Where names can be typed in as well as uploaded. */
  typedLabel?: string;
  fileLabel: string;
  replace: string;
  /** The button that clears the list, when it holds anything. */
  clear?: string;
  csrfToken: string;
}) {
  return (
    <>
      <h2 id={props.anchor}>{props.heading}</h2>
      <form
        method="post"
        action={`/admin/settings/${props.anchor}`}
        enctype="multipart/form-data"
        class="card"
      >
        <CsrfField token={props.csrfToken} />
        <p>{props.lead}</p>
        <p>
          <strong>{props.held}</strong>
          {props.loadAgain ? ` ${props.loadAgain}` : null}
        </p>
        {props.typedLabel ? (
          <>
            <label for={`${props.anchor}-names`}>{props.typedLabel}</label>
            <textarea
              id={`${props.anchor}-names`}
              name="names"
              rows={4}
              autocomplete="off"
              spellcheck={false}
            ></textarea>
          </>
        ) : null}
        <label for={`${props.anchor}-file`}>{props.fileLabel}</label>
        <input type="file" id={`${props.anchor}-file`} name="file" accept=".txt,.csv,text/plain,text/csv" />
        <div class="actions">
          <button type="submit" class="secondary">
            {props.replace}
          </button>
          {props.clear ? (
            <button type="submit" name="clear" value="1" class="secondary">
              {props.clear}
            </button>
          ) : null}
        </div>
      </form>
    </>
  );
}
