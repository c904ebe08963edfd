// One cold run of the ingestion benchmark (bench/ingest.ts runs several, each in a new process, and reports
// them): 1,000 feeds of 20 items served from 127.0.0.1 by a separate process, ingested into a fresh database
// with everything on (guarded fetch, decode, parse, normalize, sanitize, store). Baseline, in the same run and
// with the same fetcher and concurrency: the same 1,000 fetches, bodies read, nothing parsed or stored; then
// the conditional pass of both (all 304). Prints its figures as one line of JSON.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { makeAllSourcesDue } from '../src/db/sources';
import { migrateSqlite, openSqlite } from '../src/db/sqlite-node';
import { availableParallelism } from 'node:os';
import { createNodeFetcher } from '../src/ingest/fetch-feed-node';
import { createProcessPool } from '../src/ingest/process-pool-node';
import type { FetchOutcome } from '../src/ingest/fetcher';
import { pollSources, runWithConcurrency } from '../src/ingest/poll';
import { silentLogger } from '../src/log';
import { changeSetting } from '../src/settings/district-settings';
import { importSources } from '../src/sources/import-sources';
import { PROJECT_ROOT } from '../src/project-root';

const FEEDS = Number(process.argv[2] ?? 1000);
const CONCURRENCY = 16;

const child = spawn(
  process.execPath,
  // The schools' web servers are a stand-in of the benchmark's own, so it runs through tsx in either case.
  ['--import', 'tsx', join(PROJECT_ROOT, 'bench/feed-server.ts'), String(FEEDS), '50'],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const ready = JSON.parse(
  await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve)),
) as { urls: string[]; bytes: number };
const feedUrls = Array.from({ length: FEEDS }, (_, n) => `${ready.urls[n % ready.urls.length]}/feed/${n}`);

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 20);
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
/**
 * User and system CPU ms of a process or thread from its /proc stat file (Linux; clock ticks of 10 ms). Throws
 * where there is none: not Linux, or the process or thread has ended.
 */
const statCpuMs = (path: string) => {
  const stat = readFileSync(path, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
};
/** CPU time of the feed server, to see how much of the two cores it takes. */
const serverCpuMs = () => {
  try {
    return statCpuMs(`/proc/${child.pid}/stat`);
  } catch {
    return NaN;
  }
};
/**
 * CPU time of each of this process's threads, by thread id (empty where /proc is not): to see what
 * the pass costs the main thread, the processing thread and V8's own helper threads (garbage collection,
 * compiling) apart.
 */
const threadCpuMs = (): Map<string, number> => {
  const byThread = new Map<string, number>();
  let tids: string[] = [];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return byThread; // not Linux: the figures are left out
  }
  for (const tid of tids) {
    try {
      byThread.set(tid, statCpuMs(`/proc/self/task/${tid}/stat`));
    } catch {
      // The thread ended while the list was read.
    }
  }
  return byThread;
};
const time = async <T>(work: () => Promise<T>) => {
  const started = performance.now();
  const cpuBefore = cpuMs();
  const serverBefore = serverCpuMs();
  const result = await work();
  return {
    ms: performance.now() - started,
    cpu: cpuMs() - cpuBefore,
    serverCpu: serverCpuMs() - serverBefore,
    result,
  };
};

// Baseline: the same fetcher, the same concurrency, bodies read and dropped.
const baselineFetcher = createNodeFetcher({ publicUrl: 'https://bench.example', allowPrivateNetworks: true });
const etags: (string | null)[] = [];
const baselineCold = await time(() =>
  runWithConcurrency(feedUrls, CONCURRENCY, async (url) => {
    const outcome: FetchOutcome = await baselineFetcher.fetch({ url });
    if (outcome.status !== 'fetched') throw new Error(`baseline fetch failed: ${JSON.stringify(outcome)}`);
    return outcome.etag;
  }),
);
etags.push(...baselineCold.result);
const baselineConditional = await time(() =>
  runWithConcurrency(feedUrls, CONCURRENCY, async (url) => {
    const outcome = await baselineFetcher.fetch({ url, etag: etags[feedUrls.indexOf(url)] });
    if (outcome.status !== 'not-modified') throw new Error('baseline conditional fetch was not a 304');
  }),
);
await baselineFetcher.close();
const baselineRss = peakRss;

// Yesterday: a fresh database, 1,000 sources, everything on.
const dir = mkdtempSync(join(tmpdir(), 'yesterday-bench-'));
const sqlite = openSqlite(join(dir, 'bench.db'));
migrateSqlite(sqlite);
const db = sqlite.database;
let now = Date.parse('2026-11-21T15:00:00Z');
await changeSetting(db, 'fetch_concurrency', String(CONCURRENCY), now);
const imported = await importSources(
  db,
  feedUrls.map((url, n) => ({
    url,
    title: null,
    siteUrl: null,
    school: `School ${n % 50}`,
    ownerName: null,
    ownerEmail: null,
    mediaRelease: true,
  })),
  { actor: { type: 'cli', label: 'bench' }, now },
);
if (!imported.ok) throw new Error(imported.problems.join('\n'));
const fetcher = createNodeFetcher({ publicUrl: 'https://bench.example', allowPrivateNetworks: true });
const threadsBeforePool = new Set(threadCpuMs().keys());
const WORKERS = Number(process.env.WORKERS ?? Math.max(1, availableParallelism() - 1));
const pool = WORKERS > 0 ? createProcessPool({ size: WORKERS, log: silentLogger }) : undefined;
// A server starts its processing thread with the first feed after it has been idle. Here it is started just
// before the pass and timed apart, as it was when the service ran through tsx, whose loader made a thread's
// start cost far more than the pass's share of it; the figure is printed beside the pass.
const threadStart = pool
  ? await time(() =>
      pool.process({
        body: new TextEncoder().encode('<rss version="2.0"><channel><title>t</title></channel></rss>'),
        contentType: null,
        finalUrl: 'https://bench.example/',
        now,
      }),
    )
  : undefined;
const deps = { db, fetcher, now: () => now, log: silentLogger, process: pool?.process };
const threadsBefore = threadCpuMs();
const cold = await time(() => pollSources(deps, { limit: FEEDS }));
const threadsAfter = threadCpuMs();
// Threads that appeared with the pool are its processing threads; the rest but this one are V8's and libuv's.
// (Run through tsx, its loader's threads are counted too, one among the helpers and two among the processing
// threads; they take no measurable CPU in the pass.)
const spent = (tid: string) => (threadsAfter.get(tid) ?? 0) - (threadsBefore.get(tid) ?? 0);
const coldThreads = { main: spent(String(process.pid)), processing: 0, helpers: 0 };
for (const tid of threadsAfter.keys())
  if (tid === String(process.pid)) continue;
  else if (threadsBeforePool.has(tid)) coldThreads.helpers += spent(tid);
  else coldThreads.processing += spent(tid);
const failed = cold.result.filter((o) => o.status !== 'updated');
if (failed.length) throw new Error(`${failed.length} feeds failed: ${JSON.stringify(failed[0])}`);
const items = sqlite.sqlite.prepare('select count(*) as n from items').get() as { n: number };
now += 60 * 60_000;
await makeAllSourcesDue(db, now);
const conditional = await time(() => pollSources(deps, { limit: FEEDS }));
if (conditional.result.some((o) => o.status !== 'not-modified'))
  throw new Error('second pass was not all 304');
await fetcher.close();
await pool?.close();
clearInterval(sampler);
child.kill();
sqlite.close();
rmSync(dir, { recursive: true, force: true });

/** What one run prints, as one line of JSON. */
export interface IngestRun {
  feeds: number;
  bytes: number;
  concurrency: number;
  workers: number;
  cores: number;
  items: number;
  baselineCold: { ms: number; cpu: number; serverCpu: number };
  cold: { ms: number; cpu: number; serverCpu: number };
  /** CPU ms of the cold pass by thread (Linux): this one, the pool's, and V8's and libuv's helpers. */
  coldThreads: { main: number; processing: number; helpers: number };
  baselineConditional: { ms: number };
  conditional: { ms: number };
  peakRss: number;
  baselineRss: number;
  /** Starting the processing thread, before the pass; null with no thread. */
  threadStart: { ms: number; cpu: number } | null;
}

const run: IngestRun = {
  feeds: FEEDS,
  bytes: ready.bytes,
  concurrency: CONCURRENCY,
  workers: WORKERS,
  cores: availableParallelism(),
  items: items.n,
  baselineCold: { ms: baselineCold.ms, cpu: baselineCold.cpu, serverCpu: baselineCold.serverCpu },
  cold: { ms: cold.ms, cpu: cold.cpu, serverCpu: cold.serverCpu },
  coldThreads,
  baselineConditional: { ms: baselineConditional.ms },
  conditional: { ms: conditional.ms },
  peakRss,
  baselineRss,
  threadStart: threadStart ? { ms: threadStart.ms, cpu: threadStart.cpu } : null,
};
console.log(JSON.stringify(run));
