// Once-only marks shared by every process: the first to insert a key wins and does the thing (sends the
// reminder for a date); everyone else sees the key and does nothing.
import { jobMarks } from './schema';
import type { Database } from './client';

export async function claimJobMark(db: Database, key: string, now: number): Promise<boolean> {
  const rows = await db.orm
    .insert(jobMarks)
    .values({ key, at: now })
    .onConflictDoNothing()
    .returning({ key: jobMarks.key });
  return rows.length > 0;
}
