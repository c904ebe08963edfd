// The background jobs, runtime-neutral: Node's in-process scheduler and Workers' cron triggers both call
// these. Each is safe to run concurrently with itself in another process (claims are conditional writes).
import { listUncopiedPublishedPictures } from '../db/pictures';
import { copyPictures, fillMissingLooks } from '../pictures/copy-pictures';
import { emailTrouble, markStaleSendsUnknown } from '../db/deliveries';
import { markStaleMessagesUnknown } from '../db/messages';
import { deleteRateEventsBefore } from '../db/rate-events';
import { deleteExpiredSessions } from '../db/sessions';
import { deleteUnconfirmedBefore } from '../db/subscribers';
import { UNCONFIRMED_KEPT_DAYS, unconfirmedCutoff } from '../subscriptions/confirm-link';
import type { AppDeps } from '../deps';
import { sendDueDeliveries, type SendDeps, type SendReport } from '../email/send-digest';
import { emailIsOn } from '../email/no-mailer';
import { sendDueMessages } from '../email/send-messages';
import { sendImportConfirmations } from '../subscriptions/import-confirmations';
import { pollSources } from '../ingest/poll';
import type { IngestDeps, RefreshOutcome } from '../ingest/refresh-source';
import { readDistrictSettings, siteOf } from '../settings/district-settings';

/** A message in 'sending' longer than this was in flight when its process died. */
export const SEND_LEASE_MS = 10 * 60_000;

export async function sendDepsOf(deps: AppDeps): Promise<SendDeps> {
  const settings = await readDistrictSettings(deps.db);
  return {
    db: deps.db,
    mailer: deps.mailer,
    now: () => deps.clock.now(),
    log: deps.log,
    site: siteOf(settings, deps.config.publicUrl),
    translationUnreviewed: settings.translationUnreviewed,
    mailFrom: deps.config.mailFrom,
    signingKey: deps.signingKey,
  };
}

export async function runPollJob(
  deps: AppDeps,
  options: { sourceId?: number; sourceIds?: number[] } = {},
): Promise<RefreshOutcome[]> {
  return pollSources(ingestDepsOf(deps), options);
}

export function ingestDepsOf(deps: AppDeps): IngestDeps {
  return {
    db: deps.db,
    fetcher: deps.fetcher,
    now: () => deps.clock.now(),
    log: deps.log,
    process: deps.feedProcessor,
  };
}

export async function runSendJob(
  deps: AppDeps,
  options: { digestId?: number; maxDeliveries?: number; concurrency?: number; signal?: AbortSignal } = {},
): Promise<SendReport> {
  // With no provider, queued mail waits (nothing is lost) until one is configured.
  if (!emailIsOn(deps.mailer))
    return { sent: 0, retried: 0, failed: 0, skipped: 0, suspended: 0, renders: 0, more: false };
  const sendDeps = await sendDepsOf(deps);
  // One-off messages first: someone is waiting for each (a confirmation, a password link), and they are few.
  const messages =
    options.digestId === undefined
      ? await sendDueMessages(sendDeps, {
          concurrency: options.concurrency,
          maxMessages: options.maxDeliveries,
          signal: options.signal,
        })
      : undefined;
  const report = await sendDueDeliveries(sendDeps, {
    ...options,
    maxDeliveries:
      options.maxDeliveries === undefined
        ? undefined
        : Math.max(
            0,
            options.maxDeliveries - (messages ? messages.sent + messages.failed + messages.retried : 0),
          ),
  });
  if (messages?.more) report.more = true;
  // Said once a pass, with the mail server's latest answer: otherwise a refusing server shows only in the
  // database until the last retry, hours later (and as a time on /healthz). A bounce is the address's own
  // problem, not the server's, and says nothing here.
  if (report.retried + report.failed + (messages?.retried ?? 0) + (messages?.failed ?? 0) > 0) {
    const { latest, retrying } = await emailTrouble(deps.db, deps.clock.now() - 60 * 60_000);
    if (latest)
      deps.log.warn('the mail server did not take some emails', {
        waitingToRetry: retrying,
        reason: latest.reason,
      });
  }
  // Imported addresses are asked to confirm in the background, a few hundred per pass.
  if (options.digestId === undefined && !options.signal?.aborted) await sendImportConfirmations(sendDeps);
  return report;
}

/**
 * Marks unknown every email (digest or one-off) whose sender held it past the lease: that process died with
 * it on the wire, and nobody knows whether the server took it. Run at start-up and every minute, so a crash
 * shows within SEND_LEASE_MS plus a minute, never as mail still waiting to go.
 */
export async function runLeaseCheck(deps: AppDeps): Promise<number> {
  const now = deps.clock.now();
  const unknown =
    (await markStaleSendsUnknown(deps.db, now - SEND_LEASE_MS, now)) +
    (await markStaleMessagesUnknown(deps.db, now - SEND_LEASE_MS, now));
  if (unknown > 0) {
    deps.log.warn(
      'emails whose outcome is unknown (a process stopped while sending them); see Subscribers in the admin',
      { unknown },
    );
  }
  return unknown;
}

export async function runHousekeeping(deps: AppDeps): Promise<void> {
  const now = deps.clock.now();
  await deleteExpiredSessions(deps.db, now);
  await deleteRateEventsBefore(deps.db, now - 24 * 60 * 60_000);
  const forgotten = await deleteUnconfirmedBefore(deps.db, unconfirmedCutoff(now));
  if (forgotten > 0)
    deps.log.info('sign-ups nobody confirmed were deleted', {
      count: forgotten,
      days: UNCONFIRMED_KEPT_DAYS,
    });
  // Digests published before pictures were copied get their copies, a few at a time.
  if (deps.pictures) {
    const urls = await listUncopiedPublishedPictures(deps.db, 50);
    await copyPictures({ ...deps, pictures: deps.pictures, now: () => deps.clock.now() }, urls);
    // Copies made before their looks were kept get them, so that they are compared with what comes down.
    await fillMissingLooks({ ...deps, pictures: deps.pictures, now: () => deps.clock.now() });
  }
}
