// The social job, run by every scheduler (the Node process every half minute, a queue message on Workers):
// it derives the posts that are due from the digests' state (published, corrected, taken down), then makes
// each one exactly once: claimed (queued → posting) before it leaves, its outcome recorded right after, and
// retried with the same idempotency key or record key after a crash. An account whose credential stops
// working is stopped, its editors told once, and its posts wait for it to be connected again.
import { recordAudit, systemActor } from '../db/audit';
import { findSocialAccountWithSecret, stopSocialAccount, type SocialAccountRow } from '../db/social-accounts';
import {
  againMoment,
  claimDeletion,
  claimPost,
  findDayPost,
  listDuePosts,
  markDeletionRetry,
  markPostDeleted,
  markPostFailed,
  markPostPosted,
  markPostRetry,
  markPostWaiting,
  markTakenDownPosts,
  queueCorrectionReplies,
  queueDigestPosts,
  recoverStalePosts,
  type DuePost,
} from '../db/social-posts';
import { listCorrections } from '../db/digests';
import type { AppDeps } from '../deps';
import { notifyEditors } from '../curate/notify-editors';
import { loadPublishedDigest, type DigestContent } from '../publish/digest-content';
import { readDistrictSettings, siteOf } from '../settings/district-settings';
import { leadPicture } from '../pictures/picture-view';
import { clientFor } from './clients';
import { composePost, postPartsOf, type PostParts } from './compose-post';
import { localDateOf } from '../time/zoned-time';
import { secretContext } from './connect-account';
import { NETWORK_NAMES, type Credentials, type OutgoingPost, type Problem } from './network';
import { postIdempotencyKey, postRecordKey } from './record-key';
import { createSecretBox } from './secret-box';
import { createSocialFetch, type SocialFetch } from './social-fetch';
import { postingSite, readSocialSettings, type SocialSettings } from './social-settings';

/** A post in 'posting' longer than this was on the wire when its process died (each call has a 30 s deadline). */
export const SOCIAL_LEASE_MS = 3 * 60_000;
export const SOCIAL_MAX_ATTEMPTS = 5;
export const SOCIAL_RETRY_DELAYS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000];

export interface SocialReport {
  posted: number;
  retried: number;
  failed: number;
  deleted: number;
  stopped: number;
}

export function socialFetchOf(deps: AppDeps): SocialFetch {
  return (
    deps.socialFetch ?? createSocialFetch({ allowPrivateNetworks: deps.config.fetchAllowPrivateNetworks })
  );
}

/**
 * Brings the records up to date with the digests (posts for new digests and corrections, deletions for
 * takedowns, posts a dead process left claimed) and answers what is due now. Cheap, so a Workers cron runs it
 * to decide whether to queue a message at all.
 */
export async function prepareSocialWork(deps: AppDeps, limit = 50) {
  const now = deps.clock.now();
  await recoverStalePosts(deps.db, now - SOCIAL_LEASE_MS, now);
  await queueDigestPosts(deps.db, now);
  await queueCorrectionReplies(deps.db, now);
  await markTakenDownPosts(deps.db, now);
  return {
    due: await listDuePosts(deps.db, 'queued', now, limit),
    deletions: await listDuePosts(deps.db, 'deleting', now, limit),
  };
}

export async function runSocialJob(deps: AppDeps, options: { limit?: number } = {}): Promise<SocialReport> {
  const report: SocialReport = { posted: 0, retried: 0, failed: 0, deleted: 0, stopped: 0 };
  const { due, deletions } = await prepareSocialWork(deps, options.limit);
  if (due.length === 0 && deletions.length === 0) return report;

  const fetch = socialFetchOf(deps);
  const settings = await readSocialSettings(deps.db);
  const site = await postingSite(deps.db, deps.config.publicUrl, settings);
  const contents = new Map<string, DigestContent | undefined>();
  const contentOf = async (date: string) => {
    if (!contents.has(date)) contents.set(date, await loadPublishedDigest(deps.db, date));
    return contents.get(date);
  };

  // Deletions first: where both are due, the post a takedown replaces comes down before the new one goes up.
  for (const post of deletions) {
    const now = deps.clock.now();
    if (!(await claimDeletion(deps.db, post.id, now + SOCIAL_LEASE_MS, now))) continue;
    const account = await credentialsOf(deps, post.accountId);
    if (!account.ok) {
      await stopAccount(deps, account.row, account.reason, report);
      await markDeletionRetry(deps.db, post.id, account.reason, 0, deps.clock.now());
      continue;
    }
    const outcome = await clientFor(post.network, fetch).remove(account.credentials, post.remoteId!);
    if (outcome.ok) {
      await markPostDeleted(deps.db, post.id, deps.clock.now());
      report.deleted++;
      await audit(deps, 'social.delete', post, account.row, { url: post.remoteUrl, kind: post.key });
    } else if (outcome.problem.kind === 'auth') {
      await stopAccount(deps, account.row, outcome.problem.message, report);
      await markDeletionRetry(deps.db, post.id, outcome.problem.message, 0, deps.clock.now());
    } else {
      const delay = SOCIAL_RETRY_DELAYS_MS[Math.min(post.attempts, SOCIAL_RETRY_DELAYS_MS.length - 1)]!;
      await markDeletionRetry(
        deps.db,
        post.id,
        `${outcome.problem.message} Yesterday tries again.`,
        deps.clock.now() + delay,
        deps.clock.now(),
      );
    }
  }
  for (const post of due) {
    if (!(await claimPost(deps.db, post.id, deps.clock.now()))) continue; // another scheduler has it
    const account = await credentialsOf(deps, post.accountId);
    if (!account.ok) {
      await stopAccount(deps, account.row, account.reason, report);
      await markPostWaiting(deps.db, post.id, account.reason, deps.clock.now());
      continue;
    }
    const content = await contentOf(post.digestDate);
    const outgoing = content && (await outgoingPost(deps, post, content, settings, site));
    if (!outgoing) {
      await markPostFailed(
        deps.db,
        post.id,
        'The digest was taken down, or its post was, before this went out.',
        deps.clock.now(),
      );
      continue;
    }
    const outcome = await clientFor(post.network, fetch).publish(account.credentials, outgoing);
    const at = deps.clock.now();
    if (outcome.ok) {
      await markPostPosted(deps.db, post.id, outcome, at);
      report.posted++;
      await audit(deps, 'social.post', post, account.row, { url: outcome.url, kind: post.key });
      continue;
    }
    await recordProblem(deps, post, account.row, outcome.problem, report);
  }

  return report;
}

type AccountCredentials =
  | { ok: true; row: SocialAccountRow; credentials: Credentials }
  | { ok: false; row: SocialAccountRow; reason: string };

async function credentialsOf(deps: AppDeps, accountId: number): Promise<AccountCredentials> {
  const row = (await findSocialAccountWithSecret(deps.db, accountId))!;
  const key = deps.config.socialSecretKey;
  const secret =
    key && row.secret ? await createSecretBox(key).open(row.secret, secretContext(row)) : undefined;
  if (secret === undefined)
    return {
      ok: false,
      row,
      reason: !key
        ? 'SOCIAL_SECRET_KEY is not set, so the stored token cannot be read. Set it again (the same key as before), or connect the account again.'
        : 'The stored token cannot be read with this SOCIAL_SECRET_KEY (the key changed, or the district moved). Connect the account again.',
    };
  return { ok: true, row, credentials: { server: row.server, login: row.login, secret } };
}

/** The post (or the correction's reply) for one account; undefined when there is nothing to say any more. */
async function outgoingPost(
  deps: AppDeps,
  post: DuePost,
  content: DigestContent,
  settings: SocialSettings,
  site: Parameters<typeof postPartsOf>[1] & { timezone: string },
): Promise<OutgoingPost | undefined> {
  // Said as on the day the digest was published, however late a retry goes out.
  const publishedOn = localDateOf(content.digest.publishedAt ?? post.queuedAt, site.timezone);
  const made = postPartsOf(content, site, publishedOn);
  // A day's post made again after a takedown links to the page under an address of its own: a network keeps
  // the link preview it made of an address, taken-down picture and all, and would show it again without reading
  // the page. The page reads no such parameter, so it is the same page.
  const again = againMoment(post.key);
  const parts = again ? { ...made, link: `${made.link}?v=${again}` } : made;
  const base = {
    link: parts.link,
    title: parts.title,
    description: parts.summary,
    language: settings.language,
    idempotencyKey: postIdempotencyKey(post.digestId, post.accountId, post.key),
  };
  if (post.correctionId === null) {
    // A day's post made again after a takedown is dated when it was queued, the first when the digest went out.
    const moment = post.key === 'digest' ? (content.digest.publishedAt ?? post.queuedAt) : post.queuedAt;
    return {
      ...base,
      text: composePost(settings.template, parts, post.network).text,
      recordKey: postRecordKey(moment, post.digestId, post.accountId, post.key),
      createdAt: new Date(moment).toISOString(),
      picture: post.network === 'bluesky' ? await sharePicture(deps, content) : undefined,
    };
  }
  const day = await findDayPost(deps.db, post.digestId, post.accountId);
  const correction = (await listCorrections(deps.db, [post.digestId])).find(
    (c) => c.id === post.correctionId,
  );
  if (!day?.remoteId || day.state !== 'posted' || !correction) return undefined;
  const reply: PostParts = { title: 'Correction:', summary: correction.note, link: parts.link };
  return {
    ...base,
    text: composePost('{title} {summary}\n\n{link}', reply, post.network).text,
    recordKey: postRecordKey(correction.at, post.digestId, post.accountId, post.key),
    createdAt: new Date(correction.at).toISOString(),
    replyTo: { id: day.remoteId, cid: day.remoteCid },
  };
}

/** The digest's share picture (the page's og:image), in its email size, for the Bluesky link card. */
async function sharePicture(deps: AppDeps, content: DigestContent): Promise<OutgoingPost['picture']> {
  const lead = leadPicture(content.entries, deps.config.publicUrl);
  if (!lead || !deps.pictures) return undefined;
  const name = lead.email.src.slice(lead.email.src.lastIndexOf('/') + 1);
  const bytes = await deps.pictures.bytes.get(name);
  // Bluesky takes a card picture up to a megabyte.
  if (!bytes || bytes.byteLength > 1_000_000) return undefined;
  return { bytes, type: name.endsWith('.png') ? 'image/png' : 'image/jpeg', alt: lead.alt };
}

async function recordProblem(
  deps: AppDeps,
  post: DuePost,
  account: SocialAccountRow,
  problem: Problem,
  report: SocialReport,
): Promise<void> {
  const now = deps.clock.now();
  if (problem.kind === 'auth') {
    await stopAccount(deps, account, problem.message, report);
    await markPostWaiting(deps.db, post.id, problem.message, now);
    return;
  }
  if (problem.kind === 'temporary' && post.attempts + 1 < SOCIAL_MAX_ATTEMPTS) {
    const delay =
      problem.retryAfterMs ??
      SOCIAL_RETRY_DELAYS_MS[Math.min(post.attempts, SOCIAL_RETRY_DELAYS_MS.length - 1)]!;
    await markPostRetry(deps.db, post.id, `${problem.message} Yesterday tries again.`, now + delay, now);
    report.retried++;
    return;
  }
  await markPostFailed(deps.db, post.id, problem.message, now);
  report.failed++;
  await audit(deps, 'social.post_failed', post, account, { reason: problem.message, kind: post.key });
}

/** Stops the account once (whichever scheduler gets there first tells the editors and the audit log). */
async function stopAccount(deps: AppDeps, account: SocialAccountRow, reason: string, report: SocialReport) {
  if (!(await stopSocialAccount(deps.db, account.id, reason, deps.clock.now()))) return;
  report.stopped++;
  deps.log.warn('a social account stopped posting: its credential no longer works', {
    network: account.network,
    account: account.name,
  });
  await recordAudit(
    deps.db,
    systemActor,
    {
      action: 'social.stop',
      subjectType: 'social_account',
      subjectId: account.id,
      details: { network: account.network, name: account.name, reason },
    },
    deps.clock.now(),
  );
  const settings = await readDistrictSettings(deps.db);
  const network = NETWORK_NAMES[account.network];
  await notifyEditors(
    {
      db: deps.db,
      mailer: deps.mailer,
      mailFrom: deps.config.mailFrom,
      site: siteOf(settings, deps.config.publicUrl),
    },
    {
      subject: `${network} account ${account.name} stopped posting`,
      heading: `The ${network} account ${account.name} stopped posting`,
      paragraphs: [
        reason,
        'Its posts wait until an administrator connects the account again under Settings → Social accounts; nothing is lost.',
      ],
      action: { label: 'Open Social accounts', url: `${deps.config.publicUrl}/admin/social` },
    },
    'social-stop',
  );
}

async function audit(
  deps: AppDeps,
  action: string,
  post: DuePost,
  account: SocialAccountRow,
  details: Record<string, unknown>,
) {
  await recordAudit(
    deps.db,
    systemActor,
    {
      action,
      subjectType: 'digest',
      subjectId: post.digestDate,
      details: { network: account.network, account: account.name, ...details },
    },
    deps.clock.now(),
  );
}
