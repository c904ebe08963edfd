// Where the district requires a second person, a published digest's language changed on its tab waits for
// one: its readers (under every translation_unreviewed setting, label included) keep what they had before the
// change (here the district's own text, then a reviewed translation) until an editor who changed none of it
// marks it reviewed; a program's token never reviews it. A correction published meanwhile reaches them.
// Over a real app (SQLite file, HTTP).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/auth/api-tokens';
import { cliActor, listAudit } from '../src/db/audit';
import { changeSetting } from '../src/settings/district-settings';
import type { Client } from './browser-client';
import { testClock } from './clock';
import { addPublishedDigest, addSchoolWithSource, item, storeItems } from './fixtures';
import { signedInClient, startTestApp, type TestApp } from './test-app';

const DATE = '2026-11-20';

describe('a published digest’s language where the district requires a second person', () => {
  let app: TestApp;
  let dana: Client;
  let lee: Client;
  let sam: Client;
  let ids: number[];
  let api: (path: string, method?: string, body?: unknown) => Promise<Response>;

  beforeAll(async () => {
    app = await startTestApp({ clock: testClock('2026-11-21T15:00:00Z') });
    const db = app.runtime.deps.db;
    dana = await signedInClient(app, 'dana@district.example', 'editor');
    lee = await signedInClient(app, 'lee@district.example', 'editor');
    sam = await signedInClient(app, 'sam@district.example', 'editor');
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    await storeItems(db, source.id, [
      item({ guid: 'kites', title: 'Kites', publishedAt: Date.parse('2026-11-20T18:00:00Z') }),
    ]);
    ids = (await db.query<{ id: number }>('select id from items order by id', [])).map((row) => row.id);
    const now = app.clock.now();
    await addPublishedDigest(
      db,
      { date: DATE, title: 'A windy Friday', itemIds: ids, now },
      { headlines: { [ids[0]!]: 'Kites on the field' } },
    );
    await changeSetting(db, 'languages', 'en,es', now);
    // The strictest case: under label an unreviewed language otherwise reaches its readers at once.
    await changeSetting(db, 'translation_unreviewed', 'label', now);
    await changeSetting(db, 'require_approval', 'true', now);
    const { token } = await createApiToken(db, { name: 'bot', role: 'editor' }, cliActor, now);
    api = (path, method = 'GET', body) =>
      fetch(`${app.url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
  });
  afterAll(() => app.close());

  const tabPath = `/admin/inbox?date=${DATE}&lang=es`;
  const tab = async (client: Client) => (await client.get(tabPath)).text();
  const spanishPage = async () => (await fetch(`${app.url}/es/digests/${DATE}`)).text();
  const spanish = async () =>
    (
      (await (await api(`/digests/${DATE}`)).json()) as {
        translations: Record<string, Record<string, unknown>>;
      }
    ).translations.es!;
  /**
   * Presses a button of the Spanish tab as a browser sends its form: the version and the revision of the text
   * the page shows (this page, or one opened earlier), the fields given.
   */
  const press = async (
    client: Client,
    button: 'save' | 'review' | 'discard' | 'withdraw',
    fields: Record<string, string>,
    opened?: string,
  ) => {
    const page = opened ?? (await tab(client));
    const response = await client.post(`/admin/translations/${DATE}/es/${button}`, {
      _csrf: await client.csrf(tabPath),
      version: /name="version" value="(\d+)"/.exec(page)![1]!,
      revision: /name="revision" value="([^"]*)"/.exec(page)![1]!,
      item_id: String(ids[0]),
      ...fields,
    });
    const landed =
      response.status === 303 ? await (await client.get(response.headers.get('location')!)).text() : '';
    return { status: response.status, body: response.status === 303 ? landed : await response.text() };
  };
  /** What Spanish readers get through the feeds and the embed. */
  const spanishElsewhere = async () =>
    (
      await Promise.all(
        ['/es/feed.xml', '/es/feed.json', `/es/embed?date=${DATE}`].map(async (path) =>
          (await fetch(`${app.url}${path}`)).text(),
        ),
      )
    ).join('\n');
  /** A correction proposed by one editor and approved by another, as the desk's buttons do it. */
  const correct = async (proposer: Client, approver: Client, fields: Record<string, string>) => {
    const desk = async (client: Client) => (await client.get(`/admin/inbox?date=${DATE}`)).text();
    const send = async (client: Client, action: string, extra: Record<string, string> = {}) => {
      const page = await desk(client);
      const pendingId = /name="pending_id" value="([^"]+)"/.exec(page)?.[1];
      const response = await client.post(`/admin/inbox/${DATE}/${action}`, {
        _csrf: await client.csrf(`/admin/inbox?date=${DATE}`),
        version: /name="version" value="(\d+)"/.exec(page)![1]!,
        ...(pendingId ? { pending_id: pendingId } : {}),
        ...extra,
      });
      expect(response.status, action).toBe(303);
      return (await client.get(response.headers.get('location')!)).text();
    };
    expect(await send(proposer, 'correct', { entry: String(ids[0]), ...fields })).toContain(
      'waits for another editor',
    );
    // Its approver is told what it does to the Spanish text.
    expect(await desk(approver)).toContain(
      'In Spanish, each text the correction changes is emptied: its readers get it in English until someone translates it again',
    );
    expect(await send(approver, 'correction/approve')).toContain('Correction published');
  };

  it('keeps a change from readers until another editor reviews it; its saver cannot', async () => {
    const saved = await press(dana, 'save', {
      title: 'Un viernes de cometas',
      [`headline_${ids[0]}`]: 'Cometas en el campo',
    });
    expect(saved.body).toContain(
      'Spanish saved. Its readers keep what they had before the change until another editor checks it and marks it reviewed.',
    );
    // Under label this would reach Spanish readers at once; here they get the district's text, on the page,
    // in the feeds and in the embed.
    const held = await spanishPage();
    expect(held).not.toContain('Un viernes de cometas');
    expect(held).toContain('Kites on the field');
    expect(await spanishElsewhere()).not.toContain('Cometas en el campo');
    expect((await spanish()).held).toBe(true);

    // Its saver's tab says why, and has no button to review it; each changed field says its readers have the
    // district's text there meanwhile (they had no Spanish).
    const danaSees = await tab(dana);
    expect(danaSees).toContain('Its readers have the district’s text here now.');
    expect(danaSees).toContain('Changed after publishing by dana');
    expect(danaSees).toContain(
      'You changed the Spanish text after publishing, so another editor checks it and marks it reviewed',
    );
    expect(danaSees).not.toContain('>Mark reviewed</button>');
    // Pressed anyway (a form from another tab), it is refused with the words kept.
    const self = await press(dana, 'review', { title: 'Un viernes de cometas' });
    expect(self.status).toBe(403);
    expect(self.body).toContain(
      'You changed the Spanish text after publishing, and the district requires a second person',
    );
    expect(await spanishPage()).not.toContain('Un viernes de cometas');

    // The desk shows it waiting, as a finding.
    const desk = await (await lee.get(`/admin/inbox?date=${DATE}`)).text();
    expect(desk).toContain('The Spanish text changed after publishing and waits for a second person');

    // Another editor who changes it and marks it reviewed in one go checks Dana's change; the new change then
    // waits for someone other than them, and the readers keep what they had.
    const changed = await press(lee, 'review', { title: 'Un viernes con cometas' });
    expect(changed.status).toBe(303);
    expect(changed.body).toContain(
      'Spanish saved, and the other editors’ changes are recorded as checked by you. Yours wait',
    );
    expect(await spanishPage()).not.toContain('Un viernes con cometas');
    expect((await spanish()).held).toBe(true);
    const leeAfter = await tab(lee);
    expect(leeAfter).toContain('Changed after publishing by lee:');
    expect(leeAfter).not.toContain('>Mark reviewed</button>');

    // Nor is a review taken of a text saved after the reviewer's page was opened: they review what is saved now.
    const danaOpened = await tab(dana);
    expect(danaOpened).toContain('>Mark reviewed</button>');
    await press(lee, 'save', { title: 'Un viernes de cometas', [`headline_${ids[0]}`]: 'Cometas altas' });
    const stale = await press(dana, 'review', { title: 'Un viernes de cometas' }, danaOpened);
    expect(stale.body).toContain('Not marked reviewed: someone saved the Spanish text after you opened it.');
    expect(stale.body).toContain('value="Cometas altas"');
    expect(await spanishPage()).not.toContain('Cometas altas');

    // Dana, whose own change Lee checked, reviews Lee's as saved: it reaches its readers.
    const reviewed = await press(dana, 'review', { title: 'Un viernes de cometas' });
    expect(reviewed.body).toContain('Spanish saved and marked reviewed.');
    const out = await spanishPage();
    expect(out).toContain('Un viernes de cometas');
    expect(out).toContain('Cometas altas');
    expect(await spanishElsewhere()).toContain('Cometas altas');
    expect((await spanish()).held).toBe(false);
    expect(await (await lee.get(`/admin/inbox?date=${DATE}`)).text()).not.toContain(
      'waits for a second person',
    );

    // Marked reviewed with a change of one's own and nobody else's waiting, it is saved and held, as Save
    // would have it; the log says saved, not reviewed. Dana discards it, and the tab is as it was.
    const alone = await press(lee, 'review', { title: 'Un viernes de cometas, y sol' });
    expect(alone.body).toContain('Spanish saved. It has changes of yours, so it is not marked reviewed');
    expect(await spanishPage()).not.toContain('y sol');
    const [logged] = await listAudit(app.runtime.deps.db, { limit: 1 });
    expect([logged!.action, JSON.parse(logged!.details!)]).toEqual([
      'translation.save',
      { lang: 'es', changed: true, reviewed: false },
    ]);
    expect((await press(dana, 'discard', {})).body).toContain(
      'The changes to the Spanish text are discarded',
    );
    expect((await spanish()).title).toBe('Un viernes de cometas');
  });

  it('counts everyone who changed it, whoever saved last, and a correction in between changes nothing', async () => {
    await press(dana, 'save', { [`headline_${ids[0]}`]: 'Cometas sobre el campo' });
    expect(await tab(dana)).toContain(
      'so another editor checks it and marks it reviewed; until then its readers keep what they had before the change.',
    );
    // Spanish readers keep the reviewed text they had: not the district's own text, not the change.
    const kept = await spanishPage();
    expect(kept).toContain('Un viernes de cometas');
    expect(kept).toContain('Cometas altas');
    expect(kept).not.toContain('Cometas sobre el campo');
    expect(await spanishElsewhere()).toContain('Cometas altas');
    // Lee mends a word: both changes wait now, each for the other editor.
    await press(lee, 'save', { [`headline_${ids[0]}`]: 'Cometas sobre el patio' });
    const leeSees = await tab(lee);
    expect(leeSees).toContain('Changed after publishing by dana and lee');
    expect(leeSees).toContain('You and others changed the Spanish text after publishing.');
    expect(leeSees).toContain('>Mark reviewed</button>');
    // Whoever checks sees, beside each changed field, what its readers have now.
    expect(leeSees).toMatch(
      /<p class="small readers-have" id="t-\d+-headline-readers">Its readers have now: “<span lang="es" dir="ltr">Cometas altas<\/span>”<\/p>/,
    );
    expect(leeSees).not.toContain('id="t-title-readers"');
    expect(await spanishPage()).toContain('Cometas altas');
    // A correction Dana proposes and Lee approves changes nothing of the above (who changed it, what waits);
    // its Spanish note, approved with it, reaches Spanish readers beside the text they kept.
    await correct(dana, lee, {
      [`headline_${ids[0]}`]: 'Kites on the field',
      correction_note: 'The kites flew on the field, not the playground.',
      correction_note_es: 'Las cometas volaron en el campo.',
    });
    // Dana checks Lee's change; hers still waits, and the readers keep what they had.
    const danaChecked = await press(dana, 'review', {});
    expect(danaChecked.body).toContain('the other editors’ changes are recorded as checked by you');
    expect(await tab(dana)).toContain('Changed after publishing by dana:');
    expect(await (await lee.get('/admin/audit')).text()).toContain(
      'checked the other editors’ changes to the Spanish translation of the digest for',
    );
    expect((await press(dana, 'review', {})).status).toBe(403);
    const corrected = await spanishPage();
    expect(corrected).not.toContain('Cometas sobre el patio');
    expect(corrected).toContain('Cometas altas');
    expect(corrected).toContain('Las cometas volaron en el campo.');
    expect(corrected).not.toContain('The kites flew on the field, not the playground.');
    // Lee, whose change Dana checked, checks hers: no third editor is needed.
    expect((await press(lee, 'review', {})).body).toContain('Spanish saved and marked reviewed.');
    expect(await spanishPage()).toContain('Cometas sobre el patio');
  });

  it('gives a held language’s readers a correction of what they kept', async () => {
    await press(dana, 'save', { [`headline_${ids[0]}`]: 'Cometas en el patio' });
    expect(await spanishPage()).toContain('Cometas sobre el patio');
    // The headline changes in the original: the Spanish they kept no longer translates it, so they read the
    // corrected original there, as every language's readers do until it is translated again.
    await correct(lee, sam, {
      [`headline_${ids[0]}`]: 'Kites above the school',
      correction_note: 'The kites flew above the school.',
    });
    const page = await spanishPage();
    expect(page).toContain('Kites above the school');
    expect(page).not.toContain('Cometas sobre el patio');
    expect(page).not.toContain('Cometas en el patio');
    expect(page).toContain('Un viernes de cometas');
    // The earlier correction's note they had in Spanish stays theirs.
    expect(page).toContain('Las cometas volaron en el campo.');
    // Reviewed by someone who changed none of it, the saved text reaches them.
    await press(lee, 'save', { [`headline_${ids[0]}`]: 'Cometas sobre la escuela' });
    expect(await spanishPage()).toContain('Kites above the school');
    expect((await press(sam, 'review', {})).body).toContain('Spanish saved and marked reviewed.');
    expect(await spanishPage()).toContain('Cometas sobre la escuela');
  });

  it('never carries a held note to an earlier correction’s readers', async () => {
    // Dana rewrites the latest correction's Spanish note on the tab: held, it is not shown.
    await press(dana, 'save', { correction_note: 'Una nota que nadie revisó.' });
    expect(await spanishPage()).not.toContain('Una nota que nadie revisó.');
    // Another correction makes that one an earlier correction: its held note is not kept for readers.
    await correct(lee, dana, {
      [`headline_${ids[0]}`]: 'Kites over the field',
      correction_note: 'The headline says where the kites were.',
    });
    expect(await spanishPage()).not.toContain('Una nota que nadie revisó.');
    expect(await spanishElsewhere()).not.toContain('Una nota que nadie revisó.');
  });

  it('never takes a program token’s review, nor a review of text its reviewer did not read', async () => {
    const put = await api(`/digests/${DATE}/translations/es`, 'PUT', {
      title: 'Un viernes ventoso',
      entries: [{ item_id: ids[0], headline: 'Cometas sobre el campo' }],
    });
    expect(put.status).toBe(200);
    expect((await spanish()).held).toBe(true);
    expect(await spanishPage()).not.toContain('Un viernes ventoso');
    const review = await api(`/digests/${DATE}/translations/es`, 'PUT', { reviewed: true, entries: [] });
    expect(review.status).toBe(403);
    expect(((await review.json()) as { error: { code: string } }).error.code).toBe('person-required');
    expect(await spanishPage()).not.toContain('Un viernes ventoso');
    // A person's own token reviews only the text it names by the time it was saved.
    const samRow = (
      await app.runtime.deps.db.query<{ id: number }>(
        `select id from users where email = 'sam@district.example'`,
        [],
      )
    )[0]!;
    const { token } = await createApiToken(
      app.runtime.deps.db,
      { name: 'sam', role: 'editor', userId: samRow.id },
      cliActor,
      app.clock.now(),
    );
    const asSam = (body: unknown) =>
      fetch(`${app.url}/api/v1/digests/${DATE}/translations/es`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const unnamed = await asSam({ reviewed: true, entries: [] });
    expect(unnamed.status).toBe(422);
    expect(((await unnamed.json()) as { error: { code: string } }).error.code).toBe('revision-required');
    const read = (await spanish()).revision as string;
    await api(`/digests/${DATE}/translations/es`, 'PUT', { title: 'Un viernes muy ventoso', entries: [] });
    const stale = await asSam({ reviewed: true, revision: read, entries: [] });
    expect(stale.status).toBe(409);
    expect(await spanishPage()).not.toContain('Un viernes muy ventoso');
    const fresh = await asSam({ reviewed: true, revision: (await spanish()).revision, entries: [] });
    expect(fresh.status).toBe(200);
    expect(await spanishPage()).toContain('Un viernes muy ventoso');
  });

  it('lets any editor discard the changes that wait, back to what its readers have', async () => {
    await changeSetting(app.runtime.deps.db, 'languages', 'en,es,ar', app.clock.now());
    // Arabic first written after publishing: its readers had none of it.
    const arabicTab = `/admin/inbox?date=${DATE}&lang=ar`;
    const arabic = await dana.post(`/admin/translations/${DATE}/ar/save`, {
      _csrf: await dana.csrf(arabicTab),
      version: /name="version" value="(\d+)"/.exec(await (await dana.get(arabicTab)).text())![1]!,
      title: 'جمعة عاصفة',
    });
    expect(arabic.status).toBe(303);
    const spanishBefore = await spanishPage();
    const readersHave = /<h1[^>]*>([^<]*)</.exec(spanishBefore)![1]!;
    const danaOpened = await tab(dana);
    await press(dana, 'save', { title: 'Un viernes con viento' });
    await press(lee, 'save', { [`headline_${ids[0]}`]: 'Cometas y viento' });
    expect(await tab(lee)).toContain('Changed after publishing by dana and lee');

    // Either can discard the changes (instead of checking the other's), having seen them as they are now.
    expect(await tab(lee)).toContain('>Discard the changes</button>');
    const stale = await press(dana, 'discard', {}, danaOpened);
    expect(stale.body).toContain('Nothing was changed: someone saved the Spanish text after you opened it.');
    expect((await spanish()).held).toBe(true);
    const discarded = await press(dana, 'discard', {});
    expect(discarded.body).toContain('The changes to the Spanish text are discarded');
    expect(discarded.body).not.toContain('>Discard the changes</button>');
    expect(discarded.body).not.toContain('Cometas y viento');
    expect((await spanish()).held).toBe(false);
    // What its readers get is what they had; the tab is that text again, reviewed as it was.
    const after = await spanishPage();
    expect(/<h1[^>]*>([^<]*)</.exec(after)![1]).toBe(readersHave);
    expect(readersHave).toBe('Un viernes muy ventoso');
    expect((await spanish()).title).toBe('Un viernes muy ventoso');
    expect((await spanish()).reviewed).toBe(true);
    const desk = await (await lee.get(`/admin/inbox?date=${DATE}`)).text();
    expect(desk).not.toContain('The Spanish text changed after publishing');
    expect(desk).toContain('The Arabic text changed after publishing');
    // Nothing left to discard.
    const again = await press(lee, 'discard', {});
    expect(again.body).toContain('The Spanish text is not waiting for a second person');
    // Through the API, a program's change can be discarded too, naming the text it read.
    await api(`/digests/${DATE}/translations/es`, 'PUT', { title: 'Un viernes cualquiera', entries: [] });
    expect((await spanish()).held).toBe(true);
    const unnamed = await api(`/digests/${DATE}/translations/es/discard`, 'POST', {});
    expect(unnamed.status).toBe(422);
    const named = await api(`/digests/${DATE}/translations/es/discard`, 'POST', {
      revision: (await spanish()).revision,
    });
    expect(named.status).toBe(200);
    expect((await spanish()).held).toBe(false);
    expect((await spanish()).title).toBe('Un viernes muy ventoso');
    // The Arabic its readers never had is gone with its changes: they keep the district's own text.
    const arabicNow = await (await lee.get(arabicTab)).text();
    const gone = await lee.post(`/admin/translations/${DATE}/ar/discard`, {
      _csrf: await lee.csrf(arabicTab),
      version: /name="version" value="(\d+)"/.exec(arabicNow)![1]!,
      revision: /name="revision" value="([^"]*)"/.exec(arabicNow)![1]!,
    });
    expect(gone.status).toBe(303);
    expect(await (await lee.get(gone.headers.get('location')!)).text()).toContain(
      'Its readers had none of it, so the tab is empty again',
    );
    const arabicAfter = await (await lee.get(arabicTab)).text();
    expect(arabicAfter).not.toContain('جمعة عاصفة');
    expect(arabicAfter).not.toContain('Changed after publishing');
    const [arabicRows] = await app.runtime.deps.db.query<{ n: number }>(
      `select count(*) as n from digest_translations where lang = 'ar'`,
      [],
    );
    expect(arabicRows!.n).toBe(0);
    const audit = await app.runtime.deps.db.query<{ action: string }>(
      `select action from audit_log where action = 'translation.discard'`,
      [],
    );
    // Three here, and one in the first test.
    expect(audit).toHaveLength(4);
    await changeSetting(app.runtime.deps.db, 'languages', 'en,es', app.clock.now());
  });

  it('gives readers the district’s text at once when what they have must not stay', async () => {
    await press(dana, 'save', { title: 'Un viernes sin nombres' });
    expect(await spanishPage()).toContain('Un viernes muy ventoso');
    const tabNow = await tab(lee);
    expect(tabNow).toContain('>Give readers the district’s text until then</button>');
    const withdrawn = await press(lee, 'withdraw', {});
    expect(withdrawn.body).toContain(
      'Until the Spanish text is reviewed, its readers get the district’s own text. The changes still wait',
    );
    const page = await spanishPage();
    expect(page).not.toContain('Un viernes muy ventoso');
    expect(page).not.toContain('Un viernes sin nombres');
    expect(page).toContain('Kites over the field');
    expect(await spanishElsewhere()).not.toContain('Un viernes muy ventoso');
    expect((await spanish()).held).toBe(true);
    // Once more: nothing left to take from them, and the button is gone; the tab says what they get now.
    expect(withdrawn.body).not.toContain('>Give readers the district’s text until then</button>');
    expect(withdrawn.body).toContain(
      'until another editor marks it reviewed its readers get the district’s own text, with a line saying so.',
    );
    expect(withdrawn.body).not.toContain('its readers keep what they had before the change');
    expect((await press(lee, 'withdraw', {})).body).toContain(
      'The Spanish readers already get the district’s own text',
    );
    // A page read before a save changes nothing: the claim is on the language as it was read.
    const stale = await tab(lee);
    await press(dana, 'save', { title: 'Un viernes sin nombre alguno' });
    expect((await press(lee, 'discard', {}, stale)).body).toContain(
      'Nothing was changed: someone saved the Spanish text after you opened it.',
    );
    // Reviewed by someone who changed none of it, the new text reaches them.
    expect((await press(sam, 'review', {})).body).toContain('Spanish saved and marked reviewed.');
    expect(await spanishPage()).toContain('Un viernes sin nombre alguno');
  });

  it('does not hold anything where the district does not require a second person', async () => {
    await changeSetting(app.runtime.deps.db, 'require_approval', 'false', app.clock.now());
    await press(dana, 'save', { title: 'Un viernes de viento' });
    // Under label, an unreviewed language reaches its readers at once, marked as translated automatically.
    expect(await spanishPage()).toContain('Un viernes de viento');
    expect((await spanish()).held).toBe(false);
    await changeSetting(app.runtime.deps.db, 'require_approval', 'true', app.clock.now());
  });
});
