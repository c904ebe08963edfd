// Asking for the digest by email: check the address strictly, limit how often one address or one client can
// ask, record consent, and queue the confirmation link (double opt-in), or, to an address already subscribed,
// its preferences link. Neither the answer nor the work behind it reveals whether the address was subscribed.
import { senderOf } from '../email/email-address';
import { clientKeyOf } from '../client-address';
import { randomToken } from '../auth/tokens';
import type { Database } from '../db/client';
import { recordAndCountRateEvents, withdrawRateEvents } from '../db/rate-events';
import { findSchoolsBySlugs } from '../db/schools';
import { queueSubscribeAlreadyStatement, queueSubscribeConfirmStatement } from '../db/messages';
import { emailKeyOf, pendingSubscriptionStatements } from '../db/subscribers';
import { checkEmailAddress, type AddressProblem } from '../email/email-address';
import { newMessageId, type OutgoingEmail } from '../email/mailer';
import { renderAlreadySubscribedEmail, renderConfirmEmail } from '../email/render-confirm-email';
import type { EmailSite } from '../email/render-digest-email';
import { subscriptionToken } from '../email/subscription-tokens';
import { languageParameter, siteForReader } from '../i18n/site-language';

export interface SubscribeDeps {
  db: Database;
  now: () => number;
  /** The confirmation is queued; this starts the background sender. */
  wakeSender: () => void;
}

export type SubscribeOutcome =
  { ok: true } | { ok: false; status: 400 | 429; problem: AddressProblem | 'too-many'; message: string };

export const CONSENT_TEXT =
  'I would like to receive the daily digest by email. I can unsubscribe at any time with the link in every email.';

const HOUR = 60 * 60_000;
const MAX_PER_ADDRESS_PER_HOUR = 3;
// A school's open house signs families up behind one Wi-Fi address; each request costs an email, so a
// hundred an hour from one place is where it stops.
export const MAX_PER_CLIENT_PER_HOUR = 100;

/** The sign-up throttle's key for an address: it names the mailbox, so forgetting a parent deletes it too. */
export function subscribeAddressKey(address: string): string {
  return `subscribe:address:${mailboxKeyOf(address)}`;
}

/**
 * The mailbox an address reaches, for counting requests: most mail services deliver name+anything@ to name@,
 * and Gmail ignores dots (n.a.m.e@gmail.com, and googlemail.com is the same service), so one mailbox cannot
 * be sent three confirmations an hour under each of endless spellings of it. Only the count uses this; the
 * address is stored and written to as typed.
 */
export function mailboxKeyOf(address: string): string {
  const key = emailKeyOf(address);
  const at = key.lastIndexOf('@');
  const plus = key.indexOf('+');
  let local = plus > 0 && plus < at ? key.slice(0, plus) : key.slice(0, at);
  let domain = key.slice(at + 1);
  if (GMAIL.has(domain)) {
    local = local.replaceAll('.', '') || local;
    domain = 'gmail.com';
  }
  return `${local}@${domain}`;
}

const GMAIL = new Set(['gmail.com', 'googlemail.com']);

export async function requestSubscription(
  deps: SubscribeDeps,
  input: {
    email: string;
    schoolSlugs: string[];
    clientIp: string | null;
    /** Which form: the sign-up page, or the one inside the district site's embed. */
    source?: 'form' | 'embed';
    /** The language the emails go out in (one the district offers). */
    language?: string;
    /** The consent as the person read it, in their language; CONSENT_TEXT when absent. */
    consentText?: string;
  },
): Promise<SubscribeOutcome> {
  const checked = checkEmailAddress(input.email);
  if (!checked.ok) return { ok: false, status: 400, problem: checked.problem, message: checked.message };
  const now = deps.now();
  const addressKey = subscribeAddressKey(checked.address);
  const clientKey = `subscribe:client:${clientKeyOf(input.clientIp)}`;
  const request = await recordAndCountRateEvents(deps.db, [addressKey, clientKey], now, now - HOUR);
  const [byAddress, byClient] = request.counts as [number, number];
  if (byAddress > MAX_PER_ADDRESS_PER_HOUR || byClient > MAX_PER_CLIENT_PER_HOUR) {
    await withdrawRateEvents(deps.db, request.ids);
    return {
      ok: false,
      status: 429,
      problem: 'too-many',
      message: 'There have been too many requests from here. Please wait an hour and try again.',
    };
  }

  // The same statements whether or not the address is known or already confirmed (they are conditional), and
  // no email in the request: the background sender sends the confirmation, so the answer takes as long for
  // a subscribed address as for a new one. A suspended address (its mail bounced) may subscribe again;
  // confirming proves the mailbox works once more.
  const schools = await findSchoolsBySlugs(deps.db, input.schoolSlugs.slice(0, 100));
  const nonce = randomToken(12);
  const subscription = {
    email: checked.address,
    nonce,
    consent: {
      text: input.consentText ?? CONSENT_TEXT,
      source: input.source ?? 'form',
      schools: schools.map((s) => s.slug),
    },
    schoolIds: schools.map((s) => s.id),
    language: input.language,
  } as const;
  // An address already subscribed is left as it is and gets a note with its preferences link instead (the
  // note is queued first: the confirmation's statements leave a confirmed subscription untouched).
  await deps.db.batch([
    queueSubscribeAlreadyStatement(deps.db, emailKeyOf(checked.address), now),
    ...pendingSubscriptionStatements(deps.db, subscription, now),
    queueSubscribeConfirmStatement(deps.db, { emailKey: emailKeyOf(checked.address), nonce }, now),
  ]);
  deps.wakeSender();
  return { ok: true };
}

/**
 * The double opt-in email: a signed link to the confirm page. `invited` words it for an address the district
 * imported from its own list, which the person never typed into our form.
 */
export async function confirmationEmail(
  deps: SubscriberEmailDeps,
  subscriber: EmailSubscriber,
  schoolNames: string[],
  invited = false,
): Promise<OutgoingEmail> {
  const token = await subscriptionToken(deps.signingKey, 'confirm', subscriber);
  const site = siteForReader(deps.site, subscriber.language);
  const url = `${deps.site.publicUrl}/subscribe/confirm?${languageParameter(site.lang, deps.site.languages)}token=${token}`;
  return {
    ...toSubscriber(
      deps,
      subscriber,
      site.lang,
      'confirm',
      renderConfirmEmail(site, url, schoolNames, invited),
    ),
    // Only the address itself confirms: staff reading the outbox see the email without the link.
    recipientTokens: [token],
  };
}

/** To an address already subscribed that asked again: its preferences link, in its language. */
export async function alreadySubscribedEmail(
  deps: SubscriberEmailDeps,
  subscriber: EmailSubscriber,
): Promise<OutgoingEmail> {
  const token = await subscriptionToken(deps.signingKey, 'preferences', subscriber);
  const site = siteForReader(deps.site, subscriber.language);
  const url = `${deps.site.publicUrl}/preferences?${languageParameter(site.lang, deps.site.languages)}token=${token}`;
  return {
    ...toSubscriber(deps, subscriber, site.lang, 'already', renderAlreadySubscribedEmail(site, url)),
    // The link changes the subscription: staff reading the outbox do not get it.
    accountTokens: [token],
  };
}

type SubscriberEmailDeps = { signingKey: string; site: EmailSite; mailFrom: string };
type EmailSubscriber = { id: number; email: string; tokenNonce: string; language?: string };

/** A rendered email addressed to a subscriber, from the district, marked with its language. */
function toSubscriber(
  deps: SubscriberEmailDeps,
  subscriber: EmailSubscriber,
  lang: string,
  kind: string,
  email: { subject: string; html: string; text: string },
): OutgoingEmail {
  return {
    from: senderOf(deps.mailFrom, deps.site.districtName),
    to: subscriber.email,
    subject: email.subject,
    html: email.html,
    text: email.text,
    headers: { 'Content-Language': lang },
    messageId: newMessageId(deps.mailFrom, `${kind}-${subscriber.id}-${randomToken(8)}`),
    subscriberId: subscriber.id,
  };
}
