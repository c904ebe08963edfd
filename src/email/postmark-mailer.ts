// Delivery through Postmark's HTTP API (POST /email), for runtimes without SMTP (Cloudflare Workers). The
// List-* headers go in Headers as prepared; Postmark assigns its own Message-ID and returns it. Errors map to
// the mailer contract: an inactive or invalid recipient is a permanent bounce, rate limits and server errors
// are temporary, a bad token or unconfirmed sender is permanent for this message and logged by the sender.
import type { Mailer, OutgoingEmail, SendOutcome } from './mailer';

export interface PostmarkOptions {
  /** The server token (X-Postmark-Server-Token). */
  token: string;
  /** https://api.postmarkapp.com unless a stand-in is used (tests). */
  apiUrl?: string;
  /** Postmark's message stream: "broadcast" for the digest, set up in the Postmark account. */
  messageStream?: string;
  fetch?: typeof fetch;
}

const INACTIVE_RECIPIENT = 406;

export function createPostmarkMailer(options: PostmarkOptions): Mailer {
  const apiUrl = (options.apiUrl ?? 'https://api.postmarkapp.com').replace(/\/+$/, '');
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  return {
    kind: 'http',
    inFlight: 6, // Workers allow six simultaneous outgoing connections per invocation
    async send(email: OutgoingEmail): Promise<SendOutcome> {
      let response: Response;
      try {
        response = await send(`${apiUrl}/email`, {
          method: 'POST',
          headers: {
            accept: 'application/json',
            'content-type': 'application/json',
            'x-postmark-server-token': options.token,
          },
          body: JSON.stringify({
            From: email.from,
            To: email.to,
            Subject: email.subject,
            HtmlBody: email.html,
            TextBody: email.text,
            Headers: Object.entries(email.headers).map(([Name, Value]) => ({ Name, Value })),
            MessageStream: options.messageStream ?? 'broadcast',
            TrackOpens: false,
            TrackLinks: 'None',
          }),
          signal: AbortSignal.timeout(30_000),
        });
      } catch (error) {
        return {
          ok: false,
          permanent: false,
          reason: `Postmark could not be reached (${(error as Error).message}).`,
        };
      }
      const answer = (await response.json().catch(() => ({}))) as {
        ErrorCode?: number;
        Message?: string;
        MessageID?: string;
      };
      const reason = `Postmark: ${answer.Message ?? `HTTP ${response.status}`}`.slice(0, 300);
      if (response.ok && (answer.ErrorCode ?? 0) === 0)
        return {
          ok: true,
          messageId: answer.MessageID ? `<${answer.MessageID}@postmarkapp.com>` : email.messageId,
        };
      if (response.status === 429 || response.status >= 500) return { ok: false, permanent: false, reason };
      const code = answer.ErrorCode ?? 0;
      return {
        ok: false,
        permanent: true,
        bounce: code === INACTIVE_RECIPIENT,
        reason,
      };
    },
    async close() {},
  };
}
