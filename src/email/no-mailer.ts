// The mailer when no email provider is configured (Workers without POSTMARK_SERVER_TOKEN): the site, the feeds
// and the desk work, publishing queues no email, and anything asked of it is refused with a sentence.
import type { Mailer, SendOutcome } from './mailer';

export const EMAIL_OFF_REASON =
  'Email is not configured: set POSTMARK_SERVER_TOKEN (npx wrangler secret put POSTMARK_SERVER_TOKEN) to send it.';

export function createNoMailer(): Mailer {
  return {
    kind: 'none',
    inFlight: 1,
    async send(): Promise<SendOutcome> {
      return { ok: false, permanent: true, reason: EMAIL_OFF_REASON };
    },
    async close() {},
  };
}

/** Whether email can go out at all; without it, nothing is queued that could never be sent. */
export function emailIsOn(mailer: Mailer): boolean {
  return mailer.kind !== 'none';
}
