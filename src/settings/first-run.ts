// The first-run checklist: what a new district sets up before its first digest (its name, its look, the
// address its email comes from, a class account, a second person, a test email), each step read from what is
// already there, so the list shrinks as the work is done and goes away when nothing is left.
import { t } from '../i18n/desk-text';
import { listAudit } from '../db/audit';
import type { Database } from '../db/client';
import { readAllSettings } from '../db/settings';
import { countSources } from '../db/sources';
import { countPublishers } from '../db/users';
import { findSettingDefinition } from './district-settings';

export interface FirstRunStep {
  key: 'name' | 'brand' | 'sender' | 'source' | 'editor' | 'test-email';
  title: string;
  /** What to do, in a sentence. */
  how: string;
  /** Where to do it; none when it happens outside the desk (the sender is set in the environment). */
  href?: string;
  done: boolean;
}

export async function firstRunSteps(deps: { db: Database; mailFrom: string }): Promise<FirstRunStep[]> {
  const [settings, sources, publishers, tests] = await Promise.all([
    readAllSettings(deps.db),
    countSources(deps.db),
    // A second person who can publish and approve: a contributor can do neither.
    countPublishers(deps.db),
    listAudit(deps.db, { action: 'email.test', limit: 1 }),
  ]);
  // Saving the settings page stores every field, defaults included: a step is done when its value is the
  // district's own, not when a row exists.
  const changed = (key: string) => {
    const value = settings.get(key);
    return (
      value !== undefined && value.trim().toLowerCase() !== findSettingDefinition(key)!.fallback.toLowerCase()
    );
  };
  return [
    {
      key: 'name',
      title: t('desk.publish.firstRun.steps.districtName.title'),
      how: t('desk.publish.firstRun.steps.districtName.how'),
      href: '/admin/settings#district_name',
      done: changed('district_name'),
    },
    {
      key: 'brand',
      title: t('desk.publish.firstRun.steps.brand.title'),
      how: t('desk.publish.firstRun.steps.brand.how'),
      href: '/admin/settings#brand_primary',
      done: settings.has('logo') || changed('brand_primary') || changed('brand_accent'),
    },
    {
      key: 'sender',
      title: t('desk.publish.firstRun.steps.mailFrom.title'),
      how: t('desk.publish.firstRun.steps.mailFrom.how'),
      done: !isPlaceholderSender(deps.mailFrom),
    },
    {
      key: 'source',
      title: t('desk.publish.firstRun.steps.source.title'),
      how: t('desk.publish.firstRun.steps.source.how'),
      href: '/admin/sources',
      done: sources > 0,
    },
    {
      key: 'editor',
      title: t('desk.publish.firstRun.steps.editor.title'),
      how: t('desk.publish.firstRun.steps.editor.how'),
      href: '/admin/users',
      done: publishers > 1,
    },
    {
      key: 'test-email',
      title: t('desk.publish.firstRun.steps.testEmail.title'),
      how: t('desk.publish.firstRun.steps.testEmail.how'),
      href: '/admin/inbox',
      done: tests.length > 0,
    },
  ];
}

/** The address shipped as the default, or one no parent's mail provider would accept from a district. */
export function isPlaceholderSender(mailFrom: string): boolean {
  const domain = /@([^>\s]+)>?\s*$/.exec(mailFrom)?.[1]?.toLowerCase() ?? '';
  return (
    domain === '' ||
    domain === 'localhost' ||
    /(^|\.)(example|invalid|test|local)$/.test(domain) ||
    domain.startsWith('example.')
  );
}
