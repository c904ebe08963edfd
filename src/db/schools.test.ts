import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database';
import { addSchoolWithSource } from '../../test/fixtures';
import { countConfirmedBySchool, listSubscriberSchools } from './subscribers';
import { listItemsPublishedBetween } from './items';
import { findOrCreateSchool, listSchools, listSchoolsWithCounts } from './schools';
import { insertSource, listSources } from './sources';
import { addConfirmedSubscriber, item, storeItems } from '../../test/fixtures';

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

  it('lists schools, their sources and their posts as a person sorts names, not in byte order', async () => {
    const db = createTestDatabase().database;
    const names = ['School 10', 'ridgeview Academy', 'École Jefferson', 'School 2', 'Adams'];
    for (const [n, name] of names.entries()) {
      const { source } = await addSchoolWithSource(db, name, `https://s${n}.example/feed`);
      await storeItems(db, source.id, [item({ guid: `p${n}`, publishedAt: 1000 + n })]);
    }
    const expected = ['Adams', 'École Jefferson', 'ridgeview Academy', 'School 2', 'School 10'];
    expect((await listSchools(db)).map((s) => s.name)).toEqual(expected);
    expect((await listSchoolsWithCounts(db)).map((s) => s.name)).toEqual(expected);
    expect((await listSources(db)).map((s) => s.schoolName)).toEqual(expected);
    expect((await countConfirmedBySchool(db)).bySchool.map((s) => s.name)).toEqual(expected);
    expect((await listItemsPublishedBetween(db, 0, 2000)).map((i) => i.schoolName)).toEqual(expected);
    // A parent who chose them all, newest first: their confirmation and preferences name them in order.
    const chosen = [...(await listSchools(db))].reverse().map((s) => s.id);
    const parent = await addConfirmedSubscriber(db, 'parent@family.example', chosen);
    expect((await listSubscriberSchools(db, parent.id)).map((s) => s.name)).toEqual(expected);
  });
});
