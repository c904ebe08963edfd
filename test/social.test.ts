// The district's own social accounts against stand-ins for Mastodon, a Bluesky PDS and the Graph API on
// 127.0.0.1: connecting through the command line (credentials checked at once, sealed at rest, never
// exported), exactly one post per account per digest with two schedulers at work, the reply on a correction,
// the deletes on a takedown, and a revoked token that stops its account with a sentence and an email.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createApiToken } from '../src/auth/api-tokens';
import {
  deskDepsOf,
  loadDesk,
  publishDesk,
  takeDownEntry,
  takeDownEntryPicture,
  unpublishDesk,
  type DeskActor,
} from '../src/curate/desk';
import { correctDesk } from '../src/curate/correct-digest';
import { cliActor, listAudit } from '../src/db/audit';
import { findDigest } from '../src/db/digests';
import { listDigestSocialPosts } from '../src/db/social-posts';
import { listSocialAccounts } from '../src/db/social-accounts';
import { runSocialJob } from '../src/social/post-social';
import { addDays, localDateOf } from '../src/time/zoned-time';
import { serveBody, startTestServer, type TestServer } from './http-server';
import { testClock } from './clock';
import {
  BLUESKY_HANDLE,
  BLUESKY_PASSWORD,
  FACEBOOK_PAGE_ID,
  FACEBOOK_TOKEN,
  MASTODON_TOKEN,
  startSocialStandIns,
  type SocialStandIns,
} from './social-stand-ins';
import { addUser, signedInClient, startTestApp, type TestApp } from './test-app';
import { cli, connectAll, only, publishDay, SOCIAL_KEY } from './social-helpers';
import { saveSocialSettings } from '../src/social/social-settings';

describe('the district’s social accounts', () => {
  let stand: SocialStandIns;
  let images: TestServer;
  let app: TestApp;
  let editor: DeskActor;
  let date: string;
  let link: string;

  beforeAll(async () => {
    stand = await startSocialStandIns();
    images = await startTestServer();
    const jpeg = await sharp({ create: { width: 960, height: 640, channels: 3, background: '#2e86c1' } })
      .jpeg()
      .toBuffer();
    images.route('/rover.jpg', serveBody(jpeg, 'image/jpeg'));
    const kite = await sharp({ create: { width: 960, height: 640, channels: 3, background: '#c0392b' } })
      .jpeg()
      .toBuffer();
    images.route('/kite.jpg', serveBody(kite, 'image/jpeg'));
    app = await startTestApp({ clock: testClock(Date.now()), env: { SOCIAL_SECRET_KEY: SOCIAL_KEY } });
    const user = await addUser(app, 'dana@district.example', 'admin');
    editor = { type: 'user', id: user.id, userId: user.id, label: 'dana', role: 'admin' };
    date = addDays(localDateOf(app.clock.now(), 'America/Chicago'), -1);
    link = `${app.url}/digests/${date}`;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await stand?.close();
    await images?.close();
  });

  it('refuses to connect without SOCIAL_SECRET_KEY, or with a token the network does not accept, in a sentence', async () => {
    const noKey = await cli(
      app,
      ['social:connect', 'mastodon', '--instance', stand.mastodonUrl],
      `${MASTODON_TOKEN}\n`,
      {
        SOCIAL_SECRET_KEY: '',
      },
    ).exited;
    expect(noKey.code).toBe(1);
    expect(noKey.output).toContain('SOCIAL_SECRET_KEY is not set');
    const wrong = await cli(
      app,
      ['social:connect', 'mastodon', '--instance', stand.mastodonUrl],
      'not-the-token\n',
    ).exited;
    expect(wrong.code).toBe(1);
    expect(wrong.output).toMatch(
      /^yesterday: Mastodon no longer accepts this account’s token .*The access token is invalid/,
    );
    expect(wrong.output).not.toContain('    at ');
    const noHandle = await cli(
      app,
      ['social:connect', 'bluesky', '--service', stand.pdsUrl],
      `${BLUESKY_PASSWORD}\n`,
    ).exited;
    expect(noHandle.output).toContain('Write the Bluesky handle');
    // Without FETCH_ALLOW_PRIVATE_NETWORKS the stand-in's loopback address is refused before anything is sent.
    const before = stand.requests.length;
    const privateRefused = await cli(
      app,
      ['social:connect', 'mastodon', '--instance', stand.mastodonUrl],
      `${MASTODON_TOKEN}\n`,
      {
        FETCH_ALLOW_PRIVATE_NETWORKS: 'false',
      },
    ).exited;
    expect(privateRefused.code).toBe(1);
    expect(privateRefused.output).toContain('is a private or local address');
    expect(stand.requests.length).toBe(before);
    // An instance that does not answer: why, in words, and that nothing was kept to try again.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const nobody = await cli(
      app,
      ['social:connect', 'mastodon', '--instance', `http://127.0.0.1:${port}`],
      `${MASTODON_TOKEN}\n`,
    ).exited;
    expect(nobody.code).toBe(1);
    expect(nobody.output.trim()).toBe(
      'yesterday: Mastodon could not be reached (the connection was refused). Nothing was saved: check the address, or connect the account again later.',
    );
    expect(await listSocialAccounts(app.runtime.deps.db)).toEqual([]);
  }, 60_000);

  it('connects each network after checking its credential, and keeps the secret sealed', async () => {
    stand.requests.length = 0;
    await connectAll(app, stand);
    expect(stand.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/v1/accounts/verify_credentials',
      'POST /xrpc/com.atproto.server.createSession',
      `GET /graph/${FACEBOOK_PAGE_ID}?fields=name`,
    ]);
    expect(stand.requests[0]!.authorization).toBe(`Bearer ${MASTODON_TOKEN}`);
    expect(stand.requests[1]!.body).toEqual({ identifier: BLUESKY_HANDLE, password: BLUESKY_PASSWORD });
    expect(stand.requests[2]!.authorization).toBe(`Bearer ${FACEBOOK_TOKEN}`);

    const listed = await cli(app, ['social:list', '--json']).exited;
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.output)).toEqual({
      accounts: [
        {
          id: 1,
          network: 'mastodon',
          name: `@district@${new URL(stand.mastodonUrl).host}`,
          status: 'active',
        },
        { id: 2, network: 'bluesky', name: `@${BLUESKY_HANDLE}`, status: 'active' },
        { id: 3, network: 'facebook', name: 'District Schools', status: 'active' },
      ],
    });

    // At rest: AES-GCM ciphertext, never the token; nor in the audit log, nor in a move to D1.
    const secrets = app.runtime.sqlite.sqlite
      .prepare('select secret from social_accounts')
      .pluck()
      .all() as string[];
    for (const [sealed, token] of secrets.map((s, i) => [
      s,
      [MASTODON_TOKEN, BLUESKY_PASSWORD, FACEBOOK_TOKEN][i]!,
    ])) {
      expect(sealed).toMatch(/^v1\.[A-Za-z0-9+/=]{16}\.[A-Za-z0-9+/=]+$/);
      expect(sealed).not.toContain(token);
    }
    const audit = await listAudit(app.runtime.deps.db, { action: 'social.connect', limit: 50 });
    expect(audit).toHaveLength(3);
    const exported = join(app.dir, 'export.sql');
    expect((await cli(app, ['d1:export-sql', exported]).exited).code).toBe(0);
    const sql = readFileSync(exported, 'utf8');
    expect(sql).toContain('INSERT INTO "social_accounts"');
    for (const secret of [MASTODON_TOKEN, BLUESKY_PASSWORD, FACEBOOK_TOKEN, ...secrets]) {
      expect(sql).not.toContain(secret);
      expect(JSON.stringify(audit)).not.toContain(secret);
    }
  }, 60_000);

  it('posts exactly once per account per digest, with two schedulers at work', async () => {
    const digest = await publishDay(app, editor, date, `${images.url}/rover.jpg`);
    stand.requests.length = 0;
    const deps = app.runtime.deps;
    await Promise.all([runSocialJob(deps), runSocialJob(deps)]);
    await runSocialJob(deps);

    const statuses = only(stand.requests, 'POST', '/api/v1/statuses');
    expect(statuses).toHaveLength(1);
    expect(statuses[0]!.idempotencyKey).toBe(`yesterday-${digest.id}-1-digest`);
    const status = statuses[0]!.body as { status: string; language: string; visibility: string };
    expect(status.language).toBe('en');
    expect(status.visibility).toBe('public');
    expect(status.status.endsWith(link)).toBe(true);
    expect(status.status).toMatch(
      /^What happened yesterday: \w+day, \w+ \d+, \d{4}\n\n(Robotics club builds a rover and Bean plants sprout|Bean plants sprout and Robotics club builds a rover): 2 posts from 2 schools\n\nhttp:\/\/127\.0\.0\.1:\d+\/digests\/\d{4}-\d\d-\d\d$/,
    );
    expect(only(stand.requests, 'POST', '/api/v2/media')).toHaveLength(0); // the link card shows the picture

    const blobs = only(stand.requests, 'POST', '/xrpc/com.atproto.repo.uploadBlob');
    expect(blobs).toHaveLength(1);
    expect(blobs[0]!.contentType).toBe('image/jpeg');
    const created = only(stand.requests, 'POST', '/xrpc/com.atproto.repo.createRecord');
    expect(created).toHaveLength(1);
    const { rkey, record, collection } = created[0]!.body as {
      rkey: string;
      collection: string;
      record: {
        text: string;
        langs: string[];
        facets: { index: { byteStart: number; byteEnd: number }; features: { uri: string }[] }[];
        embed: { $type: string; external: { uri: string; title: string; thumb?: unknown } };
      };
    };
    expect(collection).toBe('app.bsky.feed.post');
    expect(rkey).toMatch(/^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/);
    expect(record.langs).toEqual(['en']);
    expect(record.embed.$type).toBe('app.bsky.embed.external');
    expect(record.embed.external.uri).toBe(link);
    expect(record.embed.external.thumb).toMatchObject({ $type: 'blob', mimeType: 'image/jpeg' });
    const bytes = Buffer.from(record.text);
    const [facet] = record.facets;
    expect(bytes.subarray(facet!.index.byteStart, facet!.index.byteEnd).toString()).toBe(link);
    expect(facet!.features[0]!.uri).toBe(link);

    const feed = only(stand.requests, 'POST', `/graph/${FACEBOOK_PAGE_ID}/feed`);
    expect(feed).toHaveLength(1);
    expect(feed[0]!.body).toMatchObject({ link });

    const { token } = await createApiToken(
      deps.db,
      { name: 'bot', role: 'editor' },
      cliActor,
      app.clock.now(),
    );
    const api = (await (
      await fetch(`${app.url}/api/v1/digests/${date}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { social: { network: string; account: string; state: string; url: string }[] };
    expect(api.social).toEqual([
      {
        network: 'mastodon',
        account: `@district@${new URL(stand.mastodonUrl).host}`,
        kind: 'digest',
        state: 'posted',
        url: expect.stringMatching(/\/@district\/\d+$/),
      },
      {
        network: 'bluesky',
        account: `@${BLUESKY_HANDLE}`,
        kind: 'digest',
        state: 'posted',
        url: `https://bsky.app/profile/${BLUESKY_HANDLE}/post/${rkey}`,
      },
      {
        network: 'facebook',
        account: 'District Schools',
        kind: 'digest',
        state: 'posted',
        url: expect.stringMatching(new RegExp(`^https://www.facebook.com/${FACEBOOK_PAGE_ID}_\\d+$`)),
      },
    ]);
    expect(await listAudit(deps.db, { action: 'social.post', limit: 50 })).toHaveLength(3);
  }, 60_000);

  it('answers a correction with a reply to the day’s post on every network', async () => {
    const deps = app.runtime.deps;
    const desk = deskDepsOf(deps);
    const digest = (await findDigest(deps.db, date))!;
    const [first] = await listDigestSocialPosts(deps.db, digest.id);
    const dayStatus = [...stand.statuses.keys()][0]!;
    const dayRecord = [...stand.records.values()][0]!;
    const dayPagePost = [...stand.pagePosts.keys()][0]!;
    expect(first!.state).toBe('posted');
    app.clock.advance(60_000);
    const state = await import('../src/curate/desk').then((m) => m.loadDesk(desk, date));
    await correctDesk(desk, editor, date, {
      entries: state.entries.map((e) => ({
        itemId: e.itemId,
        ...(e.headline.startsWith('Bean') ? { headline: 'Bean plants sprout in room 12' } : {}),
      })),
      note: 'The bean plants are in room 12, not room 21.',
      email: false,
    });
    stand.requests.length = 0;
    await Promise.all([runSocialJob(deps), runSocialJob(deps)]);

    const replies = only(stand.requests, 'POST', '/api/v1/statuses');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toMatchObject({
      in_reply_to_id: dayStatus,
      status: `Correction: The bean plants are in room 12, not room 21.\n\n${link}`,
    });
    const created = only(stand.requests, 'POST', '/xrpc/com.atproto.repo.createRecord');
    expect(created).toHaveLength(1);
    expect((created[0]!.body as { record: { reply: unknown } }).record.reply).toEqual({
      root: { uri: dayRecord.uri, cid: dayRecord.cid },
      parent: { uri: dayRecord.uri, cid: dayRecord.cid },
    });
    const comments = only(stand.requests, 'POST', `/graph/${dayPagePost}/comments`);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toEqual({
      message: `Correction: The bean plants are in room 12, not room 21.\n\n${link}`,
    });
  }, 60_000);

  it('deletes the day’s posts and replies when the digest is taken down', async () => {
    const deps = app.runtime.deps;
    const statusIds = [...stand.statuses.keys()];
    const rkeys = [...stand.records.keys()];
    const pageIds = [...stand.pagePosts.keys()];
    expect(statusIds).toHaveLength(2);
    await unpublishDesk(deskDepsOf(deps), editor, date, 'A family asked us to take this day down.');
    stand.requests.length = 0;
    await Promise.all([runSocialJob(deps), runSocialJob(deps)]);
    await runSocialJob(deps);
    expect(
      only(stand.requests, 'DELETE', /^\/api\/v1\/statuses\//)
        .map((r) => r.path)
        .sort(),
    ).toEqual(statusIds.map((id) => `/api/v1/statuses/${id}`).sort());
    expect(
      only(stand.requests, 'POST', '/xrpc/com.atproto.repo.deleteRecord')
        .map((r) => (r.body as { rkey: string }).rkey)
        .sort(),
    ).toEqual(rkeys.sort());
    expect(
      only(stand.requests, 'DELETE', /^\/graph\//)
        .map((r) => r.path)
        .sort(),
    ).toEqual(pageIds.map((id) => `/graph/${id}`).sort());
    expect(stand.statuses.size + stand.records.size + stand.pagePosts.size).toBe(0);
    const digest = (await findDigest(deps.db, date))!;
    expect((await listDigestSocialPosts(deps.db, digest.id)).map((p) => p.state)).toEqual(
      Array(6).fill('deleted'),
    );
  }, 60_000);

  it('deletes and posts again the day’s posts when a takedown changes what they show, and only then', async () => {
    const deps = app.runtime.deps;
    const desk = deskDepsOf(deps);
    const day = addDays(date, -4);
    await publishDay(app, editor, day, `${images.url}/kite.jpg`, 'Robots and beans today.');
    await runSocialJob(deps);
    const digest = (await findDigest(deps.db, day))!;
    const posts = async () =>
      (await listDigestSocialPosts(deps.db, digest.id)).map((p) => `${p.network} ${p.key} ${p.state}`);
    expect(await posts()).toEqual([
      'mastodon digest posted',
      'bluesky digest posted',
      'facebook digest posted',
    ]);
    const entries = (await loadDesk(desk, day)).entries;
    const beans = entries.find((e) => e.headline.startsWith('Bean'))!;
    const rover = entries.find((e) => e.headline.startsWith('Robotics'))!;

    // With an intro, the posts name no headline, and the beans had no picture: nothing they show changes.
    app.clock.advance(60_000);
    const kept = await takeDownEntry(
      desk,
      editor,
      day,
      beans.itemId,
      'The beans post belongs to another day.',
    );
    expect(kept.socialReplaced).toEqual({ again: 0, deleted: 0, byHand: 0 });
    stand.requests.length = 0;
    await runSocialJob(deps);
    expect(stand.requests).toEqual([]);

    // The rover's picture is every link preview's, and Bluesky holds a copy of its own: the posts come down
    // and go up again from the page as it is now, without it.
    app.clock.advance(60_000);
    const taken = await takeDownEntryPicture(
      desk,
      editor,
      day,
      rover.itemId,
      'No media release for a student in it.',
    );
    expect(taken.socialReplaced).toEqual({ again: 3, deleted: 0, byHand: 0 });
    stand.requests.length = 0;
    await Promise.all([runSocialJob(deps), runSocialJob(deps)]);
    expect(only(stand.requests, 'DELETE', /^\/api\/v1\/statuses\//)).toHaveLength(1);
    expect(only(stand.requests, 'POST', '/xrpc/com.atproto.repo.deleteRecord')).toHaveLength(1);
    expect(only(stand.requests, 'DELETE', /^\/graph\//)).toHaveLength(1);
    const reposted = only(stand.requests, 'POST', '/api/v1/statuses');
    expect(reposted).toHaveLength(1);
    // Under an address of its own, so that Mastodon makes its link preview again rather than show the old one.
    expect((reposted[0]!.body as { status: string }).status).toContain(
      `${app.url}/digests/${day}?v=${app.clock.now()}`,
    );
    expect(only(stand.requests, 'POST', '/xrpc/com.atproto.repo.uploadBlob')).toHaveLength(0);
    const created = only(stand.requests, 'POST', '/xrpc/com.atproto.repo.createRecord');
    expect(created).toHaveLength(1);
    expect(JSON.stringify(created[0]!.body)).not.toContain('"thumb"');
    expect(only(stand.requests, 'POST', `/graph/${FACEBOOK_PAGE_ID}/feed`)).toHaveLength(1);
    const again = `digest:again:${app.clock.now()}`;
    expect(await posts()).toEqual([
      'mastodon digest deleted',
      'bluesky digest deleted',
      'facebook digest deleted',
      `mastodon ${again} posted`,
      `bluesky ${again} posted`,
      `facebook ${again} posted`,
    ]);
    // A correction after it answers the post that is up.
    const upNow = [...stand.statuses.keys()].at(-1)!;
    app.clock.advance(60_000);
    await correctDesk(desk, editor, day, {
      entries: (await loadDesk(desk, day)).entries.map((e) => ({ itemId: e.itemId })),
      note: 'The rover was built by the robotics club, not the science club.',
      email: false,
    });
    stand.requests.length = 0;
    await runSocialJob(deps);
    expect(only(stand.requests, 'POST', '/api/v1/statuses')[0]!.body).toMatchObject({
      in_reply_to_id: upNow,
    });
  }, 60_000);

  it('stops an account whose token was revoked, says why, and tells the editors once', async () => {
    const deps = app.runtime.deps;
    stand.valid.delete(MASTODON_TOKEN);
    const other = addDays(date, -1);
    await publishDay(app, editor, other);
    stand.requests.length = 0;
    await Promise.all([runSocialJob(deps), runSocialJob(deps)]);
    await runSocialJob(deps);
    expect(only(stand.requests, 'POST', '/api/v1/statuses')).toHaveLength(1); // tried once, answered 401
    expect(only(stand.requests, 'POST', '/xrpc/com.atproto.repo.createRecord')).toHaveLength(1);
    expect(only(stand.requests, 'POST', `/graph/${FACEBOOK_PAGE_ID}/feed`)).toHaveLength(1);
    const [mastodon] = await listSocialAccounts(deps.db);
    expect(mastodon).toMatchObject({ status: 'stopped' });
    expect(mastodon!.statusReason).toBe(
      'Mastodon no longer accepts this account’s token or password (Mastodon said: The access token is invalid). Connect the account again with a new one.',
    );
    const digest = (await findDigest(deps.db, other))!;
    expect((await listDigestSocialPosts(deps.db, digest.id)).map((p) => `${p.network} ${p.state}`)).toEqual([
      'mastodon queued',
      'bluesky posted',
      'facebook posted',
    ]);
    const notices = readdirSync(app.config.outboxDir)
      .filter((f) => f.endsWith('.json'))
      .map(
        (f) =>
          JSON.parse(readFileSync(join(app.config.outboxDir, f), 'utf8')) as {
            subject: string;
            text: string;
          },
      );
    const stopped = notices.filter((n) => n.subject.includes('stopped posting'));
    expect(stopped).toHaveLength(1);
    expect(stopped[0]!.text).toContain('Connect the account again');
    const listed = await cli(app, ['social:list']).exited;
    expect(listed.output).toContain('stopped: Mastodon no longer accepts');

    // Under Settings → Social accounts, the same sentence; an editor may not open the page.
    const admin = await signedInClient(app, 'ada@district.example', 'admin');
    const page = await (await admin.get('/admin/settings/social')).text();
    expect(page).toContain('Mastodon no longer accepts this account’s token or password');
    expect(page).toContain('<label for="mastodon-secret">Access token</label>');
    for (const secret of [MASTODON_TOKEN, BLUESKY_PASSWORD, FACEBOOK_TOKEN])
      expect(page).not.toContain(secret);
    // The desk shows each post's state, its link, and why one waits.
    const deskPage = await (await admin.get(`/admin/inbox?date=${other}`)).text();
    expect(deskPage).toContain('On social media');
    expect(deskPage).toMatch(
      /Mastodon @district@[^:]+:\d+: waiting to post<span class="hint"> Mastodon no longer accepts/,
    );
    expect(deskPage).toContain(
      `Bluesky @${BLUESKY_HANDLE}: posted <a href="https://bsky.app/profile/${BLUESKY_HANDLE}/post/`,
    );
    // Connecting again with a working token puts the account back to work, and its waiting post goes out.
    stand.valid.add(MASTODON_TOKEN);
    const connected = await admin.post('/admin/settings/social/connect', {
      _csrf: await admin.csrf('/admin/settings/social'),
      network: 'mastodon',
      server: stand.mastodonUrl,
      secret: MASTODON_TOKEN,
    });
    expect(connected.status).toBe(303);
    expect(await (await admin.get('/admin/settings/social')).text()).toContain('Connected Mastodon account');
    expect((await listSocialAccounts(deps.db)).map((a) => a.status)).toEqual(['active', 'active', 'active']);
    await runSocialJob(deps);
    expect((await listDigestSocialPosts(deps.db, digest.id)).map((p) => p.state)).toEqual([
      'posted',
      'posted',
      'posted',
    ]);
    const editorClient = await signedInClient(app, 'ed@district.example', 'editor');
    expect((await editorClient.get('/admin/settings/social')).status).toBe(403);
  }, 60_000);

  it('shows each post in the Preview with its length, and checks it like the rest of the digest', async () => {
    const deps = app.runtime.deps;
    const desk = deskDepsOf(deps);
    const day = addDays(date, -2);
    // A draft: publishDay publishes, so save only.
    await publishDay(app, editor, day, undefined, '', { publish: false });
    const admin = await signedInClient(app, 'preview@district.example', 'admin');
    const preview = await (await admin.get(`/admin/inbox/preview?date=${day}`)).text();
    expect(preview).toContain('The social posts');
    expect(preview).toMatch(/\d+ of 500 characters/);
    expect(preview).toMatch(/\d+ of 300 characters/);
    expect(preview).toContain(`${app.url}/digests/${day}`);
    expect((await loadDesk(desk, day)).open).toEqual([]);

    await saveSocialSettings(
      deps.db,
      { template: 'Thanks to Maya Johnson! {title}\n\n{link}', language: 'en' },
      cliActor,
      app.clock.now(),
    );
    const open = (await loadDesk(desk, day)).open;
    expect(open).toEqual([
      expect.objectContaining({
        itemId: 0,
        kind: 'student-name',
        message: expect.stringContaining('“Maya Johnson” (social post)'),
      }),
    ]);
    await expect(publishDesk(desk, editor, day)).rejects.toThrow(/check finding/);
    await saveSocialSettings(
      deps.db,
      { template: '{title}\n\n{summary}\n\n{link}', language: 'en' },
      cliActor,
      app.clock.now(),
    );
    // Each save is in the audit log with what it changed, in the same batch; one that changes nothing is not.
    const logged = async () => listAudit(deps.db, { action: 'settings.change', limit: 50 });
    const [latest] = await logged();
    expect(JSON.parse(latest!.details)).toEqual({ social_template: '{title}\n\n{summary}\n\n{link}' });
    const count = (await logged()).length;
    await saveSocialSettings(
      deps.db,
      { template: '{title}\n\n{summary}\n\n{link}', language: 'en' },
      cliActor,
      app.clock.now(),
    );
    expect((await logged()).length).toBe(count);
    expect((await loadDesk(desk, day)).open).toEqual([]);
  });

  it('disconnects an account: its token is forgotten, and it posts no more', async () => {
    const deps = app.runtime.deps;
    const unknown = await cli(app, ['social:disconnect', '99']).exited;
    expect(unknown.code).toBe(1);
    expect(unknown.output).toBe(
      'yesterday: There is no connected social account with id 99. See social:list.\n',
    );
    const usage = await cli(app, ['social:disconnect']).exited;
    expect(usage.code).toBe(2);
    const done = await cli(app, ['social:disconnect', '3']).exited;
    expect(done.code, done.output).toBe(0);
    expect(done.output).toContain('Disconnected District Schools');
    expect(
      app.runtime.sqlite.sqlite.prepare('select secret, status from social_accounts where id = 3').get(),
    ).toEqual({
      secret: null,
      status: 'disconnected',
    });
    const listed = JSON.parse((await cli(app, ['social:list', '--json']).exited).output) as {
      accounts: { id: number }[];
    };
    expect(listed.accounts.map((a) => a.id)).toEqual([1, 2]);
    expect(await listAudit(deps.db, { action: 'social.disconnect', limit: 10 })).toHaveLength(1);
    // A digest published now goes to the two accounts left.
    app.clock.set(Date.now() + 2000);
    const day = addDays(date, -3);
    const digest = await publishDay(app, editor, day);
    await runSocialJob(deps);
    expect((await listDigestSocialPosts(deps.db, digest.id)).map((p) => p.network)).toEqual([
      'mastodon',
      'bluesky',
    ]);
    // A digest the disconnected Page posted, taken down: its post cannot be deleted without the token, and the
    // desk says so instead of trying for ever.
    const earlier = (await findDigest(deps.db, addDays(date, -1)))!;
    await unpublishDesk(deskDepsOf(deps), editor, earlier.date, 'Taken down at a family’s request.');
    await runSocialJob(deps);
    const states = await listDigestSocialPosts(deps.db, earlier.id);
    expect(states.map((p) => `${p.network} ${p.state}`)).toEqual([
      'mastodon deleted',
      'bluesky deleted',
      'facebook failed',
    ]);
    expect(states[2]!.lastError).toContain('Delete it by hand');
  }, 60_000);
});
