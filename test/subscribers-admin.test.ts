// The Subscribers page over HTTP with a real SMTP server: search and counts, a CSV export that spreadsheets
// cannot turn into formulas, an import that goes in whole or not at all, attested addresses receiving the
// digest while the others are asked to confirm, and a digest's deliveries with the unknown ones resent only
// on a person's explicit decision.
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emailTrouble } from '../src/db/deliveries';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { deskDepsOf, publishDesk, saveDesk, type DeskActor } from '../src/curate/desk';
import { cliActor, listAudit } from '../src/db/audit';
import { isUniqueTaken } from '../src/db/storage-errors';
import { listItemsPublishedBetween } from '../src/db/items';
import { findSchoolBySlug } from '../src/db/schools';
import {
  findSubscriberByEmail,
  listSubscriberSchools,
  moveSubscriptionStatements,
} from '../src/db/subscribers';
import { subscriptionToken } from '../src/email/subscription-tokens';
import { runSendJob } from '../src/jobs/jobs';
import { changeSetting } from '../src/settings/district-settings';
import { planImport, writeImport } from '../src/subscriptions/import-subscribers';
import { readCsv } from '../src/text/csv';
import { createClient, flashOf, formFields, type Client } from './browser-client';
import { addConfirmedSubscriber, addSchoolWithSource, item, storeItems } from './fixtures';
import { startSmtpSink } from './smtp-sink';
import { chooseImportFile, goAhead, reviewForm } from './subscriber-import';
import { signedInClient, startTestApp, type TestApp } from './test-app';

const NOON = Date.parse('2026-11-20T18:00:00Z');
const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of running.splice(0).reverse()) await thing.close();
});

async function setUp(reject?: NonNullable<Parameters<typeof startSmtpSink>[0]>['reject']) {
  const smtp = await startSmtpSink({ reject });
  running.push(smtp);
  const app = await startTestApp({ env: { SMTP_URL: smtp.url } });
  running.push(app);
  const db = app.runtime.deps.db;
  await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
  await addSchoolWithSource(db, 'Washington Middle', 'https://washington.example/feed');
  const admin = await signedInClient(app);
  return { app, smtp, db, admin };
}

/**
 * Imports a CSV as a person does: the file is chosen and sent, the page says what it would do, and its button
 * is pressed. Imported: the list, saying how many at its top; refused (at either step): the page again, opened
 * at the import (the form's #import), with why in the import's own card and what was written.
 */
async function upload(
  app: TestApp,
  admin: Client,
  csv: string | Uint8Array<ArrayBuffer>,
  attestation?: string,
) {
  const chosen = await chooseImportFile(app, admin, csv, attestation);
  if (chosen.status === 422) return refusal(chosen);
  expect(chosen.status).toBe(200);
  const answer = await goAhead(app, admin, await chosen.text());
  if (answer.status === 422) return refusal(answer);
  expect(answer.status).toBe(303);
  expect(answer.headers.get('location')).toBe('/admin/subscribers#top');
  return (await admin.get(answer.headers.get('location')!)).text();
}

async function refusal(response: Response) {
  const page = await response.text();
  expect(page.slice(page.indexOf('id="import"'))).toContain('<div class="flash error" role="alert">');
  return page;
}

async function publishOneDay(app: TestApp) {
  const db = app.runtime.deps.db;
  const lincoln = (await findSchoolBySlug(db, 'lincoln-elementary'))!;
  const sourceId = (
    await db.query<{ id: number }>('select id from sources where school_id = ?', [lincoln.id])
  )[0]!.id;
  await storeItems(db, sourceId, [item({ guid: 'leaves', title: 'Leaf rubbings', publishedAt: NOON })]);
  const items = await listItemsPublishedBetween(db, NOON - 12 * 3600_000, NOON + 12 * 3600_000);
  const editor: DeskActor = { type: 'user', id: 1, userId: 1, label: 'dana', role: 'admin' };
  await saveDesk(deskDepsOf(app.runtime.deps), editor, '2026-11-20', {
    entries: items.map((i) => ({ itemId: i.id })),
  });
  await publishDesk(deskDepsOf(app.runtime.deps), editor, '2026-11-20');
}

describe('the Subscribers page', () => {
  it('searches by address, status and school, and counts each', async () => {
    const { db, admin } = await setUp();
    const lincoln = (await findSchoolBySlug(db, 'lincoln-elementary'))!;
    const washington = (await findSchoolBySlug(db, 'washington-middle'))!;
    await addConfirmedSubscriber(db, 'ana@family.example', [lincoln.id]);
    await addConfirmedSubscriber(db, 'ben@family.example', [lincoln.id, washington.id]);
    await addConfirmedSubscriber(db, 'cy@other.example', [washington.id]);

    const all = await (await admin.get('/admin/subscribers')).text();
    expect(all).toContain('ana@family.example');
    expect(all).toMatch(/Confirmed[\s\S]{0,80}>3</);
    expect(all).toMatch(/Lincoln Elementary[\s\S]{0,80}>2</);

    const byText = await (await admin.get('/admin/subscribers?q=family.example')).text();
    expect(byText).toContain('ben@family.example');
    expect(byText).not.toContain('cy@other.example');
    const bySchool = await (await admin.get(`/admin/subscribers?school=${washington.id}`)).text();
    expect(bySchool).toContain('cy@other.example');
    expect(bySchool).not.toContain('ana@family.example');
    const byStatus = await (await admin.get('/admin/subscribers?status=pending')).text();
    expect(byStatus).not.toContain('ana@family.example');
    // A search can hold SQL wildcards and quotes without matching everything or breaking.
    const odd = await (await admin.get(`/admin/subscribers?q=${encodeURIComponent("%' or 1=1 --")}`)).text();
    expect(odd).not.toContain('ana@family.example');
  });

  it('exports every subscriber as CSV with consent, defusing cells a spreadsheet would run', async () => {
    const { db, admin } = await setUp();
    const lincoln = (await findSchoolBySlug(db, 'lincoln-elementary'))!;
    await addConfirmedSubscriber(db, 'ana@family.example', [lincoln.id]);
    await db.batch([
      db.raw(
        sql`update subscribers set consent_text = ${"=cmd|' /c calc'!A1"} where email = 'ana@family.example'`,
      ),
    ]);

    const response = await admin.get('/admin/subscribers/export.csv');
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toContain('yesterday-subscribers.csv');
    const read = await readCsv(await response.text(), { maxRows: 1000 });
    if (!read.ok) throw new Error(read.message);
    const rows = read.rows.map((row) => row.cells);
    expect(rows[0]).toEqual([
      'email',
      'status',
      'schools',
      'language',
      'consent_at',
      'consent_source',
      'consent_text',
      'consent_schools',
      'confirmed_at',
      'unsubscribed_at',
      'bounces',
    ]);
    const ana = rows.find((r) => r[0] === 'ana@family.example')!;
    expect(ana[1]).toBe('confirmed');
    expect(ana[2]).toBe('lincoln-elementary');
    expect(ana[3]).toBe('en');
    expect(ana[6]).toBe("'=cmd|' /c calc'!A1");
    for (const row of rows.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it('imports a file whole or not at all, naming each bad line', async () => {
    const { app, db, admin } = await setUp();
    const page = await upload(
      app,
      admin,
      'Email,Schools\nana@family.example,Lincoln Elementary\nnot an address,\nben@family.example,Jefferson High\n',
    );
    expect(page).toContain('Nothing was imported. Fix these 2 lines and try again');
    // One sentence, each line a clause of it: no full stop in the middle of the list.
    expect(page).toMatch(
      /line 3 \(“not an address”\): [^.;]+; line 4: there is no school called “Jefferson High”\./,
    );
    expect(await findSubscriberByEmail(db, 'ana@family.example')).toBeUndefined();
  });

  it('carries each address’s language in and out, among the languages the district offers', async () => {
    const { app, db, admin } = await setUp();
    await changeSetting(db, 'languages', 'en,es', 1);
    const refused = await upload(
      app,
      admin,
      'email,language\nana@family.example,es\nben@family.example,fr\n',
    );
    expect(refused).toContain('line 3: the language “fr” is not one the district offers (en, es)');
    expect(await findSubscriberByEmail(db, 'ana@family.example')).toBeUndefined();
    await upload(app, admin, 'email,language\nana@family.example,ES\nben@family.example,\n');
    expect((await findSubscriberByEmail(db, 'ana@family.example'))!.language).toBe('es');
    expect((await findSubscriberByEmail(db, 'ben@family.example'))!.language).toBe('en');
    const read = await readCsv(await (await admin.get('/admin/subscribers/export.csv')).text(), {
      maxRows: 10,
    });
    if (!read.ok) throw new Error(read.message);
    const ana = read.rows.map((row) => row.cells).find((cells) => cells[0] === 'ana@family.example')!;
    expect(ana[3]).toBe('es');
  });

  it('reads a file Excel on Windows saved as “CSV (Comma delimited)”, in Windows-1252', async () => {
    const { app, db, admin } = await setUp();
    const { school } = await addSchoolWithSource(db, 'Escuela Montaña', 'https://montana.example/feed');
    const csv = new Uint8Array(
      Buffer.from('Email,Schools\r\nana@family.example,Escuela Monta\xf1a\r\n', 'latin1'),
    );
    const chosen = await chooseImportFile(app, admin, csv);
    expect(await chosen.text()).toContain('Escuela Montaña');
    await upload(app, admin, csv);
    const ana = (await findSubscriberByEmail(db, 'ana@family.example'))!;
    expect((await listSubscriberSchools(db, ana.id)).map((s) => s.id)).toEqual([school.id]);
    // A school's name is what such a file can get wrong: a refusal says how the file was read.
    const refused = await upload(
      app,
      admin,
      new Uint8Array(
        Buffer.from('Email,Schools\r\nben@family.example,Escuela Monta\xf1a Norte\r\n', 'latin1'),
      ),
    );
    expect(refused.replace(/\s+/g, ' ')).toContain(
      'line 2: there is no school called “Escuela Montaña Norte”. The file is not saved as UTF-8, so it was read the way Excel on Windows saves “CSV (Comma delimited)”',
    );
  });

  it('names the first problems of a long refusal and counts the rest', async () => {
    const { app, db, admin } = await setUp();
    // 200 parents, each with a long unknown school: in full, the message was a 64 KB cookie browsers drop.
    const unknown = `Jefferson High School Annex ${'and Community Learning Center '.repeat(10)}`;
    const csv = `email,schools\n${Array.from({ length: 200 }, (_, i) => `p${i}@family.example,${unknown}`).join('\n')}\n`;
    const form = new FormData();
    form.set('_csrf', await admin.csrf('/admin/subscribers'));
    form.set('file', new File([csv], 'parents.csv', { type: 'text/csv' }));
    const response = await fetch(`${app.url}/admin/subscribers/import`, {
      method: 'POST',
      body: form,
      headers: { origin: app.url, cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      redirect: 'manual',
    });
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain(
      'Nothing was imported. Fix these 200 lines and try again: line 2: there is no school called “Jefferson High School Annex and…”',
    );
    expect(page).toContain('line 6: there is no school called');
    expect(page).not.toContain('line 7:');
    expect(page).toContain('and 195 more.');
    expect(await findSubscriberByEmail(db, 'p0@family.example')).toBeUndefined();
  });

  it('marks the message cookie Secure when the site is served over https', async () => {
    const app = await startTestApp({ env: { PUBLIC_URL: 'https://digest.district.example' } });
    running.push(app);
    const admin = await signedInClient(app);
    // A delete without its box ticked: refused with a message carried to the next page.
    const ana = await addConfirmedSubscriber(app.runtime.deps.db, 'ana@family.example');
    const response = await admin.post(`/admin/subscribers/${ana.id}/delete`, {
      _csrf: await admin.csrf('/admin/subscribers'),
    });
    expect(response.status).toBe(303);
    const flash = response.headers.getSetCookie().find((line) => line.startsWith('yd_flash='))!;
    expect(flash).toMatch(/;\s*Secure/i);
    expect(flash).toMatch(/;\s*HttpOnly/i);
  });

  it('asks imported addresses to confirm, unless an administrator attests to their consent', async () => {
    const { app, smtp, db, admin } = await setUp();
    const unsubscribed = await addConfirmedSubscriber(db, 'left@family.example', []);
    await db.batch([
      db.raw(
        sql`update subscribers set status = 'unsubscribed', unsubscribed_at = 1 where id = ${unsubscribed.id}`,
      ),
    ]);

    const asked = await upload(
      app,
      admin,
      'email,schools\nana@family.example,lincoln-elementary;Washington Middle\nleft@family.example,\n',
    );
    expect(asked).toContain('Imported 1 new address.');
    expect(asked).toContain('1 gets an email asking them to confirm first.');
    expect(asked).toContain('1 had unsubscribed or their mail bounced, and was left alone.');
    const ana = (await findSubscriberByEmail(db, 'ana@family.example'))!;
    expect(ana).toMatchObject({ status: 'pending', consentSource: 'import' });
    expect((await listSubscriberSchools(db, ana.id)).map((s) => s.slug).sort()).toEqual([
      'lincoln-elementary',
      'washington-middle',
    ]);
    expect((await findSubscriberByEmail(db, 'left@family.example'))!.status).toBe('unsubscribed');

    // The background sender asks her once, in words that say the district added her.
    await runSendJob(app.runtime.deps);
    await runSendJob(app.runtime.deps);
    expect(smtp.received.map((m) => m.envelopeTo)).toEqual([['ana@family.example']]);
    expect(smtp.received[0]!.parsed.text).toContain('Nothing will be sent unless you confirm.');
    expect(smtp.received[0]!.parsed.text).toMatch(/\/subscribe\/confirm\?token=/);
    smtp.received.length = 0;

    const tooShort = await upload(app, admin, 'ben@family.example\n', 'they agreed');
    expect(tooShort).toContain('at least 20 characters');
    // The box stays ticked and the sentence stays written, to be finished rather than typed again.
    expect(tooShort).toContain('<input type="checkbox" name="attest" value="1" checked=""/>');
    expect(tooShort).toMatch(
      /<textarea id="attestation" name="attestation" maxlength="1000">they agreed<\/textarea>/,
    );
    expect(await findSubscriberByEmail(db, 'ben@family.example')).toBeUndefined();
    expect((await admin.get('/admin/subscribers/import')).headers.get('location')).toBe(
      '/admin/subscribers#import',
    );

    // Signing people up on someone's word is an administrator's: an editor is not offered the box, and a
    // form posted with it anyway imports nobody.
    const editor = await signedInClient(app, 'ed@district.example', 'editor');
    const editorsForm = await (await editor.get('/admin/subscribers')).text();
    expect(editorsForm).not.toContain('name="attest"');
    expect(editorsForm).toContain('Only an administrator can import people who already agreed');
    const byEditor = await upload(
      app,
      editor,
      'ben@family.example\n',
      'Opted in on the 2026 back-to-school form',
    );
    expect(byEditor).toContain('Only an administrator can sign people up on their word');
    expect(await findSubscriberByEmail(db, 'ben@family.example')).toBeUndefined();

    // Anyone may type her address into the public form: it waits for her own confirmation, and an attested
    // import does not take its place.
    const typed = await fetch(`${app.url}/subscribe`, {
      method: 'POST',
      body: new URLSearchParams({ email: 'left@family.example' }),
      redirect: 'manual',
    });
    expect(typed.status).toBeLessThan(400);
    expect((await findSubscriberByEmail(db, 'left@family.example'))!.status).toBe('pending');
    const attested = await upload(
      app,
      admin,
      'ben@family.example,Lincoln Elementary\nana@family.example\nleft@family.example\n',
      'Opted in on the 2026 back-to-school form',
    );
    expect(attested).toContain('2 receive the digest from now on, on your attestation.');
    expect(attested).toContain('1 had unsubscribed or their mail bounced, and was left alone.');
    expect((await findSubscriberByEmail(db, 'left@family.example'))!.status).toBe('pending');
    expect((await findSubscriberByEmail(db, 'ben@family.example'))!).toMatchObject({
      status: 'confirmed',
      consentText: 'Imported with the attestation: Opted in on the 2026 back-to-school form',
    });
    expect((await findSubscriberByEmail(db, 'ana@family.example'))!.status).toBe('confirmed');
    const audit = await listAudit(db, { action: 'subscribers.import', limit: 10 });
    expect(audit.map((a) => JSON.parse(a.details ?? '{}') as { attestation: string | null })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ attestation: 'Opted in on the 2026 back-to-school form' }),
        expect.objectContaining({ attestation: null }),
      ]),
    );

    // The sender asks the one who was not attested for, once, and gives the digest to both.
    await publishOneDay(app);
    await runSendJob(app.runtime.deps);
    await runSendJob(app.runtime.deps);
    const to = (address: string) => smtp.received.filter((m) => m.envelopeTo.includes(address));
    await expect.poll(() => smtp.received.length).toBeGreaterThanOrEqual(2);
    expect(to('ben@family.example').map((m) => m.parsed.subject)).toEqual([
      expect.stringContaining('What happened yesterday'),
    ]);
    expect(to('left@family.example').map((m) => m.parsed.subject)).not.toContainEqual(
      expect.stringContaining('What happened yesterday'),
    );
  });

  it('says what an import would do, writing and sending nothing until its button is pressed', async () => {
    const { app, smtp, db, admin } = await setUp();
    await changeSetting(db, 'languages', 'en,es', 1);
    await addConfirmedSubscriber(db, 'ana@family.example', []);
    const left = await addConfirmedSubscriber(db, 'left@family.example', []);
    await db.batch([
      db.raw(sql`update subscribers set status = 'unsubscribed', unsubscribed_at = 1 where id = ${left.id}`),
    ]);
    const csv = [
      'email,schools,language',
      'ana@family.example,,',
      'left@family.example,,',
      'ben@family.example,Lincoln Elementary,es',
      'cy@family.example,lincoln-elementary;Washington Middle,',
      'dee@family.example,,',
    ].join('\n');
    const chosen = await chooseImportFile(app, admin, csv);
    expect(chosen.status).toBe(200);
    const review = await chosen.text();
    const text = review.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('parents.csv holds 5 addresses. Nothing has been imported or sent yet.');
    expect(text).toContain(
      '3 are new: each gets an email asking to confirm, and receives nothing until it does.',
    );
    expect(text).toContain('1 is already on the list, and stays as it is.');
    expect(text).toContain('1 unsubscribed or had mail bounce, and is left alone.');
    expect(text).toMatch(/Lincoln Elementary 2 Washington Middle 1 Every school 1/);
    expect(text).toMatch(/English 2 Spanish 1/);
    expect(text).toContain('ben@family.example Lincoln Elementary Spanish');
    expect(text).toContain('cy@family.example Lincoln Elementary, Washington Middle English');
    expect(reviewForm(review)).toContain('Import and email 3 addresses');
    // Asked, not done: nobody new, and the background sender has nothing to send.
    expect(await findSubscriberByEmail(db, 'ben@family.example')).toBeUndefined();
    await runSendJob(app.runtime.deps);
    expect(smtp.received).toHaveLength(0);

    // Meanwhile Dee signs up herself: the figures shown no longer hold, so they are shown again, not acted on.
    await fetch(`${app.url}/subscribe`, {
      method: 'POST',
      body: new URLSearchParams({ email: 'dee@family.example' }),
      redirect: 'manual',
    });
    const again = await goAhead(app, admin, review);
    expect(again.status).toBe(200);
    const changed = await again.text();
    expect(changed).toContain('The figures changed since you looked');
    expect(changed).toContain('2 are new');
    expect(await findSubscriberByEmail(db, 'ben@family.example')).toBeUndefined();
    // A form altered on its way (addresses that are not the ones counted) is counted again too.
    const altered = await goAhead(app, admin, changed, (fields) => {
      fields.csv += '\neve@family.example,,';
    });
    expect(altered.status).toBe(200);
    expect(await findSubscriberByEmail(db, 'eve@family.example')).toBeUndefined();
    // So is one with the same figures: another address in place of one shown.
    const swapped = await goAhead(app, admin, changed, (fields) => {
      fields.csv = fields.csv!.replace('ben@family.example', 'zed@family.example');
    });
    expect(swapped.status).toBe(200);
    expect(await findSubscriberByEmail(db, 'zed@family.example')).toBeUndefined();
    // An editor who sends an administrator's attested import, sealed as it was shown, imports nobody.
    const attested = await chooseImportFile(
      app,
      admin,
      'email\nfay@family.example\n',
      'Opted in on the 2026 back-to-school form, in writing',
    );
    const editor = await signedInClient(app, 'ed@district.example', 'editor');
    const editorsToken = await editor.csrf('/admin/subscribers');
    const byEditor = await goAhead(app, editor, await attested.text(), (fields) => {
      fields._csrf = editorsToken;
    });
    expect(byEditor.status).toBe(422);
    expect(await byEditor.text()).toContain('Only an administrator can sign people up on their word');
    expect(await findSubscriberByEmail(db, 'fay@family.example')).toBeUndefined();

    const done = await goAhead(app, admin, changed);
    expect(done.status).toBe(303);
    expect((await findSubscriberByEmail(db, 'ben@family.example'))!).toMatchObject({
      status: 'pending',
      language: 'es',
    });
    expect((await findSubscriberByEmail(db, 'cy@family.example'))!.status).toBe('pending');
    // Pressed a second time (Back, or the browser's resend): nothing new, so nothing is written or sent twice.
    const twice = await goAhead(app, admin, changed);
    expect(twice.status).toBe(200);
    const nothing = await twice.text();
    expect(nothing).toContain(
      'Nothing to import: every address in the file is already on the list or left out.',
    );
    expect(reviewForm(nothing)).not.toContain('<button');
    expect((await listAudit(db, { action: 'subscribers.import', limit: 10 })).length).toBe(1);
  });

  it('names the new addresses whose provider looks mistyped before anything is sent to them', async () => {
    const { app, admin } = await setUp();
    const chosen = await chooseImportFile(
      app,
      admin,
      'email\nana@gmail.com\nparent.two@gmial.com\nben@yahoo.con\ncy@lakeside.k12.example\n',
    );
    const text = (await chosen.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain(
      '2 new addresses look mistyped. They are imported and emailed as written unless you correct them in the file and choose the file again:',
    );
    expect(text).toContain('line 3: parent.two@gmial.com (did the family mean parent.two@gmail.com?)');
    expect(text).toContain('line 4: ben@yahoo.con (did the family mean ben@yahoo.com?)');
    expect(text).not.toContain('cy@lakeside.k12.example (did');
  });

  it('keeps the attestation as it was written when another file is chosen after the question', async () => {
    const { app, db, admin } = await setUp();
    const words = 'Opted in on the 2026 back-to-school form, in writing';
    const review = await (await chooseImportFile(app, admin, 'email\nfay@family.example\n', words)).text();
    expect(reviewForm(review)).toContain('name="another"');
    const back = await goAhead(app, admin, review, (fields) => {
      fields.another = '1';
    });
    expect(back.status).toBe(200);
    const page = await back.text();
    expect(page).toContain('<input type="checkbox" name="attest" value="1" checked=""/>');
    expect(page).toContain(`>${words}</textarea>`);
    expect(page).not.toContain('class="flash error"');
    expect(await findSubscriberByEmail(db, 'fay@family.example')).toBeUndefined();
    // Asked to confirm by email instead, there is nothing to carry back: a plain link.
    const asked = await (await chooseImportFile(app, admin, 'email\nfay@family.example\n')).text();
    expect(reviewForm(asked)).not.toContain('name="another"');
    expect(reviewForm(asked)).toContain('href="/admin/subscribers#import"');
  });

  it('imports once when the button is pressed twice at the same moment, and says so on the second', async () => {
    const { app, db, admin } = await setUp();
    const csv = `email\n${Array.from({ length: 3000 }, (_, i) => `p${i}@family.example`).join('\n')}\n`;
    const review = await (await chooseImportFile(app, admin, csv)).text();
    const [first, second] = await Promise.all([goAhead(app, admin, review), goAhead(app, admin, review)]);
    // One imports; the other, which counted the same addresses as new before the first wrote them and was
    // refused by the page's one-time key, says so (the page the browser shows) instead of failing.
    expect([first.status, second.status]).toEqual([303, 303]);
    // What each says, from its message cookie (the browser shows the second).
    const flashes = [first, second].map((response) => flashOf(response)!.text);
    expect(flashes.filter((text) => text.startsWith('Imported 3,000 new addresses.'))).toHaveLength(1);
    expect(flashes.filter((text) => text.startsWith('The button was pressed twice:'))).toHaveLength(1);
    expect(await findSubscriberByEmail(db, 'p2999@family.example')).toBeDefined();
    expect((await listAudit(db, { action: 'subscribers.import', limit: 10 })).length).toBe(1);
  });

  it('refuses a second press of a question page whose first is writing, even for an import that only confirms', async () => {
    const { app, db, admin } = await setUp();
    await upload(app, admin, 'email\nana@family.example\nben@family.example\n');
    const words = 'Opted in on the 2026 back-to-school form, in writing';
    const csv = 'email\nana@family.example\nben@family.example\n';
    const review = await (await chooseImportFile(app, admin, csv, words)).text();
    expect(review.replace(/<[^>]+>/g, ' ')).toContain('2 had signed up but not confirmed yet');
    // Confirming again changes no address, so no unique address stops a second press: the page's key does.
    // Its first press is still writing (the key claimed, nothing else yet) when the second comes.
    const once = formFields(reviewForm(review)).once!;
    expect(once).toMatch(/^[\w-]{16}$/);
    app.runtime.sqlite.sqlite
      .prepare('insert into job_marks (key, at) values (?, ?)')
      .run(`subscribers.import:${once}`, app.clock.now());
    const second = await goAhead(app, admin, review);
    expect(flashOf(second)!.text).toBe(
      'The button was pressed twice: the file was imported once, by the first press, and nothing more was changed. What it did is in the audit log.',
    );
    expect((await findSubscriberByEmail(db, 'ben@family.example'))!.status).toBe('pending');
    expect((await listAudit(db, { action: 'subscribers.import', limit: 10 })).length).toBe(1);
    // The same import written twice with one key: the database refuses the second whole.
    const planned = await planImport(db, app.runtime.deps.signingKey, { csv, attestation: words });
    if (!planned.ok) throw new Error(planned.message);
    await writeImport(db, cliActor, planned.plan, app.clock.now(), 'a-key-of-test');
    const again = await writeImport(db, cliActor, planned.plan, app.clock.now(), 'a-key-of-test').catch(
      (error: unknown) => error,
    );
    expect(isUniqueTaken(again, 'job_marks')).toBe(true);
    expect((await findSubscriberByEmail(db, 'ben@family.example'))!.status).toBe('confirmed');
    expect((await listAudit(db, { action: 'subscribers.import', limit: 10 })).length).toBe(2);
  });

  it('still says what is left when the same file is imported from two question pages at once', async () => {
    const { app, db, admin } = await setUp();
    const csv = `email\n${Array.from({ length: 3000 }, (_, i) => `q${i}@family.example`).join('\n')}\n`;
    const pageOne = await (await chooseImportFile(app, admin, csv)).text();
    const pageTwo = await (await chooseImportFile(app, admin, csv)).text();
    const [one, other] = await Promise.all([goAhead(app, admin, pageOne), goAhead(app, admin, pageTwo)]);
    // Two pages, two keys: the unique address is what stops the second, which counts again.
    const flashes = [one, other].map((response) => flashOf(response)!.text);
    expect(flashes.filter((text) => text.startsWith('Imported 3,000 new addresses.'))).toHaveLength(1);
    expect(
      flashes.filter((text) =>
        text.startsWith('Nothing was left to import: the file’s new addresses were added a moment ago'),
      ),
    ).toHaveLength(1);
    expect((await listAudit(db, { action: 'subscribers.import', limit: 10 })).length).toBe(1);
  });

  it('asks an imported address again on a later pass when the mail server could not take it', async () => {
    let busy = true;
    const { app, smtp, db, admin } = await setUp((to) =>
      busy && to === 'ana@family.example'
        ? { later: true, message: 'Greylisted, try again later' }
        : undefined,
    );
    await upload(app, admin, 'email\nana@family.example\nben@family.example\n');
    await runSendJob(app.runtime.deps);
    // Not sent, and not marked as sent: its 30 days have not started, and the rest wait with it.
    expect(smtp.received).toHaveLength(0);
    expect((await findSubscriberByEmail(db, 'ana@family.example'))!.confirmSentAt).toBeNull();
    expect((await findSubscriberByEmail(db, 'ben@family.example'))!.confirmSentAt).toBeNull();
    busy = false;
    await runSendJob(app.runtime.deps);
    expect(smtp.received.map((m) => m.envelopeTo[0]).sort()).toEqual([
      'ana@family.example',
      'ben@family.example',
    ]);
    expect((await findSubscriberByEmail(db, 'ana@family.example'))!.confirmSentAt).toBe(app.clock.now());
  });

  it('shows one subscriber, and lets an administrator delete them and their email records on request', async () => {
    const { app, smtp, db, admin } = await setUp();
    await addConfirmedSubscriber(db, 'maria@family.example', []);
    await publishOneDay(app);
    await runSendJob(app.runtime.deps);
    expect(smtp.received.map((m) => m.envelopeTo[0])).toContain('maria@family.example');
    const maria = (await findSubscriberByEmail(db, 'maria@family.example'))!;
    const count = (table: string) =>
      (
        app.runtime.sqlite.sqlite
          .prepare(`select count(*) as n from ${table} where subscriber_id = ?`)
          .get(maria.id) as { n: number }
      ).n;
    expect(count('deliveries')).toBe(1);
    // She once pressed Subscribe again on the public form: the throttle counted her address, and the email
    // that tells her where her preferences are was queued to it.
    const signUp = await fetch(`${app.url}/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.url },
      body: new URLSearchParams({ email: 'Maria@family.example' }),
      redirect: 'manual',
    });
    expect(signUp.status).toBeLessThan(400);
    const naming = () =>
      JSON.stringify([
        app.runtime.sqlite.sqlite.prepare('select * from rate_events').all(),
        app.runtime.sqlite.sqlite.prepare('select * from messages').all(),
      ]);
    expect(naming()).toMatch(/maria@family\.example/i);

    const list = await (await admin.get('/admin/subscribers?q=maria')).text();
    expect(list).toContain(`<a href="/admin/subscribers/${maria.id}">maria@family.example</a>`);
    const page = await (await admin.get(`/admin/subscribers/${maria.id}`)).text();
    expect(page).toContain('Delete this subscriber');
    // An editor sees the subscription, not the way to delete it, and cannot post it either.
    const editor = await signedInClient(app, 'ed@district.example', 'editor');
    expect(await (await editor.get(`/admin/subscribers/${maria.id}`)).text()).toContain(
      'Only an administrator can delete a subscriber.',
    );
    const csrf = await admin.csrf(`/admin/subscribers/${maria.id}`);
    await editor.post(`/admin/subscribers/${maria.id}/delete`, {
      _csrf: await editor.csrf(`/admin/subscribers/${maria.id}`).catch(() => csrf),
      understood: '1',
    });
    expect(await findSubscriberByEmail(db, 'maria@family.example')).toBeDefined();
    // Without the box ticked nothing goes; with it, the address and its records go, and the audit keeps no address.
    await admin.post(`/admin/subscribers/${maria.id}/delete`, { _csrf: csrf });
    expect(await findSubscriberByEmail(db, 'maria@family.example')).toBeDefined();
    const deleted = await admin.post(`/admin/subscribers/${maria.id}/delete`, {
      _csrf: csrf,
      understood: '1',
    });
    expect(deleted.status).toBe(303);
    expect(await findSubscriberByEmail(db, 'maria@family.example')).toBeUndefined();
    expect(count('deliveries')).toBe(0);
    const [entry] = await listAudit(db, { action: 'subscriber.delete', limit: 10 });
    expect(entry).toMatchObject({ subjectId: String(maria.id) });
    expect(JSON.stringify(entry)).not.toContain('maria@family.example');
    expect((await admin.get(`/admin/subscribers/${maria.id}`)).status).toBe(404);
    // Nothing in the database names her, and the district's next list does not bring her back, even attested.
    const dump = app.runtime.sqlite.sqlite.prepare('select * from forgotten_addresses').all();
    expect(dump).toHaveLength(1);
    expect(JSON.stringify(dump)).not.toMatch(/maria/i);
    expect(naming()).not.toMatch(/maria/i);
    const reimported = await upload(
      app,
      admin,
      'email\nMaria@Family.example\nnew@family.example\n',
      'Opted in on the 2026 back-to-school form',
    );
    expect(reimported).toContain('1 had asked to be deleted, and was left out.');
    expect(await findSubscriberByEmail(db, 'maria@family.example')).toBeUndefined();
    expect((await findSubscriberByEmail(db, 'new@family.example'))!.status).toBe('confirmed');
  });

  it('lets an editor unsubscribe a parent who asked the office, with the box ticked, and says so in the audit log', async () => {
    const { app, db } = await setUp();
    const lincoln = (await findSchoolBySlug(db, 'lincoln-elementary'))!;
    const ana = await addConfirmedSubscriber(db, 'ana@family.example', [lincoln.id]);
    const editor = await signedInClient(app, 'ed@district.example', 'editor');
    const page = `/admin/subscribers/${ana.id}`;
    expect(await (await editor.get(page)).text()).toContain('Unsubscribe them');
    const status = async () => (await findSubscriberByEmail(db, 'ana@family.example'))!.status;
    const flashOf = async (response: Response) =>
      (await (await editor.get(response.headers.get('location')!)).text()).match(
        /<div class="flash [^"]*"[^>]*>([^<]*)</,
      )?.[1];
    const unticked = await editor.post(`${page}/unsubscribe`, { _csrf: await editor.csrf(page) });
    expect(await flashOf(unticked)).toBe(
      'Tick the box to confirm, then press Unsubscribe them again. Nothing was changed.',
    );
    expect(await status()).toBe('confirmed');
    const done = await editor.post(`${page}/unsubscribe`, {
      _csrf: await editor.csrf(page),
      understood: '1',
    });
    expect(done.status).toBe(303);
    expect(await status()).toBe('unsubscribed');
    expect((await listSubscriberSchools(db, ana.id)).map((s) => s.slug)).toEqual(['lincoln-elementary']);
    const [entry] = await listAudit(db, { action: 'subscriber.unsubscribe_by_staff', limit: 5 });
    expect(entry).toMatchObject({ subjectId: String(ana.id), actorLabel: expect.stringContaining('ed@') });
    const after = await (await editor.get(page)).text();
    expect(after).toContain('Unsubscribed. No more email goes to ana@family.example.');
    expect(after).not.toContain('action="/admin/subscribers/' + ana.id + '/unsubscribe"');
    const again = await editor.post(`${page}/unsubscribe`, {
      _csrf: await editor.csrf(page),
      understood: '1',
    });
    expect(await flashOf(again)).toBe('ana@family.example was not subscribed: nothing was changed.');
    expect(await listAudit(db, { action: 'subscriber.unsubscribe_by_staff', limit: 5 })).toHaveLength(1);
  });

  it('deletes what was written to a forgotten subscriber in the outbox folder, and nobody else’s', async () => {
    // No mail server: the digest's email waits in the outbox folder, where an administrator can read it.
    const app = await startTestApp();
    running.push(app);
    const db = app.runtime.deps.db;
    await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    await addConfirmedSubscriber(db, 'maria@family.example', []);
    await addConfirmedSubscriber(db, 'ben@family.example', []);
    await publishOneDay(app);
    await runSendJob(app.runtime.deps);
    const outbox = app.runtime.deps.outbox!;
    const folder = app.runtime.deps.config.outboxDir;
    const addressed = async () => (await outbox.list(100)).map((entry) => entry.to).sort();
    expect(await addressed()).toEqual(['ben@family.example', 'maria@family.example']);
    const admin = await signedInClient(app);
    const maria = (await findSubscriberByEmail(db, 'maria@family.example'))!;
    // She asked to move to another address: the link went there, not to the address she is deleted by.
    const preferences = `/preferences?token=${await subscriptionToken(app.runtime.deps.signingKey, 'preferences', maria)}`;
    expect(
      (await createClient(app.url).post(preferences, { new_email: 'maria.new@family.example' })).status,
    ).toBe(303);
    await app.sendQueuedMail();
    expect(await addressed()).toEqual([
      'ben@family.example',
      'maria.new@family.example',
      'maria@family.example',
    ]);
    // And a send that stopped between its two files left an .eml alone.
    const hers = (await outbox.list(100)).find((entry) => entry.to === 'maria@family.example')!;
    copyFileSync(join(folder, `${hers.id}.eml`), join(folder, 'stopped-midway-0000.eml'));
    expect(
      (
        await admin.post(`/admin/subscribers/${maria.id}/delete`, {
          _csrf: await admin.csrf(`/admin/subscribers/${maria.id}`),
          understood: '1',
        })
      ).status,
    ).toBe(303);
    expect(await addressed()).toEqual(['ben@family.example']);
    const files = readdirSync(folder);
    expect(files.filter((f) => f.endsWith('.eml'))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(1);
    expect(files.map((f) => readFileSync(join(folder, f), 'utf8')).join('\n')).not.toMatch(/maria/i);
    // A digest written to Ben before he moved his subscription to another address: his by the id it names, though
    // the address it went to is no longer his.
    const ben = (await findSubscriberByEmail(db, 'ben@family.example'))!;
    await db.batch(
      moveSubscriptionStatements(
        db,
        ben,
        'ben.moved@family.example',
        undefined,
        [],
        'n-ben-moved',
        app.clock.now(),
      ),
    );
    await admin.post(`/admin/subscribers/${ben.id}/delete`, {
      _csrf: await admin.csrf(`/admin/subscribers/${ben.id}`),
      understood: '1',
    });
    expect(await findSubscriberByEmail(db, 'ben.moved@family.example')).toBeUndefined();
    expect(readdirSync(folder)).toEqual([]);
  });

  it('shows how a digest’s email fared and resends the unknown ones only when told to', async () => {
    const { app, smtp, db, admin } = await setUp();
    const lincoln = (await findSchoolBySlug(db, 'lincoln-elementary'))!;
    await addConfirmedSubscriber(db, 'ana@family.example', [lincoln.id]);
    await addConfirmedSubscriber(db, 'ben@family.example', [lincoln.id]);
    await publishOneDay(app);
    await db.batch([
      db.raw(sql`update deliveries set state = 'unknown', attempts = 1, last_error = 'The process stopped while this message was being sent.'
       where subscriber_id = (select id from subscribers where email = 'ben@family.example')`),
    ]);
    await runSendJob(app.runtime.deps);
    expect(smtp.received.map((m) => m.envelopeTo)).toEqual([['ana@family.example']]);

    const overview = await (await admin.get('/admin/subscribers')).text();
    expect(overview).toContain('href="/admin/subscribers/deliveries/2026-11-20"');
    const page = await (await admin.get('/admin/subscribers/deliveries/2026-11-20')).text();
    expect(page).toContain('ben@family.example');
    expect(page).toContain('The process stopped while this message was being sent.');

    const csrf = await admin.csrf('/admin/subscribers/deliveries/2026-11-20');
    await admin.post('/admin/subscribers/deliveries/2026-11-20/send-unknown', { _csrf: csrf });
    expect(await (await admin.get('/admin/subscribers/deliveries/2026-11-20')).text()).toContain(
      'Tick the box to say you accept',
    );
    await runSendJob(app.runtime.deps);
    expect(smtp.received).toHaveLength(1);

    await admin.post('/admin/subscribers/deliveries/2026-11-20/send-unknown', {
      _csrf: csrf,
      understood: 'on',
    });
    expect(await (await admin.get('/admin/subscribers/deliveries/2026-11-20')).text()).toContain(
      '1 message is queued to go again.',
    );
    // Queued again by decision, not because the mail server refused it: /healthz counts nothing retrying.
    expect((await emailTrouble(db, 0)).retrying).toBe(0);
    await runSendJob(app.runtime.deps);
    expect(smtp.received.map((m) => m.envelopeTo[0]).sort()).toEqual([
      'ana@family.example',
      'ben@family.example',
    ]);
    expect(await listAudit(db, { action: 'deliveries.resend_unknown', limit: 10 })).toHaveLength(1);
    expect((await admin.get('/admin/subscribers/deliveries/2031-01-01')).status).toBe(404);
  });
});
