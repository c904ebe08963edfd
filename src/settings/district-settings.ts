// District settings: what each key means, its default, and how a value typed by a coordinator is checked.
import type { Database } from '../db/client';
import { readAllSettings, writeSetting } from '../db/settings';
import { isValidTimeZone } from '../time/zoned-time';

export interface DistrictSettings {
  districtName: string;
  siteTitle: string;
  timezone: string;
  publishTime: string;
  /** Days of the week the digest goes out, 0 = Sunday. */
  publishDays: number[];
  pollIntervalMinutes: number;
  fetchConcurrency: number;
}

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

type Check = (value: string) => string | undefined; // answers a problem, or undefined when fine

interface SettingDefinition {
  key: string;
  label: string;
  help: string;
  fallback: string;
  check: Check;
}

const checkNotEmpty: Check = (value) => (value.trim() ? undefined : 'must not be empty.');

export const SETTING_DEFINITIONS: readonly SettingDefinition[] = [
  {
    key: 'district_name',
    label: 'District name',
    help: 'Shown in the header of every page and email.',
    fallback: 'Our School District',
    check: checkNotEmpty,
  },
  {
    key: 'site_title',
    label: 'Site title',
    help: 'The name of the digest blog.',
    fallback: 'What happened yesterday',
    check: checkNotEmpty,
  },
  {
    key: 'timezone',
    label: 'Time zone',
    help: 'An IANA time zone such as America/Chicago; decides which items belong to which day.',
    fallback: 'America/Chicago',
    check: (value) =>
      isValidTimeZone(value) ? undefined : 'must be an IANA time zone such as America/Chicago.',
  },
  {
    key: 'publish_time',
    label: 'Publish time',
    help: 'Local time (24-hour HH:MM) at which a ready digest goes out.',
    fallback: '07:00',
    check: (value) =>
      /^([01]\d|2[0-3]):[0-5]\d$/.test(value) ? undefined : 'must be a 24-hour time such as 07:00.',
  },
  {
    key: 'publish_days',
    label: 'Publish days',
    help: 'Days the digest goes out, such as mon,tue,wed,thu,fri.',
    fallback: 'mon,tue,wed,thu,fri,sat,sun',
    check: (value) => {
      const days = value.split(',').map((d) => d.trim().toLowerCase());
      const bad = days.filter((d) => !(DAY_NAMES as readonly string[]).includes(d));
      if (bad.length > 0 || days.length === 0) return 'must list days as mon,tue,wed,thu,fri,sat,sun.';
      return undefined;
    },
  },
  {
    key: 'poll_interval_minutes',
    label: 'Feed check interval (minutes)',
    help: 'How often each feed is checked for new posts.',
    fallback: '30',
    check: (value) => wholeNumberBetween(value, 5, 1440),
  },
  {
    key: 'fetch_concurrency',
    label: 'Feeds fetched at once',
    help: 'How many feeds are fetched in parallel across all hosts.',
    fallback: '8',
    check: (value) => wholeNumberBetween(value, 1, 64),
  },
];

function wholeNumberBetween(value: string, min: number, max: number): string | undefined {
  const n = Number(value);
  return /^\d+$/.test(value) && n >= min && n <= max
    ? undefined
    : `must be a whole number from ${min} to ${max}.`;
}

export function findSettingDefinition(key: string): SettingDefinition | undefined {
  return SETTING_DEFINITIONS.find((definition) => definition.key === key);
}

export type SettingChange = { ok: true } | { ok: false; message: string };

/** Checks and stores one setting; the message names the setting and says what a valid value looks like. */
export async function changeSetting(
  db: Database,
  key: string,
  value: string,
  now: number,
): Promise<SettingChange> {
  const definition = findSettingDefinition(key);
  if (!definition) {
    const known = SETTING_DEFINITIONS.map((d) => d.key).join(', ');
    return { ok: false, message: `There is no setting called "${key}". Known settings: ${known}.` };
  }
  const trimmed = value.trim();
  const problem = definition.check(trimmed);
  if (problem) return { ok: false, message: `${definition.label} (${key}) ${problem}` };
  await writeSetting(db, key, trimmed, now);
  return { ok: true };
}

export async function readDistrictSettings(db: Database): Promise<DistrictSettings> {
  const stored = await readAllSettings(db);
  const value = (key: string) => {
    const definition = findSettingDefinition(key)!;
    const raw = stored.get(key);
    return raw !== undefined && !definition.check(raw) ? raw : definition.fallback;
  };
  return {
    districtName: value('district_name'),
    siteTitle: value('site_title'),
    timezone: value('timezone'),
    publishTime: value('publish_time'),
    publishDays: value('publish_days')
      .split(',')
      .map((d) => DAY_NAMES.indexOf(d.trim().toLowerCase() as (typeof DAY_NAMES)[number]))
      .filter((d) => d >= 0),
    pollIntervalMinutes: Number(value('poll_interval_minutes')),
    fetchConcurrency: Number(value('fetch_concurrency')),
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
