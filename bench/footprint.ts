// Footprint benchmark: what a district's small server feels. (1) One command answering: the median of five
// `yesterday settings:get` runs against, in the same run, a bare `node -e` that opens the same SQLite file and
// reads one row (target: at most 4×, and under half a second on a quiet machine). (2) `yesterday serve`'s
// resident memory 5 s after start on an empty database (target: at most 100 MB).
// Run: npx tsx bench/footprint.ts [runs]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../test/test-app';
import { median } from './median';

const RUNS = Number(process.argv[2] ?? 5);
const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/yesterday.mjs');
const dir = mkdtempSync(join(tmpdir(), 'yesterday-footprint-'));
const env = {
  PATH: process.env.PATH,
  DATABASE_PATH: join(dir, 'yesterday.db'),
  OUTBOX_DIR: join(dir, 'outbox'),
  LOG_LEVEL: 'silent',
};

function timed(command: string, args: string[]): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(command, args, { cwd: ROOT, env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr}`);
  return ms;
}

// The database exists and is migrated before anything is timed, so both sides open the same file.
timed(process.execPath, [BIN, 'migrate']);
const bare = `const D = require(${JSON.stringify(join(ROOT, 'node_modules/better-sqlite3'))}); const db = new D(process.env.DATABASE_PATH); db.pragma('journal_mode = WAL'); db.prepare('select 1').get(); db.close();`;

const cli: number[] = [];
const baseline: number[] = [];
for (let n = 0; n < RUNS; n++) {
  baseline.push(timed(process.execPath, ['-e', bare]));
  cli.push(timed(process.execPath, [BIN, 'settings:get']));
}
const cliMs = median(cli);
const bareMs = median(baseline);
console.log(
  `settings:get: median ${cliMs.toFixed(0)} ms; bare node opening the same file: ${bareMs.toFixed(0)} ms; ratio ${(cliMs / bareMs).toFixed(2)}× (target ≤ 4×, and < 500 ms on a quiet machine)`,
);

// serve on an empty database, 5 s after it says it is listening.
const fresh = mkdtempSync(join(tmpdir(), 'yesterday-footprint-serve-'));
const server = spawn(process.execPath, [BIN, 'serve'], {
  cwd: ROOT,
  env: {
    ...env,
    DATABASE_PATH: join(fresh, 'yesterday.db'),
    OUTBOX_DIR: join(fresh, 'outbox'),
    PORT: String(await freePort()),
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((resolveStarted, reject) => {
  let out = '';
  server.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.includes('is running at')) resolveStarted();
  });
  server.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
});
await new Promise((r) => setTimeout(r, 5000));
const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1]);
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
console.log(
  `serve: ${(rssKb / 1024).toFixed(0)} MB resident 5 s after start, empty database (target ≤ 100 MB)`,
);
rmSync(dir, { recursive: true, force: true });
rmSync(fresh, { recursive: true, force: true });
