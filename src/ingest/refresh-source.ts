// Runs the ingestion stages for one source: fetch → decode → parse → normalize (sanitizing last) → store,
// then records the source's health and when to look again. Failures become plain sentences on the source.
import type { Database } from '../db/client';
import { findKnownGuids, upsertItemStatements } from '../db/items';
import {
  fetchSuccessStatement,
  recordFetchFailure,
  recordPermanentRedirect,
  type Source,
} from '../db/sources';
import type { Logger } from '../log';
import { directWrites, type WriteQueue } from '../db/write-queue';
import { detectPlatform } from './detect-platform';
import { MAX_CACHE_MS, type FeedFetcher } from './fetcher';
import type { PassLimits } from './poll';
import { readFeed, type FeedProcessor, type ReadOutcome } from './read-feed';

export interface IngestDeps {
  db: Database;
  fetcher: FeedFetcher;
  now: () => number;
  log: Logger;
  /** Where a refresh's writes go; a polling pass shares one queue so feeds finishing together commit together. */
  writes?: WriteQueue;
  /** Runs the stages after the fetch; in-process unless the runtime offers worker threads. */
  process?: FeedProcessor;
  /** How a polling pass shares downloads and memory between its feeds. */
  limits?: PassLimits;
}

export type RefreshOutcome =
  | { sourceId: number; status: 'updated'; items: number; newItems: number; warnings: string[] }
  | { sourceId: number; status: 'not-modified' }
  | { sourceId: number; status: 'failed'; message: string; paused: boolean };

/** Consecutive failures after which a source stops being polled until someone presses "Retry now". */
export const PAUSE_AFTER_FAILURES = 10;

export async function refreshSource(
  deps: IngestDeps,
  source: Source,
  intervalMinutes: number,
  /** The feed as read just now for this source (when it was read before being added), so it is not fetched twice. */
  alreadyRead?: ReadOutcome,
): Promise<RefreshOutcome> {
  const { db } = deps;
  const read =
    alreadyRead ??
    (await readFeed(
      deps.fetcher,
      { url: source.feedUrl, etag: source.etag, lastModified: source.lastModified },
      deps.now,
      deps.process,
      deps.limits,
    ));
  const now = deps.now();
  if (read.status === 'failed') return fail(deps, source, read.message, intervalMinutes, read.retryAfterMs);

  await recordPermanentRedirect(db, source, read.fetched.movedTo, now);
  if (read.status === 'not-modified') {
    // No body, so the feed's <ttl> is the one its last full read stored.
    const nextFetchAt = nextCheck(now, intervalMinutes, freshFor(read.fetched.maxAgeMs, source.ttlMinutes));
    await fetchSuccessStatement(
      db,
      source.id,
      { etag: source.etag, lastModified: source.lastModified, ttlMinutes: source.ttlMinutes, nextFetchAt },
      now,
    );
    return { sourceId: source.id, status: 'not-modified' };
  }

  const { feed, items, fetched } = read;
  // A source never read before has no posts yet (they are stored only with a successful read): all are new.
  const known =
    source.lastSuccessAt === null
      ? new Set<string>()
      : await findKnownGuids(
          db,
          source.id,
          items.map((item) => item.guid),
        );
  await (deps.writes ?? directWrites(db)).write([
    ...upsertItemStatements(db, source.id, items, now),
    fetchSuccessStatement(
      db,
      source.id,
      {
        etag: fetched.etag,
        lastModified: fetched.lastModified,
        title: feed.title ?? null,
        siteUrl: feed.siteUrl ?? null,
        platform: detectPlatform(source.feedUrl, feed.generator),
        ttlMinutes: feed.ttlMinutes ?? null,
        warnings: feed.warnings,
        nextFetchAt: nextCheck(now, intervalMinutes, freshFor(fetched.maxAgeMs, feed.ttlMinutes)),
      },
      now,
    ),
  ]);
  if (feed.warnings.length)
    deps.log.warn('feed read with warnings', { source: source.feedUrl, warnings: feed.warnings });
  return {
    sourceId: source.id,
    status: 'updated',
    items: items.length,
    newItems: items.filter((item) => !known.has(item.guid)).length,
    warnings: feed.warnings,
  };
}

async function fail(
  deps: IngestDeps,
  source: Source,
  message: string,
  intervalMinutes: number,
  retryAfterMs?: number,
): Promise<RefreshOutcome> {
  const now = deps.now();
  const failures = source.errorCount + 1;
  const backoff = Math.min(intervalMinutes * 60_000 * 2 ** Math.min(failures - 1, 10), MAX_CACHE_MS);
  const pause = failures >= PAUSE_AFTER_FAILURES;
  await recordFetchFailure(
    deps.db,
    source.id,
    { message, nextFetchAt: now + Math.max(backoff, retryAfterMs ?? 0), pause },
    now,
  );
  // A failure now and then is a blog down for a while; a feed paused for failing is for a person to look at.
  if (pause)
    deps.log.warn('feed paused after repeated failures', { source: source.feedUrl, failures, message });
  else deps.log.info('feed check failed', { source: source.feedUrl, failures, message });
  return { sourceId: source.id, status: 'failed', message, paused: pause };
}

/** How long the feed says it stays fresh: its Cache-Control max-age or its RSS <ttl>, whichever is longer. */
function freshFor(maxAgeMs: number | undefined, ttlMinutes: number | null | undefined): number {
  return Math.max(maxAgeMs ?? 0, (ttlMinutes ?? 0) * 60_000);
}

/** The poll interval, stretched to what the feed says about its freshness (max a day), with ±10% jitter. */
export function nextCheck(
  now: number,
  intervalMinutes: number,
  freshForMs: number | undefined,
  random = Math.random,
): number {
  const base = Math.max(intervalMinutes * 60_000, Math.min(freshForMs ?? 0, MAX_CACHE_MS));
  const jitter = base * 0.1 * (random() * 2 - 1);
  return Math.round(now + base + jitter);
}

/** The outcome of one feed check as a sentence for the coordinator. */
export function describeRefresh(outcome: RefreshOutcome): string {
  if (outcome.status === 'not-modified') return 'The feed has not changed since it was last read.';
  if (outcome.status === 'failed')
    return outcome.paused ? `${outcome.message} The source is now paused.` : outcome.message;
  const posts = outcome.items === 1 ? '1 post' : `${outcome.items} posts`;
  return `Read ${posts}, ${outcome.newItems} new.${outcome.warnings.length ? ` ${outcome.warnings.join(' ')}` : ''}`;
}
