// Moving a subscription to a new address from the preferences page: the new address is checked as strictly
// as on the sign-up form, must confirm through a link sent to it, and until then the digest keeps going to
// the old one. Confirming retires every link sent to the old address.
import { senderOf } from '../email/email-address';
import { clientKeyOf } from '../client-address';
import { auditStatement } from '../db/audit';
import type { Database } from '../db/client';
import { recordAndCountRateEvents, withdrawRateEvents } from '../db/rate-events';
import {
  emailKeyOf,
  findSubscriberByEmail,
  listSubscriberSchools,
  moveSubscriptionStatements,
  setPendingEmailStatement,
  type Subscriber,
} from '../db/subscribers';
import { checkEmailAddress, type AddressProblem } from '../email/email-address';
import { queueAddressConfirmStatement, queueAddressMovedStatement } from '../db/messages';
import { newMessageId, type OutgoingEmail } from '../email/mailer';
import { renderNoticeEmail } from '../email/render-notice-email';
import { emailLanguage, type EmailSite } from '../email/render-digest-email';
import { siteForReader } from '../i18n/site-language';
import { subscriptionToken } from '../email/subscription-tokens';
import { randomToken } from '../auth/tokens';

export interface AddressDeps {
  db: Database;
  now: () => number;
  /** The confirmation link is queued; this starts the background sender. */
  wakeSender: () => void;
}

const HOUR = 60 * 60_000;
const MAX_CHANGES_PER_HOUR = 3;

export type AddressOutcome =
  | { ok: true; message: string }
  | { ok: false; status: 400 | 429; problem: AddressProblem | 'same' | 'too-many-changes'; message: string };

export async function requestAddressChange(
  deps: AddressDeps,
  subscriber: Subscriber,
  typed: string,
  clientIp: string | null,
): Promise<AddressOutcome> {
  const checked = checkEmailAddress(typed);
  if (!checked.ok) return { ok: false, status: 400, problem: checked.problem, message: checked.message };
  if (emailKeyOf(checked.address) === subscriber.emailKey)
    return {
      ok: false,
      status: 400,
      problem: 'same',
      message: `The digest already goes to ${subscriber.email}.`,
    };
  const now = deps.now();
  const keys = [`address:subscriber:${subscriber.id}`, `address:client:${clientKeyOf(clientIp)}`];
  const request = await recordAndCountRateEvents(deps.db, keys, now, now - HOUR);
  if (request.counts.some((n) => n > MAX_CHANGES_PER_HOUR)) {
    await withdrawRateEvents(deps.db, request.ids);
    return {
      ok: false,
      status: 429,
      problem: 'too-many-changes',
      message: 'There have been too many address changes from here. Please wait an hour and try again.',
    };
  }
  // The link goes out from the background sender: the answer takes no longer whoever the address belongs to.
  await deps.db.batch([
    setPendingEmailStatement(deps.db, subscriber.id, checked.address, now),
    queueAddressConfirmStatement(deps.db, subscriber.id, checked.address, now),
  ]);
  deps.wakeSender();
  return {
    ok: true,
    message: `A confirmation link is on its way to ${checked.address}. Until you open it, the digest keeps going to ${subscriber.email}.`,
  };
}

/** The email with the link that moves the subscription to `toAddress`, sent to that address. */
export async function addressConfirmEmail(
  deps: { signingKey: string; site: EmailSite; mailFrom: string },
  subscriber: Subscriber,
  toAddress: string,
): Promise<OutgoingEmail> {
  const token = await subscriptionToken(deps.signingKey, 'address', {
    ...subscriber,
    pendingEmail: toAddress,
  });
  const url = `${deps.site.publicUrl}/preferences/address?token=${token}`;
  // In the subscriber's language, while the district still offers it (a default site title in it too).
  const site = siteForReader(deps.site, subscriber.language);
  const { t, words, lang } = emailLanguage(site);
  const email = renderNoticeEmail(site, {
    subject: t('address.emailSubject', words),
    heading: t('address.emailHeading'),
    paragraphs: [t('address.emailAsked', { ...words, current: subscriber.email }), t('address.emailIgnore')],
    action: { label: t('address.emailButton'), url },
  });
  return {
    from: senderOf(deps.mailFrom, deps.site.districtName),
    to: toAddress,
    subject: email.subject,
    html: email.html,
    text: email.text,
    headers: { 'Content-Language': lang },
    messageId: newMessageId(deps.mailFrom, `address-${subscriber.id}-${randomToken(8)}`),
    accountTokens: [token],
    subscriberId: subscriber.id,
  };
}

/**
 * Moves the subscription to its confirmed new address. If that address already has a subscription of its
 * own, that one takes over this one's schools and becomes confirmed, and this one ends: never two.
 */
export async function confirmAddressChange(
  deps: AddressDeps,
  subscriber: Subscriber,
  clientIp: string | null,
): Promise<{ email: string }> {
  const now = deps.now();
  const newEmail = subscriber.pendingEmail!;
  const other = await findSubscriberByEmail(deps.db, newEmail);
  const schoolIds = (await listSubscriberSchools(deps.db, subscriber.id)).map((s) => s.id);
  await deps.db.batch([
    ...moveSubscriptionStatements(deps.db, subscriber, newEmail, other, schoolIds, randomToken(12), now),
    // The address it left is told, in case its owner did not ask: the background sender sends it. This row
    // keeps the old owner's language whether it moved or ended in a merge.
    queueAddressMovedStatement(deps.db, subscriber.id, subscriber.email, now),
    auditStatement(
      deps.db,
      { type: 'public', label: `subscriber ${subscriber.id}`, ip: clientIp },
      {
        action: 'subscriber.change_address',
        subjectType: 'subscriber',
        subjectId: other?.id ?? subscriber.id,
        details: { from: subscriber.id, ...(other ? { mergedInto: other.id } : {}) },
      },
      now,
    ),
  ]);
  deps.wakeSender();
  return { email: newEmail };
}

/**
 * The note to the address a subscription left: that it moved, and how to subscribe that address again.
 * Someone who did not ask for the move learns of it here; the links in their earlier emails no longer work, so
 * it cannot be moved again with them. The new address is not named: whoever reads the old mailbox (a shared
 * or work one, say) need not learn it.
 */
export function addressMovedEmail(
  deps: { site: EmailSite; mailFrom: string },
  subscriber: Subscriber,
  oldAddress: string,
): OutgoingEmail {
  const site = siteForReader(deps.site, subscriber.language);
  const { t, words, lang } = emailLanguage(site);
  const own = site.languages?.[0] ?? 'en';
  const email = renderNoticeEmail(site, {
    subject: t('address.movedEmailSubject', words),
    heading: t('address.movedTitle'),
    paragraphs: [
      t('address.movedEmailText', { ...words, current: oldAddress }),
      t('address.movedEmailNotYou'),
    ],
    action: {
      label: t('address.subscribeAgain'),
      url: `${deps.site.publicUrl}/subscribe${lang === own ? '' : `?lang=${lang}`}`,
    },
  });
  return {
    from: senderOf(deps.mailFrom, deps.site.districtName),
    to: oldAddress,
    subject: email.subject,
    html: email.html,
    text: email.text,
    headers: { 'Content-Language': lang },
    messageId: newMessageId(deps.mailFrom, `moved-${subscriber.id}-${randomToken(8)}`),
    subscriberId: subscriber.id,
  };
}
