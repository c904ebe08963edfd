// Storage for parents' email subscriptions: double opt-in state, consent record and chosen schools.
import { and, count, eq, gt, inArray, isNotNull, isNull, lt, not, or, sql, type SQL } from 'drizzle-orm';
import { auditStatementWhere, type Actor, type AuditEvent } from './audit';
import type { Database, Statement } from './client';
import { inList } from './in-list';
import { insertSelect, selectionOf } from './insert-select';
import { forgottenAddresses, rateEvents, schools, subscriberSchools, subscribers } from './schema';
import { sign } from '../auth/tokens';
import { sortByName } from '../text/names-order';

export type Subscriber = typeof subscribers.$inferSelect;
export type SubscriberStatus = Subscriber['status'];

/** The key addresses are compared by: the whole address in lower case. */
export function emailKeyOf(email: string): string {
  return email.trim().toLowerCase();
}

/** Hard bounces in a row after which an address is suspended: it no longer gets email until it resubscribes. */
export const SUSPEND_AFTER_BOUNCES = 2;

/** Pending again after unsubscribing or being suspended, and not yet confirmed by the address itself. */
const optedOutPending = sql`(${subscribers.status} = 'pending' and (${subscribers.unsubscribedAt} is not null
  or ${subscribers.bounceCount} >= ${SUSPEND_AFTER_BOUNCES}))`;

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

/** What a subscriber agreed to, kept with the subscription: when is the row's consent_at. */
export interface Consent {
  /** The words on the form they submitted, or an administrator's attestation for an import. */
  text: string;
  source: 'form' | 'embed' | 'import';
  /** The schools chosen at the time (slugs); empty for every school. */
  schools: string[];
}

/**
 * Starts (or restarts) a subscription as pending with a fresh token nonce, recording consent and schools.
 * A confirmed subscriber is left as is. Answers the stored subscriber.
 */
export async function upsertPendingSubscriber(
  db: Database,
  subscriber: { email: string; nonce: string; consent: Consent; schoolIds: number[]; language?: string },
  now: number,
): Promise<Subscriber> {
  await db.batch(pendingSubscriptionStatements(db, subscriber, now));
  return (await findSubscriberByEmail(db, subscriber.email))!;
}

/**
 * The same as statements for one batch, each conditional: the row is written unless the address is already
 * confirmed, and the schools are replaced only where the row now carries this request's nonce. They are the
 * same statements whether or not the address was known, so the request costs the same either way.
 */
export function pendingSubscriptionStatements(
  db: Database,
  subscriber: { email: string; nonce: string; consent: Consent; schoolIds: number[]; language?: string },
  now: number,
): Statement[] {
  const emailKey = emailKeyOf(subscriber.email);
  const consent = {
    status: 'pending' as const,
    ...(subscriber.language ? { language: subscriber.language } : {}),
    tokenNonce: subscriber.nonce,
    consentAt: now,
    consentText: subscriber.consent.text,
    consentSource: subscriber.consent.source,
    consentSchools: JSON.stringify(subscriber.consent.schools),
    updatedAt: now,
  };
  // The subscription this request just wrote, found again by its fresh nonce inside the same batch.
  const ours = db.orm
    .select({ id: subscribers.id })
    .from(subscribers)
    .where(and(eq(subscribers.emailKey, emailKey), eq(subscribers.tokenNonce, subscriber.nonce)));
  return [
    db.orm
      .insert(subscribers)
      .values({ email: subscriber.email.trim(), emailKey, createdAt: now, ...consent })
      .onConflictDoUpdate({
        target: subscribers.emailKey,
        set: consent,
        setWhere: sql`${subscribers.status} in ('pending', 'unsubscribed', 'suspended')`,
      }),
    db.orm.delete(subscriberSchools).where(inArray(subscriberSchools.subscriberId, ours)),
    ...insertSelect(db, subscriberSchools, [{ subscriberId: sql`(${ours})`, schoolId: schools.id }], {
      from: schools,
      where: and(inList(schools.id, subscriber.schoolIds), sql`(${ours}) is not null`),
    }),
  ];
}

/** The language a subscriber reads their emails in, as chosen on the preferences page or in an import. */
export async function setSubscriberLanguage(
  db: Database,
  subscriberId: number,
  language: string,
  now: number,
): Promise<void> {
  await db.orm.update(subscribers).set({ language, updatedAt: now }).where(eq(subscribers.id, subscriberId));
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

/**
 * Each known address's status, as an import treats it. A subscription that asked to come back after it
 * unsubscribed or was suspended, and has not confirmed yet, still counts as unsubscribed: anyone can type an
 * address into the sign-up form, so only that address's own confirmation brings it back.
 */
export async function findStatusesByEmailKey(
  db: Database,
  keys: string[],
): Promise<Map<string, SubscriberStatus>> {
  if (keys.length === 0) return new Map();
  const rows = await db.orm
    .select({
      key: subscribers.emailKey,
      status: sql<SubscriberStatus>`case when ${optedOutPending} then 'unsubscribed' else ${subscribers.status} end`,
    })
    .from(subscribers)
    .where(inList(subscribers.emailKey, keys));
  return new Map(rows.map((row) => [row.key, row.status]));
}

/** New subscriptions one statement carries, as one JSON parameter (D1 takes strings up to 2 MB). */
const ADDED_PER_STATEMENT = 2000;

/**
 * The statements that add new subscriptions, with the schools each chose; a row's schools are attached by
 * its address key when they run, so they can go in the same batch as the subscriptions themselves. The rows
 * go in as one JSON parameter a statement, read back by SQLite's json_each: an import of a hundred thousand
 * addresses is a few dozen statements, built and run in a moment, not thousands.
 */
export function addSubscribersStatements(
  db: Database,
  rows: { subscriber: typeof subscribers.$inferInsert; schoolIds: number[] }[],
): Statement[] {
  if (rows.length === 0) return [];
  // A column with one value for every row (the status, the consent, the time) is one parameter; only the
  // others (the address, its token) are read from each row's JSON.
  const first = rows[0]!.subscriber as Record<string, unknown>;
  const varying = Object.keys(first).filter((key) =>
    rows.some(({ subscriber }) => (subscriber as Record<string, unknown>)[key] !== first[key]),
  );
  const selection = selectionOf(subscribers, {
    ...rows[0]!.subscriber,
    ...Object.fromEntries(
      varying.map((key) => [key, sql`json_extract(${sql.raw('imported.value')}, ${`$.${key}`})`]),
    ),
  });
  const statements: Statement[] = [];
  for (let start = 0; start < rows.length; start += ADDED_PER_STATEMENT) {
    const json = JSON.stringify(
      rows
        .slice(start, start + ADDED_PER_STATEMENT)
        .map(({ subscriber }) =>
          Object.fromEntries(varying.map((key) => [key, (subscriber as Record<string, unknown>)[key]])),
        ),
    );
    const select = db.orm.select(selection).from(sql`json_each(${json}) as imported`);
    statements.push(db.orm.insert(subscribers).select(select as never));
  }
  const keysBySchool = new Map<number, string[]>();
  for (const { subscriber, schoolIds } of rows)
    for (const schoolId of schoolIds) {
      const keys = keysBySchool.get(schoolId) ?? [];
      keys.push(subscriber.emailKey);
      keysBySchool.set(schoolId, keys);
    }
  // Each address found through the unique index on its key, not by reading every subscriber.
  for (const [schoolId, keys] of keysBySchool)
    for (let start = 0; start < keys.length; start += ADDED_PER_STATEMENT) {
      const chosen = JSON.stringify(keys.slice(start, start + ADDED_PER_STATEMENT));
      const select = db.orm
        .select(selectionOf(subscriberSchools, { subscriberId: subscribers.id, schoolId }))
        .from(sql`json_each(${chosen}) as chosen`)
        .innerJoin(subscribers, eq(subscribers.emailKey, sql`chosen.value`));
      statements.push(db.orm.insert(subscriberSchools).select(select as never));
    }
  return statements;
}

/** The statement that confirms these pending subscriptions, recording how they consented. */
export function confirmPendingStatement(db: Database, keys: string[], consentText: string, now: number) {
  return db.orm
    .update(subscribers)
    .set({
      status: 'confirmed',
      confirmedAt: now,
      consentAt: now,
      consentText,
      consentSource: 'import',
      updatedAt: now,
    })
    .where(and(eq(subscribers.status, 'pending'), not(optedOutPending), inList(subscribers.emailKey, keys)));
}

export async function markConfirmSent(db: Database, id: number, now: number): Promise<void> {
  await db.orm.update(subscribers).set({ confirmSentAt: now }).where(eq(subscribers.id, id));
}

/** Pending → confirmed; answers false if the subscriber was not pending (already confirmed, or gone). */
export async function confirmSubscriber(db: Database, id: number, now: number): Promise<boolean> {
  const rows = await db.orm
    .update(subscribers)
    .set({ status: 'confirmed', confirmedAt: now, bounceCount: 0, updatedAt: now })
    .where(and(eq(subscribers.id, id), eq(subscribers.status, 'pending')))
    .returning({ id: subscribers.id });
  return rows.length > 0;
}

/** Ends the nonce of a subscription moved to another address: its links no longer work, and it is not undone. */
const MOVED = '-moved';

/** How long after unsubscribing a subscriber may undo it with one press, from the page it left them on. */
export const UNDO_UNSUBSCRIBE_MS = 24 * 3600_000;

/**
 * Whether `subscriber` may take back their unsubscribing with one press: they confirmed their address once,
 * left less than a day ago by unsubscribing (not by moving the subscription to another address), and were not
 * stopped for mail that bounced (that address subscribes afresh).
 */
export function canUndoUnsubscribe(
  subscriber: Pick<Subscriber, 'status' | 'confirmedAt' | 'unsubscribedAt' | 'bounceCount' | 'tokenNonce'>,
  now: number,
): boolean {
  return (
    subscriber.status === 'unsubscribed' &&
    subscriber.confirmedAt !== null &&
    subscriber.unsubscribedAt !== null &&
    now - subscriber.unsubscribedAt < UNDO_UNSUBSCRIBE_MS &&
    subscriber.bounceCount < SUSPEND_AFTER_BOUNCES &&
    !subscriber.tokenNonce.endsWith(MOVED)
  );
}

/** A change to a subscription and the audit entry that says who made it, written together or not at all. */
interface Audited {
  actor: Actor;
  event: AuditEvent;
}

/**
 * Unsubscribed, schools and language kept, with its audit entry: both only if the address was subscribed
 * (pending, confirmed or suspended after bounces); a second press, or a mail program's one-click after the
 * person's own, writes nothing.
 */
export function unsubscribeStatements(db: Database, id: number, now: number, audited: Audited): Statement[] {
  const subscribed = and(
    eq(subscribers.id, id),
    inArray(subscribers.status, ['pending', 'confirmed', 'suspended']),
  );
  return auditedChange(
    db,
    subscribed,
    { status: 'unsubscribed', unsubscribedAt: now, updatedAt: now },
    now,
    audited,
  );
}

/**
 * Confirmed again, with the same schools and language, and the audit entry: both only if canUndoUnsubscribe
 * still holds in the database when the batch runs (a late or second press changes nothing).
 */
export function undoUnsubscribeStatements(
  db: Database,
  id: number,
  now: number,
  audited: Audited,
): Statement[] {
  const undoable = and(
    eq(subscribers.id, id),
    eq(subscribers.status, 'unsubscribed'),
    isNotNull(subscribers.confirmedAt),
    gt(subscribers.unsubscribedAt, now - UNDO_UNSUBSCRIBE_MS),
    lt(subscribers.bounceCount, SUSPEND_AFTER_BOUNCES),
    sql`${subscribers.tokenNonce} not glob ${`*${MOVED}`}`,
  );
  return auditedChange(
    db,
    undoable,
    { status: 'confirmed', unsubscribedAt: null, updatedAt: now },
    now,
    audited,
  );
}

/**
 * The change to the subscription `where` finds, and its audit entry first, under the same condition: in one batch
 * the entry is written exactly when the change is.
 */
function auditedChange(
  db: Database,
  where: SQL | undefined,
  change: Partial<Subscriber>,
  now: number,
  audited: Audited,
): Statement[] {
  return [
    auditStatementWhere(db, audited.actor, audited.event, now, { from: subscribers, where }),
    db.orm.update(subscribers).set(change).where(where),
  ];
}

/** The schools a subscriber chose, by name. */
export async function listSubscriberSchools(db: Database, subscriberId: number) {
  const rows = await db.orm
    .select({ id: schools.id, slug: schools.slug, name: schools.name })
    .from(subscriberSchools)
    .innerJoin(schools, eq(schools.id, subscriberSchools.schoolId))
    .where(eq(subscriberSchools.subscriberId, subscriberId));
  return sortByName(rows, (school) => school.name);
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

/** How many confirmed subscriptions read their emails in each language. */
export async function countSubscribersByLanguage(db: Database): Promise<Map<string, number>> {
  const rows = await db.orm
    .select({ language: subscribers.language, n: count() })
    .from(subscribers)
    .where(eq(subscribers.status, 'confirmed'))
    .groupBy(subscribers.language);
  return new Map(rows.map((row) => [row.language, row.n]));
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

/** Counts a hard bounce; answers true when this one suspended the address. */
export async function recordHardBounce(db: Database, id: number, now: number): Promise<boolean> {
  const [row] = await db.orm
    .update(subscribers)
    .set({
      bounceCount: sql`${subscribers.bounceCount} + 1`,
      status: sql`case when ${subscribers.bounceCount} + 1 >= ${SUSPEND_AFTER_BOUNCES} and ${subscribers.status} = 'confirmed' then 'suspended' else ${subscribers.status} end`,
      updatedAt: now,
    })
    .where(eq(subscribers.id, id))
    .returning({ status: subscribers.status, bounceCount: subscribers.bounceCount });
  return row?.status === 'suspended' && row.bounceCount === SUSPEND_AFTER_BOUNCES;
}

/** A message got through: earlier bounces no longer count towards suspension. */
export async function clearBounces(db: Database, id: number): Promise<void> {
  await db.orm.update(subscribers).set({ bounceCount: 0 }).where(eq(subscribers.id, id));
}

export function setPendingEmailStatement(db: Database, id: number, email: string, now: number) {
  return db.orm
    .update(subscribers)
    .set({ pendingEmail: email, updatedAt: now })
    .where(eq(subscribers.id, id));
}

/**
 * The statements that move a subscription to `email`: the row takes the new address (and a new nonce, so
 * every link to the old address stops working); or, when `other` already holds that address, `other`
 * becomes a confirmed subscription with these schools and this one ends.
 */
export function moveSubscriptionStatements(
  db: Database,
  subscriber: Subscriber,
  email: string,
  other: Subscriber | undefined,
  schoolIds: number[],
  nonce: string,
  now: number,
) {
  if (!other) {
    return [
      db.orm
        .update(subscribers)
        .set({
          email,
          emailKey: emailKeyOf(email),
          pendingEmail: null,
          tokenNonce: nonce,
          bounceCount: 0,
          updatedAt: now,
        })
        .where(eq(subscribers.id, subscriber.id)),
    ];
  }
  return [
    db.orm
      .update(subscribers)
      .set({
        status: 'confirmed',
        confirmedAt: now,
        bounceCount: 0,
        tokenNonce: nonce,
        consentAt: subscriber.consentAt,
        consentText: subscriber.consentText,
        consentSource: subscriber.consentSource,
        consentSchools: subscriber.consentSchools,
        // The mail comes as the moved subscription had it: its language with its schools.
        language: subscriber.language,
        updatedAt: now,
      })
      .where(eq(subscribers.id, other.id)),
    db.orm.delete(subscriberSchools).where(eq(subscriberSchools.subscriberId, other.id)),
    ...(schoolIds.length
      ? [
          db.orm
            .insert(subscriberSchools)
            .values(schoolIds.map((schoolId) => ({ subscriberId: other.id, schoolId }))),
        ]
      : []),
    db.orm
      .update(subscribers)
      .set({
        status: 'unsubscribed',
        unsubscribedAt: now,
        pendingEmail: null,
        tokenNonce: `${nonce}${MOVED}`,
        updatedAt: now,
      })
      .where(eq(subscribers.id, subscriber.id)),
  ];
}

export interface SubscriberSearch {
  /** Part of the address. */
  query?: string;
  status?: SubscriberStatus;
  schoolId?: number;
  limit: number;
  offset: number;
}

// Correlated subqueries below name the outer table in plain SQL: in a select from one table without joins,
// drizzle writes its columns unqualified, and an inner table's "id" would silently capture them.

/** Subscribers matching a search, by address, each with the names of the schools they chose. */
export async function searchSubscribers(
  db: Database,
  search: SubscriberSearch,
): Promise<{ rows: (Subscriber & { schools: string | null })[]; total: number }> {
  const conditions = [
    search.query
      ? sql`${subscribers.emailKey} like ${`%${search.query.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`} escape '\\'`
      : undefined,
    search.status ? eq(subscribers.status, search.status) : undefined,
    search.schoolId
      ? sql`exists (select 1 from subscriber_schools ss where ss.subscriber_id = subscribers.id and ss.school_id = ${search.schoolId})`
      : undefined,
  ];
  const where = and(...conditions);
  const [rows, total] = await Promise.all([
    db.orm
      .select({
        subscriber: subscribers,
        schools: sql<
          string | null
        >`(select group_concat(sc.name, ', ') from subscriber_schools ss join schools sc on sc.id = ss.school_id where ss.subscriber_id = subscribers.id)`,
      })
      .from(subscribers)
      .where(where)
      .orderBy(subscribers.emailKey)
      .limit(search.limit)
      .offset(search.offset),
    db.orm.select({ n: count() }).from(subscribers).where(where).get(),
  ]);
  return { rows: rows.map((r) => ({ ...r.subscriber, schools: r.schools })), total: total?.n ?? 0 };
}

/** Confirmed subscribers per school they chose; `everySchool` counts those who chose none (all schools). */
export async function countConfirmedBySchool(
  db: Database,
): Promise<{ bySchool: { id: number; name: string; n: number }[]; everySchool: number }> {
  const [bySchool, everySchool] = await Promise.all([
    db.orm
      .select({
        id: schools.id,
        name: schools.name,
        n: sql<number>`(select count(*) from subscriber_schools ss join subscribers s on s.id = ss.subscriber_id
          where ss.school_id = schools.id and s.status = 'confirmed')`,
      })
      .from(schools)
      .orderBy(schools.name),
    db.orm
      .select({ n: count() })
      .from(subscribers)
      .where(
        and(
          eq(subscribers.status, 'confirmed'),
          sql`not exists (select 1 from subscriber_schools ss where ss.subscriber_id = subscribers.id)`,
        ),
      )
      .get(),
  ]);
  return { bySchool: sortByName(bySchool, (school) => school.name), everySchool: everySchool?.n ?? 0 };
}

/** One page of every subscriber for the CSV export, by id after `afterId`, with chosen school slugs. */
export async function listSubscribersAfter(
  db: Database,
  afterId: number,
  limit: number,
): Promise<(Subscriber & { schoolSlugs: string | null })[]> {
  const rows = await db.orm
    .select({
      subscriber: subscribers,
      schoolSlugs: sql<
        string | null
      >`(select group_concat(sc.slug, ';') from subscriber_schools ss join schools sc on sc.id = ss.school_id where ss.subscriber_id = subscribers.id)`,
    })
    .from(subscribers)
    .where(gt(subscribers.id, afterId))
    .orderBy(subscribers.id)
    .limit(limit);
  return rows.map((r) => ({ ...r.subscriber, schoolSlugs: r.schoolSlugs }));
}

/** Pending subscribers added by an import whose confirmation email has not gone yet, oldest first. */
export async function listUnsentImportConfirmations(db: Database, limit: number): Promise<Subscriber[]> {
  return db.orm
    .select()
    .from(subscribers)
    .where(
      and(
        eq(subscribers.status, 'pending'),
        eq(subscribers.consentSource, 'import'),
        isNull(subscribers.confirmSentAt),
      ),
    )
    .orderBy(subscribers.id)
    .limit(limit);
}

/**
 * Deletes the sign-ups nobody confirmed whose last request and last confirmation email are both before
 * `before` (with their schools and queued messages). Subscriptions that were confirmed once are kept whatever
 * their state, and so is an import's address whose confirmation has not gone out yet. Answers how many went.
 */
export async function deleteUnconfirmedBefore(db: Database, before: number): Promise<number> {
  const deleted = await db.orm
    .delete(subscribers)
    .where(
      and(
        eq(subscribers.status, 'pending'),
        isNull(subscribers.confirmedAt),
        lt(
          sql`max(coalesce(${subscribers.consentAt}, 0), coalesce(${subscribers.confirmSentAt}, 0), ${subscribers.createdAt})`,
          before,
        ),
        or(isNotNull(subscribers.confirmSentAt), sql`${subscribers.consentSource} is not 'import'`),
      ),
    )
    .returning({ id: subscribers.id });
  return deleted.length;
}

/**
 * The statements that delete a subscriber and everything kept about them (their schools, consent, and the
 * records of the emails sent to them, which go with the row; the throttle's records that name the address,
 * `rateKeys`), for a parent who asks the district to forget them, and remember the address only as `keyHash`
 * (forgottenKeyOf) so that no import brings it back.
 */
export function forgetSubscriberStatements(
  db: Database,
  subscriber: { id: number },
  keyHash: string,
  now: number,
  rateKeys: string[],
): Statement[] {
  return [
    db.orm.delete(subscribers).where(eq(subscribers.id, subscriber.id)),
    ...(rateKeys.length ? [db.orm.delete(rateEvents).where(inList(rateEvents.key, rateKeys))] : []),
    db.orm.insert(forgottenAddresses).values({ keyHash, at: now }).onConflictDoNothing(),
  ];
}

/** The keyed hash a forgotten address is remembered by: nothing in the database names it. */
export function forgottenKeyOf(signingKey: string, email: string): Promise<string> {
  return sign(signingKey, `forgotten:${emailKeyOf(email)}`);
}

/** Which of these keyed hashes belong to addresses deleted at their owner's request. */
export async function findForgotten(db: Database, keyHashes: string[]): Promise<Set<string>> {
  if (keyHashes.length === 0) return new Set();
  const rows = await db.orm
    .select({ keyHash: forgottenAddresses.keyHash })
    .from(forgottenAddresses)
    .where(inList(forgottenAddresses.keyHash, keyHashes));
  return new Set(rows.map((row) => row.keyHash));
}
