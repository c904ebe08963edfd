// The desk and its surroundings over HTTP: conflicts keep both versions, roles gate sections, people are
// invited and reset by emailed links, settings and uploads are checked.
import exifr from 'exifr';
import sharp from 'sharp';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../src/db/audit';
import { nameListWordsAmong } from '../src/db/roster';
import { noReleaseNames } from '../src/db/schema';
import { findDigest } from '../src/db/digests';
import { readSetting, writeSetting } from '../src/db/settings';
import { listSources } from '../src/db/sources';
import { findUserByEmail } from '../src/db/users';
import { changeSetting, readDistrictSettings } from '../src/settings/district-settings';
import { localDateOf } from '../src/time/zoned-time';
import { createClient, flashOf, type Client } from './browser-client';
import { serveBody, startTestServer, type TestServer } from './http-server';
import { addConfirmedSubscriber, addSchoolWithSource, item, storeItems } from './fixtures';
import { setSubscriberLanguage } from '../src/db/subscribers';
import { GPS, phonePhoto } from './photos';
import { solidPng } from './png';
import { signedInClient, startTestApp, TEST_PASSWORD, type TestApp, publishFromDesk } from './test-app';

/** Room 2's feed; its picture is served beside it, at `base`. */
const feed = (
  base: string,
) => `<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Room 2</title><link>https://room2.example/</link>
<item><guid>a</guid><title>Leaf rubbings</title><link>https://room2.example/leaves</link><pubDate>Fri, 20 Nov 2026 16:00:00 GMT</pubDate><description>We made leaf rubbings.</description><media:content url="${base}/leaves.jpg" medium="image"><media:description>Crayon leaf rubbings</media:description></media:content></item>
</channel></rss>`;

const outbox = (app: TestApp) =>
  readdirSync(app.config.outboxDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map(
      (f) =>
        JSON.parse(readFileSync(join(app.config.outboxDir, f), 'utf8')) as {
          to: string;
          subject: string;
          text: string;
        },
    );

const upload = (app: TestApp, client: Client, path: string, fields: Record<string, string | File>) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return fetch(`${app.url}${path}`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: { origin: app.url, cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
};

describe('the admin desk over HTTP', () => {
  let app: TestApp;
  let feeds: TestServer;
  let dana: Client;
  let lee: Client;
  let cam: Client;

  beforeAll(async () => {
    feeds = await startTestServer();
    feeds.route('/feed', serveBody(feed(feeds.url), 'application/rss+xml'));
    feeds.route('/leaves.jpg', serveBody(Buffer.from(solidPng(480, 320, [200, 120, 40])), 'image/png'));
    app = await startTestApp();
    dana = await signedInClient(app, 'dana@district.example', 'admin');
    lee = await signedInClient(app, 'lee@district.example', 'editor');
    cam = await signedInClient(app, 'cam@district.example', 'contributor');
    await dana.post('/admin/sources', {
      _csrf: await dana.csrf('/admin/sources'),
      url: `${feeds.url}/feed`,
      school: 'Lincoln Elementary',
      authorized_by: 'Dana Hayes, Principal',
    });
  });
  afterAll(async () => {
    await app.close();
    await feeds.close();
  });

  // The one post's id, read from its "Add" button the first time (later it sits in the digest instead).
  let knownItemId: number | undefined;
  const itemId = async () => {
    knownItemId ??= Number(
      /formaction="\/admin\/inbox\/2026-11-20\/entries\/(\d+)\/add"/.exec(
        await (await dana.get('/admin/inbox?date=2026-11-20')).text(),
      )?.[1],
    );
    expect(knownItemId).toBeGreaterThan(0);
    return knownItemId;
  };

  it('keeps both versions when two people edit the same digest', async () => {
    const id = await itemId();
    const csrfLee = await lee.csrf('/admin/inbox?date=2026-11-20');
    const csrfCam = await cam.csrf('/admin/inbox?date=2026-11-20');
    // Both opened the desk at version 0 (nothing saved yet).
    await lee.post('/admin/inbox/2026-11-20/save', {
      _csrf: csrfLee,
      version: '0',
      entry: String(id),
      intro: 'Lee’s intro',
    });
    const refused = await cam.post('/admin/inbox/2026-11-20/save', {
      _csrf: csrfCam,
      version: '0',
      entry: String(id),
      intro: 'Cam’s intro',
      [`blurb_${id}`]: 'Cam’s blurb',
    });
    expect(refused.status).toBe(409);
    const page = await refused.text();
    expect(page).toContain('The version someone else saved');
    expect(page).toContain('Lee’s intro');
    expect(page).toContain('Cam’s intro');
    expect(page).toContain('Cam’s blurb');
    expect((await findDigest(app.runtime.deps.db, '2026-11-20'))!.intro).toBe('Lee’s intro');
    // "Keep mine": the conflict page carries the current version, so saving again replaces theirs on purpose.
    const version = /name="version" value="(\d+)"/.exec(page)![1]!;
    await cam.post('/admin/inbox/2026-11-20/save', {
      _csrf: csrfCam,
      version,
      entry: String(id),
      intro: 'Cam’s intro',
    });
    expect((await findDigest(app.runtime.deps.db, '2026-11-20'))!.intro).toBe('Cam’s intro');

    // The same person in a second tab, on the version the first tab has since replaced, is told it was them.
    const stale = await cam.post('/admin/inbox/2026-11-20/save', {
      _csrf: csrfCam,
      version,
      entry: String(id),
      intro: 'Cam’s intro from the other tab',
    });
    expect(stale.status).toBe(409);
    const own = await stale.text();
    expect(own).toContain('The version you saved elsewhere');
    expect(own).toContain('You saved this digest elsewhere while editing here');
    const panel = /<section class="card conflict"[\s\S]*?<\/section>/.exec(own)![0];
    expect(panel).not.toMatch(/someone else|theirs/i);
    // The desk's script, saving as the coordinator types, is told the same, to say so in its own words.
    const scripted = await cam.post(
      '/admin/inbox/2026-11-20/save',
      { _csrf: csrfCam, version, entry: String(id), intro: 'Typed in the other tab' },
      { accept: 'application/json' },
    );
    expect(scripted.status).toBe(409);
    expect(await scripted.json()).toMatchObject({ ok: false, error: { code: 'conflict', yours: true } });
  });

  it('records a reason typed under a finding when Save draft, Publish now or Preview is pressed instead of its own button', async () => {
    const id = await itemId();
    const csrf = await dana.csrf('/admin/inbox?date=2026-11-20');
    const version = async () => String((await findDigest(app.runtime.deps.db, '2026-11-20'))?.version ?? 0);
    const save = async (reason: string) => {
      const saved = await dana.post('/admin/inbox/2026-11-20/save', {
        _csrf: csrf,
        version: await version(),
        entry: String(id),
        intro: 'What a stupid storm, and still we flew kites.',
        reason_0_tone: reason,
      });
      return saved.status === 303 ? (await dana.get(saved.headers.get('location')!)).text() : saved.text();
    };
    // One refused comes back in its field, opened, with why beside it: nothing typed is lost.
    const short = await save('fine');
    // A contributor sees the finding with who can record a reason, not a box they cannot use.
    const camSees = await (await cam.get('/admin/inbox?date=2026-11-20')).text();
    expect(camSees).toContain('Recording why it is fine is for an editor');
    expect(camSees).not.toContain('name="reason_0_tone"');
    expect(short).not.toContain('Recording why it is fine is for an editor');
    expect(short).toContain('Draft saved. A reason you wrote under a finding is not recorded: ');
    expect(short).toContain('at least 10 characters');
    expect(short).toMatch(
      /<details open="">\s*<summary>[^<]+<span class="visually-hidden"> \(Tone\)<\/span><\/summary>\s*<label for="reason-0-tone">[^<]+<\/label>\s*<p class="field-error" id="reason-0-tone-problem">[^<]*at least 10 characters[^<]*<\/p>\s*<textarea id="reason-0-tone" name="reason_0_tone" maxlength="500" aria-invalid="true" aria-describedby="reason-0-tone-problem finding-text-0-tone" autofocus="">fine<\/textarea>/,
    );
    const recorded = await save('The storm, not a person, is called stupid.');
    expect(recorded).toContain('Draft saved. A reason you wrote under a finding is recorded too.');
    const [override] = await listAudit(app.runtime.deps.db, { action: 'finding.override', limit: 1 });
    expect(override?.details).toContain('The storm, not a person, is called stupid.');
    // A word added since opens it again, with that reason beside it, so nobody types one blind.
    const worse = await dana.post('/admin/inbox/2026-11-20/save', {
      _csrf: csrf,
      version: await version(),
      entry: String(id),
      intro: 'What a stupid, pathetic storm, and still we flew kites.',
    });
    const worsePage = await (await dana.get(worse.headers.get('location')!)).text();
    expect(worsePage).toContain('Recorded then: “The storm, not a person, is called stupid.”');
    expect(worsePage).toContain('name="reason_0_tone"');

    // Publish now records a reason typed for another finding before it asks to confirm.
    const asked = await dana.post('/admin/inbox/2026-11-20/publish', {
      _csrf: csrf,
      version: await version(),
      entry: String(id),
      intro: 'What a stupid storm, and still Maya Johnson flew her kite.',
      'reason_0_student-name': 'Maya’s family asked for her full name to be printed.',
    });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('Publish now');
    const [named] = await listAudit(app.runtime.deps.db, { action: 'finding.override', limit: 1 });
    expect(named?.details).toContain('Maya’s family asked for her full name to be printed.');

    // Preview records one too (here on another day, whose findings are its own), and says so above the
    // preview; one refused keeps the coordinator on the desk.
    const csrf21 = await dana.csrf('/admin/inbox?date=2026-11-21');
    const preview = async (reason: string) =>
      dana.post('/admin/inbox/2026-11-21/preview', {
        _csrf: csrf21,
        version: String((await findDigest(app.runtime.deps.db, '2026-11-21'))?.version ?? 0),
        entry: String(id),
        intro: 'What a stupid storm, and still we flew kites.',
        reason_0_tone: reason,
      });
    const kept = await preview('ok');
    expect(kept.status).toBe(422);
    const keptPage = await kept.text();
    expect(keptPage).toContain('Draft saved. A reason you wrote under a finding is not recorded: ');
    expect(keptPage).toContain(
      // The page opens on it (autofocus: no script needed), as on the first refused field anywhere.
      'aria-invalid="true" aria-describedby="reason-0-tone-problem finding-text-0-tone" autofocus="">ok</textarea>',
    );

    // Its own button, refused, likewise; the button's address brings the page back to the finding.
    const own = await dana.post('/admin/inbox/2026-11-21/findings/0/tone/override', {
      _csrf: csrf21,
      version: String((await findDigest(app.runtime.deps.db, '2026-11-21'))?.version ?? 0),
      entry: String(id),
      intro: 'What a stupid storm, and still we flew kites.',
      reason_0_tone: 'ok fine',
    });
    expect(own.status).toBe(422);
    const ownPage = await own.text();
    expect(ownPage).toContain('<li class="finding" id="finding-0-tone">');
    expect(ownPage).toContain('formaction="/admin/inbox/2026-11-21/findings/0/tone/override#finding-0-tone"');
    expect(ownPage).toContain(
      'aria-describedby="reason-0-tone-problem finding-text-0-tone" autofocus="">ok fine</textarea>',
    );
    const previewed = await preview('The storm and the kites are called names, not a person.');
    expect(previewed.headers.get('location')).toBe('/admin/inbox/preview?date=2026-11-21');
    const shown = await (await dana.get(previewed.headers.get('location')!)).text();
    expect(shown).toContain('The reason you wrote under a finding is recorded.');
    const [previewedReason] = await listAudit(app.runtime.deps.db, { action: 'finding.override', limit: 1 });
    expect(previewedReason?.details).toContain('The storm and the kites are called names, not a person.');
  });

  it('hints beside a post not chosen yet what the checks would find in it', async () => {
    const db = app.runtime.deps.db;
    const [source] = await listSources(db);
    await storeItems(db, source!.id, [
      item({
        guid: 'fair',
        title: 'Jordan Alvarez won the science fair',
        publishedAt: Date.parse('2026-11-18T18:00:00Z'),
      }),
      item({
        guid: 'beans',
        title: 'Our bean plants sprouted',
        publishedAt: Date.parse('2026-11-18T19:00:00Z'),
      }),
    ]);
    const page = await (await dana.get('/admin/inbox?date=2026-11-18')).text();
    const rowOf = (title: string) =>
      page.slice(page.indexOf(title), page.indexOf('</article>', page.indexOf(title)));
    expect(rowOf('Jordan Alvarez won the science fair')).toContain('May name a student in full');
    expect(rowOf('Our bean plants sprouted')).not.toContain('May name a student in full');
  });

  it('lists the schools that posted above their posts, each a link to them, folded away when long', async () => {
    const db = app.runtime.deps.db;
    const day = (hour: number) => Date.parse(`2026-11-17T${String(hour).padStart(2, '0')}:00:00Z`);
    const schoolsBy = async (date: string) => {
      const page = await (await dana.get(`/admin/inbox?date=${date}`)).text();
      const list = /<details class="school-jump"( open="")?><summary>([^<]*)<\/summary>(.*?)<\/details>/.exec(
        page,
      );
      return {
        open: Boolean(list?.[1]),
        summary: list?.[2],
        links: [...(list?.[3] ?? '').matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]),
        targets: [...page.matchAll(/<section class="school-group" aria-label="[^"]*" id="([^"]+)"/g)].map(
          (m) => m[1],
        ),
      };
    };
    // One school posted: no list.
    const [lincoln] = await listSources(db);
    await storeItems(db, lincoln!.id, [item({ guid: 'one-school', publishedAt: day(16) })]);
    expect((await schoolsBy('2026-11-17')).summary).toBeUndefined();

    // Two: the list is open; each link names a group the page has.
    const { source: adams } = await addSchoolWithSource(
      db,
      'Adams Early Learning',
      'https://adams.example/feed',
    );
    await storeItems(db, adams.id, [item({ guid: 'adams-1', publishedAt: day(17) })]);
    const two = await schoolsBy('2026-11-17');
    expect(two).toMatchObject({ open: true, summary: '2 schools posted: go to one' });
    expect(two.links).toEqual([
      ['posts-adams-early-learning', 'Adams Early Learning'],
      ['posts-lincoln-elementary', 'Lincoln Elementary'],
    ]);
    expect(two.targets).toEqual(two.links.map(([target]) => target));

    // Nine: one line until opened.
    for (let n = 1; n <= 7; n++) {
      const { source } = await addSchoolWithSource(db, `School ${n}`, `https://school${n}.example/feed`);
      await storeItems(db, source.id, [item({ guid: `school-${n}`, publishedAt: day(18) })]);
    }
    const nine = await schoolsBy('2026-11-17');
    expect(nine).toMatchObject({ open: false, summary: '9 schools posted: go to one' });
    expect(nine.targets).toEqual(nine.links.map(([target]) => target));
  });

  it('gates each section by role', async () => {
    expect((await cam.get('/admin/inbox')).status).toBe(200);
    expect((await cam.get('/admin/sources')).status).toBe(403);
    expect((await cam.get('/admin/account')).status).toBe(200);
    expect((await lee.get('/admin/sources')).status).toBe(200);
    expect((await lee.get('/admin/users')).status).toBe(403);
    expect((await lee.get('/admin/settings')).status).toBe(403);
    expect((await dana.get('/admin/users')).status).toBe(200);
    const nav = await (await cam.get('/admin/inbox')).text();
    expect(nav).not.toContain('href="/admin/sources"');
    expect(nav).not.toContain('Publish now');
    expect(nav).toContain('Submit for review');
    // A button's address opened again (the history, a bookmark) is that day's desk or tab, never a 404.
    for (const [path, to] of [
      ['/admin/inbox/2026-11-20/publish', '/admin/inbox?date=2026-11-20'],
      ['/admin/inbox/2026-11-20/entries/3/add', '/admin/inbox?date=2026-11-20'],
      ['/admin/translations/2026-11-20/es/save', '/admin/inbox?date=2026-11-20&lang=es'],
    ]) {
      const reopened = await dana.get(path!);
      expect([reopened.status, reopened.headers.get('location')], path).toEqual([303, to]);
    }
  });

  it('invites a person by an emailed one-time link, and never leaves the district without an administrator', async () => {
    await dana.post('/admin/users', {
      _csrf: await dana.csrf('/admin/users'),
      name: 'Ola',
      email: 'ola@district.example',
      role: 'contributor',
    });
    // An address that has an account already is refused, and the form keeps what was typed.
    const twice = await dana.post('/admin/users', {
      _csrf: await dana.csrf('/admin/users'),
      name: 'Ola Again',
      email: 'ola@district.example',
      role: 'editor',
    });
    expect(twice.status).toBe(422);
    const refusedPage = await twice.text();
    expect(refusedPage).toContain('value="Ola Again"');
    expect(refusedPage).toContain('value="ola@district.example"');
    expect(refusedPage).toMatch(/<option value="editor" selected="">/);
    const invite = outbox(app).find((m) => m.to === 'ola@district.example')!;
    expect(invite.subject).toBe('You are invited to the digest desk of Our School District');
    const link = /http:\/\/\S+\/set-password\?token=[\w-]+/.exec(invite.text)![0];
    const ola = createClient(app.url);
    const path = new URL(link).pathname + new URL(link).search;
    const response = await ola.post(path, {
      _csrf: await ola.csrf(path),
      password: 'a long enough password',
      confirm: 'a long enough password',
    });
    // Signed in, and shown where a contributor's work is (Sources would refuse her), recorded as a sign-in.
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/inbox');
    expect((await ola.get('/admin/inbox')).status).toBe(200);
    const signedIn = await findUserByEmail(app.runtime.deps.db, 'ola@district.example');
    expect(signedIn!.lastLoginAt).toBe(app.clock.now());

    const me = await findUserByEmail(app.runtime.deps.db, 'dana@district.example');
    await dana.post(`/admin/users/${me!.id}/role`, {
      _csrf: await dana.csrf('/admin/users'),
      role: 'editor',
    });
    expect(await (await dana.get('/admin/users')).text()).toContain('is the only active administrator');
    expect((await findUserByEmail(app.runtime.deps.db, 'dana@district.example'))!.role).toBe('admin');
  });

  it('sends a password link to whoever asks, without saying whether the account exists', async () => {
    const before = outbox(app).length;
    const stranger = createClient(app.url);
    for (const email of ['lee@district.example', 'nobody@district.example']) {
      const response = await stranger.post('/admin/forgot', {
        _csrf: await stranger.csrf('/admin/forgot'),
        email,
      });
      expect(response.headers.get('location')).toBe('/admin/forgot?sent=1');
    }
    await app.sendQueuedMail(); // the background sender's work, after the answers
    const sent = outbox(app).slice(before);
    expect(sent.map((m) => m.to)).toEqual(['lee@district.example']);
    expect(sent[0]!.subject).toBe('Choose a new password for the digest desk of Our School District');
  });

  it('signs a person out everywhere', async () => {
    const other = await signedInClient(app, 'pat@district.example', 'editor');
    const second = createClient(app.url);
    await second.post('/admin/login', {
      _csrf: await second.csrf('/admin/login'),
      email: 'pat@district.example',
      password: TEST_PASSWORD,
    });
    expect((await second.get('/admin/inbox')).status).toBe(200);
    await other.post('/admin/account/sign-out-everywhere', { _csrf: await other.csrf('/admin/account') });
    expect((await second.get('/admin/inbox')).status).toBe(303);
  });

  it('saves settings, lists and switches, and refuses bad values with a sentence', async () => {
    // The web team finds the lines to paste beside the sites that may show them, with this site's address.
    const settingsPage = await (await dana.get('/admin/settings')).text();
    expect(settingsPage).toContain(
      `<code>&lt;script src=&quot;${app.url}/embed.js&quot; data-count=&quot;1&quot;&gt;&lt;/script&gt;`,
    );
    const csrf = await dana.csrf('/admin/settings');
    const form = {
      _csrf: csrf,
      district_name: 'Lakeside Schools',
      site_title: 'What happened yesterday',
      timezone: 'America/Chicago',
      publish_time: '07:30',
      // A box for each day, the weekdays ticked.
      publish_days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      poll_interval_minutes: '30',
      fetch_concurrency: '8',
      require_approval: ['false', 'true'],
      embed_origins: 'https://www.lakeside.example',
      tone_words: 'stupid\nlazy',
      name_allowlist: 'Abraham Lincoln',
    };
    await dana.post('/admin/settings', form);
    const settings = await readDistrictSettings(app.runtime.deps.db);
    expect(settings).toMatchObject({
      districtName: 'Lakeside Schools',
      publishTime: '07:30',
      publishDays: [1, 2, 3, 4, 5],
      requireApproval: true,
      embedOrigins: ['https://www.lakeside.example'],
      toneWords: ['stupid', 'lazy'],
      nameAllowlist: ['Abraham Lincoln'],
    });
    const ticked = await (await dana.get('/admin/settings')).text();
    // A setting that may be left empty is not required in the browser; one that may not, is.
    expect(ticked).toMatch(/<input type="text" id="contact_email" name="contact_email" value=""[^>]*\/>/);
    expect(ticked).not.toMatch(/<input type="text" id="contact_email"[^>]*required/);
    expect(ticked).toMatch(/<input type="text" id="district_name"[^>]*required=""/);
    expect(ticked).toContain('<input type="checkbox" name="publish_days" value="fri" checked=""/> Friday');
    expect(ticked).toContain('<input type="checkbox" name="publish_days" value="sat"/> Saturday');
    const refused = await dana.post('/admin/settings', {
      ...form,
      publish_days: '', // what the page sends with no box ticked
      _csrf: csrf,
      require_approval: 'false',
      publish_time: '7am',
      embed_origins: 'www.lakeside.example',
    });
    // The page again, with each refused value as typed and why beside it; nothing typed is lost.
    expect(refused.status).toBe(422);
    const page = await refused.text();
    // Named as the page names it: the setting's key is for the command line.
    expect(page).toContain('Publish days needs at least one day');
    expect(page).not.toContain('(publish_days)');
    expect(page).toMatch(/<p class="field-error" id="publish_time-problem">[^<]+<\/p>/);
    expect(page).toContain(
      'name="publish_time" value="7am" aria-describedby="publish_time-problem publish_time-help" aria-invalid="true"',
    );
    expect(page).toMatch(
      /<textarea id="embed_origins"[^>]*aria-invalid="true"[^>]*>www\.lakeside\.example<\/textarea>/,
    );
    // It opens on the first of them, with its problem read out (one field only: a browser focuses the first).
    expect(page.match(/autofocus=""/g)).toHaveLength(1);
    expect(page).toContain(
      'value="7am" aria-describedby="publish_time-problem publish_time-help" aria-invalid="true" autofocus=""',
    );
    expect((await readDistrictSettings(app.runtime.deps.db)).publishDays).toEqual([1, 2, 3, 4, 5]);
    // What was valid in it is kept, the page says so first, and the log names that and nothing else.
    expect(page).toContain(
      '<div class="flash error" role="alert">Saved: Require a second person’s approval. Not saved:',
    );
    const [latest] = await listAudit(app.runtime.deps.db, { action: 'settings.change', limit: 1 });
    expect(JSON.parse(latest!.details)).toEqual({ require_approval: 'false' });

    // Languages: the district's own chosen from a list, each offered one ticked; codes are never typed.
    const db = app.runtime.deps.db;
    await dana.post('/admin/settings', {
      _csrf: csrf,
      languages_own: 'en',
      languages: ['', 'en', 'ar', 'es'],
    });
    expect((await readDistrictSettings(db)).languages).toEqual(['en', 'ar', 'es']);
    const offered = await (await dana.get('/admin/settings')).text();
    expect(offered).toContain('<option value="en" selected="">English</option>');
    expect(offered).toContain('<input type="checkbox" name="languages" value="es" checked=""/> Español');
    expect(offered).toContain('<input type="checkbox" name="languages" value="en" checked=""/> English');
    // Making Spanish the district's own keeps English offered, as its box still says; unticked ones go, and
    // the families who read one are counted, with what it means for them.
    const usra = await addConfirmedSubscriber(db, 'usra@family.example');
    await setSubscriberLanguage(db, usra.id, 'ar', 1);
    const dropped = await dana.post('/admin/settings', {
      _csrf: csrf,
      languages_own: 'es',
      languages: ['', 'en', 'es'],
    });
    expect((await readDistrictSettings(db)).languages).toEqual(['es', 'en']);
    expect(await (await dana.get(dropped.headers.get('location')!)).text()).toContain(
      'Settings saved. 1 subscriber reads the digest in Arabic: their emails now come in Spanish, and the /ar pages no longer answer. Add Arabic again to give it back to them.',
    );
    await dana.post('/admin/settings', { _csrf: csrf, languages_own: 'en', languages: [''] });
    expect((await readDistrictSettings(db)).languages).toEqual(['en']);
    // Written at the command line in capitals, a list is kept as the page reads it.
    expect((await changeSetting(db, 'publish_days', 'MON, Tue,,mon', 1)).ok).toBe(true);
    expect((await readDistrictSettings(db)).publishDays).toEqual([1, 2]);
    expect(await (await dana.get('/admin/settings')).text()).toContain(
      '<input type="checkbox" name="publish_days" value="tue" checked=""/> Tuesday',
    );
    expect(page).toContain('Publish time must be a 24-hour time such as 07:00.');
    expect(page).toContain('must list origins like https://www.district.example');
    expect((await readDistrictSettings(app.runtime.deps.db)).requireApproval).toBe(false);
  });

  it('offers no social account forms while SOCIAL_SECRET_KEY is unset, and says why once', async () => {
    const page = await (await dana.get('/admin/settings/social')).text();
    expect(page).toContain(
      'Accounts can be connected once whoever runs Yesterday for the district sets SOCIAL_SECRET_KEY',
    );
    expect(page).toContain('<code>openssl rand -base64 32</code>');
    expect(page).not.toContain('action="/admin/settings/social/connect"');
    expect(page).toContain('action="/admin/settings/social/template"');
    // A template refused comes back as typed, with why.
    const refused = await dana.post('/admin/settings/social/template', {
      _csrf: await dana.csrf('/admin/settings/social'),
      template: 'Yesterday at our schools: {{link}}',
      language: 'klingon',
    });
    expect(refused.status).toBe(422);
    const again = await refused.text();
    expect(again).toContain('“klingon” is not a language code.');
    expect(again).toContain('Yesterday at our schools: {{link}}</textarea>');
    expect(again).toContain('value="klingon"');
    // Opened again from the history, the address it answered at is the page.
    const reopened = await dana.get('/admin/settings/social/template');
    expect(reopened.status).toBe(303);
    expect(reopened.headers.get('location')).toBe('/admin/settings/social');
  });

  it('accepts a real image as the logo and refuses anything else', async () => {
    const png = Uint8Array.from(
      atob(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      ),
      (c) => c.charCodeAt(0),
    );
    const csrf = await dana.csrf('/admin/settings');
    await upload(app, dana, '/admin/settings/logo', {
      _csrf: csrf,
      file: new File([new TextEncoder().encode('<svg onload=alert(1)>')], 'logo.png', { type: 'image/png' }),
    });
    expect((await fetch(`${app.url}/logo`)).status).toBe(404);
    // A type that happens to name a property of every object is no image type either.
    const odd = await upload(app, dana, '/admin/settings/logo', {
      _csrf: csrf,
      file: new File([png], 'logo.png', { type: 'constructor' }),
    });
    expect(odd.status).toBe(303); // back to the settings with a sentence, not a server error
    expect((await fetch(`${app.url}/logo`)).status).toBe(404);
    await upload(app, dana, '/admin/settings/logo', {
      _csrf: csrf,
      file: new File([png], 'logo.png', { type: 'image/png' }),
    });
    const logo = await fetch(`${app.url}/logo`);
    expect(logo.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await logo.arrayBuffer())).toEqual(png);
    expect(await (await fetch(`${app.url}/`)).text()).toContain('src="/logo"');
    // A variant for dark backgrounds takes the masthead (the brand's main colour), on the site and in email.
    expect((await fetch(`${app.url}/logo/dark`)).status).toBe(404);
    const white = Uint8Array.from(png);
    await upload(app, dana, '/admin/settings/logo', {
      _csrf: csrf,
      variant: 'dark',
      file: new File([white], 'logo-white.png', { type: 'image/png' }),
    });
    expect((await fetch(`${app.url}/logo/dark`)).headers.get('content-type')).toBe('image/png');
    expect((await fetch(`${app.url}/logo`)).status).toBe(200); // the light one stays, for feeds and previews
    const home = await (await fetch(`${app.url}/`)).text();
    expect(home).toContain('src="/logo/dark"');
    expect(home).toContain('<meta property="og:image" content="' + app.url + '/logo"/>');
    await upload(app, dana, '/admin/settings/logo', { _csrf: csrf, variant: 'dark', remove: '1' });
    expect((await fetch(`${app.url}/logo/dark`)).status).toBe(404);
    expect(await (await fetch(`${app.url}/`)).text()).toContain('src="/logo"');

    // A logo made from a phone photo keeps its pixels and loses where it was taken, as it is stored and as it
    // is served; one stored before uploads were cleaned goes out clean too.
    const photo = await phonePhoto();
    expect((await exifr.gps(photo)).latitude).toBeCloseTo(GPS.latitude, 3);
    await upload(app, dana, '/admin/settings/logo', {
      _csrf: csrf,
      file: new File([new Uint8Array(photo)], 'logo.jpg', { type: 'image/jpeg' }),
    });
    const stored = (await readSetting(app.runtime.deps.db, 'logo'))!;
    expect(await exifr.gps(Buffer.from(stored.slice(stored.indexOf(',') + 1), 'base64'))).toBeUndefined();
    const served = Buffer.from(await (await fetch(`${app.url}/logo`)).arrayBuffer());
    expect(await exifr.gps(served)).toBeUndefined();
    expect((await sharp(served).metadata()).width).toBe(800);
    await writeSetting(
      app.runtime.deps.db,
      'logo',
      `data:image/jpeg;base64,${photo.toString('base64')}`,
      app.clock.now(),
    );
    const old = Buffer.from(await (await fetch(`${app.url}/logo`)).arrayBuffer());
    expect(await exifr.gps(old)).toBeUndefined();
    expect((await sharp(old).metadata()).height).toBe(600);
    // One stored before that cannot be read whole is not served with what it may hold: Settings says so.
    const broken = Buffer.concat([photo.subarray(0, 200), Buffer.from([0x00, 0x01]), photo.subarray(200)]);
    await writeSetting(
      app.runtime.deps.db,
      'logo',
      `data:image/jpeg;base64,${broken.toString('base64')}`,
      app.clock.now(),
    );
    expect((await fetch(`${app.url}/logo`)).status).toBe(404);
    expect(await (await dana.get('/admin/settings')).text()).toContain(
      'The logo stored here cannot be read as a picture',
    );
  });

  it('loads a roster from a file and shows only how many names it holds', async () => {
    const csrf = await dana.csrf('/admin/settings');
    await upload(app, dana, '/admin/settings/roster', {
      _csrf: csrf,
      file: new File(['Surname,First\nNguyen,Emma\nOkafor,Tunde\n'], 'roster.csv', { type: 'text/csv' }),
    });
    const page = await (await dana.get('/admin/settings')).text();
    expect(page).toContain('2 surnames loaded.');
    expect(page).not.toContain('Nguyen');
    // A list of first names is not taken for surnames; a surname column is read wherever it is.
    const firstNames = await upload(app, dana, '/admin/settings/roster', {
      _csrf: await dana.csrf('/admin/settings'),
      file: new File(['First name\r\nJosé\r\n'], 'names.csv', { type: 'text/csv' }),
    });
    expect(flashOf(firstNames)).toMatchObject({
      kind: 'error',
      text: expect.stringContaining('The file’s columns are headed as first names or full names'),
    });
    await upload(app, dana, '/admin/settings/roster', {
      _csrf: await dana.csrf('/admin/settings'),
      file: new File(['First name,Last name\nEmma,Nguyen\nTunde,Okafor\nAna,Reyes\n'], 'roster.csv'),
    });
    expect(await (await dana.get('/admin/settings')).text()).toContain('3 surnames loaded.');
    const { db, signingKey } = app.runtime.deps;
    expect(await nameListWordsAmong(db, signingKey, 'roster', ['Emma', 'Reyes'])).toEqual(new Set(['reyes']));
    await upload(app, dana, '/admin/settings/roster', {
      _csrf: await dana.csrf('/admin/settings'),
      file: new File(['Surname,First\nNguyen,Emma\nOkafor,Tunde\n'], 'roster.csv', { type: 'text/csv' }),
    });
    // A workbook chosen by mistake is refused, and the roster stays as it was.
    const workbook = await upload(app, dana, '/admin/settings/roster', {
      _csrf: await dana.csrf('/admin/settings'),
      file: new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0, 8, 0])], 'roster.xlsx'),
    });
    expect(flashOf(workbook)).toMatchObject({
      kind: 'error',
      text: expect.stringMatching(/^That file is a workbook .* Nothing changed\.$/),
    });
    expect(await (await dana.get('/admin/settings')).text()).toContain('2 surnames loaded.');
    const [entry] = await listAudit(app.runtime.deps.db, { action: 'roster.replace', limit: 1 });
    expect(entry?.details).toBe('{"surnames":2}');
    // The roster and its audit entry are one write: an entry that cannot be written leaves the roster as it was.
    const sqlite = app.runtime.sqlite.sqlite;
    sqlite.exec(`create trigger no_roster_audit before insert on audit_log when new.action = 'roster.replace'
      begin select raise(abort, 'audit refused'); end`);
    try {
      const refused = await upload(app, dana, '/admin/settings/roster', {
        _csrf: await dana.csrf('/admin/settings'),
        file: new File(['Surname\nLopez\nKim\nSmith\n'], 'roster.csv', { type: 'text/csv' }),
      });
      expect(refused.status).toBe(500);
      expect(await (await dana.get('/admin/settings')).text()).toContain('2 surnames loaded.');
    } finally {
      sqlite.exec('drop trigger no_roster_audit');
    }
  });

  it('keeps the students without a media release, typed or from a file, as first names it cannot show again', async () => {
    const typed = await upload(app, dana, '/admin/settings/no-release', {
      _csrf: await dana.csrf('/admin/settings'),
      names: 'First name\nZora Quist\nBram\n  \nzora\n',
    });
    expect(typed.status).toBe(303);
    expect(typed.headers.get('location')).toBe('/admin/settings#no-release');
    const page = await (await dana.get('/admin/settings')).text();
    expect(page).toContain('2 first names on file.');
    expect(page).not.toMatch(/Zora|Quist|Bram/);
    const [entry] = await listAudit(app.runtime.deps.db, { action: 'no_release.replace', limit: 1 });
    expect(entry?.details).toBe('{"names":2}');
    // A spreadsheet's column replaces the list; nothing usable is refused and leaves it as it was.
    await upload(app, dana, '/admin/settings/no-release', {
      _csrf: await dana.csrf('/admin/settings'),
      file: new File(['Student,Grade\nAna Kim,3\nBo,4\nCy,5\n'], 'no-release.csv', { type: 'text/csv' }),
    });
    expect(await (await dana.get('/admin/settings')).text()).toContain('3 first names on file.');
    // Saved by Excel on Windows ("CSV (Comma delimited)"): Windows-1252, read as written and compared without
    // accents. A list loaded before names were compared so is asked for again.
    await app.runtime.deps.db.orm.insert(noReleaseNames).values({ hash: 'loaded before folding' });
    expect(await (await dana.get('/admin/settings')).text()).toMatch(
      /4 first names on file\.<\/strong> It still works, but only for names spelled exactly as in the list\./,
    );
    const windows = await upload(app, dana, '/admin/settings/no-release', {
      _csrf: await dana.csrf('/admin/settings'),
      file: new File(
        [Buffer.from('First name,Last name\r\nJos\xe9,Ram\xedrez\r\nZo\xeb,O\x92Neil\r\n', 'latin1')],
        'no-release.csv',
        { type: 'text/csv' },
      ),
    });
    expect(flashOf(windows)?.text).toBe(
      'List replaced: 2 first names, kept as fingerprints only. Pictures in posts that name them are held. The file is not saved as UTF-8, so it was read the way Excel on Windows saves “CSV (Comma delimited)”. If it came from somewhere else and has names with accents, save it as “CSV UTF-8” instead and load it again.',
    );
    // Saved by Excel on a Mac ("Comma Separated Values"): Mac OS Roman, lines ended by CR.
    const mac = await upload(app, dana, '/admin/settings/no-release', {
      _csrf: await dana.csrf('/admin/settings'),
      file: new File(
        [Buffer.from('First name\rJos\x8e\rZo\x91\rFran\x8dois\r', 'latin1')],
        'no-release.csv',
        { type: 'text/csv' },
      ),
    });
    expect(flashOf(mac)?.text).toBe(
      'List replaced: 3 first names, kept as fingerprints only. Pictures in posts that name them are held. The file is not saved as UTF-8, so it was read the way Excel on a Mac saves “Comma Separated Values”, as its line ends or its accented letters suggest. If it was saved on Windows instead, or names with accents may have come out wrong, save it as “CSV UTF-8” and load it again.',
    );
    expect(
      await nameListWordsAmong(app.runtime.deps.db, app.runtime.deps.signingKey, 'noRelease', [
        'José',
        'Zoë',
        'François',
      ]),
    ).toEqual(new Set(['jose', 'zoe', 'francois']));
    await upload(app, dana, '/admin/settings/no-release', {
      _csrf: await dana.csrf('/admin/settings'),
      file: new File(
        [Buffer.from('First name,Last name\r\nJos\xe9,Ram\xedrez\r\nZo\xeb,O\x92Neil\r\n', 'latin1')],
        'no-release.csv',
        { type: 'text/csv' },
      ),
    });
    const reloaded = await (await dana.get('/admin/settings')).text();
    expect(reloaded).toContain('2 first names on file.');
    expect(reloaded).not.toContain('It still works, but only');
    const { db, signingKey } = app.runtime.deps;
    expect(await nameListWordsAmong(db, signingKey, 'noRelease', ['José', 'Jose', 'Zoë', 'Ramírez'])).toEqual(
      new Set(['jose', 'zoe']),
    );
    const nothing = await upload(app, dana, '/admin/settings/no-release', {
      _csrf: await dana.csrf('/admin/settings'),
      names: '12345',
    });
    expect(flashOf(nothing)).toEqual({
      kind: 'error',
      text: 'No names found: give one student per line (“Maya”, “Maya Lopez” or “Lopez, Maya”). Nothing changed.',
    });
    expect(await (await dana.get('/admin/settings')).text()).toContain('2 first names on file.');
    await upload(app, dana, '/admin/settings/no-release', {
      _csrf: await dana.csrf('/admin/settings'),
      clear: '1',
    });
    expect(await (await dana.get('/admin/settings')).text()).toContain('No list on file.');
    expect(await listAudit(app.runtime.deps.db, { action: 'no_release.clear', limit: 1 })).toHaveLength(1);
  });

  it('previews the digest and sends a test email to the person asking', async () => {
    const id = await itemId();
    const csrf = await dana.csrf('/admin/inbox?date=2026-11-20');
    const version = /name="version" value="(\d+)"/.exec(
      await (await dana.get('/admin/inbox?date=2026-11-20')).text(),
    )![1]!;
    await dana.post('/admin/inbox/2026-11-20/save', {
      _csrf: csrf,
      version,
      entry: String(id),
      [`image_${id}`]: `${feeds.url}/leaves.jpg`,
      [`alt_${id}`]: 'Crayon leaf rubbings',
    });
    const preview = await (await dana.get('/admin/inbox/preview?date=2026-11-20')).text();
    expect(preview).toContain('The email’s plain-text part');
    // A day that is not a date (a line break in it, say) sends the preview back to the inbox, not to an error.
    for (const odd of ['%0d%0aX:%20y', 'tomorrow', ''])
      expect((await dana.get(`/admin/inbox/preview?date=${odd}`)).headers.get('location')).toBe(
        '/admin/inbox',
      );
    const refused = await dana.post('/admin/inbox/preview?date=%0d%0aX:%20y', {
      _csrf: await dana.csrf('/admin/inbox/preview?date=2026-11-20'),
    });
    expect(refused.status).toBe(303);
    expect(refused.headers.get('location')).toBe('/admin/inbox/preview');
    expect(preview).toContain('Leaf rubbings');
    const page = await dana.get('/admin/inbox/preview/page?date=2026-11-20');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(await page.text()).toContain('Crayon leaf rubbings');
    await dana.post('/admin/inbox/preview?date=2026-11-20', {
      _csrf: await dana.csrf('/admin/inbox/preview?date=2026-11-20'),
    });
    const test = outbox(app).at(-1)!;
    expect(test).toMatchObject({ to: 'dana@district.example', subject: expect.stringMatching(/^\[Test\] /) });
    expect(test.text).toContain('Leaf rubbings');
    // The email's rules: none above a first post that opens the card, one under an intro.
    const rules = async () =>
      (
        (await (await dana.get('/admin/inbox/preview/email?date=2026-11-20')).text()).match(
          /<p\s+style="border-top:solid 1px #e4e0d8/g,
        ) ?? []
      ).length;
    const saveIntro = async (intro: string) =>
      dana.post('/admin/inbox/2026-11-20/save', {
        _csrf: csrf,
        version: /name="version" value="(\d+)"/.exec(
          await (await dana.get('/admin/inbox?date=2026-11-20')).text(),
        )![1]!,
        entry: String(id),
        intro,
      });
    await saveIntro('');
    expect(await rules()).toBe(0);
    await saveIntro('Autumn in Room 2.');
    expect(await rules()).toBe(1);

    // Previewed a day later, Friday's digest would go out late: the email says so, as it will.
    expect(test.subject).toBe('[Test] What happened yesterday · Friday, November 20, 2026');
    const clockWas = app.clock.now();
    // A day on, in steps the session's twelve idle hours allow.
    for (const hours of [11, 11, 2]) {
      app.clock.advance(hours * 3600_000);
      await dana.get('/admin/inbox?date=2026-11-20');
    }
    try {
      const email = await (await dana.get('/admin/inbox/preview/email?date=2026-11-20')).text();
      expect(email).toMatch(/<h1 [^>]*>What happened on Friday<\/h1>/);
      await dana.post('/admin/inbox/preview?date=2026-11-20', {
        _csrf: await dana.csrf('/admin/inbox/preview?date=2026-11-20'),
      });
      expect(outbox(app).at(-1)!.subject).toBe('[Test] What happened on Friday, November 20, 2026');
    } finally {
      app.clock.set(clockWas);
    }
  });
});

describe('the audit log page', () => {
  let app: TestApp;
  let dana: Client;

  beforeAll(async () => {
    app = await startTestApp();
    dana = await signedInClient(app, 'dana@district.example', 'admin');
    await signedInClient(app, 'lee@district.example', 'editor');
    await signedInClient(app, 'lee_2@district.example', 'editor');
    await dana.post('/admin/settings', {
      _csrf: await dana.csrf('/admin/settings'),
      site_title: 'Yesterday at Lincoln',
    });
  });
  afterAll(() => app.close());

  const rowsOf = async (query: string) => {
    const page = await (await dana.get(`/admin/audit?${query}`)).text();
    return { page, rows: [...page.matchAll(/<tr><td[^>]*>.*?<\/tr>/gs)].map((m) => m[0]) };
  };

  it('filters by action, by who (a prefix, taken literally), by subject and by dates', async () => {
    const all = await rowsOf('');
    expect(all.rows.length).toBeGreaterThanOrEqual(4);
    expect(all.page).toContain('<option value="settings.change">');

    const logins = await rowsOf('action=user.login');
    expect(logins.rows.length).toBe(3);
    expect(logins.rows.every((row) => row.includes('user.login'))).toBe(true);

    const lee = await rowsOf('action=user.login&who=lee');
    expect(lee.rows.length).toBe(2);
    // "_" is a wildcard to SQL's LIKE; here it is just an underscore.
    expect((await rowsOf('who=lee_')).rows.length).toBe(1);
    expect((await rowsOf('who=%25')).rows).toEqual([]);
    expect((await rowsOf('who=%25')).page).toContain('Nothing in the log matches this filter.');

    expect((await rowsOf('subject=site_title')).rows).toEqual([]);
    const settings = await readDistrictSettings(app.runtime.deps.db);
    const today = localDateOf(app.runtime.deps.clock.now(), settings.timezone);
    expect((await rowsOf(`from=${today}&to=${today}`)).rows.length).toBe(all.rows.length);
    expect((await rowsOf('from=2000-01-01&to=2000-01-02')).rows).toEqual([]);

    const bad = await rowsOf('from=yesterday');
    expect(bad.page).toContain('Dates in the filter must look like 2026-11-20');
    expect(bad.rows.length).toBe(all.rows.length);
  });
});

describe('correcting a published digest at the desk', () => {
  let app: TestApp;
  let feeds: TestServer;
  let dana: Client;

  beforeAll(async () => {
    feeds = await startTestServer();
    feeds.route('/feed', serveBody(feed(feeds.url), 'application/rss+xml'));
    feeds.route('/leaves.jpg', serveBody(Buffer.from(solidPng(480, 320, [200, 120, 40])), 'image/png'));
    app = await startTestApp();
    dana = await signedInClient(app, 'dana@district.example', 'admin');
    await dana.post('/admin/sources', {
      _csrf: await dana.csrf('/admin/sources'),
      url: `${feeds.url}/feed`,
      school: 'Lincoln Elementary',
      authorized_by: 'Dana Hayes, Principal',
      media_release: '1',
    });
    const page = await (await dana.get('/admin/inbox?date=2026-11-20')).text();
    const id = /formaction="\/admin\/inbox\/2026-11-20\/entries\/(\d+)\/add"/.exec(page)![1]!;
    await publishFromDesk(dana, '2026-11-20', {
      _csrf: await dana.csrf('/admin/inbox?date=2026-11-20'),
      version: '0',
      entry: id,
    });
  });
  afterAll(async () => {
    await app.close();
    await feeds.close();
  });

  const form = async () => {
    const page = await (await dana.get('/admin/inbox?date=2026-11-20')).text();
    return {
      page,
      id: /name="entry" value="(\d+)"/.exec(page)![1]!,
      version: /name="version" value="(\d+)"/.exec(page)![1]!,
      csrf: /name="_csrf" value="([^"]+)"/.exec(page)![1]!,
    };
  };

  it('offers a correction instead of a draft, and keeps what was typed when the note is missing', async () => {
    const { page, id, version, csrf } = await form();
    expect(page).toContain('Correct this digest');
    expect(page).not.toContain('data-autosave="on"');
    // Unpublishing says what it does before it is pressed: there is no undoing it.
    expect(page).toMatch(
      /<h2 id="unpublish-heading" class="card-heading">Take this digest down<\/h2><p class="hint">Unpublishing takes the whole digest off the site[^<]*It cannot be published again/,
    );
    const saveAttempt = await dana.post('/admin/inbox/2026-11-20/save', {
      _csrf: csrf,
      version,
      entry: id,
      [`headline_${id}`]: 'Changed quietly',
    });
    // Nothing is saved; what was typed comes back in the correction's fields, to explain and publish.
    expect(saveAttempt.status).toBe(409);
    expect(await saveAttempt.text()).toContain('value="Changed quietly"');
    expect(await (await fetch(`${app.url}/digests/2026-11-20`)).text()).not.toContain('Changed quietly');

    const refused = await dana.post('/admin/inbox/2026-11-20/correct', {
      _csrf: csrf,
      version,
      entry: id,
      [`headline_${id}`]: 'Leaf rubbings in Room 2',
      correction_note: 'short',
    });
    expect(refused.status).toBe(422);
    const again = await refused.text();
    expect(again).toContain('The correction is not published yet.');
    expect(again).toContain('value="Leaf rubbings in Room 2"');
    expect(again).toContain('>short</textarea>');
    // Said beside the note, tied to it, and the page opens there.
    expect(again).toMatch(
      /<p class="field-error" id="correction-note-problem">[^<]+<\/p><textarea id="correction-note" name="correction_note" maxlength="500" aria-invalid="true" aria-describedby="correction-note-problem correction-note-hint" autofocus="">short<\/textarea>/,
    );
  });

  it('publishes a correction with its note, and takes a post down with a reason', async () => {
    const { id, version, csrf } = await form();
    const done = await dana.post('/admin/inbox/2026-11-20/correct', {
      _csrf: csrf,
      version,
      entry: id,
      [`headline_${id}`]: 'Leaf rubbings in Room 2',
      correction_note: 'The headline now names the right classroom.',
    });
    expect(done.status).toBe(303);
    const published = await (await fetch(`${app.url}/digests/2026-11-20`)).text();
    expect(published).toContain('Leaf rubbings in Room 2');
    expect(published).toContain('The headline now names the right classroom.');
    // A contributor sees the published digest as it went out, and that what they can do about a mistake is ask.
    const cam = await signedInClient(app, 'cam@district.example', 'contributor');
    const asOut = await (await cam.get('/admin/inbox?date=2026-11-20')).text();
    expect(asOut).toContain('An editor corrects it or takes it down');
    expect(asOut).not.toContain('name="correction_note"');

    const next = await form();
    // A reason too short is refused, and stays in its box, opened, with why: the urgent path loses nothing.
    const short = await dana.post(`/admin/inbox/2026-11-20/entries/${next.id}/takedown`, {
      _csrf: next.csrf,
      version: next.version,
      entry: next.id,
      [`takedown_reason_${next.id}`]: 'consent',
    });
    expect(short.status).toBe(422);
    const shortPage = await short.text();
    expect(shortPage).toContain('<details class="takedown" open="">');
    expect(shortPage).toContain(
      `aria-describedby="takedown-${next.id}-problem" autofocus="">consent</textarea>`,
    );
    expect((await fetch(`${app.url}/digests/2026-11-20`)).status).toBe(200);
    await dana.post(`/admin/inbox/2026-11-20/entries/${next.id}/takedown`, {
      _csrf: next.csrf,
      version: next.version,
      entry: next.id,
      [`takedown_reason_${next.id}`]: 'A parent asked us to remove the photo.',
    });
    expect((await fetch(`${app.url}/digests/2026-11-20`)).status).toBe(410);
    const [entry] = await listAudit(app.runtime.deps.db, { action: 'entry.takedown', limit: 1 });
    expect(JSON.parse(entry!.details)).toMatchObject({ reason: 'A parent asked us to remove the photo.' });
    // The desk still says what was taken down, when and why, and marks the post in the day's list.
    const desk = await (await dana.get('/admin/inbox?date=2026-11-20')).text();
    expect(desk).toContain('Taken down since publishing: 1 post');
    expect(desk).toContain(
      'Every post in this digest has been taken down, so it no longer shows on the site',
    );
    expect(desk).not.toContain('No posts selected yet');
    expect(desk).toMatch(
      new RegExp(
        `<li id="entry-${next.id}"><strong>Leaf rubbings in Room 2</strong>[\\s\\S]*?A parent asked us to remove the photo.`,
      ),
    );
    expect(desk).toMatch(
      new RegExp(`id="item-${next.id}"[\\s\\S]*?<span class="badge warn">Taken down</span>`),
    );
    // A contributor learns that it was taken down and when, not why: the reason can be a family's own matter.
    const theirs = await (await cam.get('/admin/inbox?date=2026-11-20')).text();
    expect(theirs).toContain('Taken down since publishing: 1 post');
    expect(theirs).toMatch(new RegExp(`<li id="entry-${next.id}">[\\s\\S]*?Taken down [^<]*\\.</span>`));
    expect(theirs).not.toContain('A parent asked us to remove the photo.');
  });
});

describe('a digest submitted for review', () => {
  it('says who submitted it and when, tells the editors, and says so when it was changed since', async () => {
    const app = await startTestApp();
    try {
      const db = app.runtime.deps.db;
      const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
      await storeItems(db, source.id, [
        item({ guid: 'one', publishedAt: Date.parse('2026-11-20T18:00:00Z') }),
      ]);
      const [{ id }] = (await db.query<{ id: number }>('select id from items', [])) as [{ id: number }];
      const cam = await signedInClient(app, 'cam@district.example', 'contributor');
      const lee = await signedInClient(app, 'lee@district.example', 'editor');
      const desk = '/admin/inbox?date=2026-11-20';
      const status = async (client: Client) =>
        /<span id="desk-status-text">([^<]*)<\/span>/.exec(await (await client.get(desk)).text())?.[1];
      // Each save sends the version its page showed, as the desk's form does.
      const save = async (client: Client, action: 'save' | 'submit', intro: string) => {
        const page = await (await client.get(desk)).text();
        const response = await client.post(`/admin/inbox/2026-11-20/${action}`, {
          _csrf: await client.csrf(desk),
          version: /name="version" value="(\d+)"/.exec(page)![1]!,
          entry: String(id),
          intro,
        });
        expect(response.status).toBe(303);
      };

      const submitted = await cam.post('/admin/inbox/2026-11-20/submit', {
        _csrf: await cam.csrf(desk),
        version: '0',
        entry: String(id),
      });
      expect(submitted.status).toBe(303);
      expect(outbox(app).find((m) => m.to === 'lee@district.example')?.subject).toBe(
        'The digest for Friday, November 20 is ready for review',
      );
      expect(await status(lee)).toMatch(
        / · submitted for review by cam [A-Z][a-z]{2} \d+, 2026, [\d:]+ [AP]M$/,
      );
      // Any save after it (an editor's, the submitter's own, a program's) is not what was submitted; submitting
      // again is.
      app.clock.advance(60_000);
      await save(lee, 'save', 'Lee’s intro');
      expect(await status(lee)).toMatch(
        /saved .* by lee · submitted for review by cam .*, and changed since$/,
      );
      await save(cam, 'save', 'Cam’s intro');
      expect(await status(lee)).toMatch(
        /saved .* by cam · submitted for review by cam .*, and changed since$/,
      );
      await save(cam, 'submit', 'Cam’s intro');
      expect(await status(lee)).toMatch(/ · submitted for review by cam [^,]+, 2026, [\d:]+ [AP]M$/);
      // Pressed again with nothing changed: the editors were told of this version once, and are not again.
      const told = () => outbox(app).filter((m) => m.to === 'lee@district.example').length;
      const before = told();
      const page = await (await cam.get(desk)).text();
      const again = await cam.post('/admin/inbox/2026-11-20/submit', {
        _csrf: await cam.csrf(desk),
        version: /name="version" value="(\d+)"/.exec(page)![1]!,
        entry: String(id),
        intro: 'Cam’s intro',
      });
      expect(await (await cam.get(again.headers.get('location')!)).text()).toContain(
        'This version was already submitted for review, and the editors were told then.',
      );
      expect(told()).toBe(before);
    } finally {
      await app.close();
    }
  });
});
