// Where the district requires a second person, a published digest's language changed on its tab waits for
// one: its readers (under every translation_unreviewed setting, label included) get the district's own text
// until an editor other than whoever saved it last marks it reviewed; a program's token never reviews it.
// Over a real app (SQLite file, HTTP).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/auth/api-tokens';
import { cliActor } from '../src/db/audit';
import { changeSetting } from '../src/settings/district-settings';
import type { Client } from './browser-client';
import { testClock } from './clock';
import { addSchoolWithSource, item, storeItems } from './fixtures';
import { signedInClient, startTestApp, type TestApp } from './test-app';

const DATE = '2026-11-20';

describe('a published digest’s language where the district requires a second person', () => {
  let app: TestApp;
  let dana: Client;
  let lee: Client;
  let ids: number[];
  let api: (path: string, method?: string, body?: unknown) => Promise<Response>;

  beforeAll(async () => {
    app = await startTestApp({ clock: testClock('2026-11-21T15:00:00Z') });
    const db = app.runtime.deps.db;
    dana = await signedInClient(app, 'dana@district.example', 'editor');
    lee = await signedInClient(app, 'lee@district.example', 'editor');
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    await storeItems(db, source.id, [
      item({ guid: 'kites', title: 'Kites', publishedAt: Date.parse('2026-11-20T18:00:00Z') }),
    ]);
    ids = (await db.query<{ id: number }>('select id from items order by id', [])).map((row) => row.id);
    const now = app.clock.now();
    await db.batch([
      db.raw(
        sql`insert into digests (date, status, title, created_at, updated_at, published_at) values (${DATE}, 'published', 'A windy Friday', ${now}, ${now}, ${now})`,
      ),
      db.raw(
        sql`insert into digest_entries (digest_id, item_id, position, headline) select id, ${ids[0]}, 0, 'Kites on the field' from digests where date = ${DATE}`,
      ),
    ]);
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
  /** Presses a button of the Spanish tab as a browser sends its form: the version shown, the fields given. */
  const press = async (client: Client, button: 'save' | 'review', fields: Record<string, string>) => {
    const page = await tab(client);
    const response = await client.post(`/admin/translations/${DATE}/es/${button}`, {
      _csrf: await client.csrf(tabPath),
      version: /name="version" value="(\d+)"/.exec(page)![1]!,
      item_id: String(ids[0]),
      ...fields,
    });
    const landed =
      response.status === 303 ? await (await client.get(response.headers.get('location')!)).text() : '';
    return { status: response.status, body: response.status === 303 ? landed : await response.text() };
  };

  it('keeps a change from readers until another editor reviews it; its saver cannot', async () => {
    const saved = await press(dana, 'save', {
      title: 'Un viernes de cometas',
      [`headline_${ids[0]}`]: 'Cometas en el campo',
    });
    expect(saved.body).toContain(
      'Spanish saved. Its readers get the district’s own text until another editor checks it and marks it reviewed.',
    );
    // Under label this would reach Spanish readers at once; here they get the district's text.
    const held = await spanishPage();
    expect(held).not.toContain('Un viernes de cometas');
    expect(held).toContain('Kites on the field');
    expect((await spanish()).held).toBe(true);

    // Its saver's tab says why, and has no button to review it.
    const danaSees = await tab(dana);
    expect(danaSees).toContain('Changed after publishing by dana');
    expect(danaSees).toContain(
      'You saved the Spanish text last, so another editor checks it and marks it reviewed',
    );
    expect(danaSees).not.toContain('>Mark reviewed</button>');
    // Pressed anyway (a form from another tab), it is refused with the words kept.
    const self = await press(dana, 'review', { title: 'Un viernes de cometas' });
    expect(self.status).toBe(403);
    expect(self.body).toContain('You saved the Spanish text last, and the district requires a second person');
    expect(await spanishPage()).not.toContain('Un viernes de cometas');

    // The desk shows it waiting, as a finding.
    const desk = await (await lee.get(`/admin/inbox?date=${DATE}`)).text();
    expect(desk).toContain('The Spanish text changed after publishing and waits for a second person');

    // Another editor cannot change it and review it in one go: what they review is what someone else saved.
    const changed = await press(lee, 'review', { title: 'Un viernes con cometas' });
    expect(changed.status).toBe(403);
    expect(changed.body).toContain('this page changes the Spanish text. Press Save');
    expect(changed.body).toContain('value="Un viernes con cometas"');
    expect(await spanishPage()).not.toContain('Un viernes con cometas');

    // Reviewed as saved, it reaches its readers.
    const leeSees = await tab(lee);
    expect(leeSees).toContain('>Mark reviewed</button>');
    const reviewed = await press(lee, 'review', { title: 'Un viernes de cometas' });
    expect(reviewed.body).toContain('Spanish saved and marked reviewed.');
    const out = await spanishPage();
    expect(out).toContain('Un viernes de cometas');
    expect(out).toContain('Cometas en el campo');
    expect((await spanish()).held).toBe(false);
    expect(await (await lee.get(`/admin/inbox?date=${DATE}`)).text()).not.toContain(
      'waits for a second person',
    );
  });

  it('never takes a program token’s review, and holds what a token saves', async () => {
    const put = await api(`/digests/${DATE}/translations/es`, 'PUT', {
      title: 'Un viernes ventoso',
      entries: [],
    });
    expect(put.status).toBe(200);
    expect((await spanish()).held).toBe(true);
    expect(await spanishPage()).not.toContain('Un viernes ventoso');
    const review = await api(`/digests/${DATE}/translations/es`, 'PUT', { reviewed: true, entries: [] });
    expect(review.status).toBe(403);
    expect(((await review.json()) as { error: { code: string } }).error.code).toBe('person-required');
    expect(await spanishPage()).not.toContain('Un viernes ventoso');
    // Nobody in particular saved it, so either editor may review it.
    expect((await press(dana, 'review', { title: 'Un viernes ventoso' })).body).toContain(
      'Spanish saved and marked reviewed.',
    );
    expect(await spanishPage()).toContain('Un viernes ventoso');
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
