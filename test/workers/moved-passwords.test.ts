// A district moved from a server: passwords set there (scrypt) cannot be checked on Workers, so the sign-in
// page says so to everyone while an active account still has one, and names no account.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { openD1 } from '../../src/db/d1';
import { insertUser, updateUser } from '../../src/db/users';
import worker from '../../src/entry/worker';
import type { WorkerEnv } from '../../src/entry/worker-runtime';
import { cookiesOf } from './session';

const ORIGIN = 'http://yesterday.test';
const MOVED = 'This site has moved to Cloudflare since some passwords were set';

async function request(path: string, init: RequestInit = {}) {
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`${ORIGIN}${path}`, { redirect: 'manual', ...init }),
    env as unknown as WorkerEnv,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

describe('signing in on Workers after a move from a server', () => {
  it('says that passwords from the server no longer work while an active account has one', async () => {
    expect(await (await request('/admin/login')).text()).not.toContain(MOVED);
    const db = openD1(env.DB);
    // As d1:export-sql carries it from a server: the password "a long district password", hashed with scrypt.
    const moved = await insertUser(
      db,
      {
        email: 'dana@district.example',
        name: 'Dana',
        role: 'admin',
        passwordHash: 'scrypt$131072$8$1$3q2-7w$xN4vV0TqH5oE2m8bJb9kQn0r6oVbq1o6s8cM0gYt3uA',
      },
      Date.now(),
    );
    const login = await request('/admin/login');
    const page = await login.text();
    expect(page).toContain(MOVED);
    expect(page).toContain('href="/admin/forgot"');

    // A failed sign-in says the same, and still does not say whether the account exists.
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const refused = await request('/admin/login', {
      method: 'POST',
      headers: {
        origin: ORIGIN,
        cookie: cookiesOf(login),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        _csrf: csrf,
        email: 'dana@district.example',
        password: 'a long district password',
      }),
    });
    expect(refused.status).toBe(400);
    const answer = await refused.text();
    expect(answer).toContain('That email and password do not match an account.');
    expect(answer).toContain(MOVED);

    // Once no active account has one, the note goes.
    await updateUser(db, moved.id, { disabled: true });
    expect(await (await request('/admin/login')).text()).not.toContain(MOVED);
  });
});
