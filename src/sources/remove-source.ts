// Removing a source added by mistake: the source and the posts read from it go, recorded in the audit log. A
// source whose posts a digest carries stays (the archive and a published digest's corrections point at those
// posts); suspending it stops it being read.
import type { Actor } from '../db/audit';
import type { Database } from '../db/client';
import { deleteUnusedSource, findSource, sourceUsage } from '../db/sources';
import { t } from '../i18n/desk-text';

export type RemoveOutcome = { ok: true; label: string; posts: number } | { ok: false; message: string };

export async function removeSource(
  db: Database,
  id: number,
  actor: Actor,
  now: number,
): Promise<RemoveOutcome> {
  const source = await findSource(db, id);
  if (!source) return { ok: false, message: t('desk.sources.flashes.gone') };
  const usage = await sourceUsage(db, id);
  if (usage.digests > 0) return { ok: false, message: inDigestsMessage(usage.digests) };
  const removed = await deleteUnusedSource(
    db,
    id,
    {
      actor,
      details: {
        feedUrl: source.feedUrl,
        title: source.title,
        school: source.schoolName,
        posts: usage.posts,
      },
    },
    now,
  );
  // Refused inside the batch: one of its posts was put in a digest between the check above and the removal.
  if (!removed) return { ok: false, message: inDigestsMessage(1) };
  return { ok: true, label: source.title ?? source.feedUrl, posts: usage.posts };
}

export function inDigestsMessage(digests: number): string {
  return t('desk.sources.edit.inDigests', { count: digests });
}

/** "Class 4's blog and its 3 posts": how the confirmation and the report of a removal name what goes. */
export function withItsPosts(subject: string, posts: number): string {
  return posts === 0 ? subject : t('desk.sources.edit.withPosts', { subject, count: posts });
}
