// The daily round of authorization reviews: sources past their review date stop being read (expired, with an
// audit entry), and thirty days before it the editors and the source's owner are told once.
import { systemActor } from '../db/audit';
import type { Database } from '../db/client';
import { hasOptedOut, queueOwnerNote } from '../db/owner-notes';
import {
  expireSourceAuthorization,
  listSourcesNearingReview,
  listSourcesPastReview,
} from '../db/source-reviews';
import { listEditorAddresses } from '../db/users';
import { REVIEW_NOTICE_MS } from './authorization';

export async function reviewAuthorizations(
  db: Database,
  now: number,
): Promise<{ expired: number; noticesQueued: number }> {
  let expired = 0;
  for (const source of await listSourcesPastReview(db, now)) {
    if (await expireSourceAuthorization(db, source.id, systemActor, { reviewAt: source.reviewAt }, now))
      expired++;
  }
  let noticesQueued = 0;
  const nearing = await listSourcesNearingReview(db, now, now + REVIEW_NOTICE_MS);
  if (nearing.length === 0) return { expired, noticesQueued };
  const editors = await listEditorAddresses(db);
  for (const source of nearing) {
    const to = [...editors];
    if (source.ownerEmail && !(await hasOptedOut(db, source.ownerEmail))) to.push(source.ownerEmail);
    for (const address of new Set(to.map((a) => a.toLowerCase()))) {
      // One notice per person per review date: a renewal sets a new date, and with it a new notice.
      const queued = await queueOwnerNote(
        db,
        {
          kind: 'review-notice',
          toAddress: address,
          sourceId: source.id,
          onceKey: `review:${source.id}:${source.reviewAt}:${address}`,
        },
        now,
      );
      if (queued) noticesQueued++;
    }
  }
  return { expired, noticesQueued };
}
