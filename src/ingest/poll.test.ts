// How a polling pass shares itself between feeds: a bounded number downloading at once, in all and per host
// (first come first served among those free to start, a place given back even when the work fails), downloaded
// bytes waiting to be read held to a budget, downloads going on while earlier feeds wait to be read, and a
// source removed during its own check.
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database';
import { startTestServer } from '../../test/http-server';
import { findOrCreateSchool } from '../db/schools';
import { cliActor } from '../db/audit';
import { deleteUnusedSource, insertSource } from '../db/sources';
import { createLogger, silentLogger } from '../log';
import { changeSetting } from '../settings/district-settings';
import { createNodeFetcher } from './fetch-feed-node';
import { createByteBudget, createLimiter, pollSources } from './poll';
import { processInProcess, type FeedProcessor } from './read-feed';

const NOW = Date.parse('2026-11-21T15:00:00Z');

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('createLimiter', () => {
  it('lets at most the limit run at once, in the order they asked', async () => {
    const limiter = createLimiter(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    await Promise.all(
      Array.from({ length: 7 }, (_, n) =>
        limiter.run(`host${n}`, async () => {
          started.push(n);
          most = Math.max(most, ++running);
          await tick();
          running--;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('gives a place back when the work fails, and passes the failure to its caller', async () => {
    const limiter = createLimiter(1);
    const failing = limiter.run('a', async () => {
      await tick();
      throw new Error('feed server vanished');
    });
    const next = limiter.run('a', async () => 'read');
    await expect(failing).rejects.toThrow('feed server vanished');
    expect(await next).toBe('read');
    expect(await limiter.run('b', async () => 'again')).toBe('again');
  });

  it('holds each key to its own limit, letting other keys go past the callers it holds', async () => {
    const limiter = createLimiter(3, 2);
    const running = new Map<string, number>();
    let mostPerKey = 0;
    let most = 0;
    const started: string[] = [];
    const calls = ['a1', 'a2', 'a3', 'a4', 'b1', 'a5', 'c1', 'b2'];
    await Promise.all(
      calls.map((call) =>
        limiter.run(call[0]!, async () => {
          started.push(call);
          running.set(call[0]!, (running.get(call[0]!) ?? 0) + 1);
          mostPerKey = Math.max(mostPerKey, ...running.values());
          most = Math.max(
            most,
            [...running.values()].reduce((a, b) => a + b, 0),
          );
          await tick();
          running.set(call[0]!, running.get(call[0]!)! - 1);
        }),
      ),
    );
    expect(mostPerKey).toBe(2);
    expect(most).toBe(3);
    // b1 goes past a3 and a4, held by their key; c1, held by the limit, goes past a5, held by its key again.
    expect(started).toEqual(['a1', 'a2', 'b1', 'a3', 'a4', 'c1', 'a5', 'b2']);
  });
});

describe('createByteBudget', () => {
  it('admits what fits, makes the rest wait in order, and admits an oversized take alone', async () => {
    const budget = createByteBudget(100);
    const admitted: string[] = [];
    const giveA = await budget.take(60);
    const b = budget.take(50).then((give) => (admitted.push('b'), give));
    const c = budget.take(10).then((give) => (admitted.push('c'), give)); // fits, but waits behind b
    await tick();
    expect(admitted).toEqual([]);
    giveA();
    giveA(); // giving back twice gives back once
    const giveB = await b;
    const giveC = await c;
    expect(admitted).toEqual(['b', 'c']);
    const huge = budget.take(500).then((give) => (admitted.push('huge'), give));
    await tick();
    expect(admitted).toEqual(['b', 'c']);
    giveB();
    await tick();
    expect(admitted).toEqual(['b', 'c']); // c still holds 10
    giveC();
    (await huge)();
    expect(admitted).toEqual(['b', 'c', 'huge']);
    expect(await Promise.race([budget.take(100), tick().then(() => 'waiting')])).toBeTypeOf('function');
  });
});

describe('pollSources', () => {
  it('keeps downloading while earlier feeds wait to be read, one download at a time as set', async () => {
    const server = await startTestServer();
    const fetcher = createNodeFetcher({ publicUrl: 'https://d.example', allowPrivateNetworks: true });
    const db = createTestDatabase().database;
    await changeSetting(db, 'fetch_concurrency', '1', 1);
    let downloading = 0;
    let most = 0;
    const requested: number[] = [];
    try {
      for (const n of [1, 2, 3, 4])
        server.route(`/feed/${n}`, async (_request, response) => {
          requested.push(n);
          most = Math.max(most, ++downloading);
          await tick();
          downloading--;
          response
            .writeHead(200, { 'content-type': 'application/rss+xml' })
            .end(
              `<rss version="2.0"><channel><title>Room ${n}</title><item><guid>p${n}</guid><title>Post ${n}</title><pubDate>Fri, 20 Nov 2026 16:00:00 GMT</pubDate></item></channel></rss>`,
            );
        });
      const school = await findOrCreateSchool(db, 'Lincoln Elementary', 1);
      for (const n of [1, 2, 3, 4])
        await insertSource(db, { schoolId: school.id, feedUrl: `${server.url}/feed/${n}` }, 1);
      // Reading is held up until every feed has been downloaded: were a feed to keep its download place
      // while it waits to be read, the second download would never start and the pass would never end.
      let release = () => {};
      const allDownloaded = new Promise<void>((resolve) => (release = resolve));
      const process: FeedProcessor = async (request) => {
        if (requested.length === 4) release();
        await allDownloaded;
        return processInProcess(request);
      };
      const outcomes = await pollSources({ db, fetcher, now: () => NOW, log: silentLogger, process });
      expect(outcomes.map((o) => o.status)).toEqual(['updated', 'updated', 'updated', 'updated']);
      expect(most).toBe(1);
    } finally {
      await fetcher.close();
      await server.close();
    }
  });

  it('lets a host’s feeds wait their turn before their deadline starts, and other hosts’ feeds go past them', async () => {
    const busy = await startTestServer();
    const quiet = await startTestServer();
    const fetcher = createNodeFetcher({
      publicUrl: 'https://d.example',
      allowPrivateNetworks: true,
      limits: { deadlineMs: 800 },
    });
    const db = createTestDatabase().database;
    await changeSetting(db, 'fetch_concurrency', '8', 1);
    const answer = (title: string) =>
      `<rss version="2.0"><channel><title>${title}</title><item><guid>${title}</guid><title>Post</title><pubDate>Fri, 20 Nov 2026 16:00:00 GMT</pubDate></item></channel></rss>`;
    let atOnce = 0;
    let most = 0;
    const finished: string[] = [];
    try {
      // One slow host with eight class feeds (a Mastodon server, say): each answer takes 300 ms.
      for (const n of [1, 2, 3, 4, 5, 6, 7, 8])
        busy.route(`/room${n}`, async (_request, response) => {
          most = Math.max(most, ++atOnce);
          await new Promise((resolve) => setTimeout(resolve, 300));
          atOnce--;
          finished.push(`room${n}`);
          response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(answer(`Room ${n}`));
        });
      quiet.route('/feed', (_request, response) => {
        finished.push('quiet');
        response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(answer('quiet'));
      });
      const school = await findOrCreateSchool(db, 'Lincoln Elementary', 1);
      for (const n of [1, 2, 3, 4, 5, 6, 7, 8])
        await insertSource(db, { schoolId: school.id, feedUrl: `${busy.url}/room${n}` }, 1);
      await insertSource(db, { schoolId: school.id, feedUrl: `${quiet.url}/feed` }, 1);

      const outcomes = await pollSources({ db, fetcher, now: () => NOW, log: silentLogger });
      // Four turns of two at 300 ms each take longer than the 800 ms deadline, yet each download took 300 ms.
      expect(outcomes.map((o) => o.status)).toEqual(Array(9).fill('updated'));
      expect(most).toBe(2);
      // The other host's feed, listed last, did not wait behind the busy host's queue.
      expect(finished.indexOf('quiet')).toBeLessThan(2);
    } finally {
      await fetcher.close();
      await busy.close();
      await quiet.close();
    }
  });

  it('lets a source be removed while its feed is read: no error, and nothing stored for it', async () => {
    const server = await startTestServer();
    const fetcher = createNodeFetcher({ publicUrl: 'https://d.example', allowPrivateNetworks: true });
    const db = createTestDatabase().database;
    const logged: string[] = [];
    const log = createLogger('info', (line) => logged.push(line));
    try {
      server.route('/feed', (_request, response) =>
        response
          .writeHead(200, { 'content-type': 'application/rss+xml' })
          .end(
            '<rss version="2.0"><channel><title>Room 9</title><item><guid>p1</guid><title>Post</title></item></channel></rss>',
          ),
      );
      const school = await findOrCreateSchool(db, 'Lincoln Elementary', 1);
      const source = (await insertSource(db, { schoolId: school.id, feedUrl: `${server.url}/feed` }, 1))!;
      // The coordinator removes the source after its feed was downloaded, before its posts are stored.
      const process: FeedProcessor = async (request) => {
        expect(await deleteUnusedSource(db, source.id, { actor: cliActor, details: {} }, NOW)).toBe(true);
        return processInProcess(request);
      };
      const [outcome] = await pollSources({ db, fetcher, now: () => NOW, log, process });
      expect(outcome).toMatchObject({
        status: 'failed',
        message: 'The source was removed while its feed was being read.',
      });
      expect(await db.query('select id from items', [])).toEqual([]);
      expect(logged.filter((line) => line.includes('ERROR'))).toEqual([]);
    } finally {
      await fetcher.close();
      await server.close();
    }
  });
});
