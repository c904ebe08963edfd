// A teacher changes a post after the district published it: the desk marks the post, and the editors are
// emailed once when the picture the digest shows was taken out of it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correctDesk } from '../src/curate/correct-digest';
import { deskDepsOf, loadDesk, publishDesk, saveDesk, type DeskActor } from '../src/curate/desk';
import { listItemsPublishedBetween } from '../src/db/items';
import type { OutboxMessage } from '../src/email/mailer';
import { runTeacherJobs } from '../src/jobs/teacher-jobs';
import { addSchoolWithSource, item, storeItems } from './fixtures';
import { serveBody, startTestServer, type TestServer } from './http-server';
import { createClient } from './browser-client';
import { addUser, startTestApp, TEST_PASSWORD, type TestApp } from './test-app';

const DAY = '2026-11-20';
const NOON = Date.parse(`${DAY}T18:00:00Z`);

describe('posts changed after publishing', () => {
  let app: TestApp;
  let images: TestServer;
  let dana: DeskActor;
  const desk = () => deskDepsOf(app.runtime.deps);
  const toEditors = () =>
    readdirSync(app.config.outboxDir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => JSON.parse(readFileSync(join(app.config.outboxDir, file), 'utf8')) as OutboxMessage)
      .filter((message) => message.subject.includes('no longer in'));

  beforeAll(async () => {
    images = await startTestServer();
    images.route(
      '/garden.jpg',
      serveBody(
        await sharp({ create: { width: 640, height: 480, channels: 3, background: '#3d7c47' } })
          .jpeg()
          .toBuffer(),
        'image/jpeg',
      ),
    );
    app = await startTestApp();
    const user = await addUser(app, 'dana@district.example', 'editor');
    dana = { type: 'user', id: user.id, userId: user.id, label: 'dana', role: 'editor' };
  });
  afterAll(async () => {
    await app.close();
    await images.close();
  });

  it('tells the editors once per change, and the desk says what changed', async () => {
    const db = app.runtime.deps.db;
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    const garden = item({
      guid: 'garden',
      title: 'Garden day',
      publishedAt: NOON,
      imageUrl: `${images.url}/garden.jpg`,
      imageAlt: 'Seedlings in a tray',
      contentHtml: '<p>We planted beans.</p>',
    });
    const poems = item({ guid: 'poems', title: 'Poetry café', publishedAt: NOON + 60_000 });
    const robots = item({ guid: 'robots', title: 'Robot club', publishedAt: NOON + 120_000 });
    await storeItems(db, source.id, [garden, poems, robots]);
    const ids = Object.fromEntries(
      (await listItemsPublishedBetween(db, NOON - 1, NOON + 200_000)).map((i) => [i.title, i.id]),
    );
    await saveDesk(desk(), dana, DAY, {
      entries: [
        { itemId: ids['Garden day']! },
        { itemId: ids['Poetry café']! },
        { itemId: ids['Robot club']! },
      ],
    });
    await publishDesk(desk(), dana, DAY);
    // Read again unchanged: nothing to tell. Nor when the blog serves the same picture at another size, or
    // through an image service's address, as WordPress and its CDN do.
    app.clock.advance(60 * 60_000);
    await storeItems(db, source.id, [garden, poems, robots], app.clock.now());
    expect((await runTeacherJobs(app.runtime.deps)).changedPosts).toBe(0);
    app.clock.advance(60_000);
    await storeItems(
      db,
      source.id,
      [
        {
          ...garden,
          imageUrl: null,
          contentHtml: `<p>We planted beans.</p><img src="${images.url}/garden-1024x768.jpg?resize=1024%2C768&amp;ssl=1" alt="">`,
        },
      ],
      app.clock.now(),
    );
    expect((await runTeacherJobs(app.runtime.deps)).changedPosts).toBe(0);
    expect((await loadDesk(desk(), DAY)).entries[0]!.changedAfterPublishing).toMatchObject({
      pictureGone: false,
    });

    // The teacher takes the photo out of one post and rewrites another.
    app.clock.advance(60 * 60_000);
    await storeItems(
      db,
      source.id,
      [
        { ...garden, imageUrl: null, imageAlt: null, contentHtml: '<p>We planted beans.</p>' },
        { ...poems, summary: 'Poems by the whole class.' },
        robots,
      ],
      app.clock.now(),
    );
    // Told of the picture taken out; the rewritten post is only marked on the desk.
    expect((await runTeacherJobs(app.runtime.deps)).changedPosts).toBe(1);
    const told = toEditors();
    expect(told.map((m) => [m.to, m.subject])).toEqual([
      ['dana@district.example', 'A picture in the digest for Friday, November 20 is no longer in its post'],
    ]);
    expect(told[0]!.text).toContain('“Garden day” (Lincoln Elementary)');
    expect(told[0]!.text).not.toContain('Poetry café');
    expect(told[0]!.text).toContain(`${app.url}/admin/inbox?date=${DAY}`);
    // Once per change: the next round, and a second scheduler, tell nobody again.
    await Promise.all([runTeacherJobs(app.runtime.deps), runTeacherJobs(app.runtime.deps)]);
    expect(toEditors()).toHaveLength(1);

    const state = await loadDesk(desk(), DAY);
    const changed = Object.fromEntries(state.entries.map((e) => [e.headline, e.changedAfterPublishing]));
    expect(changed['Garden day']).toEqual({ at: app.clock.now(), pictureGone: true });
    expect(changed['Poetry café']).toEqual({ at: app.clock.now(), pictureGone: false });
    expect(changed['Robot club']).toBeUndefined();
    const client = createClient(app.url);
    await client.post('/admin/login', {
      _csrf: await client.csrf('/admin/login'),
      email: 'dana@district.example',
      password: TEST_PASSWORD,
    });
    const page = await (await client.get(`/admin/inbox?date=${DAY}`)).text();
    expect(page).toMatch(
      /Since publishing, its feed no longer shows the picture the digest shows \(read [^)]+\)\./,
    );
    expect(page).toContain('Its feed showed it differently after publishing');

    // A correction is made with the marks in view: they go, until the post changes again after it; but not
    // the mark of a picture the digest still shows and its post no longer has.
    app.clock.advance(60_000);
    await correctDesk(desk(), dana, DAY, {
      intro: 'A busy Friday.',
      entries: (await loadDesk(desk(), DAY)).entries.map((e) => ({ itemId: e.itemId })),
      note: 'We fixed a typo in the introduction.',
      email: false,
    });
    expect(
      Object.fromEntries(
        (await loadDesk(desk(), DAY)).entries.map((e) => [e.headline, e.changedAfterPublishing?.pictureGone]),
      ),
    ).toEqual({ 'Garden day': true, 'Poetry café': undefined, 'Robot club': undefined });
    app.clock.advance(60_000);
    const current = await loadDesk(desk(), DAY);
    await correctDesk(desk(), dana, DAY, {
      entries: current.entries.map((e) => ({ itemId: e.itemId, imageUrl: null })),
      note: 'We took out a photo its teacher removed.',
      email: false,
    });
    expect((await loadDesk(desk(), DAY)).entries.map((e) => e.changedAfterPublishing)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    app.clock.advance(60_000);
    await storeItems(
      db,
      source.id,
      [{ ...poems, summary: 'Poems by the whole class, read aloud.' }],
      app.clock.now(),
    );
    expect(
      (await loadDesk(desk(), DAY)).entries.find((e) => e.headline === 'Poetry café')!.changedAfterPublishing,
    ).toEqual({ at: app.clock.now(), pictureGone: false });

    // Edited again, or the picture put back and taken out again: the same picture is not told twice.
    app.clock.advance(60 * 60_000);
    await storeItems(db, source.id, [garden], app.clock.now());
    app.clock.advance(60 * 60_000);
    await storeItems(
      db,
      source.id,
      [{ ...garden, title: 'Garden day!', imageUrl: null, imageAlt: null }],
      app.clock.now(),
    );
    expect((await runTeacherJobs(app.runtime.deps)).changedPosts).toBe(0);
    expect(toEditors()).toHaveLength(1);
    // A digest published longer ago than the watch is left to the archive.
    app.clock.advance(15 * 86_400_000);
    await storeItems(db, source.id, [garden], app.clock.now());
    app.clock.advance(60_000);
    await storeItems(db, source.id, [{ ...garden, imageUrl: null, imageAlt: null }], app.clock.now());
    expect((await runTeacherJobs(app.runtime.deps)).changedPosts).toBe(0);
  });

  it('holds a draft whose chosen picture the post dropped since, and still saves the rest of it', async () => {
    const db = app.runtime.deps.db;
    const day = '2026-11-23';
    const noon = Date.parse(`${day}T18:00:00Z`);
    const { source } = await addSchoolWithSource(db, 'Oak Elementary', 'https://oak.example/feed');
    const art = item({
      guid: 'art',
      title: 'Art show',
      publishedAt: noon,
      imageUrl: `${images.url}/garden.jpg`,
      imageAlt: 'Paintings on the wall',
    });
    await storeItems(db, source.id, [art], app.clock.now());
    const [stored] = await listItemsPublishedBetween(db, noon - 1, noon + 1);
    await saveDesk(desk(), dana, day, { entries: [{ itemId: stored!.id }] });
    const notInPost = async () =>
      (await loadDesk(desk(), day)).open.filter((f) => f.kind === 'picture-not-in-post');
    expect(await notInPost()).toEqual([]);

    // The teacher takes the picture out before the digest goes out (a scheduled digest, say).
    app.clock.advance(60_000);
    await storeItems(db, source.id, [{ ...art, imageUrl: null, imageAlt: null }], app.clock.now());
    expect((await notInPost()).map((f) => f.message)).toEqual([
      'The post’s feed no longer shows this picture: its teacher may have taken it out since it was chosen, and a teacher who takes a picture out has often found a problem with it. Look at the original, then choose another picture or none; if you know why it went and it may still be shown, record why.',
    ]);
    await expect(publishDesk(desk(), dana, day)).rejects.toThrow('One check finding is still open.');
    // The rest of the draft still saves, the picture kept as chosen; choosing it anew is refused.
    const saved = await saveDesk(desk(), dana, day, { intro: 'Art news', entries: [{ itemId: stored!.id }] });
    expect(saved.entries[0]!.imageUrl).toBe(`${images.url}/garden.jpg`);
    await expect(
      saveDesk(desk(), dana, day, {
        entries: [{ itemId: stored!.id, imageUrl: `${images.url}/other.jpg` }],
      }),
    ).rejects.toThrow('must be one of the post’s own images');
    // Without it, it publishes.
    await saveDesk(desk(), dana, day, { entries: [{ itemId: stored!.id, imageUrl: null }] });
    expect(await notInPost()).toEqual([]);
    await publishDesk(desk(), dana, day);
  });
});
