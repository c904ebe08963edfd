// Sends queued one-off messages (subscription and address confirmations, password links) from the background,
// never inside the request that asked for them. Each is claimed (queued → sending) before it leaves and its
// outcome recorded right after, as digest deliveries are, and rendered only now, so its link is fresh and no
// token waits in the database.
import { createOneTimeLink, retireOtherPasswordLinks } from '../auth/one-time-links';
import { passwordLinkEmail } from '../auth/accounts';
import {
  claimMessage,
  listDueMessages,
  markMessageFailed,
  markMessageRetry,
  markMessageSent,
  type Message,
} from '../db/messages';
import {
  findSubscriberByEmail,
  findSubscriberById,
  listSubscriberSchools,
  markConfirmSent,
} from '../db/subscribers';
import { findUserById } from '../db/users';
import { runWithConcurrency } from '../ingest/poll';
import { addressConfirmEmail, addressMovedEmail } from '../subscriptions/change-address';
import { alreadySubscribedEmail, confirmationEmail } from '../subscriptions/subscribe';
import type { OutgoingEmail, SendOutcome } from './mailer';
import { composeOwnerNote } from './owner-notes';
import { MAX_ATTEMPTS, RETRY_DELAYS_MS, type SendDeps } from './send-digest';

export interface MessageReport {
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
}

/** Sends what is due, a batch at a time, until nothing is due or `signal` says the process is stopping. */
export async function sendDueMessages(
  deps: SendDeps,
  options: { concurrency?: number; maxMessages?: number; signal?: AbortSignal } = {},
): Promise<MessageReport & { more: boolean }> {
  const report = { sent: 0, retried: 0, failed: 0, skipped: 0, more: false };
  let budget = options.maxMessages ?? Infinity;
  while (!options.signal?.aborted) {
    if (budget <= 0) {
      report.more = (await listDueMessages(deps.db, { now: deps.now(), limit: 1 })).length > 0;
      break;
    }
    const due = await listDueMessages(deps.db, { now: deps.now(), limit: Math.min(100, budget) });
    if (due.length === 0) break;
    budget -= due.length;
    await runWithConcurrency(due, options.concurrency ?? deps.mailer.inFlight, async (message) => {
      if (options.signal?.aborted) return; // left queued for the next start
      const outcome = await sendOne(deps, message);
      if (outcome) report[outcome]++;
    });
  }
  return report;
}

type Composed = { email: OutgoingEmail; afterSend?: () => Promise<void> } | { skip: string };

async function sendOne(deps: SendDeps, message: Message): Promise<keyof MessageReport | undefined> {
  if (!(await claimMessage(deps.db, message.id, deps.now()))) return undefined; // another sender has it
  const composed = await compose(deps, message);
  if ('skip' in composed) {
    await markMessageFailed(deps.db, message.id, { state: 'skipped', error: composed.skip }, deps.now());
    return 'skipped';
  }
  const outcome = await deps.mailer.send(composed.email).catch((error: unknown): SendOutcome => ({
    ok: false,
    permanent: false,
    reason: (error as Error).message,
  }));
  const now = deps.now();
  if (outcome.ok) {
    await markMessageSent(deps.db, message.id, outcome.messageId, now);
    await composed.afterSend?.();
    return 'sent';
  }
  if (!outcome.permanent && message.attempts + 1 < MAX_ATTEMPTS) {
    const delay = RETRY_DELAYS_MS[Math.min(message.attempts, RETRY_DELAYS_MS.length - 1)]!;
    await markMessageRetry(deps.db, message.id, outcome.reason, now + delay, now);
    return 'retried';
  }
  await markMessageFailed(
    deps.db,
    message.id,
    { state: outcome.bounce ? 'bounced' : 'failed', error: outcome.reason },
    now,
  );
  deps.log.warn('message failed', { message: message.id, kind: message.kind, reason: outcome.reason });
  return 'failed';
}

/** The email as it should go now, or why it should not go at all (things changed since it was asked for). */
async function compose(deps: SendDeps, message: Message): Promise<Composed> {
  if (message.sourceId !== null) return composeOwnerNote(deps, message);
  if (message.kind === 'password-link') {
    const user = message.userId === null ? undefined : await findUserById(deps.db, message.userId);
    if (!user || user.disabled || user.email !== message.toAddress)
      return {
        skip: 'The account was disabled, removed or given another address before this email went out.',
      };
    // Asked for by anyone who knows the address: the links sent before are retired only once this one has
    // gone, so a request whose email fails leaves the person the link they had (say, an invitation).
    const link = await createOneTimeLink(deps.db, deps.site.publicUrl, 'set-password', user.id, deps.now(), {
      retireOthers: false,
    });
    return {
      email: passwordLinkEmail(deps, user.email, link, 'reset', user.role),
      afterSend: () => retireOtherPasswordLinks(deps.db, user.id, link, deps.now()),
    };
  }
  const subscriber =
    message.subscriberId === null ? undefined : await findSubscriberById(deps.db, message.subscriberId);
  if (!subscriber) return { skip: 'The subscription was removed before this email went out.' };
  if (message.kind === 'address-confirm') {
    if (subscriber.pendingEmail !== message.toAddress)
      return { skip: 'Another address was asked for, or this one confirmed, before this email went out.' };
    return { email: await addressConfirmEmail(deps, subscriber, message.toAddress) };
  }
  if (message.kind === 'address-moved') {
    // Moved back, or subscribed again, before the note went: it would say something no longer true.
    const now = await findSubscriberByEmail(deps.db, message.toAddress);
    if (now && (now.status === 'confirmed' || now.status === 'pending'))
      return { skip: 'This address is subscribed again, so there is no move to tell.' };
    return { email: addressMovedEmail(deps, subscriber, message.toAddress) };
  }
  if (message.kind === 'subscribe-already') {
    if (subscriber.status !== 'confirmed' || subscriber.email !== message.toAddress)
      return { skip: `The subscription is ${subscriber.status} now, or moved, so there is nothing to say.` };
    return { email: await alreadySubscribedEmail(deps, subscriber) };
  }
  if (subscriber.status !== 'pending')
    return { skip: `The subscription is ${subscriber.status} now, so there is nothing to confirm.` };
  const schools = await listSubscriberSchools(deps.db, subscriber.id);
  return {
    email: await confirmationEmail(
      deps,
      subscriber,
      schools.map((s) => s.name),
    ),
    afterSend: () => markConfirmSent(deps.db, subscriber.id, deps.now()),
  };
}
