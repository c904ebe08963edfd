// The social posts' own settings, edited under Settings → Social accounts: the post template and the
// district's language (sent with Mastodon and Bluesky posts).
import type { Actor } from '../db/audit';
import type { Database } from '../db/client';
import { readAllSettings } from '../db/settings';
import { isLanguage } from '../i18n/languages';
import { siteIn } from '../i18n/site-language';
import { readDistrictSettings, saveSettings, siteOf } from '../settings/district-settings';
import { DEFAULT_TEMPLATE, templateProblem } from './compose-post';

export interface SocialSettings {
  template: string;
  language: string;
}

const LANGUAGE = /^[a-z]{2,3}$/;

export async function readSocialSettings(db: Database): Promise<SocialSettings> {
  const stored = await readAllSettings(db);
  const template = stored.get('social_template');
  const language = stored.get('social_language');
  return {
    template: template !== undefined && !templateProblem(template) ? template : DEFAULT_TEMPLATE,
    // Unless set here, the district's own language (the first of `languages`).
    language:
      language !== undefined && LANGUAGE.test(language) ? language : ownLanguage(stored.get('languages')),
  };
}

function ownLanguage(languages: string | undefined): string {
  const first = languages?.split(',')[0]?.trim().toLowerCase() ?? '';
  return LANGUAGE.test(first) ? first : 'en';
}

/**
 * Stores both after checking them, with the audit entry naming what changed in the same batch (nothing when
 * nothing did); answers a sentence for the first problem instead.
 */
export async function saveSocialSettings(
  db: Database,
  input: { template: string; language: string },
  actor: Actor,
  now: number,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const template = input.template.replace(/\r\n?/g, '\n').trim();
  const problem = templateProblem(template);
  if (problem) return { ok: false, message: problem };
  const language = input.language.trim().toLowerCase();
  if (!LANGUAGE.test(language))
    return {
      ok: false,
      message: `“${input.language}” is not a language code. Write two letters, such as en or es.`,
    };
  await saveSettings(db, { social_template: template, social_language: language }, actor, now);
  return { ok: true };
}

/**
 * The site as the posts speak of it: in the posts' language when Yesterday has words for it, otherwise in the
 * district's own (a district posting in French still gets its counts said in its own language).
 */
export async function postingSite(db: Database, publicUrl: string, social: SocialSettings) {
  const settings = await readDistrictSettings(db);
  const site = siteOf(settings, publicUrl);
  return isLanguage(social.language) ? siteIn(site, social.language) : site;
}
