// The mailer contract the app sends through: SMTP or the outbox folder on Node, an HTTP email API on Workers.

export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Extra headers, each already a single line (List-Unsubscribe and friends). */
  headers: Record<string, string>;
  messageId: string;
  /**
   * Set on account email (an invitation, a password link, an address change): the one-time tokens its links
   * carry. The outbox shows such email to administrators only, and never these tokens.
   */
  accountTokens?: string[];
  /**
   * The tokens of the recipient's own links (a parent's unsubscribe and preferences, a teacher's stop link):
   * the outbox never shows them, though the message itself is shown to editors.
   */
  recipientTokens?: string[];
  /** The parent it is written to, when it is: the outbox keeps it, so forgetting them forgets it wherever it went. */
  subscriberId?: number;
}

export type SendOutcome =
  { ok: true; messageId: string } | { ok: false; permanent: boolean; reason: string; bounce?: boolean };

export interface Mailer {
  /** What kind of delivery this is, for the admin and health check; 'none' when no provider is configured. */
  readonly kind: 'smtp' | 'outbox' | 'http' | 'none';
  /**
   * How many messages a sender should keep in flight to keep this mailer busy. For an SMTP pool it is more
   * than its connections, so each connection has its next message ready while the sender records the last.
   */
  readonly inFlight: number;
  send(email: OutgoingEmail): Promise<SendOutcome>;
  /**
   * Reaches the provider once without sending, as a server does at start: undefined when it answers and takes
   * the credentials, otherwise what went wrong, in words. Mailers with nothing to reach have none.
   */
  check?(): Promise<string | undefined>;
  close(): Promise<void>;
}

/** Messages written to the outbox folder (no SMTP_URL), as the admin's Outbox page lists them. */
export interface OutboxEntry {
  id: string;
  to: string;
  subject: string;
  date: number;
  /** Account email: for administrators only, and its one-time tokens are already hidden in what is read. */
  account: boolean;
}

export interface OutboxMessage extends OutboxEntry {
  from?: string;
  messageId?: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

/** What the admin reads of the outbox folder; account email comes with its one-time tokens hidden. */
export interface OutboxReader {
  list(limit: number): Promise<OutboxEntry[]>;
  read(id: string): Promise<OutboxMessage | undefined>;
  /** The .eml file for download: the file itself, or for account email a copy with the tokens hidden. */
  raw(id: string): Promise<Uint8Array | undefined>;
  /**
   * Deletes every message written to a parent the district was asked to forget: each that names them by id, and
   * each that names no one (written before messages did) sent to one of `addresses` (compared as addresses are:
   * case and surrounding space aside). Returns how many went.
   */
  forget(parent: { subscriberId: number; addresses: string[] }): Promise<number>;
}

/** A Message-ID for the domain of the sender address. */
export function newMessageId(from: string, unique: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  return `<${unique}@${domain}>`;
}
