// One source's whole refresh (fetch → … → store, then its health and schedule), against a real feed server
// on 127.0.0.1 and a real SQLite database.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, createTestDatabaseFile } from '../../test/database';
import { startTestServer, type TestServer } from '../../test/http-server';
import type { Database } from '../db/client';
import { listItemsPublishedBetween } from '../db/items';
import { findOrCreateSchool } from '../db/schools';
import { findSource, insertSource, retrySourceNow } from '../db/sources';
import { openSqlite } from '../db/sqlite-node';
import { silentLogger } from '../log';
import { changeSetting } from '../settings/district-settings';
import { createNodeFetcher } from './fetch-feed-node';
import type { FeedFetcher } from './fetcher';
import { pollSources } from './poll';
import { PAUSE_AFTER_FAILURES, refreshSource, type IngestDeps } from './refresh-source';

const T0 = Date.parse('2026-11-21T15:00:00Z');
const MINUTE = 60_000;

const rss = (items: string, extra = '') =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Room 9</title><link>https://room9.example/</link><generator>https://wordpress.org/?v=6.7</generator>${extra}${items}</channel></rss>`;
const item = (guid: string, title: string, link = `https://room9.example/${guid}`) =>
  `<item><guid>${guid}</guid><title>${title}</title><link>${link}</link><pubDate>Fri, 20 Nov 2026 16:00:00 GMT</pubDate><description>About ${title}.</description></item>`;

describe('refreshSource', () => {
  let server: TestServer;
  let fetcher: FeedFetcher;
  let db: Database;
  let now: number;
  let deps: IngestDeps;
  let body: string;
  let etag: string | undefined;

  beforeAll(async () => {
    server = await startTestServer();
    server.route('/feed', (request, response) => {
      if (etag && request.headers['if-none-match'] === etag) return response.writeHead(304).end();
      response.writeHead(200, { 'content-type': 'application/rss+xml', ...(etag ? { etag } : {}) }).end(body);
    });
    fetcher = createNodeFetcher({ publicUrl: 'https://d.example', allowPrivateNetworks: true });
  });
  afterAll(async () => {
    await fetcher.close();
    await server.close();
  });
  beforeEach(() => {
    db = createTestDatabase().database;
    now = T0;
    deps = { db, fetcher, now: () => now, log: silentLogger };
    etag = undefined;
    body = rss(item('a', 'Kites') + item('b', 'Poems'));
  });

  async function addSource(path = '/feed', school = 'Lincoln Elementary') {
    const s = await findOrCreateSchool(db, school, 1);
    return (await insertSource(db, { schoolId: s.id, feedUrl: `${server.url}${path}` }, 1))!;
  }
  const allItems = () => listItemsPublishedBetween(db, 0, Number.MAX_SAFE_INTEGER);

  it('stores each post once per source, records health and detects the platform', async () => {
    const source = await addSource();
    expect(await refreshSource(deps, source, 30)).toMatchObject({ status: 'updated', items: 2, newItems: 2 });
    const after = (await findSource(db, source.id))!;
    expect(after).toMatchObject({
      title: 'Room 9',
      siteUrl: 'https://room9.example/',
      platform: 'wordpress',
      errorCount: 0,
      lastSuccessAt: T0,
    });
    expect(after.nextFetchAt).toBeGreaterThanOrEqual(T0 + 27 * MINUTE);
    expect(after.nextFetchAt).toBeLessThanOrEqual(T0 + 33 * MINUTE);
    expect(await refreshSource(deps, after, 30)).toMatchObject({ status: 'updated', items: 2, newItems: 0 });
    expect(await allItems()).toHaveLength(2);
  });

  it('rewrites nothing when a feed is unchanged, and updates an edited post in place', async () => {
    const source = await addSource();
    await refreshSource(deps, source, 30);
    const [first] = (await allItems()).filter((i) => i.guid === 'a');
    now = T0 + 40 * MINUTE;
    await refreshSource(deps, (await findSource(db, source.id))!, 30);
    expect((await allItems()).find((i) => i.guid === 'a')!.updatedAt).toBe(first!.updatedAt);

    body = rss(item('a', 'Kites on the field (updated)') + item('b', 'Poems'));
    now = T0 + 80 * MINUTE;
    await refreshSource(deps, (await findSource(db, source.id))!, 30);
    const edited = (await allItems()).find((i) => i.guid === 'a')!;
    expect(edited).toMatchObject({
      id: first!.id,
      title: 'Kites on the field (updated)',
      firstSeenAt: T0,
      updatedAt: T0 + 80 * MINUTE,
    });
  });

  it('shows a post cross-posted by two accounts once', async () => {
    server.route('/other', (_q, r) =>
      r.writeHead(200).end(rss(item('x-1', 'Kites (shared)', 'https://room9.example/a?utm_source=mastodon'))),
    );
    await refreshSource(deps, await addSource('/feed'), 30);
    await refreshSource(deps, await addSource('/other', 'Lincoln Library'), 30);
    const titles = (await allItems()).map((i) => i.title);
    expect(titles).toEqual(['Kites', 'Poems']);
  });

  it('answers 304 after a restart: the ETag is kept in the database, and nothing is parsed or stored', async () => {
    const file = createTestDatabaseFile();
    try {
      etag = '"rev-1"';
      deps.db = file.database;
      const s = await findOrCreateSchool(file.database, 'Lincoln', 1);
      const source = (await insertSource(
        file.database,
        { schoolId: s.id, feedUrl: `${server.url}/feed` },
        1,
      ))!;
      await refreshSource(deps, source, 30);
      file.sqlite.close();

      const reopened = openSqlite(file.path);
      deps.db = reopened.database;
      body = 'this would not parse';
      const stored = (await findSource(reopened.database, source.id))!;
      expect(stored.etag).toBe('"rev-1"');
      now = T0 + 40 * MINUTE;
      expect(await refreshSource(deps, stored, 30)).toEqual({ sourceId: source.id, status: 'not-modified' });
      expect(server.requests.at(-1)!.headers['if-none-match']).toBe('"rev-1"');
      expect((await findSource(reopened.database, source.id))!).toMatchObject({
        errorCount: 0,
        lastFetchedAt: now,
      });
      reopened.close();
    } finally {
      file.cleanup();
    }
  });

  it('backs off exponentially on failures, pauses after repeated ones, and retries on request', async () => {
    server.route('/broken', (_q, r) =>
      r.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Sign in</title>'),
    );
    let source = await addSource('/broken');
    const delays: number[] = [];
    for (let i = 1; i <= PAUSE_AFTER_FAILURES; i++) {
      const outcome = await refreshSource(deps, source, 30);
      source = (await findSource(db, source.id))!;
      delays.push(source.nextFetchAt - now);
      expect(outcome).toMatchObject({ status: 'failed', paused: i === PAUSE_AFTER_FAILURES });
      now = source.nextFetchAt;
    }
    expect(delays.slice(0, 4)).toEqual([30 * MINUTE, 60 * MINUTE, 120 * MINUTE, 240 * MINUTE]);
    expect(Math.max(...delays)).toBe(24 * 60 * MINUTE);
    expect(source).toMatchObject({ paused: true, errorCount: PAUSE_AFTER_FAILURES });
    expect(source.lastError).toMatch(/^The address is a web page, not a feed/);
    expect(await pollSources(deps)).toEqual([]);
    await retrySourceNow(db, source.id, now);
    expect((await findSource(db, source.id))!).toMatchObject({ paused: false, errorCount: 0 });
  });

  it('waits as long as Retry-After asks', async () => {
    server.route('/busy', (_q, r) => r.writeHead(429, { 'retry-after': '7200' }).end());
    const source = await addSource('/busy');
    await refreshSource(deps, source, 30);
    expect((await findSource(db, source.id))!.nextFetchAt).toBe(T0 + 120 * MINUTE);
  });

  it('checks less often when the feed asks with <ttl>, never more than a day apart', async () => {
    body = rss(item('a', 'Kites'), '<ttl>180</ttl>');
    const source = await addSource();
    await refreshSource(deps, source, 30);
    const next = (await findSource(db, source.id))!.nextFetchAt - T0;
    expect(next).toBeGreaterThanOrEqual(162 * MINUTE);
    expect(next).toBeLessThanOrEqual(198 * MINUTE);
    body = rss(item('a', 'Kites'), '<ttl>100000</ttl>');
    await refreshSource(deps, (await findSource(db, source.id))!, 30);
    expect((await findSource(db, source.id))!.nextFetchAt - T0).toBeLessThanOrEqual(24 * 60 * MINUTE * 1.1);
  });

  it('keeps to the feed’s <ttl> when it answers 304, until a full read says otherwise', async () => {
    etag = '"v1"';
    body = rss(item('a', 'Kites'), '<ttl>180</ttl>');
    const source = await addSource();
    await refreshSource(deps, source, 30);
    const nextAfter = async (status: string) => {
      now = (await findSource(db, source.id))!.nextFetchAt;
      const outcome = await refreshSource(deps, (await findSource(db, source.id))!, 30);
      expect(outcome.status).toBe(status);
      return (await findSource(db, source.id))!.nextFetchAt - now;
    };
    for (let i = 0; i < 2; i++) {
      const next = await nextAfter('not-modified'); // no body: the stored <ttl> still applies
      expect(next).toBeGreaterThanOrEqual(162 * MINUTE);
      expect(next).toBeLessThanOrEqual(198 * MINUTE);
    }
    etag = '"v2"';
    body = rss(item('a', 'Kites'));
    expect(await nextAfter('updated')).toBeLessThanOrEqual(33 * MINUTE); // the new version has no <ttl>
    expect(await nextAfter('not-modified')).toBeLessThanOrEqual(33 * MINUTE);
  });

  it('moves a source to its new address only after the same permanent redirect three times', async () => {
    server.route('/old', (_q, r) => r.writeHead(301, { location: '/new' }).end());
    server.route('/new', (_q, r) => r.writeHead(200).end(body));
    let source = await addSource('/old');
    for (let i = 1; i <= 3; i++) {
      await refreshSource(deps, source, 30);
      source = (await findSource(db, source.id))!;
      expect(source.feedUrl).toBe(i < 3 ? `${server.url}/old` : `${server.url}/new`);
    }
  });

  it('polls only authorized sources', async () => {
    const source = await addSource();
    await db.orm.run(`update sources set "authorization" = 'pending' where id = ${source.id}`);
    expect(await pollSources(deps)).toEqual([]);
  });
});

describe('pollSources', () => {
  it('fetches at most the set number of feeds at a time across hosts, and stores every one', async () => {
    const servers = await Promise.all([1, 2, 3, 4].map(() => startTestServer()));
    const fetcher = createNodeFetcher({ publicUrl: 'https://d.example', allowPrivateNetworks: true });
    const db = createTestDatabase().database;
    await changeSetting(db, 'fetch_concurrency', '3', 1);
    let inFlight = 0;
    let most = 0;
    try {
      for (const server of servers)
        for (const n of [1, 2, 3])
          server.route(`/feed/${n}`, async (_request, response) => {
            most = Math.max(most, ++inFlight);
            await new Promise((resolve) => setTimeout(resolve, 30));
            inFlight--;
            response
              .writeHead(200, { 'content-type': 'application/rss+xml' })
              .end(rss(item(`${server.url}-${n}`, `Post ${n}`)));
          });
      const school = await findOrCreateSchool(db, 'Lincoln Elementary', 1);
      for (const server of servers)
        for (const n of [1, 2, 3])
          await insertSource(db, { schoolId: school.id, feedUrl: `${server.url}/feed/${n}` }, 1);
      const outcomes = await pollSources({ db, fetcher, now: () => T0, log: silentLogger });
      expect(outcomes.map((o) => o.status)).toEqual(Array(12).fill('updated'));
      expect(await listItemsPublishedBetween(db, 0, Number.MAX_SAFE_INTEGER)).toHaveLength(12);
      expect(most).toBe(3);
    } finally {
      await fetcher.close();
      await Promise.all(servers.map((s) => s.close()));
    }
  });
});
