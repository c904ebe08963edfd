// Storage for parents' email subscriptions: double opt-in state, consent record and chosen schools.
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from './client';
import { schools, subscriberSchools, subscribers } from './schema';

export type Subscriber = typeof subscribers.$inferSelect;
export type SubscriberStatus = Subscriber['status'];

/** The key addresses are compared by: the whole address in lower case. */
export function emailKeyOf(email: string): string {
  return email.trim().toLowerCase();
}

export async function findSubscriberById(db: Database, id: number): Promise<Subscriber | undefined> {
  return db.orm.select().from(subscribers).where(eq(subscribers.id, id)).get();
}

export async function findSubscriberByEmail(db: Database, email: string): Promise<Subscriber | undefined> {
  return db.orm
    .select()
    .from(subscribers)
    .where(eq(subscribers.emailKey, emailKeyOf(email)))
    .get();
}

export interface Consent {
  text: string;
  source: 'form' | 'import';
}

/**
 * Starts (or restarts) a subscription as pending with a fresh token nonce, recording consent and schools.
 * A confirmed subscriber is left as is. Answers the stored subscriber.
 */
export async function upsertPendingSubscriber(
  db: Database,
  subscriber: { email: string; nonce: string; consent: Consent; schoolIds: number[] },
  now: number,
): Promise<Subscriber> {
  const emailKey = emailKeyOf(subscriber.email);
  await db.orm
    .insert(subscribers)
    .values({
      email: subscriber.email.trim(),
      emailKey,
      status: 'pending',
      tokenNonce: subscriber.nonce,
      consentAt: now,
      consentText: subscriber.consent.text,
      consentSource: subscriber.consent.source,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: subscribers.emailKey,
      set: {
        status: 'pending',
        tokenNonce: subscriber.nonce,
        consentAt: now,
        consentText: subscriber.consent.text,
        consentSource: subscriber.consent.source,
        updatedAt: now,
      },
      setWhere: sql`${subscribers.status} in ('pending', 'unsubscribed')`,
    });
  const stored = (await findSubscriberByEmail(db, emailKey))!;
  if (stored.status === 'pending' && stored.tokenNonce === subscriber.nonce) {
    await replaceSubscriberSchools(db, stored.id, subscriber.schoolIds);
  }
  return stored;
}

export async function replaceSubscriberSchools(
  db: Database,
  subscriberId: number,
  schoolIds: number[],
): Promise<void> {
  await db.batch([
    db.orm.delete(subscriberSchools).where(eq(subscriberSchools.subscriberId, subscriberId)),
    ...(schoolIds.length
      ? [db.orm.insert(subscriberSchools).values(schoolIds.map((schoolId) => ({ subscriberId, schoolId })))]
      : []),
  ]);
}

export async function markConfirmSent(db: Database, id: number, now: number): Promise<void> {
  await db.orm.update(subscribers).set({ confirmSentAt: now }).where(eq(subscribers.id, id));
}

/** Pending → confirmed; answers false if the subscriber was not pending (already confirmed, or gone). */
export async function confirmSubscriber(db: Database, id: number, now: number): Promise<boolean> {
  const rows = await db.orm
    .update(subscribers)
    .set({ status: 'confirmed', confirmedAt: now, updatedAt: now })
    .where(and(eq(subscribers.id, id), eq(subscribers.status, 'pending')))
    .returning({ id: subscribers.id });
  return rows.length > 0;
}

export async function unsubscribe(db: Database, id: number, now: number): Promise<void> {
  await db.orm
    .update(subscribers)
    .set({ status: 'unsubscribed', unsubscribedAt: now, updatedAt: now })
    .where(and(eq(subscribers.id, id), inArray(subscribers.status, ['pending', 'confirmed'])));
}

export async function listSubscriberSchools(db: Database, subscriberId: number) {
  return db.orm
    .select({ id: schools.id, slug: schools.slug, name: schools.name })
    .from(subscriberSchools)
    .innerJoin(schools, eq(schools.id, subscriberSchools.schoolId))
    .where(eq(subscriberSchools.subscriberId, subscriberId));
}

export async function countSubscribersByStatus(db: Database): Promise<Record<SubscriberStatus, number>> {
  const rows = await db.orm
    .select({ status: subscribers.status, n: count() })
    .from(subscribers)
    .groupBy(subscribers.status);
  const counts: Record<SubscriberStatus, number> = {
    pending: 0,
    confirmed: 0,
    unsubscribed: 0,
    suspended: 0,
  };
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

export async function listSubscribers(
  db: Database,
  page: { limit: number; offset: number },
): Promise<Subscriber[]> {
  return db.orm
    .select()
    .from(subscribers)
    .orderBy(subscribers.emailKey)
    .limit(page.limit)
    .offset(page.offset);
}
