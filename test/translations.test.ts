// The digest in each language, over real HTTP with a real SQLite file, a real SMTP server and a LibreTranslate
// stand-in on 127.0.0.1 speaking its API (POST /translate { q, source, target, format, api_key }): drafts fill
// only empty fields and are marked, an unreviewed language holds the publish, the checks read the Spanish
// text, a provider's failure is a sentence, the API round trip, what readers see under label and fallback,
// the emails in Spanish and Arabic, and a correction reaching every language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/auth/api-tokens';
import { DeskError, deskDepsOf, publishDesk, saveDesk, type DeskActor } from '../src/curate/desk';
import { correctDesk } from '../src/curate/correct-digest';
import { cliActor, listAudit } from '../src/db/audit';
import { findDigest } from '../src/db/digests';
import { findUserByEmail } from '../src/db/users';
import { saveTranslation } from '../src/curate/translations';
import { listItemsPublishedBetween } from '../src/db/items';
import { setSubscriberLanguage } from '../src/db/subscribers';
import { listDigestTranslations, saveDigestTranslation } from '../src/db/translations';
import { changeSetting } from '../src/settings/district-settings';
import { dayRange } from '../src/time/zoned-time';
import type { Client } from './browser-client';
import { testClock } from './clock';
import { addConfirmedSubscriber, addSchoolWithSource, item, storeItems } from './fixtures';
import { startLibreTranslate } from './libre-translate-stand-in';
import { rawHeader, startSmtpSink, type SmtpSink } from './smtp-sink';
import { signedInClient, startTestApp, type TestApp, deskActorFor } from './test-app';
import type { Database } from '../src/db/client';

/** When a digest's language was last written, as a writer that read it now would name it. */
const lastWritten = async (db: Database, digestId: number, lang: string) =>
  (await listDigestTranslations(db, [digestId], lang)).get(digestId)?.get(lang)?.updatedAt ?? null;

const DATE = '2026-11-20';
const KEY = 'district-key-1';

describe('the digest in each language', () => {
  let app: TestApp;
  let smtp: SmtpSink;
  let libre: Awaited<ReturnType<typeof startLibreTranslate>>;
  let lee: Client;
  let editor: DeskActor;
  let ids: { kites: number; bees: number };
  let api: (path: string, method?: string, body?: unknown) => Promise<Response>;
  const page = async (path: string) => (await fetch(`${app.url}${path}`)).text();
  const tab = async (lang: string) => (await lee.get(`/admin/inbox?date=${DATE}&lang=${lang}`)).text();
  const digest = async () =>
    (await (await api(`/digests/${DATE}`)).json()) as {
      status: string;
      findings: { item_id: number; kind: string; message: string }[];
      translations: Record<
        string,
        {
          title: string;
          intro: string;
          entries: { item_id: number; headline: string; blurb: string }[];
          reviewed: boolean;
          machine: string[];
          revision: string;
        }
      >;
    };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    libre = await startLibreTranslate(KEY);
    app = await startTestApp({
      env: { SMTP_URL: smtp.url, TRANSLATE_URL: `${libre.server.url}/`, TRANSLATE_API_KEY: KEY },
      clock: testClock('2026-11-21T15:00:00Z'),
    });
    const db = app.runtime.deps.db;
    await changeSetting(db, 'district_name', 'Lakeside', 1);
    await changeSetting(db, 'languages', 'en,es,ar', 1);
    lee = await signedInClient(app, 'lee@district.example', 'editor');
    editor = { type: 'user', id: null, userId: null, label: 'test editor', role: 'editor' };
    const { source, school } = await addSchoolWithSource(
      db,
      'Lincoln Elementary',
      'https://lincoln.example/feed',
    );
    const { start, end } = dayRange(DATE, 'America/Chicago');
    await storeItems(db, source.id, [
      item({ guid: 'kites', title: 'Kites on the field', publishedAt: start + 40e6 }),
      item({ guid: 'bees', title: 'The spelling bee', publishedAt: start + 41e6 }),
    ]);
    const items = await listItemsPublishedBetween(db, start, end);
    ids = {
      kites: items.find((i) => i.title.startsWith('Kites'))!.id,
      bees: items.find((i) => i.title.startsWith('The spelling'))!.id,
    };
    await saveDesk(deskDepsOf(app.runtime.deps), editor, DATE, {
      title: 'A windy Friday',
      intro: 'Kites and a spelling bee.',
      entries: [
        { itemId: ids.kites, headline: 'Kites on the field', blurb: 'Room 4 flew kites they built.' },
        { itemId: ids.bees, headline: 'The spelling bee', blurb: 'Fifth graders spelled their best.' },
      ],
    });
    const familia = await addConfirmedSubscriber(db, 'familia@family.example', [school.id]);
    const usra = await addConfirmedSubscriber(db, 'usra@family.example', [school.id]);
    await setSubscriberLanguage(db, familia.id, 'es', 1);
    await setSubscriberLanguage(db, usra.id, 'ar', 1);
    const { token } = await createApiToken(db, { name: 'bot', role: 'editor' }, cliActor, app.clock.now());
    api = (path, method = 'GET', body) =>
      fetch(`${app.url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await libre?.server.close();
  });

  it('offers a tab per language, as links, with the district’s text beside each field', async () => {
    const desk = await (await lee.get(`/admin/inbox?date=${DATE}`)).text();
    expect(desk).toContain(`href="/admin/inbox?date=${DATE}&amp;lang=es"`);
    expect(desk).toContain(`href="/admin/inbox?date=${DATE}&amp;lang=ar"`);
    const es = await tab('es');
    expect(es).toContain('<h1>Spanish for Friday, November 20, 2026</h1>');
    expect(es).toContain('Room 4 flew kites they built.');
    expect(es).toMatch(new RegExp(`name="blurb_${ids.kites}"[^>]*lang="es"`));
    expect(await tab('ar')).toMatch(new RegExp(`name="headline_${ids.bees}"[^>]*lang="ar" dir="rtl"`));
    expect(es).toContain('Draft a translation');
    expect(es).toContain('Not reviewed');
    // A language the district does not offer is a sentence on the desk, not an error page.
    const fr = await lee.get(`/admin/inbox?date=${DATE}&lang=fr`);
    expect(fr.status).toBe(303);
    expect(await (await lee.get(fr.headers.get('location')!)).text()).toContain(
      '“fr” is not one of the languages this district translates into (es, ar).',
    );
  });

  it('drafts only the empty fields, in one request, and marks them machine drafts', async () => {
    const csrf = await lee.csrf(`/admin/inbox?date=${DATE}&lang=es`);
    const typed = {
      _csrf: csrf,
      title: '',
      intro: '',
      item_id: [String(ids.kites), String(ids.bees)],
      [`headline_${ids.kites}`]: 'Cometas en el campo',
      [`blurb_${ids.kites}`]: '',
      [`headline_${ids.bees}`]: '',
      [`blurb_${ids.bees}`]: '',
    };
    const drafted = await lee.post(`/admin/translations/${DATE}/es/draft`, typed);
    expect(drafted.status).toBe(303);
    expect(drafted.headers.get('location')).toBe(`/admin/inbox?date=${DATE}&lang=es`);
    expect(libre.requests).toHaveLength(1);
    expect(libre.requests[0]).toEqual({
      q: [
        'A windy Friday',
        'Kites and a spelling bee.',
        'Room 4 flew kites they built.',
        'The spelling bee',
        'Fifth graders spelled their best.',
      ],
      source: 'en',
      target: 'es',
      format: 'text',
      api_key: KEY,
    });
    const es = (await digest()).translations.es!;
    expect(es.title).toBe('[es] A windy Friday');
    expect(es.entries.find((e) => e.item_id === ids.kites)).toEqual({
      item_id: ids.kites,
      headline: 'Cometas en el campo',
      blurb: '[es] Room 4 flew kites they built.',
      image_alt: '',
    });
    expect(es.machine.sort()).toEqual(
      [
        'intro',
        'title',
        `entries.${ids.kites}.blurb`,
        `entries.${ids.bees}.headline`,
        `entries.${ids.bees}.blurb`,
      ].sort(),
    );
    expect(es.reviewed).toBe(false);
    const page = await tab('es');
    expect(page).toContain('5 empty fields were filled by LibreTranslate at 127.0.0.1');
    expect(page.match(/machine draft<\/span>/g)).toHaveLength(5);
    // Pressed again, nothing is empty: the service is not asked.
    await lee.post(`/admin/translations/${DATE}/es/draft`, { _csrf: csrf });
    expect(libre.requests).toHaveLength(1);
    const [drafted1] = await listAudit(app.runtime.deps.db, { action: 'translation.draft', limit: 1 });
    expect(JSON.parse(drafted1!.details)).toEqual({
      lang: 'es',
      provider: `LibreTranslate at ${new URL(libre.server.url).host}`,
      fields: 5,
    });
  });

  it('says a provider’s failure in a sentence on the tab, and fills nothing', async () => {
    libre.state.failing = true;
    try {
      const csrf = await lee.csrf(`/admin/inbox?date=${DATE}&lang=ar`);
      const response = await lee.post(`/admin/translations/${DATE}/ar/draft`, { _csrf: csrf });
      expect(response.status).toBe(422);
      const page = await response.text();
      expect(page).toContain(
        `The translation service (${new URL(libre.server.url).host}) refused the request (status 500: Cannot translate text: model unavailable). Nothing was filled in`,
      );
      expect(libre.requests.at(-1)!.target).toBe('ar');
      expect((await digest()).translations.ar!.title).toBe('');
    } finally {
      libre.state.failing = false;
    }
  });

  it('writes no machine draft over words saved while the service was answering, and fills them next time', async () => {
    const typed = 'عنوان كتبه شخص';
    libre.state.meanwhile = async () => {
      expect(
        (await api(`/digests/${DATE}/translations/ar`, 'PUT', { title: typed, entries: [] })).status,
      ).toBe(200);
    };
    try {
      const raced = await api(`/digests/${DATE}/translations/ar/draft`, 'POST', {});
      expect(raced.status).toBe(409);
      expect(((await raced.json()) as { error: { message: string } }).error.message).toBe(
        'Someone saved the Arabic text while the translation service was drafting it, so nothing was filled in: their text is below. Press Draft a translation again to fill what is still empty.',
      );
      expect((await digest()).translations.ar!.title).toBe(typed);
      expect((await digest()).translations.ar!.intro).toBe('');
    } finally {
      libre.state.meanwhile = undefined;
    }
    expect((await api(`/digests/${DATE}/translations/ar/draft`, 'POST', {})).status).toBe(200);
    const ar = (await digest()).translations.ar!;
    expect(ar.title).toBe(typed);
    expect(ar.intro).toBe('[ar] Kites and a spelling bee.');
    expect(ar.machine).not.toContain('title');
    // Back as it was for the tests after this one.
    await api(`/digests/${DATE}/translations/ar`, 'PUT', {
      title: '',
      intro: '',
      entries: [ids.kites, ids.bees].map((id) => ({ item_id: id, headline: '', blurb: '' })),
    });
  });

  it('keeps what the translator typed when a save is refused, on the tab again with the sentence', async () => {
    const csrf = await lee.csrf(`/admin/inbox?date=${DATE}&lang=ar`);
    const long = 'ط'.repeat(201);
    const tooLong = await lee.post(`/admin/translations/${DATE}/ar/save`, {
      _csrf: csrf,
      title: long,
      intro: 'مقدمة كتبها شخص',
    });
    expect(tooLong.status).toBe(422);
    const refusedPage = await tooLong.text();
    expect(refusedPage).toContain('characters long; keep it to 200');
    expect(refusedPage).toContain(long);
    expect(refusedPage).toContain('مقدمة كتبها شخص');
    // A page opened before the district's text changed: refused, the words kept, the page now current.
    const stale = await lee.post(`/admin/translations/${DATE}/ar/save`, {
      _csrf: csrf,
      version: '1',
      intro: 'مقدمة كتبها شخص',
    });
    expect(stale.status).toBe(409);
    const stalePage = await stale.text();
    expect(stalePage).toContain('The digest changed after this Arabic page was opened');
    expect(stalePage).toContain('مقدمة كتبها شخص');
    expect(stalePage).toContain(
      `name="version" value="${((await digest()) as unknown as { version: number }).version}"`,
    );
    expect((await digest()).translations.ar!.intro).not.toBe('مقدمة كتبها شخص');
  });

  it('holds the publish while a language is not reviewed (the default)', async () => {
    const attempt = publishDesk(deskDepsOf(app.runtime.deps), editor, DATE);
    await expect(attempt).rejects.toBeInstanceOf(DeskError);
    const refused = (await attempt.catch((e: unknown) => e)) as DeskError;
    expect(refused.details.findings?.map((f) => f.kind)).toContain('translation-unreviewed');
    const byApi = await api(`/digests/${DATE}/publish`, 'POST', {});
    expect(byApi.status).toBe(422);
    const finding = (await digest()).findings.find((f) => f.kind === 'translation-unreviewed')!;
    expect(finding.message).toMatch(
      /^The Spanish and Arabic translations are not reviewed for this version\./,
    );
    // No reason overrides it.
    const override = await api(`/digests/${DATE}/findings/resolve`, 'POST', {
      item_id: 0,
      kind: 'translation-unreviewed',
      reason: 'Our Spanish teacher will look at it later today.',
    });
    expect(override.status).toBe(422);
    expect((await digest()).status).toBe('draft');
  });

  it('checks the Spanish text: a student’s full name in the Spanish blurb is a finding', async () => {
    const saved = await api(`/digests/${DATE}/translations/es`, 'PUT', {
      entries: [{ item_id: ids.bees, blurb: 'Felicidades a Maria Gonzalez, que ganó el concurso.' }],
    });
    expect(saved.status).toBe(200);
    const names = (await digest()).findings.find((f) => f.kind === 'student-name' && f.item_id === ids.bees);
    expect(names?.message).toContain('“Maria Gonzalez” (Spanish blurb)');
    await api(`/digests/${DATE}/translations/es`, 'PUT', {
      entries: [{ item_id: ids.bees, blurb: 'Felicidades a Maria, que ganó el concurso.' }],
    });
    expect((await digest()).findings.filter((f) => f.kind === 'student-name')).toEqual([]);
  });

  it('takes a translation and its review through the API, and a person’s edit is no longer a draft', async () => {
    const response = await api(`/digests/${DATE}/translations/es`, 'PUT', {
      title: 'Un viernes de viento',
      entries: [{ item_id: ids.bees, headline: 'El concurso de ortografía' }],
      reviewed: true,
    });
    expect(response.status).toBe(200);
    const es = ((await response.json()) as Awaited<ReturnType<typeof digest>>).translations.es!;
    expect(es.reviewed).toBe(true);
    expect(es.title).toBe('Un viernes de viento');
    expect(es.machine).not.toContain('title');
    expect(es.machine).not.toContain(`entries.${ids.bees}.headline`);
    expect(es.machine).toContain('intro');
    expect(await tab('es')).toContain('Reviewed</span>');
    // Bad input is a sentence, and nothing is written.
    const bad = await api(`/digests/${DATE}/translations/es`, 'PUT', { entries: [{ item_id: 999999 }] });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe(
      'Post 999999 is not in this digest; translate the posts the digest holds.',
    );
    const unknown = await api(`/digests/${DATE}/translations/fr`, 'PUT', { entries: [] });
    expect(unknown.status).toBe(404);
    expect((await digest()).translations.es!.reviewed).toBe(true);
    const [review] = await listAudit(app.runtime.deps.db, { action: 'translation.review', limit: 1 });
    expect(review!.actorLabel).toBe('API token “bot”');
    expect(JSON.parse(review!.details)).toEqual({ lang: 'es', changed: true, reviewed: true });
  });

  it('makes a translation part of what is approved and scheduled, without interrupting the editor', async () => {
    const db = app.runtime.deps.db;
    type Approval = { version: number; approved: boolean; status: string };
    type Full = Approval & Awaited<ReturnType<typeof digest>>;
    await changeSetting(db, 'require_approval', 'true', 1);
    try {
      const before = (await digest()) as Full;
      const approver = await signedInClient(app, 'rosa.approver@district.example', 'editor');
      const approved = await approver.post(`/admin/inbox/${DATE}/approve`, {
        _csrf: await approver.csrf(`/admin/inbox?date=${DATE}`),
        version: String(before.version),
        entry: [String(ids.kites), String(ids.bees)],
      });
      expect(approved.status).toBe(303);
      expect(((await digest()) as Full).approved).toBe(true);
      // The approver's page as it is before the Arabic changes: it names the languages' texts it shows.
      const shown = await (await approver.get(`/admin/inbox?date=${DATE}`)).text();
      const revision = /name="approval_revision" value="([^"]+)"/.exec(shown)![1]!;

      // Arabic changes after the approval: the approval no longer holds, Spanish keeps its review, and the
      // digest's version stays, so an editor at work on the original text is not refused.
      const saved = await api(`/digests/${DATE}/translations/ar`, 'PUT', {
        version: before.version,
        entries: [{ item_id: ids.kites, blurb: 'صنع طلاب الغرفة 4 طائراتهم الورقية.' }],
      });
      expect(saved.status).toBe(200);
      const after = (await digest()) as Full;
      expect(after.version).toBe(before.version);
      expect(after.approved).toBe(false);
      expect(after.translations.es!.reviewed).toBe(true);
      expect(after.translations.ar!.reviewed).toBe(false);
      expect((await api(`/digests/${DATE}/publish`, 'POST', { version: after.version })).status).toBe(422);
      // Approving again from the page drawn before the Arabic changed approves nothing: it says why.
      const unseen = await approver.post(`/admin/inbox/${DATE}/approve`, {
        _csrf: await approver.csrf(`/admin/inbox?date=${DATE}`),
        version: String(after.version),
        approval_revision: revision,
        entry: [String(ids.kites), String(ids.bees)],
      });
      expect(unseen.status).toBe(409);
      expect(await unseen.text()).toContain(
        'A language’s text or a reason for a finding was saved after this page was shown',
      );
      expect(((await digest()) as Full).approved).toBe(false);

      // A digest scheduled to publish is a draft again after a translation changes; a review that is already
      // recorded, pressed again with nothing changed, writes nothing and leaves the schedule alone.
      const { markDigestReady } = await import('../src/db/digests');
      const id = (await findDigest(db, DATE))!.id;
      /** The Arabic text's revision as the API gives it: a review under require_approval names it. */
      const arabic = async () => (await digest()).translations.ar!.revision;
      // Reviewed means every text the original has is in Arabic: the rest first, then the review.
      const missing = await api(`/digests/${DATE}/translations/ar`, 'PUT', {
        entries: [],
        reviewed: true,
        revision: await arabic(),
      });
      expect(missing.status).toBe(422);
      expect(((await missing.json()) as { error: { message: string } }).error.message).toBe(
        'Not marked reviewed: 5 texts have no Arabic yet (the title; the intro; the headline of “Kites on the field”; the headline of “The spelling bee”; the blurb of “The spelling bee”). Its readers would get them in the original language. Translate them, then mark the language reviewed.',
      );
      expect(((await digest()) as Full).translations.ar!.reviewed).toBe(false);
      await api(`/digests/${DATE}/translations/ar`, 'PUT', {
        title: 'يوم جمعة عاصف',
        intro: 'طائرات ورقية ومسابقة تهجئة.',
        entries: [
          { item_id: ids.kites, headline: 'طائرات ورقية في الملعب' },
          { item_id: ids.bees, headline: 'مسابقة التهجئة', blurb: 'بذل طلاب الصف الخامس قصارى جهدهم.' },
        ],
        reviewed: true,
        revision: await arabic(),
      });
      expect(await markDigestReady(db, id, after.version, app.clock.now() + 3600_000)).toBe(true);
      const audits = (await listAudit(db, { limit: 1000 })).length;
      const again = await api(`/digests/${DATE}/translations/ar`, 'PUT', {
        entries: [],
        reviewed: true,
        revision: await arabic(),
      });
      expect(again.status).toBe(200);
      expect(((await digest()) as Full).status).toBe('ready');
      expect((await listAudit(db, { limit: 1000 })).length).toBe(audits);
      await api(`/digests/${DATE}/translations/ar`, 'PUT', { title: 'يوم جمعة' });
      expect(((await digest()) as Full).status).toBe('draft');

      // A page opened before the district's text changed cannot save over it, nor mark it reviewed.
      const stale = await api(`/digests/${DATE}/translations/ar`, 'PUT', {
        version: before.version - 1,
        entries: [],
        reviewed: true,
        revision: await arabic(),
      });
      expect(stale.status).toBe(409);
      expect(((await stale.json()) as { error: { message: string } }).error.message).toContain(
        'The digest changed after this Arabic page was opened',
      );
      const refused = await saveDigestTranslation(
        db,
        { id, version: before.version - 1, status: 'draft' },
        'ar',
        {
          title: 'قديم',
          intro: '',
          machine: [],
          correctionNote: null,
          entries: [],
          wordsChanged: true,
          asRead: await lastWritten(db, id, 'ar'),
        },
        {
          actor: cliActor,
          event: { action: 'translation.save', subjectType: 'digest', subjectId: DATE },
          now: 1,
          userId: null,
        },
      );
      expect(refused).toBe(false);
      expect((await digest()).translations.ar!.title).toBe('يوم جمعة');
      expect((await listAudit(db, { limit: 1000 })).length).toBe(audits + 1);
    } finally {
      await changeSetting(db, 'require_approval', 'false', 1);
    }
  });

  it('does not take approval from whoever wrote a language of the version, until another person reviews it', async () => {
    const db = app.runtime.deps.db;
    await changeSetting(db, 'require_approval', 'true', 1);
    try {
      const approver = await signedInClient(app, 'rosa.translator@district.example', 'editor');
      const rosa = (await findUserByEmail(db, 'rosa.translator@district.example'))!;
      const asRosa = deskActorFor(rosa);
      const deps = deskDepsOf(app.runtime.deps);
      const spanishIntro = (await digest()).translations.es!.intro;
      const revision = async () => (await digest()).translations.es!.revision;
      // Under the setting, a review names the text it read.
      await expect(
        saveTranslation(deps, asRosa, DATE, 'es', { intro: 'Sin revisión.', entries: [], reviewed: true }),
      ).rejects.toMatchObject({ code: 'revision-required' });
      // Rosa writes Spanish and marks it reviewed herself: her own review does not make her a second person.
      await saveTranslation(deps, asRosa, DATE, 'es', {
        intro: 'Cometas, y un texto de Rosa.',
        entries: [],
        reviewed: true,
        revision: await revision(),
      });
      const approve = async () =>
        approver.post(`/admin/inbox/${DATE}/approve`, {
          _csrf: await approver.csrf(`/admin/inbox?date=${DATE}`),
          version: String((await findDigest(db, DATE))!.version),
          entry: [String(ids.kites), String(ids.bees)],
        });
      const own = await approve();
      expect(await (await approver.get(own.headers.get('location')!)).text()).toContain(
        'You wrote this digest’s Spanish text, and no one else has marked it reviewed since, so someone else must approve the digest (or another editor marks Spanish reviewed first).',
      );
      // Nor is the button offered to her; the desk says why, where it would be.
      const deskPage = await (await approver.get(`/admin/inbox?date=${DATE}`)).text();
      expect(deskPage).not.toContain('Approve this version');
      expect(deskPage).toContain(
        'You wrote the Spanish text of this version and no one else has marked it reviewed, so another editor approves it',
      );
      expect((await findDigest(db, DATE))!.approvedBy).toBeNull();
      const leeRow = (await findUserByEmail(db, 'lee@district.example'))!;
      const asLee = deskActorFor(leeRow);
      // Her tab tells anyone else that her own review is not a second person's.
      expect(await tab('es')).toContain(
        'rosa.translator wrote this text too, and a writer’s own review is not a second person’s: check it, and press Mark reviewed.',
      );
      // Lee saves the district's text, so he cannot approve either: his desk says what he may do instead.
      await saveDesk(deps, asLee, DATE, {
        title: 'A windy Friday',
        intro: 'Kites and a spelling bee, on a windy day.',
        entries: [{ itemId: ids.kites }, { itemId: ids.bees }],
      });
      expect(await (await lee.get(`/admin/inbox?date=${DATE}`)).text()).toContain(
        'You made the last changes to this version, so another editor approves it. rosa.translator wrote the Spanish text and no one else has marked it reviewed, so rosa.translator cannot approve this version yet: you may check it on its tab and press Mark reviewed.',
      );
      // Lee marks Rosa's Spanish reviewed as it is, without a word changed: her words were checked by someone
      // else, so Rosa may be the second person for the rest.
      await saveTranslation(deps, asLee, DATE, 'es', {
        entries: [],
        reviewed: true,
        revision: await revision(),
      });
      expect(await (await approver.get(`/admin/inbox?date=${DATE}`)).text()).toContain(
        'Approve this version',
      );
      // A review alone writes no words: with Lee's words in Spanish, Rosa reviews them and may still approve
      // the version (before, whoever reviewed a language last could not, and two editors waited for each
      // other).
      await saveTranslation(deps, asLee, DATE, 'es', { intro: spanishIntro, entries: [] });
      await saveTranslation(deps, asRosa, DATE, 'es', {
        entries: [],
        reviewed: true,
        revision: await revision(),
      });
      expect((await digest()).translations.es!.reviewed).toBe(true);
      const page = await (await approver.get(`/admin/inbox?date=${DATE}`)).text();
      expect(page).toContain('Approve this version');
      expect(page).not.toContain('no one else has marked it reviewed');
      await approve();
      expect((await findDigest(db, DATE))!.approvedBy).toBe(rosa.id);
    } finally {
      await changeSetting(db, 'require_approval', 'false', 1);
    }
  });

  it('under label publishes an unreviewed language with a line saying it is not reviewed yet', async () => {
    const db = app.runtime.deps.db;
    await api(`/digests/${DATE}/translations/ar`, 'PUT', {
      title: 'يوم جمعة عاصف',
      entries: [
        { item_id: ids.kites, headline: 'طائرات ورقية في الملعب' },
        { item_id: ids.bees, headline: '' },
      ],
    });
    await changeSetting(db, 'translation_unreviewed', 'label', 1);
    // Publish pressed on a preview drawn before a language was saved again is refused: saving a language
    // moves no version, so the page carries when each language was last written.
    // (Pressed in the preview's Arabic tab, the refusal comes back to that tab.)
    const drawn = await (await lee.get(`/admin/inbox/preview?date=${DATE}&lang=ar`)).text();
    const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(drawn)![1]!;
    await api(`/digests/${DATE}/translations/ar`, 'PUT', { title: 'يوم جمعة عاصف جدًا', entries: [] });
    const stale = await lee.post(`/admin/inbox/${DATE}/publish`, {
      _csrf: await lee.csrf(`/admin/inbox/preview?date=${DATE}`),
      from: 'preview',
      confirmed: 'yes',
      version: hidden('version'),
      translations_seen: hidden('translations_seen').replaceAll('&amp;', '&'),
      from_lang: hidden('from_lang'),
    });
    expect(stale.headers.get('location')).toBe(`/admin/inbox/preview?date=${DATE}&lang=ar`);
    expect(await (await lee.get(stale.headers.get('location')!)).text()).toContain(
      'A translation of the digest changed since this page was drawn. Look at it again before publishing.',
    );
    expect((await digest()).status).toBe('draft');
    await api(`/digests/${DATE}/translations/ar`, 'PUT', { title: 'يوم جمعة عاصف', entries: [] });
    await publishDesk(deskDepsOf(app.runtime.deps), editor, DATE);
    const ar = await page(`/ar/digests/${DATE}`);
    expect(ar).toContain('طائرات ورقية في الملعب');
    // Typed by people, not by a machine: said not reviewed yet, not translated automatically.
    expect(ar).toContain('ترجمة لم تُراجَع بعد');
    expect(ar).not.toContain('تُرجم آليًا');
    // Per field, the original where the translation is empty.
    expect(ar).toContain('The spelling bee');
    const es = await page(`/es/digests/${DATE}`);
    expect(es).toContain('Un viernes de viento');
    expect(es).toContain('El concurso de ortografía');
    expect(es).toContain('[es] Room 4 flew kites they built.');
    expect(es).not.toContain('Traducido automáticamente');
    expect(await page(`/digests/${DATE}`)).toContain('The spelling bee');
    expect(await page('/ar')).toContain('يوم جمعة عاصف');

    await app.sendQueuedMail();
    const mails = await smtp.waitFor(2);
    const to = (address: string) => mails.find((m) => m.envelopeTo.includes(address))!;
    const spanish = to('familia@family.example');
    expect(rawHeader(spanish.raw, 'content-language')).toBe('es');
    expect(spanish.parsed.subject).toContain('Un viernes de viento');
    expect(spanish.parsed.text).toContain('El concurso de ortografía');
    expect(spanish.parsed.text).not.toContain('Traducido automáticamente');
    const arabic = to('usra@family.example');
    expect(arabic.parsed.text).toContain('طائرات ورقية في الملعب');
    expect(arabic.parsed.text).toContain('ترجمة لم تُراجَع بعد');
    expect(arabic.parsed.html).toContain('ترجمة لم تُراجَع بعد');

    // The preview shows each language as its readers get it, and sends a test of it.
    const preview = await (await lee.get(`/admin/inbox/preview?date=${DATE}&lang=ar`)).text();
    expect(preview).toContain('aria-label="The preview in each language"');
    expect(preview).toMatch(
      /<a href="\/admin\/inbox\/preview\?date=2026-11-20&amp;lang=ar" aria-current="page">Arabic<\/a>/,
    );
    expect(preview).toContain('As Arabic readers get it (or would, if it went out now).');
    expect(preview).toContain(`src="/admin/inbox/preview/page?date=${DATE}&amp;lang=ar"`);
    const arabicPage = await (await lee.get(`/admin/inbox/preview/page?date=${DATE}&lang=ar`)).text();
    expect(arabicPage).toContain('lang="ar" dir="rtl"');
    expect(arabicPage).toContain('طائرات ورقية في الملعب');
    expect(arabicPage).toContain('ترجمة لم تُراجَع بعد');
    const spanishEmail = await (await lee.get(`/admin/inbox/preview/email?date=${DATE}&lang=es`)).text();
    expect(spanishEmail).toContain('El concurso de ortografía');
    // The district's own, as before; a language not offered is the district's own too.
    for (const lang of ['', '&lang=fr'])
      expect(await (await lee.get(`/admin/inbox/preview/page?date=${DATE}${lang}`)).text()).toContain(
        'The spelling bee',
      );
    const sent = await lee.post(`/admin/inbox/preview?date=${DATE}&lang=ar`, {
      _csrf: await lee.csrf(`/admin/inbox/preview?date=${DATE}&lang=ar`),
    });
    expect(sent.headers.get('location')).toBe(`/admin/inbox/preview?date=${DATE}&lang=ar`);
    const test = (await smtp.waitFor(3)).find((m) => m.envelopeTo.includes('lee@district.example'))!;
    expect(test.parsed.subject).toContain('[Test]');
    expect(rawHeader(test.raw, 'content-language')).toBe('ar');
    expect(test.parsed.text).toContain('طائرات ورقية في الملعب');
  });

  it('under fallback shows the district’s text to an unreviewed language’s readers, with a line saying so', async () => {
    await changeSetting(app.runtime.deps.db, 'translation_unreviewed', 'fallback', 1);
    const ar = await page(`/ar/digests/${DATE}`);
    expect(ar).not.toContain('طائرات ورقية في الملعب');
    expect(ar).toContain('Kites on the field');
    expect(ar).toContain('لم يُترجم هذا الملخص بعد، لذلك يُعرض باللغة الإنجليزية.');
    // The embed in Arabic says so too.
    expect(await page(`/ar/embed?date=${DATE}`)).toContain(
      'لم يُترجم هذا الملخص بعد، لذلك يُعرض باللغة الإنجليزية.',
    );
    // The sitemap lists the Spanish page, and not the Arabic one, which is the district's text again; so do
    // the pages' own language alternates, and the Arabic page names the district's as its canonical address.
    const sitemap = await page('/sitemap.xml');
    expect(sitemap).toContain(`<loc>${app.url}/es/digests/${DATE}</loc>`);
    expect(sitemap).not.toContain(`/ar/digests/${DATE}`);
    const alternates = (html: string) =>
      [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/g)].map(
        (m) => `${m[1]} ${m[2]}`,
      );
    const english = await page(`/digests/${DATE}`);
    expect(alternates(english)).toEqual([
      `en ${app.url}/digests/${DATE}`,
      `es ${app.url}/es/digests/${DATE}`,
      `x-default ${app.url}/digests/${DATE}`,
    ]);
    expect(await page(`/es/digests/${DATE}`)).toContain(
      `<link rel="canonical" href="${app.url}/es/digests/${DATE}"/>`,
    );
    expect(await page(`/ar/digests/${DATE}`)).toContain(
      `<link rel="canonical" href="${app.url}/digests/${DATE}"/>`,
    );
    // Spanish is reviewed: translated, no line.
    const es = await page(`/es/digests/${DATE}`);
    expect(es).toContain('El concurso de ortografía');
    expect(es).not.toContain('Este resumen aún no está traducido');
    expect(await page(`/es/embed?date=${DATE}`)).not.toContain('Este resumen aún no está traducido');
  });

  it('brings a correction to every language at once, its note on /es/ and /ar/', async () => {
    await correctDesk(deskDepsOf(app.runtime.deps), editor, DATE, {
      entries: [
        { itemId: ids.kites, blurb: 'Room 4 flew kites they built in art class.' },
        { itemId: ids.bees },
      ],
      note: 'The kites were built in art class, not science.',
      email: false,
    });
    const es = await page(`/es/digests/${DATE}`);
    expect(es).toContain('The kites were built in art class, not science.');
    // The Spanish blurb it changed now reads the corrected original; the rest stays Spanish and reviewed.
    expect(es).toContain('Room 4 flew kites they built in art class.');
    expect(es).not.toContain('[es] Room 4 flew kites they built.');
    expect(es).toContain('El concurso de ortografía');
    expect(es).not.toContain('Este resumen aún no está traducido');
    // The tab says so, still reviewed: what has no Spanish now, and what to do.
    const spanishTab = await tab('es');
    expect(spanishTab).toContain('>Reviewed</span>');
    expect(spanishTab).toContain(
      'One text has no Spanish, so its readers get it in English: the blurb of “Kites on the field”. A correction changed it after the review',
    );
    expect(spanishTab).toContain(
      'The latest correction’s note has no Spanish, so its readers read it in English',
    );
    // The emptied field itself stands out; the others do not.
    expect(spanishTab.match(/class="lacking"/g)).toHaveLength(1);
    expect(spanishTab).toMatch(/<textarea id="t-\d+-blurb" name="blurb_\d+"[^>]*class="lacking">/);
    const ar = await page(`/ar/digests/${DATE}`);
    expect(ar).toContain('The kites were built in art class, not science.');
    expect(ar).toContain('صُحّح يوم');
    // A translated note, when written, replaces the original's on that language's pages.
    // Reviewed again, the blurb the correction changed is in Spanish too (a review needs every text).
    await api(`/digests/${DATE}/translations/es`, 'PUT', {
      correction_note: 'Las cometas se hicieron en la clase de arte, no de ciencias.',
      entries: [{ item_id: ids.kites, blurb: 'La clase 4 voló cometas que hizo en la clase de arte.' }],
      reviewed: true,
    });
    const corrected = await page(`/es/digests/${DATE}`);
    expect(await tab('es')).not.toContain('has no Spanish');
    expect(await tab('es')).not.toContain('note has no Spanish');
    expect(corrected).toContain('Las cometas se hicieron en la clase de arte, no de ciencias.');
    expect(corrected).not.toContain('The kites were built in art class, not science.');
  });

  it('gives each later correction its own note in each language, from the desk’s form, checked and emailed so', async () => {
    // A correction given without a Spanish note: the earlier correction's Spanish note is not shown as its,
    // and stays with the earlier correction, in order.
    await correctDesk(deskDepsOf(app.runtime.deps), editor, DATE, {
      entries: [{ itemId: ids.kites }, { itemId: ids.bees, blurb: 'Fifth graders spelled their very best.' }],
      note: 'The spelling bee was for fifth graders only.',
      email: false,
    });
    let es = await page(`/es/digests/${DATE}`);
    const notesOn = (html: string) =>
      [...html.matchAll(/<p class="correction">([\s\S]*?)<\/p>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
    expect(notesOn(es)).toEqual([
      expect.stringContaining('Las cometas se hicieron en la clase de arte, no de ciencias.'),
      expect.stringContaining('The spelling bee was for fifth graders only.'),
    ]);
    expect(es).not.toContain('The kites were built in art class, not science.');

    // The desk's form asks for the note in Spanish and Arabic, and checks what is written there.
    const desk = await (await lee.get(`/admin/inbox?date=${DATE}`)).text();
    expect(desk).toMatch(/<label for="correction-note-es">Correction note in Spanish \(optional\)<\/label>/);
    expect(desk).toMatch(/name="correction_note_ar" lang="ar" dir="rtl"/);
    expect(desk).toContain(
      'In Spanish and Arabic, each text the correction changes is emptied: its readers get it in English until someone translates it again on that language’s tab.',
    );
    const form = (notes: Record<string, string>) => ({
      _csrf: /name="_csrf" value="([^"]+)"/.exec(desk)![1]!,
      version: /name="version" value="(\d+)"/.exec(desk)![1]!,
      entry: [String(ids.kites), String(ids.bees)],
      [`headline_${ids.bees}`]: 'The fifth-grade spelling bee',
      correction_note: 'The headline now says the spelling bee was for fifth graders.',
      correction_email: '1',
      ...notes,
    });
    const refused = await lee.post(
      `/admin/inbox/${DATE}/correct`,
      form({ correction_note_es: 'Felicidades a Maria Gonzalez, que ganó el concurso.' }),
    );
    expect(refused.status).toBe(422);
    const again = await refused.text();
    expect(again).toContain('“Maria Gonzalez” (Spanish correction note)');
    expect(again).toContain('>Felicidades a Maria Gonzalez, que ganó el concurso.</textarea>');
    // The finding shows under the note, once, and the email box stays ticked as it was.
    const underNote = /<ul class="findings" id="correction-note-findings">([\s\S]*?)<\/ul>/.exec(again)?.[1];
    expect(underNote).toContain('“Maria Gonzalez” (Spanish correction note)');
    expect(again.split('“Maria Gonzalez” (Spanish correction note)')).toHaveLength(2);
    expect(again).toMatch(/<input type="checkbox" name="correction_email" value="1" checked=""/);
    expect(await page(`/digests/${DATE}`)).not.toContain('The fifth-grade spelling bee');

    const done = await lee.post(
      `/admin/inbox/${DATE}/correct`,
      form({ correction_note_es: 'El titular ahora dice que el concurso fue para quinto grado.' }),
    );
    expect(done.status).toBe(303);
    es = await page(`/es/digests/${DATE}`);
    expect(es).toContain('El titular ahora dice que el concurso fue para quinto grado.');
    expect(es).not.toContain('The headline now says the spelling bee was for fifth graders.');
    expect(await page(`/ar/digests/${DATE}`)).toContain(
      'The headline now says the spelling bee was for fifth graders.',
    );
    // Another correction before its emails went, with no Spanish note: they still go out with theirs.
    await correctDesk(deskDepsOf(app.runtime.deps), editor, DATE, {
      entries: [{ itemId: ids.kites }, { itemId: ids.bees }],
      note: 'The order of the posts changed.',
      email: false,
    });

    const before = smtp.received.length;
    await app.sendQueuedMail();
    const mails = (await smtp.waitFor(before + 2)).slice(before);
    const to = (address: string) => mails.find((m) => m.envelopeTo.includes(address))!;
    const spanish = to('familia@family.example');
    expect(spanish.parsed.text).toContain('El titular ahora dice que el concurso fue para quinto grado.');
    expect(spanish.parsed.text).not.toContain('The headline now says');
    const arabic = to('usra@family.example');
    expect(arabic.parsed.text).toContain('The headline now says the spelling bee was for fifth graders.');
    // Shown in the district's language, and marked so for a screen reader.
    expect(arabic.parsed.html).toMatch(/lang="en"[^>]*>The headline now says/);

    // Through the API too; a language the district does not offer, or a note that is not text, is refused.
    const entries = [{ item_id: ids.kites }, { item_id: ids.bees }];
    const correct = (body: object) =>
      api(`/digests/${DATE}/corrections`, 'POST', { entries, note: 'The bee was on Thursday.', ...body });
    const french = await correct({ note_translations: { fr: 'L’abeille était jeudi.' } });
    expect(french.status).toBe(422);
    expect(((await french.json()) as { error: { message: string } }).error.message).toContain(
      'not one of the district’s other languages',
    );
    expect((await correct({ note_translations: { es: 5 } })).status).toBe(422);
    expect(await page(`/digests/${DATE}`)).not.toContain('The bee was on Thursday.');
    const ok = await correct({ note_translations: { es: 'El concurso fue el jueves.' } });
    expect(ok.status).toBe(200);
    expect(await page(`/es/digests/${DATE}`)).toContain('El concurso fue el jueves.');

    // The note written later on the language's tab is checked too (it shows even while the rest waits for a
    // review), and a name in a note is reworded, not recorded as fine.
    const named = await api(`/digests/${DATE}/translations/es`, 'PUT', {
      correction_note: 'El concurso lo ganó Maria Gonzalez el jueves.',
    });
    expect(named.status).toBe(422);
    expect(((await named.json()) as { error: { message: string } }).error.message).toContain(
      'The translation is not saved. “Maria Gonzalez” (Spanish correction note) looks like a student’s full name.',
    );
    expect(await page(`/es/digests/${DATE}`)).not.toContain('Maria Gonzalez');
    const excused = await api(`/digests/${DATE}/findings/resolve`, 'POST', {
      item_id: 0,
      kind: 'correction-note',
      reason: 'She is an adult volunteer, not a student.',
    });
    expect(excused.status).toBe(422);
    expect(((await excused.json()) as { error: { message: string } }).error.message).toContain(
      'Reword the note.',
    );
  });

  it('checks a published digest’s translation before it reaches readers, and keeps it until it is reworded', async () => {
    const db = app.runtime.deps.db;
    expect((await digest()).status).toBe('published');
    // Under `label` every save reaches readers at once, reviewed or not.
    await changeSetting(db, 'translation_unreviewed', 'label', 1);
    try {
      const blurb = async () =>
        (await digest()).translations.es!.entries.find((e) => e.item_id === ids.kites)!.blurb;
      const put = (text: string, headline?: string) =>
        api(`/digests/${DATE}/translations/es`, 'PUT', {
          entries: [{ item_id: ids.kites, blurb: text, ...(headline ? { headline } : {}) }],
        });
      const before = await blurb();
      const named = await put('Emma Johnson hizo la cometa más alta.');
      expect(named.status).toBe(422);
      expect(((await named.json()) as { error: unknown }).error).toEqual({
        code: 'findings',
        message:
          'The Spanish text is not saved: this digest is published, and it would give the language’s readers what looks like a student’s full name (“Emma Johnson”), now or once it is shown to them. Reword it and save again.',
      });
      expect(await blurb()).toBe(before);
      // Reworded, it is saved.
      expect((await put('Emma hizo la cometa más alta.')).status).toBe(200);
      expect(await blurb()).toBe('Emma hizo la cometa más alta.');

      // A name its readers already get (saved before these checks) does not hold up other changes, nor its
      // own removal; a second one does.
      const { id, version } = (await findDigest(db, DATE))!;
      const stored = (await digest()).translations.es!;
      expect(
        await saveDigestTranslation(
          db,
          { id, version, status: 'published' },
          'es',
          {
            title: stored.title,
            intro: stored.intro,
            machine: [],
            correctionNote: null,
            entries: stored.entries.map((e) => ({
              itemId: e.item_id,
              headline: e.headline,
              blurb: e.item_id === ids.kites ? 'Emma Johnson hizo la cometa.' : e.blurb,
              imageAlt: '',
              machine: [],
            })),
            wordsChanged: true,
            asRead: await lastWritten(db, id, 'es'),
          },
          {
            actor: cliActor,
            event: { action: 'translation.save', subjectType: 'digest', subjectId: DATE },
            now: 1,
            userId: null,
          },
        ),
      ).toBe(true);
      expect((await put('Emma Johnson hizo la cometa.', 'Cometas en el campo')).status).toBe(200);
      const second = await put('Emma Johnson y Lucas Martinez hicieron la cometa.');
      expect(second.status).toBe(422);
      expect(((await second.json()) as { error: { message: string } }).error.message).toContain(
        '(“Lucas Martinez”)',
      );
      expect((await put('Emma hizo la cometa.')).status).toBe(200);
    } finally {
      await changeSetting(db, 'translation_unreviewed', 'hold', 1);
    }
    // Saved since its review, Spanish is not reviewed: the tab says what its readers get, the digest being out.
    expect(await tab('es')).toContain(
      'The digest is out: until someone reviews this language, its readers get the district’s own text, with a line saying so.',
    );
  });

  it('keeps each language reviewed when a post is taken down, so its readers keep it', async () => {
    const spanishTitle = 'Un viernes de viento';
    const reviewed = await api(`/digests/${DATE}/translations/es`, 'PUT', {
      title: spanishTitle,
      intro: 'Cometas y un concurso de ortografía.',
      entries: [
        { item_id: ids.kites, headline: 'Cometas en el campo', blurb: 'El aula 4 voló cometas.' },
        { item_id: ids.bees, headline: 'El concurso', blurb: 'Quinto grado deletreó muy bien.' },
      ],
      reviewed: true,
    });
    expect(reviewed.status).toBe(200);
    const down = await api(`/digests/${DATE}/entries/${ids.bees}/takedown`, 'POST', {
      reason: 'Posted to the wrong class by mistake.',
    });
    expect(down.status).toBe(200);
    const after = await digest();
    expect(after.status).toBe('published');
    expect(after.translations.es!.reviewed).toBe(true);
    expect(
      after.findings.filter((f) => f.kind === 'translation-unreviewed' && f.message.includes('Spanish')),
    ).toEqual([]);
    const page = await (await fetch(`${app.url}/es/digests/${DATE}`)).text();
    expect(page).toContain(spanishTitle);
    expect(page).not.toContain('aún no está traducido');
  });

  it('checks a published digest’s language its readers do not get yet, which a setting could show them later', async () => {
    const db = app.runtime.deps.db;
    await changeSetting(db, 'translation_unreviewed', 'fallback', 1);
    try {
      const named = await api(`/digests/${DATE}/translations/ar`, 'PUT', {
        entries: [{ item_id: ids.kites, blurb: 'Emma Johnson صنعت أعلى طائرة ورقية.' }],
      });
      expect(named.status).toBe(422);
      expect(((await named.json()) as { error: { message: string } }).error.message).toContain(
        'what looks like a student’s full name (“Emma Johnson”)',
      );
      expect(
        (await digest()).translations.ar!.entries.find((e) => e.item_id === ids.kites)?.blurb ?? '',
      ).not.toContain('Emma Johnson');
    } finally {
      await changeSetting(db, 'translation_unreviewed', 'hold', 1);
    }
  });
});
