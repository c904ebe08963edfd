import { beforeEach, describe, expect, it } from 'vitest';
import {
  addConfirmedSubscriber,
  addSchoolWithSource,
  draftEntry,
  item,
  storeItems,
} from '../../test/fixtures';
import { createTestDatabase } from '../../test/database';
import { listAudit } from './audit';
import type { Database } from './client';
import type { SqliteHandle } from './sqlite-node';
import {
  claimDelivery,
  countDeliveriesByState,
  countDigestRecipients,
  listDueDeliveries,
  markStaleSendsUnknown,
} from './deliveries';
import {
  correctDigest,
  findDigest,
  listEntries,
  publishDigest,
  saveDigestDraft,
  takeDownDigestEntry,
} from './digests';
import { correctionAudience } from '../../test/scenarios/correction-audience';
import { listItemsPublishedBetween } from './items';

const actor = { type: 'user' as const, id: 1, label: 'dana@district.example' };

describe('digests', () => {
  let db: Database;
  let sqlite: SqliteHandle['sqlite'];
  let ids: number[];

  beforeEach(async () => {
    ({ database: db, sqlite } = createTestDatabase());
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    await storeItems(db, source.id, [
      item({ guid: 'a', publishedAt: 1000 }),
      item({ guid: 'b', publishedAt: 2000 }),
      item({ guid: 'c', publishedAt: 3000 }),
    ]);
    ids = (await listItemsPublishedBetween(db, 0, 10_000)).map((i) => i.id);
  });

  /** The draft most tests begin from: the first post alone, saved by user 1. */
  const draftOfTheFirstPost = () =>
    saveDigestDraft(
      db,
      '2026-11-20',
      { title: '', intro: '', entries: [draftEntry(ids[0]!)] },
      { userId: 1, now: 5 },
    );

  it('saves a draft as a new version with entries in order', async () => {
    const saved = await saveDigestDraft(
      db,
      '2026-11-20',
      { title: 'T', intro: 'I', entries: [draftEntry(ids[2]!), draftEntry(ids[0]!)] },
      { userId: 1, now: 5 },
    );
    expect(saved.ok).toBe(true);
    expect(saved.digest.version).toBe(2);
    const entries = await listEntries(db, [saved.digest.id]);
    expect(entries.map((e) => e.itemId)).toEqual([ids[2], ids[0]]);
  });

  it('refuses a save based on a stale version and keeps the other person’s work', async () => {
    const first = await saveDigestDraft(
      db,
      '2026-11-20',
      { title: 'Mine', intro: '', entries: [draftEntry(ids[0]!)] },
      { userId: 1, now: 5 },
    );
    const base = first.digest.version;
    const winner = await saveDigestDraft(
      db,
      '2026-11-20',
      { title: 'Theirs', intro: '', entries: [draftEntry(ids[1]!)] },
      { expectedVersion: base, userId: 2, now: 6 },
    );
    const loser = await saveDigestDraft(
      db,
      '2026-11-20',
      { title: 'Late', intro: '', entries: [draftEntry(ids[2]!)] },
      { expectedVersion: base, userId: 1, now: 7 },
    );
    expect(winner.ok).toBe(true);
    expect(loser).toMatchObject({ ok: false, reason: 'conflict' });
    const stored = (await findDigest(db, '2026-11-20'))!;
    expect(stored.title).toBe('Theirs');
    expect((await listEntries(db, [stored.id])).map((e) => e.itemId)).toEqual([ids[1]]);
  });

  it('publishes exactly once when two publishers race, queuing one delivery per confirmed subscriber', async () => {
    await addConfirmedSubscriber(db, 'one@family.example');
    await addConfirmedSubscriber(db, 'two@family.example');
    const { digest } = await draftOfTheFirstPost();
    const results = await Promise.all([
      publishDigest(db, digest.id, actor, 10),
      publishDigest(db, digest.id, actor, 11),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await countDeliveriesByState(db, digest.id)).queued).toBe(2);
    expect(await listAudit(db, { action: 'digest.publish', limit: 10 })).toHaveLength(1);
    const again = await publishDigest(db, digest.id, actor, 12);
    expect(again.ok).toBe(false);
    expect((await countDeliveriesByState(db, digest.id)).queued).toBe(2);
  });

  it('publishes only what was checked: a write since (which keeps the version) stops it', async () => {
    await addConfirmedSubscriber(db, 'one@family.example');
    const { digest } = await draftOfTheFirstPost();
    const checked = (await findDigest(db, '2026-11-20'))!;
    // A translation's save or an override, between the checks and the publishing, writes a new token.
    await db.prepared('update digests set write_token = ? where id = ?', ['someone-else', digest.id]);
    const stopped = await publishDigest(
      db,
      digest.id,
      actor,
      10,
      checked.version,
      {},
      {
        queueEmails: true,
        expectedWriteToken: checked.writeToken,
      },
    );
    expect(stopped.ok).toBe(false);
    expect((await findDigest(db, '2026-11-20'))!.status).toBe('draft');
    expect((await countDeliveriesByState(db, digest.id)).queued).toBe(0);
    const now = (await findDigest(db, '2026-11-20'))!;
    const published = await publishDigest(
      db,
      digest.id,
      actor,
      11,
      now.version,
      {},
      {
        queueEmails: true,
        expectedWriteToken: now.writeToken,
      },
    );
    expect(published.ok).toBe(true);
  });

  it('queues only subscribers whose schools are in the digest (none chosen means all)', async () => {
    const other = await addSchoolWithSource(db, 'Oak Hill High', 'https://oak.example/feed');
    const lincoln = (await listItemsPublishedBetween(db, 0, 10_000))[0]!.schoolId;
    await addConfirmedSubscriber(db, 'all@family.example');
    await addConfirmedSubscriber(db, 'lincoln@family.example', [lincoln]);
    await addConfirmedSubscriber(db, 'oak@family.example', [other.school.id]);
    const { digest } = await draftOfTheFirstPost();
    await publishDigest(db, digest.id, actor, 10);
    const due = await listDueDeliveries(db, { now: 10, limit: 10 });
    expect(due.map((d) => d.email).sort()).toEqual(['all@family.example', 'lincoln@family.example']);
  });

  it('lets only one sender claim a delivery, and marks sends left in flight as unknown, never resent', async () => {
    await addConfirmedSubscriber(db, 'one@family.example');
    const { digest } = await draftOfTheFirstPost();
    await publishDigest(db, digest.id, actor, 10);
    const [delivery] = await listDueDeliveries(db, { now: 10, limit: 10 });
    const claims = await Promise.all([
      claimDelivery(db, delivery!.id, 20),
      claimDelivery(db, delivery!.id, 20),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await markStaleSendsUnknown(db, 15, 30)).toBe(0);
    expect(await markStaleSendsUnknown(db, 25, 30)).toBe(1);
    expect((await countDeliveriesByState(db, digest.id)).unknown).toBe(1);
    expect(await listDueDeliveries(db, { now: 100, limit: 10 })).toHaveLength(0);
  });

  it('emails a correction to those whose digest email showed a post it changed, by the schools it was sent for', async () => {
    await correctionAudience(db);
  });

  it('knows a takedown happened though another write claims the digest the moment after', async () => {
    const { digest } = await saveDigestDraft(
      db,
      '2026-11-20',
      { title: '', intro: '', entries: [draftEntry(ids[0]!), draftEntry(ids[1]!)] },
      { userId: 1, now: 5 },
    );
    await publishDigest(db, digest.id, actor, 10);
    // Publishing is no new version: the status line's "saved" is still the save's time and person.
    expect(await findDigest(db, '2026-11-20')).toMatchObject({
      version: digest.version,
      updatedAt: 5,
      updatedBy: 1,
    });
    const racing: Database = {
      ...db,
      async batch(statements) {
        await db.batch(statements);
        sqlite.prepare("update digests set write_token = 'a correction' where id = ?").run(digest.id);
      },
    };
    const reason = 'A family withdrew consent.';
    const rosa = { type: 'user' as const, id: 2, label: 'rosa@district.example', userId: 2 };
    expect(await takeDownDigestEntry(racing, digest.id, ids[0]!, reason, rosa, 20)).toEqual({
      ok: true,
      digestTakenDown: false,
    });
    // The takedown is a new version, and it is hers.
    expect(await findDigest(db, '2026-11-20')).toMatchObject({
      version: digest.version + 1,
      updatedAt: 20,
      updatedBy: 2,
    });
    // Already down, it cannot be taken down again; the last post left takes the digest down with it.
    expect(await takeDownDigestEntry(db, digest.id, ids[0]!, reason, actor, 30)).toEqual({ ok: false });
    expect(await takeDownDigestEntry(racing, digest.id, ids[1]!, reason, actor, 40)).toEqual({
      ok: true,
      digestTakenDown: true,
    });
    expect(await listAudit(db, { action: 'entry.takedown', limit: 5 })).toHaveLength(2);
  });

  it('counts the emails of its own correction, and marks only a correction nobody was sent as not emailed', async () => {
    const itemId = ids[0]!;
    await addConfirmedSubscriber(db, 'one@family.example');
    const { digest } = await saveDigestDraft(
      db,
      '2026-11-20',
      { title: '', intro: '', entries: [draftEntry(itemId)] },
      { userId: 1, now: 5 },
    );
    await publishDigest(db, digest.id, actor, 10);
    sqlite.prepare("update deliveries set state = 'sent'").run();
    const published = (await findDigest(db, '2026-11-20'))!;
    const correction = (note: string, email: boolean) => ({
      title: '',
      intro: '',
      entries: [draftEntry(itemId, 'A better headline')],
      removedItemIds: [],
      note,
      schoolIds: null,
      userId: 1,
      email,
    });

    // Just after this correction's batch another write claims the digest (a takedown, say), and another
    // correction is recorded before this one counts what it queued: it still knows it was recorded, and what
    // it counts, and what it marks, are its own.
    let selectsAfterBatch = -1;
    const racing: Database = {
      ...db,
      async batch(statements) {
        await db.batch(statements);
        sqlite.prepare("update digests set write_token = 'a takedown' where id = ?").run(published.id);
        selectsAfterBatch = 0;
      },
      orm: new Proxy(db.orm, {
        get(target, key, receiver) {
          // The first query after the batch reads its claim back; the next one counts its emails. (Should
          // correctDigest ever read something else in between, the row lands elsewhere and the counts below
          // stop matching.)
          if (key === 'select' && selectsAfterBatch >= 0 && ++selectsAfterBatch === 2)
            sqlite
              .prepare(
                "insert into digest_corrections (digest_id, at, note, emailed) values (?, 21, 'Another one.', 1)",
              )
              .run(published.id);
          return Reflect.get(target, key, receiver) as unknown;
        },
      }),
    };
    const told = await correctDigest(
      racing,
      published.id,
      published.version,
      correction('Told.', true),
      actor,
      20,
    );
    expect(told).toEqual({ ok: true, emails: 1 });
    const emailed = () =>
      sqlite.prepare('select note, emailed from digest_corrections order by id').all() as {
        note: string;
        emailed: number;
      }[];
    expect(emailed()).toEqual([
      { note: 'Told.', emailed: 1 },
      { note: 'Another one.', emailed: 1 },
    ]);

    // Nobody the next one concerns received the digest (the one reader left): it was not emailed after all.
    sqlite.prepare("update subscribers set status = 'unsubscribed'").run();
    const current = (await findDigest(db, '2026-11-20'))!;
    expect(
      await correctDigest(db, current.id, current.version, correction('Nobody.', true), actor, 30),
    ).toEqual({
      ok: true,
      emails: 0,
    });
    expect(emailed()).toEqual([
      { note: 'Told.', emailed: 1 },
      { note: 'Another one.', emailed: 1 },
      { note: 'Nobody.', emailed: 0 },
    ]);

    // One made from a version someone has changed since is refused, and records nothing.
    expect(
      await correctDigest(db, current.id, current.version, correction('Too late.', true), actor, 40),
    ).toEqual({ ok: false });
    expect(emailed()).toHaveLength(3);
  });

  it('counts an email being sent as reached, and tells its reader of a correction made meanwhile', async () => {
    const itemId = ids[0]!;
    for (const address of ['one@family.example', 'two@family.example', 'three@family.example'])
      await addConfirmedSubscriber(db, address);
    const { digest } = await saveDigestDraft(
      db,
      '2026-11-20',
      { title: '', intro: '', entries: [draftEntry(itemId)] },
      { userId: 1, now: 5 },
    );
    await publishDigest(db, digest.id, actor, 10);
    // Just after publishing, as the desk shows it: the sender has taken one, sent another, the third waits.
    const [first, second] = await listDueDeliveries(db, { now: 11, limit: 2 });
    await claimDelivery(db, first!.id, 11);
    await claimDelivery(db, second!.id, 11);
    sqlite.prepare("update deliveries set state = 'sent' where id = ?").run(second!.id);
    expect(await countDigestRecipients(db, digest.id)).toEqual({ reached: 2, waiting: 1 });

    const published = (await findDigest(db, '2026-11-20'))!;
    const told = await correctDigest(
      db,
      published.id,
      published.version,
      {
        title: '',
        intro: '',
        entries: [draftEntry(itemId, 'A better headline')],
        removedItemIds: [],
        note: 'The headline named the wrong class.',
        schoolIds: null,
        userId: 1,
        email: true,
      },
      actor,
      20,
    );
    // The one being sent was rendered before the correction; the one waiting will show it.
    expect(told).toEqual({ ok: true, emails: 2 });
  });
});
