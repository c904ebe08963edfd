// How long a confirmation link works, and how long a sign-up nobody confirmed is kept.
const DAY = 24 * 60 * 60_000;

/** A confirmation link works this many days after it was asked for or sent; subscribing again sends a new one. */
export const CONFIRM_LINK_DAYS = 14;
/**
 * A sign-up nobody confirmed is deleted this many days after its last request or confirmation email: an address
 * that never agreed to anything is not kept (housekeeping does it, jobs/jobs.ts).
 */
export const UNCONFIRMED_KEPT_DAYS = 30;

/** Whether a pending subscription's confirmation link has stopped working. */
export function confirmLinkExpired(
  subscriber: { consentAt: number | null; confirmSentAt: number | null; createdAt: number },
  now: number,
): boolean {
  const asked = Math.max(subscriber.consentAt ?? 0, subscriber.confirmSentAt ?? 0, subscriber.createdAt);
  return now - asked > CONFIRM_LINK_DAYS * DAY;
}

/** When sign-ups last asked for or sent before this are forgotten. */
export function unconfirmedCutoff(now: number): number {
  return now - UNCONFIRMED_KEPT_DAYS * DAY;
}
