// Signing in, throttling, sessions and CSRF, over real HTTP against a real database.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../src/db/audit';
import { createOneTimeLink, setupLinkIfNeeded } from '../src/auth/one-time-links';
import { insertUser } from '../src/db/users';
import { createClient } from './browser-client';
import { startTestApp, testPasswords, type TestApp } from './test-app';

const run = promisify(execFile);
const BIN = resolve(import.meta.dirname, '../bin/yesterday.mjs');

describe('admin authentication', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
    const hash = await testPasswords.hash('correct horse battery');
    await insertUser(
      app.runtime.deps.db,
      { email: 'dana@district.example', name: 'Dana', role: 'admin', passwordHash: hash },
      app.clock.now(),
    );
    await insertUser(
      app.runtime.deps.db,
      { email: 'lee@district.example', name: 'Lee', role: 'editor', passwordHash: hash },
      app.clock.now(),
    );
  });
  afterAll(() => app.close());

  const signIn = async (email: string, password: string) => {
    const client = createClient(app.url);
    const csrf = await client.csrf('/admin/login');
    const response = await client.post('/admin/login', { _csrf: csrf, email, password });
    return { client, response };
  };

  it('sends people who are not signed in to the sign-in page, remembering where they were going', async () => {
    const response = await createClient(app.url).get('/admin/sources?x=1');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2Fsources%3Fx%3D1');
  });

  it('signs in with a password holding characters that stored text drops: passwords are hashed, not cleaned', async () => {
    const password = 'kites\u202E over\u0007 the field';
    await insertUser(
      app.runtime.deps.db,
      {
        email: 'ola@district.example',
        name: 'Ola',
        role: 'editor',
        passwordHash: await testPasswords.hash(password),
      },
      app.clock.now(),
    );
    expect((await signIn('ola@district.example', password)).response.status).toBe(303);
    expect((await signIn('ola@district.example', 'kites over the field')).response.status).not.toBe(303);
  });

  it('signs in with the right password, with a HttpOnly SameSite=Lax session cookie', async () => {
    const { client, response } = await signIn('Dana@District.example', 'correct horse battery');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/inbox');
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('yd_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect((await client.get('/admin/inbox')).status).toBe(200);
  });

  it('refuses a wrong password with a sentence, and records the failure in the audit log', async () => {
    const { response } = await signIn('dana@district.example', 'wrong password here');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('That email and password do not match an account.');
    const failures = await listAudit(app.runtime.deps.db, { action: 'user.login_failed', limit: 10 });
    expect(failures.length).toBeGreaterThan(0);
    expect(
      (await listAudit(app.runtime.deps.db, { action: 'user.login', limit: 10 })).length,
    ).toBeGreaterThan(0);
  });

  it('gives an unknown account the same answer as a wrong password', async () => {
    const { response } = await signIn('nobody@district.example', 'whatever password');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('That email and password do not match an account.');
  });

  it('throttles an account after five failures in fifteen minutes, even with the right password', async () => {
    for (let i = 0; i < 5; i++) await signIn('lee@district.example', `wrong ${i} password`);
    const { response } = await signIn('lee@district.example', 'correct horse battery');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Too many failed sign-in attempts. Wait 15 minutes');
    app.clock.advance(16 * 60_000);
    const later = await signIn('lee@district.example', 'correct horse battery');
    expect(later.response.status).toBe(303);
  });

  it('rejects a form without its CSRF token, or from another site, and changes nothing', async () => {
    const { client } = await signIn('dana@district.example', 'correct horse battery');
    const before = (await client.get('/admin/settings').then((r) => r.text())).includes('Riverdale');
    const missing = await client.post('/admin/settings', { district_name: 'Riverdale' });
    expect(missing.status).toBe(403);
    expect(await missing.text()).toContain('This form has expired or came from another site.');
    const csrf = await client.csrf('/admin/settings');
    const foreign = await client.post(
      '/admin/settings',
      { _csrf: csrf, district_name: 'Riverdale' },
      { origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
    const wrongToken = await client.post('/admin/settings', {
      _csrf: 'x'.repeat(32),
      district_name: 'Riverdale',
    });
    expect(wrongToken.status).toBe(403);
    expect(before).toBe(false);
    expect(await client.get('/admin/settings').then((r) => r.text())).not.toContain('Riverdale');
  });

  it('signs out: the old session cookie no longer works', async () => {
    const { client } = await signIn('dana@district.example', 'correct horse battery');
    const stolen = client.cookies.get('yd_session')!;
    const csrf = await client.csrf('/admin/inbox');
    const out = await client.post('/admin/logout', { _csrf: csrf });
    expect(out.status).toBe(303);
    // What the desk kept in the tab's storage goes too.
    expect(out.headers.get('clear-site-data')).toBe('"storage"');
    const replay = createClient(app.url);
    replay.cookies.set('yd_session', stolen);
    expect((await replay.get('/admin/inbox')).status).toBe(303);
  });

  it('sends security headers with every page', async () => {
    const response = await fetch(`${app.url}/`);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('permissions-policy')).toBe(
      'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    );
  });

  it('lets pages show pictures from this site only, and served over HTTPS asks browsers to keep to HTTPS', async () => {
    const secure = await startTestApp({ env: { PUBLIC_URL: 'https://digest.district.example' } });
    try {
      const response = await fetch(`${secure.url}/`);
      const csp = response.headers.get('content-security-policy')!;
      expect(csp).toContain("img-src 'self' data:;");
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await secure.close();
    }
    const csp = (await fetch(`${app.url}/admin/login`)).headers.get('content-security-policy')!;
    expect(csp).toContain("img-src 'self' data:;");
  });

  it('signs one person, or everyone, out of every browser from the command line', async () => {
    const db = app.runtime.deps.db;
    const hash = await testPasswords.hash('correct horse battery');
    for (const email of ['kim@district.example', 'ray@district.example'])
      await insertUser(db, { email, name: email, role: 'editor', passwordHash: hash }, app.clock.now());
    const kim = (await signIn('kim@district.example', 'correct horse battery')).client;
    const ray = (await signIn('ray@district.example', 'correct horse battery')).client;
    const signedIn = async (client: typeof kim) => (await client.get('/admin/inbox')).status === 200;
    expect([await signedIn(kim), await signedIn(ray)]).toEqual([true, true]);
    const yesterday = (...args: string[]) =>
      run(process.execPath, [BIN, ...args], {
        env: { PATH: process.env.PATH, DATABASE_PATH: app.config.databasePath, LOG_LEVEL: 'silent' },
      });

    const one = await yesterday('sessions:end', '--email', 'kim@district.example');
    expect(one.stdout.trim()).toBe('Signed kim@district.example out of every browser (1 session ended).');
    expect([await signedIn(kim), await signedIn(ray)]).toEqual([false, true]);
    const nobody = await yesterday('sessions:end', '--email', 'nobody@district.example').catch((e) => e);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('there is no account for nobody@district.example.');

    const all = await yesterday('sessions:end');
    expect(all.stdout).toMatch(/^Signed everyone out \(\d+ sessions? ended\)\. Each person signs in again/);
    expect(await signedIn(ray)).toBe(false);
    const [entry] = await listAudit(db, { action: 'sessions.end', limit: 1 });
    expect(entry).toMatchObject({ actorType: 'cli', subjectId: null });
  });
});

describe('the first-run setup link', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const users = async () =>
    (await app.runtime.deps.db.query<{ email: string }>('select email from users order by id', [])).map(
      (row) => row.email,
    );
  const unusedSetupTokens = async () =>
    (
      await app.runtime.deps.db.query<{ n: number }>(
        `select count(*) as n from user_tokens where purpose = 'setup' and used_at is null`,
        [],
      )
    )[0]!.n;
  const createAdmin = async (link: string, email: string) => {
    const client = createClient(app.url);
    const path = link.slice(app.url.length);
    // The form's token as an attacker has it: from any page of the site (the setup page no longer shows one).
    return client.post(path, {
      _csrf: await client.csrf('/admin/login'),
      email,
      name: 'Someone',
      password: 'correct horse battery',
      confirm: 'correct horse battery',
    });
  };

  it('makes the first administrator, and dies once anyone has an account, however it was made', async () => {
    const db = app.runtime.deps.db;
    const link = (await setupLinkIfNeeded(db, app.url, app.clock.now()))!;
    expect((await fetch(link)).status).toBe(200);
    // The first administrator comes from the command line instead (user:create), and the link printed at
    // start is still in the server's log.
    await insertUser(db, { email: 'it@district.example', name: 'IT', role: 'admin' }, app.clock.now());
    expect(await unusedSetupTokens()).toBe(0);
    const dead = await fetch(link);
    expect(dead.status).toBe(404);
    expect(await dead.text()).toContain('the district has one now, so it no longer works');
    expect((await createAdmin(link, 'intruder@elsewhere.example')).status).toBe(404);
    expect(await users()).toEqual(['it@district.example']);
  });

  it('left unused by an older version, is deleted at start and cannot be spent meanwhile', async () => {
    const db = app.runtime.deps.db;
    // An older version kept a setup link once accounts existed: made here as it made them.
    const link = await createOneTimeLink(db, app.url, 'setup', null, app.clock.now());
    expect((await createAdmin(link, 'intruder@elsewhere.example')).status).toBe(404);
    expect(await users()).toEqual(['it@district.example']);
    expect(await setupLinkIfNeeded(db, app.url, app.clock.now())).toBeUndefined();
    expect(await unusedSetupTokens()).toBe(0);
  });
});
