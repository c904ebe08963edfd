// Exactly once on Workers, where D1 has no interactive transactions: two cron invocations racing over the
// same due digest publish it once, a queue message delivered twice (a retry) sends nobody a second email, and
// two sources moved to one feed address at once give one move, and two removals of a source log one; sign-in
// attempts that arrive together each count the others.
import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  env,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openD1 } from '../../src/db/d1';
import { findOrCreateSchool } from '../../src/db/schools';
import { listAudit } from '../../src/db/audit';
import { recordAndCountRateEvents } from '../../src/db/rate-events';
import { deleteUnusedSource, findSource, insertSource, moveSourceToUrl } from '../../src/db/sources';
import { confirmSubscriber, upsertPendingSubscriber } from '../../src/db/subscribers';
import worker from '../../src/entry/worker';
import type { JobMessage, WorkerEnv } from '../../src/entry/worker-runtime';
import { item, storeItems } from '../fixtures';
import { workerApi } from './api';
import type { ReceivedApiEmail } from './postmark-stand-in';

const db = openD1(env.DB);
const workerEnv = env as unknown as WorkerEnv;
const DATE = '2026-10-14';
const NOON = Date.parse(`${DATE}T17:00:00Z`);

async function scheduledRun() {
  const ctx = createExecutionContext();
  await worker.scheduled(
    createScheduledController({ cron: '* * * * *', scheduledTime: Date.now() }),
    workerEnv,
    ctx,
  );
  await waitOnExecutionContext(ctx);
}

async function queueRun(messages: JobMessage[]) {
  const batch = createMessageBatch<JobMessage>(
    'yesterday-jobs',
    messages.map((body, n) => ({ id: `retry-${n}`, timestamp: new Date(), attempts: 2, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch as never, workerEnv, ctx);
  await waitOnExecutionContext(ctx);
}

const received = async () =>
  ((await (await fetch(`${env.POSTMARK_API_URL}/__received`)).json()) as ReceivedApiEmail[]).filter((m) =>
    m.To.endsWith('@race.example'),
  );

describe('exactly once on Workers', () => {
  it('publishes a due digest once when two cron invocations race, and sends each email once', async () => {
    const school = await findOrCreateSchool(db, 'Roosevelt Elementary', Date.now());
    const source = (await insertSource(
      db,
      { schoolId: school.id, feedUrl: 'https://roosevelt.example/feed', mediaRelease: true },
      Date.now(),
    ))!;
    // Its feed is not checked here (the address is not real); the post is stored as if it had been.
    await db.batch([
      db.raw(sql`update sources set next_fetch_at = ${Date.now() + 86_400_000} where id = ${source.id}`),
    ]);
    await storeItems(
      db,
      source.id,
      [
        item({
          guid: 'race-kites',
          url: 'https://roosevelt.example/kites',
          canonicalUrl: 'roosevelt.example/kites',
          title: 'Kites over the playground',
          summary: 'The second grade flew the kites they built.',
          contentHtml: '<p>The second grade flew the kites they built.</p>',
          publishedAt: NOON,
        }),
      ],
      Date.now(),
    );
    for (let n = 0; n < 12; n++) {
      const subscriber = await upsertPendingSubscriber(
        db,
        {
          email: `family${n}@race.example`,
          nonce: `race-${n}`,
          consent: { text: 'test', source: 'form', schools: [] },
          schoolIds: [],
        },
        Date.now(),
      );
      await confirmSubscriber(db, subscriber.id, Date.now());
    }

    // Marked ready through the API, then made due now.
    const api = await workerApi('race');
    const items = (await (await api(`/items?date=${DATE}`, 'GET')).json()) as { items: { id: number }[] };
    expect(items.items).toHaveLength(1);
    expect(
      (await api(`/digests/${DATE}`, 'PUT', { entries: [{ item_id: items.items[0]!.id }], version: 0 }))
        .status,
    ).toBe(200);
    expect((await api(`/digests/${DATE}/ready`, 'POST', {})).status).toBe(200);
    await db.batch([
      db.raw(sql`update digests set scheduled_for = ${Date.now() - 60_000} where date = ${DATE}`),
    ]);

    await Promise.all([scheduledRun(), scheduledRun()]);

    const published = await db.query<{ n: number }>(
      `select count(*) n from audit_log where action = 'digest.publish' and subject_id = (select cast(id as text) from digests where date = ?)`,
      [DATE],
    );
    expect(published[0]!.n).toBe(1);
    const status = await db.query<{ status: string }>('select status from digests where date = ?', [DATE]);
    expect(status[0]!.status).toBe('published');
    const deliveries = await db.query<{ n: number }>(
      `select count(*) n from deliveries d join digests g on g.id = d.digest_id where g.date = ?`,
      [DATE],
    );
    expect(deliveries[0]!.n).toBe(12);

    // The cron runs queued a send; the consumer delivers it. Wait for all twelve.
    await expect.poll(async () => (await received()).length, { timeout: 20_000, interval: 100 }).toBe(12);
  });

  it('sends nobody a second email when a send message is delivered again, even at the same time', async () => {
    const before = (await received()).length;
    await db.batch([
      db.raw(sql`update deliveries set state = 'queued', next_attempt_at = 0
        where subscriber_id in (select id from subscribers where email like '%@race.example')
        and subscriber_id in (select id from subscribers where email in ('family0@race.example', 'family1@race.example'))`),
      db.raw(sql`delete from deliveries where state = 'sent' and subscriber_id in
        (select id from subscribers where email in ('family0@race.example', 'family1@race.example'))`),
    ]);
    // Those two are queued again (as after a crash before sending); the same message arrives twice at once.
    await Promise.all([
      queueRun([{ kind: 'send' }]),
      queueRun([{ kind: 'send' }]),
      queueRun([{ kind: 'send' }]),
    ]);
    const after = await received();
    expect(after.length - before).toBe(2);
    const recipients = after
      .slice(before)
      .map((m) => m.To)
      .sort();
    expect(recipients).toEqual(['family0@race.example', 'family1@race.example']);
  });

  it('moves one source when two are moved to the same feed address at the same moment', async () => {
    const school = await findOrCreateSchool(db, 'Race Elementary', 1);
    const first = (await insertSource(
      db,
      { schoolId: school.id, feedUrl: 'https://one.race.example/feed' },
      1,
    ))!;
    const second = (await insertSource(
      db,
      { schoolId: school.id, feedUrl: 'https://two.race.example/feed' },
      1,
    ))!;
    const outcomes = await Promise.all([
      moveSourceToUrl(db, first.id, 'https://moved.race.example/feed', 2),
      moveSourceToUrl(db, second.id, 'https://moved.race.example/feed', 2),
    ]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const addresses = [(await findSource(db, first.id))!.feedUrl, (await findSource(db, second.id))!.feedUrl];
    expect(addresses.filter((url) => url === 'https://moved.race.example/feed')).toHaveLength(1);
  });

  it('removes a source with its posts once, with one audit entry, when two removals meet', async () => {
    const school = await findOrCreateSchool(db, 'Race Elementary', 1);
    const source = (await insertSource(
      db,
      { schoolId: school.id, feedUrl: 'https://gone.race.example/feed' },
      1,
    ))!;
    await storeItems(db, source.id, [
      item({ guid: 'gone-1', publishedAt: 1 }),
      item({ guid: 'gone-2', publishedAt: 2 }),
    ]);
    const audit = { actor: { type: 'cli' as const, label: 'race' }, details: {} };
    const outcomes = await Promise.all([
      deleteUnusedSource(db, source.id, audit, 3),
      deleteUnusedSource(db, source.id, audit, 3),
    ]);
    expect(outcomes).toEqual([true, true]);
    expect(await findSource(db, source.id)).toBeUndefined();
    expect(await db.query('select id from items where source_id = ?', [source.id])).toEqual([]);
    expect(
      await listAudit(db, { action: 'source.remove', subject: String(source.id), limit: 5 }),
    ).toHaveLength(1);
  });

  it('counts every attempt that arrives at once, each after its own, so no two see the same count', async () => {
    const keys = ['login:client:203.0.113.9', 'login:account:race@district.example from 203.0.113.9'];
    const attempts = await Promise.all(
      Array.from({ length: 30 }, () => recordAndCountRateEvents(db, keys, 1_000, 0)),
    );
    for (const position of [0, 1]) {
      const counts = attempts.map((attempt) => attempt.counts[position]).sort((a, b) => a! - b!);
      expect(counts).toEqual(Array.from({ length: 30 }, (_, n) => n + 1));
    }
    expect(new Set(attempts.flatMap((attempt) => attempt.ids)).size).toBe(60);
    // Events before the window do not count.
    expect((await recordAndCountRateEvents(db, keys, 2_000, 1_000)).counts).toEqual([1, 1]);
  });
});
