import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addSchoolWithSource, item, storeItems } from '../../test/fixtures';
import { createTestDatabase } from '../../test/database';
import { removePicture, storePicture } from './pictures';

const actor = { type: 'user' as const, id: 1, label: 'dana@district.example' };

describe('removePicture', () => {
  it('marks every entry still up that showed the copy as changed, whatever address it came from', async () => {
    const { database: db } = createTestDatabase();
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    await storeItems(db, source.id, [
      item({ guid: 'a', publishedAt: 1000 }),
      item({ guid: 'b', publishedAt: 2000 }),
      item({ guid: 'c', publishedAt: 3000 }),
    ]);
    // The same photo posted twice (two addresses, one copy), and another photo.
    const file = (name: string) => ({
      name,
      purpose: 'web' as const,
      type: 'image/webp' as const,
      width: 640,
      height: 480,
      bytes: new Uint8Array([1, 2, 3]),
    });
    const same = {
      key: 'aaaaaaaaaaaaaaaaaaaa',
      width: 640,
      height: 480,
      files: [file('aaaaaaaaaaaaaaaaaaaa-640.webp')],
    };
    await storePicture(db, 'https://a.example/kites.jpg', same, true, 10);
    await storePicture(db, 'https://b.example/kites-again.jpg', same, true, 10);
    const other = {
      key: 'bbbbbbbbbbbbbbbbbbbb',
      width: 640,
      height: 480,
      files: [file('bbbbbbbbbbbbbbbbbbbb-640.webp')],
    };
    await storePicture(db, 'https://c.example/bees.jpg', other, true, 10);
    const images = [
      'https://a.example/kites.jpg',
      'https://b.example/kites-again.jpg',
      'https://c.example/bees.jpg',
    ];
    await db.batch([
      db.raw(
        sql`insert into digests (date, status, created_at, updated_at, published_at) values ('2026-11-19', 'published', 1, 1, 1), ('2026-11-20', 'published', 1, 1, 1)`,
      ),
      ...images.map((url, n) =>
        db.raw(
          sql`insert into digest_entries (digest_id, item_id, position, headline, image_url)
              select (select id from digests where date = ${n === 0 ? '2026-11-19' : '2026-11-20'}), id, ${n}, 'H', ${url}
              from items where guid = ${['a', 'b', 'c'][n]}`,
        ),
      ),
    ]);

    await removePicture(db, same.key, actor, {}, 500, null);
    const changed = await db.query<{ image_url: string; picture_removed_at: number | null }>(
      'select image_url, picture_removed_at from digest_entries order by position',
      [],
    );
    expect(changed).toEqual([
      { image_url: 'https://a.example/kites.jpg', picture_removed_at: 500 },
      { image_url: 'https://b.example/kites-again.jpg', picture_removed_at: 500 },
      { image_url: 'https://c.example/bees.jpg', picture_removed_at: null },
    ]);
  });
});
