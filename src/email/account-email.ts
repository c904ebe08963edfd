// Email as the outbox shows it: the tokens of account email's links (invitations, password links, address
// changes) and of a recipient's own links (confirmation, unsubscribe, preferences) are hidden, because
// whoever reads a token can use the link. The file on disk keeps them.
import type { OutboxMessage } from './mailer';

export const HIDDEN_TOKEN = '(hidden)';

// Links into an account, as every version of Yesterday has written them in the plain-text part. Email
// written before senders marked account email is recognised by these.
const ACCOUNT_LINK = /\/(?:setup|set-password|preferences\/address)\?token=([\w.-]+)/g;

// A recipient's own links (a parent's confirmation, unsubscribe and preferences, a teacher's stop link),
// likewise.
const RECIPIENT_LINK =
  /\/(?:unsubscribe|preferences|subscribe\/confirm|owner-notes\/stop)\?(?:[^\s"'<>]*&)?token=([\w.-]+)/g;

/** The tokens of the account links in a plain-text body. */
export function accountLinkTokensIn(text: string): string[] {
  return [...text.matchAll(ACCOUNT_LINK)].map((match) => match[1]!);
}

/**
 * The message as the outbox shows it: with `tokens` (the sender's, plus any account link in its text) hidden
 * everywhere, and marked as account email when there were any; and with the recipient's own link tokens
 * (`recipientTokens`, plus any such link in its text) hidden too, without making it account email: an editor
 * may read a parent's digest there, but not use the parent's links.
 */
export function hideLinkTokens(
  message: Omit<OutboxMessage, 'account'>,
  tokens: string[],
  recipientTokens: string[] = [],
): OutboxMessage {
  const account = [...tokens, ...accountLinkTokensIn(message.text)].filter((t) => t.length > 0);
  const recipient = [...recipientTokens, ...[...message.text.matchAll(RECIPIENT_LINK)].map((m) => m[1]!)];
  const secrets = [...new Set([...account, ...recipient])].filter((t) => t.length > 0);
  if (secrets.length === 0) return { ...message, account: false };
  const hide = (value: string) =>
    secrets.reduce((text, secret) => text.replaceAll(secret, HIDDEN_TOKEN), value);
  return {
    ...message,
    account: account.length > 0,
    subject: hide(message.subject),
    html: hide(message.html),
    text: hide(message.text),
    headers: Object.fromEntries(Object.entries(message.headers).map(([key, value]) => [key, hide(value)])),
  };
}
