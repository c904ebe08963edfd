// Without SMTP_URL every email is written to the outbox folder and shown in the admin's Outbox page; email
// that carries a one-time link into an account is shown to administrators only, with the link hidden.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { findSubscriberByEmail } from '../src/db/subscribers';
import { subscriptionToken } from '../src/email/subscription-tokens';
import { createClient } from './browser-client';
import { addConfirmedSubscriber, addSchoolWithSource, item, storeItems } from './fixtures';
import { deskDepsOf, publishDesk, saveDesk, type DeskActor } from '../src/curate/desk';
import { listItemsPublishedBetween } from '../src/db/items';
import { dayRange } from '../src/time/zoned-time';
import { signedInClient, startTestApp, TEST_PASSWORD, type TestApp } from './test-app';

describe('the outbox (no SMTP server configured)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('writes a standard .eml file and lists and shows it to signed-in staff only', async () => {
    const parent = createClient(app.url);
    expect((await parent.post('/subscribe', { email: 'parent@family.example' })).status).toBe(303);
    await app.sendQueuedMail(); // the background sender's work, after the answer
    const files = readdirSync(app.config.outboxDir).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const mail = await simpleParser(readFileSync(join(app.config.outboxDir, files[0]!)));
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('parent@family.example');
    expect(mail.subject).toBe('Confirm your subscription to Our School District’s daily digest');
    expect(mail.text).toContain('/subscribe/confirm?token=');

    expect((await createClient(app.url).get('/admin/outbox')).status).toBe(303);
    const admin = await signedInClient(app);
    const list = await (await admin.get('/admin/outbox')).text();
    expect(list).toContain('parent@family.example');
    const id = /href="\/admin\/outbox\/([\w-]+)"/.exec(list)![1]!;
    const detail = await (await admin.get(`/admin/outbox/${id}`)).text();
    expect(detail).toContain('Confirm your subscription');
    // Only the address itself confirms: the link is hidden from staff, and stays in the file.
    expect(detail).toContain('/subscribe/confirm?token=(hidden)');
    const html = await admin.get(`/admin/outbox/${id}/html`);
    expect(html.headers.get('content-security-policy')).toContain('sandbox');
    expect(await html.text()).toContain('Confirm my subscription');
    const raw = await admin.get(`/admin/outbox/${id}/raw`);
    expect(raw.headers.get('content-type')).toBe('message/rfc822');
    expect((await admin.get('/admin/outbox/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
  });

  it('shows an editor a parent’s digest without the parent’s own links, which stay in the file', async () => {
    const db = app.runtime.deps.db;
    const { source, school } = await addSchoolWithSource(
      db,
      'Lincoln Elementary',
      'https://lincoln.example/feed',
    );
    const { start, end } = dayRange('2026-11-20', 'America/Chicago');
    await storeItems(db, source.id, [
      item({ guid: 'kites', title: 'Kites on the field', publishedAt: start + 40e6 }),
    ]);
    const items = await listItemsPublishedBetween(db, start, end);
    await addConfirmedSubscriber(db, 'family@family.example', [school.id]);
    const dana: DeskActor = { type: 'user', id: null, userId: null, label: 'test', role: 'editor' };
    const deps = deskDepsOf(app.runtime.deps);
    await saveDesk(deps, dana, '2026-11-20', { entries: items.map((i) => ({ itemId: i.id })) });
    await publishDesk(deps, dana, '2026-11-20');
    await app.sendQueuedMail();
    const file = readdirSync(app.config.outboxDir)
      .filter((f) => f.endsWith('.eml'))
      .find((f) => readFileSync(join(app.config.outboxDir, f), 'utf8').includes('family@family.example'))!;
    const onDisk = await simpleParser(readFileSync(join(app.config.outboxDir, file)));
    const tokens = [
      /\/unsubscribe\?token=([\w.-]+)/.exec(onDisk.text!)![1]!,
      /\/preferences\?token=([\w.-]+)/.exec(onDisk.text!)![1]!,
    ];

    const editor = await signedInClient(app, 'ed.outbox@district.example', 'editor');
    const id = file.slice(0, -4);
    expect(await (await editor.get('/admin/outbox')).text()).toContain(id);
    const views = [
      await (await editor.get(`/admin/outbox/${id}`)).text(),
      await (await editor.get(`/admin/outbox/${id}/html`)).text(),
    ];
    const downloaded = await simpleParser(
      Buffer.from(await (await editor.get(`/admin/outbox/${id}/raw`)).arrayBuffer()),
    );
    views.push(`${downloaded.text}${String(downloaded.html)}`);
    for (const view of views) {
      expect(view).toContain('Kites on the field');
      expect(view).toContain('/unsubscribe?token=(hidden)');
      for (const token of tokens) expect(view).not.toContain(token);
    }
  });
});

describe('account emails in the outbox', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  /** The message files to `to` on disk (the operator's copies), newest last, with the token their link carries. */
  const onDisk = async (to: string) => {
    const found = [];
    for (const file of readdirSync(app.config.outboxDir)
      .filter((f) => f.endsWith('.eml'))
      .sort()) {
      const mail = await simpleParser(readFileSync(join(app.config.outboxDir, file)));
      if (mail.to && 'text' in mail.to && mail.to.text === to) {
        const token = /\?token=([\w.-]+)/.exec(mail.text ?? '')?.[1];
        found.push({ id: file.slice(0, -4), subject: mail.subject!, token: token! });
      }
    }
    return found;
  };

  it('keeps a password link for an administrator out of an editor’s reach, so the takeover fails', async () => {
    const admin = await signedInClient(app, 'dana@district.example', 'admin');
    const editor = await signedInClient(app, 'lee@district.example', 'editor');

    // The attack: ask for a password link for the administrator, then look for it in the outbox.
    const asked = await editor.post('/admin/forgot', {
      _csrf: await editor.csrf('/admin/forgot'),
      email: 'dana@district.example',
    });
    expect(asked.status).toBe(303);
    // Queued by the request, sent by the background sender: still account email, hidden from the editor.
    await app.sendQueuedMail();
    const [reset] = await onDisk('dana@district.example');
    expect(reset!.token).toMatch(/^[\w-]{20,}$/); // the email was written, with its link, for the operator

    const seen: string[] = [];
    const list = await editor.get('/admin/outbox');
    expect(list.status).toBe(200);
    seen.push(await list.text());
    expect(seen[0]).not.toContain('dana@district.example');
    expect(seen[0]).not.toContain(reset!.subject);
    for (const path of ['', '/html', '/raw']) {
      const response = await editor.get(`/admin/outbox/${reset!.id}${path}`);
      expect(response.status).toBe(404);
      seen.push(await response.text());
    }
    expect(seen.join('\n')).not.toContain(reset!.token);
    const links = seen.join('\n').match(/\/set-password\?token=[\w-]+/g);
    expect(links).toBeNull();

    // The administrator's password still works; nobody chose a new one.
    const again = createClient(app.url);
    const signIn = await again.post('/admin/login', {
      _csrf: await again.csrf('/admin/login'),
      email: 'dana@district.example',
      password: TEST_PASSWORD,
    });
    expect(signIn.status).toBe(303);
    expect((await admin.get('/admin/outbox')).status).toBe(200);
  });

  it('hides invitations and address changes from editors too', async () => {
    const admin = await signedInClient(app, 'kim@district.example', 'admin');
    const editor = await signedInClient(app, 'max@district.example', 'editor');
    const invited = await admin.post('/admin/users', {
      _csrf: await admin.csrf('/admin/users'),
      email: 'ola@district.example',
      name: 'Ola',
      role: 'admin',
    });
    // The page answers with the link itself (for when email does not arrive), kept out of any cookie.
    expect(invited.status).toBe(200);
    expect(invited.headers.get('cache-control')).toBe('no-store');
    expect(invited.headers.getSetCookie().join('\n')).not.toContain('yd_flash');
    await addConfirmedSubscriber(app.runtime.deps.db, 'old@family.example');
    const subscriber = (await findSubscriberByEmail(app.runtime.deps.db, 'old@family.example'))!;
    const prefs = `/preferences?token=${await subscriptionToken(app.runtime.deps.signingKey, 'preferences', subscriber)}`;
    expect((await createClient(app.url).post(prefs, { new_email: 'new@family.example' })).status).toBe(303);
    await app.sendQueuedMail();

    const [invitation] = await onDisk('ola@district.example');
    const [move] = await onDisk('new@family.example');
    const list = await (await editor.get('/admin/outbox')).text();
    for (const message of [invitation!, move!]) {
      expect(list).not.toContain(message.subject);
      expect((await editor.get(`/admin/outbox/${message.id}`)).status).toBe(404);
      expect((await editor.get(`/admin/outbox/${message.id}/raw`)).status).toBe(404);
    }
    const adminList = await (await admin.get('/admin/outbox')).text();
    expect(adminList).toContain(invitation!.subject);
    expect(adminList).toContain(move!.subject);
    const detail = await (await admin.get(`/admin/outbox/${move!.id}`)).text();
    expect(detail).not.toContain(move!.token);
  });

  it('shows an administrator the account email with its link hidden, in every view and the download', async () => {
    const admin = await signedInClient(app, 'ana@district.example', 'admin');
    const asked = await admin.post('/admin/users/1/password-link', {
      _csrf: await admin.csrf('/admin/users'),
    });
    // The People page answers with the link, to the administrator who asked for it (for when email does not
    // arrive), in the response alone: the next visit to the page has no trace of it.
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('The one-time link');
    expect(await (await admin.get('/admin/users')).text()).not.toContain('The one-time link');
    const [, link] = await onDisk('dana@district.example');
    expect(link!.token).toMatch(/^[\w-]{20,}$/);

    const list = await (await admin.get('/admin/outbox')).text();
    expect(list).toContain(link!.subject);
    expect(list).toContain('link hidden');
    const detail = await (await admin.get(`/admin/outbox/${link!.id}`)).text();
    expect(detail).toContain('Choose a password: http://');
    expect(detail).toContain('/set-password?token=(hidden)');
    expect(detail).toContain('one-time link is hidden');
    const html = await (await admin.get(`/admin/outbox/${link!.id}/html`)).text();
    expect(html).toContain('Choose a password');
    const raw = await admin.get(`/admin/outbox/${link!.id}/raw`);
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toBe('message/rfc822');
    const downloaded = await simpleParser(Buffer.from(await raw.arrayBuffer()));
    expect(downloaded.subject).toBe(link!.subject);
    expect(downloaded.text).toContain('/set-password?token=(hidden)');
    for (const body of [list, detail, html, downloaded.text!, String(downloaded.html)])
      expect(body).not.toContain(link!.token);
    // The link itself still works for the person it was sent to.
    expect((await createClient(app.url).get(`/set-password?token=${link!.token}`)).status).toBe(200);
  });

  it('treats a password email written before account emails were marked the same way', async () => {
    const editor = await signedInClient(app, 'ed@district.example', 'editor');
    const admin = await signedInClient(app, 'al@district.example', 'admin');
    const id = '2026-01-01T00-00-00-000Z-legacy1';
    const token = 'x'.repeat(43);
    const text = `Choose a new password\n\nChoose a password: http://127.0.0.1/set-password?token=${token}\n`;
    writeFileSync(
      join(app.config.outboxDir, `${id}.json`),
      JSON.stringify({
        id,
        to: 'dana@district.example',
        subject: 'Choose a new password for the digest desk of Our School District',
        date: Date.parse('2026-01-01T00:00:00Z'),
        html: `<a href="http://127.0.0.1/set-password?token&#x3D;${token}">Choose a password</a>`,
        text,
        headers: {},
      }),
    );
    writeFileSync(join(app.config.outboxDir, `${id}.eml`), `Subject: old\n\n${text}`);
    expect(await (await editor.get('/admin/outbox')).text()).not.toContain(id);
    expect((await editor.get(`/admin/outbox/${id}`)).status).toBe(404);
    const detail = await (await admin.get(`/admin/outbox/${id}`)).text();
    expect(detail).toContain('/set-password?token=(hidden)');
    const seen = [
      detail,
      await (await admin.get(`/admin/outbox/${id}/html`)).text(),
      await (await admin.get(`/admin/outbox/${id}/raw`)).text(),
    ];
    for (const body of seen) expect(body).not.toContain(token);
  });
});
