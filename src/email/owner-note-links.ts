// The signed one-click link that stops owner notes: it names the owner's address and carries an HMAC over it
// (signed as subscription links are, with the app's signing key), so it needs no sign-in and cannot be forged.
import { sign, verifySignature } from '../auth/tokens';
import { ownerKeyOf } from '../db/owner-notes';

const signedText = (email: string) => `owner-notes-stop:${ownerKeyOf(email)}`;

/** The link, and the token it carries (which the outbox hides from staff: see email/account-email.ts). */
export async function ownerStopLink(
  publicUrl: string,
  key: string,
  email: string,
): Promise<{ url: string; token: string }> {
  const token = await sign(key, signedText(email));
  return {
    url: `${publicUrl}/owner-notes/stop?address=${encodeURIComponent(ownerKeyOf(email))}&token=${token}`,
    token,
  };
}

export async function verifyOwnerStop(key: string, email: string, token: string): Promise<boolean> {
  return verifySignature(key, signedText(email), token);
}
