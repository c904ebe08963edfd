// Signed, unguessable links for confirming, unsubscribing and managing preferences. A token names the
// subscriber and carries an HMAC over the purpose, the id and the subscriber's nonce; a new nonce (a new
// subscription, a changed address) retires every older link.
import { sign, verifySignature } from '../auth/tokens';

export type TokenPurpose = 'confirm' | 'unsubscribe' | 'preferences' | 'address';

interface TokenSubject {
  id: number;
  tokenNonce: string;
  /** For 'address': the new address the link confirms; a link for one address never confirms another. */
  pendingEmail?: string | null;
}

function signedText(purpose: TokenPurpose, subscriber: TokenSubject): string {
  const base = `${purpose}:${subscriber.id}:${subscriber.tokenNonce}`;
  return purpose === 'address' ? `${base}:${subscriber.pendingEmail ?? ''}` : base;
}

export async function subscriptionToken(
  key: string,
  purpose: TokenPurpose,
  subscriber: TokenSubject,
): Promise<string> {
  return `${subscriber.id}.${await sign(key, signedText(purpose, subscriber))}`;
}

/** The subscriber id the token names, if its shape is right; verify with verifySubscriptionToken. */
export function subscriberIdOf(token: string | undefined): number | undefined {
  const match = /^(\d{1,12})\.[\w-]{16,64}$/.exec(token ?? '');
  return match ? Number(match[1]) : undefined;
}

export async function verifySubscriptionToken(
  key: string,
  purpose: TokenPurpose,
  token: string,
  subscriber: TokenSubject,
): Promise<boolean> {
  const signature = token.slice(token.indexOf('.') + 1);
  if (purpose === 'address' && !subscriber.pendingEmail) return false;
  return verifySignature(key, signedText(purpose, subscriber), signature);
}
