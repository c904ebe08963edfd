// Publishing a digest for a date: checks there is something to publish, makes the one-time status change
// (with its delivery queue and audit entry, see db/digests.ts), then wakes the sender.
import { formatDay } from './digest-content';
import type { Actor } from '../db/audit';
import type { Database } from '../db/client';
import { findDigest, listEntries, publishDigest } from '../db/digests';
import type { Background } from '../deps';

export type PublishResult =
  | { ok: true; queued: number }
  | { ok: false; reason: 'nothing-selected' | 'already-published' | 'changed'; message: string };

export async function publishDigestForDate(
  deps: {
    db: Database;
    background: Background;
    now: () => number;
    /** False when no email can go out (no provider configured): the digest is published, no email queued. */
    queueEmails?: boolean;
  },
  date: string,
  actor: Actor,
  /** Publish only this version (the one that was checked). */
  expectedVersion?: number,
  auditDetails?: Record<string, unknown>,
  /** The digest's write token when it was checked: any write since stops it (see db/digests.ts). */
  expectedWriteToken?: string | null,
): Promise<PublishResult> {
  const digest = await findDigest(deps.db, date);
  if (digest?.status === 'published') {
    return {
      ok: false,
      reason: 'already-published',
      message: `The digest for ${formatDay(date)} is already published.`,
    };
  }
  const entries = digest ? await listEntries(deps.db, [digest.id]) : [];
  if (!digest || entries.length === 0) {
    return {
      ok: false,
      reason: 'nothing-selected',
      message: `Nothing is selected for ${formatDay(date)}, so there is nothing to publish.`,
    };
  }
  const outcome = await publishDigest(deps.db, digest.id, actor, deps.now(), expectedVersion, auditDetails, {
    queueEmails: deps.queueEmails ?? true,
    expectedWriteToken,
  });
  if (!outcome.ok && outcome.digest.status === 'published') {
    return {
      ok: false,
      reason: 'already-published',
      message: `The digest for ${formatDay(date)} was published by someone else a moment ago.`,
    };
  }
  if (!outcome.ok) {
    return {
      ok: false,
      reason: 'changed',
      message: `The digest for ${formatDay(date)} changed while it was being published, so nothing was published.`,
    };
  }
  deps.background.wakeSender();
  return { ok: true, queued: outcome.queued };
}
