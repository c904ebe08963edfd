// Serving benchmark: what a digest morning asks of the public side. A 20-entry digest is published, then
// /feed.xml and /digests/DATE are hit by wrk (50 connections, bounded in time) from `yesterday serve` as
// operators run it (the compiled build in its own process), and, as the baseline in the same run, from a bare
// @hono/node-server answering the very same bytes (headers and body) from memory with nothing else to do;
// nginx serving them as static files is a second reference. Twice: as plain bytes, and gzipped as browsers
// and feed readers ask for them. The servers take turns, three rounds each, and the medians are printed: requests per second, p99
// latency and the ratio to the bare server (target ≥ 0.8, p99 under 50 ms). On a machine shared with other
// work those swing with the neighbours, so requests per CPU-second of each server process (from /proc) are
// printed too, a ratio that does not depend on how much of the machine each run got. Then how long
// publishing a second digest through the API takes to reach every public page.
// Needs `npm run build` first, and Debian's wrk (apt-get install -y wrk); nginx-light for the reference.
// Run: npx tsx bench/serve.ts [seconds] [--bin PATH/TO/bin/yesterday.mjs, to measure another checkout]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApiToken } from '../src/auth/api-tokens';
import { cliActor } from '../src/db/audit';
import { deskDepsOf, publishDesk, saveDesk, type DeskActor } from '../src/curate/desk';
import { listItemsPublishedBetween } from '../src/db/items';
import { parseConfig } from '../src/config';
import { createNodeRuntime } from '../src/entry/node';
import { silentLogger } from '../src/log';
import { addSchoolWithSource, item, storeItems } from '../test/fixtures';
import { median } from './median';
import { freePort } from '../test/test-app';
import { serveBody, startTestServer } from '../test/http-server';
import sharp from 'sharp';
import { addDays, dayRange, localDateOf } from '../src/time/zoned-time';

const { values, positionals } = parseArgs({ options: { bin: { type: 'string' } }, allowPositionals: true });
const SECONDS = Number(positionals[0] ?? 5);
const ROUNDS = 3;
const CONNECTIONS = 50;
const P99_TARGET_MS = 50;
const RATIO_TARGET = 0.8;
const BIN = resolve(values.bin ?? join(import.meta.dirname, '../bin/yesterday.mjs'));

if (spawnSync('sh', ['-c', 'command -v wrk']).status !== 0) {
  console.error('wrk is needed for this benchmark: apt-get install -y wrk');
  process.exit(2);
}
const NGINX = ['/usr/sbin/nginx', spawnSync('sh', ['-c', 'command -v nginx']).stdout.toString().trim()].find(
  (path) => path && existsSync(path),
);

const dir = mkdtempSync(join(tmpdir(), 'yesterday-serve-'));
const port = await freePort();
const env = {
  PORT: String(port),
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  DATABASE_PATH: join(dir, 'y.db'),
  OUTBOX_DIR: join(dir, 'outbox'),
  LOG_LEVEL: 'warn',
  // The schools' pictures come from a local server (below), as a district's teachers' sites would serve them.
  FETCH_ALLOW_PRIVATE_NETWORKS: 'true',
};
const editor: DeskActor = { type: 'cli', label: 'bench', role: 'admin', userId: null };
const timezone = 'America/Chicago';
const today = localDateOf(Date.now(), timezone);
const first = addDays(today, -2);
const second = addDays(today, -1);

// The district: two days of twenty posts with pictures and text from four schools, each day's draft saved,
// the first published; and a token for the API, the way the second is published while the server runs.
const pictures = await startTestServer();
const photo = await sharp({ create: { width: 1600, height: 1067, channels: 3, background: '#8a6d3b' } })
  .jpeg()
  .toBuffer();
for (const tag of ['a', 'b'])
  for (let s = 0; s < 4; s++)
    for (let n = 0; n < 5; n++)
      pictures.route(`/school${s + 1}/${tag}/${n}.jpg`, serveBody(photo, 'image/jpeg'));
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
          imageUrl: `${pictures.url}/school${s + 1}/${tag}/${n}.jpg`,
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
await pictures.close();

const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));

/** `yesterday serve` as an operator starts it; resolves once it says it is running. */
async function startYesterday(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd: resolve(BIN, '../..'), // its own project folder, whose settings an older checkout's loader reads
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
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
  {
    name: `/digests/${first}`,
    path: `/digests/${first}`,
    file: 'digest.html',
  },
];

/** The answer exactly as sent for these request headers (fetch would add Accept-Encoding and decompress). */
const get = (url: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) =>
    httpGet(url, { headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    }).on('error', reject),
  );
/** The headers Yesterday chose (Node's server adds Date and the connection's own to any answer). */
const chosenHeaders = (headers: IncomingHttpHeaders) =>
  Object.fromEntries(
    Object.entries(headers).filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name)),
  );

const yesterday = await startYesterday();
// The baselines send the bytes Yesterday sends, plain and gzipped, from files written here; the bare server
// sends its headers too, so the ratio is what Yesterday's own code costs, not its security headers.
const www = join(dir, 'www');
mkdirSync(www);
for (const target of targets) {
  const plain = await get(base + target.path);
  const gzipped = await get(base + target.path, { 'accept-encoding': 'gzip' });
  writeFileSync(join(www, target.file), plain.body);
  writeFileSync(join(www, `${target.file}.gz`), gzipped.body);
  writeFileSync(
    join(www, `${target.file}.headers.json`),
    JSON.stringify({ plain: chosenHeaders(plain.headers), gzip: chosenHeaders(gzipped.headers) }),
  );
  console.log(
    `${target.name}: ${plain.body.length} bytes, ${gzipped.body.length} gzipped, ${Object.keys(plain.headers).length} headers`,
  );
}

/** @hono/node-server with a fetch that picks the bytes by path and Accept-Encoding: no routing, no cache. */
function startBareHono(barePort: number): ChildProcess {
  const script = join(dir, 'bare-hono.mjs');
  const files = Object.fromEntries(targets.map((t) => [`/${t.file}`, join(www, t.file)]));
  writeFileSync(
    script,
    `import { readFileSync } from 'node:fs';
import { serve } from ${JSON.stringify(import.meta.resolve('@hono/node-server'))};
const files = {};
for (const [path, file] of Object.entries(${JSON.stringify(files)}))
  files[path] = { plain: readFileSync(file), gzip: readFileSync(file + '.gz'), headers: JSON.parse(readFileSync(file + '.headers.json', 'utf8')) };
serve({
  port: ${barePort},
  hostname: '127.0.0.1',
  fetch(request) {
    const url = request.url;
    const found = files[url.slice(url.indexOf('/', url.indexOf('//') + 2))];
    if (!found) return new Response('not found', { status: 404 });
    const gzip = /gzip/.test(request.headers.get('accept-encoding') ?? '');
    return new Response(gzip ? found.gzip : found.plain, { headers: gzip ? found.headers.gzip : found.headers.plain });
  },
});
`,
  );
  const child = spawn(process.execPath, [script], { stdio: 'inherit' });
  children.push(child);
  return child;
}

function startNginx(nginxPort: number): ChildProcess | undefined {
  if (!NGINX) return undefined;
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `worker_processes 1;
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
  const child = spawn(NGINX, ['-c', conf, '-p', dir], { stdio: 'inherit' });
  children.push(child);
  return child;
}

interface Load {
  rps: number;
  p99ms: number;
  requests: number;
  /** CPU seconds the server process spent during the run. */
  cpu: number;
  errors: string;
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK']).stdout.toString().trim()) || 100;
/** User and system CPU seconds of a process so far (Linux: /proc/PID/stat, fields 14 and 15). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

async function load(url: string, seconds: number, gzip: boolean, pid: number | undefined): Promise<Load> {
  const before = pid ? cpuSeconds(pid) : 0;
  const result = await wrk(url, seconds, gzip);
  return { ...result, cpu: pid ? cpuSeconds(pid) - before : Number.NaN };
}

function wrk(url: string, seconds: number, gzip: boolean): Promise<Omit<Load, 'cpu'>> {
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
      const requests = Number(/(\d+) requests in/.exec(out)?.[1]);
      resolve({ rps, p99ms: Number(p99?.[1]) * unit, requests, errors });
    });
  });
}

/** The median run's figures, and requests per CPU-second over all runs. */
function summary(loads: Load[]) {
  const requests = loads.reduce((sum, l) => sum + l.requests, 0);
  const cpu = loads.reduce((sum, l) => sum + l.cpu, 0);
  return {
    rps: median(loads.map((l) => l.rps)),
    p99ms: median(loads.map((l) => l.p99ms)),
    perCpuSecond: requests / cpu,
    errors: loads.map((l) => l.errors).find((e) => e !== 'none') ?? 'none',
  };
}
const show = ({ rps, p99ms, perCpuSecond }: ReturnType<typeof summary>) =>
  `${rps.toFixed(0).padStart(6)} req/s p99 ${p99ms.toFixed(1).padStart(5)} ms${Number.isNaN(perCpuSecond) ? '' : ` ${perCpuSecond.toFixed(0).padStart(6)} req/CPU-s`}`;

const barePort = await freePort();
const nginxPort = await freePort();
const bare = startBareHono(barePort);
const nginx = startNginx(nginxPort);
await new Promise((resolve) => setTimeout(resolve, 1000));
console.log(
  `\nyesterday serve (${BIN}); bare: @hono/node-server answering the same bytes from memory${nginx ? '; nginx: 1 worker, the same bytes as static files' : ''}. wrk, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s each after a 2 s warm-up; medians\n`,
);
for (const gzip of [false, true])
  for (const target of targets) {
    const servers = [
      { name: 'ours', url: base + target.path, pid: yesterday.pid },
      { name: 'bare', url: `http://127.0.0.1:${barePort}/${target.file}`, pid: bare.pid },
      ...(nginx
        ? [{ name: 'nginx', url: `http://127.0.0.1:${nginxPort}/${target.file}`, pid: undefined }]
        : []),
    ];
    const runs = new Map<string, Load[]>(servers.map((server) => [server.name, []]));
    for (const server of servers) await wrk(server.url, 2, gzip);
    for (let round = 0; round < ROUNDS; round++)
      for (const server of servers)
        runs.get(server.name)!.push(await load(server.url, SECONDS, gzip, server.pid));
    const ours = summary(runs.get('ours')!);
    const bareLoad = summary(runs.get('bare')!);
    const nginxLoad = nginx ? summary(runs.get('nginx')!) : undefined;
    const label = `${target.name}${gzip ? ' gzip' : ''}`;
    console.log(
      `${label.padEnd(25)} yesterday ${show(ours)} | bare @hono/node-server ${show(bareLoad)}${nginxLoad ? ` | nginx ${show(nginxLoad)}` : ''}`,
    );
    const ratio = ours.rps / bareLoad.rps;
    console.log(
      `${''.padEnd(25)} ratio to bare ${ratio.toFixed(2)}× (target ≥ ${RATIO_TARGET}${ratio >= RATIO_TARGET ? '' : ', MISSED'}), per CPU-second ${(ours.perCpuSecond / bareLoad.perCpuSecond).toFixed(2)}×${nginxLoad ? `, to nginx ${(ours.rps / nginxLoad.rps).toFixed(2)}×` : ''}; p99 ${ours.p99ms < P99_TARGET_MS ? 'under' : 'OVER'} ${P99_TARGET_MS} ms${ours.errors !== 'none' ? `; errors: ${ours.errors}` : ''}`,
    );
  }
bare.kill('SIGTERM');
nginx?.kill('SIGTERM');

// Freshness: everything public is in memory; an editor publishes the second digest through the API; how
// long until all of it shows?
const watched = [
  '/',
  `/digests/${second}`,
  '/feed.xml',
  '/feed.atom',
  '/feed.json',
  '/embed',
  '/sitemap.xml',
];
for (const path of watched) await get(base + path);
const started = performance.now();
const response = await fetch(`${base}/api/v1/digests/${second}/publish`, {
  method: 'POST',
  headers: { authorization: `Bearer ${token}` },
});
if (response.status !== 200) throw new Error(`publishing failed: ${await response.text()}`);
const published = performance.now();
const pending = new Set(watched);
while (pending.size && performance.now() - started < 30_000)
  for (const path of [...pending]) {
    const { status, body } = await get(base + path);
    if (status === 200 && body.toString().includes(second)) pending.delete(path);
  }
const done = performance.now();
console.log(
  pending.size
    ? `\npublishing through the API: ${[...pending].join(', ')} still did not show it after 30 s`
    : `\npublishing a 20-entry digest through the API: ${(published - started).toFixed(0)} ms to publish, ${(done - started).toFixed(0)} ms until ${watched.join(', ')} all show it (target < 1000 ms)`,
);
await stopped(yesterday);
rmSync(dir, { recursive: true, force: true });
