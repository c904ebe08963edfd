// A new password, a reset or a disabled account ends the sessions signed in before it, over real HTTP with two
// real sessions of one person (say, an office computer and a stolen laptop).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../src/db/audit';
import { createClient, type Client } from './browser-client';
import { addUser, signedInClient, startTestApp, TEST_PASSWORD, type TestApp } from './test-app';

const NEW_PASSWORD = 'a brand new password, long enough';

describe('sessions end when the password changes', () => {
  let app: TestApp;
  let admin: Client;
  beforeAll(async () => {
    app = await startTestApp();
    admin = await signedInClient(app, 'root@district.example', 'admin');
  });
  afterAll(() => app.close());

  const signIn = async (email: string, password = TEST_PASSWORD) => {
    const client = createClient(app.url);
    const response = await client.post('/admin/login', {
      _csrf: await client.csrf('/admin/login'),
      email,
      password,
    });
    return { client, status: response.status };
  };
  const isSignedIn = async (client: Client) => (await client.get('/admin/inbox')).status === 200;

  /** The newest password link written to the outbox for `to`. */
  const passwordLink = (to: string) => {
    const files = readdirSync(app.config.outboxDir)
      .filter((f) => f.endsWith('.json'))
      .sort();
    const mails = files.map(
      (f) => JSON.parse(readFileSync(join(app.config.outboxDir, f), 'utf8')) as { to: string; text: string },
    );
    const mail = mails.filter((m) => m.to === to).at(-1)!;
    const link = new URL(/http:\/\/\S+\/set-password\?token=[\w-]+/.exec(mail.text)![0]);
    return link.pathname + link.search;
  };

  it('keeps the session that changed the password and ends every other one', async () => {
    await addUser(app, 'dana@district.example', 'editor');
    const office = (await signIn('dana@district.example')).client;
    const laptop = (await signIn('dana@district.example')).client;
    expect(await isSignedIn(laptop)).toBe(true);

    const changed = await office.post('/admin/account/password', {
      _csrf: await office.csrf('/admin/account'),
      current: TEST_PASSWORD,
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(changed.status).toBe(303);
    expect(await (await office.get('/admin/account')).text()).toContain('Password changed.');
    expect(await isSignedIn(office)).toBe(true);
    expect(await isSignedIn(laptop)).toBe(false);
    expect((await signIn('dana@district.example')).status).toBe(400);
    expect((await signIn('dana@district.example', NEW_PASSWORD)).status).toBe(303);
    const audit = await listAudit(app.runtime.deps.db, { action: 'user.password_change', limit: 5 });
    expect(audit).toHaveLength(1);
  });

  it('counts wrong current passwords on the account page with sign-in attempts, and records them', async () => {
    await addUser(app, 'sam@district.example', 'editor');
    const stolen = (await signIn('sam@district.example')).client;
    const guess = async (current: string) => {
      await stolen.post('/admin/account/password', {
        _csrf: await stolen.csrf('/admin/account'),
        current,
        password: NEW_PASSWORD,
        confirm: NEW_PASSWORD,
      });
      return (await (await stolen.get('/admin/account')).text()).match(
        /class="flash[^"]*"[^>]*>([^<]*)/,
      )?.[1];
    };
    for (let n = 0; n < 4; n++) expect(await guess(`guess ${n}`)).toContain('current password');
    // Five wrong attempts from here on this account (the sign-in counted one success, withdrawn): then refused
    // unchecked, the right password included.
    expect(await guess('guess 4')).toContain('current password');
    expect(await guess(TEST_PASSWORD)).toContain('Too many');
    const failed = await listAudit(app.runtime.deps.db, { action: 'user.password_check_failed', limit: 20 });
    expect(failed.filter((entry) => entry.actorLabel === 'sam@district.example')).toHaveLength(5);
  });

  it('ends every session on a reset; a new password link retires the ones sent before', async () => {
    const lee = await addUser(app, 'lee@district.example', 'editor');
    const office = (await signIn('lee@district.example')).client;
    const laptop = (await signIn('lee@district.example')).client;
    const stranger = createClient(app.url);
    // A link an administrator gave by hand stays good while a request anyone can make waits to be sent.
    await admin.post(`/admin/users/${lee.id}/password-link`, { _csrf: await admin.csrf('/admin/users') });
    const handed = passwordLink('lee@district.example');
    for (let n = 0; n < 2; n++)
      await stranger.post('/admin/forgot', {
        _csrf: await stranger.csrf('/admin/forgot'),
        email: 'lee@district.example',
      });
    expect((await createClient(app.url).get(handed)).status).toBe(200);
    await app.sendQueuedMail();
    expect((await createClient(app.url).get(handed)).status).toBe(404);
    const older = passwordLink('lee@district.example');
    await admin.post(`/admin/users/${lee.id}/password-link`, { _csrf: await admin.csrf('/admin/users') });
    const newest = passwordLink('lee@district.example');
    expect(newest).not.toBe(older);
    // Only the newest link works, even before it is used: an older email found later is dead.
    expect((await createClient(app.url).get(older)).status).toBe(404);
    expect((await createClient(app.url).get(newest)).status).toBe(200);

    const person = createClient(app.url);
    const reset = await person.post(newest, {
      _csrf: await person.csrf(newest),
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(reset.status).toBe(303);
    expect(await isSignedIn(person)).toBe(true);
    expect(await isSignedIn(office)).toBe(false);
    expect(await isSignedIn(laptop)).toBe(false);
    // A link asked for before the reset no longer chooses a password.
    expect((await createClient(app.url).get(older)).status).toBe(404);
  });

  it('ends every session of an account an administrator disables, and enabling it again revives none', async () => {
    const kim = await addUser(app, 'kim@district.example', 'editor');
    const office = (await signIn('kim@district.example')).client;
    const laptop = (await signIn('kim@district.example')).client;
    for (const action of ['disable', 'enable'])
      expect(
        (await admin.post(`/admin/users/${kim.id}/${action}`, { _csrf: await admin.csrf('/admin/users') }))
          .status,
      ).toBe(303);
    expect(await isSignedIn(office)).toBe(false);
    expect(await isSignedIn(laptop)).toBe(false);
    expect((await signIn('kim@district.example')).status).toBe(303);
  });
});
