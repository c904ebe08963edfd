// Ingestion benchmark: 1,000 feeds of 20 items served from 127.0.0.1, ingested into a fresh database with
// everything on, against a baseline measured in the same run: the same fetches with nothing parsed or stored
// (bench/ingest-run.ts does one run). Each run is a new process, so each is cold: a fresh database and no code
// compiled yet. On these shared machines one run's ratio moves by about ±15%, so several runs are made and
// their median is set against the targets. The run is compiled first, as scripts/build.mjs compiles the
// service (into .bench-build/, with its own processing thread), so what is measured is the code a district
// runs; --tsx runs it through tsx instead, as the service ran before it was compiled (and as benchmarks of
// commits from then must be run, to compare with them).
// Run: npx tsx bench/ingest.ts [feeds] [runs] [--tsx]
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { IngestRun } from './ingest-run';
import { median } from './median';

const { values, positionals } = parseArgs({ options: { tsx: { type: 'boolean' } }, allowPositionals: true });
const FEEDS = Number(positionals[0] ?? 1000);
const RUNS = Number(positionals[1] ?? 5);
const ROOT = join(import.meta.dirname, '..');

if (!values.tsx)
  execFileSync(
    process.execPath,
    ['scripts/build.mjs', '--outdir', '.bench-build', '--entry', 'ingest-run=bench/ingest-run.ts'],
    { cwd: ROOT, stdio: 'inherit' },
  );
const runArgs = values.tsx
  ? ['--import', 'tsx', join(ROOT, 'bench/ingest-run.ts')]
  : [join(ROOT, '.bench-build/ingest-run.mjs')];

const runs: IngestRun[] = [];
for (let n = 0; n < RUNS; n++) {
  const output = execFileSync(process.execPath, [...runArgs, String(FEEDS)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  runs.push(JSON.parse(output.trim().split('\n').pop()!) as IngestRun);
}

const mib = (bytes: number) => (bytes / 1048576).toFixed(0);
const ms = (value: number) => value.toFixed(0).padStart(6);
const ratio = (value: number) => value.toFixed(2).padStart(5);
const coldRatio = (run: IngestRun) => run.cold.ms / run.baselineCold.ms;
const conditionalRatio = (run: IngestRun) => run.conditional.ms / run.baselineConditional.ms;

const first = runs[0]!;
console.log(
  `${first.feeds} feeds × 20 items (${mib(first.bytes)} MiB of XML) from 50 local "hosts", concurrency ${first.concurrency}, ${first.workers} processing worker${first.workers === 1 ? '' : 's'} on ${first.cores} cores; ${first.items} items stored`,
);
console.log(
  `${RUNS} runs, each in a new process, ${values.tsx ? 'through tsx' : 'compiled as the service is'}`,
);
console.log('');
console.log('        cold pass (fetch vs full ingest)   all-304 pass (conditional)   peak RSS');
console.log('run     baseline ms  Yesterday ms  ratio   baseline ms  Yesterday ms  ratio   MB');
runs.forEach((run, n) =>
  console.log(
    `${String(n + 1).padEnd(5)}   ${ms(run.baselineCold.ms)}        ${ms(run.cold.ms)}  ${ratio(coldRatio(run))}   ${ms(run.baselineConditional.ms)}        ${ms(run.conditional.ms)}  ${ratio(conditionalRatio(run))}   ${mib(run.peakRss).padStart(3)}`,
  ),
);
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
const coldMedian = median(runs.map(coldRatio));
const conditionalMedian = median(runs.map(conditionalRatio));
const peak = Math.max(...runs.map((run) => run.peakRss));
console.log('');
console.log(`cold pass:    median ratio ${ratio(coldMedian)}, target ≤ 2.5: ${verdict(coldMedian <= 2.5)}`);
console.log(
  `all-304 pass: median ratio ${ratio(conditionalMedian)}, target ≤ 1.5: ${verdict(conditionalMedian <= 1.5)}`,
);
console.log(
  `peak RSS:     highest ${mib(peak)} MB (fetching alone: ${mib(Math.max(...runs.map((run) => run.baselineRss)))} MB), target ≤ 300 MB: ${verdict(peak <= 300 * 1048576)}`,
);
const starts = runs.flatMap((run) => (run.threadStart ? [run.threadStart] : []));
if (starts.length > 0)
  console.log(
    `processing thread start, before the pass: median ${median(starts.map((s) => s.ms)).toFixed(0)} ms, ${median(starts.map((s) => s.cpu)).toFixed(0)} ms of CPU`,
  );
console.log('');
if (runs.some((r) => r.coldThreads.main > 0))
  console.log(
    `CPU ms of the ingest cold pass by thread, medians: main ${median(runs.map((r) => r.coldThreads.main)).toFixed(0)}, processing ${median(runs.map((r) => r.coldThreads.processing)).toFixed(0)}, V8's and libuv's helpers ${median(runs.map((r) => r.coldThreads.helpers)).toFixed(0)}`,
  );
console.log(
  `CPU ms of the benchmark process (all threads) / feed server, medians: baseline cold ${median(runs.map((r) => r.baselineCold.cpu)).toFixed(0)} / ${median(runs.map((r) => r.baselineCold.serverCpu)).toFixed(0)}, ingest cold ${median(runs.map((r) => r.cold.cpu)).toFixed(0)} / ${median(runs.map((r) => r.cold.serverCpu)).toFixed(0)}`,
);
