// A posting process killed (SIGKILL) after it claimed its posts and sent them, before it heard back: the
// next run posts again with the same Mastodon Idempotency-Key and the same Bluesky record key, so each network
// holds exactly one post, and each record says posted with its address.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listDigestSocialPosts } from '../src/db/social-posts';
import { runSocialJob, SOCIAL_LEASE_MS } from '../src/social/post-social';
import { addDays, localDateOf } from '../src/time/zoned-time';
import { testClock } from './clock';
import { cli, connectAll, publishDay, SOCIAL_KEY } from './social-helpers';
import { startSocialStandIns, type SocialStandIns } from './social-stand-ins';
import { addUser, startTestApp, type TestApp, deskActorFor } from './test-app';

let stand: SocialStandIns;
let app: TestApp;
beforeAll(async () => {
  stand = await startSocialStandIns();
  app = await startTestApp({ clock: testClock(Date.now()), env: { SOCIAL_SECRET_KEY: SOCIAL_KEY } });
});
afterAll(async () => {
  await app?.close();
  await stand?.close();
});

it('posts once per account after a kill -9 between claiming and recording', async () => {
  const user = await addUser(app, 'dana@district.example', 'admin');
  const editor = deskActorFor(user);
  await connectAll(app, stand);
  const date = addDays(localDateOf(app.clock.now(), 'America/Chicago'), -1);
  const digest = await publishDay(app, editor, date);
  const db = app.runtime.deps.db;

  // The networks do the work but never answer; each run is killed while it waits. A run posts one account
  // at a time, and skips what another holds, so three runs leave one post of each network claimed and sent.
  stand.stall = true;
  const sent = () =>
    stand.requests.filter(
      (r) =>
        r.path === '/api/v1/statuses' ||
        r.path === '/xrpc/com.atproto.repo.createRecord' ||
        r.path.endsWith('/feed'),
    ).length;
  for (let n = 1; n <= 3; n++) {
    const run = cli(app, ['social:post']);
    for (let waited = 0; sent() < n && waited < 20_000; waited += 20)
      await new Promise((r) => setTimeout(r, 20));
    run.child.kill('SIGKILL');
    const ended = await run.exited;
    expect(ended.signal, `run ${n}: ${ended.output}`).toBe('SIGKILL');
  }
  expect(sent()).toBe(3);
  const claimed = await listDigestSocialPosts(db, digest.id);
  expect(claimed.map((p) => `${p.network} ${p.state}`)).toEqual([
    'mastodon posting',
    'bluesky posting',
    'facebook posting',
  ]);

  // A restart within the lease leaves the claimed posts alone; after it, they go again with their keys.
  stand.stall = false;
  await runSocialJob(app.runtime.deps);
  await runSocialJob(app.runtime.deps);
  app.clock.set(Date.now() + SOCIAL_LEASE_MS + 1000);
  await Promise.all([runSocialJob(app.runtime.deps), runSocialJob(app.runtime.deps)]);
  await runSocialJob(app.runtime.deps);

  const statusPosts = stand.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/statuses');
  expect(new Set(statusPosts.map((r) => r.idempotencyKey)).size).toBe(1);
  expect(stand.statuses.size).toBe(1);
  expect(stand.records.size).toBe(1);
  const posts = await listDigestSocialPosts(db, digest.id);
  const byNetwork = Object.fromEntries(posts.map((p) => [p.network, p]));
  expect(byNetwork.mastodon).toMatchObject({
    state: 'posted',
    url: `${stand.mastodonUrl}/@district/${[...stand.statuses.keys()][0]}`,
  });
  expect(byNetwork.bluesky).toMatchObject({ state: 'posted' });
  expect(byNetwork.bluesky!.url).toBe(
    `https://bsky.app/profile/district.bsky.test/post/${[...stand.records.keys()][0]}`,
  );
  // Facebook has no idempotency key: the post the kill left unknown is not sent twice; a person is asked to look.
  expect(stand.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/feed'))).toHaveLength(1);
  expect(stand.pagePosts.size).toBe(1);
  expect(byNetwork.facebook).toMatchObject({ state: 'failed' });
  expect(byNetwork.facebook!.lastError).toContain('cannot tell whether it arrived');
  // Bluesky's retry found its record by its key and made none.
  expect(stand.requests.filter((r) => r.path === '/xrpc/com.atproto.repo.createRecord')).toHaveLength(1);
}, 90_000);
