// Renaming a school: fixes a typo or follows a real rename. The slug, and so the school's public address and
// parents' subscriptions, stay as they are. Two schools may not share a name.
import { auditStatement, type Actor } from '../db/audit';
import type { Database } from '../db/client';
import { findSchool, listSchools, renameSchoolStatement } from '../db/schools';
import { touchPublicStatement } from '../db/site-state';

export type RenameOutcome = { ok: true; message: string } | { ok: false; message: string };

export async function renameSchool(
  db: Database,
  actor: Actor,
  id: number,
  rawName: string,
  now: number,
): Promise<RenameOutcome> {
  const name = rawName.replace(/\s+/g, ' ').trim();
  const school = await findSchool(db, id);
  if (!school) return { ok: false, message: 'That school does not exist; reload the page.' };
  if (!name) return { ok: false, message: `Type the new name for ${school.name}.` };
  if (name.length > 120) return { ok: false, message: 'Keep a school’s name to 120 characters.' };
  if (name === school.name) return { ok: true, message: `${school.name} keeps its name.` };
  const clash = (await listSchools(db)).find(
    (other) => other.id !== id && other.name.toLowerCase() === name.toLowerCase(),
  );
  if (clash)
    return {
      ok: false,
      message: `Another school is already called ${clash.name}. To merge them, move each source to ${clash.name} on its own page.`,
    };
  await db.batch([
    renameSchoolStatement(db, id, name),
    touchPublicStatement(db),
    auditStatement(
      db,
      actor,
      {
        action: 'school.rename',
        subjectType: 'school',
        subjectId: id,
        details: { from: school.name, to: name },
      },
      now,
    ),
  ]);
  return { ok: true, message: `${school.name} is now called ${name}.` };
}
