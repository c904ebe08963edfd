// Storage for one-off messages (confirm a subscription, confirm a new address, tell the old one, a password link): queued by a
// request, sent by the background sender, moving queued → sending → sent (or failed, bounced, skipped, unknown)
// like a digest delivery. The queueing statements are conditional, so a request writes the same statements
// whether or not the address belongs to anyone.
import { and, count, eq, gt, notExists, type SQL } from 'drizzle-orm';
import type { Database, Statement } from './client';
import { insertSelect } from './insert-select';
import { messages, subscribers, users } from './schema';

export type Message = typeof messages.$inferSelect;
export type MessageKind = Message['kind'];
export type MessageState = Message['state'];

/**
 * A confirmation email for the subscriber with this address, queued only where the subscription this request
 * just wrote (its fresh nonce) is pending: nothing for an address already confirmed.
 */
export function queueSubscribeConfirmStatement(
  db: Database,
  subscriber: { emailKey: string; nonce: string },
  now: number,
): Statement {
  return queueForSubscribersStatement(
    db,
    'subscribe-confirm',
    and(
      eq(subscribers.emailKey, subscriber.emailKey),
      eq(subscribers.tokenNonce, subscriber.nonce),
      eq(subscribers.status, 'pending'),
    ),
    now,
  );
}

/**
 * To an address that asked to subscribe while it already receives the digest: a note with its preferences
 * link, one a day at most. Queued by the same request as a confirmation, for whichever of the two the address
 * turns out to need.
 */
export function queueSubscribeAlreadyStatement(db: Database, emailKey: string, now: number): Statement {
  return queueForSubscribersStatement(
    db,
    'subscribe-already',
    and(
      eq(subscribers.emailKey, emailKey),
      eq(subscribers.status, 'confirmed'),
      // One a day at most: the form can be sent for any address, and a parent's mailbox is not to be filled.
      notExists(
        db.orm
          .select({ id: messages.id })
          .from(messages)
          .where(
            and(
              eq(messages.subscriberId, subscribers.id),
              eq(messages.kind, 'subscribe-already'),
              gt(messages.queuedAt, now - 24 * 60 * 60_000),
            ),
          ),
      ),
    ),
    now,
  );
}

/** One message of `kind` to each subscriber `where` finds, in one statement (nothing when it finds none). */
function queueForSubscribersStatement(
  db: Database,
  kind: 'subscribe-confirm' | 'subscribe-already',
  where: SQL | undefined,
  now: number,
): Statement {
  const [statement] = insertSelect(
    db,
    messages,
    [{ kind, subscriberId: subscribers.id, toAddress: subscribers.email, queuedAt: now, updatedAt: now }],
    { from: subscribers, where },
  );
  return statement!;
}

/** A link to confirm a subscription's new address, sent to that address. */
export function queueAddressConfirmStatement(
  db: Database,
  subscriberId: number,
  toAddress: string,
  now: number,
): Statement {
  return db.orm
    .insert(messages)
    .values({ kind: 'address-confirm', subscriberId, toAddress, queuedAt: now, updatedAt: now });
}

/**
 * To the address a subscription has just left: a note that it moved, and how to subscribe it again for
 * someone who did not ask. `subscriberId` is the subscription that moved (ended, if it merged into the new
 * address's own), for its language.
 */
export function queueAddressMovedStatement(
  db: Database,
  subscriberId: number,
  oldAddress: string,
  now: number,
): Statement {
  return db.orm
    .insert(messages)
    .values({ kind: 'address-moved', subscriberId, toAddress: oldAddress, queuedAt: now, updatedAt: now });
}

/** A password link for the active account with this address, if there is one; otherwise nothing. */
export function queuePasswordLinkStatement(db: Database, email: string, now: number): Statement {
  const [statement] = insertSelect(
    db,
    messages,
    [{ kind: 'password-link', userId: users.id, toAddress: users.email, queuedAt: now, updatedAt: now }],
    { from: users, where: and(eq(users.email, email), eq(users.disabled, false)) },
  );
  return statement!;
}

/** Queued messages that are due, oldest first. */
export async function listDueMessages(
  db: Database,
  filter: { now: number; limit: number },
): Promise<Message[]> {
  return db.query<Message>(
    `select id, kind, source_id as sourceId, digest_id as digestId, item_id as itemId, note, once_key as onceKey, subscriber_id as subscriberId, user_id as userId, to_address as toAddress, state,
            attempts, next_attempt_at as nextAttemptAt, last_error as lastError, message_id as messageId,
            queued_at as queuedAt, sent_at as sentAt, updated_at as updatedAt
       from messages where state = 'queued' and next_attempt_at <= ?
      order by next_attempt_at, id limit ?`,
    [filter.now, filter.limit],
  );
}

export async function countDueMessages(db: Database, now: number): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `select count(*) as n from messages where state = 'queued' and next_attempt_at <= ?`,
    [now],
  );
  return rows[0]?.n ?? 0;
}

/** queued → sending, only if still queued; answers whether this caller won the claim. */
export async function claimMessage(db: Database, id: number, now: number): Promise<boolean> {
  const rows = await db.query<{ id: number }>(
    `update messages set state = 'sending', attempts = attempts + 1, updated_at = ?
      where id = ? and state = 'queued' returning id`,
    [now, id],
  );
  return rows.length > 0;
}

export async function markMessageSent(db: Database, id: number, messageId: string | null, now: number) {
  await db.prepared(
    `update messages set state = 'sent', sent_at = ?, message_id = ?, last_error = null, updated_at = ?
      where id = ? and state = 'sending'`,
    [now, messageId, now, id],
  );
}

export async function markMessageRetry(
  db: Database,
  id: number,
  error: string,
  retryAt: number,
  now: number,
) {
  await db.prepared(
    `update messages set state = 'queued', last_error = ?, next_attempt_at = ?, updated_at = ?
      where id = ? and state = 'sending'`,
    [error, retryAt, now, id],
  );
}

export async function markMessageFailed(
  db: Database,
  id: number,
  outcome: { state: 'failed' | 'bounced' | 'skipped'; error: string },
  now: number,
) {
  await db.prepared(
    `update messages set state = ?, last_error = ?, updated_at = ?
      where id = ? and state in ('sending', 'queued')`,
    [outcome.state, outcome.error, now, id],
  );
}

/** Messages claimed before `sendingBefore` and still in flight: their process died (see deliveries.ts). */
export async function markStaleMessagesUnknown(
  db: Database,
  sendingBefore: number,
  now: number,
): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `update messages set state = 'unknown', last_error = ?, updated_at = ?
      where state = 'sending' and updated_at < ? returning id`,
    ['The process stopped while this message was being sent.', now, sendingBefore],
  );
  return rows.length;
}

export async function countMessagesByState(db: Database): Promise<Record<MessageState, number>> {
  const rows = await db.orm
    .select({ state: messages.state, n: count() })
    .from(messages)
    .groupBy(messages.state);
  const counts: Record<MessageState, number> = {
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
