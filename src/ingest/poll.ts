// Polls the due sources (or chosen ones), a bounded number fetched at a time, in all and per host.
import { DISK_FULL_MESSAGE, isDiskFull } from '../db/storage-errors';
import { findSource, listDueSources } from '../db/sources';
import { isReadable } from '../sources/authorization';
import { createWriteQueue } from '../db/write-queue';
import { readDistrictSettings } from '../settings/district-settings';
import { DEFAULT_FETCH_LIMITS } from './fetcher';
import type { ReadOutcome } from './read-feed';
import { refreshSource, type IngestDeps, type RefreshOutcome } from './refresh-source';

export interface PollOptions {
  /** Refresh just this source, due or not (but only while it may be read: authorized, review not overdue). */
  sourceId?: number;
  /** With sourceId: that feed as already read (before the source was added), so it is not fetched again. */
  read?: ReadOutcome;
  /**
   * Refresh these sources, due or not (claimed beforehand, as a queue message carries them); one suspended or
   * overdue for review since it was claimed is left out.
   */
  sourceIds?: number[];
  /** Most sources looked at in one pass; the rest wait for the next. */
  limit?: number;
}

export async function pollSources(deps: IngestDeps, options: PollOptions = {}): Promise<RefreshOutcome[]> {
  const settings = await readDistrictSettings(deps.db);
  const chosen = options.sourceIds ?? (options.sourceId !== undefined ? [options.sourceId] : undefined);
  const sources = chosen
    ? (await Promise.all(chosen.map((id) => findSource(deps.db, id))))
        .filter((s) => s !== undefined)
        .filter((s) => isReadable(s, deps.now()))
    : await listDueSources(deps.db, deps.now(), options.limit ?? 1000);
  // A feed takes one of the pass's download places only while it downloads, so downloading goes on while
  // earlier feeds are read; downloaded feeds wait to be read within a memory budget, and their writes wait
  // for the next group commit.
  const pass = {
    ...deps,
    writes: createWriteQueue(deps.db),
    limits: {
      downloads: createLimiter(settings.fetchConcurrency, DEFAULT_FETCH_LIMITS.connectionsPerHost),
      backlog: createByteBudget(BACKLOG_BYTES),
    },
  };
  return Promise.all(
    sources.map((source) =>
      refreshSource(
        pass,
        source,
        settings.pollIntervalMinutes,
        source.id === options.sourceId ? options.read : undefined,
      ).catch(async (error: unknown): Promise<RefreshOutcome> => {
        // A coordinator may remove a source while its feed is being read; its posts then have nowhere to go.
        if (!(await findSource(deps.db, source.id))) {
          deps.log.info('source removed while its feed was being read', { source: source.feedUrl });
          return {
            sourceId: source.id,
            status: 'failed',
            message: 'The source was removed while its feed was being read.',
            paused: false,
          };
        }
        if (isDiskFull(error)) {
          // Nothing of the feed was stored (SQLite rolled the batch back) and the source was not marked read,
          // so the next check reads it again.
          deps.log.error(
            'the disk is full: the posts of this feed were not saved, and it is read again at the next check',
            {
              source: source.feedUrl,
            },
          );
          return {
            sourceId: source.id,
            status: 'failed',
            message: DISK_FULL_MESSAGE,
            paused: false,
          };
        }
        deps.log.error('refreshing a source failed unexpectedly', { source: source.feedUrl, error });
        return {
          sourceId: source.id,
          status: 'failed',
          message: 'An internal error stopped this feed check.',
          paused: false,
        };
      }),
    ),
  );
}

/**
 * Downloaded feeds waiting to be read are held to this many bytes (a larger feed waits to be alone): enough to
 * keep the worker busy through a WAL checkpoint on this thread, small enough that downloads stay just ahead
 * of reading instead of finishing early and leaving the worker alone at the end (measured: 2 MiB was faster
 * than 8 and 16 MiB with bench/ingest.ts).
 */
export const BACKLOG_BYTES = 2 * 1024 * 1024;

/** How the feeds of one polling pass share it. */
export interface PassLimits {
  /**
   * Feeds downloading at once, keyed by host: the district's fetch concurrency in all, and as many per host as
   * the fetcher opens connections to one. A feed waits for its host's turn here, before its download deadline
   * starts and without holding a place another host's feed could use.
   */
  downloads: Limiter;
  /** Bytes of downloaded feeds not yet read: what this process holds for them. */
  backlog: ByteBudget;
}

export interface Limiter {
  /**
   * Runs `work` once fewer than the limit are running, and fewer than the limit per key for its key (a feed's
   * host), in the order callers asked among those free to start.
   */
  run<R>(key: string, work: () => Promise<R>): Promise<R>;
}

export function createLimiter(limit: number, perKey = limit): Limiter {
  let running = 0;
  const runningByKey = new Map<string, number>();
  const waiting: { key: string; start(): void }[] = [];
  const mayStart = (key: string) => running < limit && (runningByKey.get(key) ?? 0) < perKey;
  const begin = (key: string) => {
    running++;
    runningByKey.set(key, (runningByKey.get(key) ?? 0) + 1);
  };
  const end = (key: string) => {
    running--;
    const left = runningByKey.get(key)! - 1;
    if (left > 0) runningByKey.set(key, left);
    else runningByKey.delete(key);
    // Places pass straight to the first waiting callers free to start, so no caller can overtake them. After
    // this, every caller still waiting is held by its key or by the limit.
    for (let i = 0; i < waiting.length && running < limit;) {
      const next = waiting[i]!;
      if (!mayStart(next.key)) {
        i++;
        continue;
      }
      waiting.splice(i, 1);
      begin(next.key);
      next.start();
    }
  };
  return {
    async run(key, work) {
      // Whoever waits is held by the limit or by a key, so a caller free to start now overtakes nobody.
      if (mayStart(key)) begin(key);
      else await new Promise<void>((start) => waiting.push({ key, start }));
      try {
        return await work();
      } finally {
        end(key);
      }
    },
  };
}

/**
 * Runs `work` on every input of a list, at most `limit` at a time, results in the list's order. It runs
 * `limit` loops rather than one createLimiter() call per input, so only `limit` promises wait however long the
 * list is (bench/send.ts hands it 100,000 addresses); createLimiter is for work that arrives on its own.
 */
export async function runWithConcurrency<T, R>(
  inputs: T[],
  limit: number,
  work: (input: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const index = next++;
      results[index] = await work(inputs[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
  return results;
}

export interface ByteBudget {
  /** Waits until `bytes` fit (or nothing else is held), first come first served; answers how to give them back. */
  take(bytes: number): Promise<() => void>;
}

export function createByteBudget(max: number): ByteBudget {
  let used = 0;
  const waiting: { bytes: number; admit(): void }[] = [];
  const fits = (bytes: number) => used === 0 || used + bytes <= max;
  return {
    async take(bytes) {
      if (waiting.length === 0 && fits(bytes)) used += bytes;
      else await new Promise<void>((admit) => waiting.push({ bytes, admit }));
      let held = true;
      return () => {
        if (!held) return;
        held = false;
        used -= bytes;
        while (waiting.length > 0 && fits(waiting[0]!.bytes)) {
          const next = waiting.shift()!;
          used += next.bytes;
          next.admit();
        }
      };
    },
  };
}
