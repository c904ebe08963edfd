// The digest email through a real SMTP server: personal selections rendered once each, district-wide posts for
// everyone, DKIM signatures verified by an independent verifier, bounces that suspend, people who left
// getting nothing; and the subscription form's strictness, rate limits and silence about who is subscribed.
import { generateKeyPairSync } from 'node:crypto';
import { dkimVerify } from 'mailauth/lib/dkim/verify';
import { afterEach, describe, expect, it } from 'vitest';
import { deskDepsOf, publishDesk, saveDesk, type DeskActor } from '../src/curate/desk';
import { findDigest } from '../src/db/digests';
import { listAudit } from '../src/db/audit';
import { listItemsPublishedBetween } from '../src/db/items';
import { findSchoolBySlug, setDistrictWideStatement } from '../src/db/schools';
import { listSources } from '../src/db/sources';
import {
  findSubscriberByEmail,
  listSubscriberSchools,
  moveSubscriptionStatements,
  recordHardBounce,
  setSubscriberLanguage,
  upsertPendingSubscriber,
} from '../src/db/subscribers';
import { subscriptionToken } from '../src/email/subscription-tokens';
import { sign } from '../src/auth/tokens';
import { DKIM_SIGNED_HEADERS } from '../src/email/smtp-mailer';
import { runHousekeeping, runSendJob } from '../src/jobs/jobs';
import { changeSetting } from '../src/settings/district-settings';
import { writeSetting } from '../src/db/settings';
import { logoDataUrl } from '../src/brand/logo';
import { stripMetadata } from '../src/pictures/strip-metadata';
import { solidPng } from './png';
import { addConfirmedSubscriber, addSchoolWithSource, item, storeItems, unsubscribe } from './fixtures';
import { createClient } from './browser-client';
import { rawHeader, startSmtpSink } from './smtp-sink';
import { addUser, startTestApp, type TestApp } from './test-app';

const NOON = Date.parse('2026-11-20T18:00:00Z');
const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of running.splice(0).reverse()) await thing.close();
});

async function appWithSink(
  options: {
    env?: Record<string, string>;
    reject?: Parameters<typeof startSmtpSink>[0] extends infer O
      ? O extends { reject?: infer R }
        ? R
        : never
      : never;
  } = {},
) {
  const smtp = await startSmtpSink({ reject: options.reject });
  running.push(smtp);
  const app = await startTestApp({ env: { SMTP_URL: smtp.url, ...options.env } });
  running.push(app);
  const editor: DeskActor = { type: 'user', id: 0, userId: 0, label: 'dana', role: 'editor' };
  editor.id = editor.userId = (await addUser(app, 'dana@district.example', 'editor')).id;
  return { app, smtp, editor };
}

/** Twelve schools and a district office, each with one post on `date`; publishes them all. */
async function twelveSchools(app: TestApp, editor: DeskActor, date = '2026-11-20', dayOffset = 0) {
  const db = app.runtime.deps.db;
  const names = ['District Office', ...Array.from({ length: 12 }, (_, n) => `School ${n + 1}`)];
  let sources = await listSources(db);
  if (sources.length === 0) {
    for (const name of names)
      await addSchoolWithSource(db, name, `https://${name.replace(/\W/g, '').toLowerCase()}.example/feed`);
    const office = (await findSchoolBySlug(db, 'district-office'))!;
    await db.batch([setDistrictWideStatement(db, office.id, true)]);
    sources = await listSources(db);
  }
  for (const source of sources) {
    await storeItems(db, source.id, [
      item({
        guid: `${source.schoolName}-${date}`,
        title: `News from ${source.schoolName}`,
        publishedAt: NOON + dayOffset + source.id * 1000,
      }),
    ]);
  }
  const start = NOON + dayOffset - 12 * 3600_000;
  const items = await listItemsPublishedBetween(db, start, start + 24 * 3600_000);
  await saveDesk(deskDepsOf(app.runtime.deps), editor, date, {
    entries: items.map((i) => ({ itemId: i.id })),
  });
  await publishDesk(deskDepsOf(app.runtime.deps), editor, date);
}

const schoolIds = async (app: TestApp, ...slugs: string[]) =>
  Promise.all(slugs.map(async (slug) => (await findSchoolBySlug(app.runtime.deps.db, slug))!.id));

describe('the digest email', () => {
  it('gives each parent the district-wide posts and their schools’ posts, rendering once per selection', async () => {
    const { app, smtp, editor } = await appWithSink();
    const db = app.runtime.deps.db;
    await twelveSchools(app, editor, '2026-11-20');
    // Published before anyone subscribed: nothing queued yet. Subscribe, then publish the next day.
    const [s1, s2, s3] = await schoolIds(app, 'school-1', 'school-2', 'school-3');
    await addConfirmedSubscriber(db, 'two-schools@family.example', [s1!, s2!]);
    await addConfirmedSubscriber(db, 'same-two@family.example', [s2!, s1!]);
    await addConfirmedSubscriber(db, 'one-school@family.example', [s3!]);
    await addConfirmedSubscriber(db, 'everything@family.example');
    await twelveSchools(app, editor, '2026-11-21', 24 * 3600_000);

    const report = await runSendJob(app.runtime.deps);
    expect(report).toMatchObject({ sent: 4, failed: 0, skipped: 0 });
    expect(report.renders).toBe(3); // {1,2} twice, {3}, and everything
    const byRecipient = new Map((await smtp.waitFor(4)).map((m) => [m.envelopeTo[0], m]));
    const headlines = (to: string) =>
      [...byRecipient.get(to)!.parsed.text!.matchAll(/^News from .+$/gm)].map((m) => m[0]).sort();
    expect(headlines('two-schools@family.example')).toEqual([
      'News from District Office',
      'News from School 1',
      'News from School 2',
    ]);
    expect(headlines('same-two@family.example')).toEqual(headlines('two-schools@family.example'));
    expect(headlines('one-school@family.example')).toEqual([
      'News from District Office',
      'News from School 3',
    ]);
    expect(headlines('everything@family.example')).toHaveLength(13);
    // Both parts carry the same posts, as real text.
    const mail = byRecipient.get('two-schools@family.example')!;
    expect(mail.parsed.html).toContain('News from School 2');
    expect(mail.parsed.html).not.toContain('News from School 3');
    // A rule between the three posts, none above the first (no intro stands there).
    expect(String(mail.parsed.html).match(/<p\s+style="border-top:solid 1px #e4e0d8/g)).toHaveLength(2);
    expect(mail.parsed.text).toContain(`View in your browser: ${app.url}/digests/2026-11-21`);
    expect(mail.parsed.messageId).toMatch(/^<digest-2026-11-21-\d+@localhost>$/);
    expect(mail.parsed.date).toBeInstanceOf(Date);
    expect(rawHeader(mail.raw, 'List-Id')).toBe(`"What happened yesterday" <digest.127.0.0.1>`);
  });

  it('draws a wide logo wide in the masthead, and a square one square', async () => {
    const { app, smtp, editor } = await appWithSink();
    const db = app.runtime.deps.db;
    // A banner four times as wide as it is high, as a district's wordmark often is.
    await writeSetting(db, 'logo', logoDataUrl(stripMetadata(solidPng(400, 100, [31, 58, 95]))), NOON);
    await addConfirmedSubscriber(db, 'parent@family.example');
    await twelveSchools(app, editor, '2026-11-20');
    await runSendJob(app.runtime.deps);
    const [wide] = await smtp.waitFor(1);
    expect(wide!.parsed.html).toMatch(
      /<img src="[^"]*logo" alt="" width="192" height="48"\s+style="[^"]*width:192px;/,
    );
    // The dark variant is the masthead's when there is one, with its own shape.
    await writeSetting(db, 'logo_dark', logoDataUrl(stripMetadata(solidPng(60, 60, [255, 255, 255]))), NOON);
    await twelveSchools(app, editor, '2026-11-21', 24 * 3600_000);
    await runSendJob(app.runtime.deps);
    const square = (await smtp.waitFor(2))[1]!;
    expect(square.parsed.html).toMatch(/<img src="[^"]*\/logo\/dark" alt="" width="48" height="48"/);
    // Links are written as they are, not as entities that a link scanner reading the raw href may not decode.
    expect(square.parsed.html).not.toMatch(/&#x2F;|&#x3D;/);
  });

  it('names the day of a digest published late instead of calling it yesterday', async () => {
    const { app, smtp, editor } = await appWithSink();
    await addConfirmedSubscriber(app.runtime.deps.db, 'parent@family.example');
    // Tuesday’s digest, published on Saturday (the test clock’s day).
    await twelveSchools(app, editor, '2026-11-17', -3 * 24 * 3600_000);
    await runSendJob(app.runtime.deps);
    const [late] = await smtp.waitFor(1);
    expect(late!.parsed.subject).toBe('What happened on Tuesday, November 17, 2026');
    expect(late!.parsed.html).toMatch(/<h1 [^>]*>What happened on Tuesday<\/h1>/);
    expect(late!.parsed.text).toMatch(/^What happened on Tuesday\nTuesday, November 17, 2026$/m);
  });

  it('sends nothing to a parent whose schools have nothing that day and no district-wide post', async () => {
    const { app, smtp, editor } = await appWithSink();
    const db = app.runtime.deps.db;
    const { source, school } = await addSchoolWithSource(
      db,
      'Lincoln Elementary',
      'https://lincoln.example/feed',
    );
    const quiet = await addSchoolWithSource(db, 'Quiet School', 'https://quiet.example/feed');
    await addConfirmedSubscriber(db, 'lincoln@family.example', [school.id]);
    await addConfirmedSubscriber(db, 'quiet@family.example', [quiet.school.id]);
    await storeItems(db, source.id, [item({ guid: 'a', title: 'Kites', publishedAt: NOON })]);
    const [post] = await listItemsPublishedBetween(db, 0, NOON * 2);
    await saveDesk(deskDepsOf(app.runtime.deps), editor, '2026-11-20', { entries: [{ itemId: post!.id }] });
    const { queued } = await publishDesk(deskDepsOf(app.runtime.deps), editor, '2026-11-20');
    expect(queued).toBe(1);
    await runSendJob(app.runtime.deps);
    expect((await smtp.waitFor(1)).map((m) => m.envelopeTo[0])).toEqual(['lincoln@family.example']);
  });

  it('signs with DKIM when configured, covering both List-Unsubscribe headers, and the signature verifies', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const { app, smtp, editor } = await appWithSink({
      env: {
        DKIM_DOMAIN: 'district.example',
        DKIM_SELECTOR: 'yesterday',
        DKIM_PRIVATE_KEY: pem,
        MAIL_FROM: 'Lakeside Schools <digest@district.example>',
      },
    });
    await addConfirmedSubscriber(app.runtime.deps.db, 'parent@family.example');
    await twelveSchools(app, editor);
    await runSendJob(app.runtime.deps);
    const [mail] = await smtp.waitFor(1);
    const dns = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const resolver = async (name: string, type: string) => {
      if (type === 'TXT' && name === 'yesterday._domainkey.district.example')
        return [[`v=DKIM1; k=rsa; p=${dns}`]];
      const error = new Error(`no ${type} record for ${name}`) as Error & { code: string };
      error.code = 'ENOTFOUND';
      throw error;
    };
    const verified = await dkimVerify(Buffer.from(mail!.raw), { resolver });
    expect(verified.results).toHaveLength(1);
    const result = verified.results[0]!;
    expect(result.status.result).toBe('pass');
    expect(result.signingDomain).toBe('district.example');
    const signed: string[] = result.signingHeaders.keys.split(': ').map((h: string) => h.toLowerCase());
    expect(signed).toEqual(
      expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post', 'from', 'subject']),
    );
    expect(DKIM_SIGNED_HEADERS).toContain('list-unsubscribe-post');

    // Tampering with the unsubscribe link breaks the signature.
    const tampered = mail!.raw.replace(
      /List-Unsubscribe: <([^>]+)>/,
      'List-Unsubscribe: <https://evil.example/u>',
    );
    const broken = await dkimVerify(Buffer.from(tampered), { resolver });
    expect(broken.results[0]!.status.result).toBe('fail');
  });

  it('records hard bounces and suspends an address after two in a row; the other addresses are unaffected', async () => {
    const { app, smtp, editor } = await appWithSink({
      reject: (to) => (to === 'gone@family.example' ? '550 5.1.1 No such mailbox' : undefined),
    });
    const db = app.runtime.deps.db;
    await addConfirmedSubscriber(db, 'gone@family.example');
    await addConfirmedSubscriber(db, 'here@family.example');
    await twelveSchools(app, editor, '2026-11-20');
    expect(await runSendJob(app.runtime.deps)).toMatchObject({ sent: 1, failed: 1, suspended: 0 });
    expect((await findSubscriberByEmail(db, 'gone@family.example'))!.status).toBe('confirmed');
    await twelveSchools(app, editor, '2026-11-21', 24 * 3600_000);
    expect(await runSendJob(app.runtime.deps)).toMatchObject({ sent: 1, failed: 1, suspended: 1 });
    expect(await findSubscriberByEmail(db, 'gone@family.example')).toMatchObject({
      status: 'suspended',
      bounceCount: 2,
    });
    expect(app.logs.some((line) => line.includes('address suspended after repeated hard bounces'))).toBe(
      true,
    );
    expect(smtp.received.map((m) => m.envelopeTo[0])).toEqual(['here@family.example', 'here@family.example']);
  });

  it('sends nothing to someone who unsubscribed after the digest was queued', async () => {
    const { app, smtp, editor } = await appWithSink();
    const db = app.runtime.deps.db;
    await addConfirmedSubscriber(db, 'leaving@family.example');
    await addConfirmedSubscriber(db, 'staying@family.example');
    await twelveSchools(app, editor);
    await unsubscribe(db, (await findSubscriberByEmail(db, 'leaving@family.example'))!.id, Date.now());
    expect(await runSendJob(app.runtime.deps)).toMatchObject({ sent: 1, skipped: 1 });
    expect(smtp.received.map((m) => m.envelopeTo[0])).toEqual(['staying@family.example']);
    expect((await findDigest(db, '2026-11-20'))!.status).toBe('published');
  });
});

describe('subscribing', () => {
  it('refuses anything but one plain address, with a sentence, and stores and sends nothing', async () => {
    const { app, smtp } = await appWithSink();
    const cases: [string, string][] = [
      ['parent@family.example\r\nBcc: victim@else.example', 'An email address cannot contain line breaks.'],
      [
        'parent@family.example%0ABcc:x@y.example',
        'That does not look like an email address. It should look like parent@example.com.',
      ],
      ['Parent <parent@family.example>', 'An email address cannot contain spaces.'],
      [
        '<parent@family.example>',
        'Type only the address itself, like parent@example.com, without a name or brackets.',
      ],
      ['parent@family.example, other@family.example', 'An email address cannot contain spaces.'],
      ['parent@family.example;other@family.example', 'Enter one email address only.'],
      [
        '(comment)parent@family.example',
        'Type only the address itself, like parent@example.com, without a name or brackets.',
      ],
      [
        '"quoted"@family.example',
        'Type only the address itself, like parent@example.com, without a name or brackets.',
      ],
      [
        'parent@@family.example',
        'That does not look like an email address. It should look like parent@example.com.',
      ],
      ['parent@family', 'The part after the @ is not a valid domain, like example.com.'],
      ['parent..name@family.example', 'The part before the @ has characters an email address cannot use.'],
      ['', 'Enter your email address.'],
    ];
    for (const [email, message] of cases) {
      const client = createClient(app.url);
      const response = await client.post('/subscribe', { email });
      expect(response.status, JSON.stringify(email)).toBe(400);
      const page = await response.text();
      expect(page, JSON.stringify(email)).toContain(message.replace(/'/g, '&#39;'));
      // The page opens on the field, to mend it (no script needed).
      expect(page).toMatch(
        /<input type="email"[^>]* aria-invalid="true" aria-describedby="email-error" autofocus=""/,
      );
    }
    expect(smtp.received).toEqual([]);
    const rows = app.runtime.sqlite.sqlite.prepare('select count(*) as n from subscribers').get() as {
      n: number;
    };
    expect(rows.n).toBe(0);
  });

  it('answers the same whether or not the address is subscribed, records consent, and limits requests', async () => {
    const { app, smtp } = await appWithSink();
    const db = app.runtime.deps.db;
    await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    await addConfirmedSubscriber(db, 'already@family.example');
    const client = createClient(app.url);
    const known = await client.post('/subscribe', { email: 'already@family.example' });
    const fresh = await client.post('/subscribe', {
      email: 'new@family.example',
      schools: 'lincoln-elementary',
    });
    expect([known.status, known.headers.get('location')]).toEqual([
      fresh.status,
      fresh.headers.get('location'),
    ]);
    await app.sendQueuedMail();
    await smtp.waitFor(2);
    // The new address gets its confirmation; the subscribed one, which asked again (to add a school, say), its
    // preferences link: the form said the same to both.
    const to = (address: string) => smtp.received.find((m) => m.envelopeTo[0] === address)!;
    expect(to('new@family.example').parsed.text).toContain('/subscribe/confirm?token=');
    const already = to('already@family.example');
    expect(already.parsed.subject).toBe('You already receive Our School District’s daily digest');
    expect(already.parsed.text).toMatch(/Choose schools: http:\/\/\S+\/preferences\?token=[\w.-]+/);
    expect(already.parsed.text).not.toContain('/subscribe/confirm');
    expect((await findSubscriberByEmail(db, 'already@family.example'))!.status).toBe('confirmed');
    // One such note a day: the form can be sent for anyone's address, and it is not to fill their mailbox.
    expect((await client.post('/subscribe', { email: 'already@family.example' })).status).toBe(303);
    await app.sendQueuedMail();
    expect(smtp.received.filter((m) => m.envelopeTo[0] === 'already@family.example')).toHaveLength(1);
    expect(await findSubscriberByEmail(db, 'new@family.example')).toMatchObject({
      status: 'pending',
      consentSource: 'form',
      consentSchools: '["lincoln-elementary"]',
      consentText: expect.stringContaining('I would like to receive the daily digest by email.'),
      consentAt: expect.any(Number),
    });

    // Per address: three requests an hour; the fourth is refused with a sentence.
    for (let n = 0; n < 2; n++)
      expect((await client.post('/subscribe', { email: 'new@family.example' })).status).toBe(303);
    const limited = await client.post('/subscribe', { email: 'new@family.example' });
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain('too many requests from here');
    // The same mailbox under a sub-address is the same mailbox.
    expect((await client.post('/subscribe', { email: 'New+again@family.example' })).status).toBe(429);
    // Per client: a hundred an hour (an open house behind one school Wi-Fi), whatever the addresses; five
    // of them were the sign-ups above.
    const answers: number[] = [];
    for (let n = 0; n < 96; n++)
      answers.push((await client.post('/subscribe', { email: `many${n}@family.example` })).status);
    expect(answers.filter((status) => status === 303)).toHaveLength(95);
    expect(answers.at(-1)).toBe(429);
  });
});

describe('a mistyped provider', () => {
  it('is asked about before anything is sent, and either answer subscribes with everything else as chosen', async () => {
    const { app } = await appWithSink();
    const db = app.runtime.deps.db;
    await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    await addSchoolWithSource(db, 'Washington Middle', 'https://washington.example/feed');
    const client = createClient(app.url);
    const count = () =>
      (app.runtime.sqlite.sqlite.prepare('select count(*) as n from subscribers').get() as { n: number }).n;

    const asked = await client.post('/subscribe', {
      email: 'ana@gmial.com',
      schools: ['lincoln-elementary'],
    });
    expect(asked.status).toBe(200);
    const page = await asked.text();
    expect(page).toContain('Did you mean ana@gmail.com? Nothing has been sent yet.');
    expect(page).toContain('name="email_suggested" value="ana@gmail.com"');
    expect(page).toContain('name="address_checked" value="ana@gmial.com"');
    expect(page).toMatch(/value="lincoln-elementary" checked=""/);
    // Its two answers are the way on; the question alone describes the field.
    expect(page).not.toContain('>Subscribe</button>');
    expect(page).toContain('aria-describedby="email-suggestion"');
    expect(page).not.toContain('autofocus');
    expect(page).toMatch(/<p role="alert" id="email-suggestion">Did you mean/);
    expect(count()).toBe(0);

    // Yes: the suggestion, with the school chosen.
    const yes = await client.post('/subscribe', {
      email: 'ana@gmial.com',
      suggested_for: 'ana@gmial.com',
      email_suggested: 'ana@gmail.com',
      schools: ['lincoln-elementary'],
    });
    expect(yes.status).toBe(303);
    const ana = (await findSubscriberByEmail(db, 'ana@gmail.com'))!;
    expect(ana.status).toBe('pending');
    expect((await listSubscriberSchools(db, ana.id)).map((s) => s.slug)).toEqual(['lincoln-elementary']);
    expect(await findSubscriberByEmail(db, 'ana@gmial.com')).toBeUndefined();
    // No: the address as typed.
    const no = await client.post('/subscribe', { email: 'bo@gmial.com', address_checked: 'bo@gmial.com' });
    expect(no.status).toBe(303);
    expect((await findSubscriberByEmail(db, 'bo@gmial.com'))!.status).toBe('pending');
    // Neither, the field changed instead (and Enter pressed the first button): what is in the field now.
    await client.post('/subscribe', {
      email: 'cy@outlook.com',
      suggested_for: 'cy@gmial.com',
      email_suggested: 'cy@gmail.com',
    });
    expect(await findSubscriberByEmail(db, 'cy@outlook.com')).toBeDefined();
    expect(await findSubscriberByEmail(db, 'cy@gmail.com')).toBeUndefined();

    // In the embed on the district's site, in the form's language, the Subscribe button giving way to the answers.
    await changeSetting(db, 'languages', 'en,es', app.clock.now());
    const embedded = await client.post('/subscribe?embed=1', {
      email: 'dee@hotmial.com',
      schools: ['washington-middle'],
      language: 'es',
      form_language: 'es',
    });
    expect(embedded.status).toBe(200);
    const embedPage = await embedded.text();
    expect(embedPage).toContain('¿Quiso decir dee@hotmail.com? Todavía no se ha enviado nada.');
    expect(embedPage).toContain('name="schools" value="washington-middle"');
    expect(embedPage).not.toContain('>Suscribirse</button>');
    const fixed = await client.post('/subscribe?embed=1', {
      email: 'dee@hotmial.com',
      suggested_for: 'dee@hotmial.com',
      email_suggested: 'dee@hotmail.com',
      schools: ['washington-middle'],
      language: 'es',
      form_language: 'es',
    });
    expect(fixed.status).toBe(303);
    const dee = (await findSubscriberByEmail(db, 'dee@hotmail.com'))!;
    expect(dee.language).toBe('es');
    expect((await listSubscriberSchools(db, dee.id)).map((s) => s.slug)).toEqual(['washington-middle']);
  });
});

describe('preferences', () => {
  const tokenFor = async (app: TestApp, purpose: 'preferences' | 'unsubscribe', email: string) =>
    subscriptionToken(
      app.runtime.deps.signingKey,
      purpose,
      (await findSubscriberByEmail(app.runtime.deps.db, email))!,
    );

  it('saves schools and language, then shows the page again by a redirect, so a reload sends nothing', async () => {
    const { app } = await appWithSink();
    const db = app.runtime.deps.db;
    await changeSetting(db, 'languages', 'en,es', app.clock.now());
    const { school: lincoln } = await addSchoolWithSource(
      db,
      'Lincoln Elementary',
      'https://lincoln.example/feed',
    );
    await addSchoolWithSource(db, 'Roosevelt Middle', 'https://roosevelt.example/feed');
    await addConfirmedSubscriber(db, 'maria@family.example', [lincoln.id]);
    const prefs = `/preferences?token=${await tokenFor(app, 'preferences', 'maria@family.example')}`;
    const client = createClient(app.url);

    const saved = await client.post(prefs, { schools: ['roosevelt-middle'], language: 'es' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${prefs}&saved=1`);
    const subscriber = (await findSubscriberByEmail(db, 'maria@family.example'))!;
    expect(subscriber.language).toBe('es');
    expect((await listSubscriberSchools(db, subscriber.id)).map((s) => s.slug)).toEqual(['roosevelt-middle']);
    const page = await (await client.get(`${prefs}&saved=1`)).text();
    expect(page).toContain('<html lang="es"');
    expect(page).toContain('Sus preferencias se guardaron.');
    expect(page).toMatch(/value="roosevelt-middle" checked=""/);
    expect(page).not.toMatch(/value="lincoln-elementary" checked=""/);
  });

  it('unsubscribes from the page by a redirect, so a reload sends nothing, with the way to subscribe again', async () => {
    const { app } = await appWithSink();
    await addConfirmedSubscriber(app.runtime.deps.db, 'leaving@family.example');
    const link = `/unsubscribe?token=${await tokenFor(app, 'unsubscribe', 'leaving@family.example')}`;
    const client = createClient(app.url);
    const left = await client.post(link, {});
    expect(left.status).toBe(303);
    expect(left.headers.get('location')).toBe(`${link}&done=1`);
    const page = await (await client.get(`${link}&done=1`)).text();
    expect(page).toContain('leaving@family.example will receive no more email from the daily digest.');
    expect(page).toContain(
      'Unsubscribed by mistake? Within a day of leaving, one press starts the daily digest again at leaving@family.example, for the same schools.',
    );
    expect(page).toContain(`action="${link.replace('/unsubscribe?', '/unsubscribe/undo?')}"`);
    expect((await findSubscriberByEmail(app.runtime.deps.db, 'leaving@family.example'))!.status).toBe(
      'unsubscribed',
    );
    // A mail program's one-click (RFC 8058), in the multipart body the RFC asks for: a plain 200.
    await addConfirmedSubscriber(app.runtime.deps.db, 'mailer@family.example');
    const body = new FormData();
    body.set('List-Unsubscribe', 'One-Click');
    const oneClick = await fetch(
      `${app.url}/unsubscribe?token=${await tokenFor(app, 'unsubscribe', 'mailer@family.example')}`,
      { method: 'POST', body, redirect: 'manual' },
    );
    expect([oneClick.status, await oneClick.text()]).toEqual([200, 'Unsubscribed.']);
    expect((await findSubscriberByEmail(app.runtime.deps.db, 'mailer@family.example'))!.status).toBe(
      'unsubscribed',
    );
  });

  it('takes back an unsubscribing for a day with one press, keeping the schools; after that, subscribing is afresh', async () => {
    const { app } = await appWithSink();
    const db = app.runtime.deps.db;
    const { school } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    await addConfirmedSubscriber(db, 'oops@family.example', [school.id]);
    const link = `/unsubscribe?token=${await tokenFor(app, 'unsubscribe', 'oops@family.example')}`;
    const undo = link.replace('/unsubscribe?', '/unsubscribe/undo?');
    const client = createClient(app.url);
    const status = async () => (await findSubscriberByEmail(db, 'oops@family.example'))!.status;
    await client.post(link, {});
    expect(await status()).toBe('unsubscribed');

    app.clock.advance(3 * 3600_000);
    const back = await client.post(undo, {});
    expect(back.status).toBe(303);
    // It lands on the unsubscribe page, which says so: an unsubscribe link never opens the preferences.
    expect(back.headers.get('location')).toBe(`${link}&again=1`);
    expect(await status()).toBe('confirmed');
    const subscriber = (await findSubscriberByEmail(db, 'oops@family.example'))!;
    expect(subscriber.unsubscribedAt).toBeNull();
    expect((await listSubscriberSchools(db, subscriber.id)).map((s) => s.slug)).toEqual([
      'lincoln-elementary',
    ]);
    const page = await (await client.get(`${link}&again=1`)).text();
    expect(page).toContain(
      'oops@family.example receives the daily digest again, for the same schools and in the same language. To change them, use the Choose schools link at the bottom of any digest.',
    );
    expect(page).not.toContain('/preferences');
    const [entry] = await listAudit(db, { action: 'subscriber.resubscribe', limit: 5 });
    expect(entry).toMatchObject({ subjectId: String(subscriber.id), actorType: 'public' });
    // Pressed again, or by someone holding an old email while subscribed: nothing changes, nothing is recorded,
    // and the page says they are subscribed.
    expect((await client.post(undo, {})).headers.get('location')).toBe(`${link}&again=1`);
    expect(await listAudit(db, { action: 'subscriber.resubscribe', limit: 5 })).toHaveLength(1);
    expect(await listAudit(db, { action: 'subscriber.unsubscribe', limit: 5 })).toHaveLength(1);

    // A day after leaving, the page offers the sign-up form instead, and the old button changes nothing.
    await client.post(link, {});
    app.clock.advance(24 * 3600_000 + 1);
    const later = await (await client.get(`${link}&done=1`)).text();
    expect(later).not.toContain('/unsubscribe/undo');
    expect(later).toMatch(/<a href="\/subscribe">Subscribe again<\/a>/);
    const late = await client.post(undo, {});
    expect(late.headers.get('location')).toBe(link);
    expect(await status()).toBe('unsubscribed');

    // Never confirmed: leaving is not undone into a subscription nobody confirmed.
    await client.post('/subscribe', { email: 'never@family.example' });
    const neverLink = `/unsubscribe?token=${await tokenFor(app, 'unsubscribe', 'never@family.example')}`;
    await client.post(neverLink, {});
    expect(await (await client.get(`${neverLink}&done=1`)).text()).not.toContain('/unsubscribe/undo');
    await client.post(neverLink.replace('/unsubscribe?', '/unsubscribe/undo?'), {});
    expect((await findSubscriberByEmail(db, 'never@family.example'))!.status).toBe('unsubscribed');

    // Moved to an address that already had a subscription: the old one ended by moving, and is not brought back.
    await addConfirmedSubscriber(db, 'from@family.example', [school.id]);
    await addConfirmedSubscriber(db, 'to@family.example', []);
    const from = (await findSubscriberByEmail(db, 'from@family.example'))!;
    const fromLink = `/unsubscribe?token=${await tokenFor(app, 'unsubscribe', 'from@family.example')}`;
    await db.batch(
      moveSubscriptionStatements(
        db,
        from,
        'to@family.example',
        (await findSubscriberByEmail(db, 'to@family.example'))!,
        [school.id],
        'n-moved-here',
        app.clock.now(),
      ),
    );
    expect((await findSubscriberByEmail(db, 'from@family.example'))!.status).toBe('unsubscribed');
    expect(await (await client.get(fromLink)).text()).not.toContain('/unsubscribe/undo');
    await client.post(fromLink.replace('/unsubscribe?', '/unsubscribe/undo?'), {});
    expect((await findSubscriberByEmail(db, 'from@family.example'))!.status).toBe('unsubscribed');
  });

  it('moves a subscription to a new address only once the new address confirms, and retires old links', async () => {
    const { app, smtp } = await appWithSink();
    const db = app.runtime.deps.db;
    const { school } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    await addConfirmedSubscriber(db, 'old@family.example', [school.id]);
    const prefs = `/preferences?token=${await tokenFor(app, 'preferences', 'old@family.example')}`;
    const oldUnsubscribe = `/unsubscribe?token=${await tokenFor(app, 'unsubscribe', 'old@family.example')}`;
    const client = createClient(app.url);

    const bad = await client.post(prefs, { new_email: 'New Parent <new@family.example>' });
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    expect(badPage).toContain('An email address cannot contain spaces.');
    expect(badPage).toMatch(
      /id="new-email"[^>]* aria-invalid="true" aria-describedby="address-notice" autofocus=""/,
    );

    // Answered with a redirect to the page, which says what happened (a reload sends nothing again).
    const asked = await client.post(prefs, { new_email: 'new@family.example' });
    expect(asked.status).toBe(303);
    expect(asked.headers.get('location')).toBe(`${prefs}&sent=1`);
    expect(await (await client.get(`${prefs}&sent=1`)).text()).toContain(
      'A confirmation link is on its way to new@family.example.',
    );
    expect((await findSubscriberByEmail(db, 'old@family.example'))!.pendingEmail).toBe('new@family.example');
    await app.sendQueuedMail();
    const [mail] = await smtp.waitFor(1);
    expect(mail!.envelopeTo).toEqual(['new@family.example']);
    expect(rawHeader(mail!.raw, 'content-language')).toBe('en');
    const link = /https?:\/\/\S+\/preferences\/address\?token=[\w.-]+/.exec(mail!.parsed.text!)![0];
    const path = new URL(link).pathname + new URL(link).search;

    // Opening the link (as a mail scanner would) changes nothing; the button does.
    expect(await (await client.get(path)).text()).toContain('instead of old@family.example');
    expect(await findSubscriberByEmail(db, 'new@family.example')).toBeUndefined();
    // The button leads, by a redirect (a reload moves nothing again), to the subscription's own page at its new
    // address, with a link that works: the new address has no email with one until the next digest.
    const moved = await client.post(path, {});
    expect(moved.status).toBe(303);
    const page = moved.headers.get('location')!;
    expect(page).toMatch(/^\/preferences\?token=[\w.-]+&moved=1$/);
    const shown = await (await client.get(page)).text();
    expect(shown).toContain(
      '<div class="message" role="status"><p>The daily digest now goes to new@family.example.',
    );
    expect(shown).toContain('name="schools"');
    const subscriber = (await findSubscriberByEmail(db, 'new@family.example'))!;
    expect(subscriber).toMatchObject({ status: 'confirmed', pendingEmail: null });
    expect(await findSubscriberByEmail(db, 'old@family.example')).toBeUndefined();
    // The schools came along; links from emails to the old address stop working.
    expect((await listSubscriberSchools(db, subscriber.id)).map((s) => s.slug)).toEqual([
      'lincoln-elementary',
    ]);
    const oldLink = await client.get(oldUnsubscribe);
    expect(oldLink.status).toBe(404);
    // A way out for whoever has no newer email at hand: signing up again emails the address a new link.
    const oldPage = await oldLink.text();
    expect(oldPage).toContain('we email it a new link, to choose its schools or stop the emails');
    expect(oldPage).toMatch(/<a [^>]*href="\/subscribe"[^>]*>Get a new link by email<\/a>/);
    // The link used again says where the subscription went, not to look in an email the new address lacks.
    const again = await client.post(path, {});
    expect(again.status).toBe(404);
    expect(await again.text()).toContain('the digest already goes to the new address');
    expect((await client.get(page)).status).toBe(200);

    // The address it left is told that it moved (not where: someone else may read it), and how to subscribe
    // it again.
    await app.sendQueuedMail();
    const [, note] = await smtp.waitFor(2);
    expect(note!.envelopeTo).toEqual(['old@family.example']);
    expect(rawHeader(note!.raw, 'content-language')).toBe('en');
    expect(note!.parsed.subject).toBe('Your subscription to Our School District’s daily digest has moved');
    expect(note!.parsed.text).toContain(
      'Someone, probably you, moved Our School District’s daily digest from old@family.example to another address',
    );
    expect(note!.parsed.text).not.toContain('new@family.example');
    expect(note!.parsed.text).toContain('If you did not ask for this, you can subscribe this address again');
    expect(note!.parsed.text).toMatch(/Subscribe again: http:\/\/\S+\/subscribe\n/);
    expect(note!.parsed.text).not.toMatch(/token=/);
  });

  it('merges into an existing subscription of the new address instead of making two', async () => {
    const { app, smtp } = await appWithSink();
    const db = app.runtime.deps.db;
    await changeSetting(db, 'languages', 'en,es', 1);
    const first = await addConfirmedSubscriber(db, 'first@family.example');
    await setSubscriberLanguage(db, first.id, 'es', 1);
    await addConfirmedSubscriber(db, 'second@family.example');
    const client = createClient(app.url);
    const prefs = `/preferences?token=${await tokenFor(app, 'preferences', 'first@family.example')}`;
    await client.post(prefs, { new_email: 'second@family.example' });
    await app.sendQueuedMail();
    const [mail] = await smtp.waitFor(1);
    const link = /https?:\/\/\S+\/preferences\/address\?token=[\w.-]+/.exec(mail!.parsed.text!)![0];
    await client.post(new URL(link).pathname + new URL(link).search, {});
    expect((await findSubscriberByEmail(db, 'first@family.example'))!.status).toBe('unsubscribed');
    // The subscription moved as it was: its schools and its language.
    expect(await findSubscriberByEmail(db, 'second@family.example')).toMatchObject({
      status: 'confirmed',
      language: 'es',
    });
    const confirmed = app.runtime.sqlite.sqlite
      .prepare("select count(*) as n from subscribers where status = 'confirmed'")
      .get() as { n: number };
    expect(confirmed.n).toBe(1);
    await app.sendQueuedMail();
    const [, note] = await smtp.waitFor(2);
    expect(note!.envelopeTo).toEqual(['first@family.example']);
    // In the language the subscription had.
    expect(note!.parsed.text).toContain('de first@family.example a otra dirección');
  });

  it('tells the address it left nothing if it is subscribed again before the note goes', async () => {
    const { app, smtp } = await appWithSink();
    const db = app.runtime.deps.db;
    await addConfirmedSubscriber(db, 'first@family.example');
    const client = createClient(app.url);
    const move = async (from: string, to: string) => {
      await client.post(`/preferences?token=${await tokenFor(app, 'preferences', from)}`, { new_email: to });
      const subscriber = (await findSubscriberByEmail(db, from))!;
      const token = await subscriptionToken(app.runtime.deps.signingKey, 'address', {
        ...subscriber,
        pendingEmail: to,
      });
      expect((await client.post(`/preferences/address?token=${token}`, {})).status).toBe(303);
    };
    // There and back before the sender runs: neither address has lost anything.
    await move('first@family.example', 'second@family.example');
    await move('second@family.example', 'first@family.example');
    await app.sendQueuedMail();
    const notes = smtp.received.filter((m) => /has moved/.test(m.parsed.subject ?? ''));
    expect(notes.map((m) => m.envelopeTo[0])).toEqual(['second@family.example']);
    const skipped = app.runtime.sqlite.sqlite
      .prepare(
        "select state from messages where kind = 'address-moved' and to_address = 'first@family.example'",
      )
      .get() as { state: string };
    expect(skipped.state).toBe('skipped');
  });
});

describe('links after the subscription has ended', () => {
  const tokenFor = async (app: TestApp, purpose: 'confirm' | 'preferences' | 'unsubscribe', email: string) =>
    subscriptionToken(
      app.runtime.deps.signingKey,
      purpose,
      (await findSubscriberByEmail(app.runtime.deps.db, email))!,
    );

  it('never say an old confirmation link subscribed someone who unsubscribed, nor bring them back', async () => {
    const { app } = await appWithSink({ env: {} });
    const db = app.runtime.deps.db;
    const client = createClient(app.url);
    await client.post('/subscribe', { email: 'maria@family.example', language: 'en' });
    const confirm = `/subscribe/confirm?token=${await tokenFor(app, 'confirm', 'maria@family.example')}`;
    const prefs = `/preferences?token=${await tokenFor(app, 'preferences', 'maria@family.example')}`;
    await client.post(confirm, {});
    const subscriber = (await findSubscriberByEmail(db, 'maria@family.example'))!;
    expect(subscriber.status).toBe('confirmed');
    await unsubscribe(db, subscriber.id, app.clock.now());

    for (const answer of [await client.get(confirm), await client.post(confirm, {})]) {
      const page = await answer.text();
      expect(answer.status).toBe(200);
      expect(page).toContain('This address is not subscribed');
      expect(page).toContain('maria@family.example is no longer subscribed');
      expect(page).toContain('<a href="/subscribe">Subscribe again</a>');
      expect(page).not.toContain('Thank you');
    }
    expect((await findSubscriberByEmail(db, 'maria@family.example'))!.status).toBe('unsubscribed');

    const preferences = await client.get(prefs);
    expect(preferences.status).toBe(200);
    expect(await preferences.text()).toContain(
      'maria@family.example no longer receives the daily digest, so there are no choices to make.',
    );
  });

  it('keep an unsubscribe link working after the address signs up again, and links made before it', async () => {
    const { app } = await appWithSink({ env: {} });
    const db = app.runtime.deps.db;
    const client = createClient(app.url);
    const signUp = async () => {
      await client.post('/subscribe', { email: 'ana@family.example', language: 'en' });
      await client.post(
        `/subscribe/confirm?token=${await tokenFor(app, 'confirm', 'ana@family.example')}`,
        {},
      );
      expect((await findSubscriberByEmail(db, 'ana@family.example'))!.status).toBe('confirmed');
    };
    await signUp();
    const first = (await findSubscriberByEmail(db, 'ana@family.example'))!;
    // In an email of the first subscription; and one as links were made before they were signed over the address.
    const fromOldEmail = `/unsubscribe?token=${await tokenFor(app, 'unsubscribe', 'ana@family.example')}`;
    const madeBefore = `/unsubscribe?token=${first.id}.${await sign(app.runtime.deps.signingKey, `unsubscribe:${first.id}:${first.tokenNonce}`)}`;
    await unsubscribe(db, first.id, app.clock.now());
    await signUp();
    const left = await client.post(fromOldEmail, {});
    expect(left.status).toBe(303);
    expect((await findSubscriberByEmail(db, 'ana@family.example'))!.status).toBe('unsubscribed');
    // The old kind still works for the subscription it was made for (here, until the address signed up again).
    expect((await client.get(madeBefore)).status).toBe(404);
    await addConfirmedSubscriber(db, 'ben@family.example');
    const ben = (await findSubscriberByEmail(db, 'ben@family.example'))!;
    const bensOld = `/unsubscribe?token=${ben.id}.${await sign(app.runtime.deps.signingKey, `unsubscribe:${ben.id}:${ben.tokenNonce}`)}`;
    expect((await client.post(bensOld, {})).status).toBe(303);
    expect((await findSubscriberByEmail(db, 'ben@family.example'))!.status).toBe('unsubscribed');
    // Another subscription's link, or one for another address, unsubscribes nobody else.
    await addConfirmedSubscriber(db, 'cy@family.example');
    const cy = (await findSubscriberByEmail(db, 'cy@family.example'))!;
    const forged = `/unsubscribe?token=${cy.id}.${fromOldEmail.split('.').at(-1)}`;
    expect((await client.post(forged, {})).status).toBe(404);
    expect((await findSubscriberByEmail(db, 'cy@family.example'))!.status).toBe('confirmed');
  });

  it('let an address suspended after bounces unsubscribe, and say why nothing comes', async () => {
    const { app } = await appWithSink({ env: {} });
    const db = app.runtime.deps.db;
    const { id } = await addConfirmedSubscriber(db, 'full@family.example');
    // Two hard bounces in a row suspended it; the links of the emails it did get still work.
    expect(await recordHardBounce(db, id, 1)).toBe(false);
    expect(await recordHardBounce(db, id, 2)).toBe(true);
    const client = createClient(app.url);
    const prefs = await client.get(
      `/preferences?token=${await tokenFor(app, 'preferences', 'full@family.example')}`,
    );
    expect(await prefs.text()).toContain(
      'full@family.example gets no email from us for now: the last ones could not be delivered to it.',
    );
    const leave = `/unsubscribe?token=${await tokenFor(app, 'unsubscribe', 'full@family.example')}`;
    expect(await (await client.get(leave)).text()).toContain('Unsubscribe');
    const left = await client.post(leave, {});
    expect(left.status).toBe(303);
    expect(await (await client.get(left.headers.get('location')!)).text()).toContain(
      'full@family.example will receive no more email from the daily digest.',
    );
    expect((await findSubscriberByEmail(db, 'full@family.example'))!.status).toBe('unsubscribed');
    // Pressed again, or by the mail program's one-click: nothing more happens, and nothing more is recorded.
    await client.post(leave, { 'List-Unsubscribe': 'One-Click' });
    const recorded = app.runtime.sqlite.sqlite
      .prepare("select count(*) as n from audit_log where action = 'subscriber.unsubscribe'")
      .get() as { n: number };
    expect(recorded.n).toBe(1);
  });

  it('say what to do for what each link was for, without telling someone leaving to subscribe', async () => {
    const { app } = await appWithSink();
    const client = createClient(app.url);
    const unsubscribeText = await (await client.get('/unsubscribe?token=7.AAAAAAAAAAAAAAAAAAAAAA')).text();
    expect(unsubscribeText).toContain('To stop the emails, use the Unsubscribe link at the bottom');
    expect(unsubscribeText).not.toContain('Subscribe again');
    const confirmText = await (await client.get('/subscribe/confirm?token=7.AAAAAAAAAAAAAAAAAAAAAA')).text();
    expect(confirmText).toContain('a newer email replaced it');
    expect(confirmText).toContain('Subscribe again');
    expect(await (await client.get('/preferences?token=7.AAAAAAAAAAAAAAAAAAAAAA')).text()).toContain(
      'Use the Choose schools link at the bottom of the most recent email.',
    );
  });

  it('answers a sign-up form in its own language when the emails are to be in another', async () => {
    const { app } = await appWithSink();
    await changeSetting(app.runtime.deps.db, 'languages', 'en,es', app.clock.now());
    const client = createClient(app.url);
    const typo = await client.post('/subscribe', {
      email: 'maria@family',
      language: 'es',
      form_language: 'en',
    });
    expect(typo.status).toBe(400);
    const page = await typo.text();
    expect(page).toContain('<html lang="en"');
    // The emails' language the parent chose is still chosen.
    expect(page).toMatch(/<option value="es" lang="es" selected="">/);
    const sent = await client.post('/subscribe', {
      email: 'maria@family.example',
      language: 'es',
      form_language: 'en',
    });
    expect(sent.headers.get('location')).toBe('/subscribe?sent=1&lang=en');
    // The page says what to do next, in its heading and title too, and where to look if nothing comes.
    const next = await (await client.get('/subscribe?sent=1&lang=en')).text();
    expect(next).toContain('<h1 class="page-title">Check your inbox</h1>');
    expect(next).toMatch(/<title>Check your inbox/);
    expect(next).toContain('Look in the spam or junk folder');
    // The address as typed, so that a mistake shows, and the way back to the form; not in the address bar.
    expect(next).toContain(
      'The address you gave: <bdi dir="ltr"><strong>maria@family.example</strong></bdi> <a',
    );
    expect(next).toMatch(/<a href="\/subscribe\?lang=en">Not right\? Sign up again\.<\/a>/);
    expect(sent.headers.get('location')).not.toContain('maria');
    // Read once: a reload, or someone else at the same computer later, sees no address.
    const again = await (await client.get('/subscribe?sent=1&lang=en')).text();
    expect(again).toContain('Check your inbox');
    expect(again).not.toContain('maria@family.example');
    // A cookie not signed by this server shows nothing.
    const forged = await (
      await fetch(`${app.url}/subscribe?sent=1&lang=en`, {
        headers: { cookie: `yd_sent_to=${Buffer.from('x@evil.example').toString('base64url')}.AAAA` },
      })
    ).text();
    expect(forged).not.toContain('evil.example');
  });

  it('answers a form that arrives garbled with 400 and a sentence', async () => {
    const { app } = await appWithSink();
    const answer = await fetch(`${app.url}/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=XYZ', origin: app.url },
      body: '--XYZ\r\nContent-Disposition: form-data; name="email"\r\n\r\nmaria@family.example',
    });
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('That request could not be understood');
  });
});

describe('a mail server that refuses for now', () => {
  it('is said in the log once a pass and on /healthz, with its reason, until the email goes through', async () => {
    let busy = true;
    const { app, smtp } = await appWithSink({
      reject: () => (busy ? { later: true, message: 'Mailbox busy, try again later' } : undefined),
    });
    await createClient(app.url).post('/subscribe', { email: 'late@family.example' });
    await app.sendQueuedMail();
    expect(app.logs.join('\n')).toMatch(/the mail server did not take some emails.*Mailbox busy/);
    const health = async () =>
      (await (await fetch(`${app.url}/healthz`)).json()) as {
        status: string;
        retryingEmails: number;
        lastEmailProblemAt: string | null;
      };
    const troubled = await health();
    expect(troubled).toMatchObject({ status: 'warning', retryingEmails: 1 });
    expect(Date.parse(troubled.lastEmailProblemAt!)).toBe(app.clock.now());
    // The mail server's words stay in the log: they can name a parent, and /healthz is public.
    expect(JSON.stringify(troubled)).not.toMatch(/Mailbox busy|late@family/);
    busy = false;
    app.clock.advance(2 * 60_000);
    await app.sendQueuedMail();
    await smtp.waitFor(1);
    // Sent: nothing waits, and nothing is wrong any more.
    expect(await health()).toMatchObject({ status: 'ok', retryingEmails: 0, lastEmailProblemAt: null });
  });
});

describe('a sign-up nobody confirms', () => {
  const DAY = 24 * 60 * 60_000;
  const confirmLink = async (app: TestApp, email: string) =>
    `/subscribe/confirm?token=${await subscriptionToken(
      app.runtime.deps.signingKey,
      'confirm',
      (await findSubscriberByEmail(app.runtime.deps.db, email))!,
    )}`;

  it('has a link that works for 14 days, said in the email; after that it confirms nothing', async () => {
    const { app, smtp } = await appWithSink();
    const client = createClient(app.url);
    await client.post('/subscribe', { email: 'late@family.example' });
    await app.sendQueuedMail();
    const [mail] = await smtp.waitFor(1);
    expect(mail!.parsed.text).toContain('This link works for 14 days. If you did not ask for this');
    const link = await confirmLink(app, 'late@family.example');

    app.clock.advance(13 * DAY);
    expect((await client.get(link)).status).toBe(200);
    app.clock.advance(2 * DAY);
    for (const answer of [await client.get(link), await client.post(link, {})]) {
      expect(answer.status).toBe(410);
      const page = await answer.text();
      expect(page).toContain('This link has expired');
      expect(page).toContain('Confirmation links work for 14 days, and this one is older');
      expect(page).toContain('<a href="/subscribe">Subscribe again</a>');
    }
    expect((await findSubscriberByEmail(app.runtime.deps.db, 'late@family.example'))!.status).toBe('pending');

    // Subscribing again gives a link that works.
    await client.post('/subscribe', { email: 'late@family.example' });
    const fresh = await confirmLink(app, 'late@family.example');
    // Confirming answers with a redirect (a reload sends nothing) to thanks and the way to choose schools.
    const confirmed = await client.post(fresh, {});
    expect(confirmed.status).toBe(303);
    expect((await findSubscriberByEmail(app.runtime.deps.db, 'late@family.example'))!.status).toBe(
      'confirmed',
    );
    const landing = await (await client.get(confirmed.headers.get('location')!)).text();
    expect(landing).toContain('Thank you. The daily digest will arrive at late@family.example');
    expect(landing).toContain('one is published. It brings the posts of every school.');
    const choose = /<a href="(\/preferences\?token=[^"]+)">Choose schools<\/a>/.exec(landing)![1]!;
    expect(await (await client.get(choose)).text()).toContain('Digest emails go to late@family.example.');

    // With schools chosen, the page names them, in the parent's language.
    const db = app.runtime.deps.db;
    await changeSetting(db, 'languages', 'en,es', app.clock.now());
    await addSchoolWithSource(db, 'Washington Middle', 'https://washington.example/feed');
    await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    const { school: office } = await addSchoolWithSource(
      db,
      'District Office',
      'https://office.example/feed',
    );
    await db.batch([setDistrictWideStatement(db, office.id, true)]);
    await client.post('/subscribe', {
      email: 'two@family.example',
      schools: ['washington-middle', 'lincoln-elementary'],
      language: 'es',
    });
    const two = await client.post(await confirmLink(app, 'two@family.example'), {});
    expect(await (await client.get(two.headers.get('location')!)).text()).toContain(
      'Trae las publicaciones de Lincoln Elementary y Washington Middle. Las publicaciones de District Office llegan a todos.',
    );
  });

  it('is deleted 30 days after its last request; confirmed ones and unsent imports are kept', async () => {
    const { app } = await appWithSink({ env: {} });
    const db = app.runtime.deps.db;
    const client = createClient(app.url);
    await client.post('/subscribe', { email: 'never@family.example' });
    await client.post('/subscribe', { email: 'asked-again@family.example' });
    // Once subscribed, then left, then asked again without confirming: its history stays.
    await addConfirmedSubscriber(db, 'was-here@family.example');
    await unsubscribe(db, (await findSubscriberByEmail(db, 'was-here@family.example'))!.id, app.clock.now());
    await client.post('/subscribe', { email: 'was-here@family.example' });
    // Imported, its confirmation not sent yet (the import's emails go out a few hundred at a time).
    await upsertPendingSubscriber(
      db,
      {
        email: 'imported@family.example',
        nonce: 'n-imported',
        consent: { text: 'attested', source: 'import', schools: [] },
        schoolIds: [],
      },
      app.clock.now(),
    );

    app.clock.advance(20 * DAY);
    await client.post('/subscribe', { email: 'asked-again@family.example' });
    app.clock.advance(11 * DAY);
    const messagesTo = (email: string) =>
      (
        app.runtime.sqlite.sqlite
          .prepare('select count(*) as n from messages where to_address = ?')
          .get(email) as { n: number }
      ).n;
    expect(messagesTo('never@family.example')).toBe(1);
    await runHousekeeping(app.runtime.deps);
    const left = async (email: string) => (await findSubscriberByEmail(db, email))?.status;
    expect(await left('never@family.example')).toBeUndefined();
    expect(await left('asked-again@family.example')).toBe('pending');
    expect(await left('was-here@family.example')).toBe('pending');
    expect(await left('imported@family.example')).toBe('pending');
    // Nothing of the deleted one is left behind, its queued confirmation included.
    expect(messagesTo('never@family.example')).toBe(0);
  });
});
