// The district's social accounts on Workers, against the stand-ins for Mastodon, a Bluesky PDS and the Graph
// API (started beside the suite, vitest.workers.config.ts): credentials sealed with WebCrypto in workerd, the
// cron handing posting to the queue, one post per account per digest when two crons and a redelivered queue
// message race, the reply on a correction, the deletes on a takedown, and a revoked token that stops its account.
import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  env,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { expect, it } from 'vitest';
import { openD1 } from '../../src/db/d1';
import { findOrCreateSchool } from '../../src/db/schools';
import { listSocialAccounts } from '../../src/db/social-accounts';
import { insertSource } from '../../src/db/sources';
import worker from '../../src/entry/worker';
import type { JobMessage, WorkerEnv } from '../../src/entry/worker-runtime';
import { connectSocialAccount } from '../../src/social/connect-account';
import { createSocialFetch } from '../../src/social/social-fetch';
import { item, storeItems } from '../fixtures';
import {
  BLUESKY_HANDLE,
  BLUESKY_PASSWORD,
  FACEBOOK_PAGE_ID,
  FACEBOOK_TOKEN,
  MASTODON_TOKEN,
  type Recorded,
} from '../social-stand-ins';
import { workerApi } from './api';

const db = openD1(env.DB);
const workerEnv = env as unknown as WorkerEnv;
const STAND = env.TEST_SOCIAL_URL;
const DATE = '2026-10-20';
const NOON = Date.parse(`${DATE}T17:00:00Z`);
const LINK = `${env.PUBLIC_URL}/digests/${DATE}`;

async function scheduledRun() {
  const ctx = createExecutionContext();
  await worker.scheduled(
    createScheduledController({ cron: '* * * * *', scheduledTime: Date.now() }),
    workerEnv,
    ctx,
  );
  await waitOnExecutionContext(ctx);
}

async function socialQueueRun(copies: number) {
  const batch = createMessageBatch<JobMessage>(
    'yesterday-jobs',
    Array.from({ length: copies }, (_, n) => ({
      id: `social-${n}`,
      timestamp: new Date(),
      attempts: 1,
      body: { kind: 'social' } as JobMessage,
    })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch as never, workerEnv, ctx);
  await waitOnExecutionContext(ctx);
}

const recorded = async () => (await (await fetch(`${STAND}/__recorded`)).json()) as Recorded[];
const count = (requests: Recorded[], method: string, path: string | RegExp) =>
  requests.filter(
    (r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
  ).length;
/** Waits (a queue consumer runs on its own time) until `ready` holds for what the stand-ins received. */
async function until(ready: (requests: Recorded[]) => boolean): Promise<Recorded[]> {
  for (let waited = 0; waited < 15_000; waited += 100) {
    const requests = await recorded();
    if (ready(requests)) return requests;
    await new Promise((r) => setTimeout(r, 100));
  }
  return recorded();
}

it('posts once per account, replies to a correction, deletes on a takedown, and stops a revoked account', async () => {
  // Connected in workerd: checked against each network and sealed with WebCrypto AES-GCM.
  const deps = {
    db,
    fetch: createSocialFetch({ allowPrivateNetworks: true }),
    secretKey: env.SOCIAL_SECRET_KEY,
    allowPrivateNetworks: true,
    now: () => Date.now(),
  };
  const actor = { type: 'system' as const, label: 'test' };
  for (const request of [
    { network: 'mastodon' as const, server: STAND, secret: MASTODON_TOKEN },
    { network: 'bluesky' as const, server: STAND, login: BLUESKY_HANDLE, secret: BLUESKY_PASSWORD },
    {
      network: 'facebook' as const,
      server: `${STAND}/graph`,
      login: FACEBOOK_PAGE_ID,
      secret: FACEBOOK_TOKEN,
    },
  ]) {
    const outcome = await connectSocialAccount(deps, actor, request);
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
  }
  const sealed = await env.DB.prepare('select secret from social_accounts').all<{ secret: string }>();
  for (const { secret } of sealed.results) {
    expect(secret).toMatch(/^v1\./);
    for (const token of [MASTODON_TOKEN, BLUESKY_PASSWORD, FACEBOOK_TOKEN])
      expect(secret).not.toContain(token);
  }

  // A digest published through the API.
  const school = await findOrCreateSchool(db, 'Garfield Elementary', Date.now());
  const source = (await insertSource(
    db,
    { schoolId: school.id, feedUrl: 'https://garfield.example/feed', mediaRelease: true },
    Date.now(),
  ))!;
  await storeItems(db, source.id, [
    item({ guid: 'kites-w', title: 'Kite day on the field', publishedAt: NOON }),
  ]);
  const api = await workerApi('social');
  const items = (await (await api(`/items?date=${DATE}`, 'GET')).json()) as { items: { id: number }[] };
  const entries = [{ item_id: items.items[0]!.id }];
  expect((await api(`/digests/${DATE}`, 'PUT', { entries, version: 0 })).status).toBe(200);
  expect((await api(`/digests/${DATE}/publish`, 'POST', {})).status).toBe(200);

  // Two cron runs hand posting to the queue; a queue message delivered twice on top of that.
  await Promise.all([scheduledRun(), scheduledRun()]);
  await socialQueueRun(2);
  let requests = await until(
    (r) =>
      count(r, 'POST', `/graph/${FACEBOOK_PAGE_ID}/feed`) >= 1 &&
      count(r, 'POST', '/xrpc/com.atproto.repo.createRecord') >= 1 &&
      count(r, 'POST', '/api/v1/statuses') >= 1,
  );
  await scheduledRun();
  await socialQueueRun(1);
  requests = await recorded();
  expect(count(requests, 'POST', '/api/v1/statuses')).toBe(1);
  expect(count(requests, 'POST', '/xrpc/com.atproto.repo.createRecord')).toBe(1);
  expect(count(requests, 'POST', `/graph/${FACEBOOK_PAGE_ID}/feed`)).toBe(1);
  const status = requests.find((r) => r.path === '/api/v1/statuses')!;
  expect(status.idempotencyKey).toMatch(/^yesterday-\d+-1-digest$/);
  expect((status.body as { status: string }).status.endsWith(LINK)).toBe(true);
  const digest = (await (await api(`/digests/${DATE}`, 'GET')).json()) as {
    social: { network: string; state: string; url: string | null }[];
  };
  expect(digest.social.map((s) => `${s.network} ${s.state}`)).toEqual([
    'mastodon posted',
    'bluesky posted',
    'facebook posted',
  ]);

  // A correction: one reply on each network.
  expect(
    (
      await api(`/digests/${DATE}/corrections`, 'POST', {
        entries,
        note: 'The kites flew on the upper field.',
      })
    ).status,
  ).toBe(200);
  await scheduledRun();
  requests = await until(
    (r) =>
      count(r, 'POST', /^\/graph\/.+\/comments$/) >= 1 &&
      count(r, 'POST', '/api/v1/statuses') >= 2 &&
      count(r, 'POST', '/xrpc/com.atproto.repo.createRecord') >= 2,
  );
  const reply = requests.filter((r) => r.path === '/api/v1/statuses')[1]!;
  expect(reply.body).toMatchObject({ status: `Correction: The kites flew on the upper field.\n\n${LINK}` });
  expect((reply.body as { in_reply_to_id?: string }).in_reply_to_id).toBeTruthy();
  expect(
    (
      requests.filter((r) => r.path === '/xrpc/com.atproto.repo.createRecord')[1]!.body as {
        record: { reply?: unknown };
      }
    ).record.reply,
  ).toBeTruthy();

  // Taken down: every post and reply deleted.
  expect(
    (await api(`/digests/${DATE}/unpublish`, 'POST', { reason: 'Posted by mistake, sorry.' })).status,
  ).toBe(200);
  await scheduledRun();
  requests = await until(
    (r) =>
      count(r, 'DELETE', /^\/api\/v1\/statuses\//) >= 2 &&
      count(r, 'POST', '/xrpc/com.atproto.repo.deleteRecord') >= 2 &&
      count(r, 'DELETE', /^\/graph\//) >= 2,
  );
  expect(count(requests, 'DELETE', /^\/api\/v1\/statuses\//)).toBe(2);
  expect(count(requests, 'POST', '/xrpc/com.atproto.repo.deleteRecord')).toBe(2);
  expect(count(requests, 'DELETE', /^\/graph\//)).toBe(2);

  // A revoked Mastodon token stops that account with a sentence; the others go on.
  await fetch(`${STAND}/__revoke?secret=${MASTODON_TOKEN}`);
  const next = '2026-10-21';
  await storeItems(db, source.id, [
    item({ guid: 'kites-w2', title: 'Kites again', publishedAt: NOON + 86_400_000 }),
  ]);
  const nextItems = (await (await api(`/items?date=${next}`, 'GET')).json()) as { items: { id: number }[] };
  expect(
    (await api(`/digests/${next}`, 'PUT', { entries: [{ item_id: nextItems.items[0]!.id }], version: 0 }))
      .status,
  ).toBe(200);
  expect((await api(`/digests/${next}/publish`, 'POST', {})).status).toBe(200);
  await scheduledRun();
  await until((r) => count(r, 'POST', `/graph/${FACEBOOK_PAGE_ID}/feed`) >= 2);
  let accounts = await listSocialAccounts(db);
  for (let waited = 0; accounts[0]!.status !== 'stopped' && waited < 10_000; waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
    accounts = await listSocialAccounts(db);
  }
  expect(accounts.map((a) => a.status)).toEqual(['stopped', 'active', 'active']);
  expect(accounts[0]!.statusReason).toContain('Mastodon no longer accepts this account’s token');
  await fetch(`${STAND}/__restore?secret=${MASTODON_TOKEN}`);
}, 120_000);
