// The audit log in sentences a coordinator reads ("Dana Lee published the digest for Thursday, November 19"),
// made from the codes the log keeps (`digest.publish`), which stay the filter's values and the record's truth.
import type { AuditEntry } from '../../db/audit';
import { formatDay } from '../../publish/digest-content';
import { isLocalDate } from '../../time/zoned-time';
import { languageNameIn } from '../../i18n/language-names';

type Phrase = (subject: string, details: Record<string, unknown>) => string;

/** What the log's ids stand for, looked up once for a page of entries: people's names, digests' days. */
export interface AuditNames {
  people: Map<number, string>;
  digestDates: Map<number, string>;
}

/** A translation's language in the log's details, named in English ("Spanish"). */
const languageOf = (details: Record<string, unknown>) =>
  typeof details.lang === 'string' ? languageNameIn('en', details.lang) : 'other-language';

/** What each action did, after the person's name; `subject` names the record ("the digest for …"). */
const PHRASES: Record<string, { label: string; phrase: Phrase }> = {
  'digest.publish': { label: 'Published a digest', phrase: (s) => `published ${s}` },
  'digest.publish_refused': {
    label: 'Tried to publish past the checks',
    phrase: (s) => `tried to publish ${s}; it was refused because checks were open`,
  },
  'digest.approve': { label: 'Approved a digest', phrase: (s) => `approved ${s}` },
  'digest.ready': { label: 'Scheduled a digest', phrase: (s) => `scheduled ${s} to publish at its time` },
  'digest.submit': { label: 'Submitted a digest for review', phrase: (s) => `submitted ${s} for review` },
  'digest.unpublish': { label: 'Took a whole digest down', phrase: (s) => `took down ${s}` },
  'digest.correct': { label: 'Corrected a digest', phrase: (s) => `corrected ${s}` },
  'entry.takedown': { label: 'Took a post down', phrase: (s) => `took a post down from ${s}` },
  'picture.takedown': { label: 'Took a picture down', phrase: () => 'took a picture down everywhere it was shown' },
  'finding.override': {
    label: 'Let a check finding stand',
    phrase: (s) => `let a check finding stand in ${s}, with a reason`,
  },
  'finding.resolved_by_edit': {
    label: 'Resolved a finding by editing',
    phrase: (s) => `resolved a check finding in ${s} by editing the post`,
  },
  'translation.save': {
    label: 'Saved a translation',
    phrase: (s, d) => `saved the ${languageOf(d)} translation of ${s}`,
  },
  'translation.draft': {
    label: 'Drafted a translation by machine',
    phrase: (s, d) => `had the empty fields of the ${languageOf(d)} translation of ${s} drafted by a translation service`,
  },
  'translation.review': {
    label: 'Reviewed a translation',
    phrase: (s, d) => `reviewed the ${languageOf(d)} translation of ${s}`,
  },
  'deliveries.resend_unknown': {
    label: 'Resent emails with an unknown outcome',
    phrase: (s) => `resent the emails of ${s} whose outcome was unknown`,
  },
  'settings.change': {
    label: 'Changed the settings',
    phrase: (_s, d) => `changed ${listKeys(d) || 'the settings'}`,
  },
  'settings.logo': { label: 'Uploaded a logo', phrase: (_s, d) => d.variant === 'dark' ? 'uploaded a new logo for dark backgrounds' : 'uploaded a new logo' },
  'settings.logo_removed': { label: 'Removed the logo', phrase: (_s, d) => d.variant === 'dark' ? 'removed the logo for dark backgrounds' : 'removed the logo' },
  'roster.replace': { label: 'Replaced the roster', phrase: () => 'replaced the list of student names the checks look for' },
  'roster.clear': { label: 'Cleared the roster', phrase: () => 'cleared the list of student names the checks look for' },
  'source.add': { label: 'Added a source', phrase: (s) => `added ${s}` },
  'source.change': { label: 'Changed a source', phrase: (s) => `changed ${s}` },
  'source.remove': { label: 'Removed a source', phrase: (s) => `removed ${s}` },
  'source.import': { label: 'Imported sources', phrase: () => 'imported sources from an OPML file' },
  'subscriber.confirm': { label: 'A subscriber confirmed', phrase: () => 'confirmed their subscription' },
  'subscriber.unsubscribe': { label: 'A subscriber left', phrase: () => 'unsubscribed' },
  'subscriber.change_address': {
    label: 'A subscriber changed address',
    phrase: () => 'changed their email address',
  },
  'subscribers.import': { label: 'Imported subscribers', phrase: () => 'imported subscribers from a CSV file' },
  'user.login': { label: 'Signed in', phrase: () => 'signed in' },
  'user.login_failed': { label: 'Failed to sign in', phrase: () => 'failed to sign in' },
  'user.invite': { label: 'Invited a person', phrase: (_s, d) => `invited ${text(d.email) || 'a person'}${d.role ? ` as ${text(d.role)}` : ''}` },
  'user.change': { label: 'Changed a person', phrase: (s) => `changed ${s}` },
  'user.setup': { label: 'Set up the first account', phrase: () => 'set up the first administrator account' },
  'user.password_change': { label: 'Changed a password', phrase: () => 'changed their password' },
  'user.password_link': { label: 'Sent a password link', phrase: (s) => `sent a password link for ${s}` },
  'user.password_link_requested': {
    label: 'Asked for a password link',
    phrase: () => 'asked for a password link',
  },
  'user.set_password': { label: 'Chose a password', phrase: () => 'chose a password from an emailed link' },
  'user.sign_out_everywhere': {
    label: 'Signed out everywhere',
    phrase: () => 'signed out of every other browser',
  },
  'api_token.create': { label: 'Created an API token', phrase: (_s, d) => `created an API token${d.name ? ` named “${text(d.name)}”` : ''}` },
  'email.test': { label: 'Sent a test email', phrase: (s, d) => `sent a test email of ${s} to ${text(d.to) || 'themselves'}` },
  'social.connect': { label: 'Connected a social account', phrase: (_s, d) => `connected the ${network(d)} account ${text(d.name)}` },
  'social.disconnect': { label: 'Disconnected a social account', phrase: (_s, d) => `disconnected the ${network(d)} account ${text(d.name)}` },
  'social.stop': { label: 'A social account stopped', phrase: (_s, d) => `stopped posting to the ${network(d)} account ${text(d.name)}: ${text(d.reason)}` },
  'social.post': { label: 'Posted on a social account', phrase: (s, d) => `posted ${s} on ${network(d)} (${text(d.account)})` },
  'social.post_failed': { label: 'A social post failed', phrase: (s, d) => `could not post ${s} on ${network(d)} (${text(d.account)})` },
  'social.delete': { label: 'Deleted a social post', phrase: (s, d) => `deleted the post of ${s} on ${network(d)} (${text(d.account)})` },
  'school.rename': { label: 'Renamed a school', phrase: (_s, d) => `renamed the school ${text(d.from)} to ${text(d.to)}` },
  'school.change': { label: 'Changed a school', phrase: (s, d) => d.districtWide === true ? `made ${s} district-wide: its posts reach every subscriber` : `changed ${s}` },
  'owner.opt-out': { label: 'An owner stopped their notes', phrase: () => 'stopped the notes Yesterday sends to an account’s owner' },
  'source.authorization-expired': { label: 'An authorization expired', phrase: (s) => `marked ${s} expired: its authorization reached its review date` },
  'source.authorization-renewed': { label: 'Renewed an authorization', phrase: (s) => `renewed the authorization of ${s}` },
  'source.authorization-suspended': { label: 'Suspended an account', phrase: (s) => `suspended ${s}` },
  'api_token.revoke': { label: 'Revoked an API token', phrase: () => 'revoked an API token' },
}; // prettier-ignore

/** The action's name in the filter: a short phrase, or the code itself for an action this list lacks. */
export function actionLabel(action: string): string {
  return PHRASES[action]?.label ?? action;
}

/** The whole sentence: who did what to which record. */
export function auditSentence(entry: AuditEntry, names?: AuditNames): string {
  const details = parseDetails(entry.details);
  const phrase =
    PHRASES[entry.action]?.phrase ?? ((s: string) => `did ${entry.action.replace(/[._]/g, ' ')} on ${s}`);
  return `${whoOf(entry, names)} ${phrase(subjectOf(entry, details, names), details)}.`;
}

/** The details as name and value pairs, for the disclosure under the sentence. */
export function auditDetails(entry: AuditEntry): [string, string][] {
  return Object.entries(parseDetails(entry.details)).map(([key, value]) => [
    key.replace(/([a-z])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`).replace(/_/g, ' '),
    typeof value === 'string' ? value : JSON.stringify(value),
  ]);
}

function whoOf(entry: AuditEntry, names: AuditNames | undefined): string {
  if (entry.actorType === 'system') return 'The scheduler';
  if (entry.actorType === 'cli') return 'Someone at the command line';
  const name =
    entry.actorType === 'user' && entry.actorId ? names?.people.get(entry.actorId)?.trim() : undefined;
  return name || entry.actorLabel || 'Someone';
}

function subjectOf(
  entry: AuditEntry,
  details: Record<string, unknown>,
  names: AuditNames | undefined,
): string {
  const id = entry.subjectId ?? '';
  switch (entry.subjectType) {
    case 'digest': {
      const date = isLocalDate(id) ? id : names?.digestDates.get(Number(id));
      return date ? `the digest for ${formatDay(date)}, ${date.slice(0, 4)}` : 'a digest';
    }
    case 'source': {
      const feed = text(details.url) || text(details.feedUrl);
      return feed
        ? `the feed ${feed}${details.school ? ` of ${text(details.school)}` : ''}`
        : `source ${id}`.trim();
    }
    case 'user':
      return `account ${id}`.trim();
    case 'social_account':
      return `social account ${id}`.trim();
    case 'subscriber':
      return `subscriber ${id}`.trim();
    case null:
    case undefined:
    case '':
      return 'the site';
    default:
      return `${entry.subjectType} ${id}`.trim();
  }
}

function parseDetails(details: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(details);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function listKeys(details: Record<string, unknown>): string {
  const keys = Object.keys(details).map((key) => key.replace(/_/g, ' '));
  if (keys.length === 0) return '';
  return keys.length === 1
    ? `the ${keys[0]} setting`
    : `the ${keys.slice(0, -1).join(', ')} and ${keys.at(-1)} settings`;
}

function network(details: Record<string, unknown>): string {
  const names: Record<string, string> = { mastodon: 'Mastodon', bluesky: 'Bluesky', facebook: 'Facebook' };
  return names[text(details.network)] ?? 'social';
}

/** Every action the log has words for: a test checks that each action the code records is among them. */
export function hasSentence(action: string): boolean {
  return Object.hasOwn(PHRASES, action);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
