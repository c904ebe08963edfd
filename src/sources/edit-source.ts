// Changing a source's school, owner, authorization and media-release flag: checked, then recorded in the
// audit log with what changed.
import { recordAudit, type Actor } from '../db/audit';
import type { Database } from '../db/client';
import { findOrCreateSchool } from '../db/schools';
import { findSource, updateSource, type SourceChanges } from '../db/sources';
import { checkEmailAddress } from '../email/email-address';
import { instantOf, isLocalDate } from '../time/zoned-time';

export interface SourceEdit {
  school: string;
  ownerName: string;
  ownerEmail: string;
  authorization: string;
  authorizedBy: string;
  authorizedOn: string;
  reviewOn: string;
  mediaRelease: boolean;
}

export type EditOutcome = { ok: true; changed: string[] } | { ok: false; message: string };

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
  if (!source) return { ok: false, message: 'That source no longer exists.' };
  if (!(STATUSES as readonly string[]).includes(edit.authorization))
    return { ok: false, message: 'Choose authorized, pending or suspended.' };
  if (!edit.school.trim()) return { ok: false, message: 'Name the school this account belongs to.' };
  let ownerEmail: string | null = null;
  if (edit.ownerEmail.trim()) {
    const checked = checkEmailAddress(edit.ownerEmail);
    if (!checked.ok) return { ok: false, message: `Owner's email: ${checked.message}` };
    ownerEmail = checked.address;
  }
  const day = (value: string, label: string): number | null | string => {
    if (!value.trim()) return null;
    return isLocalDate(value) ? instantOf(value, '00:00', timezone) : `${label} must be a date.`;
  };
  const authorizedAt = day(edit.authorizedOn, 'The authorization date');
  const reviewAt = day(edit.reviewOn, 'The review date');
  if (typeof authorizedAt === 'string') return { ok: false, message: authorizedAt };
  if (typeof reviewAt === 'string') return { ok: false, message: reviewAt };
  const school = await findOrCreateSchool(db, edit.school.trim().slice(0, 120), now);
  const next: SourceChanges = {
    schoolId: school.id,
    ownerName: edit.ownerName.trim().slice(0, 120) || null,
    ownerEmail,
    authorization: edit.authorization as (typeof STATUSES)[number],
    authorizedBy: edit.authorizedBy.trim().slice(0, 120) || null,
    authorizedAt,
    reviewAt,
    mediaRelease: edit.mediaRelease,
  };
  const changed = (Object.keys(next) as (keyof SourceChanges)[]).filter((key) => next[key] !== source[key]);
  if (changed.length === 0) return { ok: true, changed };
  await updateSource(db, id, next, now);
  await recordAudit(
    db,
    actor,
    {
      action: 'source.change',
      subjectType: 'source',
      subjectId: id,
      details: Object.fromEntries(changed.map((key) => [key, next[key]])),
    },
    now,
  );
  return { ok: true, changed };
}
