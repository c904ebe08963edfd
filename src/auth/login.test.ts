// The sign-in throttle against a real migrated database, with a hasher that counts what it is asked to check.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertUser } from '../db/users';
import type { SqliteHandle } from '../db/sqlite-node';
import { createTestDatabase } from '../../test/database';
import { testClock } from '../../test/clock';
import {
  attemptLogin,
  MAX_ATTEMPTS_PER_ACCOUNT_AND_CLIENT,
  MAX_ATTEMPTS_PER_CLIENT,
  MAX_ATTEMPTS_PER_ACCOUNT_AND_IPV6_NETWORK,
} from './login';
import type { PasswordHasher } from './password';
import { createScryptHasher } from './scrypt-hasher';

const RIGHT = 'correct horse battery';
const testPasswords = createScryptHasher({ N: 2 ** 12, r: 8, p: 1 });
const ATTACKER = '203.0.113.5';
const ADMIN_DESK = '198.51.100.7';

/** The test hasher, counting verify calls; while `hold` is set, each check waits until it is released. */
function countingHasher() {
  let release: () => void = () => {};
  let held: Promise<void> | undefined;
  const hasher = {
    checks: 0,
    hold() {
      held = new Promise((resolve) => (release = resolve));
    },
    release: () => release(),
    async hash(password: string) {
      return testPasswords.hash(password);
    },
    async verify(password: string, stored: string) {
      hasher.checks++;
      await held;
      return testPasswords.verify(password, stored);
    },
  } satisfies PasswordHasher & Record<string, unknown>;
  return hasher;
}

describe('the sign-in throttle', () => {
  let handle: SqliteHandle;
  let passwords: ReturnType<typeof countingHasher>;
  let deps: Parameters<typeof attemptLogin>[0];

  beforeEach(async () => {
    handle = createTestDatabase();
    const clock = testClock('2026-11-21T15:00:00Z');
    passwords = countingHasher();
    deps = { db: handle.database, clock, passwords };
    for (const email of ['dana@district.example', 'lee@district.example'])
      await insertUser(
        handle.database,
        { email, name: email, role: 'admin', passwordHash: await testPasswords.hash(RIGHT) },
        clock.now(),
      );
    passwords.checks = 0;
  });
  afterEach(() => handle.close());

  it('checks no more guesses than the limit when they arrive at once, and refuses the right one among them', async () => {
    passwords.hold();
    let settled = 0;
    const wrong = Array.from({ length: 59 }, (_, n) =>
      attemptLogin(deps, 'dana@district.example', `wrong guess ${n}`, ATTACKER).finally(() => settled++),
    );
    // Every guess is now either waiting in the hasher or already answered; none has failed yet. Then the
    // right password arrives, and once it too is waiting or answered, the hasher lets them all through.
    await expect.poll(() => passwords.checks + settled).toBe(59);
    const right = attemptLogin(deps, 'dana@district.example', RIGHT, ATTACKER).finally(() => settled++);
    await expect.poll(() => passwords.checks + settled).toBe(60);
    passwords.release();
    const outcomes = await Promise.all(wrong);

    expect(passwords.checks).toBe(MAX_ATTEMPTS_PER_ACCOUNT_AND_CLIENT);
    expect(await right).toEqual({
      ok: false,
      message: expect.stringContaining('Too many failed sign-in attempts'),
    });
    expect(outcomes.every((outcome) => !outcome.ok)).toBe(true);
    // Still throttled for this client once the guesses have failed.
    const later = await attemptLogin(deps, 'dana@district.example', RIGHT, ATTACKER);
    expect(later.ok).toBe(false);
    expect(passwords.checks).toBe(MAX_ATTEMPTS_PER_ACCOUNT_AND_CLIENT);
  });

  it('lets the administrator sign in from another client after an attacker’s twenty failures', async () => {
    for (let n = 0; n < 20; n++) {
      const outcome = await attemptLogin(deps, 'dana@district.example', `wrong guess ${n}`, ATTACKER);
      expect(outcome.ok).toBe(false);
    }
    expect(passwords.checks).toBe(MAX_ATTEMPTS_PER_ACCOUNT_AND_CLIENT);
    const admin = await attemptLogin(deps, 'dana@district.example', RIGHT, ADMIN_DESK);
    expect(admin.ok).toBe(true);
    expect((await attemptLogin(deps, 'dana@district.example', RIGHT, ATTACKER)).ok).toBe(false);
  });

  it('limits one client across accounts, and checks nothing from it past the limit', async () => {
    for (let n = 0; n < MAX_ATTEMPTS_PER_CLIENT + 10; n++)
      await attemptLogin(deps, `someone${n}@district.example`, 'a wrong password', ATTACKER);
    expect(passwords.checks).toBe(MAX_ATTEMPTS_PER_CLIENT);
    expect((await attemptLogin(deps, 'lee@district.example', RIGHT, ATTACKER)).ok).toBe(false);
    expect((await attemptLogin(deps, 'lee@district.example', RIGHT, ADMIN_DESK)).ok).toBe(true);
  });

  it('counts the /64s of one IPv6 network together on one account, so a free /48 is not sixty-five thousand clients', async () => {
    // Each guess from a /64 of its own in 2001:db8:5::/48, as a tunnel broker's customer can.
    for (let n = 0; n < MAX_ATTEMPTS_PER_ACCOUNT_AND_IPV6_NETWORK + 20; n++) {
      const from = `2001:db8:5:${n.toString(16)}::1`;
      expect((await attemptLogin(deps, 'dana@district.example', `wrong guess ${n}`, from)).ok).toBe(false);
    }
    expect(passwords.checks).toBe(MAX_ATTEMPTS_PER_ACCOUNT_AND_IPV6_NETWORK);
    // The cost: that account, from anywhere in that /48, waits too. Another account there, another network
    // and the owner's own desk sign in as ever.
    expect((await attemptLogin(deps, 'dana@district.example', RIGHT, '2001:db8:5:ffff::1')).ok).toBe(false);
    expect((await attemptLogin(deps, 'lee@district.example', RIGHT, '2001:db8:5:ffff::1')).ok).toBe(true);
    expect((await attemptLogin(deps, 'dana@district.example', RIGHT, '2001:db8:6::1')).ok).toBe(true);
    expect((await attemptLogin(deps, 'dana@district.example', RIGHT, ADMIN_DESK)).ok).toBe(true);
  });

  it('does not count sign-ins that succeed, so staff behind one school address are not held up', async () => {
    for (let n = 0; n < MAX_ATTEMPTS_PER_CLIENT * 2; n++) {
      const email = n % 2 ? 'dana@district.example' : 'lee@district.example';
      expect((await attemptLogin(deps, email, RIGHT, ATTACKER)).ok).toBe(true);
    }
    // A few mistyped passwords between them do not add up to a lock either.
    for (let n = 0; n < MAX_ATTEMPTS_PER_ACCOUNT_AND_CLIENT - 1; n++)
      await attemptLogin(deps, 'dana@district.example', 'mistyped', ATTACKER);
    expect((await attemptLogin(deps, 'dana@district.example', RIGHT, ATTACKER)).ok).toBe(true);
  });
});
