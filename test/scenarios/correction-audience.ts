// Who a correction is emailed to, on either database (SQLite on Node, D1 in workerd): those whose digest email
// showed a post it changed, by the schools recorded when that email was sent ([] for every school); an email
// sent before the schools were recorded goes by the schools chosen now. Run by src/db/digests.test.ts and
// test/workers/correction-audience.test.ts.
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Database } from '../../src/db/client';
import { listDueDeliveries } from '../../src/db/deliveries';
import { correctDigest, findDigest, publishDigest, saveDigestDraft } from '../../src/db/digests';
import { listItemsPublishedBetween } from '../../src/db/items';
import { replaceSubscriberSchools } from '../../src/db/subscribers';
import { addConfirmedSubscriber, addSchoolWithSource, draftEntry, item, storeItems } from '../fixtures';

const DATE = '2026-10-02';
const actor = { type: 'user' as const, id: 1, label: 'dana@district.example' };

export async function correctionAudience(db: Database): Promise<void> {
  const elm = await addSchoolWithSource(db, 'Elm Street Elementary', 'https://elm.example/feed');
  const pine = await addSchoolWithSource(db, 'Pine Ridge Middle', 'https://pine.example/feed');
  await storeItems(db, elm.source.id, [item({ guid: 'elm-kites', publishedAt: 5_000 })]);
  await storeItems(db, pine.source.id, [item({ guid: 'pine-robots', publishedAt: 5_001 })]);
  const [elmPost, pinePost] = (await listItemsPublishedBetween(db, 5_000, 5_002)).map((i) => i.id);
  const [E, P] = [elm.school.id, pine.school.id];

  // Each reader: the schools chosen when the digest went out, what was recorded on the email then (null: sent
  // before this was kept), and the schools chosen now.
  const readers = {
    'moved@audience.example': { then: [E], recorded: `[${E}]`, now: [P] },
    'everything@audience.example': { then: [], recorded: '[]', now: [P] },
    'pine@audience.example': { then: [P], recorded: `[${P}]`, now: [E] },
    'older-elm@audience.example': { then: [E], recorded: null, now: [E] },
    'older-moved@audience.example': { then: [E], recorded: null, now: [P] },
  };
  const ids = new Map<string, number>();
  for (const [email, reader] of Object.entries(readers))
    ids.set(email, (await addConfirmedSubscriber(db, email, reader.then)).id);
  const { digest } = await saveDigestDraft(
    db,
    DATE,
    { title: '', intro: '', entries: [draftEntry(elmPost!), draftEntry(pinePost!)] },
    { userId: 1, now: 10 },
  );
  await publishDigest(db, digest.id, actor, 20);
  for (const [email, reader] of Object.entries(readers)) {
    const id = ids.get(email)!;
    await db.batch([
      db.raw(
        sql`update deliveries set state = 'sent', school_ids = ${reader.recorded} where subscriber_id = ${id} and digest_id = ${digest.id}`,
      ),
    ]);
    await replaceSubscriberSchools(db, id, reader.now);
  }

  const published = (await findDigest(db, DATE))!;
  const outcome = await correctDigest(
    db,
    published.id,
    published.version,
    {
      title: '',
      intro: '',
      entries: [draftEntry(elmPost!, 'Kites over the field, not the playground'), draftEntry(pinePost!)],
      removedItemIds: [],
      note: 'The kites flew over the field.',
      schoolIds: [E],
      userId: 1,
      email: true,
    },
    actor,
    30,
  );
  expect(outcome).toEqual({ ok: true, emails: 3 });
  // Each correction email is rendered for the schools its reader was sent (or, for an older email, follows).
  const due = await listDueDeliveries(db, { now: 40, limit: 50, digestId: published.id });
  const told = due
    .filter((d) => d.kind === 'correction')
    .map((d) => ({ email: d.email, schoolIds: d.schoolIds }))
    .sort((a, b) => a.email.localeCompare(b.email));
  expect(told).toEqual([
    { email: 'everything@audience.example', schoolIds: [] },
    { email: 'moved@audience.example', schoolIds: [E] },
    { email: 'older-elm@audience.example', schoolIds: [E] },
  ]);
}
