// Unsubscribing and taking it back, with their audit entries, as the database decides them: each change and its
// entry together, and neither where the rule does not hold when the batch runs.
import { beforeEach, describe, expect, it } from 'vitest';
import { addConfirmedSubscriber } from '../../test/fixtures';
import { createTestDatabase } from '../../test/database';
import { listAudit, type Actor } from './audit';
import type { Database } from './client';
import {
  findSubscriberByEmail,
  moveSubscriptionStatements,
  UNDO_UNSUBSCRIBE_MS,
  undoUnsubscribeStatements,
  unsubscribeStatements,
} from './subscribers';

const NOW = Date.parse('2026-11-20T18:00:00Z');
const parent: Actor = { type: 'public', label: 'subscriber' };

describe('unsubscribing and taking it back', () => {
  let db: Database;
  beforeEach(() => {
    db = createTestDatabase().database;
  });
  const statusOf = async (email: string) => (await findSubscriberByEmail(db, email))?.status;
  const entries = async (action: string) => (await listAudit(db, { action, limit: 10 })).length;
  const leave = (id: number, at: number) =>
    db.batch(
      unsubscribeStatements(db, id, at, {
        actor: parent,
        event: { action: 'subscriber.unsubscribe', subjectType: 'subscriber', subjectId: id },
      }),
    );
  const comeBack = (id: number, at: number) =>
    db.batch(
      undoUnsubscribeStatements(db, id, at, {
        actor: parent,
        event: { action: 'subscriber.resubscribe', subjectType: 'subscriber', subjectId: id },
      }),
    );

  it('writes each change with its entry, once', async () => {
    const ana = await addConfirmedSubscriber(db, 'ana@family.example');
    await leave(ana.id, NOW);
    await leave(ana.id, NOW + 1);
    expect([await statusOf('ana@family.example'), await entries('subscriber.unsubscribe')]).toEqual([
      'unsubscribed',
      1,
    ]);
    await comeBack(ana.id, NOW + 60_000);
    await comeBack(ana.id, NOW + 120_000);
    expect([await statusOf('ana@family.example'), await entries('subscriber.resubscribe')]).toEqual([
      'confirmed',
      1,
    ]);
  });

  it('takes back nothing, and records nothing, a day after leaving, or after a move', async () => {
    const late = await addConfirmedSubscriber(db, 'late@family.example');
    await leave(late.id, NOW);
    await comeBack(late.id, NOW + UNDO_UNSUBSCRIBE_MS);
    expect(await statusOf('late@family.example')).toBe('unsubscribed');
    // Moved into an address that had a subscription of its own: the old one ends, and stays ended.
    const from = await addConfirmedSubscriber(db, 'from@family.example');
    const to = await addConfirmedSubscriber(db, 'to@family.example');
    await db.batch(
      moveSubscriptionStatements(
        db,
        (await findSubscriberByEmail(db, 'from@family.example'))!,
        'to@family.example',
        (await findSubscriberByEmail(db, 'to@family.example'))!,
        [],
        'n-new',
        NOW,
      ),
    );
    await comeBack(from.id, NOW + 60_000);
    expect([await statusOf('from@family.example'), await statusOf('to@family.example')]).toEqual([
      'unsubscribed',
      'confirmed',
    ]);
    expect(to.id).not.toBe(from.id);
    expect(await entries('subscriber.resubscribe')).toBe(0);
  });
});
