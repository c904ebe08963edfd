import { describe, expect, it } from 'vitest';
import { createPbkdf2Hasher, withPbkdf2Fallback, WORKERS_PBKDF2_ITERATIONS } from './pbkdf2-hasher';
import { createScryptHasher } from './scrypt-hasher';

describe('PBKDF2 password hashing (Workers)', () => {
  const hasher = createPbkdf2Hasher(1000);

  it('verifies the password it hashed and nothing else', async () => {
    const stored = await hasher.hash('a long district password');
    expect(stored).toMatch(/^pbkdf2-sha256\$1000\$[\w-]{22}\$[\w-]{43}$/);
    expect(await hasher.verify('a long district password', stored)).toBe(true);
    expect(await hasher.verify('a long district passwore', stored)).toBe(false);
    expect(await hasher.hash('a long district password')).not.toBe(stored);
  });

  it('treats the same password typed in another Unicode form as the same', async () => {
    const stored = await hasher.hash('Café au lait, every morning');
    expect(await hasher.verify('Cafe\u0301 au lait, every morning', stored)).toBe(true);
  });

  it('refuses tampered, foreign and over-cost hashes instead of throwing', async () => {
    const stored = await hasher.hash('a long district password');
    const [scheme, count, salt, key] = stored.split('$');
    expect(
      await hasher.verify('a long district password', `${scheme}$${count}$${salt}$${key!.slice(1)}A`),
    ).toBe(false);
    expect(await hasher.verify('a long district password', `${scheme}$${count}$${salt}!$${key}`)).toBe(false);
    expect(await hasher.verify('a long district password', 'scrypt$16$8$1$abc$def')).toBe(false);
    // More iterations than this runtime may run (production Workers stop at 100,000) cannot be checked here.
    expect(await hasher.verify('a long district password', `${scheme}$2000$${salt}$${key}`)).toBe(false);
    expect(WORKERS_PBKDF2_ITERATIONS).toBe(100_000);
  });

  it('lets a server read hashes made on Workers while it keeps hashing with scrypt', async () => {
    const server = withPbkdf2Fallback(createScryptHasher({ N: 2 ** 10, r: 8, p: 1 }));
    const fromWorkers = await createPbkdf2Hasher().hash('made on the Worker, kept on the server');
    expect(await server.verify('made on the Worker, kept on the server', fromWorkers)).toBe(true);
    expect(await server.verify('something else entirely', fromWorkers)).toBe(false);
    const fresh = await server.hash('a new password on the server');
    expect(fresh.startsWith('scrypt$')).toBe(true);
    expect(await server.verify('a new password on the server', fresh)).toBe(true);
  });
});
