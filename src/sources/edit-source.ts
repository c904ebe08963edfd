// Changing a source's feed address, school, owner, authorization and media-release flag: checked, then
// recorded in the audit log with what changed.
import { recordAudit, type Actor } from '../db/audit';
import type { Database } from '../db/client';
import { findOrCreateSchool } from '../db/schools';
import { findSource, listSources, moveSourceToUrl, updateSource, type SourceChanges } from '../db/sources';
import { checkEmailAddress } from '../email/email-address';
import { t } from '../i18n/desk-text';
import { instantOf, isLocalDate, localDateOf } from '../time/zoned-time';
import { addressKey, checkFeedUrl } from './add-source';
import { authorizedByProblem, authorizedOnProblem } from './authorization';

export interface SourceEdit {
  /** The feed address; a new one is read from scratch (the account's feed moved), its posts so far stay. */
  url: string;
  school: string;
  ownerName: string;
  ownerEmail: string;
  authorization: string;
  authorizedBy: string;
  authorizedOn: string;
  reviewOn: string;
  mediaRelease: boolean;
}

export type EditOutcome = { ok: true; changed: string[]; moved: boolean } | { ok: false; message: string };

const STATUSES = ['authorized', 'pending', 'suspended'] as const;

export async function editSource(
  db: Database,
  id: number,
  edit: SourceEdit,
  actor: Actor,
  timezone: string,
  now: number,
): Promise<EditOutcome> {
  const source = await findSource(db, id);
  if (!source) return { ok: false, message: t('desk.sources.flashes.gone') };
  const url = checkFeedUrl(edit.url);
  if (!url.ok) return url;
  // An expired source may be saved as it is; only renewing or suspending it moves it on.
  const allowed = source.authorization === 'expired' ? [...STATUSES, 'expired'] : STATUSES;
  if (!(allowed as readonly string[]).includes(edit.authorization))
    return { ok: false, message: t('desk.sourceOutcomes.chooseStatus') };
  if (!edit.school.trim()) return { ok: false, message: t('desk.sourceOutcomes.schoolRequired') };
  let ownerEmail: string | null = null;
  if (edit.ownerEmail.trim()) {
    const checked = checkEmailAddress(edit.ownerEmail);
    if (!checked.ok)
      return { ok: false, message: t('desk.sourceOutcomes.ownerEmail', { problem: checked.message }) };
    ownerEmail = checked.address;
  }
  const day = (value: string, invalid: string, current: number | null): number | null | string => {
    if (!value.trim()) return null;
    if (!isLocalDate(value)) return invalid;
    // The form shows only the date: the same date keeps the moment stored (adding a source records it).
    if (current !== null && localDateOf(current, timezone) === value) return current;
    return instantOf(value, '00:00', timezone);
  };
  const authorizedAt = day(
    edit.authorizedOn,
    t('desk.sourceOutcomes.authorizationDateInvalid'),
    source.authorizedAt,
  );
  const reviewAt = day(edit.reviewOn, t('desk.sourceOutcomes.reviewDateInvalid'), source.reviewAt);
  if (typeof authorizedAt === 'string') return { ok: false, message: authorizedAt };
  if (typeof reviewAt === 'string') return { ok: false, message: reviewAt };
  // As when a source is added: no authorization from the future, and who gave it in full or not at all.
  const problem =
    authorizedOnProblem(edit.authorizedOn.trim(), { timezone, now }) ??
    authorizedByProblem(edit.authorizedBy.trim());
  if (problem) return { ok: false, message: problem };
  const school = await findOrCreateSchool(db, edit.school.trim().slice(0, 120), now);
  const next: SourceChanges = {
    schoolId: school.id,
    ownerName: edit.ownerName.trim().slice(0, 120) || null,
    ownerEmail,
    authorization: edit.authorization as SourceChanges['authorization'] & string,
    authorizedBy: edit.authorizedBy.trim() || null,
    authorizedAt,
    reviewAt,
    mediaRelease: edit.mediaRelease,
  };
  const changed: string[] = (Object.keys(next) as (keyof SourceChanges)[]).filter(
    (key) => next[key] !== source[key],
  );
  const moved = url.url !== source.feedUrl;
  if (moved) {
    // Another source's address, written another way, is that source's feed too (a blog that moved to https
    // keeps its own source, which may be this one).
    const key = addressKey(url.url);
    const other = (await listSources(db)).find((s) => s.id !== id && addressKey(s.feedUrl) === key);
    if (other) return { ok: false, message: t('desk.sourceOutcomes.addressTaken', { url: other.feedUrl }) };
    if (!(await moveSourceToUrl(db, id, url.url, now, next)))
      return { ok: false, message: t('desk.sourceOutcomes.addressTaken', { url: url.url }) };
    changed.unshift('feedUrl');
  } else if (changed.length === 0) {
    return { ok: true, changed, moved };
  } else {
    await updateSource(db, id, next, now);
  }
  const values: Record<string, unknown> = { ...next, feedUrl: url.url };
  await recordAudit(
    db,
    actor,
    {
      action: 'source.change',
      subjectType: 'source',
      subjectId: id,
      details: Object.fromEntries(changed.map((key) => [key, values[key]])),
    },
    now,
  );
  return { ok: true, changed, moved };
}
