// The audit log in sentences a coordinator reads ("Dana Lee published the digest for Thursday, November 19"),
// made from the codes the log keeps (`digest.publish`), which stay the filter's values and the record's truth.
import type { AuditEntry } from '../../db/audit';
import { formatDay } from '../../publish/digest-content';
import { formatDateTime } from '../../time/format';
import { isLocalDate } from '../../time/zoned-time';
import { t } from '../../i18n/desk-text';
import { languageNameIn } from '../../i18n/language-names';
import { listInWords } from '../../text/plural';

/** The words a sentence is made of: who acted, the record ("the digest for …"), and what the details add. */
type Words = Record<string, string>;
type Sentence = (words: Words, details: Record<string, unknown>) => string;

/** What the log's ids stand for, looked up once for a page of entries: people's names, digests' days. */
export interface AuditNames {
  people: Map<number, string>;
  digestDates: Map<number, string>;
  /** Sources by id (their title or feed address), for entries whose details do not name the feed. */
  sources?: Map<number, string>;
}

/** A translation's language in the log's details, named in English ("Spanish"). */
const languageOf = (details: Record<string, unknown>) =>
  typeof details.lang === 'string' ? languageNameIn('en', details.lang) : 'other-language';

/** Each action the log records: its name in the filter, and the whole sentence an entry of it reads as. */
const ACTIONS: Record<string, { label: () => string; sentence: Sentence }> = {
  'digest.publish': { label: () => t('desk.audit.labels.digestPublish'), sentence: (w) => t('desk.audit.sentences.digestPublish', w) },
  'digest.publish_refused': { label: () => t('desk.audit.labels.digestPublishRefused'), sentence: (w) => t('desk.audit.sentences.digestPublishRefused', w) },
  'digest.approve': { label: () => t('desk.audit.labels.digestApprove'), sentence: (w) => t('desk.audit.sentences.digestApprove', w) },
  'digest.ready': { label: () => t('desk.audit.labels.digestReady'), sentence: (w) => t('desk.audit.sentences.digestReady', w) },
  'digest.submit': { label: () => t('desk.audit.labels.digestSubmit'), sentence: (w) => t('desk.audit.sentences.digestSubmit', w) },
  'digest.unpublish': { label: () => t('desk.audit.labels.digestUnpublish'), sentence: (w) => t('desk.audit.sentences.digestUnpublish', w) },
  'digest.correct': { label: () => t('desk.audit.labels.digestCorrect'), sentence: (w) => t('desk.audit.sentences.digestCorrect', w) },
  'digest.correction_proposed': { label: () => t('desk.audit.labels.digestCorrectionProposed'), sentence: (w) => t('desk.audit.sentences.digestCorrectionProposed', w) },
  'digest.correction_approved': { label: () => t('desk.audit.labels.digestCorrectionApproved'), sentence: (w) => t('desk.audit.sentences.digestCorrectionApproved', w) },
  'digest.correction_discarded': { label: () => t('desk.audit.labels.digestCorrectionDiscarded'), sentence: (w) => t('desk.audit.sentences.digestCorrectionDiscarded', w) },
  'entry.takedown': { label: () => t('desk.audit.labels.entryTakedown'), sentence: (w) => t('desk.audit.sentences.entryTakedown', w) },
  'picture.takedown': { label: () => t('desk.audit.labels.pictureTakedown'), sentence: (w) => t('desk.audit.sentences.pictureTakedown', w) },
  'finding.override': { label: () => t('desk.audit.labels.findingOverride'), sentence: (w) => t('desk.audit.sentences.findingOverride', w) },
  'finding.resolved_by_edit': { label: () => t('desk.audit.labels.findingResolvedByEdit'), sentence: (w) => t('desk.audit.sentences.findingResolvedByEdit', w) },
  'translation.save': { label: () => t('desk.audit.labels.translationSave'), sentence: (w, d) => t('desk.audit.sentences.translationSave', { ...w, language: languageOf(d) }) },
  'translation.draft': { label: () => t('desk.audit.labels.translationDraft'), sentence: (w, d) => t('desk.audit.sentences.translationDraft', { ...w, language: languageOf(d) }) },
  'translation.discard': { label: () => t('desk.audit.labels.translationDiscard'), sentence: (w, d) => t('desk.audit.sentences.translationDiscard', { ...w, language: languageOf(d) }) },
  'translation.withdraw': { label: () => t('desk.audit.labels.translationWithdraw'), sentence: (w, d) => t('desk.audit.sentences.translationWithdraw', { ...w, language: languageOf(d) }) },
  'translation.review': { label: () => t('desk.audit.labels.translationReview'), sentence: (w, d) => d.othersChecked === true ? t('desk.audit.sentences.translationReviewOthers', { ...w, language: languageOf(d) }) : t('desk.audit.sentences.translationReview', { ...w, language: languageOf(d) }) },
  'deliveries.resend_unknown': { label: () => t('desk.audit.labels.deliveriesResendUnknown'), sentence: (w) => t('desk.audit.sentences.deliveriesResendUnknown', w) },
  'settings.change': { label: () => t('desk.audit.labels.settingsChange'), sentence: (w, d) => t('desk.audit.sentences.settingsChange', { ...w, settings: settingsOf(d) }) },
  'settings.logo': { label: () => t('desk.audit.labels.settingsLogo'), sentence: (w, d) => d.variant === 'dark' ? t('desk.audit.sentences.settingsLogoDark', w) : t('desk.audit.sentences.settingsLogo', w) },
  'settings.logo_removed': { label: () => t('desk.audit.labels.settingsLogoRemoved'), sentence: (w, d) => d.variant === 'dark' ? t('desk.audit.sentences.settingsLogoDarkRemoved', w) : t('desk.audit.sentences.settingsLogoRemoved', w) },
  'roster.replace': { label: () => t('desk.audit.labels.rosterReplace'), sentence: (w) => t('desk.audit.sentences.rosterReplace', w) },
  'roster.clear': { label: () => t('desk.audit.labels.rosterClear'), sentence: (w) => t('desk.audit.sentences.rosterClear', w) },
  'no_release.replace': { label: () => t('desk.audit.labels.noReleaseReplace'), sentence: (w) => t('desk.audit.sentences.noReleaseReplace', w) },
  'no_release.clear': { label: () => t('desk.audit.labels.noReleaseClear'), sentence: (w) => t('desk.audit.sentences.noReleaseClear', w) },
  'source.add': { label: () => t('desk.audit.labels.sourceAdd'), sentence: (w) => t('desk.audit.sentences.sourceAdd', w) },
  'source.change': { label: () => t('desk.audit.labels.sourceChange'), sentence: (w) => t('desk.audit.sentences.sourceChange', w) },
  'source.remove': { label: () => t('desk.audit.labels.sourceRemove'), sentence: (w) => t('desk.audit.sentences.sourceRemove', w) },
  'source.import': { label: () => t('desk.audit.labels.sourceImport'), sentence: (w) => t('desk.audit.sentences.sourceImport', w) },
  'subscriber.confirm': { label: () => t('desk.audit.labels.subscriberConfirm'), sentence: (w) => t('desk.audit.sentences.subscriberConfirm', w) },
  'subscriber.unsubscribe': { label: () => t('desk.audit.labels.subscriberUnsubscribe'), sentence: (w) => t('desk.audit.sentences.subscriberUnsubscribe', w) },
  'subscriber.resubscribe': { label: () => t('desk.audit.labels.subscriberResubscribe'), sentence: (w) => t('desk.audit.sentences.subscriberResubscribe', w) },
  'subscriber.unsubscribe_by_staff': { label: () => t('desk.audit.labels.subscriberUnsubscribedByStaff'), sentence: (w) => t('desk.audit.sentences.subscriberUnsubscribedByStaff', w) },
  'subscriber.change_address': { label: () => t('desk.audit.labels.subscriberChangeAddress'), sentence: (w) => t('desk.audit.sentences.subscriberChangeAddress', w) },
  'subscriber.delete': { label: () => t('desk.audit.labels.subscriberDelete'), sentence: (w) => t('desk.audit.sentences.subscriberDelete', w) },
  'subscribers.import': { label: () => t('desk.audit.labels.subscribersImport'), sentence: (w) => t('desk.audit.sentences.subscribersImport', w) },
  'user.login': { label: () => t('desk.audit.labels.userLogin'), sentence: (w) => t('desk.audit.sentences.userLogin', w) },
  'user.login_failed': { label: () => t('desk.audit.labels.userLoginFailed'), sentence: (w) => t('desk.audit.sentences.userLoginFailed', w) },
  'user.password_check_failed': { label: () => t('desk.audit.labels.userPasswordCheckFailed'), sentence: (w) => t('desk.audit.sentences.userPasswordCheckFailed', w) },
  'user.invite': { label: () => t('desk.audit.labels.userInvite'), sentence: (w, d) => { const email = text(d.email) || t('desk.audit.aPerson'); return d.role ? t('desk.audit.sentences.userInviteAs', { ...w, email, role: text(d.role) }) : t('desk.audit.sentences.userInvite', { ...w, email }); } },
  'user.change': { label: () => t('desk.audit.labels.userChange'), sentence: (w, d) => { const email = text(d.email); if (!email) return t('desk.audit.sentences.userChange', w); if (d.role) return t('desk.audit.sentences.userChangeRole', { ...w, email, role: roleWords(text(d.role)) }); if (d.disabled === true) return t('desk.audit.sentences.userChangeDisabled', { ...w, email }); if (d.disabled === false) return t('desk.audit.sentences.userChangeEnabled', { ...w, email }); return t('desk.audit.sentences.userChange', w); } },
  'user.setup': { label: () => t('desk.audit.labels.userSetup'), sentence: (w) => t('desk.audit.sentences.userSetup', w) },
  'user.password_change': { label: () => t('desk.audit.labels.userPasswordChange'), sentence: (w) => t('desk.audit.sentences.userPasswordChange', w) },
  'user.password_link': { label: () => t('desk.audit.labels.userPasswordLink'), sentence: (w) => t('desk.audit.sentences.userPasswordLink', w) },
  'user.password_link_requested': { label: () => t('desk.audit.labels.userPasswordLinkRequested'), sentence: (w) => t('desk.audit.sentences.userPasswordLinkRequested', w) },
  'user.set_password': { label: () => t('desk.audit.labels.userSetPassword'), sentence: (w) => t('desk.audit.sentences.userSetPassword', w) },
  'user.sign_out_everywhere': { label: () => t('desk.audit.labels.userSignOutEverywhere'), sentence: (w) => t('desk.audit.sentences.userSignOutEverywhere', w) },
  'sessions.end': { label: () => t('desk.audit.labels.sessionsEnd'), sentence: (w, d) => d.email ? t('desk.audit.sentences.sessionsEndOne', { ...w, email: text(d.email) }) : t('desk.audit.sentences.sessionsEndAll', { ...w, count: Number(d.count) || 0 }) },
  'api_token.create': { label: () => t('desk.audit.labels.apiTokenCreate'), sentence: (w, d) => d.name ? t('desk.audit.sentences.apiTokenCreateNamed', { ...w, name: text(d.name) }) : t('desk.audit.sentences.apiTokenCreate', w) },
  'api_token.revoke': { label: () => t('desk.audit.labels.apiTokenRevoke'), sentence: (w) => t('desk.audit.sentences.apiTokenRevoke', w) },
  'email.test': { label: () => t('desk.audit.labels.emailTest'), sentence: (w, d) => t('desk.audit.sentences.emailTest', { ...w, to: text(d.to) || t('desk.audit.themselves') }) },
  'social.connect': { label: () => t('desk.audit.labels.socialConnect'), sentence: (w, d) => t('desk.audit.sentences.socialConnect', { ...w, ...socialWords(d) }) },
  'social.disconnect': { label: () => t('desk.audit.labels.socialDisconnect'), sentence: (w, d) => t('desk.audit.sentences.socialDisconnect', { ...w, ...socialWords(d) }) },
  'social.stop': { label: () => t('desk.audit.labels.socialStop'), sentence: (w, d) => t('desk.audit.sentences.socialStop', { ...w, ...socialWords(d) }) },
  'social.post': { label: () => t('desk.audit.labels.socialPost'), sentence: (w, d) => t('desk.audit.sentences.socialPost', { ...w, ...socialWords(d) }) },
  'social.post_failed': { label: () => t('desk.audit.labels.socialPostFailed'), sentence: (w, d) => t('desk.audit.sentences.socialPostFailed', { ...w, ...socialWords(d) }) },
  'social.delete': { label: () => t('desk.audit.labels.socialDelete'), sentence: (w, d) => t('desk.audit.sentences.socialDelete', { ...w, ...socialWords(d) }) },
  'school.rename': { label: () => t('desk.audit.labels.schoolRename'), sentence: (w, d) => t('desk.audit.sentences.schoolRename', { ...w, from: text(d.from), to: text(d.to) }) },
  'school.change': { label: () => t('desk.audit.labels.schoolChange'), sentence: (w, d) => d.districtWide === true ? t('desk.audit.sentences.schoolDistrictWide', w) : t('desk.audit.sentences.schoolChange', w) },
  'owner.opt-out': { label: () => t('desk.audit.labels.ownerOptOut'), sentence: (w) => t('desk.audit.sentences.ownerOptOut', w) },
  'owner.opt-in': { label: () => t('desk.audit.labels.ownerOptIn'), sentence: (w) => t('desk.audit.sentences.ownerOptIn', w) },
  'source.authorization-expired': { label: () => t('desk.audit.labels.sourceAuthorizationExpired'), sentence: (w) => t('desk.audit.sentences.sourceAuthorizationExpired', w) },
  'source.authorization-renewed': { label: () => t('desk.audit.labels.sourceAuthorizationRenewed'), sentence: (w) => t('desk.audit.sentences.sourceAuthorizationRenewed', w) },
  'source.authorization-suspended': { label: () => t('desk.audit.labels.sourceAuthorizationSuspended'), sentence: (w) => t('desk.audit.sentences.sourceAuthorizationSuspended', w) },
}; // prettier-ignore

/** The action's name in the filter: a short phrase, or the code itself for an action this list lacks. */
export function actionLabel(action: string): string {
  return ACTIONS[action]?.label() ?? action;
}

/** The whole sentence: who did what to which record. */
export function auditSentence(entry: AuditEntry, names?: AuditNames): string {
  const details = parseDetails(entry.details);
  const words = { who: whoOf(entry, names), subject: subjectOf(entry, details, names) };
  const known = ACTIONS[entry.action];
  return known
    ? known.sentence(words, details)
    : t('desk.audit.unknown', { ...words, action: entry.action.replace(/[._]/g, ' ') });
}

/** The details as name and value pairs, for the disclosure under the sentence. */
export function auditDetails(entry: AuditEntry, timezone?: string): [string, string][] {
  return Object.entries(parseDetails(entry.details)).map(([key, value]) => [
    key.replace(/([a-z])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`).replace(/_/g, ' '),
    detailValue(key, value, timezone),
  ]);
}

/** Earliest and latest instant read as a time (ms) under a key ending in "At": 2000 to 2100. */
const INSTANTS = [Date.UTC(2000, 0, 1), Date.UTC(2100, 0, 1)] as const;

/**
 * A detail's value as a reader takes it in: a time as a date and time in the district's zone (the record keeps
 * milliseconds), none for an empty list, a list of words as words, yes or no; anything else as it was recorded.
 */
function detailValue(key: string, value: unknown, timezone: string | undefined): string {
  if (typeof value === 'string') return value;
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? t('desk.audit.yes') : t('desk.audit.no');
  const isInstant = typeof value === 'number' && value >= INSTANTS[0] && value < INSTANTS[1];
  if (isInstant && timezone && /(At|_at)$/.test(key)) return formatDateTime(value, timezone);
  if (Array.isArray(value)) {
    if (value.length === 0) return t('desk.audit.none');
    if (value.every((part) => typeof part === 'string' || typeof part === 'number')) return value.join(', ');
  }
  return JSON.stringify(value);
}

function whoOf(entry: AuditEntry, names: AuditNames | undefined): string {
  if (entry.actorType === 'system') return t('desk.audit.scheduler');
  if (entry.actorType === 'cli') return t('desk.audit.commandLine');
  // A parent acting through a link in an email: kept by number, so the log holds no address of theirs.
  const subscriber = entry.actorType === 'public' ? /^subscriber (\d+)$/.exec(entry.actorLabel ?? '') : null;
  if (subscriber) return t('desk.audit.subscriberNumber', { id: subscriber[1]! });
  const name =
    entry.actorType === 'user' && entry.actorId ? names?.people.get(entry.actorId)?.trim() : undefined;
  return name || entry.actorLabel || t('desk.audit.someone');
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
      return date
        ? t('desk.audit.subjects.digest', { day: formatDay(date), year: date.slice(0, 4) })
        : t('desk.audit.subjects.aDigest');
    }
    case 'source': {
      const feed = text(details.url) || text(details.feedUrl);
      if (!feed) {
        const name = names?.sources?.get(Number(id));
        return name
          ? t('desk.audit.subjects.named', { name })
          : t('desk.audit.subjects.source', { id }).trim();
      }
      return details.school
        ? t('desk.audit.subjects.feedOf', { feed, school: text(details.school) })
        : t('desk.audit.subjects.feed', { feed });
    }
    case 'user':
      return t('desk.audit.subjects.account', { id }).trim();
    case 'social_account':
      return t('desk.audit.subjects.socialAccount', { id }).trim();
    case 'subscriber':
      return t('desk.audit.subjects.subscriber', { id }).trim();
    case null:
    case undefined:
    case '':
      return t('desk.audit.subjects.site');
    default:
      return t('desk.audit.subjects.other', { type: entry.subjectType, id }).trim();
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

/** 'the site title setting', 'the site title and brand primary settings'. */
function settingsOf(details: Record<string, unknown>): string {
  const keys = Object.keys(details).map((key) => key.replace(/_/g, ' '));
  if (keys.length === 0) return t('desk.audit.theSettings');
  return keys.length === 1
    ? t('desk.audit.setting', { key: keys[0]! })
    : t('desk.audit.settings', { keys: listInWords(keys) });
}

/** The network, account and reason of a social entry's details. */
function socialWords(details: Record<string, unknown>): Words {
  const names: Record<string, string> = { mastodon: 'Mastodon', bluesky: 'Bluesky', facebook: 'Facebook' };
  return {
    network: names[text(details.network)] ?? t('desk.audit.social'),
    name: text(details.name),
    account: text(details.account),
    reason: text(details.reason),
  };
}

/** Every action the log has words for: a test checks that each action the code records is among them. */
export function hasSentence(action: string): boolean {
  return Object.hasOwn(ACTIONS, action);
}

/** "an editor": a role as a sentence names it (a role this version does not know, as stored). */
function roleWords(role: string): string {
  switch (role) {
    case 'admin':
      return t('desk.audit.roles.admin');
    case 'editor':
      return t('desk.audit.roles.editor');
    case 'contributor':
      return t('desk.audit.roles.contributor');
    default:
      return role;
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
