// Queueing owner notes: one "welcome" note when a feed is authorized with an owner (or its owner changes), one
// "featured" note per published digest and owner, one "broken" note when a feed has failed for three days (at
// most one a week per source) and one "recovered" note when it works again. Each note has a key, so however
// many schedulers run this, and however often, a note is queued once.
import type { Database } from '../db/client';
import {
  hasOptedOut,
  listFeaturedOwners,
  listNewlyBrokenSources,
  listOwnersToWelcome,
  listRecoveredSources,
  markOwnerWelcomed,
  moveBrokenNotice,
  ownerKeyOf,
  queueOwnerNote,
} from '../db/owner-notes';
import type { TeacherSettings } from '../settings/teacher-settings';

const DAY_MS = 24 * 60 * 60_000;
/** How long a feed fails before its owner hears of it. */
export const BROKEN_AFTER_MS = 3 * DAY_MS;
/** At most one broken-feed note a week per source. */
export const BROKEN_NOTE_EVERY_MS = 7 * DAY_MS;
/** Digests published this recently are looked at for featured notes (a scheduler that was down catches up). */
const FEATURED_LOOKBACK_MS = 2 * DAY_MS;

export async function queueOwnerNotes(
  db: Database,
  settings: Pick<TeacherSettings, 'notifyOwnersWelcome' | 'notifyOwnersFeatured' | 'notifyOwnersBroken'>,
  now: number,
): Promise<number> {
  let queued = await queueWelcomeNotes(db, settings.notifyOwnersWelcome, now);
  if (settings.notifyOwnersFeatured) queued += await queueFeaturedNotes(db, now);
  if (settings.notifyOwnersBroken) queued += await queueBrokenFeedNotes(db, now);
  return queued;
}

/**
 * A welcome for each owner not welcomed yet. While welcomes are off, owners are passed over (marked) rather than
 * kept for later: turning them on welcomes the owners added from then, not a term's worth at once.
 */
async function queueWelcomeNotes(db: Database, on: boolean, now: number): Promise<number> {
  let queued = 0;
  for (const source of await listOwnersToWelcome(db)) {
    if (on && !(await hasOptedOut(db, source.ownerEmail))) {
      const note = {
        kind: 'owner-welcome' as const,
        toAddress: source.ownerEmail,
        sourceId: source.id,
        onceKey: `welcome:${source.id}:${ownerKeyOf(source.ownerEmail)}`,
      };
      if (await queueOwnerNote(db, note, now)) queued++;
    }
    await markOwnerWelcomed(db, source.id, source.ownerEmail);
  }
  return queued;
}

async function queueFeaturedNotes(db: Database, now: number): Promise<number> {
  const byDigestAndOwner = new Map<string, { digestId: number; sourceId: number; ownerEmail: string }>();
  for (const row of await listFeaturedOwners(db, now - FEATURED_LOOKBACK_MS)) {
    const key = `${row.digestId}:${ownerKeyOf(row.ownerEmail)}`;
    if (!byDigestAndOwner.has(key)) byDigestAndOwner.set(key, row);
  }
  let queued = 0;
  for (const [key, row] of byDigestAndOwner) {
    if (await hasOptedOut(db, row.ownerEmail)) continue;
    const note = {
      kind: 'owner-featured' as const,
      toAddress: row.ownerEmail,
      sourceId: row.sourceId,
      digestId: row.digestId,
      onceKey: `featured:${key}`,
    };
    if (await queueOwnerNote(db, note, now)) queued++;
  }
  return queued;
}

async function queueBrokenFeedNotes(db: Database, now: number): Promise<number> {
  let queued = 0;
  for (const source of await listNewlyBrokenSources(db, now - BROKEN_AFTER_MS, now - BROKEN_NOTE_EVERY_MS)) {
    const optedOut = await hasOptedOut(db, source.ownerEmail);
    const note = optedOut
      ? undefined
      : {
          kind: 'owner-broken' as const,
          toAddress: source.ownerEmail,
          sourceId: source.id,
          onceKey: `broken:${source.id}:${source.since}`,
        };
    await moveBrokenNotice(db, source.id, true, note, now);
    if (note) queued++;
  }
  for (const source of await listRecoveredSources(db)) {
    const note =
      source.ownerEmail && !(await hasOptedOut(db, source.ownerEmail))
        ? {
            kind: 'owner-recovered' as const,
            toAddress: source.ownerEmail,
            sourceId: source.id,
            onceKey: `recovered:${source.id}:${source.toldAt}`,
          }
        : undefined;
    await moveBrokenNotice(db, source.id, false, note, now);
    if (note) queued++;
  }
  return queued;
}
