// Ways in on Workers, where no process prints a setup link at start and no command reaches the database
// directly: links made here and stored in D1 with `wrangler d1 execute`, the same one-time links the Node server
// prints (`serve`'s setup link, `user:create`'s password link). The SQL stores only each token's hash, and ends
// with a question whose answer says whether the link was stored.
import { PASSWORD_LINK_LIFETIME_MS, SETUP_LINK_LIFETIME_MS } from './one-time-links';
import { randomToken, sha256Hex } from './tokens';

/**
 * The first administrator's link: replaces unused setup links, and stores nothing once any account exists.
 * Its last statement answers `accounts`: more than none, and the link was not stored.
 */
export async function d1SetupLink(publicUrl: string, now: number): Promise<{ link: string; sql: string }> {
  const token = randomToken(32);
  const hash = await sha256Hex(token);
  // Hex and integers only: nothing here needs quoting beyond the literal quotes.
  const sql = [
    `DELETE FROM user_tokens WHERE purpose = 'setup' AND used_at IS NULL;`,
    `INSERT INTO user_tokens (token_hash, purpose, user_id, created_at, expires_at) SELECT '${hash}', 'setup', NULL, ${now}, ${now + SETUP_LINK_LIFETIME_MS} WHERE NOT EXISTS (SELECT 1 FROM users);`,
    `SELECT count(*) AS accounts FROM users;`,
  ].join(' ');
  return { link: `${publicUrl}/setup?token=${token}`, sql };
}

/**
 * A set-password link for the account with this address (lower case, as accounts are stored), if it is enabled:
 * that person's unused password links are spent first, as a new link on a server spends them. Its last
 * statement answers the account's `disabled`, or no row when there is no such account: either way nothing was
 * stored.
 */
export async function d1PasswordLink(
  publicUrl: string,
  email: string,
  now: number,
): Promise<{ link: string; sql: string }> {
  const token = randomToken(32);
  const hash = await sha256Hex(token);
  const account = `(SELECT id FROM users WHERE email = ${sqlText(email)} AND disabled = 0)`;
  const sql = [
    `UPDATE user_tokens SET used_at = ${now} WHERE purpose = 'set-password' AND used_at IS NULL AND user_id = ${account};`,
    `INSERT INTO user_tokens (token_hash, purpose, user_id, created_at, expires_at) SELECT '${hash}', 'set-password', ${account}, ${now}, ${now + PASSWORD_LINK_LIFETIME_MS} WHERE ${account} IS NOT NULL;`,
    `SELECT disabled FROM users WHERE email = ${sqlText(email)};`,
  ].join(' ');
  return { link: `${publicUrl}/set-password?token=${token}`, sql };
}

/** A string as an SQL literal: in single quotes, each one inside doubled (an address may hold an apostrophe). */
function sqlText(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
