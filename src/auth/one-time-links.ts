// One-time links for setting a password: the first-run setup link and links for invited users. The link
// carries a random token; the database keeps only its hash, and the link works once, within its lifetime.
import {
  countUsers,
  deleteUnusedSetupTokens,
  insertUserToken,
  spendPasswordLinksStatement,
  type UserTokenPurpose,
} from '../db/users';
import type { Database } from '../db/client';
import { randomToken, sha256Hex } from './tokens';

export const SETUP_LINK_LIFETIME_MS = 24 * 60 * 60_000;
export const PASSWORD_LINK_LIFETIME_MS = 72 * 60 * 60_000;

/**
 * A new one-time link. It retires the person's unused links of the same purpose at once, unless
 * `retireOthers` is false: then `retire` does it later (once the email carrying it has gone).
 */
export async function createOneTimeLink(
  db: Database,
  publicUrl: string,
  purpose: UserTokenPurpose,
  userId: number | null,
  now: number,
  { retireOthers = true } = {},
): Promise<string> {
  const token = randomToken(32);
  const lifetime = purpose === 'setup' ? SETUP_LINK_LIFETIME_MS : PASSWORD_LINK_LIFETIME_MS;
  await insertUserToken(
    db,
    { tokenHash: await sha256Hex(token), purpose, userId, expiresAt: now + lifetime },
    now,
    { retireOthers },
  );
  return `${publicUrl}/${purpose === 'setup' ? 'setup' : 'set-password'}?token=${token}`;
}

/** Spends the person's other unused password links, keeping the one `link` carries. */
export async function retireOtherPasswordLinks(
  db: Database,
  userId: number,
  link: string,
  now: number,
): Promise<void> {
  const token = new URL(link).searchParams.get('token') ?? '';
  await db.batch([spendPasswordLinksStatement(db, userId, now, await sha256Hex(token))]);
}

/**
 * With no users yet, a fresh setup link (replacing unused ones); otherwise undefined, and any setup link left
 * unused (from a version that kept them once someone had an account) is deleted.
 */
export async function setupLinkIfNeeded(
  db: Database,
  publicUrl: string,
  now: number,
): Promise<string | undefined> {
  await deleteUnusedSetupTokens(db);
  if ((await countUsers(db)) > 0) return undefined;
  return createOneTimeLink(db, publicUrl, 'setup', null, now);
}
