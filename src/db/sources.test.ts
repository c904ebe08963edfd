import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database';
import { addSchoolWithSource } from '../../test/fixtures';
import { findSource, insertSource, moveSourceToUrl, recordPermanentRedirect } from './sources';

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
