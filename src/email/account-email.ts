// Account email (invitations, password links, address changes) as the outbox shows it: the one-time tokens
// its links carry are hidden, because whoever reads a token can use the link. The file on disk keeps them.
import type { OutboxMessage } from './mailer';

export const HIDDEN_TOKEN = '(hidden)';

// Links into an account, as every version of Yesterday has written them in the plain-text part. Email
// written before senders marked account email is recognised by these.
const ACCOUNT_LINK = /\/(?:setup|set-password|preferences\/address)\?token=([\w.-]+)/g;

/** The tokens of the account links in a plain-text body. */
export function accountLinkTokensIn(text: string): string[] {
  return [...text.matchAll(ACCOUNT_LINK)].map((match) => match[1]!);
}

/**
 * The message as the outbox shows it: with `tokens` (the sender's, plus any account link in its text) hidden
 * everywhere, and marked as account email when there were any.
 */
export function hideAccountTokens(message: Omit<OutboxMessage, 'account'>, tokens: string[]): OutboxMessage {
  const secrets = [...new Set([...tokens, ...accountLinkTokensIn(message.text)])].filter((t) => t.length > 0);
  if (secrets.length === 0) return { ...message, account: false };
  const hide = (value: string) =>
    secrets.reduce((text, secret) => text.replaceAll(secret, HIDDEN_TOKEN), value);
  return {
    ...message,
    account: true,
    subject: hide(message.subject),
    html: hide(message.html),
    text: hide(message.text),
    headers: Object.fromEntries(Object.entries(message.headers).map(([key, value]) => [key, hide(value)])),
  };
}
