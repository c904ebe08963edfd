// Serving benchmark: what a digest morning asks of the public side. A 20-entry digest is published, then
// /feed.xml and /digests/DATE are hit by wrk (50 connections, bounded in time) from `yesterday serve` running
// as operators run it (its own process, WEB_PROCESSES web processes), and, as the baseline in the same run,
// the very same bytes as static files from nginx with as many worker processes. Twice: as plain bytes, and
// gzipped as browsers and feed readers ask for them (nginx serving our compressed bytes with gzip_static).
// Prints requests per second, p99 latency and the ratio to nginx, once for each process count (by default 1
// and one per CPU core); then how long publishing a second 20-entry digest through the API takes to reach
// the page, the feeds and the embed that every web process had cached.
// Needs Debian's wrk and nginx (apt-get install -y wrk nginx-light).
// Run: npx tsx bench/serve.ts [seconds] [process counts, e.g. 1 2 4]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApiToken } from '../src/auth/api-tokens';
import { cliActor } from '../src/db/audit';
import { deskDepsOf, publishDesk, saveDesk, type DeskActor } from '../src/curate/desk';
import { listItemsPublishedBetween } from '../src/db/items';
import { parseConfig } from '../src/config';
import { createNodeRuntime } from '../src/entry/node';
import { silentLogger } from '../src/log';
import { addSchoolWithSource, item, storeItems } from '../test/fixtures';
import { freePort } from '../test/test-app';
import { addDays, dayRange, localDateOf } from '../src/time/zoned-time';

const SECONDS = Number(process.argv[2] ?? 8);
const PROCESS_COUNTS =
  process.argv.length > 3 ? process.argv.slice(3).map(Number) : [...new Set([1, availableParallelism()])];
const CONNECTIONS = 50;
const BIN = resolve(import.meta.dirname, '../bin/yesterday.mjs');

for (const [tool, pkg] of [
  ['wrk', 'wrk'],
  ['nginx', 'nginx-light'],
] as const) {
  if (spawnSync('sh', ['-c', `command -v ${tool} || test -x /usr/sbin/${tool}`]).status !== 0) {
    console.error(`${tool} is needed for this benchmark: apt-get install -y ${pkg}`);
    process.exit(2);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'yesterday-serve-'));
const port = await freePort();
const env = {
  PORT: String(port),
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  DATABASE_PATH: join(dir, 'y.db'),
  OUTBOX_DIR: join(dir, 'outbox'),
  LOG_LEVEL: 'warn',
};
const editor: DeskActor = { type: 'cli', label: 'bench', role: 'admin', userId: null };
const timezone = 'America/Chicago';
const today = localDateOf(Date.now(), timezone);
const first = addDays(today, -2);
const second = addDays(today, -1);

// The district: two days of twenty posts with pictures and text from four schools, each day's draft saved,
// the first published; and a token for the API, the way the second is published while the server runs.
const runtime = await createNodeRuntime(parseConfig(env), { processWorkers: 0, log: silentLogger });
const db = runtime.deps.db;
for (const [date, tag] of [
  [first, 'a'],
  [second, 'b'],
] as const) {
  const { start, end } = dayRange(date, timezone);
  for (let s = 0; s < 4; s++) {
    const { source } = await addSchoolWithSource(
      db,
      `School ${s + 1}`,
      `https://school${s + 1}.example/${tag}/feed`,
    );
    await storeItems(
      db,
      source.id,
      Array.from({ length: 5 }, (_, n) =>
        item({
          guid: `${tag}-${s}-${n}`,
          title: `${tag} post ${n + 1} from school ${s + 1}: a morning of measuring, reading and building`,
          publishedAt: start + (9 + n) * 3600_000 + s * 60_000,
          summary:
            'The class spent the morning estimating, measuring and comparing, then wrote up what they found in their notebooks and shared it with the room.',
          imageUrl: `https://school${s + 1}.example/${tag}/${n}.jpg`,
          imageAlt: 'Notebooks open on a table',
        }),
      ),
    );
  }
  const posts = await listItemsPublishedBetween(db, start, end);
  await saveDesk(deskDepsOf(runtime.deps), editor, date, {
    intro: `Twenty moments from ${date}.`,
    entries: posts.map((p) => ({ itemId: p.id })),
  });
}
await publishDesk(deskDepsOf(runtime.deps), editor, first);
const { token } = await createApiToken(db, { name: 'bench', role: 'admin' }, cliActor, Date.now());
await runtime.close();

/** `yesterday serve` as an operator starts it; resolves once it says it is running. */
async function startYesterday(processes: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: { PATH: process.env.PATH, ...env, WEB_PROCESSES: String(processes) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  await new Promise<void>((ready, fail) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Yesterday is running')) ready();
    });
    child.once('exit', (code) => fail(new Error(`serve exited with ${code}: ${output}`)));
  });
  return child;
}
const stopped = (child: ChildProcess) =>
  new Promise<void>((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });

const base = `http://127.0.0.1:${port}`;
const targets = [
  { name: '/feed.xml', path: '/feed.xml', file: 'feed.xml' },
  { name: `/digests/${first}`, path: `/digests/${first}`, file: 'digest.html' },
];

/**
 * The status and body exactly as sent for these request headers (fetch would add Accept-Encoding and
 * decompress), on a new connection each time, so successive calls reach each web process in turn.
 */
const get = (url: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; body: Buffer }>((resolve, reject) =>
    httpGet(url, { headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body: Buffer.concat(chunks) }));
    }).on('error', reject),
  );

// nginx serves the same bytes from files, plain and gzipped (gzip_static picks file.gz).
const www = join(dir, 'www');
mkdirSync(www);
{
  const yesterday = await startYesterday(1);
  for (const target of targets) {
    const { body } = await get(base + target.path);
    const { body: gzipped } = await get(base + target.path, { 'accept-encoding': 'gzip' });
    writeFileSync(join(www, target.file), body);
    writeFileSync(join(www, `${target.file}.gz`), gzipped);
    console.log(`${target.name}: ${body.length} bytes, ${gzipped.length} gzipped`);
  }
  await stopped(yesterday);
}

function startNginx(workers: number, nginxPort: number): ChildProcess {
  const conf = join(dir, `nginx-${workers}.conf`);
  writeFileSync(
    conf,
    `worker_processes ${workers};
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types { application/rss+xml xml; text/html html; }
  gzip_static on;
  server { listen 127.0.0.1:${nginxPort}; root ${www}; etag on; }
}
`,
  );
  const bin = spawnSync('sh', ['-c', 'command -v nginx || echo /usr/sbin/nginx']).stdout.toString().trim();
  return spawn(bin, ['-c', conf, '-p', dir], { stdio: 'inherit' });
}

// A second reference: Node's own http module answering the same bytes from memory, with nothing else to do,
// in as many processes. It shows how much of the gap to nginx is the runtime's and how much is ours.
function startBareNode(processes: number, barePort: number): ChildProcess {
  const script = join(dir, 'bare-node.cjs');
  writeFileSync(
    script,
    `const cluster = require('cluster');
if (cluster.isPrimary) {
  for (let n = 0; n < ${processes}; n++) cluster.fork();
  process.on('SIGTERM', () => { for (const worker of Object.values(cluster.workers)) worker.kill(); process.exit(0); });
} else {
  const fs = require('fs');
  const read = (f) => [fs.readFileSync(${JSON.stringify(www)} + '/' + f), fs.readFileSync(${JSON.stringify(www)} + '/' + f + '.gz')];
  const files = { '/feed.xml': ['application/rss+xml', ...read('feed.xml')], '/digest.html': ['text/html; charset=utf-8', ...read('digest.html')] };
  require('http').createServer((req, res) => {
    const f = files[req.url];
    const gz = f && /gzip/.test(req.headers['accept-encoding'] || '');
    const body = f ? f[gz ? 2 : 1] : undefined;
    res.writeHead(f ? 200 : 404, { 'content-type': f ? f[0] : 'text/plain', 'content-length': body ? body.length : 0, ...(gz ? { 'content-encoding': 'gzip' } : {}) });
    res.end(body);
  }).listen(${barePort}, '127.0.0.1');
}
`,
  );
  return spawn(process.execPath, [script], { stdio: 'inherit' });
}

interface Load {
  rps: number;
  p99ms: number;
  errors: string;
}

function wrk(url: string, seconds: number, gzip: boolean): Promise<Load> {
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', [
      '-t2',
      `-c${CONNECTIONS}`,
      `-d${seconds}s`,
      '--latency',
      ...(gzip ? ['-H', 'Accept-Encoding: gzip'] : []),
      url,
    ]);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
      const p99 = /\s99%\s+([\d.]+)(us|ms|s)/.exec(out);
      const unit = { us: 0.001, ms: 1, s: 1000 }[(p99?.[2] ?? 'ms') as 'us' | 'ms' | 's'];
      const errors = /Non-2xx or 3xx responses: \d+|Socket errors: .*/.exec(out)?.[0] ?? 'none';
      resolve({ rps, p99ms: Number(p99?.[1]) * unit, errors });
    });
  });
}

const show = (load: Load) =>
  `${load.rps.toFixed(0).padStart(6)} req/s p99 ${load.p99ms.toFixed(1).padStart(5)} ms`;
for (const processes of PROCESS_COUNTS) {
  const nginxPort = await freePort();
  const barePort = await freePort();
  const yesterday = await startYesterday(processes);
  const nginx = startNginx(processes, nginxPort);
  const bare = startBareNode(processes, barePort);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  console.log(
    `\nWEB_PROCESSES=${processes}; nginx: ${processes} worker${processes > 1 ? 's' : ''}, the same bytes as static files; bare node: http.createServer in ${processes} process${processes > 1 ? 'es' : ''} answering the same bytes from memory. wrk, ${CONNECTIONS} connections, ${SECONDS} s each after a 2 s warm-up\n`,
  );
  for (const gzip of [false, true])
    for (const target of targets) {
      const urls = {
        ours: base + target.path,
        nginx: `http://127.0.0.1:${nginxPort}/${target.file}`,
        bare: `http://127.0.0.1:${barePort}/${target.file}`,
      };
      for (const url of Object.values(urls)) await wrk(url, 2, gzip);
      const ours = await wrk(urls.ours, SECONDS, gzip);
      const nginxLoad = await wrk(urls.nginx, SECONDS, gzip);
      const bareLoad = await wrk(urls.bare, SECONDS, gzip);
      const label = `${target.name}${gzip ? ' gzip' : ''}`;
      console.log(
        `${label.padEnd(25)} yesterday ${show(ours)} | nginx ${show(nginxLoad)} | bare node ${show(bareLoad)}`,
      );
      console.log(
        `${''.padEnd(25)} ratio to nginx ${(ours.rps / nginxLoad.rps).toFixed(2)}× (target ≥ 0.50), to bare node ${(ours.rps / bareLoad.rps).toFixed(2)}×; p99 ${ours.p99ms < 20 ? 'under' : 'OVER'} 20 ms${ours.errors !== 'none' ? `; errors: ${ours.errors}` : ''}`,
      );
    }
  nginx.kill('SIGTERM');
  bare.kill('SIGTERM');
  if (processes !== PROCESS_COUNTS.at(-1)) await stopped(yesterday);
  else {
    // Freshness, with the last process count still running: everything public is cached in every web
    // process; an editor publishes the second digest through the API; how long until all of it shows?
    const watched = [
      '/',
      `/digests/${second}`,
      '/feed.xml',
      '/feed.atom',
      '/feed.json',
      '/embed',
      '/sitemap.xml',
    ];
    // Fresh connections go to each web process in turn, so every process caches every page.
    for (let n = 0; n < processes * 2; n++) for (const path of watched) await get(base + path);
    const started = performance.now();
    const response = await fetch(`${base}/api/v1/digests/${second}/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    if (response.status !== 200) throw new Error(`publishing failed: ${await response.text()}`);
    const published = performance.now();
    const pending = new Set(watched);
    while (pending.size) {
      for (const path of [...pending]) {
        // Show only when every process shows it.
        let everywhere = true;
        for (let n = 0; n < processes; n++) {
          const { status, body } = await get(base + path);
          everywhere &&= status === 200 && body.toString().includes(second);
        }
        if (everywhere) pending.delete(path);
      }
    }
    const done = performance.now();
    console.log(
      `\npublishing a 20-entry digest through the API (WEB_PROCESSES=${processes}): ${(published - started).toFixed(0)} ms to publish, ${(done - started).toFixed(0)} ms until ${watched.join(', ')} all show it in every web process (target < 1000 ms)`,
    );
    await stopped(yesterday);
  }
}

rmSync(dir, { recursive: true, force: true });
