// A district that moves (from its workers.dev address to its own name, or to a new domain): feed readers must
// not see its digests again as new. Entry ids keep the address the first digest was published at; links
// follow PUBLIC_URL. Over real HTTP, with the feeds read back by Debian's python3-feedparser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskDepsOf, publishDesk, saveDesk, type DeskActor } from '../src/curate/desk';
import { listItemsPublishedBetween } from '../src/db/items';
import { readSetting } from '../src/db/settings';
import { FEED_IDS_FROM, keepFeedIdsFrom } from '../src/publish/feed-ids';
import { parseWithFeedparser } from './feedparser';
import { addSchoolWithSource, item, storeItems } from './fixtures';
import { addUser, startTestApp, type TestApp } from './test-app';

const NOON_20 = Date.parse('2026-11-20T18:00:00Z');
const OLD = 'https://digest.old-district.example';

describe('feed entry ids after a move', () => {
  let app: TestApp;
  let dana: DeskActor;
  const get = async (path: string) => (await fetch(`${app.url}${path}`)).text();

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.runtime.deps.db;
    const user = await addUser(app, 'dana@district.example', 'editor');
    dana = { type: 'user', id: user.id, userId: user.id, label: 'dana', role: 'editor' };
    const lincoln = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    await storeItems(db, lincoln.source.id, [
      item({ guid: 'kites', title: 'Kites on the field', publishedAt: NOON_20, summary: 'It was windy.' }),
      item({ guid: 'bee', title: 'Spelling bee', publishedAt: NOON_20 + 86_400_000, summary: 'Ana won.' }),
    ]);
  });
  afterAll(() => app.close());

  it('keeps the address the first digest went out at, and makes ids from it once the address moves', async () => {
    const db = app.runtime.deps.db;
    const stored = await listItemsPublishedBetween(db, 0, NOON_20 * 2);
    const kites = stored.find((post) => post.title === 'Kites on the field');
    const bee = stored.find((post) => post.title === 'Spelling bee');
    // The first digest goes out at the old address.
    const atOld = { ...deskDepsOf(app.runtime.deps), publicUrl: OLD };
    await saveDesk(atOld, dana, '2026-11-20', { intro: 'Kites.', entries: [{ itemId: kites!.id }] });
    await publishDesk(atOld, dana, '2026-11-20');
    expect(await readSetting(db, FEED_IDS_FROM)).toBe(OLD);
    // The next one at the new: the kept address stays.
    const atNew = { ...deskDepsOf(app.runtime.deps), publicUrl: 'https://digest.new-district.example' };
    await saveDesk(atNew, dana, '2026-11-21', { intro: 'A bee.', entries: [{ itemId: bee!.id }] });
    await publishDesk(atNew, dana, '2026-11-21');
    expect(await readSetting(db, FEED_IDS_FROM)).toBe(OLD);

    // The server now answers at app.url: links go there, ids stay as they were.
    const rss = await get('/feed.xml');
    expect(rss).toContain(`<guid isPermaLink="false">${OLD}/digests/2026-11-20</guid>`);
    expect(rss).toContain(`<link>${app.url}/digests/2026-11-20</link>`);
    for (const path of ['/feed.xml', '/feed.atom', '/schools/lincoln-elementary/feed.atom']) {
      const parsed = await parseWithFeedparser(await get(path));
      expect(parsed.bozo, `${path}: ${parsed.bozo_exception}`).toBeFalsy();
      const school = path.startsWith('/schools/') ? '#school-lincoln-elementary' : '';
      expect(
        parsed.entries.map((entry) => [entry.id, entry.link]),
        path,
      ).toEqual([
        [`${OLD}/digests/2026-11-21${school}`, `${app.url}/digests/2026-11-21${school}`],
        [`${OLD}/digests/2026-11-20${school}`, `${app.url}/digests/2026-11-20${school}`],
      ]);
    }
    expect(await get('/feed.atom')).toContain(`<id>${OLD}/feed.atom</id>`);
    const json = JSON.parse(await get('/feed.json')) as { items: { id: string; url: string }[] };
    expect(json.items.map((entry) => [entry.id, entry.url])).toEqual([
      [`${OLD}/digests/2026-11-21`, `${app.url}/digests/2026-11-21`],
      [`${OLD}/digests/2026-11-20`, `${app.url}/digests/2026-11-20`],
    ]);
  });

  it('keeps no address only this machine or its network reaches: nobody on the internet followed those feeds', async () => {
    const { database: db } = (await import('./database')).createTestDatabase();
    for (const trial of [
      'http://localhost:8787',
      'http://127.0.0.1:4711',
      'http://[::1]:8787',
      'http://192.168.1.20:8787',
      'http://10.0.0.5',
      'http://[fd00::5]:8787',
      'http://yesterday:8787',
      'http://digest.lakeside.local',
      'http://digest.lan',
    ])
      await keepFeedIdsFrom(db, trial, 1);
    expect(await readSetting(db, FEED_IDS_FROM)).toBeUndefined();
    await keepFeedIdsFrom(db, 'https://digest.lakeside.example/', 2);
    expect(await readSetting(db, FEED_IDS_FROM)).toBe('https://digest.lakeside.example');
  });
});
