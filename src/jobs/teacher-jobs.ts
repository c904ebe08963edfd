// The teachers' background round, run every few minutes by Node's scheduler and each Workers cron run:
// authorization reviews (expiry and notices), owner notes, and telling the editors of posts changed after
// they were published. Each step is a conditional write or a keyed insert, so two schedulers at once do each
// thing once.
import { noticeChangedPosts } from '../curate/changed-posts';
import type { AppDeps } from '../deps';
import { queueOwnerNotes } from '../email/owner-notes-queue';
import { reviewAuthorizations } from '../sources/authorization-review';
import { readTeacherSettings } from '../settings/teacher-settings';

export async function runTeacherJobs(
  deps: AppDeps,
): Promise<{ expired: number; queued: number; changedPosts: number }> {
  const now = deps.clock.now();
  const review = await reviewAuthorizations(deps.db, now);
  const queued =
    (await queueOwnerNotes(deps.db, await readTeacherSettings(deps.db), now)) + review.noticesQueued;
  if (review.expired > 0)
    deps.log.info('authorizations expired at their review date', { sources: review.expired });
  if (queued > 0) deps.background.wakeSender();
  return { expired: review.expired, queued, changedPosts: await noticeChangedPosts(deps) };
}
