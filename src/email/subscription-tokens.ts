// Signed, unguessable links for confirming, unsubscribing and managing preferences. A token names the
// subscriber and carries an HMAC over the purpose, the id and the subscriber's nonce; a new nonce (a new
// subscription, a changed address) retires every older link.
import { sign, verifySignature } from '../auth/tokens';

export type TokenPurpose = 'confirm' | 'unsubscribe' | 'preferences';

interface TokenSubject {
  id: number;
  tokenNonce: string;
}

export async function subscriptionToken(
  key: string,
  purpose: TokenPurpose,
  subscriber: TokenSubject,
): Promise<string> {
  return `${subscriber.id}.${await sign(key, `${purpose}:${subscriber.id}:${subscriber.tokenNonce}`)}`;
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
  return verifySignature(key, `${purpose}:${subscriber.id}:${subscriber.tokenNonce}`, signature);
}
