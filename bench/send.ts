// Sending benchmark: one digest from 13 schools (12 and a district office whose posts go to everyone) to
// 100,000 confirmed subscribers, each following none, one, two or three schools, through a real SMTP server
// in another process. Everything on: per-recipient claim and outcome in SQLite, one render per distinct
// selection of schools, signed unsubscribe and preferences links, List-* headers, nodemailer's pool.
// Baseline, in the same run, to the same server: a bare nodemailer pool with the same connections and
// messages in flight sending one pre-rendered message of the same size to the same addresses, nothing
// recorded. The machine is shared and its speed drifts over minutes, so the baseline runs twice, before and
// after Yesterday's send, and the ratio is taken against the mean of the two.
// Run: npx tsx bench/send.ts [subscribers]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import nodemailer from 'nodemailer';
import { deskDepsOf, publishDesk, saveDesk, type DeskActor } from '../src/curate/desk';
import { parseConfig } from '../src/config';
import { countDeliveriesByState } from '../src/db/deliveries';
import { findDigest } from '../src/db/digests';
import { listItemsPublishedBetween, upsertItemStatements } from '../src/db/items';
import { findOrCreateSchool, setDistrictWideStatement } from '../src/db/schools';
import { insertSource } from '../src/db/sources';
import { sendDueDeliveries } from '../src/email/send-digest';
import { createNodeRuntime } from '../src/entry/node';
import { runWithConcurrency } from '../src/ingest/poll';
import { sendDepsOf } from '../src/jobs/jobs';
import { silentLogger } from '../src/log';
import { seededRandom } from '../test/fixtures';

const SUBSCRIBERS = Number(process.argv[2] ?? 100_000);
const SCHOOLS = 12;
const CONNECTIONS = 4;
const NOON = Date.parse('2026-11-20T18:00:00Z');

// The SMTP server.
const sink = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'smtp-sink-server.ts')], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const lines = createInterface({ input: sink.stdout! })[Symbol.asyncIterator]();
const { port } = JSON.parse((await lines.next()).value as string) as { port: number };
const sinkCount = async () => {
  sink.stdin!.write('\n');
  return JSON.parse((await lines.next()).value as string) as { received: number; bytes: number };
};

let peakRss = 0;
const rssAt: number[] = [];
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 20);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

// A database with the district, its day and its subscribers.
const dir = mkdtempSync(join(tmpdir(), 'yesterday-bench-send-'));
const config = parseConfig({
  DATABASE_PATH: join(dir, 'y.db'),
  PUBLIC_URL: 'https://yesterday.district.example',
  SMTP_URL: `smtp://127.0.0.1:${port}`,
  SMTP_MAX_CONNECTIONS: String(CONNECTIONS),
  MAIL_FROM: 'Yesterday <digest@district.example>',
});
const runtime = await createNodeRuntime(config, { log: silentLogger, processWorkers: 0 });
const db = runtime.deps.db;
const schoolIds: number[] = [];
for (let n = 0; n <= SCHOOLS; n++) {
  const school = await findOrCreateSchool(db, n === 0 ? 'District Office' : `School ${n}`, 1);
  if (n === 0) await db.batch([setDistrictWideStatement(db, school.id, true)]);
  else schoolIds.push(school.id);
  const source = (await insertSource(
    db,
    { schoolId: school.id, feedUrl: `https://s${n}.example/feed`, mediaRelease: true },
    1,
  ))!;
  await db.batch(
    upsertItemStatements(
      db,
      source.id,
      [0, 1].map((k) => ({
        guid: `s${n}-${k}`,
        url: `https://s${n}.example/posts/${k}`,
        canonicalUrl: `s${n}.example/posts/${k}`,
        title: `${n === 0 ? 'District' : `School ${n}`}: what the classes did, part ${k + 1}`,
        titleDerived: false,
        author: 'Ms. Rivera',
        summary:
          'Students in the third grade built bridges out of paper and tested how much weight each could carry before it folded. '.repeat(
            2,
          ),
        contentHtml: '<p>Students built bridges out of paper.</p>',
        imageUrl: null,
        imageAlt: null,
        videoUrl: null,
        categories: [],
        publishedAt: NOON + n * 60_000 + k * 1000,
        dateEstimated: false,
      })),
      1,
    ),
  );
}
const raw = runtime.sqlite.sqlite;
// The same "random" choices on every run.
const random = seededRandom(20261120);
const insertSubscriber = raw.prepare(
  `insert into subscribers (email, email_key, status, token_nonce, consent_at, consent_text, consent_source, confirmed_at, created_at, updated_at)
   values (?, ?, 'confirmed', ?, 1, 'bench', 'form', 1, 1, 1)`,
);
const insertChoice = raw.prepare('insert into subscriber_schools (subscriber_id, school_id) values (?, ?)');
raw.transaction(() => {
  for (let n = 0; n < SUBSCRIBERS; n++) {
    const email = `parent${n}@families.example`;
    const id = Number(insertSubscriber.run(email, email, `nonce${n}`).lastInsertRowid);
    // A few follow every school; most follow one, two or three, spread over the twelve.
    const follows = n % 10 === 0 ? 0 : 1 + (n % 3);
    const chosen = new Set<number>();
    for (let k = 0; k < follows; k++) chosen.add(schoolIds[Math.floor(random() * SCHOOLS)]!);
    for (const schoolId of chosen) insertChoice.run(id, schoolId);
  }
})();
const editor: DeskActor = { type: 'user', id: 1, userId: 1, label: 'bench', role: 'admin' };
const items = await listItemsPublishedBetween(db, NOON - 12 * 3600_000, NOON + 12 * 3600_000);
await saveDesk(deskDepsOf(runtime.deps), editor, '2026-11-20', {
  entries: items.map((i) => ({ itemId: i.id })),
});
const publishStarted = performance.now();
await publishDesk(deskDepsOf(runtime.deps), editor, '2026-11-20');
const publishMs = performance.now() - publishStarted;
const digest = (await findDigest(db, '2026-11-20'))!;
const selections = raw
  .prepare(
    `select count(distinct coalesce((select group_concat(school_id) from (select school_id from subscriber_schools ss where ss.subscriber_id = s.id order by 1)), '')) n from subscribers s`,
  )
  .get() as { n: number };
const setupRss = process.memoryUsage().rss;

// Baseline: a bare nodemailer pool, the same message size, the same addresses, nothing recorded.
const deps = await sendDepsOf(runtime.deps);
const transport = nodemailer.createTransport({
  url: config.smtpUrl!,
  pool: true,
  maxConnections: CONNECTIONS,
  maxMessages: 500,
});
const { renderDigestEmail } = await import('../src/email/render-digest-email');
const { loadPublishedDigest } = await import('../src/publish/digest-content');
const content = (await loadPublishedDigest(db, '2026-11-20'))!;
const message = renderDigestEmail(
  content,
  { schoolIds: schoolIds.slice(0, 2), schoolNames: ['School 1', 'School 2'] },
  deps.site,
)!;
const addresses = Array.from({ length: SUBSCRIBERS }, (_, n) => `parent${n}@families.example`);
// The same number of messages in flight as Yesterday's sender keeps for this mailer (two per connection).
const inFlight = deps.mailer.inFlight;
const baseline = async () => {
  const started = performance.now();
  await runWithConcurrency(addresses, inFlight, async (to) => {
    await transport.sendMail({
      from: config.mailFrom,
      to,
      subject: message.subject,
      html: message.html,
      text: message.text,
      headers: { 'List-Unsubscribe': '<https://yesterday.district.example/unsubscribe?token=x>' },
    });
  });
  return performance.now() - started;
};
peakRss = 0;
const baselineBeforeMs = await baseline();
const baselinePeak = peakRss;
const afterBaseline = await sinkCount();

// Yesterday: the queued deliveries of the published digest, with the memory sampled as it goes.
peakRss = 0;
const progress = setInterval(async () => {
  rssAt.push(process.memoryUsage().rss);
}, 2000);
const started = performance.now();
const report = await sendDueDeliveries(deps, { digestId: digest.id, batchSize: 500 });
const ms = performance.now() - started;
clearInterval(progress);
const oursPeak = peakRss;
const ours = (await sinkCount()).received - afterBaseline.received;
const states = await countDeliveriesByState(db, digest.id);
const baselineAfterMs = await baseline();
transport.close();
clearInterval(sampler);

const rate = (count: number, elapsed: number) => (count / elapsed) * 1000;
const baselineRate = rate(SUBSCRIBERS * 2, baselineBeforeMs + baselineAfterMs);
const ourRate = rate(report.sent, ms);
console.log(
  `subscribers ${SUBSCRIBERS}, schools ${SCHOOLS} + district office, distinct selections ${selections.n}`,
);
console.log(`message size: ${(afterBaseline.bytes / afterBaseline.received / 1024).toFixed(1)} KiB`);
console.log(`publish (queues ${SUBSCRIBERS} deliveries): ${publishMs.toFixed(0)} ms`);
console.log(`connections ${CONNECTIONS}, messages in flight ${inFlight}`);
console.log(
  `baseline bare nodemailer pool: ${baselineRate.toFixed(0)} msg/s (before ${rate(SUBSCRIBERS, baselineBeforeMs).toFixed(0)}, after ${rate(SUBSCRIBERS, baselineAfterMs).toFixed(0)}), peak RSS ${mb(baselinePeak)}`,
);
console.log(
  `yesterday: ${ourRate.toFixed(0)} msg/s, sent ${report.sent}, skipped ${report.skipped}, server received ${ours}, renders ${report.renders}`,
);
console.log(`ratio: ${(ourRate / baselineRate).toFixed(2)}× the baseline (target ≥ 0.8)`);
console.log(
  `memory: after setup ${mb(setupRss)}, peak while sending ${mb(oursPeak)} (target < 250 MB); every 2 s: ${rssAt.map((r) => (r / 1024 / 1024).toFixed(0)).join(' ')}`,
);
console.log(`deliveries: ${JSON.stringify(states)}`);
if (report.renders > selections.n) console.log('FAIL: more renders than distinct selections');
if (states.sent + states.skipped !== SUBSCRIBERS || ours !== report.sent)
  console.log('FAIL: not everyone got exactly one');

await runtime.close();
sink.stdin!.end();
rmSync(dir, { recursive: true, force: true });
