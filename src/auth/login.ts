// Password login with throttling: after 5 failures for one account, or 20 from one address, within 15
// minutes, further attempts are refused until the window passes. Unknown accounts cost the same time as
// known ones, so the form does not reveal who has an account.
import { auditStatement } from '../db/audit';
import { clearRateEvents, countRateEventsSince, recordRateEvents } from '../db/rate-events';
import { findUserByEmail, recordLogin, type User } from '../db/users';
import type { AppDeps } from '../deps';

export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export type LoginOutcome = { ok: true; user: User } | { ok: false; message: string };

// A real scrypt hash of a random password, verified against when the account does not exist.
let decoyHash: Promise<string> | undefined;

export async function attemptLogin(
  deps: AppDeps,
  email: string,
  password: string,
  ip: string | null,
): Promise<LoginOutcome> {
  const now = deps.clock.now();
  const accountKey = `login:account:${email.trim().toLowerCase()}`;
  const addressKey = `login:address:${ip ?? 'unknown'}`;
  const since = now - LOGIN_WINDOW_MS;
  const [accountFailures, addressFailures] = await Promise.all([
    countRateEventsSince(deps.db, accountKey, since),
    countRateEventsSince(deps.db, addressKey, since),
  ]);
  if (accountFailures >= MAX_FAILURES_PER_ACCOUNT || addressFailures >= MAX_FAILURES_PER_ADDRESS) {
    return {
      ok: false,
      message:
        'Too many failed sign-in attempts. Wait 15 minutes and try again, or ask an administrator for a new password link.',
    };
  }
  const user = await findUserByEmail(deps.db, email);
  const stored = user?.passwordHash ?? (await (decoyHash ??= deps.passwords.hash(crypto.randomUUID())));
  const matches = await deps.passwords.verify(password, stored);
  const actor = { type: 'public' as const, label: email.trim().toLowerCase().slice(0, 200), ip };
  if (!user || !user.passwordHash || user.disabled || !matches) {
    await recordRateEvents(deps.db, [accountKey, addressKey], now);
    await auditStatement(
      deps.db,
      actor,
      { action: 'user.login_failed', subjectType: 'user', subjectId: user?.id },
      now,
    );
    return {
      ok: false,
      message: 'That email and password do not match an account. Check both and try again.',
    };
  }
  await clearRateEvents(deps.db, accountKey);
  await recordLogin(deps.db, user.id, now);
  await auditStatement(
    deps.db,
    { type: 'user', id: user.id, label: user.email, ip },
    { action: 'user.login', subjectType: 'user', subjectId: user.id },
    now,
  );
  return { ok: true, user };
}
