import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database';
import { addSchoolWithSource } from '../../test/fixtures';
import { findOrCreateSchool, listSchoolsWithCounts } from './schools';
import { insertSource } from './sources';

describe('schools', () => {
  it('counts each school’s own sources, whatever the ids of the rows', async () => {
    const db = createTestDatabase().database;
    // Sources are made in an order where a source's id never equals its school's id, so a count that
    // compared the wrong columns would be off.
    const empty = await findOrCreateSchool(db, 'Adams Early Learning', 1);
    const { school: lincoln } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://a.example/feed');
    await insertSource(db, { schoolId: lincoln.id, feedUrl: 'https://b.example/feed' }, 1);
    await insertSource(db, { schoolId: lincoln.id, feedUrl: 'https://c.example/feed' }, 1);
    const { school: washington } = await addSchoolWithSource(
      db,
      'Washington Middle',
      'https://d.example/feed',
    );

    expect(
      (await listSchoolsWithCounts(db)).map(({ id, name, sourceCount }) => ({ id, name, sourceCount })),
    ).toEqual([
      { id: empty.id, name: 'Adams Early Learning', sourceCount: 0 },
      { id: lincoln.id, name: 'Lincoln Elementary', sourceCount: 3 },
      { id: washington.id, name: 'Washington Middle', sourceCount: 1 },
    ]);
  });
});
