// Publishing from the desk over HTTP: what goes out is the version the pressed button saved, even when
// another server saves the same digest at any moment of that request; an absurdly long digest is refused.
import { saveSocialAccount } from '../src/db/social-accounts';
import { cliActor } from '../src/db/audit';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DIGEST_ENTRIES } from '../src/curate/desk';
import { findDigest } from '../src/db/digests';
import { readDistrictSettings } from '../src/settings/district-settings';
import { localDateOf } from '../src/time/zoned-time';
import { listItemsPublishedBetween } from '../src/db/items';
import { findUserByEmail } from '../src/db/users';
import { addConfirmedSubscriber, addSchoolWithSource, item, storeItems } from './fixtures';
import type { Client } from './browser-client';
import { signedInClient, startTestApp, type TestApp, publishFromDesk } from './test-app';

const DAYS = 80;
const FIRST_DAY = Date.parse('2026-06-01T16:00:00Z');
const dateOf = (day: number) => new Date(FIRST_DAY + day * 86_400_000).toISOString().slice(0, 10);

describe('publishing from the desk', () => {
  let app: TestApp;
  let dana: Client;
  let csrf: string;
  /** The one post of each day, by date. */
  const postOf = new Map<string, number>();

  beforeAll(async () => {
    app = await startTestApp();
    dana = await signedInClient(app, 'dana@district.example', 'admin');
    await signedInClient(app, 'lee@district.example', 'editor');
    const db = app.runtime.deps.db;
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    await storeItems(
      db,
      source.id,
      Array.from({ length: DAYS }, (_, day) =>
        item({ guid: `day-${day}`, title: `Garden day ${day}`, publishedAt: FIRST_DAY + day * 86_400_000 }),
      ),
    );
    for (const post of await listItemsPublishedBetween(db, 0, Number.MAX_SAFE_INTEGER))
      postOf.set(new Date(post.publishedAt).toISOString().slice(0, 10), post.id);
    csrf = await dana.csrf(`/admin/inbox?date=${dateOf(0)}`);
  });
  afterAll(() => app.close());

  it('publishes the version its click saved, or shows both; never a version saved by someone else meanwhile', async () => {
    const lee = (await findUserByEmail(app.runtime.deps.db, 'lee@district.example'))!;
    // Lee saves from another server process: a second connection to the same database file.
    const otherServer = new BetterSqlite3(app.config.databasePath);
    otherServer.pragma('busy_timeout = 5000');
    const leeSaves = otherServer.prepare(
      `update digests set intro = 'Lee’s intro, which Dana never saw', version = version + 1,
         write_token = 'lee', updated_by = ?, status = 'draft', scheduled_for = null
       where date = ? and status in ('draft', 'ready')`,
    );
    // Every query this server makes passes through prepare(): count those after Dana's save commits, and
    // let Lee's save land just before the k-th, for each k in turn until the request makes fewer.
    const sqlite = app.runtime.sqlite.sqlite;
    const prepare = sqlite.prepare.bind(sqlite);
    const db = app.runtime.deps.db;
    const batch = db.batch;
    let trial: { date: string; k: number; seen: number; saved: boolean; landed: boolean };
    db.batch = async (statements) => {
      await batch(statements);
      trial.saved = true;
    };
    sqlite.prepare = ((source: string) => {
      if (trial.saved && !trial.landed && !sqlite.inTransaction && trial.seen++ === trial.k) {
        leeSaves.run(lee.id, trial.date);
        trial.landed = true;
      }
      return prepare(source);
    }) as typeof sqlite.prepare;

    const outcomes = { published: 0, refused: 0 };
    try {
      for (let k = 0; k < DAYS; k++) {
        const date = dateOf(k);
        const id = postOf.get(date)!;
        trial = { date, k, seen: 0, saved: false, landed: false };
        const response = await publishFromDesk(dana, date, {
          _csrf: csrf,
          version: '0',
          entry: String(id),
          intro: 'Dana’s intro',
        });
        const digest = (await findDigest(db, date))!;
        if (response.status === 303) {
          outcomes.published++;
          expect({ k, ...digest }).toMatchObject({ k, status: 'published', intro: 'Dana’s intro' });
        } else {
          outcomes.refused++;
          expect({ k, status: response.status }).toEqual({ k, status: 409 });
          const page = await response.text();
          expect(page).toContain('The version someone else saved');
          expect(page).toContain('Lee’s intro, which Dana never saw');
          expect(page).toContain('Dana’s intro');
          expect(digest).toMatchObject({ status: 'draft', intro: 'Lee’s intro, which Dana never saw' });
        }
        if (!trial.landed) break;
      }
    } finally {
      sqlite.prepare = prepare;
      db.batch = batch;
      otherServer.close();
    }
    expect(trial!.landed, 'the sweep reached the end of the request').toBe(false);
    expect(outcomes.refused).toBeGreaterThan(0);
    expect(outcomes.published).toBeGreaterThan(0);
  }, 180_000);

  it(`refuses a draft of more than ${MAX_DIGEST_ENTRIES} posts with a sentence, and saves nothing`, async () => {
    const date = dateOf(DAYS + 10);
    const tooMany = Array.from({ length: MAX_DIGEST_ENTRIES + 1 }, (_, i) => String(1_000_000 + i));
    const refused = await dana.post(`/admin/inbox/${date}/save`, {
      _csrf: csrf,
      version: '0',
      entry: tooMany,
    });
    expect(refused.status).toBe(303);
    const page = await (await dana.get(`/admin/inbox?date=${date}`)).text();
    expect(page).toContain(
      `A digest holds at most ${MAX_DIGEST_ENTRIES} posts, and this one has ${MAX_DIGEST_ENTRIES + 1}.`,
    );
    expect(await findDigest(app.runtime.deps.db, date)).toBeUndefined();
  });
  it('asks before publishing, with the real number of subscribers, and publishes nothing until confirmed', async () => {
    const date = dateOf(DAYS - 4);
    const db = app.runtime.deps.db;
    for (const n of [1, 2, 3]) await addConfirmedSubscriber(db, `family${n}@family.example`);
    const form = { _csrf: csrf, version: '0', entry: String(postOf.get(date)), intro: 'Garden news' };
    const asked = await dana.post(`/admin/inbox/${date}/publish`, form);
    expect(asked.status).toBe(200);
    const page = await asked.text();
    expect(page).toContain('Publish the digest for');
    expect(page).toContain(', and email it to 3 subscribers now?');
    expect(page).toContain('Publish and email 3 subscribers');
    expect(page).not.toContain('The day is not over yet');
    expect(await findDigest(db, date)).toMatchObject({ status: 'draft', intro: 'Garden news' });
    // Going back publishes nothing; the button publishes the version the page showed.
    const version = /name="version" value="(\d+)"/.exec(page)![1]!;
    // With the district's own social accounts connected, the question counts them too (stopped ones not).
    for (const name of ['one', 'two']) {
      await saveSocialAccount(
        db,
        {
          network: 'mastodon',
          server: 'https://social.example',
          login: '',
          remoteId: name,
          name,
          secret: 'x',
        },
        cliActor,
        1,
      );
    }
    const withAccounts = await (await dana.post(`/admin/inbox/${date}/publish`, { ...form, version })).text();
    expect(withAccounts).toContain(', email it to 3 subscribers, and post it to 2 social accounts now?');
    expect(withAccounts).toContain('Publish, email 3 subscribers and post to 2 social accounts');
    const published = await dana.post(`/admin/inbox/${date}/publish`, { ...form, confirmed: 'yes', version });
    expect(published.status).toBe(303);
    expect(await findDigest(db, date)).toMatchObject({ status: 'published', intro: 'Garden news' });

    // Right after, nobody has the email yet: a correction would reach them inside it, not in another email.
    const corrections = async () => {
      const desk = await (await dana.get(`/admin/inbox?date=${date}`)).text();
      return /<input\s+type="checkbox"\s+name="correction_email"[\s\S]*?<\/label>(\s*<p class="hint">[^<]*<\/p>)?/
        .exec(desk)![0]
        .replace(/\s+/g, ' ');
    };
    expect(await corrections()).toBe(
      '<input type="checkbox" name="correction_email" value="1" disabled=""/> Nobody has received the digest’s email yet, so no correction email is needed.</label><p class="hint">3 people are still waiting for the digest’s email; theirs will show this correction when it goes out.</p>',
    );
    const digest = (await findDigest(db, date))!;
    app.runtime.sqlite.sqlite
      .prepare(
        "update deliveries set state = 'sent' where id = (select min(id) from deliveries where digest_id = ?)",
      )
      .run(digest.id);
    const half = await corrections();
    expect(half).toContain(
      'Email this correction to the 1 person who received the digest, if it concerns a school they follow',
    );
    expect(half).toContain('2 people are still waiting for the digest’s email');
    // Had every email failed, nobody received it, and nobody is waiting either.
    app.runtime.sqlite.sqlite
      .prepare("update deliveries set state = 'failed' where digest_id = ?")
      .run(digest.id);
    expect(await corrections()).toBe(
      '<input type="checkbox" name="correction_email" value="1" disabled=""/> Nobody received the digest’s email, so there is nobody to send a correction email to.</label>',
    );

    // Today's digest, asked for before the day is over there, says what publishing now leaves out.
    const { timezone } = await readDistrictSettings(db);
    const today = localDateOf(app.clock.now(), timezone);
    const [{ sourceId }] = (await db.query<{ sourceId: number }>(
      'select source_id as sourceId from items limit 1',
      [],
    )) as [{ sourceId: number }];
    await storeItems(db, sourceId, [item({ guid: 'today', publishedAt: app.clock.now() - 60_000 })]);
    const [{ id: todays }] = (await db.query<{ id: number }>(
      "select id from items where guid = 'today'",
      [],
    )) as [{ id: number }];
    const early = await (
      await dana.post(`/admin/inbox/${today}/publish`, { _csrf: csrf, version: '0', entry: String(todays) })
    ).text();
    expect(early).toContain(
      `The day is not over yet (${timezone}): posts its classes write later today are not in this digest`,
    );
    // A day still to come says so instead.
    await storeItems(db, sourceId, [item({ guid: 'tomorrow', publishedAt: app.clock.now() + 86_400_000 })]);
    const [{ id: tomorrows }] = (await db.query<{ id: number }>(
      "select id from items where guid = 'tomorrow'",
      [],
    )) as [{ id: number }];
    const tomorrow = localDateOf(app.clock.now() + 86_400_000, timezone);
    const ahead = await (
      await dana.post(`/admin/inbox/${tomorrow}/publish`, {
        _csrf: csrf,
        version: '0',
        entry: String(tomorrows),
      })
    ).text();
    expect(ahead).toContain(`This day has not begun yet (${timezone})`);
  });

  it('publishes from the preview the version it showed, and goes back to the preview when refused', async () => {
    const date = dateOf(DAYS - 8);
    const db = app.runtime.deps.db;
    const form = { _csrf: csrf, version: '0', entry: String(postOf.get(date)), intro: 'Preview news' };
    expect((await dana.post(`/admin/inbox/${date}/preview`, form)).status).toBe(303);
    const preview = await (await dana.get(`/admin/inbox/preview?date=${date}`)).text();
    expect(preview).toContain('<h2 id="publish-heading">Publish</h2>');
    expect(preview).toContain('href="#publish-heading">Publish it from the end of this page');
    const version = /name="version" value="(\d+)"/.exec(preview)![1]!;
    expect(version).toBe(String((await findDigest(db, date))!.version));

    // Saved again elsewhere meanwhile: refused, and the preview shows the version that is there now.
    await dana.post(`/admin/inbox/${date}/save`, { ...form, version, intro: 'Preview news, again' });
    const stale = await dana.post(`/admin/inbox/${date}/publish`, {
      _csrf: csrf,
      from: 'preview',
      confirmed: 'yes',
      version,
    });
    expect(stale.status).toBe(303);
    expect(stale.headers.get('location')).toBe(`/admin/inbox/preview?date=${date}`);
    const again = await (await dana.get(stale.headers.get('location')!)).text();
    expect(again).toContain('The digest changed since you last saw it.');
    expect(await findDigest(db, date)).toMatchObject({ status: 'draft', intro: 'Preview news, again' });

    const current = /name="version" value="(\d+)"/.exec(again)![1]!;
    const published = await dana.post(`/admin/inbox/${date}/publish`, {
      _csrf: csrf,
      from: 'preview',
      confirmed: 'yes',
      version: current,
    });
    expect(published.status).toBe(303);
    expect(await findDigest(db, date)).toMatchObject({ status: 'published', intro: 'Preview news, again' });
    // Published: the preview offers nothing to publish.
    expect(await (await dana.get(`/admin/inbox/preview?date=${date}`)).text()).not.toContain(
      'publish-heading',
    );
  });

  it('leads a publish refused over open findings to the first of them as the page shows them', async () => {
    const date = dateOf(40);
    const desk = `/admin/inbox?date=${date}`;
    const flashLink = async (intro: string, headline: string) => {
      const refused = await dana.post(`/admin/inbox/${date}/publish`, {
        _csrf: csrf,
        entry: String(postOf.get(date)),
        [`headline_${postOf.get(date)}`]: headline,
        intro,
        version: /name="version" value="(\d+)"/.exec(await (await dana.get(desk)).text())![1]!,
      });
      expect(refused.headers.get('location')).toBe(desk);
      const page = await (await dana.get(desk)).text();
      return /<div class="flash error"[^>]*>[^<]*<a href="([^"]+)">Go to the first one<\/a>/.exec(page)?.[1];
    };
    // A name in a post's headline: that post.
    expect(await flashLink('A day in the garden.', 'Garden day with Maya Johnson')).toBe(
      `#entry-${postOf.get(date)}`,
    );
    // A name in the intro too: the digest's own text, which the page shows above the posts.
    expect(await flashLink('Maya Johnson planted tulips.', 'Garden day with Maya Johnson')).toBe(
      '#digest-heading',
    );
  });

  it('says so when a change takes a scheduled digest back to a draft', async () => {
    const date = dateOf(DAYS - 3);
    const form = { _csrf: csrf, entry: String(postOf.get(date)) };
    const now = app.clock.now();
    app.clock.set(`${date}T20:00:00Z`);
    const schedule = async (fields: Record<string, string> = form) => {
      const version = (await findDigest(app.runtime.deps.db, date))?.version ?? 0;
      expect(
        (await dana.post(`/admin/inbox/${date}/ready`, { ...fields, version: String(version) })).status,
      ).toBe(303);
      const ready = (await findDigest(app.runtime.deps.db, date))!;
      expect(ready.status).toBe('ready');
      return ready.version;
    };
    // Save draft with a new intro: a draft again, and the flash says it no longer goes out by itself.
    const saved = await dana.post(`/admin/inbox/${date}/save`, {
      ...form,
      version: String(await schedule()),
      intro: 'A sunny day in the garden.',
    });
    expect(saved.status).toBe(303);
    const page = await (await dana.get(saved.headers.get('location')!)).text();
    expect(page).toContain('Draft saved. It is no longer scheduled');
    expect((await findDigest(app.runtime.deps.db, date))!.status).toBe('draft');
    // The desk's autosave is told the same, to say beside "Saved".
    const autosaved = await dana.post(
      `/admin/inbox/${date}/save`,
      { ...form, version: String(await schedule()), intro: 'A sunny day in the school garden.' },
      { accept: 'application/json' },
    );
    const answer = (await autosaved.json()) as { ok: boolean; unscheduled: string | null };
    expect(answer.ok).toBe(true);
    expect(answer.unscheduled).toContain('It is no longer scheduled');
    // A save of a draft says nothing of the kind.
    const again = await dana.post(
      `/admin/inbox/${date}/save`,
      {
        ...form,
        version: String((await findDigest(app.runtime.deps.db, date))!.version),
        intro: 'A sunny day.',
      },
      { accept: 'application/json' },
    );
    expect(((await again.json()) as { unscheduled: string | null }).unscheduled).toBeNull();

    // Publishing a scheduled digest early says so, on the preview and on Publish now's question; a change saved by
    // Publish now takes it off its schedule, which the question says, since "Not yet" then leaves it unscheduled.
    const kept = { ...form, intro: 'A sunny day.' };
    const version = String(await schedule(kept));
    const preview = await (await dana.get(`/admin/inbox/preview?date=${date}`)).text();
    expect(preview).toContain('<h2 id="publish-heading">Publish</h2>');
    expect(preview).toMatch(
      /It is scheduled to go out by itself on \w+day, \w+ \d+ at [\d:]+ [AP]M; publishing now sends it at once instead\./,
    );
    const asked = await dana.post(`/admin/inbox/${date}/publish`, { ...kept, version });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('; publishing now sends it at once instead.');
    const ready = (await findDigest(app.runtime.deps.db, date))!;
    expect(ready.status).toBe('ready');
    // Its time passed with no scheduler running (a server down, say): said so, not as if it were still to come.
    const drawnAt = app.clock.now();
    app.clock.set(ready.scheduledFor! + 60_000);
    expect(await (await dana.get(`/admin/inbox/preview?date=${date}`)).text()).toMatch(
      /It was scheduled to go out by itself on [^;]+ and has not gone out yet; publishing now sends it at once\./,
    );
    expect(await (await dana.get(`/admin/inbox?date=${date}`)).text()).toMatch(
      /<span id="desk-status-text">Ready: was due out [^<]+, not sent yet · /,
    );
    app.clock.set(drawnAt);
    const changed = await dana.post(`/admin/inbox/${date}/publish`, {
      ...kept,
      version,
      intro: 'A rainy day.',
    });
    const question = await changed.text();
    expect(question).toContain('saving your changes took it off that schedule');
    expect(question).not.toContain('publishing now sends it at once instead');
    expect((await findDigest(app.runtime.deps.db, date))!.status).toBe('draft');
    // A draft that was never scheduled is asked without either.
    const plain = await dana.post(`/admin/inbox/${date}/publish`, {
      ...kept,
      version: String((await findDigest(app.runtime.deps.db, date))!.version),
      intro: 'A rainy day.',
    });
    expect(await plain.text()).not.toMatch(/took it off that schedule|at once instead/);
    app.clock.set(now);
  });

  it('keeps what a page opened before publishing typed, in the correction’s fields', async () => {
    const date = dateOf(DAYS - 6);
    const form = { _csrf: csrf, entry: String(postOf.get(date)) };
    expect((await publishFromDesk(dana, date, { ...form, version: '0' })).status).toBe(303);
    const version = String((await findDigest(app.runtime.deps.db, date))!.version);
    // A second tab, opened before, saves a new intro.
    const stale = await dana.post(`/admin/inbox/${date}/save`, {
      ...form,
      version,
      intro: 'Words typed in the other tab.',
    });
    expect(stale.status).toBe(409);
    const page = await stale.text();
    expect(page).toContain('What you typed is kept below, in the correction’s fields');
    expect(page).toContain('Words typed in the other tab.</textarea>');
    expect(page).toContain('formaction="/admin/inbox/' + date + '/correct"');
    expect((await findDigest(app.runtime.deps.db, date))!.intro).toBe('');
    // Nothing typed that differs: the desk as published, with the sentence alone.
    const same = await dana.post(`/admin/inbox/${date}/save`, { ...form, version });
    expect(same.status).toBe(303);
  });

  it('schedules, publishes and takes a digest down, each from its own button', async () => {
    const date = dateOf(DAYS - 2);
    const form = { _csrf: csrf, entry: String(postOf.get(date)) };
    // A day whose publish time has passed is not scheduled into the next day's slot: the desk says it is late.
    const late = await dana.post(`/admin/inbox/${date}/ready`, { ...form, version: '0' });
    expect(late.status).toBe(303);
    const desk = await (await dana.get(`/admin/inbox?date=${date}`)).text();
    expect(desk).toMatch(
      /This digest is late: its publish time, [A-Z][a-z]{2} \d+, 2026, 7:00\sAM, has passed\. Publish it now instead\./,
    );
    expect(desk).not.toContain('formaction="/admin/inbox/' + date + '/ready"');
    // A day with no posts at all publishes nothing, so it is not late either.
    const nothing = await (await dana.get('/admin/inbox?date=2026-01-05')).text();
    expect(nothing).toContain('Nothing saved');
    expect(nothing).not.toContain('This digest is late');
    const draft = (await findDigest(app.runtime.deps.db, date))!;
    expect(draft.status).toBe('draft'); // saved, not scheduled
    // The afternoon of the day itself, the button names the digest's own slot, and schedules it.
    const now = app.clock.now();
    app.clock.set(`${date}T20:00:00Z`);
    const before = await (await dana.get(`/admin/inbox?date=${date}`)).text();
    expect(before).toMatch(/Publish [A-Z][a-z]+day, [A-Z][a-z]{2} \d+ at 7:00\sAM/);
    const scheduled = await dana.post(`/admin/inbox/${date}/ready`, {
      ...form,
      version: String(draft.version),
    });
    expect(scheduled.status).toBe(303);
    expect(await findDigest(app.runtime.deps.db, date)).toMatchObject({
      status: 'ready',
      version: draft.version,
    });
    app.clock.set(now);
    // Publishing the same page again saves nothing new: the scheduled version is the one that goes out.
    expect((await publishFromDesk(dana, date, { ...form, version: String(draft.version) })).status).toBe(303);
    expect(await findDigest(app.runtime.deps.db, date)).toMatchObject({
      status: 'published',
      version: draft.version,
    });
    // A reason too short is refused and comes back in its box, with why beside it.
    const short = await dana.post(`/admin/inbox/${date}/unpublish`, { ...form, unpublish_reason: 'Oops' });
    expect(short.status).toBe(422);
    expect(await short.text()).toContain(
      'aria-describedby="unpublish-reason-problem" autofocus="">Oops</textarea>',
    );
    expect((await findDigest(app.runtime.deps.db, date))!.status).toBe('published');
    // It cannot be undone: the desk asks first, saying what goes, and nothing comes down until its button.
    const asked = await dana.post(`/admin/inbox/${date}/unpublish`, {
      ...form,
      unpublish_reason: 'Published on the wrong day by mistake.',
    });
    expect(asked.status).toBe(200);
    const question = await asked.text();
    expect(question).toContain('<h1>Take this digest down?</h1>');
    expect(question).toMatch(/Its \d+ posts? comes? off every page at once/);
    expect(question).toContain('the day cannot be published again');
    expect(question).toContain(
      '<input type="hidden" name="unpublish_reason" value="Published on the wrong day by mistake."/>',
    );
    expect(question).toContain(`href="/admin/inbox?date=${date}">Keep it published, back to the desk</a>`);
    expect((await findDigest(app.runtime.deps.db, date))!.status).toBe('published');
    const taken = await dana.post(`/admin/inbox/${date}/unpublish`, {
      _csrf: form._csrf,
      unpublish_reason: 'Published on the wrong day by mistake.',
      confirmed: 'yes',
    });
    expect(taken.status).toBe(303);
    expect((await findDigest(app.runtime.deps.db, date))!.status).toBe('unpublished');
    // Asked again from an old tab, it says it is not published rather than asking.
    const again = await dana.post(`/admin/inbox/${date}/unpublish`, {
      ...form,
      unpublish_reason: 'Published on the wrong day by mistake.',
    });
    expect(again.status).toBe(303);
    expect(await (await dana.get(again.headers.get('location')!)).text()).not.toContain(
      'Take this digest down?',
    );
    const downDesk = await (await dana.get(`/admin/inbox?date=${date}`)).text();
    expect(downDesk).toContain('Taken down: Published on the wrong day by mistake.');
    // Not checked for publishing any more (it cannot be published again), and a page still open says why
    // its save goes nowhere.
    expect(downDesk).not.toContain('id="desk-checks"');
    const oldTab = await dana.post(`/admin/inbox/${date}/save`, { ...form, intro: 'Typed in an old tab.' });
    expect(oldTab.status).toBe(303);
    expect(await (await dana.get(oldTab.headers.get('location')!)).text()).toContain(
      'This digest was taken down, so your changes were not saved',
    );
    // A contributor reads that it was taken down; why is for those who may take it down, as in the audit log.
    const cam = await signedInClient(app, 'cam@district.example', 'contributor');
    const theirs = await (await cam.get(`/admin/inbox?date=${date}`)).text();
    expect(theirs).toContain('<span id="desk-status-text">Taken down.');
    expect(theirs).not.toContain('Published on the wrong day by mistake.');
    // On a day without posts, the way to check the feeds now is for editors (Sources); a contributor is not
    // sent to a page that refuses them.
    const empty = await (await cam.get('/admin/inbox?date=2026-01-05')).text();
    expect(empty).toContain('Feeds are checked every half hour.');
    expect(empty).not.toContain('href="/admin/sources"');
    expect(await (await dana.get('/admin/inbox?date=2026-01-05')).text()).toContain(
      '<a href="/admin/sources">check them now</a>',
    );
  });
});
