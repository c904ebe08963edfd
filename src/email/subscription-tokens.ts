// Signed, unguessable links for confirming, unsubscribing and managing preferences. A token names the
// subscriber and carries an HMAC over the purpose, the id and the subscriber's nonce; a new nonce (a new
// subscription, a changed address) retires every older link. Unsubscribe links are signed over the address
// instead: one in any email an address ever received keeps working while the subscription is at that
// address, since a family that signed up again still has the old emails (a move to another address retires
// them). Unsubscribe links made before that was so, over the nonce, are still accepted.
import { sign, verifySignature } from '../auth/tokens';
import { emailKeyOf } from '../db/subscribers';

export type TokenPurpose = 'confirm' | 'unsubscribe' | 'preferences' | 'address';

interface TokenSubject {
  id: number;
  tokenNonce: string;
  /** The address the subscription is at: what an unsubscribe link is signed over. */
  email: string;
  /** For 'address': the new address the link confirms; a link for one address never confirms another. */
  pendingEmail?: string | null;
}

function signedText(purpose: TokenPurpose, subscriber: TokenSubject): string {
  if (purpose === 'unsubscribe') return `unsubscribe:${subscriber.id}:to:${emailKeyOf(subscriber.email)}`;
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
  if (await verifySignature(key, signedText(purpose, subscriber), signature)) return true;
  return (
    purpose === 'unsubscribe' &&
    verifySignature(key, `unsubscribe:${subscriber.id}:${subscriber.tokenNonce}`, signature)
  );
}
