// Delivery through an SMTP server (SMTP_URL) with nodemailer's connection pool. List-* headers are passed
// prepared, as single unfolded lines, and the envelope is set explicitly, so nodemailer never re-parses an
// address out of a header.
import type { Transporter } from 'nodemailer';
import type { Mailer, OutgoingEmail, SendOutcome } from './mailer';

export interface SmtpMailerOptions {
  url: string;
  maxConnections?: number;
  /** Most messages per second, across the pool. */
  ratePerSecond?: number;
  /** Sign every message; the signature covers both List-Unsubscribe headers (RFC 8058 asks for that). */
  dkim?: { domain: string; selector: string; privateKey: string };
  /**
   * How long to wait for a connection, the greeting, and any answer on an open connection: a server that stops
   * answering ends in a retry after this long instead of holding its message forever.
   */
  timeouts?: { connectMs?: number; socketMs?: number };
}

/** Headers the DKIM signature covers, List-Unsubscribe and List-Unsubscribe-Post among them. */
export const DKIM_SIGNED_HEADERS =
  'from:to:subject:date:message-id:mime-version:content-type:list-unsubscribe:list-unsubscribe-post:list-id';

export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const maxConnections = options.maxConnections ?? 4;
  // The pool (and nodemailer) is made with the first message, so commands that send nothing do not load it.
  let pool: Promise<Transporter> | undefined;
  const transport = () =>
    (pool ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        url: options.url,
        pool: true,
        maxConnections,
        maxMessages: 500,
        ...(options.ratePerSecond ? { rateDelta: 1000, rateLimit: options.ratePerSecond } : {}),
        ...(options.dkim
          ? {
              dkim: {
                domainName: options.dkim.domain,
                keySelector: options.dkim.selector,
                privateKey: options.dkim.privateKey,
                headerFieldNames: DKIM_SIGNED_HEADERS,
              },
            }
          : {}),
        connectionTimeout: options.timeouts?.connectMs ?? 15_000,
        greetingTimeout: options.timeouts?.connectMs ?? 15_000,
        socketTimeout: options.timeouts?.socketMs ?? 60_000,
      }),
    ));
  return {
    kind: 'smtp',
    // Two per connection: a claimed message waits at most one message's time in the pool's queue, so a crash
    // leaves at most this many deliveries with an unknown outcome.
    inFlight: maxConnections * 2,
    async send(email: OutgoingEmail): Promise<SendOutcome> {
      try {
        const info = await (
          await transport()
        ).sendMail({
          from: email.from,
          to: email.to,
          envelope: { from: envelopeAddress(email.from), to: [email.to] },
          subject: email.subject,
          html: email.html,
          text: email.text,
          messageId: email.messageId,
          headers: Object.fromEntries(
            Object.entries(email.headers).map(([key, value]) => [key, { prepared: true, value }]),
          ),
        });
        if (info.rejected?.length)
          return { ok: false, permanent: true, bounce: true, reason: `The server refused ${email.to}.` };
        return { ok: true, messageId: info.messageId ?? email.messageId };
      } catch (error) {
        return describeSmtpError(error);
      }
    },
    async check() {
      try {
        await (await transport()).verify();
        return undefined;
      } catch (error) {
        return describeSmtpProblem(error, options.url);
      }
    },
    async close() {
      if (pool) (await pool).close();
    },
  };
}

/** Where SMTP_URL points, without its user name and password: host and port. */
export function smtpServerOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || (parsed.protocol === 'smtps:' ? '465' : '587')}`;
}

/** Why the mail server could not be used, as an operator can act on it. */
function describeSmtpProblem(error: unknown, url: string): string {
  const e = error as { code?: string; response?: string; message?: string };
  const server = smtpServerOf(url);
  if (e.code === 'EAUTH')
    return `The mail server at ${server} refused the user name and password in SMTP_URL (${(e.response ?? e.message ?? '').slice(0, 200)}).`;
  if (['ECONNECTION', 'ESOCKET', 'EDNS', 'ETIMEDOUT', 'ECONNREFUSED'].includes(e.code ?? ''))
    return `The mail server at ${server} could not be reached (${(e.message ?? '').slice(0, 200)}). Check the host and port in SMTP_URL.`;
  return `The mail server at ${server} could not be used (${(e.response ?? e.message ?? 'unknown error').slice(0, 200)}). Check SMTP_URL.`;
}

function envelopeAddress(from: string): string {
  return /<([^>]+)>\s*$/.exec(from)?.[1] ?? from.trim();
}

function describeSmtpError(error: unknown): SendOutcome {
  const e = error as { responseCode?: number; code?: string; response?: string; message?: string };
  const reason = (e.response ?? e.message ?? 'unknown SMTP error').slice(0, 300);
  if (typeof e.responseCode === 'number' && e.responseCode >= 500) {
    const bounce = e.code === 'EENVELOPE' || [550, 551, 553].includes(e.responseCode);
    return { ok: false, permanent: true, bounce, reason };
  }
  return { ok: false, permanent: false, reason };
}
