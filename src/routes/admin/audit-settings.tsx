// /admin/audit and /admin/settings.
import { Hono, type Context } from 'hono';
import { auditStatement, listAudit, listAuditActions } from '../../db/audit';
import { dayRange, isLocalDate } from '../../time/zoned-time';
import type { AppDeps } from '../../deps';
import { t } from '../../i18n/desk-text';
import {
  checkSetting,
  saveSettings,
  listSettings,
  readDistrictSettings,
  SETTING_DEFINITIONS,
  type SettingDefinition,
} from '../../settings/district-settings';
import { AuditPage, type AuditQuery } from '../../views/admin/audit-page';
import { SettingsPage } from '../../views/admin/settings-page';
import { redirectWith } from '../flash';
import { field, fields, readForm, type FormBody } from '../form';
import { deleteSetting, readSetting, writeSetting } from '../../db/settings';
import { countNameList, replaceNameList, type NameList } from '../../db/roster';
import {
  FIRST_NAME_HEADER,
  NAME_HEADER,
  readFirstNames,
  SURNAME_HEADER,
} from '../../settings/no-release-list';
import { readCsv, spreadsheetText } from '../../text/csv';
import { listDigestDates } from '../../db/digests';
import { listSourceNames } from '../../db/sources';
import { listUsers } from '../../db/users';
import { actorOf, adminPage, type AdminEnv } from './context';
import { stripMetadata, UnreadablePicture, type StrippedPicture } from '../../pictures/strip-metadata';
import { logoDataUrl, storedLogo } from '../../brand/logo';
import { languagesRemovedSentences } from '../../settings/languages-removed';

const AUDIT_PAGE_SIZE = 100;

/**
 * A colour comes as typed (#rrggbb) and from the picker beside it: whichever the person changed wins, so both
 * work without a script (which keeps them in step as they are used).
 */
function chosenColour(typed: string, picked: string, shown: string): string {
  const normal = (value: string) => value.trim().toLowerCase();
  if (normal(typed) !== normal(shown)) return normal(typed);
  if (picked && normal(picked) !== normal(shown)) return normal(picked);
  return normal(typed);
}

export function auditRoutes(deps: AppDeps) {
  const app = new Hono<AdminEnv>();
  app.get('/', async (c) => {
    const query: AuditQuery = {
      action: c.req.query('action')?.trim() ?? '',
      who: c.req.query('who')?.trim() ?? '',
      subject: c.req.query('subject')?.trim() ?? '',
      from: c.req.query('from')?.trim() ?? '',
      to: c.req.query('to')?.trim() ?? '',
    };
    const settings = await readDistrictSettings(deps.db);
    const problem = [query.from, query.to].some((d) => d !== '' && !isLocalDate(d))
      ? t('desk.audit.badDate')
      : undefined;
    const from = !problem && query.from ? dayRange(query.from, settings.timezone).start : undefined;
    const until = !problem && query.to ? dayRange(query.to, settings.timezone).end : undefined;
    const beforeId = Number(c.req.query('before')) || undefined;
    const [entries, actions] = await Promise.all([
      listAudit(deps.db, {
        action: query.action || undefined,
        who: query.who || undefined,
        subject: query.subject || undefined,
        from,
        until,
        beforeId,
        limit: AUDIT_PAGE_SIZE,
      }),
      listAuditActions(deps.db),
    ]);
    const idsOf = (type: string) =>
      entries
        .filter((e) => e.subjectType === type)
        .map((e) => Number(e.subjectId))
        .filter(Number.isInteger);
    const [people, digestDates, sourceNames] = await Promise.all([
      listUsers(deps.db),
      listDigestDates(deps.db, idsOf('digest')),
      listSourceNames(deps.db, idsOf('source')),
    ]);
    const names = { people: new Map(people.map((p) => [p.id, p.name])), digestDates, sources: sourceNames };
    const last = entries.at(-1);
    const kept = Object.entries(query).filter(([, value]) => value !== '');
    const olderHref =
      entries.length === AUDIT_PAGE_SIZE && last
        ? `/admin/audit?${new URLSearchParams([...kept, ['before', String(last.id)]])}`
        : undefined;
    return adminPage(deps, c, {
      title: t('desk.audit.title'),
      section: 'audit',
      body: (
        <AuditPage
          entries={entries}
          actions={actions}
          query={query}
          problem={problem}
          filtered={kept.length > 0}
          timezone={settings.timezone}
          names={names}
          olderHref={olderHref}
        />
      ),
    });
  });
  return app;
}

export function settingsRoutes(deps: AppDeps) {
  const app = new Hono<AdminEnv>();
  /** The page, with what was typed and why beside each value that was not saved. */
  const render = async (
    c: Context<AdminEnv>,
    refused: Map<string, { typed: string; problem: string }> = new Map(),
    /** The settings this same press saved, when others were refused: said, so nobody thinks nothing changed. */
    savedAlongside: string[] = [],
  ) => {
    const [current, logo, darkLogo, roster, noRelease] = await Promise.all([
      listSettings(deps.db),
      readSetting(deps.db, 'logo'),
      readSetting(deps.db, 'logo_dark'),
      countNameList(deps.db, 'roster'),
      countNameList(deps.db, 'noRelease'),
    ]);
    const values = new Map(current.map((s) => [s.key, s.value]));
    const rows = SETTING_DEFINITIONS.map((d) => ({
      key: d.key,
      label: d.label,
      help: d.help,
      value: refused.get(d.key)?.typed ?? values.get(d.key) ?? d.fallback,
      input: d.input ?? 'line',
      options: d.options,
      problem: refused.get(d.key)?.problem,
      saved: values.get(d.key) ?? d.fallback,
      // Required in the browser only where the server refuses it empty (a contact address may be left out).
      required: d.check('') !== undefined,
    }));
    const labelOf = (key: string) => SETTING_DEFINITIONS.find((d) => d.key === key)?.label ?? key;
    return adminPage(deps, c, {
      title: t('desk.settings.title'),
      section: 'settings',
      ...(refused.size
        ? {
            flash: {
              kind: 'error' as const,
              text: [
                ...(savedAlongside.length
                  ? [t('desk.settings.savedAlongside', { settings: savedAlongside.map(labelOf).join(', ') })]
                  : []),
                t('desk.settings.notSaved', {
                  problems: [...refused.values()].map((r) => r.problem).join(' '),
                }),
              ].join(' '),
            },
            status: 422 as const,
          }
        : {}),
      body: (
        <SettingsPage
          rows={rows}
          csrfToken={c.get('csrfToken')}
          hasLogo={!!logo}
          hasDarkLogo={!!darkLogo}
          unreadableLogos={{
            light: !!logo && !storedLogo(logo),
            dark: !!darkLogo && !storedLogo(darkLogo),
          }}
          roster={roster}
          noRelease={noRelease}
          publicUrl={deps.config.publicUrl}
        />
      ),
    });
  };
  app.get('/', (c) => render(c));

  app.post('/', async (c) => {
    const form = await readForm(c);
    const before = new Map((await listSettings(deps.db)).map((s) => [s.key, s.value]));
    const languagesBefore = (await readDistrictSettings(deps.db)).languages;
    const refused = new Map<string, { typed: string; problem: string }>();
    const checked: Record<string, string> = {};
    for (const definition of SETTING_DEFINITIONS) {
      const value = valueFromForm(form, definition, before.get(definition.key) ?? definition.fallback);
      if (value === undefined || value === before.get(definition.key)) continue;
      const result = checkSetting(definition.key, value);
      if (result.ok) checked[definition.key] = result.value;
      else refused.set(definition.key, { typed: value, problem: result.inForm });
    }
    // What was valid is kept even when another field was refused, as before: one batch, with its log entry.
    await saveSettings(deps.db, checked, actorOf(deps, c), deps.clock.now());
    // The page again, not a redirect: what was typed stays in its field, with why beside it.
    if (refused.size) return render(c, refused, Object.keys(checked));
    return redirectWith(c, deps.signingKey, '/admin/settings', {
      kind: 'ok',
      text: [
        t('desk.settings.saved'),
        ...(await languagesRemovedSentences(
          deps.db,
          languagesBefore,
          (await readDistrictSettings(deps.db)).languages,
        )),
      ].join(' '),
    });
  });

  app.post('/logo', async (c) => {
    const form = await readForm(c);
    const back = '/admin/settings#logo';
    // The logo, or its variant for dark backgrounds.
    const dark = field(form, 'variant') === 'dark';
    const key = dark ? 'logo_dark' : 'logo';
    if (field(form, 'remove')) {
      await deleteSetting(deps.db, key, [
        auditStatement(
          deps.db,
          actorOf(deps, c),
          {
            action: 'settings.logo_removed',
            subjectType: 'settings',
            details: { variant: dark ? 'dark' : 'light' },
          },
          deps.clock.now(),
        ),
      ]);
      return redirectWith(c, deps.signingKey, back, {
        kind: 'ok',
        text: dark ? t('desk.settings.logo.removedDark') : t('desk.settings.logo.removed'),
      });
    }
    const file = form.file instanceof File ? form.file : undefined;
    const type = file ? LOGO_TYPES.get(file.type) : undefined;
    if (!file || file.size === 0)
      return redirectWith(c, deps.signingKey, back, {
        kind: 'error',
        text: t('desk.settings.logo.choose'),
      });
    if (!type)
      return redirectWith(c, deps.signingKey, back, {
        kind: 'error',
        text: t('desk.settings.logo.type'),
      });
    if (file.size > 500 * 1024)
      return redirectWith(c, deps.signingKey, back, {
        kind: 'error',
        text: t('desk.settings.logo.tooLarge'),
      });
    // Kept without its metadata, as the digest's pictures are: a logo made from a phone photo would otherwise
    // carry where it was taken (EXIF's GPS position) to every page, email and embed. Reading its structure
    // whole is also the check that it is the picture its type says.
    let stripped: StrippedPicture;
    try {
      stripped = stripMetadata(new Uint8Array(await file.arrayBuffer()));
    } catch (error) {
      if (!(error instanceof UnreadablePicture)) throw error;
      return redirectWith(c, deps.signingKey, back, {
        kind: 'error',
        text: t('desk.settings.logo.notImage'),
      });
    }
    if (stripped.type !== type)
      return redirectWith(c, deps.signingKey, back, {
        kind: 'error',
        text: t('desk.settings.logo.notImage'),
      });
    const now = deps.clock.now();
    await writeSetting(deps.db, key, logoDataUrl(stripped), now, [
      auditStatement(
        deps.db,
        actorOf(deps, c),
        {
          action: 'settings.logo',
          subjectType: 'settings',
          details: { bytes: file.size, variant: dark ? 'dark' : 'light' },
        },
        now,
      ),
    ]);
    return redirectWith(c, deps.signingKey, back, {
      kind: 'ok',
      text: dark ? t('desk.settings.logo.savedDark') : t('desk.settings.logo.saved'),
    });
  });

  /**
   * A list of students' names replaced from a file or from names typed in, or cleared: kept as keyed
   * fingerprints only, written in one batch with its audit entry.
   */
  const nameListRoute = (
    list: NameList,
    words: {
      anchor: string;
      /** The audit entries' actions, as the audit log names them. */
      action: { replace: string; clear: string };
      /** What the audit entry calls the count it keeps. */
      counted: string;
      /** The names in the file's text and the text typed in, or the sentence saying why there are none. */
      read: (
        file: string | undefined,
        typed: string,
      ) => Promise<{ names: string[]; skipped: number } | string>;
      cleared: () => string;
      choose: () => string;
      tooLarge: () => string;
      replaced: (count: number, skipped: number) => string;
    },
  ) =>
    app.post(`/${words.anchor}`, async (c) => {
      const form = await readForm(c);
      const back = `/admin/settings#${words.anchor}`;
      const actor = actorOf(deps, c);
      if (field(form, 'clear')) {
        await replaceNameList(deps.db, deps.signingKey, list, [], () => [
          auditStatement(
            deps.db,
            actor,
            { action: words.action.clear, subjectType: 'settings' },
            deps.clock.now(),
          ),
        ]);
        return redirectWith(c, deps.signingKey, back, { kind: 'ok', text: words.cleared() });
      }
      const file = form.file instanceof File && form.file.size > 0 ? form.file : undefined;
      const typed = typeof form.names === 'string' ? form.names : '';
      if (!file && !typed.trim())
        return redirectWith(c, deps.signingKey, back, { kind: 'error', text: words.choose() });
      if ((file?.size ?? 0) + typed.length > 2 * 1024 * 1024)
        return redirectWith(c, deps.signingKey, back, { kind: 'error', text: words.tooLarge() });
      const upload = file ? await spreadsheetText(file) : undefined;
      if (upload && !upload.ok)
        return redirectWith(c, deps.signingKey, back, {
          kind: 'error',
          text: `${upload.message} ${t('desk.settings.nothingChanged')}`,
        });
      const read = await words.read(upload?.text, typed);
      if (typeof read === 'string')
        return redirectWith(c, deps.signingKey, back, { kind: 'error', text: read });
      const count = await replaceNameList(deps.db, deps.signingKey, list, read.names, (kept) => [
        auditStatement(
          deps.db,
          actor,
          { action: words.action.replace, subjectType: 'settings', details: { [words.counted]: kept } },
          deps.clock.now(),
        ),
      ]);
      // Names cannot be shown back, so a file read in an encoding guessed says which: a guess can be wrong.
      const readAs =
        upload?.encoding === 'windows-1252'
          ? ` ${t('desk.settings.readAsWindows1252')}`
          : upload?.encoding === 'macintosh'
            ? ` ${t('desk.settings.readAsMacRoman')}`
            : '';
      return redirectWith(c, deps.signingKey, back, {
        kind: 'ok',
        text: `${words.replaced(count, read.skipped)}${readAs}`,
      });
    });

  nameListRoute('roster', {
    anchor: 'roster',
    action: { replace: 'roster.replace', clear: 'roster.clear' },
    counted: 'surnames',
    // The surname column under its heading, or the first column of each row; a file headed only with first
    // names or full names is refused rather than kept as surnames.
    read: async (file) => {
      const read = await readCsv(file ?? '', { maxRows: 200_000 });
      if (!read.ok) return `${read.message} ${t('desk.settings.nothingChanged')}`;
      if (read.more) return t('desk.settings.roster.tooLong');
      const header = read.rows[0]?.cells.map((cell) => cell.trim()) ?? [];
      const surnameColumn = header.findIndex((cell) => SURNAME_HEADER.test(cell));
      if (surnameColumn < 0 && header.some((cell) => FIRST_NAME_HEADER.test(cell) || NAME_HEADER.test(cell)))
        return t('desk.settings.roster.noSurnameColumn');
      const surnames = (surnameColumn >= 0 ? read.rows.slice(1) : read.rows)
        .map((row) => (row.cells[Math.max(surnameColumn, 0)] ?? '').trim())
        .filter(
          (name) =>
            /^[\p{L}][\p{L}\p{M}'’ -]{0,60}$/u.test(name) &&
            !/^(surname|last ?name|family ?name)$/i.test(name),
        );
      return surnames.length ? { names: surnames, skipped: 0 } : t('desk.settings.roster.noneFound');
    },
    cleared: () => t('desk.settings.roster.cleared'),
    choose: () => t('desk.settings.roster.choose'),
    tooLarge: () => t('desk.settings.roster.tooLarge'),
    replaced: (count) => t('desk.settings.roster.replaced', { count }),
  });

  nameListRoute('noRelease', {
    anchor: 'no-release',
    action: { replace: 'no_release.replace', clear: 'no_release.clear' },
    counted: 'names',
    read: async (file, typed) => {
      const read = await readFirstNames(file, typed);
      if (read.ok) return read;
      const problems = {
        surnamesOnly: () => t('desk.settings.noRelease.surnamesOnly'),
        unreadable: () => t('desk.settings.noRelease.unreadable'),
        noHeader: () => t('desk.settings.noRelease.noHeader'),
        tooLong: () => t('desk.settings.noRelease.tooLong'),
        noFirstNames: () => t('desk.settings.noRelease.noneFound'),
      };
      return problems[read.problem]();
    },
    cleared: () => t('desk.settings.noRelease.cleared'),
    choose: () => t('desk.settings.noRelease.choose'),
    tooLarge: () => t('desk.settings.noRelease.tooLarge'),
    replaced: (count, skipped) =>
      skipped
        ? `${t('desk.settings.noRelease.replaced', { count })} ${t('desk.settings.noRelease.skipped', { count: skipped })}`
        : t('desk.settings.noRelease.replaced', { count }),
  });
  return app;
}

const LOGO_TYPES = new Map<string, StrippedPicture['type']>([
  ['image/png', 'image/png'],
  ['image/jpeg', 'image/jpeg'],
  ['image/webp', 'image/webp'],
]);

/**
 * What the Settings form says a setting should be, or undefined when the form has no field for it (a form
 * without a field leaves its setting alone).
 */
function valueFromForm(form: FormBody, definition: SettingDefinition, shown: string): string | undefined {
  const all = fields(form, definition.key);
  switch (definition.input) {
    case 'yes-no':
      // A hidden "false", then "true" after it when ticked: the last value wins.
      return all.length ? all.at(-1) : undefined;
    case 'several':
      // A hidden "", then each ticked box in the order the page lists them.
      return all.length ? all.filter(Boolean).join(',') : undefined;
    case 'languages': {
      // The district's own (a list), then each other one ticked, the own one only once.
      const own = field(form, `${definition.key}_own`, 10);
      if (!own) return undefined;
      return [own, ...all.filter((code) => code && code !== own)].join(',');
    }
    case 'colour':
      if (!all.length) return undefined;
      return chosenColour(
        field(form, definition.key, 100),
        field(form, `${definition.key}_picker`, 100),
        shown,
      );
    case 'lines':
      return all.length
        ? field(form, definition.key, 20_000)
            .split(/\r?\n/)
            .map((line) => line.trim())
            .filter(Boolean)
            .join('\n')
        : undefined;
    default:
      return all.length ? field(form, definition.key, 20_000) : undefined;
  }
}
