// A mail server that misbehaves: drops the connection in the middle of a message, answers 421, 451 or 550, or
// stops answering. Each ends with the delivery recorded and a reason a person can read, none is left half
// done ('sending'), and once the server behaves the send resumes: a temporary fault is retried and arrives,
// a refusal is recorded as a bounce and not retried.
import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { deskDepsOf, publishDesk, saveDesk, type DeskActor } from '../src/curate/desk';
import { countDeliveriesByState } from '../src/db/deliveries';
import { findDigest } from '../src/db/digests';
import { listItemsPublishedBetween } from '../src/db/items';
import { sendDueDeliveries } from '../src/email/send-digest';
import { createSmtpMailer } from '../src/email/smtp-mailer';
import { sendDepsOf } from '../src/jobs/jobs';
import { addConfirmedSubscriber, addSchoolWithSource, item, storeItems } from './fixtures';
import { startTestApp } from './test-app';

type Fault = 'drop-mid-data' | '421' | '451' | '550' | 'stall' | 'none';

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of running.splice(0).reverse()) await thing.close();
});

/** A real SMTP server whose behaviour the test switches; it counts the messages it accepted. */
async function faultyServer() {
  const state = { fault: 'none' as Fault, accepted: [] as string[] };
  const sockets = new Set<Socket>();
  const refuse = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (state.fault === '421') return callback(refuse(421, 'Service not available, closing channel'));
      if (state.fault === '550') return callback(refuse(550, 'No such user here'));
      callback();
    },
    onData(stream, session, callback) {
      if (state.fault === 'drop-mid-data') {
        stream.once('data', () => {
          for (const socket of sockets) socket.destroy();
        });
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (state.fault === 'stall') return; // never answers
        if (state.fault === '451') return callback(refuse(451, 'Local error in processing, try again later'));
        state.accepted.push(...session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
    },
  });
  server.on('error', () => {}); // a client that vanishes is the case under test, not a failure of the sink
  server.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  running.push({
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  });
  return { url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, state };
}

async function oneDigestQueued(fault: Fault) {
  const smtp = await faultyServer();
  const app = await startTestApp({ env: { SMTP_URL: smtp.url } });
  running.push(app);
  const db = app.runtime.deps.db;
  const noon = Date.parse('2026-11-20T18:00:00Z');
  const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
  await storeItems(db, source.id, [item({ guid: 'kites', title: 'Kites on the field', publishedAt: noon })]);
  await addConfirmedSubscriber(db, 'parent@family.example');
  const editor: DeskActor = { type: 'user', id: 1, userId: 1, label: 'dana', role: 'admin' };
  const items = await listItemsPublishedBetween(db, noon - 12 * 3600_000, noon + 12 * 3600_000);
  await saveDesk(deskDepsOf(app.runtime.deps), editor, '2026-11-20', {
    entries: items.map((i) => ({ itemId: i.id })),
  });
  await publishDesk(deskDepsOf(app.runtime.deps), editor, '2026-11-20');
  const digest = (await findDigest(db, '2026-11-20'))!;
  // Short timeouts, so a server that stops answering is given up on within the test.
  const mailer = createSmtpMailer({ url: smtp.url, maxConnections: 1, timeouts: { socketMs: 1_500 } });
  running.push(mailer);
  smtp.state.fault = fault;
  const send = async () => sendDueDeliveries({ ...(await sendDepsOf(app.runtime.deps)), mailer });
  const record = async () =>
    (
      await db.query<{ state: string; last_error: string | null; attempts: number }>(
        'select state, last_error, attempts from deliveries where digest_id = ?',
        [digest.id],
      )
    )[0]!;
  return { app, smtp, digest, send, record };
}

describe('a mail server that misbehaves', () => {
  const temporary: [Fault, RegExp][] = [
    ['drop-mid-data', /connection|closed|socket/i],
    ['421', /421.*Service not available/],
    ['451', /451.*try again later/],
    ['stall', /timeout|timed out/i],
  ];
  for (const [fault, reason] of temporary)
    it(`${fault}: records a retry with the server's reason, then delivers once it behaves`, async () => {
      const { app, smtp, digest, send, record } = await oneDigestQueued(fault);
      const first = await send();
      expect(first).toMatchObject({ sent: 0, retried: 1, failed: 0 });
      const after = await record();
      expect(after.state).toBe('queued'); // not left 'sending', not lost
      expect(after.last_error).toMatch(reason);
      expect(smtp.state.accepted).toEqual([]);

      smtp.state.fault = 'none';
      expect((await send()).sent).toBe(0); // not due yet: it waits its back-off
      app.clock.advance(2 * 60_000);
      expect(await send()).toMatchObject({ sent: 1 });
      expect(await countDeliveriesByState(app.runtime.deps.db, digest.id)).toMatchObject({
        sent: 1,
        queued: 0,
        sending: 0,
      });
      expect(smtp.state.accepted).toEqual(['parent@family.example']);
    }, 30_000);

  it('550: records a bounce with the server’s reason and does not try again', async () => {
    const { app, smtp, digest, send, record } = await oneDigestQueued('550');
    expect(await send()).toMatchObject({ sent: 0, failed: 1 });
    expect(await record()).toMatchObject({
      state: 'bounced',
      last_error: expect.stringMatching(/550.*No such user/),
    });
    smtp.state.fault = 'none';
    app.clock.advance(24 * 60 * 60_000);
    expect(await send()).toMatchObject({ sent: 0, failed: 0 });
    expect(await countDeliveriesByState(app.runtime.deps.db, digest.id)).toMatchObject({
      bounced: 1,
      sending: 0,
    });
    expect(smtp.state.accepted).toEqual([]);
  });
});
