// The CPU-heavy stages of ingestion (decode, parse, normalize, sanitize) on piscina's worker threads, so a
// hostile feed never blocks the server's event loop. Each feed runs under a deadline and a heap limit: a feed
// that runs too long is aborted, which makes piscina terminate its thread, and a feed too big for the limit
// costs only its thread; piscina starts another for the feeds behind it. Threads start on demand and stop
// when idle, so a server with nothing to read holds none.
import type { Piscina } from 'piscina';
import type { Logger } from '../log';
import type { FeedProcessor, Processed, ProcessRequest } from './read-feed';

export interface ProcessPoolOptions {
  size: number;
  deadlineMs?: number;
  maxHeapMb?: number;
  /** Most feeds handed to a thread at once (see FEEDS_PER_HANDOVER). */
  feedsPerHandover?: number;
  /** How long a thread with nothing to read stays up before it stops. */
  idleMs?: number;
  log: Logger;
  /** The thread's code; tests point it elsewhere to see a thread that cannot load. */
  workerUrl?: URL;
}

export interface ProcessPool {
  process: FeedProcessor;
  /** Threads up at this moment: none until a feed is read, none again once idle. */
  threads(): number;
  close(): Promise<void>;
}

/** What a thread is handed: feeds to read in order, each with the id it reports them by. */
export interface ProcessBatch {
  feeds: (ProcessRequest & { id: number })[];
}

/**
 * What a thread posts on its parent port: that it has begun its task's first feed, then each feed's result.
 * It goes straight from one feed to the next, so a result also says that the next feed has begun.
 */
export type ProgressMessage = { begun: number } | { read: number; result: Processed; error?: string };

/**
 * Feeds handed to a thread in one task. Handing them over one at a time woke the idle thread for every feed,
 * and on two cores that cost a polling pass about a quarter more CPU; a thread holding the feeds that are
 * waiting reads on while this thread is busy storing posts (docs/decisions/005-ingest-pass.md). The bytes
 * waiting are bounded by the polling pass (BACKLOG_BYTES in poll.ts).
 */
const FEEDS_PER_HANDOVER = 64;

/**
 * The scheduler polls every minute: a thread that outlives one quiet minute keeps its compiled code for the
 * next pass, and one that sees two in a row gives its memory back.
 */
const IDLE_MS = 2 * 60_000;

const WORKER_URL = new URL('./process-worker.mjs', import.meta.url);

const SHUTTING_DOWN: Processed = { ok: false, message: 'The server is shutting down.' };
const INTERNAL: Processed = {
  ok: false,
  message: 'The feed could not be read because of an internal error.',
};
const TOO_BIG: Processed = { ok: false, message: 'The feed is too large or complex to read.' };

interface Feed {
  id: number;
  request: ProcessRequest;
  resolve(result: Processed): void;
}

/** Feeds handed to one thread in one task, and which of them it is reading. */
interface Batch {
  feeds: Feed[];
  reading: Feed | undefined;
  done: Set<Feed>;
  abort: AbortController;
  overran: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export function createProcessPool(options: ProcessPoolOptions): ProcessPool {
  const deadlineMs = options.deadlineMs ?? 30_000;
  const perHandover = Math.max(1, options.feedsPerHandover ?? FEEDS_PER_HANDOVER);
  const waiting: Feed[] = [];
  /** Where each handed-over feed sits, by feed id. */
  const handedOver = new Map<number, { batch: Batch; index: number }>();
  const batches = new Set<Batch>();
  let piscina: Promise<Piscina<ProcessBatch, number>> | undefined;
  let threadCount = () => 0;
  let nextId = 1;
  let closed = false;

  /** Piscina is loaded with the first feed: commands that read none (most) do not pay for loading it. */
  async function startPiscina() {
    const { Piscina } = await import('piscina');
    const started = new Piscina<ProcessBatch, number>({
      filename: (options.workerUrl ?? WORKER_URL).href,
      minThreads: 0,
      maxThreads: options.size,
      idleTimeout: options.idleMs ?? IDLE_MS,
      resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 512 },
      // With atomics, a thread's own messages reach this one only after its task ends; the deadlines need
      // them while the feeds are being read.
      atomics: 'disabled',
      recordTiming: false,
    });
    threadCount = () => started.threads.length;
    started.on('message', onProgress);
    // Emitted for a thread that fails while holding no task: one that could not load its code. Piscina would
    // leave the waiting tasks queued for a thread that never comes, so they fail now, in words.
    started.on('error', (error: Error) => {
      if (closed) return;
      options.log.error('a feed processing thread failed', { error });
      for (const batch of batches) if (!batch.reading && batch.done.size === 0) batch.abort.abort();
    });
    return started;
  }

  // A feed's deadline runs from when its thread begins it, so a feed behind a slow one, or behind a thread
  // that is starting, loses none of its time. (Piscina's signal alone would count the time queued too.)
  function onProgress(message: ProgressMessage) {
    if ('begun' in message) {
      const entry = handedOver.get(message.begun);
      if (entry) begin(entry.batch, entry.index);
      return;
    }
    const entry = handedOver.get(message.read);
    if (!entry) return;
    const { batch, index } = entry;
    const feed = batch.feeds[index]!;
    handedOver.delete(feed.id);
    batch.done.add(feed);
    batch.reading = undefined;
    if (message.error) options.log.error('feed processing failed in a thread', { error: message.error });
    feed.resolve(message.result);
    if (index + 1 < batch.feeds.length) begin(batch, index + 1);
  }

  function begin(batch: Batch, index: number) {
    // Results can arrive after the task's end, which comes on another port; by then no deadline is needed.
    if (!batches.has(batch)) return;
    batch.reading = batch.feeds[index];
    if (batch.timer) batch.timer.refresh();
    else
      batch.timer = setTimeout(() => {
        batch.overran = true;
        batch.abort.abort();
      }, deadlineMs);
  }

  function dispatch() {
    while (!closed && batches.size < options.size && waiting.length > 0)
      void run(waiting.splice(0, perHandover));
  }

  async function run(feeds: Feed[]) {
    const batch: Batch = {
      feeds,
      reading: undefined,
      done: new Set(),
      abort: new AbortController(),
      overran: false,
      timer: undefined,
    };
    batches.add(batch);
    feeds.forEach((feed, index) => handedOver.set(feed.id, { batch, index }));
    try {
      const pool = await (piscina ??= startPiscina());
      // Copies with ArrayBuffers of their own are transferred: a Node Buffer may share its ArrayBuffer with
      // others (Node's pool), and the caller's bytes must stay whole. (Buffer's slice() would not copy.)
      const bodies = feeds.map((feed) => new Uint8Array(feed.request.body));
      await pool.run(
        { feeds: feeds.map((feed, n) => ({ ...feed.request, body: bodies[n]!, id: feed.id })) },
        { signal: batch.abort.signal, transferList: bodies.map((body) => body.buffer as ArrayBuffer) },
      );
      // Every feed's result was posted before the task ended, on another port; they are on their way.
    } catch (error) {
      stopped(batch, error);
    } finally {
      clearTimeout(batch.timer);
      batches.delete(batch);
      dispatch();
    }
  }

  /** The thread stopped: the feed it was reading fails in words, and those it had not reached wait again. */
  function stopped(batch: Batch, error: unknown) {
    const unread = batch.feeds.filter((feed) => !batch.done.has(feed) && feed !== batch.reading);
    for (const feed of [...unread, batch.reading]) if (feed) handedOver.delete(feed.id);
    if (closed) {
      for (const feed of [...unread, batch.reading]) feed?.resolve(SHUTTING_DOWN);
      return;
    }
    const reading = batch.reading;
    if (!reading && batch.done.size === 0) {
      // The thread read nothing: it could not load (logged when it failed), so nothing is to blame but it.
      if (!batch.abort.signal.aborted)
        options.log.error('feed processing failed in a thread', { error: String(error) });
      for (const feed of unread) feed.resolve(INTERNAL);
      return;
    }
    waiting.unshift(...unread);
    if (!reading) return options.log.error('a feed processing thread stopped', { error: String(error) });
    if (batch.overran)
      reading.resolve({
        ok: false,
        message: `The feed took longer than ${deadlineMs / 1000} seconds to read, so it was abandoned.`,
      });
    else if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') reading.resolve(TOO_BIG);
    else {
      options.log.error('feed processing failed in a thread', { error: String(error) });
      reading.resolve(INTERNAL);
    }
  }

  return {
    process: (request) =>
      new Promise<Processed>((resolve) => {
        if (closed) return resolve(SHUTTING_DOWN);
        waiting.push({ id: nextId++, request, resolve });
        dispatch();
      }),
    threads: () => threadCount(),
    async close() {
      closed = true;
      for (const feed of waiting.splice(0)) feed.resolve(SHUTTING_DOWN);
      // Feeds being read are given up: a stopping server does not wait for a slow feed.
      const started = await piscina?.catch(() => undefined);
      await started?.destroy();
    },
  };
}
