// Workers capacity benchmark: the real Worker bundle (wrangler) in workerd through Miniflare, with a local D1
// migrated from drizzle/, 1,000 class feeds of 20 posts on 127.0.0.1 and a stand-in for Postmark's API.
// Measures one cron run handing out 1,000 due feeds, each queue message that ingests 10 of them, publishing
// one digest to N subscribers (one INSERT … SELECT of N deliveries), and each queue message that sends 200 of
// its emails. Queue messages are handed to the Worker's queue handler one invocation at a time, so each is
// timed alone (no queue batching delay). Baselines, in the same run and the same workerd: a Worker that only
// fetches the same 10 feeds per call, and one that only POSTs the same number of emails to the same stand-in.
// Run: npx tsx bench/workers.ts [subscribers]   (figures feed docs/scale.md)
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Miniflare } from 'miniflare';
import { createApiToken } from '../src/auth/api-tokens';
import { openD1, type D1Like } from '../src/db/d1';
import { findOrCreateSchool } from '../src/db/schools';
import { applyDrizzleMigrations, type D1Runner } from '../test/d1-migrations';
import { item, storeItems } from '../test/fixtures';
import { startLocalServices } from '../test/workers/local-services';
import { STAND_IN_TOKEN } from '../test/workers/postmark-stand-in';
import { median } from './median';

const SUBSCRIBERS = Number(process.argv[2] ?? 100_000);
const FEEDS = Number(process.env.BENCH_FEEDS ?? 1000);
const DATE = '2026-10-14';
const NOON = Date.parse(`${DATE}T17:00:00Z`);

const feedServer = spawn(
  process.execPath,
  ['--import', 'tsx', join(import.meta.dirname, 'feed-server.ts'), String(FEEDS), '50'],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const { urls } = JSON.parse(
  await new Promise<string>((done) => createInterface({ input: feedServer.stdout! }).once('line', done)),
) as { urls: string[] };
const feedUrls = Array.from({ length: FEEDS }, (_, n) => `${urls[n % urls.length]}/feed/${n}`);
const services = await startLocalServices();
const received = async () =>
  ((await (await fetch(`${services.postmarkUrl}/__count`)).json()) as { count: number }).count;

const say = (text: string) => process.stderr.write(`${text}\n`);
say('bundling the Worker');
const out = mkdtempSync(join(tmpdir(), 'yesterday-bench-workers-'));
execFileSync(
  process.execPath,
  [resolve('node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', out],
  {
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' },
    stdio: 'ignore',
  },
);

const BASELINE = `
export default {
  async fetch(request, env) {
    const this_env = env;
    const { kind, urls, api, token, count } = await request.json();
    const started = Date.now();
    if (kind === 'd1') {
      await this_env.DB.prepare('create table if not exists t (id integer primary key, n integer)').run();
      await this_env.DB.prepare('insert or ignore into t (id, n) values (1, 0)').run();
      for (let i = 0; i < count; i++) await this_env.DB.prepare('update t set n = n + 1 where id = ?').bind(1).run();
    } else if (kind === 'feeds') {
      let next = 0;
      const worker = async () => { while (next < urls.length) { const r = await fetch(urls[next++]); await r.arrayBuffer(); } };
      await Promise.all(Array.from({ length: 6 }, worker));
    } else {
      let next = 0;
      const body = JSON.stringify({ From: 'digest@district.example', To: 'x@bench.example', Subject: 'x', TextBody: 'x'.repeat(4000), HtmlBody: '<p>' + 'x'.repeat(30000) + '</p>' });
      const worker = async () => { while (next++ < count) { const r = await fetch(api + '/email', { method: 'POST', headers: { 'x-postmark-server-token': token, 'content-type': 'application/json' }, body }); await r.arrayBuffer(); } };
      await Promise.all(Array.from({ length: 4 }, worker));
    }
    return Response.json({ ms: Date.now() - started });
  },
};`;

say('starting workerd');
const mf = new Miniflare({
  workers: [
    {
      name: 'yesterday',
      modules: true,
      scriptPath: join(out, 'worker.js'),
      modulesRoot: out,
      compatibilityDate: '2026-04-01',
      compatibilityFlags: ['nodejs_compat'],
      d1Databases: { DB: 'bench' },
      queueProducers: { JOBS: 'yesterday-jobs' },
      bindings: {
        PUBLIC_URL: 'https://digest.district.example',
        MAIL_FROM: 'Yesterday <digest@district.example>',
        POSTMARK_SERVER_TOKEN: STAND_IN_TOKEN,
        POSTMARK_API_URL: services.postmarkUrl,
        FETCH_ALLOW_PRIVATE_NETWORKS: 'true',
        LOG_LEVEL: 'error',
      },
    },
    {
      name: 'baseline',
      modules: true,
      script: BASELINE,
      compatibilityDate: '2026-04-01',
      d1Databases: { DB: 'bench-baseline' },
    },
  ],
});
const d1 = (await mf.getD1Database('DB', 'yesterday')) as unknown as D1Like;
const rawD1 = d1 as unknown as D1Runner;
const runSql = (text: string) => rawD1.prepare(text).run();
await applyDrizzleMigrations(rawD1);
say('migrated');
const db = openD1(d1);
const worker = await mf.getWorker('yesterday');
const baseline = await mf.getWorker('baseline');
const time = async (work: () => Promise<unknown>) => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};
const count = async (sql: string) => (await db.query<{ n: number }>(sql, []))[0]?.n ?? 0;

// 1,000 due feeds.
const school = await findOrCreateSchool(db, 'Lincoln Elementary', 1);
for (let i = 0; i < FEEDS; i += 500)
  await runSql(
    `insert into sources (school_id, feed_url, media_release, authorization, created_at, updated_at, next_fetch_at) values ${feedUrls
      .slice(i, i + 500)
      .map((url) => `(${school.id}, '${url}', 1, 'authorized', 1, 1, 0)`)
      .join(', ')}`,
  );

say('feeds added; cron run');
const cronMs = await time(() => worker.scheduled({ cron: '* * * * *' }));
const claimed = (await db.query<{ id: number }>('select id from sources order by id', [])).map((r) => r.id);
const queueHandler = worker as unknown as {
  queue(
    name: string,
    messages: { id: string; timestamp: Date; attempts: number; body: unknown }[],
  ): Promise<unknown>;
};
let messageId = 0;
const deliver = (body: unknown) =>
  queueHandler.queue('yesterday-jobs', [{ id: `m${messageId++}`, timestamp: new Date(), attempts: 1, body }]);
const callBaseline = async (body: unknown) =>
  (
    (await (
      await baseline.fetch('http://baseline/', { method: 'POST', body: JSON.stringify(body) })
    ).json()) as { ms: number }
  ).ms;
const ingestTimes: number[] = [];
const baselineFeedTimes: number[] = [];
for (let i = 0; i < claimed.length; i += 10) {
  const ids = claimed.slice(i, i + 10);
  ingestTimes.push(await time(() => deliver({ kind: 'ingest', sourceIds: ids })));
  baselineFeedTimes.push(
    await callBaseline({ kind: 'feeds', urls: ids.map((id) => feedUrls[id - claimed[0]!]) }),
  );
}
const ingestMs = ingestTimes.reduce((a, b) => a + b, 0);
const baselineFeedsMs = baselineFeedTimes.reduce((a, b) => a + b, 0);
const read = await count('select count(*) n from sources where last_success_at is not null');
const items = await count('select count(*) n from items');

say('ingested; adding subscribers');
// N subscribers and one digest for them.
for (let i = 0; i < SUBSCRIBERS; i += 200) {
  const values = Array.from({ length: Math.min(200, SUBSCRIBERS - i) }, (_, k) => {
    const email = `parent${i + k}@families.example`;
    return `('${email}', '${email}', 'confirmed', 'n${i + k}', 1, 'bench', 'form', 1, 1, 1)`;
  });
  await runSql(
    `insert into subscribers (email, email_key, status, token_nonce, consent_at, consent_text, consent_source, confirmed_at, created_at, updated_at) values ${values.join(', ')}`,
  );
}
const sourceId = (await db.query<{ id: number }>('select id from sources limit 1', []))[0]!.id;
await storeItems(db, sourceId, [
  item({
    guid: 'bench-digest',
    url: 'https://lincoln.example/bench',
    canonicalUrl: 'lincoln.example/bench',
    title: 'Paper bridges in the third grade',
    summary: 'Students built bridges out of paper and tested them with pennies.',
    contentHtml: '<p>Students built bridges out of paper and tested them with pennies.</p>',
    publishedAt: NOON,
  }),
]);
const { token } = await createApiToken(
  db,
  { name: 'bench', role: 'editor' },
  { type: 'system', label: 'bench' },
  1,
);
const api = (path: string, method: string, body?: unknown) =>
  worker.fetch(`https://digest.district.example/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const itemId = (
  (await (await api(`/items?date=${DATE}`, 'GET')).json()) as { items: { id: number; title: string }[] }
).items.find((i) => i.title.startsWith('Paper bridges'))!.id;
await api(`/digests/${DATE}`, 'PUT', { entries: [{ item_id: itemId }], version: 0 });
say('publishing');
const sentBefore = await received();
let publishAnswer = 0;
const publishMs = await time(async () => {
  publishAnswer = (await api(`/digests/${DATE}/publish`, 'POST', {})).status;
});
const deliveries = await count('select count(*) n from deliveries');

// Sending: ten queue messages of 200 emails each, one invocation at a time.
const sendTimes: number[] = [];
const baselineSendTimes: number[] = [];
const SEND_MESSAGES = Math.min(10, Math.ceil(SUBSCRIBERS / 200));
for (let m = 0; m < SEND_MESSAGES; m++) {
  sendTimes.push(await time(() => deliver({ kind: 'send' })));
  baselineSendTimes.push(
    await callBaseline({ kind: 'send', api: services.postmarkUrl, token: STAND_IN_TOKEN, count: 200 }),
  );
}
const sent = (await received()) - sentBefore - SEND_MESSAGES * 200; // less the baseline's own POSTs
const sendMs = sendTimes.reduce((a, b) => a + b, 0);
const baselineSendMs = baselineSendTimes.reduce((a, b) => a + b, 0);

const D1_WRITES = 500;
const d1Ms = (
  (await (
    await baseline.fetch('http://baseline/', {
      method: 'POST',
      body: JSON.stringify({ kind: 'd1', count: D1_WRITES }),
    })
  ).json()) as { ms: number }
).ms;
console.log(
  `workerd ${readFileSync('node_modules/workerd/package.json', 'utf8').match(/"version": "([^"]+)"/)![1]}, local D1 and queue (Miniflare)`,
);
console.log(`one D1 write from a Worker, each after the last: ${(d1Ms / D1_WRITES).toFixed(2)} ms`);
console.log(
  `cron run handing out ${FEEDS} due feeds (claim + ${FEEDS / 10} queue messages): ${cronMs.toFixed(0)} ms`,
);
console.log(
  `ingest, one queue message of 10 feeds × 20 posts: median ${median(ingestTimes).toFixed(0)} ms, max ${Math.max(...ingestTimes).toFixed(0)} ms (${read} of ${FEEDS} feeds read, ${items} posts stored); baseline fetch only: median ${median(baselineFeedTimes).toFixed(0)} ms; ratio (totals) ${(ingestMs / baselineFeedsMs).toFixed(2)}×`,
);
console.log(
  `publish to ${SUBSCRIBERS} subscribers: HTTP ${publishAnswer}, ${publishMs.toFixed(0)} ms, ${deliveries} deliveries queued`,
);
console.log(
  `send, one queue message of 200 emails: median ${median(sendTimes).toFixed(0)} ms, max ${Math.max(...sendTimes).toFixed(0)} ms (${sent} emails received, ${((sent / sendMs) * 1000).toFixed(0)} emails/s per consumer); baseline POSTs only: median ${median(baselineSendTimes).toFixed(0)} ms; ratio (totals) ${(sendMs / baselineSendMs).toFixed(2)}×`,
);

await mf.dispose();
feedServer.kill();
rmSync(out, { recursive: true, force: true });
process.exit(0);
