// District settings: what each key means, its default, and how a value typed by a coordinator is checked.
import { t } from '../i18n/desk-text';
import { isLanguage, LANGUAGES, parseLanguages, type Language } from '../i18n/languages';
import type { Database } from '../db/client';
import { auditStatement, type Actor } from '../db/audit';
import { readAllSettings, upsertSettingStatement, writeSetting } from '../db/settings';
import { touchPublicStatement } from '../db/site-state';
import { isValidTimeZone } from '../time/zoned-time';
import { cleanText } from '../text/clean-text';
import { DEFAULT_TONE_WORDS } from '../curate/tone-words';
import { TEACHER_SETTING_DEFINITIONS } from './teacher-settings';
import { colourProblem, DEFAULT_BRAND, FONT_STACKS, type Brand, type FontKey } from '../brand/brand';
import { readLogoAspect } from '../brand/logo';
import { checkEmailAddress } from '../email/email-address';
import { siteIn } from '../i18n/site-language';
import { FEED_IDS_FROM, readFeedIdsFrom } from '../publish/feed-ids';

export interface DistrictSettings {
  districtName: string;
  siteTitle: string;
  timezone: string;
  publishTime: string;
  /** Days of the week the digest goes out, 0 = Sunday. */
  publishDays: number[];
  pollIntervalMinutes: number;
  fetchConcurrency: number;
  /** Publishing needs the approval of someone other than the draft's last editor. */
  requireApproval: boolean;
  /** Origins allowed to frame the embed (CSP frame-ancestors). */
  embedOrigins: string[];
  /** Words and phrases that mock, shame or complain, flagged by the tone check. */
  toneWords: string[];
  /** Full names (and words) the student-name check never flags: historical figures, namesakes of schools. */
  nameAllowlist: string[];
  /** The languages offered, the district's own first. */
  languages: Language[];
  /** At publish, a language nobody reviewed: holds the publish, is labelled, or falls back to the original. */
  translationUnreviewed: TranslationUnreviewed;
  /** Where teachers and families write to the digest team (the For teachers page, every page's foot), if set. */
  contactEmail: string | undefined;
  /** An uploaded logo exists (served at /logo). */
  hasLogo: boolean;
  /** A variant of the logo drawn for dark backgrounds (the masthead, in the brand's main colour). */
  hasDarkLogo: boolean;
  /** Width ÷ height of the logo a masthead shows (the dark variant when there is one), when it can be read. */
  logoAspect: number | undefined;
  /** Colours and fonts of the site, the embed, the favicon and the email. */
  brand: Brand;
  /**
   * The public address the district's digests were first published at (`feed_ids_from`, written once, see
   * publish/feed-ids.ts): feed entries keep ids made from it when PUBLIC_URL moves.
   */
  feedIdsFrom: string | undefined;
}

export const TRANSLATION_UNREVIEWED = ['hold', 'label', 'fallback'] as const;
export type TranslationUnreviewed = (typeof TRANSLATION_UNREVIEWED)[number];

/** The site title a district has until it chooses one: said in each language it offers (site-language.ts). */
export const DEFAULT_SITE_TITLE = 'What happened yesterday';

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

type Check = (value: string) => string | undefined; // answers a problem, or undefined when fine

export interface SettingDefinition {
  key: string;
  label: string;
  help: string;
  fallback: string;
  check: Check;
  /** How the admin edits it: one line (default), one entry per line, yes/no, a colour, or one of `options`. */
  input?: 'line' | 'lines' | 'yes-no' | 'colour' | 'choice' | 'several' | 'languages';
  /** The value as it is kept, whichever way it was written (`EN, es` is kept as `en,es`). */
  normalize?: (value: string) => string;
  options?: readonly { value: string; label: string }[];
}

const FONT_LABELS: Record<FontKey, string> = {
  'book-serif': t('desk.settings.fonts.bookSerif'),
  'classic-serif': t('desk.settings.fonts.classicSerif'),
  'system-sans': t('desk.settings.fonts.systemSans'),
  'humanist-sans': t('desk.settings.fonts.humanistSans'),
  'rounded-sans': t('desk.settings.fonts.roundedSans'),
  'slab-serif': t('desk.settings.fonts.slabSerif'),
};
const FONT_OPTIONS = (Object.keys(FONT_STACKS) as FontKey[]).map((value) => ({
  value,
  label: FONT_LABELS[value],
}));
const checkFont: Check = (value) =>
  Object.hasOwn(FONT_STACKS, value)
    ? undefined
    : t('desk.settings.checks.oneOf', { values: Object.keys(FONT_STACKS).join(', ') });

const checkNotEmpty: Check = (value) => (value.trim() ? undefined : t('desk.settings.checks.notEmpty'));

export const SETTING_DEFINITIONS: readonly SettingDefinition[] = [
  {
    key: 'district_name',
    label: t('desk.settings.fields.districtName.label'),
    help: t('desk.settings.fields.districtName.help'),
    fallback: 'Our School District',
    check: checkNotEmpty,
  },
  {
    key: 'languages',
    label: t('desk.settings.fields.languages.label'),
    help: t('desk.settings.fields.languages.help'),
    fallback: 'en',
    input: 'languages',
    normalize: commaList,
    options: (Object.keys(LANGUAGES) as Language[]).map((value) => ({ value, label: LANGUAGES[value].name })),
    check: (value) => {
      const codes = value.split(',').map((code) => code.trim().toLowerCase());
      const unknown = codes.filter((code) => !isLanguage(code));
      if (unknown.length)
        return t('desk.settings.checks.noCatalog', {
          codes: unknown.map((code) => `“${code}”`).join(', '),
          known: Object.keys(LANGUAGES).join(', '),
        });
      return undefined;
    },
  },
  {
    key: 'site_title',
    label: t('desk.settings.fields.siteTitle.label'),
    help: t('desk.settings.fields.siteTitle.help'),
    fallback: DEFAULT_SITE_TITLE,
    check: checkNotEmpty,
  },
  {
    key: 'contact_email',
    label: t('desk.settings.fields.contactEmail.label'),
    help: t('desk.settings.fields.contactEmail.help'),
    fallback: '',
    // Plain characters before the @ only, so the address makes a mailto: link as it is written.
    check: (value) =>
      value === '' || (checkEmailAddress(value).ok && /^[A-Za-z0-9._+-]+@/.test(value))
        ? undefined
        : t('desk.settings.checks.email'),
  },
  {
    key: 'brand_primary',
    label: t('desk.settings.fields.brandPrimary.label'),
    help: t('desk.settings.fields.brandPrimary.help'),
    fallback: DEFAULT_BRAND.primary,
    check: (value) => colourProblem(value.toLowerCase(), 'primary'),
    input: 'colour',
  },
  {
    key: 'brand_accent',
    label: t('desk.settings.fields.brandAccent.label'),
    help: t('desk.settings.fields.brandAccent.help'),
    fallback: DEFAULT_BRAND.accent,
    check: (value) => colourProblem(value.toLowerCase(), 'accent'),
    input: 'colour',
  },
  {
    key: 'heading_font',
    label: t('desk.settings.fields.headingFont.label'),
    help: t('desk.settings.fields.headingFont.help'),
    fallback: DEFAULT_BRAND.headingFont,
    check: checkFont,
    input: 'choice',
    options: FONT_OPTIONS,
  },
  {
    key: 'body_font',
    label: t('desk.settings.fields.bodyFont.label'),
    help: t('desk.settings.fields.bodyFont.help'),
    fallback: DEFAULT_BRAND.bodyFont,
    check: checkFont,
    input: 'choice',
    options: FONT_OPTIONS,
  },
  {
    key: 'timezone',
    label: t('desk.settings.fields.timezone.label'),
    help: t('desk.settings.fields.timezone.help'),
    fallback: 'America/Chicago',
    check: (value) => (isValidTimeZone(value) ? undefined : t('desk.settings.checks.timeZone')),
  },
  {
    key: 'publish_time',
    label: t('desk.settings.fields.publishTime.label'),
    help: t('desk.settings.fields.publishTime.help'),
    fallback: '07:00',
    check: (value) => (/^([01]\d|2[0-3]):[0-5]\d$/.test(value) ? undefined : t('desk.settings.checks.time')),
  },
  {
    key: 'publish_days',
    label: t('desk.settings.fields.publishDays.label'),
    help: t('desk.settings.fields.publishDays.help'),
    fallback: 'mon,tue,wed,thu,fri,sat,sun',
    input: 'several',
    normalize: commaList,
    // Monday first, as a school week is read; named as Intl names them (2026-11-02 was a Monday).
    options: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((value, i) => ({
      value,
      label: new Intl.DateTimeFormat('en-US', { weekday: 'long', timeZone: 'UTC' }).format(
        Date.UTC(2026, 10, 2 + i),
      ),
    })),
    check: (value) => {
      if (!value.trim()) return t('desk.settings.checks.noDay');
      const days = value.split(',').map((d) => d.trim().toLowerCase());
      const bad = days.filter((d) => !(DAY_NAMES as readonly string[]).includes(d));
      if (bad.length > 0 || days.length === 0) return t('desk.settings.checks.days');
      return undefined;
    },
  },
  {
    key: 'poll_interval_minutes',
    label: t('desk.settings.fields.pollInterval.label'),
    help: t('desk.settings.fields.pollInterval.help'),
    fallback: '30',
    check: (value) => wholeNumberBetween(value, 5, 1440),
  },
  {
    key: 'fetch_concurrency',
    label: t('desk.settings.fields.fetchConcurrency.label'),
    help: t('desk.settings.fields.fetchConcurrency.help'),
    fallback: '8',
    check: (value) => wholeNumberBetween(value, 1, 64),
  },
  {
    key: 'require_approval',
    label: t('desk.settings.fields.requireApproval.label'),
    help: t('desk.settings.fields.requireApproval.help'),
    fallback: 'false',
    check: (value) => (/^(true|false)$/.test(value) ? undefined : t('desk.settings.checks.yesNo')),
    input: 'yes-no',
  },
  {
    key: 'translation_unreviewed',
    label: t('desk.settings.fields.translationUnreviewed.label'),
    help: t('desk.settings.fields.translationUnreviewed.help'),
    fallback: 'hold',
    check: (value) =>
      TRANSLATION_UNREVIEWED.includes(value as TranslationUnreviewed)
        ? undefined
        : t('desk.settings.checks.oneOf', { values: TRANSLATION_UNREVIEWED.join(', ') }),
    input: 'choice',
    options: [
      { value: 'hold', label: t('desk.settings.fields.translationUnreviewed.hold') },
      { value: 'label', label: t('desk.settings.fields.translationUnreviewed.labelled') },
      { value: 'fallback', label: t('desk.settings.fields.translationUnreviewed.fallback') },
    ],
  },
  ...TEACHER_SETTING_DEFINITIONS,
  {
    key: 'embed_origins',
    label: t('desk.settings.fields.embedOrigins.label'),
    help: t('desk.settings.fields.embedOrigins.help'),
    fallback: '',
    check: (value) => {
      const bad = splitLines(value).filter((origin) => !isOrigin(origin));
      return bad.length ? t('desk.settings.checks.origins', { bad: bad.join(', ') }) : undefined;
    },
    input: 'lines',
  },
  {
    key: 'tone_words',
    label: t('desk.settings.fields.toneWords.label'),
    help: t('desk.settings.fields.toneWords.help'),
    fallback: DEFAULT_TONE_WORDS.join('\n'),
    check: () => undefined,
    input: 'lines',
  },
  {
    key: 'name_allowlist',
    label: t('desk.settings.fields.nameAllowlist.label'),
    help: t('desk.settings.fields.nameAllowlist.help'),
    fallback: '',
    check: () => undefined,
    input: 'lines',
  },
];

/** `EN, es,,ar` → `en,es,ar`: codes in lower case, each once, in the order written. */
function commaList(value: string): string {
  const items = value
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean);
  return [...new Set(items)].join(',');
}

function splitLines(value: string): string[] {
  return value
    .split(/[\r\n,]+/)
    .map((line) => line.trim())
    .filter(Boolean);
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value.replace(/\/$/, '');
  } catch {
    return false;
  }
}

function wholeNumberBetween(value: string, min: number, max: number): string | undefined {
  const n = Number(value);
  return /^\d+$/.test(value) && n >= min && n <= max
    ? undefined
    : t('desk.settings.checks.wholeNumber', { min, max });
}

export function findSettingDefinition(key: string): SettingDefinition | undefined {
  return SETTING_DEFINITIONS.find((definition) => definition.key === key);
}

/**
 * A refusal's `message` names the setting by its label and key, for the command line and the API, where the key
 * is what is typed; `inForm` names it by its label only, for the settings page, where the key means nothing.
 */
export type SettingCheck = { ok: true; value: string } | { ok: false; message: string; inForm: string };

/**
 * A typed value as it would be stored (cleaned, trimmed, normalized), or why it is refused: the message names
 * the setting and says what a valid value looks like.
 */
export function checkSetting(key: string, value: string): SettingCheck {
  const definition = findSettingDefinition(key);
  if (!definition) {
    const known = SETTING_DEFINITIONS.map((d) => d.key).join(', ');
    const message = t('desk.settings.noSuchSetting', { key, known });
    return { ok: false, message, inForm: message };
  }
  const cleaned = cleanText(value).trim();
  const trimmed = definition.normalize ? definition.normalize(cleaned) : cleaned;
  const problem = definition.check(trimmed);
  if (problem)
    return {
      ok: false,
      message: t('desk.settings.problem', { label: definition.label, key, problem }),
      inForm: t('desk.settings.problemInForm', { label: definition.label, problem }),
    };
  return { ok: true, value: trimmed };
}

/** Checks and stores one setting, unrecorded: for the demo's own district. */
export async function changeSetting(
  db: Database,
  key: string,
  value: string,
  now: number,
): Promise<SettingCheck> {
  const checked = checkSetting(key, value);
  if (checked.ok) await writeSetting(db, key, checked.value, now);
  return checked;
}

/**
 * Stores checked values (from checkSetting) that differ from the ones in effect, and the audit entry that names
 * them, in one batch: the log has every change, and no entry without its change. Answers what changed.
 */
export async function saveSettings(
  db: Database,
  values: Record<string, string>,
  actor: Actor,
  now: number,
): Promise<Record<string, string>> {
  const stored = await readAllSettings(db);
  const changed = Object.entries(values).filter(
    ([key, value]) => (stored.get(key) ?? findSettingDefinition(key)?.fallback) !== value,
  );
  if (changed.length === 0) return {};
  await db.batch([
    ...changed.map(([key, value]) => upsertSettingStatement(db, key, value, now)),
    touchPublicStatement(db),
    auditStatement(
      db,
      actor,
      {
        action: 'settings.change',
        subjectType: 'settings',
        details: Object.fromEntries(
          changed.map(([key, value]) => [key, value.length > 200 ? `${value.slice(0, 200)}…` : value]),
        ),
      },
      now,
    ),
  ]);
  return Object.fromEntries(changed);
}

/**
 * The site for an address in a language: at the root, the district's own; under /LANG, that language when it is
 * one of the district's others. Undefined for any other prefix (the address is a 404).
 */
export function siteInLanguage(settings: DistrictSettings, publicUrl: string, asked: string | undefined) {
  if (asked !== undefined && (!isLanguage(asked) || !settings.languages.slice(1).includes(asked)))
    return undefined;
  return siteIn(siteOf(settings, publicUrl), (asked as Language | undefined) ?? settings.languages[0]!);
}

/**
 * How pages, feeds and emails name the site, in the district's own language: from the settings and the
 * public address.
 */
export function siteOf(settings: DistrictSettings, publicUrl: string) {
  return siteIn(
    {
      districtName: settings.districtName,
      siteTitle: settings.siteTitle,
      defaultTitle: settings.siteTitle === DEFAULT_SITE_TITLE,
      publicUrl,
      languages: settings.languages,
      hasLogo: settings.hasLogo,
      hasDarkLogo: settings.hasDarkLogo,
      logoAspect: settings.logoAspect,
      contactEmail: settings.contactEmail,
      timezone: settings.timezone,
      brand: settings.brand,
      feedIdsFrom: settings.feedIdsFrom,
    },
    settings.languages[0]!,
  );
}

/** The site's title in the district's own language, as siteOf gives it. */
export function ownSiteTitle(settings: Pick<DistrictSettings, 'siteTitle' | 'languages'>): string {
  const defaultTitle = settings.siteTitle === DEFAULT_SITE_TITLE;
  return siteIn({ siteTitle: settings.siteTitle, defaultTitle }, settings.languages[0]!).siteTitle;
}

export async function readDistrictSettings(db: Database): Promise<DistrictSettings> {
  const stored = await readAllSettings(db);
  const mastheadLogo = stored.has('logo_dark') ? 'logo_dark' : stored.has('logo') ? 'logo' : undefined;
  const value = (key: string) => {
    const definition = findSettingDefinition(key)!;
    const raw = stored.get(key);
    return raw !== undefined && !definition.check(raw) ? raw : definition.fallback;
  };
  return {
    districtName: value('district_name'),
    languages: parseLanguages(value('languages')),
    translationUnreviewed: value('translation_unreviewed') as TranslationUnreviewed,
    siteTitle: value('site_title'),
    timezone: value('timezone'),
    publishTime: value('publish_time'),
    publishDays: value('publish_days')
      .split(',')
      .map((d) => DAY_NAMES.indexOf(d.trim().toLowerCase() as (typeof DAY_NAMES)[number]))
      .filter((d) => d >= 0),
    pollIntervalMinutes: Number(value('poll_interval_minutes')),
    fetchConcurrency: Number(value('fetch_concurrency')),
    requireApproval: value('require_approval') === 'true',
    embedOrigins: splitLines(value('embed_origins')).map((origin) => origin.replace(/\/$/, '')),
    toneWords: splitLines(value('tone_words')),
    nameAllowlist: splitLines(value('name_allowlist')),
    contactEmail: value('contact_email') || undefined,
    hasLogo: stored.has('logo'),
    hasDarkLogo: stored.has('logo_dark'),
    logoAspect:
      mastheadLogo === undefined
        ? undefined
        : await readLogoAspect(db, mastheadLogo, stored.get(mastheadLogo)!),
    brand: {
      primary: value('brand_primary').toLowerCase(),
      accent: value('brand_accent').toLowerCase(),
      headingFont: value('heading_font') as FontKey,
      bodyFont: value('body_font') as FontKey,
    },
    feedIdsFrom: readFeedIdsFrom(stored.get(FEED_IDS_FROM)),
  };
}

/** Current value of every known setting, as stored or defaulted, for display. */
export async function listSettings(
  db: Database,
): Promise<{ key: string; value: string; isDefault: boolean }[]> {
  const stored = await readAllSettings(db);
  return SETTING_DEFINITIONS.map((d) => ({
    key: d.key,
    value: stored.get(d.key) ?? d.fallback,
    isDefault: !stored.has(d.key),
  }));
}
