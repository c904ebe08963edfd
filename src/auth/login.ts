// Password sign-in with a throttle that holds under concurrency and never locks the right password out for
// everyone. Every attempt is recorded before its password is checked, so guesses arriving together count
// each other. Within 15 minutes one client may have 5 failed (or still running) attempts on one account, and
// 20 on all accounts together; past either it is refused without a check, while other clients (the account's
// owner at their own desk) can still sign in. An IPv6 client is one /64, and its /48 may have 50 on one
// account, so a network of sixty-five thousand /64s (a tunnel broker gives anyone one free) is not as many
// clients guessing that account's password. The cost: 50 wrong guesses from inside one /48 stop that account
// from anywhere in the /48 for 15 minutes, never from elsewhere. Unknown accounts cost the same time as known
// ones, so the form does not reveal who has an account.
import { clientKeyOf, clientNetworkOf } from '../client-address';
import { auditStatement } from '../db/audit';
import { clearRateEvents, recordAndCountRateEvents, withdrawRateEvents } from '../db/rate-events';
import { findUserByEmail, recordLogin, type User } from '../db/users';
import type { AppDeps } from '../deps';
import { t } from '../i18n/desk-text';

export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_ATTEMPTS_PER_ACCOUNT_AND_CLIENT = 5;
export const MAX_ATTEMPTS_PER_CLIENT = 20;
export const MAX_ATTEMPTS_PER_ACCOUNT_AND_IPV6_NETWORK = 50;

export type LoginOutcome = { ok: true; user: User } | { ok: false; message: string };

// A real hash of a random password, verified against when the account does not exist.
let decoyHash: Promise<string> | undefined;

/**
 * One password attempt on an account from a client, recorded before anything is checked; refused (and
 * withdrawn, since it checked nothing) past either limit. `succeeded` withdraws it and clears the account's
 * failures from this client; a failure leaves it standing as its record.
 */
async function passwordAttempt(
  db: AppDeps['db'],
  email: string,
  ip: string | null,
  now: number,
): Promise<{ refused: boolean; succeeded(): Promise<void> }> {
  const client = clientKeyOf(ip);
  const network = clientNetworkOf(ip);
  const accountKey = `login:account:${email.trim().toLowerCase()} from ${client}`;
  const networkKey = network ? `login:account:${email.trim().toLowerCase()} from ${network}` : undefined;
  const attempt = await recordAndCountRateEvents(
    db,
    [`login:client:${client}`, accountKey, ...(networkKey ? [networkKey] : [])],
    now,
    now - LOGIN_WINDOW_MS,
  );
  const [fromClient, onAccountFromClient, onAccountFromNetwork = 0] = attempt.counts as number[];
  const refused =
    fromClient! > MAX_ATTEMPTS_PER_CLIENT ||
    onAccountFromClient! > MAX_ATTEMPTS_PER_ACCOUNT_AND_CLIENT ||
    onAccountFromNetwork > MAX_ATTEMPTS_PER_ACCOUNT_AND_IPV6_NETWORK;
  if (refused) await withdrawRateEvents(db, attempt.ids);
  return {
    refused,
    async succeeded() {
      await withdrawRateEvents(db, attempt.ids);
      await clearRateEvents(db, accountKey);
      if (networkKey) await clearRateEvents(db, networkKey);
    },
  };
}

export async function attemptLogin(
  deps: Pick<AppDeps, 'db' | 'clock' | 'passwords'>,
  email: string,
  password: string,
  ip: string | null,
): Promise<LoginOutcome> {
  const now = deps.clock.now();
  const account = email.trim().toLowerCase();
  const attempt = await passwordAttempt(deps.db, account, ip, now);
  if (attempt.refused) return { ok: false, message: t('desk.account.signIn.tooMany') };
  const user = await findUserByEmail(deps.db, account);
  const stored = user?.passwordHash ?? (await (decoyHash ??= deps.passwords.hash(crypto.randomUUID())));
  const matches = await deps.passwords.verify(password, stored);
  const actor = { type: 'public' as const, label: account.slice(0, 200), ip };
  if (!user || !user.passwordHash || user.disabled || !matches) {
    // The attempt's events stay: they are the record of this failure.
    await auditStatement(
      deps.db,
      actor,
      { action: 'user.login_failed', subjectType: 'user', subjectId: user?.id },
      now,
    );
    return {
      ok: false,
      message: t('desk.account.signIn.noMatch'),
    };
  }
  await attempt.succeeded();
  await recordLogin(deps.db, user.id, now);
  await auditStatement(
    deps.db,
    { type: 'user', id: user.id, label: user.email, ip },
    { action: 'user.login', subjectType: 'user', subjectId: user.id },
    now,
  );
  return { ok: true, user };
}

/**
 * The current password asked again to change it, counted with sign-in attempts: someone holding a signed-in
 * session (a computer left unlocked) cannot try password after password on the account page either. Each
 * wrong one is in the audit log.
 */
export async function checkCurrentPassword(
  deps: Pick<AppDeps, 'db' | 'clock' | 'passwords'>,
  user: User,
  password: string,
  ip: string | null,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const now = deps.clock.now();
  const attempt = await passwordAttempt(deps.db, user.email, ip, now);
  if (attempt.refused) return { ok: false, message: t('desk.account.signIn.tooMany') };
  if (!user.passwordHash || !(await deps.passwords.verify(password, user.passwordHash))) {
    await auditStatement(
      deps.db,
      { type: 'user', id: user.id, label: user.email, ip },
      { action: 'user.password_check_failed', subjectType: 'user', subjectId: user.id },
      now,
    );
    return { ok: false, message: t('desk.account.mine.currentWrong') };
  }
  // As a sign-in does: the right password clears this account's failures from here.
  await attempt.succeeded();
  return { ok: true };
}
