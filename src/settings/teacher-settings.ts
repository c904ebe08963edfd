// Settings for teachers in the loop: owner notes, authorization reviews and the coverage label.
import type { Database } from '../db/client';
import { t } from '../i18n/desk-text';
import { readAllSettings } from '../db/settings';
import type { SettingDefinition } from './district-settings';

const yesNo = (value: string) => (/^(true|false)$/.test(value) ? undefined : t('desk.settings.checks.yesNo'));

const wholeNumberFrom = (min: number, max: number) => (value: string) =>
  /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max
    ? undefined
    : t('desk.settings.checks.wholeNumber', { min, max });

export const TEACHER_SETTING_DEFINITIONS: readonly SettingDefinition[] = [
  {
    key: 'notify_owners_welcome',
    label: t('desk.settings.fields.notifyOwnersWelcome.label'),
    help: t('desk.settings.fields.notifyOwnersWelcome.help'),
    fallback: 'true',
    check: yesNo,
    input: 'yes-no',
  },
  {
    key: 'notify_owners_featured',
    label: t('desk.settings.fields.notifyOwnersFeatured.label'),
    help: t('desk.settings.fields.notifyOwnersFeatured.help'),
    fallback: 'false',
    check: yesNo,
    input: 'yes-no',
  },
  {
    key: 'notify_owners_broken',
    label: t('desk.settings.fields.notifyOwnersBroken.label'),
    help: t('desk.settings.fields.notifyOwnersBroken.help'),
    fallback: 'true',
    check: yesNo,
    input: 'yes-no',
  },
  {
    key: 'authorization_review_months',
    label: t('desk.settings.fields.authorizationReviewMonths.label'),
    help: t('desk.settings.fields.authorizationReviewMonths.help'),
    fallback: '12',
    check: wholeNumberFrom(1, 60),
  },
  {
    key: 'coverage_quiet_weeks',
    label: t('desk.settings.fields.coverageQuietWeeks.label'),
    help: t('desk.settings.fields.coverageQuietWeeks.help'),
    fallback: '3',
    check: wholeNumberFrom(1, 52),
  },
];

export interface TeacherSettings {
  notifyOwnersWelcome: boolean;
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
    notifyOwnersWelcome: value('notify_owners_welcome') === 'true',
    notifyOwnersFeatured: value('notify_owners_featured') === 'true',
    notifyOwnersBroken: value('notify_owners_broken') === 'true',
    authorizationReviewMonths: Number(value('authorization_review_months')),
    coverageQuietWeeks: Number(value('coverage_quiet_weeks')),
  };
}
