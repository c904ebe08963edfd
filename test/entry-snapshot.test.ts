// What was checked is what readers get: a published digest shows the account's name and the post's address as
// they were when the entry was saved, not whatever the teacher's feed says at its next fetch. Over real HTTP.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskDepsOf, publishDesk, saveDesk } from '../src/curate/desk';
import { listItemsPublishedBetween } from '../src/db/items';
import { digestEntries, items, sources } from '../src/db/schema';
import { touchPublicStatement } from '../src/db/site-state';
import { addSchoolWithSource, item, storeItems } from './fixtures';
import { addUser, startTestApp, type TestApp, deskActorFor } from './test-app';

const NOON_20 = Date.parse('2026-11-20T18:00:00Z');

describe('a published entry', () => {
  let app: TestApp;
  const get = async (path: string) => (await fetch(`${app.url}${path}`)).text();

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.runtime.deps.db;
    const user = await addUser(app, 'dana@district.example', 'editor');
    const dana = deskActorFor(user);
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    await db.orm.update(sources).set({ title: 'Room 12 Science' }).where(eq(sources.id, source.id));
    await storeItems(db, source.id, [
      item({
        guid: 'kites',
        title: 'Kites on the field',
        publishedAt: NOON_20,
        summary: 'It was windy.',
        author: 'Ms. Diaz',
      }),
    ]);
    const [kites] = await listItemsPublishedBetween(db, 0, NOON_20 * 2);
    const desk = deskDepsOf(app.runtime.deps);
    await saveDesk(desk, dana, '2026-11-20', { intro: 'Kites.', entries: [{ itemId: kites!.id }] });
    await publishDesk(desk, dana, '2026-11-20');
    // The feed's next fetch renames the account and moves the post, as a teacher (or whoever has the blog) can.
    await db.batch([
      db.orm
        .update(sources)
        .set({ title: 'Room 12 - Jacob Miller is the laziest kid' })
        .where(eq(sources.id, source.id)),
      db.orm
        .update(items)
        .set({ url: 'https://elsewhere.example/', author: 'Ava Patel is the worst' })
        .where(eq(items.id, kites!.id)),
      touchPublicStatement(db),
    ]);
  });
  afterAll(() => app.close());

  it('keeps the account name, post address and author it was checked with, on the page and in the feeds', async () => {
    for (const path of ['/digests/2026-11-20', '/feed.xml', '/feed.json', '/schools/lincoln-elementary']) {
      const body = await get(path);
      expect(body, path).toContain('Room 12 Science');
      expect(body, path).toContain('https://class.example/kites');
      expect(body, path).not.toContain('Jacob Miller');
      expect(body, path).not.toContain('elsewhere.example');
      expect(body, path).not.toContain('Ava Patel');
    }
    expect(await get('/digests/2026-11-20')).toContain('Ms. Diaz');
  });

  it('shows the feed’s current ones only for an entry written without them', async () => {
    const db = app.runtime.deps.db;
    await db.batch([
      db.orm.update(digestEntries).set({ sourceTitle: null, postUrl: null, postAuthor: null }),
      touchPublicStatement(db),
    ]);
    const page = await get('/digests/2026-11-20');
    expect(page).toContain('elsewhere.example');
  });
});
