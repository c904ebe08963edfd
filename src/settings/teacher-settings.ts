// Settings for teachers in the loop: owner notes, authorization reviews and the coverage label.
import type { Database } from '../db/client';
import { readAllSettings } from '../db/settings';
import type { SettingDefinition } from './district-settings';

const yesNo = (value: string) => (/^(true|false)$/.test(value) ? undefined : 'must be true or false.');

const wholeNumberFrom = (min: number, max: number) => (value: string) =>
  /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max
    ? undefined
    : `must be a whole number from ${min} to ${max}.`;

export const TEACHER_SETTING_DEFINITIONS: readonly SettingDefinition[] = [
  {
    key: 'notify_owners_featured',
    label: 'Tell owners when their post is featured',
    help: 'When on, each published digest sends one email to the owner of every account it features, listing their posts.',
    fallback: 'false',
    check: yesNo,
    input: 'yes-no',
  },
  {
    key: 'notify_owners_broken',
    label: 'Tell owners when their feed breaks',
    help: 'When on, an account’s owner hears after its feed has failed for three days, and again when it works.',
    fallback: 'true',
    check: yesNo,
    input: 'yes-no',
  },
  {
    key: 'authorization_review_months',
    label: 'Review authorizations after (months)',
    help: 'A new source’s authorization is due for review this many months after it was given.',
    fallback: '12',
    check: wholeNumberFrom(1, 60),
  },
  {
    key: 'coverage_quiet_weeks',
    label: 'Mark schools not featured for (weeks)',
    help: 'The inbox labels a school whose posts have not been in a digest for this many weeks.',
    fallback: '3',
    check: wholeNumberFrom(1, 52),
  },
];

export interface TeacherSettings {
  notifyOwnersFeatured: boolean;
  notifyOwnersBroken: boolean;
  authorizationReviewMonths: number;
  coverageQuietWeeks: number;
}

export async function readTeacherSettings(db: Database): Promise<TeacherSettings> {
  const stored = await readAllSettings(db);
  const value = (key: string) => {
    const definition = TEACHER_SETTING_DEFINITIONS.find((d) => d.key === key)!;
    const raw = stored.get(key);
    return raw !== undefined && !definition.check(raw) ? raw : definition.fallback;
  };
  return {
    notifyOwnersFeatured: value('notify_owners_featured') === 'true',
    notifyOwnersBroken: value('notify_owners_broken') === 'true',
    authorizationReviewMonths: Number(value('authorization_review_months')),
    coverageQuietWeeks: Number(value('coverage_quiet_weeks')),
  };
}
