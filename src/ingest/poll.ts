// Polls the sources that are due (or one chosen source), a bounded number at a time across all hosts.
import { findSource, listDueSources } from '../db/sources';
import { createWriteQueue } from '../db/write-queue';
import { readDistrictSettings } from '../settings/district-settings';
import { refreshSource, type IngestDeps, type RefreshOutcome } from './refresh-source';

export interface PollOptions {
  /** Refresh just this source, due or not. */
  sourceId?: number;
  /** Refresh these sources, due or not (claimed beforehand, as a queue message carries them). */
  sourceIds?: number[];
  /** Most sources looked at in one pass; the rest wait for the next. */
  limit?: number;
}

export async function pollSources(deps: IngestDeps, options: PollOptions = {}): Promise<RefreshOutcome[]> {
  const settings = await readDistrictSettings(deps.db);
  const chosen = options.sourceIds ?? (options.sourceId !== undefined ? [options.sourceId] : undefined);
  const sources = chosen
    ? (await Promise.all(chosen.map((id) => findSource(deps.db, id)))).filter((s) => s !== undefined)
    : await listDueSources(deps.db, deps.now(), options.limit ?? 1000);
  const pass = { ...deps, writes: createWriteQueue(deps.db) };
  return runWithConcurrency(sources, settings.fetchConcurrency, (source) =>
    refreshSource(pass, source, settings.pollIntervalMinutes).catch((error: unknown): RefreshOutcome => {
      deps.log.error('refreshing a source failed unexpectedly', { source: source.feedUrl, error });
      return {
        sourceId: source.id,
        status: 'failed',
        message: 'An internal error stopped this feed check.',
        paused: false,
      };
    }),
  );
}

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
