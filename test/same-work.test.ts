// Subscribing, asking for a password link and moving a subscription must not tell, by how long they take,
// whether an address is subscribed or has a staff account. Wall time cannot be asserted in a test, so these
// assert its cause: the request runs the same SQL statements and the same hashing for a known address as for
// an unknown one, and sends no email at all; the background sender sends it afterwards.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { countMessagesByState } from '../src/db/messages';
import { findSubscriberByEmail } from '../src/db/subscribers';
import { subscriptionToken } from '../src/email/subscription-tokens';
import { createClient, type Client } from './browser-client';
import { addConfirmedSubscriber } from './fixtures';
import { startSmtpSink } from './smtp-sink';
import { addUser, startTestApp, type TestApp } from './test-app';

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const thing of running.splice(0).reverse()) await thing.close();
});

type StatementMethods = Record<'run' | 'get' | 'all' | 'iterate', (...args: unknown[]) => unknown>;

/** Every SQL statement this process runs while `work` runs, in order, plus WebCrypto calls and emails sent. */
async function traceWork(app: TestApp, work: () => Promise<Response>) {
  const statements: string[] = [];
  // better-sqlite3's Statement class, whose methods every query (drizzle's and ours) goes through.
  const statementClass = Object.getPrototypeOf(
    app.runtime.sqlite.sqlite.prepare('select 1'),
  ) as StatementMethods;
  for (const method of ['run', 'get', 'all', 'iterate'] as const) {
    const original = statementClass[method];
    vi.spyOn(statementClass, method).mockImplementation(function (this: { source: string }, ...args) {
      statements.push(this.source.replace(/\s+/g, ' '));
      return original.apply(this, args);
    });
  }
  const hashing = (['digest', 'sign', 'verify', 'importKey'] as const).map((name) =>
    vi.spyOn(crypto.subtle, name),
  );
  const send = vi.spyOn(app.runtime.deps.mailer, 'send');
  try {
    const response = await work();
    return {
      status: response.status,
      location: response.headers.get('location'),
      statements,
      hashing: hashing.map((spy) => spy.mock.calls.length),
      emails: send.mock.calls.length,
    };
  } finally {
    vi.restoreAllMocks();
  }
}

async function appWithoutBackground() {
  const app = await startTestApp();
  running.push(app);
  return app;
}

describe('the same work whether or not an address is known', () => {
  it('subscribe: a subscribed address and a new one cost the same statements and hashing, and no email', async () => {
    const app = await appWithoutBackground();
    await addConfirmedSubscriber(app.runtime.deps.db, 'already@family.example');
    const post = (client: Client, email: string) => () => client.post('/subscribe', { email });
    // Each from its own client, so the per-client limit is not what differs.
    await traceWork(app, post(createClient(app.url), 'warm@family.example'));
    const known = await traceWork(app, post(createClient(app.url), 'already@family.example'));
    const fresh = await traceWork(app, post(createClient(app.url), 'new@family.example'));

    expect([known.status, known.location]).toEqual([303, '/subscribe?sent=1&lang=en']);
    expect([fresh.status, fresh.location]).toEqual([known.status, known.location]);
    expect(known.statements.length).toBeGreaterThan(3);
    expect(fresh.statements).toEqual(known.statements);
    expect(fresh.hashing).toEqual(known.hashing);
    expect([known.emails, fresh.emails]).toEqual([0, 0]);
    // Each waits for the background sender: the new addresses their confirmations, the subscribed one a note
    // with its preferences link, which its owner reads and no one watching the form can tell apart.
    expect((await countMessagesByState(app.runtime.deps.db)).queued).toBe(3);
    expect((await findSubscriberByEmail(app.runtime.deps.db, 'already@family.example'))!.status).toBe(
      'confirmed',
    );
  });

  it('forgot password: an administrator’s address and a stranger’s cost the same, and no email', async () => {
    const app = await appWithoutBackground();
    await addUser(app, 'dana@district.example', 'admin');
    const ask = async (email: string) => {
      const client = createClient(app.url);
      const csrf = await client.csrf('/admin/forgot');
      return traceWork(app, () => client.post('/admin/forgot', { _csrf: csrf, email }));
    };
    await ask('warm@district.example');
    const staff = await ask('dana@district.example');
    const stranger = await ask('nobody@district.example');

    expect([staff.status, staff.location]).toEqual([303, '/admin/forgot?sent=1']);
    expect([stranger.status, stranger.location]).toEqual([staff.status, staff.location]);
    expect(staff.statements.length).toBeGreaterThan(3);
    expect(stranger.statements).toEqual(staff.statements);
    expect(stranger.hashing).toEqual(staff.hashing);
    expect([staff.emails, stranger.emails]).toEqual([0, 0]);
    expect((await countMessagesByState(app.runtime.deps.db)).queued).toBe(1); // the administrator's only
  });

  it('address change: a new address that is subscribed and one that is not cost the same, and no email', async () => {
    const app = await appWithoutBackground();
    const db = app.runtime.deps.db;
    for (const email of ['one@family.example', 'two@family.example', 'taken@family.example'])
      await addConfirmedSubscriber(db, email);
    const move = async (from: string, to: string) => {
      const subscriber = (await findSubscriberByEmail(db, from))!;
      const token = await subscriptionToken(app.runtime.deps.signingKey, 'preferences', subscriber);
      return traceWork(app, () =>
        createClient(app.url).post(`/preferences?token=${token}`, { new_email: to }),
      );
    };
    await move('one@family.example', 'warm@family.example');
    const taken = await move('two@family.example', 'taken@family.example');
    const free = await move('one@family.example', 'free@family.example');

    expect([taken.status, free.status]).toEqual([303, 303]);
    expect(taken.statements.length).toBeGreaterThan(3);
    expect(free.statements).toEqual(taken.statements);
    expect(free.hashing).toEqual(taken.hashing);
    expect([taken.emails, free.emails]).toEqual([0, 0]);
  });
});

describe('queued messages', () => {
  it('are sent by the background sender right after the answer, over real SMTP, and recorded as sent', async () => {
    const smtp = await startSmtpSink();
    running.push(smtp);
    const app = await startTestApp({ env: { SMTP_URL: smtp.url }, scheduler: true });
    running.push(app);
    await addUser(app, 'dana@district.example', 'admin');
    const parent = createClient(app.url);
    expect((await parent.post('/subscribe', { email: 'parent@family.example' })).status).toBe(303);
    const staff = createClient(app.url);
    await staff.post('/admin/forgot', {
      _csrf: await staff.csrf('/admin/forgot'),
      email: 'dana@district.example',
    });

    const mails = await smtp.waitFor(2);
    const byRecipient = new Map(mails.map((m) => [m.envelopeTo[0], m.parsed.text ?? '']));
    expect(byRecipient.get('parent@family.example')).toMatch(/\/subscribe\/confirm\?token=/);
    expect(byRecipient.get('dana@district.example')).toMatch(/\/set-password\?token=/);
    await expect.poll(async () => (await countMessagesByState(app.runtime.deps.db)).sent).toBe(2);
    const subscriber = (await findSubscriberByEmail(app.runtime.deps.db, 'parent@family.example'))!;
    expect(subscriber.confirmSentAt).not.toBeNull();
    // The link the email carries confirms the subscription: it was made for the subscription as it is now.
    const link = new URL(
      /http:\/\/\S+\/subscribe\/confirm\?token=[\w.-]+/.exec(byRecipient.get('parent@family.example')!)![0],
    );
    const confirm = createClient(app.url);
    expect((await confirm.post(link.pathname + link.search, {})).status).toBe(303);
    expect((await findSubscriberByEmail(app.runtime.deps.db, 'parent@family.example'))!.status).toBe(
      'confirmed',
    );
  });
});
