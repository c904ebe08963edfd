// Schools the digest has not featured for `coverage_quiet_weeks` weeks, for the inbox's small label.
import type { Database } from '../db/client';
import { listQuietSchools } from '../db/coverage';
import { readTeacherSettings } from '../settings/teacher-settings';
import { addDays, localDateOf } from '../time/zoned-time';

export interface QuietSchools {
  weeks: number;
  /** School name → the date it was last featured, or null for never. */
  schools: Map<string, string | null>;
}

export async function quietSchools(db: Database, timezone: string, now: number): Promise<QuietSchools> {
  const { coverageQuietWeeks: weeks } = await readTeacherSettings(db);
  const since = addDays(localDateOf(now, timezone), -7 * weeks);
  const rows = await listQuietSchools(db, since);
  return { weeks, schools: new Map(rows.map((row) => [row.name, row.lastFeaturedOn])) };
}
