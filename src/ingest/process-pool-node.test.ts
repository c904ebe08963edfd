// The feed-processing threads: same results as processing in-process, a hard deadline per feed that runs from
// when a thread starts on it, a heap limit per thread, recovery after either, and no thread while idle.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, silentLogger } from '../log';
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
/** Takes seconds to read: far past the short deadlines below. */
const huge = () =>
  feed(`<item><title>a</title><description>${'<b>x</b> '.repeat(900_000)}</description></item>`);
const request = (body: Uint8Array) => ({
  body,
  contentType: 'application/rss+xml',
  finalUrl: 'https://room3.example/feed',
  now: NOW,
});
/** A stand-in thread whose "feeds" hold it for exact times (testdata-threads/sleeping-worker.mjs). */
const SLEEPING = new URL('./testdata-threads/sleeping-worker.mjs', import.meta.url);
const holdFor = (ms: number) => request(new TextEncoder().encode(String(ms)));
const abandoned = (seconds: number) => ({
  ok: false,
  message: `The feed took longer than ${seconds} seconds to read, so it was abandoned.`,
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

  it('abandons a feed that runs past the deadline, and the same pool keeps serving', async () => {
    // No thread is up yet: its start-up, longer than 200 ms here, must not count against the feed either.
    pool = createProcessPool({ size: 1, deadlineMs: 200, log: silentLogger });
    expect(await pool.process(request(huge()))).toEqual(abandoned(0.2));
    expect(await pool.process(request(feed(post)))).toMatchObject({ ok: true, items: [{ title: 'Kites' }] });
  });

  it('gives the feed waiting behind an abandoned one its whole deadline, from when a thread starts on it', async () => {
    pool = createProcessPool({ size: 1, deadlineMs: 200, log: silentLogger });
    // The second feed waits at least 200 ms (the first feed's deadline) and then for a fresh thread to load;
    // a deadline counted from when it was handed over would have run out before it was read.
    const [slow, next] = await Promise.all([
      pool.process(request(huge())),
      pool.process(request(feed(post))),
    ]);
    expect(slow).toEqual(abandoned(0.2));
    expect(next).toMatchObject({ ok: true, items: [{ title: 'Kites' }] });
  });

  it('gives each feed handed over with others its own deadline, from when the thread begins it', async () => {
    // Six feeds of 150 ms go to the thread together (the first alone, then the five that waited): 750 ms in
    // all, against a 400 ms deadline for each.
    pool = createProcessPool({ size: 1, deadlineMs: 400, log: silentLogger, workerUrl: SLEEPING });
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => pool!.process(holdFor(150))));
    expect(outcomes).toEqual(Array(6).fill({ ok: true, feed: { title: 'held 150 ms' }, items: [] }));
  });

  it('abandons only the overrunning feed of those handed over together; the others are read', async () => {
    pool = createProcessPool({ size: 1, deadlineMs: 400, log: silentLogger, workerUrl: SLEEPING });
    const outcomes = await Promise.all([50, 100, 5_000, 100, 50].map((ms) => pool!.process(holdFor(ms))));
    expect(outcomes.map((o) => (o.ok ? o.feed.title : o.message))).toEqual([
      'held 50 ms',
      'held 100 ms',
      'The feed took longer than 0.4 seconds to read, so it was abandoned.',
      'held 100 ms',
      'held 50 ms',
    ]);
  });

  it('reads every feed queued behind one thread, each once', async () => {
    pool = createProcessPool({ size: 1, log: silentLogger });
    const bodies = Array.from({ length: 10 }, (_, n) =>
      feed(
        `<item><title>Feed ${n}</title><link>https://room3.example/${n}</link><description>${'<b>x</b> '.repeat(20_000)}</description></item>`,
      ),
    );
    const outcomes = await Promise.all(bodies.map((body) => pool!.process(request(body))));
    expect(outcomes.map((o) => o.ok && o.items.map((item) => item.title))).toEqual(
      bodies.map((_, n) => [`Feed ${n}`]),
    );
  });

  it('costs only the overrunning feed when it sits between others in the queue', async () => {
    pool = createProcessPool({ size: 1, deadlineMs: 200, log: silentLogger });
    // Buffers, as the fetcher hands them over: the feed after the overrunning one goes to a new thread.
    const [first, overrun, after] = await Promise.all([
      pool.process(request(fetchedBody(post))),
      pool.process(request(Buffer.from(huge()))),
      pool.process(request(fetchedBody(post))),
    ]);
    expect(first).toMatchObject({ ok: true, items: [{ title: 'Kites' }] });
    expect(overrun).toEqual(abandoned(0.2));
    expect(after).toMatchObject({ ok: true, items: [{ title: 'Kites' }] });
  });

  it('loses only the thread when a feed exhausts its heap; the feeds handed over with it are read', async () => {
    // A feed at the size cap (9 MiB) of dense markup, against a thread heap far below what it needs.
    pool = createProcessPool({ size: 1, maxHeapMb: 24, log: silentLogger });
    const wide = feed(
      Array.from(
        { length: 450 },
        (_, i) =>
          `<item><title>${i}</title><description><![CDATA[${'<p><a href="/x">y</a></p>'.repeat(850)}]]></description></item>`,
      ).join(''),
    );
    expect(wide.byteLength).toBeLessThan(10 * 1024 * 1024);
    // The first feed goes alone to the thread as it starts; the other three wait and go together.
    const [first, before, tooBig, after] = await Promise.all(
      [post, post, null, post].map((items) => pool!.process(request(items ? feed(items) : wide))),
    );
    expect(tooBig).toEqual({ ok: false, message: 'The feed is too large or complex to read.' });
    for (const outcome of [first, before, after])
      expect(outcome).toMatchObject({ ok: true, items: [{ title: 'Kites' }] });
  });

  it('holds no thread until there is a feed to read, and none once it has been idle a while', async () => {
    pool = createProcessPool({ size: 2, idleMs: 100, log: silentLogger });
    expect(pool.threads()).toBe(0);
    await pool.process(request(feed(post)));
    expect(pool.threads()).toBe(1);
    await vi.waitFor(() => expect(pool!.threads()).toBe(0), { timeout: 10_000, interval: 50 });
    // And starts one again for the next feed.
    expect(await pool.process(request(feed(post)))).toMatchObject({ ok: true });
  });

  it('fails the waiting feeds in words, and logs why, when a thread cannot load its code', async () => {
    const lines: string[] = [];
    pool = createProcessPool({
      size: 1,
      log: createLogger('error', (line) => lines.push(line)),
      workerUrl: new URL('./testdata-threads/worker-that-cannot-load.mjs', import.meta.url),
    });
    const outcomes = await Promise.all([
      pool.process(request(feed(post))),
      pool.process(request(feed(post))),
    ]);
    expect(outcomes).toEqual([
      { ok: false, message: 'The feed could not be read because of an internal error.' },
      { ok: false, message: 'The feed could not be read because of an internal error.' },
    ]);
    expect(lines.join('\n')).toContain('a feed processing thread failed');
  });
});
