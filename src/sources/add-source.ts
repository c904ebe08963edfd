// Registering an authorized feed: the one place the admin, the API and the command line add sources.
import type { Actor } from '../db/audit';
import { recordAudit } from '../db/audit';
import type { Database } from '../db/client';
import { findOrCreateSchool } from '../db/schools';
import { insertSource, type Source } from '../db/sources';
import { checkEmailAddress } from '../email/email-address';

export interface AddSourceInput {
  url: string;
  school: string;
  ownerName?: string;
  ownerEmail?: string;
  mediaRelease?: boolean;
}

export type AddSourceOutcome = { ok: true; source: Source } | { ok: false; message: string };

export async function addSource(
  db: Database,
  input: AddSourceInput,
  actor: Actor,
  now: number,
): Promise<AddSourceOutcome> {
  let url: URL;
  try {
    url = new URL(input.url.trim());
  } catch {
    return {
      ok: false,
      message: `"${input.url}" is not a web address. Paste the full feed address, starting with https://.`,
    };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: 'The feed address must start with http:// or https://.' };
  }
  url.hash = '';
  const schoolName = input.school.trim();
  if (!schoolName) return { ok: false, message: 'Name the school this account belongs to.' };
  if (schoolName.length > 120)
    return { ok: false, message: 'The school name is too long (at most 120 characters).' };
  let ownerEmail: string | null = null;
  if (input.ownerEmail?.trim()) {
    const checked = checkEmailAddress(input.ownerEmail);
    if (!checked.ok) return { ok: false, message: `Owner's email: ${checked.message}` };
    ownerEmail = checked.address;
  }
  const school = await findOrCreateSchool(db, schoolName, now);
  const source = await insertSource(
    db,
    {
      schoolId: school.id,
      feedUrl: url.href,
      ownerName: input.ownerName?.trim().slice(0, 120) || null,
      ownerEmail,
      mediaRelease: input.mediaRelease ?? false,
      authorizedBy: actor.label,
    },
    now,
  );
  if (!source) return { ok: false, message: `This feed is already a source: ${url.href}` };
  await recordAudit(
    db,
    actor,
    {
      action: 'source.add',
      subjectType: 'source',
      subjectId: source.id,
      details: { url: url.href, school: school.name, mediaRelease: source.mediaRelease },
    },
    now,
  );
  return { ok: true, source };
}
