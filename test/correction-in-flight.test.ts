// A correction made while the digest's email is still going out: its email follows the digest email it corrects,
// and only one that reached the subscriber (one still going out is waited for; one that failed needs none).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correctDesk } from '../src/curate/correct-digest';
import { deskDepsOf, publishDesk, saveDesk } from '../src/curate/desk';
import { listItemsPublishedBetween } from '../src/db/items';
import { deliveries, subscribers } from '../src/db/schema';
import { dayRange } from '../src/time/zoned-time';
import { testClock } from './clock';
import { addConfirmedSubscriber, addSchoolWithSource, item, storeItems } from './fixtures';
import { addUser, startTestApp, type TestApp, deskActorFor } from './test-app';

const sentTo = (app: TestApp) =>
  readdirSync(app.config.outboxDir)
    .filter((f) => f.endsWith('.json'))
    .map(
      (f) =>
        JSON.parse(readFileSync(join(app.config.outboxDir, f), 'utf8')) as { to: string; subject: string },
    );

describe('a correction while the digest email is going out', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ clock: testClock('2026-11-21T15:00:00Z') });
  });
  afterAll(() => app?.close());

  it('emails the correction after the digest email reached someone, and never to someone it did not', async () => {
    const db = app.runtime.deps.db;
    const user = await addUser(app, 'dana@district.example', 'editor');
    const dana = deskActorFor(user);
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    const { start, end } = dayRange('2026-11-20', 'America/Chicago');
    await storeItems(db, source.id, [
      item({ guid: 'kites', title: 'Kites on the field', publishedAt: start + 4e7 }),
    ]);
    for (const address of ['sent@family.example', 'going@family.example'])
      await addConfirmedSubscriber(db, address);
    const entries = (await listItemsPublishedBetween(db, start, end)).map((i) => ({ itemId: i.id }));
    const desk = deskDepsOf(app.runtime.deps);
    await saveDesk(desk, dana, '2026-11-20', { entries });
    await publishDesk(desk, dana, '2026-11-20');

    // One digest email went; the other is being sent at this moment.
    const digestOf = async (address: string) => {
      const [row] = await db.orm
        .select({ id: deliveries.id })
        .from(deliveries)
        .innerJoin(subscribers, eq(subscribers.id, deliveries.subscriberId))
        .where(and(eq(subscribers.email, address), eq(deliveries.kind, 'digest')));
      return row!.id;
    };
    const setState = async (id: number, state: 'sent' | 'sending' | 'failed') =>
      db.orm.update(deliveries).set({ state }).where(eq(deliveries.id, id));
    await setState(await digestOf('sent@family.example'), 'sent');
    const going = await digestOf('going@family.example');
    await setState(going, 'sending');

    const { emails } = await correctDesk(desk, dana, '2026-11-20', {
      entries,
      note: 'The kites flew on Friday, not Thursday.',
      email: true,
    });
    expect(emails).toBe(2);
    const corrections = () => sentTo(app).filter((m) => m.subject.startsWith('Correction'));

    // The one whose digest email reached them gets the correction; the other waits for theirs to finish.
    await app.sendQueuedMail();
    expect(corrections().map((m) => m.to)).toEqual(['sent@family.example']);
    const waiting = await db.orm
      .select({ state: deliveries.state, lastError: deliveries.lastError })
      .from(deliveries)
      .where(eq(deliveries.kind, 'correction'));
    expect(waiting).toContainEqual({
      state: 'queued',
      lastError: 'Waiting for the digest email it corrects, which is still going out.',
    });

    // That digest email failed after all: no correction of an email they never got.
    await setState(going, 'failed');
    app.clock.advance(61_000);
    await app.sendQueuedMail();
    expect(corrections().map((m) => m.to)).toEqual(['sent@family.example']);
    const [skipped] = await db.orm
      .select({ state: deliveries.state, lastError: deliveries.lastError })
      .from(deliveries)
      .where(and(eq(deliveries.kind, 'correction'), eq(deliveries.state, 'skipped')));
    expect(skipped).toEqual({
      state: 'skipped',
      lastError: 'The digest email it corrects did not reach this subscriber.',
    });
  });
});
