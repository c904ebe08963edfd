// The worker-thread pool: same results as processing in-process, a hard deadline per feed, a heap limit per
// worker, and recovery after either.
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { createProcessPool, type ProcessPool } from './process-pool-node';
import { processInProcess } from './read-feed';

const NOW = Date.parse('2026-11-21T15:00:00Z');
const feed = (items: string) =>
  new TextEncoder().encode(
    `<?xml version="1.0"?><rss version="2.0"><channel><title>Room 3</title><link>https://room3.example/</link>${items}</channel></rss>`,
  );
const post =
  '<item><title>Kites</title><link>https://room3.example/kites</link><pubDate>Fri, 20 Nov 2026 16:00:00 GMT</pubDate><description>&lt;p&gt;We flew kites &amp; measured the wind.&lt;/p&gt;</description></item>';
/** A feed as the fetcher hands it over: a Node Buffer larger than Node's buffer pool shares. */
const fetchedBody = (items: string) => Buffer.from(feed(`${items}<!--${' '.repeat(8192)}-->`));
const request = (body: Uint8Array) => ({
  body,
  contentType: 'application/rss+xml',
  finalUrl: 'https://room3.example/feed',
  now: NOW,
});

describe('createProcessPool', () => {
  let pool: ProcessPool | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it('gives the same result as processing in-process', async () => {
    pool = createProcessPool({ size: 2, log: silentLogger });
    const body = feed(post);
    expect(await pool.process(request(body))).toEqual(await processInProcess(request(body)));
    // The caller's bytes are untouched: the pool transferred a copy.
    expect(body.byteLength).toBeGreaterThan(0);
  });

  it("leaves a caller's Node Buffer whole, however many times it is handed over", async () => {
    pool = createProcessPool({ size: 1, log: silentLogger });
    // What the fetcher hands over: a Buffer with an ArrayBuffer of its own (over 4 KiB; smaller ones share
    // Node's pool), which slice() would not copy.
    const body = fetchedBody(post);
    const first = await pool.process(request(body));
    expect(body.byteLength).toBeGreaterThan(0);
    expect(await pool.process(request(body))).toEqual(first);
  });

  it('abandons a feed that runs past the deadline and keeps serving', async () => {
    pool = createProcessPool({ size: 1, deadlineMs: 200, log: silentLogger });
    await pool.warm();
    const huge = feed(
      `<item><title>a</title><description>${'<b>x</b> '.repeat(900_000)}</description></item>`,
    );
    expect(await pool.process(request(huge))).toEqual({
      ok: false,
      message: 'The feed took longer than 0.2 seconds to read, so it was abandoned.',
    });
    await pool.close();
    pool = createProcessPool({ size: 1, deadlineMs: 30_000, log: silentLogger });
    expect(await pool.process(request(feed(post)))).toMatchObject({ ok: true, items: [{ title: 'Kites' }] });
  });

  it('gives the feed waiting behind an abandoned one to the next worker, its deadline running from when that worker has loaded', async () => {
    pool = createProcessPool({ size: 1, deadlineMs: 200, log: silentLogger });
    await pool.warm();
    const huge = feed(
      `<item><title>a</title><description>${'<b>x</b> '.repeat(900_000)}</description></item>`,
    );
    // The second feed waits while the first runs; the fresh worker that takes it needs longer than 200 ms
    // to load, which must not count against it.
    const [slow, next] = await Promise.all([pool.process(request(huge)), pool.process(request(feed(post)))]);
    expect(slow).toMatchObject({ ok: false });
    expect(next).toMatchObject({ ok: true, items: [{ title: 'Kites' }] });
  });

  it('hands a worker several feeds at once, reading them in order, each under its own deadline', async () => {
    // Ten feeds that each take a while, on one worker holding all ten: were a feed's deadline to run from
    // when it was handed over rather than from when the worker reached it, the last ones would overrun.
    pool = createProcessPool({ size: 1, queueDepth: 10, deadlineMs: 1_500, log: silentLogger });
    await pool.warm();
    const bodies = Array.from({ length: 10 }, (_, n) =>
      feed(
        `<item><title>Feed ${n}</title><link>https://room3.example/${n}</link><description>${'<b>x</b> '.repeat(60_000)}</description></item>`,
      ),
    );
    const started = performance.now();
    const outcomes = await Promise.all(bodies.map((body) => pool!.process(request(body))));
    expect(outcomes.map((o) => o.ok && o.items[0]?.title)).toEqual(bodies.map((_, n) => `Feed ${n}`));
    expect(performance.now() - started).toBeGreaterThan(1_500); // or the test proves nothing
  });

  it('abandons a held feed that overruns once the worker reaches it', async () => {
    pool = createProcessPool({ size: 1, queueDepth: 3, deadlineMs: 200, log: silentLogger });
    await pool.warm();
    const huge = feed(
      `<item><title>a</title><description>${'<b>x</b> '.repeat(900_000)}</description></item>`,
    );
    // Buffers, as the fetcher hands them over: the feed after the overrunning one goes to a new worker.
    const [first, held, after] = await Promise.all([
      pool.process(request(fetchedBody(post))),
      pool.process(request(Buffer.from(huge))),
      pool.process(request(fetchedBody(post))),
    ]);
    expect(first).toMatchObject({ ok: true, items: [{ title: 'Kites' }] });
    expect(held).toEqual({
      ok: false,
      message: 'The feed took longer than 0.2 seconds to read, so it was abandoned.',
    });
    expect(after).toMatchObject({ ok: true, items: [{ title: 'Kites' }] });
  });

  it('loses only the worker when a feed exhausts its heap, and replaces it', async () => {
    // A feed at the size cap (9 MiB) of dense markup, against a worker heap far below what it needs.
    pool = createProcessPool({ size: 1, maxHeapMb: 24, log: silentLogger });
    const wide = feed(
      Array.from(
        { length: 450 },
        (_, i) =>
          `<item><title>${i}</title><description><![CDATA[${'<p><a href="/x">y</a></p>'.repeat(850)}]]></description></item>`,
      ).join(''),
    );
    expect(wide.byteLength).toBeLessThan(10 * 1024 * 1024);
    const outcome = await pool.process(request(wide));
    expect(outcome).toEqual({ ok: false, message: 'The feed is too large or complex to read.' });
    expect(await pool.process(request(feed(post)))).toMatchObject({ ok: true, items: [{ title: 'Kites' }] });
  });
});
