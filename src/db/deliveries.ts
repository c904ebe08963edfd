// Storage for deliveries: one row per digest per subscriber, moving queued → sending → sent (or failed,
// bounced, unknown). The conditional claim makes sure one process sends each message at most once.
import { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Database } from './client';
import { deliveries, digests, messages, subscriberSchools, subscribers } from './schema';

export type Delivery = typeof deliveries.$inferSelect;
export type DeliveryState = Delivery['state'];

export interface PendingDelivery {
  id: number;
  digestId: number;
  digestDate: string;
  kind: Delivery['kind'];
  /** For a correction email: the correction it tells of (null for one queued before that was recorded). */
  correctionId: number | null;
  attempts: number;
  subscriberId: number;
  email: string;
  tokenNonce: string;
  /** The subscriber's status now: someone who unsubscribed after the digest was queued gets nothing. */
  subscriberStatus: string;
  bounceCount: number;
  /**
   * The school ids the email is for, sorted; empty means every school. The subscriber's choice now, except for
   * a correction of a digest email that recorded its own: the schools that email was sent for.
   */
  schoolIds: number[];
  /** The language the subscriber reads. */
  language: string;
  /**
   * For a correction email: how the digest email it corrects fared for this subscriber (sent; being sent; queued,
   * so it will show the correction itself; or failed, skipped and so on), null when there was none.
   */
  originalState: DeliveryState | null;
}

/** Queued deliveries that are due, oldest first, with what is needed to render and address each message. */
export async function listDueDeliveries(
  db: Database,
  filter: { now: number; limit: number; digestId?: number },
): Promise<PendingDelivery[]> {
  const rows = await db.orm
    .select({
      id: deliveries.id,
      digestId: deliveries.digestId,
      digestDate: digests.date,
      kind: deliveries.kind,
      correctionId: deliveries.correctionId,
      attempts: deliveries.attempts,
      subscriberId: subscribers.id,
      email: subscribers.email,
      tokenNonce: subscribers.tokenNonce,
      subscriberStatus: subscribers.status,
      bounceCount: subscribers.bounceCount,
      language: subscribers.language,
      sentFor: deliveries.schoolIds,
      originalState: sql<DeliveryState | null>`(select o.state from deliveries o where o.digest_id = ${deliveries.digestId} and o.subscriber_id = ${deliveries.subscriberId} and o.kind = 'digest' limit 1)`,
      originalSchoolIds: sql<
        string | null
      >`(select o.school_ids from deliveries o where o.digest_id = ${deliveries.digestId} and o.subscriber_id = ${deliveries.subscriberId} and o.kind = 'digest' limit 1)`,
      schoolIds: sql<
        string | null
      >`(select group_concat(school_id) from (select ${subscriberSchools.schoolId} as school_id from ${subscriberSchools} where ${subscriberSchools.subscriberId} = ${subscribers.id} order by 1))`,
    })
    .from(deliveries)
    .innerJoin(subscribers, eq(subscribers.id, deliveries.subscriberId))
    .innerJoin(digests, eq(digests.id, deliveries.digestId))
    .where(
      and(
        eq(deliveries.state, 'queued'),
        lte(deliveries.nextAttemptAt, filter.now),
        filter.digestId === undefined ? undefined : eq(deliveries.digestId, filter.digestId),
      ),
    )
    // In the order of deliveries_state_idx (state, next_attempt_at, then rowid), so LIMIT stops early: ordering
    // by id alone made SQLite sort every queued row for each batch, which a 100,000-row send felt.
    .orderBy(asc(deliveries.nextAttemptAt), asc(deliveries.id))
    .limit(filter.limit);
  return rows.map(({ sentFor, originalSchoolIds, ...row }) => {
    // A correction is about the schools its digest email was sent for: recorded when it was queued, or, for one
    // queued while that email was still going out, recorded since.
    const sentForIds =
      sentFor ??
      (row.kind === 'correction' && originalSchoolIds
        ? (JSON.parse(originalSchoolIds) as number[])
        : undefined);
    return {
      ...row,
      originalState: row.kind === 'correction' ? row.originalState : null,
      schoolIds:
        row.kind === 'correction' && sentForIds
          ? sentForIds
          : row.schoolIds
            ? row.schoolIds.split(',').map(Number)
            : [],
    };
  });
}

/** Deliveries waiting to go now (queued and due), for a runtime deciding whether to start a sender. */
export async function countDueDeliveries(db: Database, now: number): Promise<number> {
  const row = await db.orm
    .select({ n: count() })
    .from(deliveries)
    .where(and(eq(deliveries.state, 'queued'), lte(deliveries.nextAttemptAt, now)))
    .get();
  return row?.n ?? 0;
}

/** Deliveries a sender claimed since `since` and holds right now (outcome not yet recorded). */
export async function countSendingDeliveries(db: Database, since: number): Promise<number> {
  const row = await db.orm
    .select({ n: count() })
    .from(deliveries)
    .where(and(eq(deliveries.state, 'sending'), gt(deliveries.updatedAt, since)))
    .get();
  return row?.n ?? 0;
}

// The per-message writes below run once or twice for every email, so they are plain SQL prepared once
// (drizzle's builder rebuilt and re-prepared each one: a tenth of a 100,000-email send went there).

/** queued → sending, only if still queued; answers whether this caller won the claim. */
export async function claimDelivery(db: Database, id: number, now: number): Promise<boolean> {
  const rows = await db.query<{ id: number }>(
    `update deliveries set state = 'sending', attempts = attempts + 1, updated_at = ?
      where id = ? and state = 'queued' returning id`,
    [now, id],
  );
  return rows.length > 0;
}

/** sending → sent, with the schools the email was for (see PendingDelivery.schoolIds). */
export async function markDeliverySent(
  db: Database,
  id: number,
  sent: { messageId: string | null; schoolIds: readonly number[] },
  now: number,
) {
  await db.prepared(
    `update deliveries set state = 'sent', sent_at = ?, message_id = ?, school_ids = ?, last_error = null,
      updated_at = ? where id = ? and state = 'sending'`,
    [now, sent.messageId, JSON.stringify(sent.schoolIds), now, id],
  );
}

export async function markDeliveryRetry(
  db: Database,
  id: number,
  error: string,
  retryAt: number,
  now: number,
) {
  await db.prepared(
    `update deliveries set state = 'queued', last_error = ?, next_attempt_at = ?, updated_at = ?
      where id = ? and state = 'sending'`,
    [error, retryAt, now, id],
  );
}

export async function markDeliveryFailed(
  db: Database,
  id: number,
  outcome: { state: 'failed' | 'bounced' | 'skipped'; error: string },
  now: number,
) {
  await db.prepared(
    `update deliveries set state = ?, last_error = ?, updated_at = ?
      where id = ? and state in ('sending', 'queued')`,
    [outcome.state, outcome.error, now, id],
  );
}

/**
 * Deliveries left in 'sending' longer than any send can take were in flight when a process died: nobody
 * knows whether the server accepted them, so they are marked unknown for a person to decide, never resent.
 */
export async function markStaleSendsUnknown(
  db: Database,
  sendingBefore: number,
  now: number,
): Promise<number> {
  const rows = await db.orm
    .update(deliveries)
    .set({
      state: 'unknown',
      lastError: 'The process stopped while this message was being sent.',
      updatedAt: now,
    })
    .where(and(eq(deliveries.state, 'sending'), lt(deliveries.updatedAt, sendingBefore)))
    .returning({ id: deliveries.id });
  return rows.length;
}

export async function countDeliveriesByState(
  db: Database,
  digestId?: number,
): Promise<Record<DeliveryState, number>> {
  const rows = await db.orm
    .select({ state: deliveries.state, n: count() })
    .from(deliveries)
    .where(digestId === undefined ? undefined : eq(deliveries.digestId, digestId))
    .groupBy(deliveries.state);
  const counts: Record<DeliveryState, number> = {
    queued: 0,
    sending: 0,
    sent: 0,
    failed: 0,
    bounced: 0,
    unknown: 0,
    skipped: 0,
  };
  for (const row of rows) counts[row.state] = row.n;
  return counts;
}

/**
 * How many people a digest's email reached (sent, or being sent now: rendered already, so a correction made now
 * is news to them), and how many are still waiting for it: queued, so their email is rendered when it goes,
 * correction included. Right after publishing, the sender has usually begun.
 */
export async function countDigestRecipients(
  db: Database,
  digestId: number,
): Promise<{ reached: number; waiting: number }> {
  const rows = await db.orm
    .select({ state: deliveries.state, n: count() })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.digestId, digestId),
        eq(deliveries.kind, 'digest'),
        inArray(deliveries.state, ['sent', 'sending', 'queued']),
      ),
    )
    .groupBy(deliveries.state);
  const of = (state: DeliveryState) => rows.find((row) => row.state === state)?.n ?? 0;
  return { reached: of('sent') + of('sending'), waiting: of('queued') };
}

const NO_DELIVERIES = (): Record<DeliveryState, number> => ({
  queued: 0,
  sending: 0,
  sent: 0,
  failed: 0,
  bounced: 0,
  unknown: 0,
  skipped: 0,
});

/** For the latest published digests: how their emails fared, by state. */
export async function deliveryStatsByDigest(
  db: Database,
  limit: number,
): Promise<{ digestId: number; date: string; counts: Record<DeliveryState, number> }[]> {
  const recent = await db.orm
    .select({ id: digests.id, date: digests.date })
    .from(digests)
    .where(inArray(digests.status, ['published', 'unpublished']))
    .orderBy(desc(digests.date))
    .limit(limit);
  if (recent.length === 0) return [];
  const rows = await db.orm
    .select({ digestId: deliveries.digestId, state: deliveries.state, n: count() })
    .from(deliveries)
    .where(
      and(
        inArray(
          deliveries.digestId,
          recent.map((d) => d.id),
        ),
        eq(deliveries.kind, 'digest'),
      ),
    )
    .groupBy(deliveries.digestId, deliveries.state);
  return recent.map((digest) => {
    const counts = NO_DELIVERIES();
    for (const row of rows.filter((r) => r.digestId === digest.id)) counts[row.state] = row.n;
    return { digestId: digest.id, date: digest.date, counts };
  });
}

/** The deliveries of a digest that did not simply arrive: failed, bounced, or unknown after a crash. */
export async function listDeliveryProblems(db: Database, digestId: number, limit: number) {
  return db.orm
    .select({
      id: deliveries.id,
      kind: deliveries.kind,
      state: deliveries.state,
      attempts: deliveries.attempts,
      lastError: deliveries.lastError,
      updatedAt: deliveries.updatedAt,
      email: subscribers.email,
    })
    .from(deliveries)
    .innerJoin(subscribers, eq(subscribers.id, deliveries.subscriberId))
    .where(
      and(eq(deliveries.digestId, digestId), inArray(deliveries.state, ['failed', 'bounced', 'unknown'])),
    )
    .orderBy(deliveries.state, subscribers.emailKey)
    .limit(limit);
}

/**
 * unknown → queued for one digest: a person decided that the messages whose outcome a crash left unknown
 * should go again, accepting that some recipients may get the email twice. They start a fresh round of
 * attempts, so they are not counted as retrying (on /healthz) before the mail server has refused anything.
 */
export function requeueUnknownStatement(db: Database, digestId: number, now: number) {
  return db.orm
    .update(deliveries)
    .set({
      state: 'queued',
      attempts: 0,
      nextAttemptAt: 0,
      lastError: 'Sent again by decision after an unknown outcome.',
      updatedAt: now,
    })
    .where(and(eq(deliveries.digestId, digestId), eq(deliveries.state, 'unknown')));
}

/**
 * Emails (digests and one-off messages alike) the mail server did not take: how many wait to be tried again,
 * and the latest reason one failed since `since`, waiting or given up on. A bounce is the address's problem, not
 * the server's, and is left out.
 */
export async function emailTrouble(
  db: Database,
  since: number,
): Promise<{ retrying: number; latest?: { at: number; reason: string } }> {
  const tables = [deliveries, messages] as const;
  const found = await Promise.all(
    tables.map(async (table) => {
      const waiting = and(eq(table.state, 'queued'), gt(table.attempts, 0));
      const [retrying, latest] = await Promise.all([
        db.orm.select({ n: count() }).from(table).where(waiting),
        db.orm
          .select({ at: table.updatedAt, reason: table.lastError })
          .from(table)
          .where(
            and(
              or(waiting, eq(table.state, 'failed')),
              isNotNull(table.lastError),
              gte(table.updatedAt, since),
            ),
          )
          .orderBy(desc(table.updatedAt))
          .limit(1),
      ]);
      return { retrying: retrying[0]?.n ?? 0, latest: latest[0] };
    }),
  );
  const latest = found
    .flatMap((f) => (f.latest?.reason ? [{ at: f.latest.at, reason: f.latest.reason }] : []))
    .sort((a, b) => b.at - a.at)[0];
  return { retrying: found.reduce((n, f) => n + f.retrying, 0), ...(latest ? { latest } : {}) };
}
