// Small builders for test data, written through the real storage functions.
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client';
import { upsertItemStatements } from '../src/db/items';
import { findOrCreateSchool } from '../src/db/schools';
import { insertSource } from '../src/db/sources';
import {
  confirmSubscriber,
  replaceSubscriberSchools,
  unsubscribeStatements,
  upsertPendingSubscriber,
} from '../src/db/subscribers';
import { cliActor } from '../src/db/audit';
import type { NormalizedItem } from '../src/ingest/feed-types';

export async function addSchoolWithSource(
  db: Database,
  school: string,
  feedUrl: string,
  options: { mediaRelease?: boolean } = {},
) {
  const s = await findOrCreateSchool(db, school, 1);
  const source = (await insertSource(
    db,
    { schoolId: s.id, feedUrl, mediaRelease: options.mediaRelease ?? true },
    1,
  ))!;
  return { school: s, source };
}

export function item(
  overrides: Partial<NormalizedItem> & { guid: string; publishedAt: number },
): NormalizedItem {
  return {
    url: `https://class.example/${overrides.guid}`,
    canonicalUrl: `class.example/${overrides.guid}`,
    title: `Post ${overrides.guid}`,
    titleDerived: false,
    author: null,
    summary: `Summary of ${overrides.guid}`,
    contentHtml: `<p>Summary of ${overrides.guid}</p>`,
    imageUrl: null,
    imageAlt: null,
    videoUrl: null,
    categories: [],
    dateEstimated: false,
    ...overrides,
  };
}

/** A digest entry as saved from the desk: the item's own headline, no blurb and no picture. */
export function draftEntry(itemId: number, headline = `Headline ${itemId}`) {
  return { itemId, headline, blurb: '', imageUrl: null, imageAlt: null };
}

export async function storeItems(db: Database, sourceId: number, items: NormalizedItem[], now = 1) {
  await db.batch(upsertItemStatements(db, sourceId, items, now));
}

export async function addConfirmedSubscriber(db: Database, email: string, schoolIds: number[] = []) {
  const subscriber = await upsertPendingSubscriber(
    db,
    { email, nonce: `n-${email}`, consent: { text: 'test', source: 'form', schools: [] }, schoolIds },
    1,
  );
  await replaceSubscriberSchools(db, subscriber.id, schoolIds);
  await confirmSubscriber(db, subscriber.id, 1);
  return subscriber;
}

/** An address unsubscribed, as its own link would, with the audit entry (here the command line's). */
export async function unsubscribe(db: Database, id: number, now: number): Promise<void> {
  await db.batch(
    unsubscribeStatements(db, id, now, {
      actor: cliActor,
      event: { action: 'subscriber.unsubscribe', subjectType: 'subscriber', subjectId: id },
    }),
  );
}

/** mulberry32: numbers in [0, 1) that look random but are the same on every run for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A digest for `date` stored as published at `now`, as a test needs it to begin with (not through the desk):
 * these items (ids) in this order, each headline "Headline ID" unless given, the ones in `removed` taken down.
 */
export async function addPublishedDigest(
  db: Database,
  digest: { date: string; title: string; intro?: string; itemIds: number[]; now: number },
  options: { headlines?: Record<number, string>; removed?: number[] } = {},
) {
  const { date, title, itemIds, now } = digest;
  await db.batch([
    db.raw(
      sql`insert into digests (date, status, title, intro, created_at, updated_at, published_at) values (${date}, 'published', ${title}, ${digest.intro ?? ''}, ${now}, ${now}, ${now})`,
    ),
    ...itemIds.map((id, position) =>
      db.raw(
        sql`insert into digest_entries (digest_id, item_id, position, headline, removed_at)
            select id, ${id}, ${position}, ${options.headlines?.[id] ?? `Headline ${id}`}, ${options.removed?.includes(id) ? now : null} from digests where date = ${date}`,
      ),
    ),
  ]);
}
