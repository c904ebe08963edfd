// Storage for rate-limit events: failed logins, subscription requests. Counted per key over a window.
import { and, count, eq, gt, lt } from 'drizzle-orm';
import type { Database } from './client';
import { rateEvents } from './schema';

export async function recordRateEvents(db: Database, keys: string[], now: number): Promise<void> {
  if (keys.length === 0) return;
  await db.orm.insert(rateEvents).values(keys.map((key) => ({ key, at: now })));
}

export async function countRateEventsSince(db: Database, key: string, since: number): Promise<number> {
  const row = await db.orm
    .select({ n: count() })
    .from(rateEvents)
    .where(and(eq(rateEvents.key, key), gt(rateEvents.at, since)))
    .get();
  return row?.n ?? 0;
}

export async function clearRateEvents(db: Database, key: string): Promise<void> {
  await db.orm.delete(rateEvents).where(eq(rateEvents.key, key));
}

export async function deleteRateEventsBefore(db: Database, before: number): Promise<void> {
  await db.orm.delete(rateEvents).where(lt(rateEvents.at, before));
}
