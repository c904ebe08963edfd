import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database';
import { addSchoolWithSource, item, storeItems } from '../../test/fixtures';
import { listAudit } from './audit';
import { findOrCreateDigest, saveDigestDraft } from './digests';
import {
  deleteUnusedSource,
  findSource,
  insertSource,
  moveSourceToUrl,
  recordPermanentRedirect,
  sourceUsage,
} from './sources';

describe('moving a source to another feed address', () => {
  it('gives one move and one refusal when two sources are moved to one address at the same moment', async () => {
    const db = createTestDatabase().database;
    const { school, source: first } = await addSchoolWithSource(
      db,
      'Lincoln Elementary',
      'https://a.example/feed',
    );
    const second = (await insertSource(db, { schoolId: school.id, feedUrl: 'https://b.example/feed' }, 1))!;

    const outcomes = await Promise.all([
      moveSourceToUrl(db, first.id, 'https://new.example/feed', 2),
      moveSourceToUrl(db, second.id, 'https://new.example/feed', 2),
    ]);

    expect(outcomes).toEqual([true, false]);
    expect((await findSource(db, first.id))!.feedUrl).toBe('https://new.example/feed');
    expect((await findSource(db, second.id))!.feedUrl).toBe('https://b.example/feed');
  });

  it('keeps a source at its own address when it is moved there again', async () => {
    const db = createTestDatabase().database;
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://a.example/feed');
    expect(
      await moveSourceToUrl(db, source.id, 'https://a.example/feed', 2, { ownerName: 'Ms. Rivera' }),
    ).toBe(true);
    expect((await findSource(db, source.id))!.ownerName).toBe('Ms. Rivera');
  });

  it('does not follow a permanent redirect to an address another source already reads', async () => {
    const db = createTestDatabase().database;
    const { school, source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://a.example/feed');
    await insertSource(db, { schoolId: school.id, feedUrl: 'https://b.example/feed' }, 1);
    let current = source;
    for (let n = 1; n <= 3; n++) {
      expect(await recordPermanentRedirect(db, current, 'https://b.example/feed', n)).toBe('noted');
      current = (await findSource(db, source.id))!;
    }
    expect(current).toMatchObject({ feedUrl: 'https://a.example/feed', redirectSeen: 3 });
  });
});

describe('removing a source', () => {
  const actor = { type: 'cli' as const, label: 'test' };

  it('deletes nothing, and logs nothing, when a digest took one of its posts after the check', async () => {
    const db = createTestDatabase().database;
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://a.example/feed');
    await storeItems(db, source.id, [
      item({ guid: 'a', publishedAt: 1 }),
      item({ guid: 'b', publishedAt: 2 }),
    ]);
    expect(await sourceUsage(db, source.id)).toEqual({ posts: 2, digests: 0 });
    // Between the check and the removal, a coordinator puts one of its posts in a draft.
    const [post] = await db.query<{ id: number }>('select id from items where guid = ?', ['a']);
    await saveDigestDraft(
      db,
      '2026-11-20',
      {
        title: '',
        intro: '',
        entries: [{ itemId: post!.id, headline: 'A', blurb: '', imageUrl: null, imageAlt: null }],
      },
      { userId: null, now: 3 },
    );

    expect(await deleteUnusedSource(db, source.id, { actor, details: {} }, 4)).toBe(false);
    expect(await sourceUsage(db, source.id)).toEqual({ posts: 2, digests: 1 });
    expect(await findSource(db, source.id)).toBeDefined();
    expect(await listAudit(db, { action: 'source.remove', limit: 5 })).toEqual([]);
  });

  it('deletes the source, its posts and their check overrides, with one audit entry', async () => {
    const db = createTestDatabase().database;
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://a.example/feed');
    const { source: other } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://b.example/feed');
    await storeItems(db, source.id, [item({ guid: 'a', publishedAt: 1 })]);
    await storeItems(db, other.id, [item({ guid: 'a', publishedAt: 1 })]);
    // An override of a check, left from when its post was in a draft and then taken out again.
    const digest = await findOrCreateDigest(db, '2026-11-20', 2);
    const overrides = () => db.query<{ item_id: number }>('select item_id from finding_overrides', []);
    const [post] = await db.query<{ id: number }>('select id from items where source_id = ?', [source.id]);
    await db.batch([
      db.raw(sql`insert into finding_overrides (digest_id, item_id, kind, reason, created_at)
        values (${digest.id}, ${post!.id}, 'tone', 'Read it twice: it is kind.', 3)`),
    ]);
    expect(await overrides()).toHaveLength(1);

    expect(await deleteUnusedSource(db, source.id, { actor, details: { feedUrl: source.feedUrl } }, 4)).toBe(
      true,
    );
    expect(await findSource(db, source.id)).toBeUndefined();
    expect(await sourceUsage(db, source.id)).toEqual({ posts: 0, digests: 0 });
    expect(await sourceUsage(db, other.id)).toEqual({ posts: 1, digests: 0 });
    expect(await overrides()).toEqual([]);
    const entries = await listAudit(db, { action: 'source.remove', limit: 5 });
    expect(entries.map((e) => [e.subjectId, JSON.parse(e.details)])).toEqual([
      [String(source.id), { feedUrl: 'https://a.example/feed' }],
    ]);
  });
});
