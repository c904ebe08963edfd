// Behind a reverse proxy every request comes from the proxy's address. Over real HTTP from 127.0.0.1 (the
// proxy, as nginx on the same machine would be), with X-Forwarded-For written as nginx's
// $proxy_add_x_forwarded_for writes it: what the client sent, then the address nginx saw.
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit } from '../src/db/audit';
import { MAX_PER_CLIENT_PER_HOUR } from '../src/subscriptions/subscribe';
import { createClient } from './browser-client';
import { addUser, startTestApp, TEST_PASSWORD, type TestApp } from './test-app';

const running: TestApp[] = [];
afterEach(async () => {
  for (const app of running.splice(0)) await app.close();
});

async function appWith(env: Record<string, string> = {}) {
  const app = await startTestApp({ env });
  running.push(app);
  await addUser(app, 'dana@district.example', 'admin');
  return app;
}

/** The headers nginx adds for a client at `address` that sent `claimed` as its own X-Forwarded-For. */
const viaProxy = (address: string, claimed?: string) => ({
  'x-forwarded-for': claimed ? `${claimed}, ${address}` : address,
});

/** Sign-ups one client may ask for in an hour. */
const LIMIT = MAX_PER_CLIENT_PER_HOUR;

const subscribe = (app: TestApp, n: number, headers: Record<string, string>) =>
  createClient(app.url).post('/subscribe', { email: `parent${n}@family.example` }, headers);

const signIn = async (app: TestApp, password: string, headers: Record<string, string>) => {
  const client = createClient(app.url);
  const _csrf = await client.csrf('/admin/login');
  return client.post('/admin/login', { _csrf, email: 'dana@district.example', password }, headers);
};

describe('client addresses behind a reverse proxy', () => {
  it('ignores forwarding headers without TRUST_PROXY, so a client cannot pose as many', async () => {
    const app = await appWith();
    for (let n = 0; n < LIMIT; n++)
      expect((await subscribe(app, n, { 'x-forwarded-for': `203.0.113.${n}` })).status).toBe(303);
    expect((await subscribe(app, LIMIT, { forwarded: 'for=198.51.100.1' })).status).toBe(429);

    for (let n = 0; n < 5; n++)
      expect((await signIn(app, `wrong guess ${n}`, { 'x-forwarded-for': `203.0.113.${n}` })).status).toBe(
        400,
      );
    const refused = await signIn(app, TEST_PASSWORD, { 'x-forwarded-for': '198.51.100.7' });
    expect(await refused.text()).toContain('Too many failed sign-in attempts');
    const failures = await listAudit(app.runtime.deps.db, { action: 'user.login_failed', limit: 10 });
    expect(new Set(failures.map((entry) => entry.ip))).toEqual(new Set(['127.0.0.1']));
  });

  it('with TRUST_PROXY=1, throttles each client behind the proxy on its own', async () => {
    const app = await appWith({ TRUST_PROXY: '1' });
    for (let n = 0; n < LIMIT; n++)
      expect((await subscribe(app, n, viaProxy('203.0.113.5'))).status).toBe(303);
    expect((await subscribe(app, LIMIT, viaProxy('203.0.113.5'))).status).toBe(429);
    // Another family behind the same proxy signs up as usual.
    expect((await subscribe(app, LIMIT + 1, viaProxy('198.51.100.7'))).status).toBe(303);

    for (let n = 0; n < 20; n++) await signIn(app, `wrong guess ${n}`, viaProxy('203.0.113.5'));
    const admin = await signIn(app, TEST_PASSWORD, viaProxy('198.51.100.7'));
    expect(admin.status).toBe(303);
    const logins = await listAudit(app.runtime.deps.db, { action: 'user.login', limit: 1 });
    expect(logins[0]!.ip).toBe('198.51.100.7');
  });

  it('with TRUST_PROXY=1, a client cannot escape its limit by sending its own X-Forwarded-For', async () => {
    const app = await appWith({ TRUST_PROXY: '1' });
    for (let n = 0; n < LIMIT; n++)
      expect((await subscribe(app, n, viaProxy('203.0.113.5', `10.0.0.${n}`))).status).toBe(303);
    expect((await subscribe(app, LIMIT, viaProxy('203.0.113.5', '198.51.100.7'))).status).toBe(429);

    for (let n = 0; n < 5; n++) await signIn(app, `wrong guess ${n}`, viaProxy('203.0.113.5', `10.0.1.${n}`));
    const refused = await signIn(app, TEST_PASSWORD, viaProxy('203.0.113.5', '198.51.100.7'));
    expect(await refused.text()).toContain('Too many failed sign-in attempts');
  });

  it('with the proxy named by address, reads RFC 7239 Forwarded too, and believes nobody else', async () => {
    const app = await appWith({ TRUST_PROXY: '127.0.0.1, ::1' });
    for (let n = 0; n < LIMIT; n++)
      expect(
        (await subscribe(app, n, { forwarded: `for=10.0.0.${n}, for="[2001:db8::5]:4711"` })).status,
      ).toBe(303);
    // Another address in the same IPv6 /64 is the same client.
    expect((await subscribe(app, LIMIT, { forwarded: 'for="[2001:db8::6]"' })).status).toBe(429);
    expect((await subscribe(app, LIMIT + 1, { forwarded: 'for="[2001:db8:0:1::5]"' })).status).toBe(303);
  });
});
