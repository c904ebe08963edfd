// Without SMTP_URL every email is written to the outbox folder and shown in the admin's Outbox page.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { createClient } from './browser-client';
import { signedInClient, startTestApp, type TestApp } from './test-app';

describe('the outbox (no SMTP server configured)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('writes a standard .eml file and lists and shows it to signed-in staff only', async () => {
    const parent = createClient(app.url);
    expect((await parent.post('/subscribe', { email: 'parent@family.example' })).status).toBe(303);
    const files = readdirSync(app.config.outboxDir).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const mail = await simpleParser(readFileSync(join(app.config.outboxDir, files[0]!)));
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('parent@family.example');
    expect(mail.subject).toBe('Confirm your subscription to What happened yesterday');
    expect(mail.text).toContain('/subscribe/confirm?token=');

    expect((await createClient(app.url).get('/admin/outbox')).status).toBe(303);
    const admin = await signedInClient(app);
    const list = await (await admin.get('/admin/outbox')).text();
    expect(list).toContain('parent@family.example');
    const id = /href="\/admin\/outbox\/([\w-]+)"/.exec(list)![1]!;
    const detail = await (await admin.get(`/admin/outbox/${id}`)).text();
    expect(detail).toContain('Confirm your subscription');
    const html = await admin.get(`/admin/outbox/${id}/html`);
    expect(html.headers.get('content-security-policy')).toContain('sandbox');
    expect(await html.text()).toContain('Confirm my subscription');
    const raw = await admin.get(`/admin/outbox/${id}/raw`);
    expect(raw.headers.get('content-type')).toBe('message/rfc822');
    expect((await admin.get('/admin/outbox/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
  });
});
