// A pool of worker threads for the CPU-heavy stages of ingestion (decode, parse, normalize, sanitize), so
// they use every core and never block the server's event loop. Each worker reads one feed at a time under a
// deadline and its own heap limit: a feed that runs too long is stopped by terminating its worker, and a
// feed too big for the limit costs only that worker, which is replaced; the feeds queued behind it go to
// the next worker. A worker holds the next feeds in its own queue, so it never waits for this thread (busy
// with writes) to hand it work. A feed's deadline runs from when the worker has loaded and has finished the
// feeds before it, so neither a slow start nor a long queue costs a feed.
import { Worker } from 'node:worker_threads';
import type { Logger } from '../log';
import type { FeedProcessor, Processed, ProcessRequest } from './read-feed';

export interface ProcessPoolOptions {
  size: number;
  deadlineMs?: number;
  /**
   * Feeds handed to one worker at a time: the one it reads and those it reads next. Enough that a worker
   * does not run dry while this thread is busy committing a batch of posts; the bytes waiting are bounded by
   * the polling pass (BACKLOG_BYTES in poll.ts).
   */
  queueDepth?: number;
  maxHeapMb?: number;
  log: Logger;
}

interface Job {
  id: number;
  request: ProcessRequest;
  resolve(result: Processed): void;
}

interface Slot {
  worker: Worker;
  /** Feeds handed to this worker, oldest first; the first is the one it is reading. */
  jobs: Job[];
  timer: ReturnType<typeof setTimeout> | undefined;
  ready: Promise<void>;
  started: boolean;
}

export interface ProcessPool {
  process: FeedProcessor;
  /** Starts every worker now and resolves when all have loaded, so the first feeds pay no start-up. */
  warm(): Promise<void>;
  close(): Promise<void>;
}

/** A worker that has not loaded by then is broken. */
const LOAD_DEADLINE_MS = 60_000;

const WORKER_URL = new URL('./process-worker.mjs', import.meta.url);

export function createProcessPool(options: ProcessPoolOptions): ProcessPool {
  const deadlineMs = options.deadlineMs ?? 30_000;
  const queueDepth = Math.max(1, options.queueDepth ?? 64);
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;

  function spawn(): Slot {
    const worker = new Worker(WORKER_URL, {
      resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 512 },
    });
    let markReady = () => {};
    const slot: Slot = {
      worker,
      jobs: [],
      timer: undefined,
      ready: new Promise((resolve) => (markReady = resolve)),
      started: false,
    };
    worker.on('message', (message: { ready?: true; id: number; result: Processed; error?: string }) => {
      if (message.ready) {
        slot.started = true;
        if (slot.jobs.length > 0) startDeadline(slot);
        return markReady();
      }
      if (message.error) options.log.error('feed processing failed in a worker', { error: message.error });
      if (slot.jobs[0]?.id === message.id) finish(slot, message.result);
    });
    worker.on('error', (error) => {
      options.log.warn('a feed processing worker stopped', { error: error.message });
      const tooBig =
        /memory/i.test(error.message) || (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      replace(slot, {
        ok: false,
        message: tooBig
          ? 'The feed is too large or complex to read.'
          : 'The feed could not be read because of an internal error.',
      });
    });
    worker.on('exit', () => {
      if (!closed && slots.includes(slot))
        replace(slot, { ok: false, message: 'The feed could not be read because of an internal error.' });
    });
    worker.unref();
    slots.push(slot);
    return slot;
  }

  function finish(slot: Slot, result: Processed) {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.jobs.shift()!.resolve(result);
    // The worker has started on the next feed it holds.
    if (slot.jobs.length > 0) startDeadline(slot);
    else slot.worker.unref(); // an idle worker does not keep the process alive; a busy one does
    dispatch();
  }

  /**
   * Ends a worker that failed or overran: the feed it was reading gets `result`, the feeds it held go back
   * to the front of the queue, and a fresh worker takes its place.
   */
  function replace(slot: Slot, result: Processed) {
    const index = slots.indexOf(slot);
    if (index === -1) return;
    slots.splice(index, 1);
    clearTimeout(slot.timer);
    void slot.worker.terminate();
    const [reading, ...held] = slot.jobs.splice(0);
    reading?.resolve(result);
    queue.unshift(...held);
    dispatch();
  }

  function dispatch() {
    while (!closed && queue.length > 0) {
      // An idle worker first, then a new one, then the one holding the fewest feeds.
      let slot = slots.find((s) => s.jobs.length === 0);
      if (!slot && slots.length < options.size) slot = spawn();
      slot ??= slots.reduce((a, b) => (b.jobs.length < a.jobs.length ? b : a));
      if (slot.jobs.length >= queueDepth) return;
      const job = queue.shift()!;
      slot.jobs.push(job);
      slot.worker.ref();
      // The body is copied into an ArrayBuffer of its own before that is transferred: a Node Buffer may share
      // its ArrayBuffer with others, and the caller's bytes must stay whole, for a retry on another worker if
      // this one fails. (Buffer's slice() would not copy: it is subarray().)
      const body = new Uint8Array(job.request.body);
      slot.worker.postMessage({ ...job.request, body, id: job.id }, [body.buffer]);
      if (slot.jobs.length === 1) startDeadline(slot);
    }
  }

  /** The deadline of the feed the worker is reading; until it has loaded, a generous one for loading. */
  function startDeadline(slot: Slot) {
    clearTimeout(slot.timer);
    slot.timer = setTimeout(
      () =>
        replace(
          slot,
          slot.started
            ? {
                ok: false,
                message: `The feed took longer than ${deadlineMs / 1000} seconds to read, so it was abandoned.`,
              }
            : { ok: false, message: 'The feed could not be read because of an internal error.' },
        ),
      slot.started ? deadlineMs : Math.max(deadlineMs, LOAD_DEADLINE_MS),
    );
  }

  return {
    process: (request) =>
      new Promise<Processed>((resolve) => {
        if (closed) return resolve({ ok: false, message: 'The server is shutting down.' });
        queue.push({ id: nextId++, request, resolve });
        dispatch();
      }),
    async warm() {
      while (slots.length < options.size) spawn();
      await Promise.all(slots.map((slot) => slot.ready));
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.resolve({ ok: false, message: 'The server is shutting down.' });
      await Promise.all(slots.splice(0).map((slot) => slot.worker.terminate()));
    },
  };
}
