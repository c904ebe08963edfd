// The first administrator on Workers, where no process prints a setup link at start: a link made here and
// stored in D1 with `wrangler d1 execute`, the same one-time setup link the Node server prints. The SQL stores
// only the token's hash, replaces unused setup links, and does nothing once any account exists.
import { SETUP_LINK_LIFETIME_MS } from './one-time-links';
import { randomToken, sha256Hex } from './tokens';

export async function d1SetupLink(publicUrl: string, now: number): Promise<{ link: string; sql: string }> {
  const token = randomToken(32);
  const hash = await sha256Hex(token);
  // Hex and integers only: nothing here needs quoting beyond the literal quotes.
  const sql = [
    `DELETE FROM user_tokens WHERE purpose = 'setup' AND used_at IS NULL;`,
    `INSERT INTO user_tokens (token_hash, purpose, user_id, created_at, expires_at) SELECT '${hash}', 'setup', NULL, ${now}, ${now + SETUP_LINK_LIFETIME_MS} WHERE NOT EXISTS (SELECT 1 FROM users);`,
  ].join(' ');
  return { link: `${publicUrl}/setup?token=${token}`, sql };
}
