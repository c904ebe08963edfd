// A sending process killed halfway (SIGKILL, no chance to clean up), then run again: nobody is skipped,
// nobody gets the digest twice, and the messages that were in flight at the kill are neither resent nor
// forgotten: they become "unknown" and the admin lists them for a person to decide.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deskDepsOf, publishDesk, saveDesk, type DeskActor } from '../src/curate/desk';
import { countDeliveriesByState, markStaleSendsUnknown } from '../src/db/deliveries';
import { findDigest } from '../src/db/digests';
import { listItemsPublishedBetween } from '../src/db/items';
import { addConfirmedSubscriber, addSchoolWithSource, item, storeItems } from './fixtures';
import { startSmtpSink, type SmtpSink } from './smtp-sink';
import { signedInClient, startTestApp, type TestApp } from './test-app';

const BIN = resolve(import.meta.dirname, '../bin/yesterday.mjs');
const NOON = Date.parse('2026-11-20T18:00:00Z');
const SUBSCRIBERS = 300;

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of running.splice(0).reverse()) await thing.close();
});

function digestSend(app: TestApp, smtp: SmtpSink) {
  const child = spawn(process.execPath, [BIN, 'digest:send', '--date', '2026-11-20'], {
    env: {
      PATH: process.env.PATH,
      DATABASE_PATH: app.config.databasePath,
      PUBLIC_URL: app.config.publicUrl,
      SMTP_URL: smtp.url,
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal, output })),
  );
  return { child, exited };
}

describe('a send killed halfway', () => {
  it('resumes without skipping or repeating anyone, and reports the in-flight messages as unknown', async () => {
    const smtp = await startSmtpSink({ delayMs: 40 });
    running.push(smtp);
    const app = await startTestApp({ env: { SMTP_URL: smtp.url } });
    running.push(app);
    const db = app.runtime.deps.db;
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    await storeItems(db, source.id, [
      item({ guid: 'kites', title: 'Kites on the field', publishedAt: NOON }),
    ]);
    for (let n = 0; n < SUBSCRIBERS; n++) await addConfirmedSubscriber(db, `parent${n}@family.example`);
    const editor: DeskActor = { type: 'user', id: 1, userId: 1, label: 'dana', role: 'admin' };
    const items = await listItemsPublishedBetween(db, NOON - 12 * 3600_000, NOON + 12 * 3600_000);
    await saveDesk(deskDepsOf(app.runtime.deps), editor, '2026-11-20', {
      entries: items.map((i) => ({ itemId: i.id })),
    });
    await publishDesk(deskDepsOf(app.runtime.deps), editor, '2026-11-20');
    const digest = (await findDigest(db, '2026-11-20'))!;
    expect((await countDeliveriesByState(db, digest.id)).queued).toBe(SUBSCRIBERS);

    // First run: killed without warning once a fifth of the messages have arrived.
    const first = digestSend(app, smtp);
    await smtp.waitFor(SUBSCRIBERS / 5, 60_000);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const afterKill = await countDeliveriesByState(db, digest.id);
    expect(afterKill.sent).toBeGreaterThanOrEqual(SUBSCRIBERS / 5 - 8);
    expect(afterKill.queued).toBeGreaterThan(0);
    const inFlight = afterKill.sending;
    expect(inFlight).toBeGreaterThan(0);

    // Second run: finishes the rest and leaves the in-flight ones alone.
    const second = await digestSend(app, smtp).exited;
    expect(second.code, second.output).toBe(0);
    expect(second.output).toContain(`Digest 2026-11-20: ${SUBSCRIBERS - afterKill.sent - inFlight} sent`);
    const final = await countDeliveriesByState(db, digest.id);
    expect(final).toMatchObject({ queued: 0, sending: inFlight, sent: SUBSCRIBERS - inFlight, failed: 0 });

    // Nobody twice; everyone recorded as sent really arrived.
    const recipients = smtp.received.flatMap((m) => m.envelopeTo);
    expect(new Set(recipients).size).toBe(recipients.length);
    const arrived = new Set(recipients);
    const sent = await db.query<{ email: string }>(
      `select s.email from deliveries d join subscribers s on s.id = d.subscriber_id where d.digest_id = ? and d.state = 'sent'`,
      [digest.id],
    );
    for (const { email } of sent) expect(arrived.has(email), email).toBe(true);

    // Once the lease has passed, housekeeping marks them unknown and the admin shows them.
    expect(await markStaleSendsUnknown(db, Date.now() + 1, Date.now())).toBe(inFlight);
    expect((await countDeliveriesByState(db, digest.id)).unknown).toBe(inFlight);
    const admin = await signedInClient(app);
    const page = await (await admin.get('/admin/subscribers/deliveries/2026-11-20')).text();
    expect(page.match(/The process stopped while this message was being sent\./g)).toHaveLength(inFlight);

    // The server saw the killed sender's connections drop, mid-message at worst, and nothing else go wrong.
    for (const error of smtp.errors)
      expect(['ECONNRESET', 'EPIPE'], error.message).toContain((error as { code?: string }).code);
  }, 120_000);

  it('uses an SMTP server that survives a client vanishing in the middle of a message', async () => {
    const smtp = await startSmtpSink();
    running.push(smtp);
    const port = Number(new URL(smtp.url).port);
    const socket = connect(port, '127.0.0.1');
    const lines: string[] = [];
    socket.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\r\n').filter(Boolean)));
    const reply = async (code: string) => {
      for (let waited = 0; !lines.some((l) => l.startsWith(code)); waited += 10) {
        if (waited > 5000) throw new Error(`no ${code} reply: ${lines.join(' | ')}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      lines.length = 0;
    };
    await reply('220');
    for (const [command, code] of [
      ['EHLO sender.example', '250'],
      ['MAIL FROM:<digest@district.example>', '250'],
      ['RCPT TO:<parent@family.example>', '250'],
      ['DATA', '354'],
    ]) {
      socket.write(`${command}\r\n`);
      await reply(code!);
    }
    await new Promise((written) =>
      socket.write('Subject: half a message\r\n\r\nThe sender dies before the end', written),
    );
    await new Promise((r) => setTimeout(r, 100)); // the server is reading the message now
    socket.resetAndDestroy(); // a TCP reset, as when the sending process is killed
    for (let waited = 0; smtp.errors.length === 0 && waited < 5000; waited += 10)
      await new Promise((r) => setTimeout(r, 10));
    expect(smtp.errors.map((e) => (e as { code?: string }).code)).toEqual(['ECONNRESET']);
    expect(smtp.received).toHaveLength(0);
  });
});
