// Serving benchmark: what a digest morning asks of the public side. A 20-entry digest is published, then
// /feed.xml and /digests/DATE are hit by wrk (50 connections, bounded in time) from our server, and, as the
// baseline in the same run, the very same bytes as static files from nginx (one worker, like our one
// process). Twice: as plain bytes, and gzipped as browsers and feed readers ask for them (nginx serving our
// compressed bytes with gzip_static). Prints requests per second, p99 latency and the ratio to nginx; then how
// long publishing a second 20-entry digest takes to reach the page, the feeds and the embed that were cached.
// Needs Debian's wrk and nginx (apt-get install -y wrk nginx-light). Run: npx tsx bench/serve.ts [seconds]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deskDepsOf, publishDesk, saveDesk, type DeskActor } from '../src/curate/desk';
import { listItemsPublishedBetween } from '../src/db/items';
import { parseConfig } from '../src/config';
import { createNodeRuntime, startServer } from '../src/entry/node';
import { silentLogger } from '../src/log';
import { addSchoolWithSource, item, storeItems } from '../test/fixtures';
import { freePort } from '../test/test-app';
import { addDays, dayRange, localDateOf } from '../src/time/zoned-time';

const SECONDS = Number(process.argv[2] ?? 8);
const CONNECTIONS = 50;

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
const config = parseConfig({
  PORT: String(port),
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  DATABASE_PATH: join(dir, 'y.db'),
  OUTBOX_DIR: join(dir, 'outbox'),
  LOG_LEVEL: 'silent',
});
const runtime = await createNodeRuntime(config, { processWorkers: 0, log: silentLogger });
const server = await startServer(runtime, { scheduler: false });
const db = runtime.deps.db;
const editor: DeskActor = { type: 'cli', label: 'bench', role: 'admin', userId: null };
const timezone = 'America/Chicago';

/** Twenty posts with pictures and text, on `date`, from four schools. */
async function seedDay(date: string, tag: string) {
  const start = dayRange(date, timezone).start;
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
  const { start: from, end } = dayRange(date, timezone);
  const posts = await listItemsPublishedBetween(db, from, end);
  await saveDesk(deskDepsOf(runtime.deps), editor, date, {
    intro: `Twenty moments from ${date}.`,
    entries: posts.map((p) => ({ itemId: p.id })),
  });
}

const today = localDateOf(Date.now(), timezone);
const first = addDays(today, -2);
const second = addDays(today, -1);
await seedDay(first, 'a');
await publishDesk(deskDepsOf(runtime.deps), editor, first);

const base = `http://127.0.0.1:${port}`;
const targets = [
  { name: '/feed.xml', path: '/feed.xml', file: 'feed.xml' },
  { name: `/digests/${first}`, path: `/digests/${first}`, file: 'digest.html' },
];

/** The body exactly as sent for these request headers (fetch would add Accept-Encoding and decompress). */
const bytesOf = (url: string, headers: Record<string, string>) =>
  new Promise<Buffer>((resolve, reject) =>
    httpGet(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(Buffer.concat(chunks)));
    }).on('error', reject),
  );

// nginx serves the same bytes from files, plain and gzipped (gzip_static picks file.gz).
const www = join(dir, 'www');
mkdirSync(www);
for (const target of targets) {
  const body = await bytesOf(base + target.path, {});
  const gzipped = await bytesOf(base + target.path, { 'accept-encoding': 'gzip' });
  writeFileSync(join(www, target.file), body);
  writeFileSync(join(www, `${target.file}.gz`), gzipped);
  console.log(`${target.name}: ${body.length} bytes, ${gzipped.length} gzipped`);
}
const nginxPort = await freePort();
writeFileSync(
  join(dir, 'nginx.conf'),
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
// A second reference: Node's own http module answering the same bytes from memory, with nothing else to do.
// It shows how much of the gap to nginx is the runtime's and how much is ours.
const barePort = await freePort();
const bare: ChildProcess = spawn(
  process.execPath,
  [
    '-e',
    `const fs = require('fs'); const read = (f) => [fs.readFileSync(${JSON.stringify(www)} + '/' + f), fs.readFileSync(${JSON.stringify(www)} + '/' + f + '.gz')]; const files = { '/feed.xml': ['application/rss+xml', ...read('feed.xml')], '/digest.html': ['text/html; charset=utf-8', ...read('digest.html')] };
     require('http').createServer((req, res) => { const f = files[req.url]; const gz = f && /gzip/.test(req.headers['accept-encoding'] || ''); const body = f ? f[gz ? 2 : 1] : undefined; res.writeHead(f ? 200 : 404, { 'content-type': f ? f[0] : 'text/plain', 'content-length': body ? body.length : 0, ...(gz ? { 'content-encoding': 'gzip' } : {}) }); res.end(body); }).listen(${barePort}, '127.0.0.1');`,
  ],
  { stdio: 'inherit' },
);
const nginxBin = spawnSync('sh', ['-c', 'command -v nginx || echo /usr/sbin/nginx']).stdout.toString().trim();
const nginx: ChildProcess = spawn(nginxBin, ['-c', join(dir, 'nginx.conf'), '-p', dir], { stdio: 'inherit' });
await new Promise((resolve) => setTimeout(resolve, 500));

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

console.log(
  `\nwrk, ${CONNECTIONS} connections, ${SECONDS} s each after a 2 s warm-up; nginx: 1 worker, the same bytes as static files; bare node: http.createServer answering the same bytes from memory\n`,
);
const show = (load: Load) =>
  `${load.rps.toFixed(0).padStart(6)} req/s p99 ${load.p99ms.toFixed(1).padStart(5)} ms`;
for (const gzip of [false, true])
  for (const target of targets) {
    const urls = {
      ours: base + target.path,
      nginx: `http://127.0.0.1:${nginxPort}/${target.file}`,
      bare: `http://127.0.0.1:${barePort}/${target.file === 'feed.xml' ? 'feed.xml' : 'digest.html'}`,
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

// Freshness: everything public is cached; a second digest is published; how long until all of it shows?
await seedDay(second, 'b');
const watched = [
  '/',
  `/digests/${second}`,
  '/feed.xml',
  '/feed.atom',
  '/feed.json',
  '/embed',
  '/sitemap.xml',
];
for (const path of watched) await fetch(base + path);
const started = performance.now();
await publishDesk(deskDepsOf(runtime.deps), editor, second);
const published = performance.now();
const pending = new Set(watched);
while (pending.size) {
  for (const path of [...pending]) {
    const response = await fetch(base + path);
    if (response.status === 200 && (await response.text()).includes(second)) pending.delete(path);
  }
}
const fresh = performance.now();
console.log(
  `\npublishing a 20-entry digest: ${(published - started).toFixed(0)} ms to publish, ${(fresh - started).toFixed(0)} ms until ${watched.join(', ')} all show it (target < 1000 ms)`,
);

nginx.kill('SIGTERM');
bare.kill('SIGTERM');
await server.close();
await runtime.close();
rmSync(dir, { recursive: true, force: true });
