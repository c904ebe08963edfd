// Password hashing with WebCrypto's PBKDF2-HMAC-SHA-256, for runtimes without scrypt (Cloudflare Workers).
// Production Workers refuse more than 100,000 iterations (workerd#1346; `wrangler dev` does not enforce it),
// so that is the cost used there: below OWASP's 600,000 for PBKDF2-SHA-256, which is why Node keeps scrypt.
// Stored as pbkdf2-sha256$ITERATIONS$SALT$KEY (base64url), so either runtime can read the other's hashes.
import type { PasswordHasher } from './password';

export const WORKERS_PBKDF2_ITERATIONS = 100_000;
const KEY_BITS = 256;

const encoder = new TextEncoder();

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(password.normalize('NFKC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    KEY_BITS,
  );
  return new Uint8Array(bits);
}

/** Compares in time that depends only on the length, not on where the first difference is. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

export function isPbkdf2Hash(stored: string): boolean {
  return stored.startsWith('pbkdf2-sha256$');
}

export function createPbkdf2Hasher(iterations = WORKERS_PBKDF2_ITERATIONS): PasswordHasher {
  return {
    cannotCheck: 'scrypt',
    async hash(password) {
      const salt = crypto.getRandomValues(new Uint8Array(16));
      const key = await derive(password, salt, iterations);
      return `pbkdf2-sha256$${iterations}$${toBase64Url(salt)}$${toBase64Url(key)}`;
    },
    async verify(password, stored) {
      const [scheme, count, salt, expected] = stored.split('$');
      if (scheme !== 'pbkdf2-sha256' || !salt || !expected) return false;
      const storedIterations = Number(count);
      // A hash made with more iterations than this runtime allows cannot be checked here.
      if (!Number.isSafeInteger(storedIterations) || storedIterations < 1 || storedIterations > iterations)
        return false;
      const saltBytes = fromBase64Url(salt);
      const want = fromBase64Url(expected);
      if (!saltBytes || !want) return false;
      return sameBytes(want, await derive(password, saltBytes, storedIterations));
    },
  };
}

/** Hashes with `primary`; verifies whichever scheme a stored hash uses (a database moved between runtimes). */
export function withPbkdf2Fallback(primary: PasswordHasher): PasswordHasher {
  const pbkdf2 = createPbkdf2Hasher();
  return {
    hash: (password) => primary.hash(password),
    verify: (password, stored) =>
      isPbkdf2Hash(stored) ? pbkdf2.verify(password, stored) : primary.verify(password, stored),
  };
}
