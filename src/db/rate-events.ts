// Storage for rate-limit events: sign-in attempts, subscription requests, password and address links. An
// event is recorded and counted in one statement before the work it limits, so requests that arrive together
// each count the others (D1 has no transactions to hold a lock with).
import { eq, inArray, lt } from 'drizzle-orm';
import type { Database } from './client';
import { rateEvents } from './schema';

export interface RecordedEvents {
  /** The rows written, one per key, to withdraw the events if what they stood for did not happen. */
  ids: number[];
  /** Per key, in the order given: its events after `since`, this one and any written at the same time included. */
  counts: number[];
}

/**
 * Records one event under each key and counts each key's events after `since`. One INSERT … RETURNING whose
 * count is taken after its own row is written: of n requests racing on a key, the k-th to write sees at
 * least k, so no more than a limit's worth can ever see a count within the limit.
 */
export async function recordAndCountRateEvents(
  db: Database,
  keys: string[],
  now: number,
  since: number,
): Promise<RecordedEvents> {
  if (new Set(keys).size !== keys.length)
    throw new Error('rate-events: each key may be recorded once per call');
  const rows = await db.query<{ id: number; key: string; n: number }>(
    `insert into rate_events (key, at) values ${keys.map(() => '(?, ?)').join(', ')}
     returning id, key, (select count(*) from rate_events as earlier
       where earlier.key = rate_events.key and earlier.at > ?) as n`,
    [...keys.flatMap((key) => [key, now]), since],
  );
  const byKey = new Map(rows.map((row) => [row.key, row]));
  return {
    ids: rows.map((row) => row.id),
    counts: keys.map((key) => byKey.get(key)!.n),
  };
}

/** Takes back events recorded for an attempt that turned out not to count (refused, or a right password). */
export async function withdrawRateEvents(db: Database, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.orm.delete(rateEvents).where(inArray(rateEvents.id, ids));
}

export async function clearRateEvents(db: Database, key: string): Promise<void> {
  await db.orm.delete(rateEvents).where(eq(rateEvents.key, key));
}

export async function deleteRateEventsBefore(db: Database, before: number): Promise<void> {
  await db.orm.delete(rateEvents).where(lt(rateEvents.at, before));
}
