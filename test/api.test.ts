// The JSON API over real HTTP: tokens and roles, the contract's shapes, the desk's checks and conflicts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/auth/api-tokens';
import { listApiTokens } from '../src/db/api-tokens';
import { cliActor, listAudit } from '../src/db/audit';
import type { Role } from '../src/db/users';
import { MAX_DIGEST_ENTRIES } from '../src/curate/desk';
import { eq } from 'drizzle-orm';
import { findDigest } from '../src/db/digests';
import { sources, users } from '../src/db/schema';
import { findUserByEmail } from '../src/db/users';
import { changeSetting } from '../src/settings/district-settings';
import { addSchoolWithSource, item, storeItems } from './fixtures';
import { serveBody, startTestServer, type TestServer } from './http-server';
import { addUser, signedInClient, startTestApp, type TestApp } from './test-app';

const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Room 8</title><link>https://room8.example/</link>
<item><guid>a</guid><title>Maya Johnson wins the spelling bee</title><link>https://room8.example/bee</link><pubDate>Fri, 20 Nov 2026 16:00:00 GMT</pubDate><description>Maya spelled “chrysanthemum”.</description></item>
<item><guid>b</guid><title>Kites on the field</title><link>https://room8.example/kites</link><pubDate>Fri, 20 Nov 2026 18:00:00 GMT</pubDate><description>We flew kites.</description></item>
</channel></rss>`;

describe('JSON API /api/v1', () => {
  let app: TestApp;
  let feeds: TestServer;
  const tokens: Partial<Record<Role, string>> = {};

  beforeAll(async () => {
    feeds = await startTestServer();
    feeds.route('/feed', serveBody(feed, 'application/rss+xml'));
    app = await startTestApp();
    for (const role of ['editor', 'contributor'] as const) {
      tokens[role] = (
        await createApiToken(app.runtime.deps.db, { name: `${role} bot`, role }, cliActor, app.clock.now())
      ).token;
    }
  });
  afterAll(async () => {
    await app.close();
    await feeds.close();
  });

  const call = async (method: string, path: string, role: Role | null = 'editor', body?: unknown) => {
    const response = await fetch(`${app.url}/api/v1${path}`, {
      method,
      headers: {
        ...(role ? { authorization: `Bearer ${tokens[role]}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    // The tests read the JSON by walking into it; `expect` checks each shape, so `any` costs nothing here.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  it('refuses requests without a valid token, with the contract’s error shape', async () => {
    const { status, body } = await call('GET', '/sources', null);
    expect(status).toBe(401);
    expect(body).toEqual({
      error: { code: 'unauthorized', message: expect.stringContaining('Authorization: Bearer') },
    });
  });

  it('adds a source, checks feeds and lists the day’s items', async () => {
    const added = await call('POST', '/sources', 'editor', {
      url: `${feeds.url}/feed`,
      school: 'Lincoln Elementary',
      owner_email: 'room8@lincoln.example',
      media_release: true,
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      id: 1,
      school: 'Lincoln Elementary',
      media_release: true,
      health: { status: 'new' },
    });
    const again = await call('POST', '/sources', 'editor', { url: `${feeds.url}/feed`, school: 'Lincoln' });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'already-a-source' } } });
    expect(
      (await call('POST', '/sources', 'contributor', { url: 'https://x.example/feed', school: 'Lincoln' }))
        .status,
    ).toBe(403);

    const ingest = await call('POST', '/ingest');
    expect(ingest.body.outcomes).toEqual([
      { source_id: 1, status: 'updated', message: 'Read 2 posts, 2 new.', items: 2, new_items: 2 },
    ]);
    const items = await call('GET', '/items?date=2026-11-20', 'contributor');
    expect(items.body.items.map((i: { title: string }) => i.title)).toEqual([
      'Kites on the field',
      'Maya Johnson wins the spelling bee',
    ]);
    expect(items.body.items[0]).toMatchObject({
      id: expect.any(Number),
      source_id: 1,
      school: 'Lincoln Elementary',
      title_derived: false,
      url: 'https://room8.example/kites',
      published_at: '2026-11-20T18:00:00.000Z',
    });
    expect(await call('GET', '/items?date=tomorrow')).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid-date', message: '"tomorrow" is not a date; use YYYY-MM-DD.' } },
    });
    // The last day a calendar has, and a day no calendar has: a sentence that says why, not a failure working
    // out the day after it.
    for (const [path, day] of [
      ['/items?date=9999-12-31', '9999-12-31'],
      ['/digests/9999-12-31', '9999-12-31'],
      ['/digests/2026-02-30', '2026-02-30'],
    ])
      expect(await call('GET', path!), path).toMatchObject({
        status: 400,
        body: {
          error: {
            code: 'invalid-date',
            message: `"${day}" is not a day a digest can have: use a real day between the years 1000 and 9998.`,
          },
        },
      });
  });

  it('saves a draft, refuses a stale version with the current one, and reports findings', async () => {
    const items = (await call('GET', '/items?date=2026-11-20')).body.items as { id: number; title: string }[];
    const bee = items.find((i) => i.title.startsWith('Maya'))!.id;
    const kites = items.find((i) => i.title.startsWith('Kites'))!.id;
    const saved = await call('PUT', '/digests/2026-11-20', 'contributor', {
      intro: 'A windy Friday.',
      entries: [{ item_id: kites }, { item_id: bee }],
      version: 0,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      date: '2026-11-20',
      status: 'draft',
      intro: 'A windy Friday.',
      version: 2,
    });
    expect(saved.body.entries.map((e: { item_id: number }) => e.item_id)).toEqual([kites, bee]);
    expect(saved.body.findings).toEqual([
      {
        item_id: bee,
        kind: 'student-name',
        message: expect.stringContaining('“Maya Johnson” (headline)'),
        overridable: true,
        overridden: false,
      },
    ]);

    const stale = await call('PUT', '/digests/2026-11-20', 'editor', {
      intro: 'Mine',
      entries: [{ item_id: kites }],
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toEqual({
      code: 'conflict',
      message:
        'Someone else saved this digest after the version you sent, so nothing was saved. The saved version is in "current": apply your changes to it and send them with its version.',
    });
    expect(stale.body.current).toMatchObject({ version: 2, intro: 'A windy Friday.' });

    const invalid = await call('PUT', '/digests/2026-11-20', 'editor', {
      entries: [{ item_id: kites, image_url: 'https://evil.example/x.png' }],
    });
    expect(invalid).toMatchObject({ status: 422, body: { error: { code: 'invalid-image' } } });
    expect((await call('PUT', '/digests/2026-11-20', 'editor', '{not json')).status).toBe(400);
    // A title and a headline are one line each, however the JSON writes them; an intro keeps its lines.
    const lines = await call('PUT', '/digests/2026-11-20', 'editor', {
      title: 'Windy Friday\r\nBcc: everyone@example.com',
      intro: 'A windy Friday.\nKites everywhere.',
      entries: [{ item_id: kites, headline: '  Kites\n\n over the field ' }, { item_id: bee }],
      version: 2,
    });
    expect(lines.status).toBe(200);
    expect(lines.body).toMatchObject({
      title: 'Windy Friday Bcc: everyone@example.com',
      intro: 'A windy Friday.\nKites everywhere.',
      entries: [expect.objectContaining({ headline: 'Kites over the field' }), expect.anything()],
    });
  });

  it(`refuses a digest of 40,000 posts with a sentence, not a server error, and saves ${MAX_DIGEST_ENTRIES}`, async () => {
    const db = app.runtime.deps.db;
    const { source } = await addSchoolWithSource(db, 'Washington Middle', 'https://washington.example/feed');
    const noon = Date.parse('2026-11-18T18:00:00Z');
    await storeItems(
      db,
      source.id,
      Array.from({ length: MAX_DIGEST_ENTRIES }, (_, i) =>
        item({ guid: `w${i}`, publishedAt: noon + i * 1000 }),
      ),
    );
    const ids = ((await call('GET', '/items?date=2026-11-18')).body.items as { id: number }[]).map(
      (i) => i.id,
    );
    expect(ids).toHaveLength(MAX_DIGEST_ENTRIES);
    // Every post of the day, and ids beyond them (a script gone wrong): 40,000 distinct entries.
    const huge = [...ids, ...Array.from({ length: 40_000 - ids.length }, (_, i) => 1_000_000 + i)];
    const refused = await call('PUT', '/digests/2026-11-18', 'editor', {
      entries: huge.map((id) => ({ item_id: id })),
    });
    expect(refused).toEqual({
      status: 422,
      body: {
        error: {
          code: 'too-many-entries',
          message: `A digest holds at most ${MAX_DIGEST_ENTRIES} posts, and this one has 40000. Choose the best of the day; nothing was saved.`,
        },
      },
    });
    expect((await call('GET', '/digests/2026-11-18')).body).toMatchObject({ status: 'empty', entries: [] });

    const full = await call('PUT', '/digests/2026-11-18', 'editor', {
      entries: ids.map((id) => ({ item_id: id })),
    });
    expect(full.status).toBe(200);
    expect(full.body.entries.map((e: { item_id: number }) => e.item_id)).toEqual(ids);
  });

  it('refuses to publish with open findings (422), lets editors resolve them, then publishes', async () => {
    // Said to whoever holds the token, not to a person at the desk.
    expect(await call('POST', '/digests/2026-11-20/publish', 'contributor')).toEqual({
      status: 403,
      body: {
        error: {
          code: 'forbidden',
          message:
            "This token's role (contributor) cannot publish digests. Use a token with an editor's role.",
        },
      },
    });
    const refused = await call('POST', '/digests/2026-11-20/publish');
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('findings');
    expect(refused.body.findings).toEqual([
      expect.objectContaining({ kind: 'student-name', message: expect.any(String) }),
    ]);

    const bee = refused.body.findings[0].item_id;
    expect(
      (
        await call('POST', '/digests/2026-11-20/findings/resolve', 'contributor', {
          item_id: bee,
          kind: 'student-name',
          reason: 'Family asked for the full name to be shared.',
        })
      ).status,
    ).toBe(403);
    const short = await call('POST', '/digests/2026-11-20/findings/resolve', 'editor', {
      item_id: bee,
      kind: 'student-name',
      reason: 'ok',
    });
    expect(short).toMatchObject({ status: 422, body: { error: { code: 'reason-required' } } });
    const resolved = await call('POST', '/digests/2026-11-20/findings/resolve', 'editor', {
      item_id: bee,
      kind: 'student-name',
      reason: 'The family asked for the full name to be shared.',
    });
    expect(resolved.body.findings).toEqual([
      expect.objectContaining({
        overridden: true,
        reason: 'The family asked for the full name to be shared.',
      }),
    ]);

    const published = await call('POST', '/digests/2026-11-20/publish');
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({
      published: true,
      queued_emails: 0,
      digest: { status: 'published' },
    });
    expect((await call('POST', '/digests/2026-11-20/publish')).status).toBe(409);
    expect((await fetch(`${app.url}/digests/2026-11-20`)).status).toBe(200);
  });

  it('refuses a body that is JSON but not an object with a sentence, on every route that reads one', async () => {
    const routes: [string, string][] = [
      ['POST', '/sources'],
      ['PUT', '/digests/2026-11-20'],
      ['PUT', '/digests/2026-11-20/translations/es'],
      ['POST', '/digests/2026-11-20/publish'],
      ['POST', '/digests/2026-11-20/corrections'],
      ['POST', '/digests/2026-11-20/entries/1/takedown'],
      ['POST', '/digests/2026-11-20/entries/1/picture/takedown'],
      ['POST', '/digests/2026-11-20/unpublish'],
      ['POST', '/digests/2026-11-20/findings/resolve'],
    ];
    for (const [method, path] of routes)
      for (const body of ['null', '[]', '"text"', '7'])
        expect(await call(method, path, 'editor', body), `${method} ${path} ${body}`).toEqual({
          status: 422,
          body: { error: { code: 'invalid', message: 'The body must be a JSON object.' } },
        });
    expect((await call('PUT', '/digests/2026-11-20', 'editor', '{"entries":')).status).toBe(400);
  });

  it('answers JSON for unknown API routes', async () => {
    expect(await call('GET', '/nope')).toEqual({
      status: 404,
      body: {
        error: {
          code: 'not-found',
          message:
            'There is no call GET /api/v1/nope. The calls are listed in docs/api.md, beside the README.',
        },
      },
    });
  });

  it('lets an administrator make a token on the People page, shown once, and revoke it', async () => {
    const dana = await signedInClient(app, 'dana@district.example', 'admin');
    const csrf = await dana.csrf('/admin/users');
    const made = await dana.post('/admin/users/tokens', {
      _csrf: csrf,
      name: 'District website',
      role: 'contributor',
    });
    expect(made.status).toBe(200);
    expect(made.headers.get('cache-control')).toBe('no-store');
    const token = /value="(yd_[\w-]+)"/.exec(await made.text())![1]!;
    const asWebsite = (path: string) =>
      fetch(`${app.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await asWebsite('/items?date=2026-11-20')).status).toBe(200);
    expect((await asWebsite('/sources')).status).toBe(403); // a contributor token cannot manage sources

    const people = await (await dana.get('/admin/users')).text();
    expect(people).toContain('District website');
    expect(people).not.toContain(token);
    const { id } = (await listApiTokens(app.runtime.deps.db)).find((t) => t.name === 'District website')!;
    expect(people).toContain(`action="/admin/users/tokens/${id}/revoke"`);
    await dana.post(`/admin/users/tokens/${id}/revoke`, { _csrf: csrf });
    expect((await asWebsite('/items?date=2026-11-20')).status).toBe(401);
    expect(await (await dana.get('/admin/users')).text()).toContain('Revoked');
    const again = await dana.post(`/admin/users/tokens/${id}/revoke`, { _csrf: csrf });
    expect(again.status).toBe(303);
    expect(await (await dana.get('/admin/users')).text()).toContain('does not exist or was already revoked');

    // Given to a person, a token is theirs: the page says whose, and an unknown person is refused.
    const lee = await addUser(app, 'lee.token@district.example', 'editor');
    const ofLee = await dana.post('/admin/users/tokens', {
      _csrf: csrf,
      name: 'Lee’s laptop script',
      role: 'editor',
      person: String(lee.id),
    });
    expect(ofLee.status).toBe(200);
    expect(
      (await listApiTokens(app.runtime.deps.db)).find((t) => t.name === 'Lee’s laptop script')!.userId,
    ).toBe(lee.id);
    const listed = await (await dana.get('/admin/users')).text();
    expect(listed).toContain('of lee.token');
    expect(listed).toMatch(/<select id="token-person" name="person"/);
    const nobody = await dana.post('/admin/users/tokens', {
      _csrf: csrf,
      name: 'Ghost',
      role: 'editor',
      person: '999999',
    });
    expect(await (await dana.get(nobody.headers.get('location')!)).text()).toContain(
      'That person has no account, or it is disabled.',
    );
    expect((await listApiTokens(app.runtime.deps.db)).some((t) => t.name === 'Ghost')).toBe(false);

    const audit = await listAudit(app.runtime.deps.db, { who: 'dana@', limit: 10 });
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(['api_token.create', 'api_token.revoke']),
    );

    const editor = await signedInClient(app, 'lee@district.example', 'editor');
    const refused = await editor.post('/admin/users/tokens', {
      _csrf: await editor.csrf('/admin/inbox'),
      name: 'Sneaky',
      role: 'admin',
    });
    expect(refused.status).toBe(403);
  });
  it('saves through a person’s token as that person: someone else approves it, and it stops with their account', async () => {
    const db = app.runtime.deps.db;
    await changeSetting(db, 'require_approval', 'true', app.clock.now());
    try {
      const { source } = await addSchoolWithSource(db, 'Grant Middle', 'https://grant.example/feed');
      await storeItems(db, source.id, [
        item({ guid: 'choir', publishedAt: Date.parse('2026-11-15T18:00:00Z') }),
      ]);
      const [post] = (await call('GET', '/items?date=2026-11-15')).body.items as { id: number }[];
      const kim = await signedInClient(app, 'kim.editor@district.example', 'editor');
      const kimUser = (await findUserByEmail(db, 'kim.editor@district.example'))!;
      const { token } = await createApiToken(
        db,
        { name: 'Kim’s script', role: 'admin', userId: kimUser.id },
        cliActor,
        app.clock.now(),
      );
      const asKim = async (method: string, path: string, body?: unknown) => {
        const response = await fetch(`${app.url}/api/v1${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      };
      const saved = await asKim('PUT', '/digests/2026-11-15', { entries: [{ item_id: post!.id }] });
      expect(saved.status).toBe(200);
      expect((await findDigest(db, '2026-11-15'))!.updatedBy).toBe(kimUser.id);
      // A person's token does no more than its person may: made as an editor's for a contributor, it cannot
      // add a source.
      await addUser(app, 'cam.contributor@district.example', 'contributor');
      const cam = (await findUserByEmail(db, 'cam.contributor@district.example'))!;
      const camToken = (
        await createApiToken(db, { name: 'Cam’s', role: 'editor', userId: cam.id }, cliActor, app.clock.now())
      ).token;
      const added = await fetch(`${app.url}/api/v1/sources`, {
        method: 'POST',
        headers: { authorization: `Bearer ${camToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: 'https://cam.example/feed', school: 'Grant Middle' }),
      });
      expect(added.status).toBe(403);

      // Kim cannot approve what Kim saved through the token; someone else can.
      const csrf = await kim.csrf('/admin/inbox?date=2026-11-15');
      const own = await kim.post('/admin/inbox/2026-11-15/approve', {
        _csrf: csrf,
        version: String(saved.body.version),
        entry: String(post!.id),
      });
      expect(await (await kim.get(own.headers.get('location')!)).text()).toContain(
        'You made the last changes to this digest, so someone else must approve it.',
      );
      expect((await findDigest(db, '2026-11-15'))!.approvedBy).toBeNull();
      const rosa = await signedInClient(app, 'rosa.second@district.example', 'editor');
      await rosa.post('/admin/inbox/2026-11-15/approve', {
        _csrf: await rosa.csrf('/admin/inbox?date=2026-11-15'),
        version: String(saved.body.version),
        entry: String(post!.id),
      });
      expect((await findDigest(db, '2026-11-15'))!.approvedBy).not.toBeNull();

      // Kim's account disabled: the token no longer works.
      await db.orm.update(users).set({ disabled: true }).where(eq(users.id, kimUser.id));
      expect((await asKim('GET', '/digests/2026-11-15')).status).toBe(401);
    } finally {
      await changeSetting(db, 'require_approval', 'false', app.clock.now());
    }
  });

  it('takes no reason for a post from an account that is not authorized: only renewing it or removing the post', async () => {
    const db = app.runtime.deps.db;
    const { source } = await addSchoolWithSource(db, 'Monroe Elementary', 'https://monroe.example/feed');
    await storeItems(db, source.id, [
      item({ guid: 'fair', publishedAt: Date.parse('2026-11-16T18:00:00Z') }),
    ]);
    const [post] = (await call('GET', '/items?date=2026-11-16')).body.items as { id: number }[];
    expect(
      (await call('PUT', '/digests/2026-11-16', 'editor', { entries: [{ item_id: post!.id }] })).status,
    ).toBe(200);
    await db.orm.update(sources).set({ authorization: 'suspended' }).where(eq(sources.id, source.id));
    const refused = await call('POST', '/digests/2026-11-16/publish');
    expect(refused.body.findings).toEqual([
      expect.objectContaining({ kind: 'unauthorized-source', overridable: false }),
    ]);
    const reason = await call('POST', '/digests/2026-11-16/findings/resolve', 'editor', {
      item_id: post!.id,
      kind: 'unauthorized-source',
      reason: 'The principal said yes on the phone.',
    });
    expect(reason).toEqual({
      status: 422,
      body: {
        error: {
          code: 'not-overridable',
          message:
            'A post from an account that is not authorized cannot be published. Renew the account’s authorization under Sources if the principal has renewed it, or remove the post.',
        },
      },
    });
    expect((await call('POST', '/digests/2026-11-16/publish')).status).toBe(422);

    // Once published, an authorization that lapses later holds back no correction: the post is out already,
    // and leaves only by being taken down.
    await db.orm.update(sources).set({ authorization: 'authorized' }).where(eq(sources.id, source.id));
    expect((await call('POST', '/digests/2026-11-16/publish')).status).toBe(200);
    await db.orm.update(sources).set({ authorization: 'suspended' }).where(eq(sources.id, source.id));
    const corrected = await call('POST', '/digests/2026-11-16/corrections', 'editor', {
      note: 'The fair was on Monday, not Sunday.',
      entries: [{ item_id: post!.id, blurb: 'The science fair opened on Monday.' }],
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.digest.findings).toEqual([]);
  });

  it('keeps a person’s approval through a save that changes nothing, and publishes the approved version', async () => {
    const db = app.runtime.deps.db;
    await changeSetting(db, 'require_approval', 'true', app.clock.now());
    try {
      const { source } = await addSchoolWithSource(db, 'Adams High', 'https://adams.example/feed');
      await storeItems(db, source.id, [
        item({ guid: 'play', publishedAt: Date.parse('2026-11-17T18:00:00Z') }),
      ]);
      const [post] = (await call('GET', '/items?date=2026-11-17')).body.items as { id: number }[];
      const draft = { intro: 'The school play opened.', entries: [{ item_id: post!.id }] };
      const saved = await call('PUT', '/digests/2026-11-17', 'editor', draft);
      expect(saved.body).toMatchObject({ version: 2, approved: false });

      // A person approves that version at the desk (a token cannot approve).
      const lee = await signedInClient(app, 'lee.approver@district.example', 'editor');
      const approved = await lee.post('/admin/inbox/2026-11-17/approve', {
        _csrf: await lee.csrf('/admin/inbox?date=2026-11-17'),
        version: '2',
        entry: String(post!.id),
      });
      expect(approved.status).toBe(303);

      // The program saves the same draft again before publishing, as a careful client does.
      const again = await call('PUT', '/digests/2026-11-17', 'editor', { ...draft, version: 2 });
      expect(again.body).toMatchObject({ version: 2, approved: true });
      const published = await call('POST', '/digests/2026-11-17/publish', 'editor', { version: 2 });
      expect(published).toMatchObject({ status: 200, body: { published: true } });
    } finally {
      await changeSetting(db, 'require_approval', 'false', app.clock.now());
    }
  });
});
