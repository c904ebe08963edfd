// How a send ends when its process does. Killed outright (kill -9), the messages it had on the wire are marked
// unknown as soon as their lease has ended, at the next start, and /healthz and digest:send report them. Asked
// to stop (SIGTERM, as a service manager does), the server stops claiming messages, records the ones on the
// wire, and exits with the rest still queued; the next start sends them, nobody twice.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deskDepsOf, publishDesk, saveDesk, type DeskActor } from '../src/curate/desk';
import { countDeliveriesByState } from '../src/db/deliveries';
import { findDigest } from '../src/db/digests';
import { listItemsPublishedBetween } from '../src/db/items';
import { SEND_LEASE_MS } from '../src/jobs/jobs';
import { testClock } from './clock';
import { addSchoolWithSource, item, storeItems } from './fixtures';
import { startSmtpSink, type SmtpSink } from './smtp-sink';
import { freePort, startTestApp, type TestApp } from './test-app';

const BIN = resolve(import.meta.dirname, '../bin/yesterday.mjs');
const DATE = '2026-11-20';
const NOON = Date.parse('2026-11-20T18:00:00Z');

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of running.splice(0).reverse()) await thing.close();
});

/** A published digest with `subscribers` confirmed addresses, all their deliveries queued. */
async function publishedDigest(app: TestApp, subscribers: number) {
  const db = app.runtime.deps.db;
  const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
  await storeItems(db, source.id, [item({ guid: 'kites', title: 'Kites on the field', publishedAt: NOON })]);
  const insert = app.runtime.sqlite.sqlite.prepare(
    `insert into subscribers (email, email_key, status, token_nonce, created_at, updated_at)
     values (?, ?, 'confirmed', ?, 1, 1)`,
  );
  app.runtime.sqlite.sqlite.transaction(() => {
    for (let n = 0; n < subscribers; n++)
      insert.run(`parent${n}@family.example`, `parent${n}@family.example`, `nonce-${n}`);
  })();
  const editor: DeskActor = { type: 'user', id: 1, userId: 1, label: 'dana', role: 'admin' };
  const items = await listItemsPublishedBetween(db, NOON - 12 * 3600_000, NOON + 12 * 3600_000);
  await saveDesk(deskDepsOf(app.runtime.deps), editor, DATE, {
    entries: items.map((i) => ({ itemId: i.id })),
  });
  await publishDesk(deskDepsOf(app.runtime.deps), editor, DATE);
  const digest = (await findDigest(db, DATE))!;
  expect((await countDeliveriesByState(db, digest.id)).queued).toBe(subscribers);
  return digest;
}

function run(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal, output })),
  );
  return { child, exited, output: () => output };
}

/**
 * Nobody got the email twice; every address recorded as sent got it; and whoever else got it was in flight
 * when a process died (outcome unknown: the server may have taken it just before).
 */
async function expectNothingTwiceNothingLost(app: TestApp, smtp: SmtpSink, digestId: number) {
  const recipients = smtp.received.flatMap((m) => m.envelopeTo);
  expect(new Set(recipients).size).toBe(recipients.length);
  const rows = await app.runtime.deps.db.query<{ email: string; state: string }>(
    `select s.email, d.state from deliveries d join subscribers s on s.id = d.subscriber_id where d.digest_id = ?`,
    [digestId],
  );
  const sent = rows.filter((r) => r.state === 'sent').map((r) => r.email);
  const unknown = new Set(rows.filter((r) => r.state === 'unknown').map((r) => r.email));
  const arrived = new Set(recipients);
  expect(sent.filter((email) => !arrived.has(email))).toEqual([]);
  const sentSet = new Set(sent);
  expect(recipients.filter((email) => !sentSet.has(email) && !unknown.has(email))).toEqual([]);
}

describe('a send whose process is killed', () => {
  it('reports the messages it had in flight as unknown at the next start once their lease has ended', async () => {
    const smtp = await startSmtpSink({ delayMs: 40 });
    running.push(smtp);
    const app = await startTestApp({ env: { SMTP_URL: smtp.url } });
    running.push(app);
    const digest = await publishedDigest(app, 300);
    const env = {
      DATABASE_PATH: app.config.databasePath,
      PUBLIC_URL: app.config.publicUrl,
      SMTP_URL: smtp.url,
    };

    const first = run(['digest:send', '--date', DATE], env);
    await smtp.waitFor(60, 60_000);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const inFlight = (await countDeliveriesByState(app.runtime.deps.db, digest.id)).sending;
    expect(inFlight).toBeGreaterThan(0);

    // The server starts again after the lease of those claims has ended (its clock says so): at start-up,
    // before any minute has passed, they are unknown, and /healthz says so.
    const later = testClock(Date.now() + SEND_LEASE_MS + 1_000);
    const restarted = await startTestApp({
      env: { SMTP_URL: smtp.url, DATABASE_PATH: app.config.databasePath },
      clock: later,
      scheduler: true,
    });
    running.push(restarted);
    await expect
      .poll(async () => (await (await fetch(`${restarted.url}/healthz`)).json()) as { unknownEmails: number })
      .toMatchObject({ unknownEmails: inFlight });
    // The same start sends everyone else.
    await expect
      .poll(async () => (await countDeliveriesByState(app.runtime.deps.db, digest.id)).queued, {
        timeout: 60_000,
      })
      .toBe(0);
    await restarted.runtime.scheduler.stop();
    const final = await countDeliveriesByState(app.runtime.deps.db, digest.id);
    expect(final).toMatchObject({ sending: 0, unknown: inFlight, sent: 300 - inFlight, failed: 0 });
    await expectNothingTwiceNothingLost(app, smtp, digest.id);

    // digest:send says so too, and sends nothing again.
    const before = smtp.received.length;
    const report = await run(['digest:send', '--date', DATE], env).exited;
    expect(report.code, report.output).toBe(0);
    expect(report.output).toContain(`Digest ${DATE}: 0 sent`);
    expect(report.output).toContain(
      `${inFlight} ${inFlight === 1 ? 'email has' : 'emails have'} an unknown outcome`,
    );
    expect(report.output).toContain(
      `Nothing was waiting to go: ${300 - inFlight} emails of this digest had been sent already.`,
    );
    expect(smtp.received.length).toBe(before);
  }, 120_000);

  it('digest:send marks messages whose lease has ended unknown itself, and says so', async () => {
    const smtp = await startSmtpSink();
    running.push(smtp);
    const app = await startTestApp({ env: { SMTP_URL: smtp.url } });
    running.push(app);
    const digest = await publishedDigest(app, 5);
    // Two claims from a process that died eleven minutes ago.
    app.runtime.sqlite.sqlite
      .prepare(
        `update deliveries set state = 'sending', attempts = 1, updated_at = ? where id in (select id from deliveries limit 2)`,
      )
      .run(Date.now() - SEND_LEASE_MS - 60_000);
    const env = {
      DATABASE_PATH: app.config.databasePath,
      PUBLIC_URL: app.config.publicUrl,
      SMTP_URL: smtp.url,
    };
    const report = await run(['digest:send', '--date', DATE], env).exited;
    expect(report.code, report.output).toBe(0);
    expect(report.output).toContain(`Digest ${DATE}: 3 sent`);
    expect(report.output).toContain('2 emails have an unknown outcome');
    expect(await countDeliveriesByState(app.runtime.deps.db, digest.id)).toMatchObject({
      sent: 3,
      unknown: 2,
    });
  });
});

describe('a server asked to stop in the middle of a send', () => {
  it('records what was on the wire, exits long before the send could have finished, and the next start sends the rest', async () => {
    const TOTAL = 2_000;
    // Slow enough that the whole send takes about ten seconds (2,000 × 40 ms over 8 in flight).
    const smtp = await startSmtpSink({ delayMs: 40 });
    running.push(smtp);
    const app = await startTestApp({ env: { SMTP_URL: smtp.url } });
    running.push(app);
    const digest = await publishedDigest(app, TOTAL);
    const port = await freePort();
    const env = {
      DATABASE_PATH: app.config.databasePath,
      PUBLIC_URL: app.config.publicUrl,
      SMTP_URL: smtp.url,
      PORT: String(port),
      OUTBOX_DIR: `${app.dir}/outbox`,
    };

    const server = run(['serve'], env);
    await smtp.waitFor(100, 60_000);
    server.child.kill('SIGTERM');
    const stopped = await server.exited;
    expect(stopped.code, stopped.output).toBe(0);
    expect(stopped.output).toContain('Stopping…');

    // Gone with most of the send still queued: it did not wait for the rest. Nothing is left in flight.
    const atExit = await countDeliveriesByState(app.runtime.deps.db, digest.id);
    expect(atExit.queued).toBeGreaterThan(TOTAL / 2);
    expect(atExit).toMatchObject({ sending: 0, unknown: 0, failed: 0 });
    expect(atExit.sent).toBe(smtp.received.length);
    expect(atExit.sent + atExit.queued).toBe(TOTAL);
    await expectNothingTwiceNothingLost(app, smtp, digest.id);

    // The next start sends the rest, nobody twice.
    const again = run(['serve'], env);
    await expect
      .poll(async () => (await countDeliveriesByState(app.runtime.deps.db, digest.id)).sent, {
        timeout: 90_000,
        interval: 250,
      })
      .toBe(TOTAL);
    again.child.kill('SIGTERM');
    expect((await again.exited).code).toBe(0);
    await expectNothingTwiceNothingLost(app, smtp, digest.id);
  }, 180_000);
});
