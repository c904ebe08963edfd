// The Worker before email is configured (no POSTMARK_SERVER_TOKEN, as on a first `wrangler dev`): every page,
// feed and the desk answer; /healthz says mail is not configured; publishing works and queues no email; the
// desk says email is off. The real Worker's handlers, given the suite's bindings less the token.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/auth/api-tokens';
import { openD1 } from '../../src/db/d1';
import { findOrCreateSchool } from '../../src/db/schools';
import { insertSource } from '../../src/db/sources';
import { confirmSubscriber, upsertPendingSubscriber } from '../../src/db/subscribers';
import worker from '../../src/entry/worker';
import type { WorkerEnv } from '../../src/entry/worker-runtime';
import { item, storeItems } from '../fixtures';
import { signIn } from './session';

const db = openD1(env.DB);
const ORIGIN = 'http://yesterday.test';
const DATE = '2026-09-09';
const NOON = Date.parse(`${DATE}T17:00:00Z`);
const withoutEmail = (() => {
  const bindings: Record<string, unknown> = { ...env };
  delete bindings.POSTMARK_SERVER_TOKEN;
  delete bindings.POSTMARK_API_URL;
  return bindings as unknown as WorkerEnv;
})();

async function request(path: string, init: RequestInit = {}) {
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`${ORIGIN}${path}`, { redirect: 'manual', ...init }),
    withoutEmail,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

describe('Workers with no email provider configured', () => {
  it('serves the public pages, the feeds and /healthz, which says mail is not configured', async () => {
    const health = await request('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'ok', mail: 'not configured' });
    for (const path of ['/', '/archive', '/feed.xml', '/feed.atom', '/feed.json', '/embed', '/subscribe'])
      expect((await request(path)).status, path).toBe(200);
  });

  it('lets the desk publish, queues no email, and says on the desk that email is off', async () => {
    const school = await findOrCreateSchool(db, 'Garfield Elementary', Date.now());
    const source = (await insertSource(
      db,
      { schoolId: school.id, feedUrl: 'https://garfield.example/feed', mediaRelease: true },
      Date.now(),
    ))!;
    await db.batch([
      db.raw(sql`update sources set next_fetch_at = ${Date.now() + 86_400_000} where id = ${source.id}`),
    ]);
    await storeItems(
      db,
      source.id,
      [item({ guid: 'no-email-garden', title: 'The garden beds are planted', publishedAt: NOON })],
      Date.now(),
    );
    const subscriber = await upsertPendingSubscriber(
      db,
      {
        email: 'family@no-email.example',
        nonce: 'no-email',
        consent: { text: 'test', source: 'form', schools: [] },
        schoolIds: [],
      },
      Date.now(),
    );
    await confirmSubscriber(db, subscriber.id, Date.now());

    // The desk, signed in, says email is off where publishing is.
    const session = await signIn(request, ORIGIN, 'coordinator@no-email.example');
    const desk = await request(`/admin/inbox?date=${DATE}`, { headers: { cookie: session } });
    expect(desk.status).toBe(200);
    expect(await desk.text()).toContain('Email is off: no email provider is configured');
    // The Outbox says the same, not that an SMTP server sends it.
    const outbox = await (await request('/admin/outbox', { headers: { cookie: session } })).text();
    expect(outbox).toContain('Email is off: set <code>POSTMARK_SERVER_TOKEN</code>');
    expect(outbox).not.toContain('SMTP');

    // Publishing through the API works and queues nothing.
    const { token } = await createApiToken(
      db,
      { name: 'no-email', role: 'editor' },
      { type: 'system', label: 'test' },
      Date.now(),
    );
    const api = (path: string, method: string, body?: unknown) =>
      request(`/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const items = (await (await api(`/items?date=${DATE}`, 'GET')).json()) as { items: { id: number }[] };
    expect(items.items).toHaveLength(1);
    expect(
      (await api(`/digests/${DATE}`, 'PUT', { entries: [{ item_id: items.items[0]!.id }] })).status,
    ).toBe(200);
    const published = await api(`/digests/${DATE}/publish`, 'POST', {});
    expect(published.status).toBe(200);
    expect(((await published.json()) as { queued_emails: number }).queued_emails).toBe(0);
    const queued = await db.query<{ n: number }>(
      `select count(*) as n from deliveries d join digests g on g.id = d.digest_id where g.date = ?`,
      [DATE],
    );
    expect(queued[0]!.n).toBe(0);
    expect(await (await request(`/digests/${DATE}`)).text()).toContain('The garden beds are planted');
    expect(await (await request('/feed.xml')).text()).toContain('The garden beds are planted');
  });
});
