// Signing in to the Worker under test as a person does: the login page's cookie and CSRF token, then the form.
import { env } from 'cloudflare:test';
import { createPbkdf2Hasher } from '../../src/auth/pbkdf2-hasher';
import { openD1 } from '../../src/db/d1';
import { insertUser, type Role } from '../../src/db/users';

/** The cookies a response sets, as a Cookie header (getSetCookie is in workerd; its types lack it yet). */
export function cookiesOf(response: Response): string {
  const jar = new Map<string, string>();
  for (const line of (response.headers as Headers & { getSetCookie(): string[] }).getSetCookie()) {
    const [name, ...value] = line.split(';')[0]!.split('=');
    jar.set(name!, value.join('='));
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** A new user of this role, signed in through /admin/login; answers the session's Cookie header. */
export async function signIn(
  request: (path: string, init?: RequestInit) => Promise<Response>,
  origin: string,
  email: string,
  role: Role = 'admin',
): Promise<string> {
  const password = 'a long district password';
  await insertUser(
    openD1(env.DB),
    { email, name: email.split('@')[0]!, role, passwordHash: await createPbkdf2Hasher().hash(password) },
    Date.now(),
  );
  const login = await request('/admin/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await login.text())![1]!;
  const signedIn = await request('/admin/login', {
    method: 'POST',
    headers: { origin, cookie: cookiesOf(login), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email, password }),
  });
  if (signedIn.status !== 303) throw new Error(`signing in as ${email} failed with ${signedIn.status}`);
  return cookiesOf(signedIn);
}
