// Changing a school: its name (a typo, or a real rename) and whether it is district-wide (the district office:
// its posts go to every subscriber, whatever schools they chose). The slug, and so the school's public
// address and parents' choices, stay as they are. Two schools may not share a name.
import { auditStatement, type Actor } from '../db/audit';
import type { Database } from '../db/client';
import { findSchool, listSchools, renameSchoolStatement, setDistrictWideStatement } from '../db/schools';
import { touchPublicStatement } from '../db/site-state';
import { t } from '../i18n/desk-text';

export type SchoolOutcome = { ok: boolean; message: string };

export async function updateSchool(
  db: Database,
  actor: Actor,
  id: number,
  change: { name: string; districtWide: boolean },
  now: number,
): Promise<SchoolOutcome> {
  const name = change.name.replace(/\s+/g, ' ').trim();
  const school = await findSchool(db, id);
  if (!school) return { ok: false, message: t('desk.sourceOutcomes.schoolGone') };
  if (!name)
    return { ok: false, message: t('desk.sourceOutcomes.schoolNameRequired', { school: school.name }) };
  if (name.length > 120) return { ok: false, message: t('desk.sourceOutcomes.schoolNameTooLong') };
  const renamed = name !== school.name;
  const widened = change.districtWide !== school.districtWide;
  if (!renamed && !widened)
    return { ok: true, message: t('desk.sourceOutcomes.schoolUnchanged', { school: school.name }) };
  const clash = (await listSchools(db)).find(
    (other) => other.id !== id && other.name.toLowerCase() === name.toLowerCase(),
  );
  if (clash)
    return {
      ok: false,
      message: t('desk.sourceOutcomes.schoolNameTaken', { other: clash.name }),
    };
  await db.batch([
    renameSchoolStatement(db, id, name),
    setDistrictWideStatement(db, id, change.districtWide),
    touchPublicStatement(db),
    auditStatement(
      db,
      actor,
      {
        action: renamed ? 'school.rename' : 'school.change',
        subjectType: 'school',
        subjectId: id,
        details: {
          ...(renamed ? { from: school.name, to: name } : {}),
          ...(widened ? { districtWide: change.districtWide } : {}),
        },
      },
      now,
    ),
  ]);
  const parts = [
    renamed ? t('desk.sourceOutcomes.schoolRenamed', { from: school.name, to: name }) : '',
    widened
      ? change.districtWide
        ? t('desk.sourceOutcomes.schoolDistrictWide', { school: name })
        : t('desk.sourceOutcomes.schoolNotDistrictWide', { school: name })
      : '',
  ];
  return { ok: true, message: parts.filter(Boolean).join(' ') };
}
