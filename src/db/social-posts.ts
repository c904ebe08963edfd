// Storage for social posts: one row per digest per account ('digest', and 'digest:again:AT' for one made again
// after a takedown changed what it showed) and per correction ('correction:ID'), queued → posting → posted or
// failed, and posted → deleting → deleted when the digest, or what the post showed of it, is taken down. Rows are
// derived from the digests' own state by conditional inserts (a unique key makes a second scheduler's insert
// a no-op), and each post is claimed (queued → posting) before it leaves, like an email delivery.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Database } from './client';
import { digests, socialAccounts, socialPosts } from './schema';

export type SocialPost = typeof socialPosts.$inferSelect;
export type SocialPostState = SocialPost['state'];

/** The key of a day's post made again after a takedown, before the moment it was queued (ms). */
const AGAIN = 'digest:again:';

/**
 * SQL for "the post (aliased `p`) is a day's post of its digest": the first ('digest'), or one made again after
 * a takedown (AGAIN), not a correction's reply.
 */
const DAY_POST = `(p.key = 'digest' or p.key like '${AGAIN}%')`;

/** A digest published this long ago or less still gets its posts (after downtime, or an account connected late). */
export const POST_WINDOW_MS = 2 * 24 * 60 * 60_000;

/** Queues a post for each active account and each digest published since the account was connected. */
export async function queueDigestPosts(db: Database, now: number): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `insert into social_posts (digest_id, account_id, key, state, attempts, next_attempt_at, queued_at, updated_at)
     select d.id, a.id, 'digest', 'queued', 0, 0, ?, ?
       from digests d join social_accounts a on a.status = 'active' and d.published_at >= a.connected_at
      where d.status = 'published' and d.published_at >= ?
     on conflict do nothing returning id`,
    [now, now, now - POST_WINDOW_MS],
  );
  return rows.length;
}

/** Queues a reply for each correction made after the day's post went up on an active account. */
export async function queueCorrectionReplies(db: Database, now: number): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `insert into social_posts
       (digest_id, account_id, key, correction_id, state, attempts, next_attempt_at, queued_at, updated_at)
     select p.digest_id, p.account_id, 'correction:' || c.id, c.id, 'queued', 0, 0, ?, ?
       from social_posts p
       join digest_corrections c on c.digest_id = p.digest_id and c.at > p.posted_at
       join social_accounts a on a.id = p.account_id and a.status = 'active'
       join digests d on d.id = p.digest_id and d.status = 'published'
      where ${DAY_POST} and p.state = 'posted' and c.at >= ?
     on conflict do nothing returning id`,
    [now, now, now - POST_WINDOW_MS],
  );
  return rows.length;
}

/**
 * A digest taken down: what was not posted is withdrawn, and what was posted (the day's post and its
 * replies) is due to be deleted.
 */
export async function markTakenDownPosts(db: Database, now: number): Promise<void> {
  await db.batch([
    db.prepared(
      `update social_posts set state = 'withdrawn', last_error = 'The digest was taken down first.', updated_at = ?
        where state = 'queued' and digest_id in (select id from digests where status = 'unpublished')`,
      [now],
    ),
    // An account disconnected since has no token to delete with: a person deletes those by hand.
    db.prepared(
      `update social_posts set state = 'failed', updated_at = ?,
              last_error = 'The digest was taken down, but this account was disconnected, so Yesterday cannot delete its post. Delete it by hand.'
        where state in ('posted', 'deleting') and digest_id in (select id from digests where status = 'unpublished')
          and account_id in (select id from social_accounts where status = 'disconnected')`,
      [now],
    ),
    db.prepared(
      `update social_posts set state = 'deleting', next_attempt_at = 0, attempts = 0, updated_at = ?
        where state = 'posted' and digest_id in (select id from digests where status = 'unpublished')`,
      [now],
    ),
  ]);
}

/** When a day's post made again after a takedown was queued, as its key says (ms); undefined for any other. */
export function againMoment(key: string): string | undefined {
  return key.startsWith(AGAIN) ? key.slice(AGAIN.length) : undefined;
}

/** Whether a post's key is a day's post (as DAY_POST has it), not a correction's reply. */
export function isDayPostKey(key: string): boolean {
  return key === 'digest' || againMoment(key) !== undefined;
}

/** What became of a digest's day's posts that were up when a takedown changed what they showed. */
export interface ReplacedPosts {
  /** Deleted, and queued again from the page as it is now. */
  again: number;
  /** Deleted only: the digest was published more than POST_WINDOW_MS ago, too late to post it as new. */
  deleted: number;
  /** On an account disconnected since, which holds no token to delete with: for a person to delete. */
  byHand: number;
}

/**
 * A takedown changed what a published digest's posts show (after-takedown.ts): every post of it that is up
 * (the day's post and the replies to it) is due to be deleted, and the day's post is queued again, from the
 * page as it is now, on each account that had it up (a stopped one posts once connected again), for a digest
 * published within POST_WINDOW_MS (an older day's post is only deleted). On an account disconnected since,
 * nothing can be deleted: a person is asked to.
 */
export async function replaceDayPosts(db: Database, date: string, now: number): Promise<ReplacedPosts> {
  const up = await db.query<{ status: string; published_at: number | null }>(
    `select a.status, d.published_at from social_posts p
       join digests d on d.id = p.digest_id join social_accounts a on a.id = p.account_id
      where d.date = ? and d.status = 'published' and p.state = 'posted' and ${DAY_POST}`,
    [date],
  );
  const fresh = (row: { published_at: number | null }) => (row.published_at ?? 0) >= now - POST_WINDOW_MS;
  const replaced: ReplacedPosts = {
    byHand: up.filter((row) => row.status === 'disconnected').length,
    again: up.filter((row) => row.status !== 'disconnected' && fresh(row)).length,
    deleted: up.filter((row) => row.status !== 'disconnected' && !fresh(row)).length,
  };
  if (up.length === 0) return replaced;
  const digest = `(select id from digests where date = ? and status = 'published')`;
  await db.batch([
    db.prepared(
      `update social_posts set state = 'failed', updated_at = ?,
              last_error = 'A post or picture was taken down from the digest, but this account was disconnected, so Yesterday cannot delete its post. Delete it by hand.'
        where state = 'posted' and digest_id = ${digest}
          and account_id in (select id from social_accounts where status = 'disconnected')`,
      [now, date],
    ),
    db.prepared(
      `insert into social_posts (digest_id, account_id, key, state, attempts, next_attempt_at, queued_at, updated_at)
       select d.id, a.id, '${AGAIN}' || ?, 'queued', 0, 0, ?, ?
         from digests d join social_accounts a on a.status in ('active', 'stopped')
        where d.date = ? and d.status = 'published' and d.published_at >= ?
          and a.id in (select account_id from social_posts p
                        where p.digest_id = d.id and p.state = 'posted' and ${DAY_POST})
       on conflict do nothing`,
      // The key's moment as text: a number would be bound as a real ("…584.0").
      [String(Math.trunc(now)), now, now, date, now - POST_WINDOW_MS],
    ),
    db.prepared(
      `update social_posts set state = 'deleting', next_attempt_at = 0, attempts = 0, updated_at = ?,
              last_error = 'A post or picture was taken down from the digest, so this post, which showed it, is deleted.'
        where state = 'posted' and digest_id = ${digest}`,
      [now, date],
    ),
  ]);
  return replaced;
}

export interface DuePost extends SocialPost {
  digestDate: string;
  publishedAt: number | null;
  network: SocialAccountNetwork;
}
type SocialAccountNetwork = (typeof socialAccounts.$inferSelect)['network'];

/** Posts (or deletions) due now on active accounts, oldest first. */
export async function listDuePosts(
  db: Database,
  state: 'queued' | 'deleting',
  now: number,
  limit: number,
): Promise<DuePost[]> {
  const rows = await db.orm
    .select({
      post: socialPosts,
      digestDate: digests.date,
      publishedAt: digests.publishedAt,
      network: socialAccounts.network,
    })
    .from(socialPosts)
    .innerJoin(digests, eq(digests.id, socialPosts.digestId))
    .innerJoin(socialAccounts, eq(socialAccounts.id, socialPosts.accountId))
    .where(and(eq(socialPosts.state, state), eq(socialAccounts.status, 'active')))
    .orderBy(asc(socialPosts.nextAttemptAt), asc(socialPosts.id))
    .limit(limit);
  return rows
    .filter((r) => r.post.nextAttemptAt <= now)
    .map((r) => ({ ...r.post, digestDate: r.digestDate, publishedAt: r.publishedAt, network: r.network }));
}

/** queued → posting, only if still queued (and, for a reply, its digest still up); true if this caller won. */
export async function claimPost(db: Database, id: number, now: number): Promise<boolean> {
  const rows = await db.query<{ id: number }>(
    `update social_posts set state = 'posting', attempts = attempts + 1, updated_at = ?
      where id = ? and state = 'queued'
        and digest_id in (select id from digests where status = 'published') returning id`,
    [now, id],
  );
  return rows.length > 0;
}

/** A deletion is claimed by moving its next attempt past the lease: a second scheduler skips it meanwhile. */
export async function claimDeletion(
  db: Database,
  id: number,
  leaseEnd: number,
  now: number,
): Promise<boolean> {
  const rows = await db.query<{ id: number }>(
    `update social_posts set attempts = attempts + 1, next_attempt_at = ?, updated_at = ?
      where id = ? and state = 'deleting' and next_attempt_at <= ? returning id`,
    [leaseEnd, now, id, now],
  );
  return rows.length > 0;
}

export async function markPostPosted(
  db: Database,
  id: number,
  remote: { id: string; url: string; cid?: string },
  now: number,
): Promise<void> {
  await db.prepared(
    `update social_posts set state = 'posted', remote_id = ?, remote_url = ?, remote_cid = ?, posted_at = ?,
            last_error = null, updated_at = ? where id = ? and state = 'posting'`,
    [remote.id, remote.url, remote.cid ?? null, now, now, id],
  );
}

export async function markPostRetry(db: Database, id: number, error: string, retryAt: number, now: number) {
  await db.prepared(
    `update social_posts set state = 'queued', last_error = ?, next_attempt_at = ?, updated_at = ?
      where id = ? and state = 'posting'`,
    [error, retryAt, now, id],
  );
}

export async function markPostFailed(db: Database, id: number, error: string, now: number) {
  await db.prepared(
    `update social_posts set state = 'failed', last_error = ?, updated_at = ? where id = ? and state = 'posting'`,
    [error, now, id],
  );
}

/** A post whose account stopped while it was claimed waits, queued, for the account to be connected again. */
export async function markPostWaiting(db: Database, id: number, error: string, now: number) {
  await markPostRetry(db, id, error, 0, now);
}

export async function markPostDeleted(db: Database, id: number, now: number) {
  await db.prepared(
    `update social_posts set state = 'deleted', last_error = null, updated_at = ? where id = ?`,
    [now, id],
  );
}

export async function markDeletionRetry(
  db: Database,
  id: number,
  error: string,
  retryAt: number,
  now: number,
) {
  await db.prepared(
    `update social_posts set last_error = ?, next_attempt_at = ?, updated_at = ? where id = ? and state = 'deleting'`,
    [error, retryAt, now, id],
  );
}

/**
 * Posts left in 'posting' past the lease were on the wire when a process died. Mastodon and Bluesky posts go
 * again (their idempotency key and record key make the repeat the same post); a Facebook post, which has no
 * such key, is marked failed for a person to check, never sent twice.
 */
export async function recoverStalePosts(db: Database, postingBefore: number, now: number): Promise<number> {
  const requeued = await db.query<{ id: number }>(
    `update social_posts set state = 'queued', next_attempt_at = 0, updated_at = ?,
            last_error = 'The process stopped while this was being posted; it goes again with the same key.'
      where state = 'posting' and updated_at < ?
        and account_id in (select id from social_accounts where network in ('mastodon', 'bluesky'))
      returning id`,
    [now, postingBefore],
  );
  const unknown = await db.query<{ id: number }>(
    `update social_posts set state = 'failed', updated_at = ?,
            last_error = 'The process stopped while this was being posted, and Facebook cannot tell whether it arrived. Look at the Page; post it by hand if it is missing.'
      where state = 'posting' and updated_at < ? returning id`,
    [now, postingBefore],
  );
  return requeued.length + unknown.length;
}

export interface DigestSocialPost {
  id: number;
  key: string;
  network: SocialAccountNetwork;
  account: string;
  state: SocialPostState;
  url: string | null;
  lastError: string | null;
}

/** A digest's posts and replies, for the desk and the API. */
export async function listDigestSocialPosts(db: Database, digestId: number): Promise<DigestSocialPost[]> {
  return db.orm
    .select({
      id: socialPosts.id,
      key: socialPosts.key,
      network: socialAccounts.network,
      account: socialAccounts.name,
      state: socialPosts.state,
      url: socialPosts.remoteUrl,
      lastError: socialPosts.lastError,
    })
    .from(socialPosts)
    .innerJoin(socialAccounts, eq(socialAccounts.id, socialPosts.accountId))
    .where(eq(socialPosts.digestId, digestId))
    .orderBy(asc(socialPosts.id));
}

/** The day's post that is up on one account, which a correction answers. */
export async function findDayPost(
  db: Database,
  digestId: number,
  accountId: number,
): Promise<SocialPost | undefined> {
  return (
    db.orm
      .select()
      .from(socialPosts)
      .where(
        and(
          eq(socialPosts.digestId, digestId),
          eq(socialPosts.accountId, accountId),
          eq(socialPosts.state, 'posted'),
          sql`(${socialPosts.key} = 'digest' or ${socialPosts.key} like ${`${AGAIN}%`})`,
        ),
      )
      // The latest: one made again after a takedown replaces the one before it.
      .orderBy(desc(socialPosts.id))
      .get()
  );
}
