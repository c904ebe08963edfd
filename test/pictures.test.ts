// Pictures on the district's own address: chosen pictures are copied from a real HTTP server on 127.0.0.1,
// cleaned and sized with sharp, served under /media/, referenced everywhere a digest is read instead of the
// original, refused with a sentence when they cannot be read, taken down with 410 Gone, and kept in backups.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/auth/api-tokens';
import {
  DeskError,
  deskDepsOf,
  loadDesk,
  publishDesk,
  saveDesk,
  overrideFinding,
  takeDownEntry,
  unpublishDesk,
  type DeskActor,
} from '../src/curate/desk';
import { correctDesk } from '../src/curate/correct-digest';
import { cliActor, listAudit } from '../src/db/audit';
import { saveDigestDraft } from '../src/db/digests';
import { listItemsPublishedBetween } from '../src/db/items';
import { runHousekeeping } from '../src/jobs/jobs';
import { sql } from 'drizzle-orm';
import { createSharpPictureMaker } from '../src/pictures/make-picture-sharp';
import { addConfirmedSubscriber, addSchoolWithSource, item, storeItems } from './fixtures';
import { serveBody, startTestServer, type TestServer } from './http-server';
import {
  animatedGif,
  fiftyMegapixels,
  heicPhoto,
  phonePhoto,
  pngBomb,
  transparentPng,
  truncatedJpeg,
  webpPhoto,
} from './photos';
import { addUser, startTestApp, TEST_PASSWORD, type TestApp } from './test-app';
import { createClient } from './browser-client';
import type { OutboxMessage } from '../src/email/mailer';

const NOON_20 = Date.parse('2026-11-20T18:00:00Z');
const DATE = '2026-11-20';
const run = promisify(execFile);

describe('pictures', () => {
  let app: TestApp;
  let images: TestServer;
  let dana: DeskActor;
  let token: string;
  const ids: Record<string, number> = {};
  const desk = () => deskDepsOf(app.runtime.deps);
  const get = (path: string) => fetch(path.startsWith('http') ? path : `${app.url}${path}`);
  const mediaNamesIn = (text: string) => [
    ...new Set(text.match(/\/media\/[0-9a-f]{20}-[a-z0-9]+\.(?:webp|jpg|png)/g)),
  ];

  beforeAll(async () => {
    images = await startTestServer();
    images.route('/phone.jpg', serveBody(await phonePhoto(), 'image/jpeg'));
    images.route('/drawing.png', serveBody(await transparentPng(), 'image/png'));
    images.route('/field.webp', serveBody(await webpPhoto(), 'image/webp'));
    images.route('/wave.gif', serveBody(await animatedGif(), 'image/gif'));
    images.route('/iphone.heic', serveBody(heicPhoto(), 'image/heic'));
    images.route('/cut-off.jpg', serveBody(await truncatedJpeg(), 'image/jpeg'));
    // Named like a picture and served as one, but a page: the bytes decide, not the name or the header.
    images.route('/login.jpg', serveBody('<!doctype html><title>Sign in</title>', 'image/jpeg'));
    images.route('/huge.jpg', serveBody(await fiftyMegapixels(), 'image/jpeg'));
    images.route('/bomb.png', serveBody(pngBomb(), 'image/png'));
    images.route(
      '/older.png',
      serveBody(
        await sharp({ create: { width: 500, height: 300, channels: 3, background: '#335577' } })
          .png()
          .toBuffer(),
        'image/png',
      ),
    );
    app = await startTestApp();
    const db = app.runtime.deps.db;
    dana = { type: 'user', id: 1, userId: 1, label: 'dana', role: 'editor' };
    dana.id = dana.userId = (await addUser(app, 'dana@district.example', 'editor')).id;
    token = (await createApiToken(db, { name: 'bot', role: 'editor' }, cliActor, app.clock.now())).token;
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    const posts = {
      phone: 'phone.jpg',
      drawing: 'drawing.png',
      field: 'field.webp',
      wave: 'wave.gif',
      iphone: 'iphone.heic',
      cutoff: 'cut-off.jpg',
      login: 'login.jpg',
      huge: 'huge.jpg',
      bomb: 'bomb.png',
    };
    await storeItems(
      db,
      source.id,
      Object.entries(posts).map(([guid, file], n) =>
        item({
          guid,
          title: `Post ${guid}`,
          publishedAt: NOON_20 + n * 60_000,
          imageUrl: `${images.url}/${file}`,
          imageAlt: `A picture of ${guid}`,
        }),
      ),
    );
    for (const i of await listItemsPublishedBetween(db, 0, NOON_20 * 2))
      ids[i.title.replace('Post ', '')] = i.id;
    await addConfirmedSubscriber(db, 'family@family.example');
  });
  afterAll(async () => {
    await app.close();
    await images.close();
  });

  it('refuses what it cannot read, each with a sentence the coordinator can act on', async () => {
    const state = await saveDesk(desk(), dana, DATE, {
      entries: ['iphone', 'cutoff', 'login', 'huge', 'bomb'].map((guid) => ({ itemId: ids[guid]! })),
    });
    const message = (guid: string) =>
      state.findings.find((f) => f.itemId === ids[guid] && f.kind === 'picture-unavailable')?.message;
    expect(message('iphone')).toContain('HEIC, the iPhone format');
    expect(message('cutoff')).toContain('damaged or cut off');
    expect(message('login')).toContain('not a picture Yesterday can read');
    expect(message('huge')).toContain(
      'The picture is 50 megapixels; Yesterday copies pictures up to 40 megapixels',
    );
    expect(message('bomb')).toContain('The picture is 400 megapixels');
    for (const entry of state.entries) expect(entry.picture).toBeUndefined();
    // Not something to wave through: the only way on is another picture or none.
    await expect(
      (await import('../src/curate/desk')).overrideFinding(desk(), dana, DATE, {
        itemId: ids.iphone!,
        kind: 'picture-unavailable',
        reason: 'It is fine, really, trust me.',
      }),
    ).rejects.toThrow('Choose another picture or none');
    const cleared = await saveDesk(desk(), dana, DATE, {
      entries: [{ itemId: ids.iphone!, imageUrl: null }],
    });
    expect(cleared.open.filter((f) => f.kind === 'picture-unavailable')).toEqual([]);
  });

  it('makes the email size of a tall photo within 1200 × 1200 pixels, in its own shape', async () => {
    const tall = await sharp({ create: { width: 1500, height: 3000, channels: 3, background: '#3b6d8a' } })
      .jpeg()
      .toBuffer();
    const made = await createSharpPictureMaker().make(tall);
    if ('error' in made) throw new Error(made.error);
    const email = made.files.find((f) => f.purpose === 'email')!;
    expect([email.width, email.height]).toEqual([600, 1200]);
    expect(made.files.find((f) => f.purpose === 'fallback' && f.width === 1280)).toMatchObject({
      height: 2560,
    });
  });

  it('refuses a 50-megapixel picture and a decompression bomb before decoding them', async () => {
    const maker = createSharpPictureMaker();
    const inputs = [await fiftyMegapixels(), pngBomb()];
    const before = process.memoryUsage().rss;
    for (const bytes of inputs) {
      const made = await maker.make(bytes);
      expect(made).toEqual({ error: expect.stringContaining('megapixels') });
    }
    // Decoding either would have taken 150 MB (the photo) or 1.2 GB (the bomb).
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  describe('a published digest', () => {
    let page: string;
    beforeAll(async () => {
      const state = await saveDesk(desk(), dana, DATE, {
        entries: ['phone', 'drawing', 'field', 'wave'].map((guid) => ({ itemId: ids[guid]! })),
      });
      expect(state.open).toEqual([]);
      await publishDesk(desk(), dana, DATE);
      await app.sendQueuedMail();
      page = await (await get(`/digests/${DATE}`)).text();
    });

    it('shows only the district’s copies: page, feeds, embed, email, link preview and API', async () => {
      const bodies: Record<string, string> = { page };
      for (const path of ['/feed.xml', '/feed.atom', '/feed.json', '/embed', '/']) {
        bodies[path] = await (await get(path)).text();
      }
      const outbox = readdirSync(app.config.outboxDir).filter((f) => f.endsWith('.json'));
      const digestMail = outbox
        .map(
          (f) =>
            JSON.parse(readFileSync(join(app.config.outboxDir, f), 'utf8')) as {
              subject: string;
              html: string;
            },
        )
        .find((m) => m.html.includes('Post phone'));
      bodies.email = digestMail!.html;
      for (const [where, body] of Object.entries(bodies)) {
        expect(body, where).not.toContain(images.url);
        expect(mediaNamesIn(body).length, where).toBeGreaterThan(0);
      }
      expect(bodies.email).toMatch(/\/media\/[0-9a-f]{20}-email\.jpg/);
      // The portrait phone photo (600 × 800) keeps its shape in the email, no taller than a landscape is wide.
      expect(bodies.email).toMatch(
        /<img\s+src="[^"]+-email\.jpg"\s+alt="A picture of phone"\s+width="444"\s+height="592"/,
      );
      expect(bodies.email).toMatch(/<img\s+src="[^"]+-email\.jpg"\s+alt="A picture of field"\s+width="592"/);
      expect(page).toMatch(
        /<meta property="og:image" content="http:\/\/127\.0\.0\.1:\d+\/media\/[0-9a-f]{20}-600\.jpg"/,
      );
      expect(bodies['/feed.xml']).toMatch(
        /<enclosure url="[^"]+\/media\/[^"]+\.jpg" length="\d+" type="image\/jpeg"\/>/,
      );
      expect(bodies['/feed.xml']).toContain('<media:content url=');
      expect(bodies['/feed.atom']).toMatch(/<link rel="enclosure" type="image\/jpeg"/);
      expect(JSON.parse(bodies['/feed.json']!).items[0].image).toMatch(/\/media\/[0-9a-f]{20}-600\.jpg$/);

      const api = await (
        await fetch(`${app.url}/api/v1/digests/${DATE}`, { headers: { authorization: `Bearer ${token}` } })
      ).json();
      const phone = api.entries.find((e: { item_id: number }) => e.item_id === ids.phone);
      expect(phone.image_url).toBe(`${images.url}/phone.jpg`); // what the coordinator chose
      expect(phone.image).toEqual({
        src: expect.stringMatching(/\/media\/[0-9a-f]{20}-600\.jpg$/),
        width: 600,
        height: 800,
        alt: 'A picture of phone',
        sizes: expect.arrayContaining([
          { url: expect.stringMatching(/-600\.webp$/), width: 600, type: 'image/webp' },
          { url: expect.stringMatching(/-email\.jpg$/), width: 600, type: 'image/jpeg' },
        ]),
      });
    });

    it('keeps no EXIF, GPS, XMP or IPTC in any size, turns the photo upright and keeps its shape', async () => {
      const api = await (
        await fetch(`${app.url}/api/v1/digests/${DATE}`, { headers: { authorization: `Bearer ${token}` } })
      ).json();
      const phone = api.entries.find((e: { item_id: number }) => e.item_id === ids.phone).image;
      expect(phone.sizes.length).toBeGreaterThanOrEqual(3);
      for (const size of phone.sizes as { url: string; type: string }[]) {
        const response = await get(size.url);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe(size.type);
        // Kept, but asked for again each time it is shown, so a takedown reaches copies already kept.
        expect(response.headers.get('cache-control')).toBe('public, no-cache');
        const again = await fetch(size.url, { headers: { 'if-none-match': response.headers.get('etag')! } });
        expect(again.status).toBe(304);
        // As a cache in front may send it: weakened, or in a list.
        const etag = response.headers.get('etag')!;
        for (const sent of [`W/${etag}`, `"other", ${etag}`])
          expect((await fetch(size.url, { headers: { 'if-none-match': sent } })).status, sent).toBe(304);
        const bytes = Buffer.from(await response.arrayBuffer());
        const meta = await sharp(bytes).metadata();
        // exifr reads JPEG (not WebP): a second, independent reader finds no block at all.
        if (meta.format === 'jpeg')
          expect(await exifr.parse(bytes, { gps: true, xmp: true, iptc: true, tiff: true })).toBeUndefined();
        for (const block of ['exif', 'xmp', 'iptc', 'icc', 'comments', 'orientation'] as const)
          expect(meta[block], `${size.url} ${block}`).toBeUndefined();
        // Upright: 3 wide to 4 high, and the stored left side (red) at the top.
        expect(meta.width! / meta.height!).toBeCloseTo(0.75, 2);
        const pixels = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
        const at = (x: number, y: number) => pixels.data[(y * pixels.info.width + x) * 3]!; // red channel
        expect(at(pixels.info.width >> 1, 4)).toBeGreaterThan(150);
        expect(at(pixels.info.width >> 1, pixels.info.height - 4)).toBeLessThan(100);
        if (size.url.endsWith('-email.jpg')) expect(bytes.length).toBeLessThan(200 * 1024);
      }
      // On the page: the picture's own width and height, WebP offered first, no crop in the stylesheet.
      expect(page).toMatch(/<source type="image\/webp" srcset="\/media\/[0-9a-f]{20}-600\.webp 600w"/);
      expect(page).toMatch(/width="600" height="800"/);
    });

    it('reads PNG, WebP and the first frame of an animated GIF', async () => {
      const state = await loadDesk(desk(), DATE);
      const byGuid = (guid: string) => state.entries.find((e) => e.itemId === ids[guid])!.picture!;
      expect(byGuid('drawing')).toMatchObject({ width: 300, height: 200 });
      expect(byGuid('field').files.map((f) => `${f.purpose} ${f.width}`)).toEqual(
        expect.arrayContaining(['web 640', 'web 1280', 'fallback 640', 'fallback 1280', 'email 1200']),
      );
      const gif = byGuid('wave');
      expect(gif).toMatchObject({ width: 120, height: 90 });
      const frame = await get(`/media/${gif.files.find((f) => f.purpose === 'fallback')!.name}`);
      const meta = await sharp(Buffer.from(await frame.arrayBuffer())).metadata();
      expect(meta.format).toBe('jpeg');
      const colour = await sharp(
        Buffer.from(await (await get(`/media/${gif.files[0]!.name}`)).arrayBuffer()),
      ).stats();
      expect(colour.channels[1]!.mean).toBeGreaterThan(colour.channels[0]!.mean); // green: the first frame
    });

    it('takes a picture down everywhere: every size answers 410, the page and feeds drop it, the audit log says who', async () => {
      const before = await loadDesk(desk(), DATE);
      const drawing = before.entries.find((e) => e.itemId === ids.drawing)!.picture!;
      const modified = async () =>
        ((await (await get('/feed.json')).json()) as { items: { date_modified: string }[] }).items[0]!
          .date_modified;
      const modifiedBefore = await modified();
      app.clock.advance(60 * 60_000);
      await app.runtime.deps.db.prepared('update sources set owner_email = ?', ['lincoln@district.example']);
      // From the desk's own form, as the coordinator takes it down: its reason, and the owner to be told.
      const client = createClient(app.url);
      const signedIn = await client.post('/admin/login', {
        _csrf: await client.csrf('/admin/login'),
        email: 'dana@district.example',
        password: TEST_PASSWORD,
      });
      expect(signedIn.status).toBe(303);
      const id = ids.drawing!;
      const taken = await client.post(`/admin/inbox/${DATE}/entries/${id}/picture-takedown`, {
        _csrf: await client.csrf(`/admin/inbox?date=${DATE}`),
        [`picture_takedown_reason_${id}`]: 'A parent asked for this one to come down.',
        [`picture_tell_owner_${id}`]: 'yes',
        [`picture_owner_words_${id}`]: 'Please take it off your own post as well.',
      });
      expect(taken.status).toBe(303);
      expect(await (await client.get(taken.headers.get('location')!)).text()).toContain(
        'The feed’s owner gets an email saying so.',
      );
      for (const file of drawing.files) {
        const response = await get(`/media/${file.name}`);
        expect(response.status, file.name).toBe(410);
      }
      const after = await (await get(`/digests/${DATE}`)).text();
      for (const file of drawing.files) expect(after).not.toContain(file.name);
      expect(after).toContain('Post drawing'); // the post itself stays
      const desk2 = await loadDesk(desk(), DATE);
      expect(desk2.entries.find((e) => e.itemId === ids.drawing)).toMatchObject({ imageUrl: null });
      expect(desk2.open).toEqual([]);
      // Chosen again in a correction, it is refused, saying when it came down and that it stays down.
      const drawingUrl = before.entries.find((e) => e.itemId === ids.drawing)!.imageUrl!;
      const refusal = await correctDesk(desk(), dana, DATE, {
        note: 'Putting the drawing back, by mistake.',
        email: false,
        entries: desk2.entries.map((e) =>
          e.itemId === ids.drawing ? { itemId: e.itemId, imageUrl: drawingUrl } : { itemId: e.itemId },
        ),
      }).catch((error: DeskError) => error);
      expect(refusal).toBeInstanceOf(DeskError);
      const findings = (refusal as DeskError).details.findings as { kind: string; message: string }[];
      expect(findings.find((f) => f.kind === 'picture-unavailable')?.message).toMatch(
        /^This picture was taken down on [A-Z][a-z]+day, [A-Z][a-z]+ \d+, \d{4}, so it will not be shown anywhere again\./,
      );
      // The desk still lists it among the post's pictures, marked, and not to be chosen again.
      const deskPage = await (await client.get(`/admin/inbox?date=${DATE}`)).text();
      const choice = new RegExp(
        `<input type="radio" name="image_${id}" value="${drawingUrl.replace(/[.?]/g, '\\$&')}"[^>]*>`,
      );
      expect(choice.exec(deskPage)?.[0]).toContain('disabled=""');
      expect(deskPage).toMatch(/Taken down [A-Z][a-z]{2} \d+, \d{4}, [^<]+: not shown again/);
      const feed = await (await get('/feed.xml')).text();
      for (const file of drawing.files) expect(feed).not.toContain(file.name);
      // Feed readers that refresh an entry when its time moves learn that it changed.
      expect(Date.parse(await modified())).toBe(Date.parse(modifiedBefore) + 60 * 60_000);
      const audit = await listAudit(app.runtime.deps.db, { action: 'picture.takedown', limit: 10 });
      expect(audit[0]).toMatchObject({
        actorLabel: 'dana@district.example',
        subjectType: 'picture',
        subjectId: drawing.key,
      });

      // Taking a whole post down takes its picture with it.
      const field = before.entries.find((e) => e.itemId === ids.field)!.picture!;
      await takeDownEntry(desk(), dana, DATE, ids.field!, 'Posted to the wrong class, by mistake.');
      for (const file of field.files) expect((await get(`/media/${file.name}`)).status).toBe(410);
      // Down with its post, not for what it shows: only its bytes stay refused, not pictures that look like it.
      const [fieldLooks] = await app.runtime.deps.db.query<{ looks: string | null }>(
        'select looks from pictures where source_url like ?',
        ['%/field.webp'],
      );
      expect(fieldLooks).toEqual({ looks: null });
      expect((await get('/media/00000000000000000000-640.webp')).status).toBe(404);
      // The feed's owner heard of the picture (asked to), not of the post (not asked to).
      await app.sendQueuedMail();
      const toOwner = readdirSync(app.config.outboxDir)
        .filter((file) => file.endsWith('.json'))
        .map((file) => JSON.parse(readFileSync(join(app.config.outboxDir, file), 'utf8')) as OutboxMessage)
        .filter((message) => message.to === 'lincoln@district.example');
      expect(toOwner.map((message) => message.subject)).toEqual([
        'The picture of your post was taken down from What happened yesterday',
      ]);
      expect(toOwner[0]!.text).toContain('without its picture now');
      expect(toOwner[0]!.text).toContain('Please take it off your own post as well.');
      expect(toOwner[0]!.text).not.toContain('A parent asked');
    });

    it('keeps pictures in the backup: a restored copy serves the same bytes', async () => {
      const state = await loadDesk(desk(), DATE);
      const file = state.entries.find((e) => e.itemId === ids.phone)!.picture!.files[0]!;
      const original = Buffer.from(await (await get(`/media/${file.name}`)).arrayBuffer());
      const backupFile = join(app.dir, 'backup.db');
      await run(process.execPath, ['bin/yesterday.mjs', 'backup', backupFile], {
        env: { ...process.env, DATABASE_PATH: app.config.databasePath, PUBLIC_URL: app.url },
      });
      const restored = await startTestApp({ env: { DATABASE_PATH: backupFile } });
      try {
        const response = await fetch(`${restored.url}/media/${file.name}`);
        expect(response.status).toBe(200);
        expect(Buffer.from(await response.arrayBuffer()).equals(original)).toBe(true);
      } finally {
        await restored.close();
      }
    });

    it('takes every picture down with the digest when the whole digest is taken down', async () => {
      const state = await loadDesk(desk(), DATE);
      const names = state.entries.flatMap((e) => e.picture?.files.map((f) => f.name) ?? []);
      expect(names.length).toBeGreaterThan(0);
      await unpublishDesk(desk(), dana, DATE, 'Published by mistake, all of it.');
      for (const name of names) expect((await get(`/media/${name}`)).status, name).toBe(410);
    });
  });

  it('copies the pictures of digests published before copies were kept, at housekeeping', async () => {
    const db = app.runtime.deps.db;
    const day = '2026-11-10';
    const { source } = await addSchoolWithSource(db, 'Oak Middle', 'https://oak.example/feed');
    await storeItems(db, source.id, [
      item({
        guid: 'older',
        title: 'Older post',
        publishedAt: Date.parse(`${day}T18:00:00Z`),
        imageUrl: `${images.url}/older.png`,
        imageAlt: 'A field',
      }),
    ]);
    const [older] = await listItemsPublishedBetween(
      db,
      Date.parse(`${day}T00:00:00Z`),
      Date.parse(`${day}T23:59:59Z`),
    );
    // As an older version stored it: the entry and its picture's address, published, no copy.
    await saveDigestDraft(
      db,
      day,
      {
        title: '',
        intro: '',
        entries: [
          {
            itemId: older!.id,
            headline: 'Older post',
            blurb: '',
            imageUrl: `${images.url}/older.png`,
            imageAlt: 'A field',
          },
        ],
      },
      { userId: null, now: app.clock.now() },
    );
    await db.batch([
      db.raw(
        sql`update digests set status = 'published', published_at = ${app.clock.now()} where date = ${day}`,
      ),
    ]);
    expect(await (await get(`/digests/${day}`)).text()).not.toContain('/media/');
    await runHousekeeping(app.runtime.deps);
    const page = await (await get(`/digests/${day}`)).text();
    expect(page).toMatch(/\/media\/[0-9a-f]{20}-\d+\.jpg/);
    expect(page).not.toContain(images.url);
  });

  it('takes a photo two posts share down from both, says so before and after, and tells both owners', async () => {
    const db = app.runtime.deps.db;
    // The same photo at two addresses, in two schools' posts on two days: one copy, kept once.
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#c8553d' } })
      .jpeg()
      .toBuffer();
    images.route('/elm.jpg', serveBody(photo, 'image/jpeg'));
    images.route('/pine.jpg', serveBody(photo, 'image/jpeg'));
    const posts = [
      { day: '2026-11-12', school: 'Elm Elementary', owner: 'elm@district.example', title: 'Elm bake sale' },
      {
        day: '2026-11-13',
        school: 'Pine Elementary',
        owner: 'pine@district.example',
        title: 'Pine bake sale',
      },
    ];
    const itemIds: number[] = [];
    for (const post of posts) {
      const slug = post.school.split(' ')[0]!.toLowerCase();
      const { source } = await addSchoolWithSource(db, post.school, `https://${slug}.example/feed`);
      await db.prepared('update sources set owner_email = ? where id = ?', [post.owner, source.id]);
      const noon = Date.parse(`${post.day}T18:00:00Z`);
      await storeItems(db, source.id, [
        item({
          guid: slug,
          title: post.title,
          publishedAt: noon,
          imageUrl: `${images.url}/${slug}.jpg`,
          imageAlt: 'Cupcakes on a table',
        }),
      ]);
      const [stored] = await listItemsPublishedBetween(db, noon - 1, noon + 1);
      itemIds.push(stored!.id);
      await saveDesk(desk(), dana, post.day, { entries: [{ itemId: stored!.id }] });
      await publishDesk(desk(), dana, post.day);
    }
    const [elm, pine] = itemIds as [number, number];
    const first = (await loadDesk(desk(), '2026-11-12')).entries[0]!;
    const second = (await loadDesk(desk(), '2026-11-13')).entries[0]!;
    expect(second.picture!.key).toBe(first.picture!.key);
    expect(second.sharesPicture).toEqual([{ date: '2026-11-12', itemId: elm }]);

    const client = createClient(app.url);
    await client.post('/admin/login', {
      _csrf: await client.csrf('/admin/login'),
      email: 'dana@district.example',
      password: TEST_PASSWORD,
    });
    const before = await (await client.get('/admin/inbox?date=2026-11-13')).text();
    expect(before).toContain(
      'The same picture is in one other published post (Thursday, November 12): it comes down there too',
    );
    // Taking the whole digest down would take it from there too: the desk says so beside Unpublish.
    expect(before).toContain(
      'One other published post shows one of the same photos (Thursday, November 12) and loses it too.',
    );
    const taken = await client.post(`/admin/inbox/2026-11-13/entries/${pine}/picture-takedown`, {
      _csrf: await client.csrf('/admin/inbox?date=2026-11-13'),
      [`picture_takedown_reason_${pine}`]: 'No media release for the student in the background.',
      [`picture_tell_owner_${pine}`]: 'yes',
    });
    expect(taken.status).toBe(303);
    const said = await (await client.get(taken.headers.get('location')!)).text();
    expect(said).toContain(
      'It was also the picture of one other published post, which no longer shows it either.',
    );
    expect(said).toContain('The owner of one other post’s feed gets an email too.');
    const elmPage = await (await get('/digests/2026-11-12')).text();
    expect(elmPage).toContain('Elm bake sale');
    for (const file of first.picture!.files) expect(elmPage).not.toContain(file.name);
    // The other post shows no picture now, and nothing holds up a later correction of its digest.
    const elmAfter = await loadDesk(desk(), '2026-11-12');
    expect(elmAfter.entries[0]).toMatchObject({ imageUrl: null, sharesPicture: [] });
    expect(elmAfter.open).toEqual([]);

    await app.sendQueuedMail();
    const told = readdirSync(app.config.outboxDir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => JSON.parse(readFileSync(join(app.config.outboxDir, file), 'utf8')) as OutboxMessage)
      .filter((message) => message.subject.startsWith('The picture of your post was taken down'));
    expect(told.find((message) => message.to === 'elm@district.example')?.text).toContain('“Elm bake sale”');
    expect(told.find((message) => message.to === 'pine@district.example')?.text).toContain(
      '“Pine bake sale”',
    );
  });
  it('finds a photo taken down when it comes back resized and saved again, until a person says it is another', async () => {
    const db = app.runtime.deps.db;
    // A real photo from the demo, as a teacher's blog serves it, then as the class's second account posts it
    // two days later: smaller, saved again at a low quality, so other bytes and another copy.
    const market = readFileSync('src/demo/photos/market.jpg');
    images.route('/market.jpg', serveBody(market, 'image/jpeg'));
    images.route(
      '/market-again.jpg',
      serveBody(await sharp(market).resize({ width: 700 }).jpeg({ quality: 45 }).toBuffer(), 'image/jpeg'),
    );
    images.route('/volcano.jpg', serveBody(readFileSync('src/demo/photos/volcano.jpg'), 'image/jpeg'));
    images.route(
      '/market-shared.png',
      serveBody(await sharp(market).resize({ width: 500 }).png().toBuffer(), 'image/png'),
    );
    const { source } = await addSchoolWithSource(db, 'Birch Elementary', 'https://birch.example/feed');
    const days = ['2026-11-16', '2026-11-18'] as const;
    const posts = [
      { guid: 'market', day: days[0], file: 'market.jpg' },
      // Published the same day from the class's second account, before anyone saw the photo's problem.
      { guid: 'market-shared', day: days[0], file: 'market-shared.png' },
      { guid: 'market-again', day: days[1], file: 'market-again.jpg' },
      { guid: 'volcano', day: days[1], file: 'volcano.jpg' },
    ];
    const itemIds: Record<string, number> = {};
    for (const post of posts) {
      const noon = Date.parse(`${post.day}T18:00:00Z`) + post.guid.length * 60_000;
      await storeItems(db, source.id, [
        item({
          guid: post.guid,
          title: `Birch ${post.guid}`,
          publishedAt: noon,
          imageUrl: `${images.url}/${post.file}`,
          imageAlt: 'Stalls of a market in the gym',
        }),
      ]);
      itemIds[post.guid] = (await listItemsPublishedBetween(db, noon - 1, noon + 1))[0]!.id;
    }
    await saveDesk(desk(), dana, days[0], {
      entries: [{ itemId: itemIds.market! }, { itemId: itemIds['market-shared']! }],
    });
    // Both copies were made before either was taken down: nothing to find yet, and they publish.
    await publishDesk(desk(), dana, days[0]);
    // Copies made before looks were kept (an earlier version): housekeeping reads them from their bytes, and a
    // takedown reads its own before they go.
    await db.prepared('update pictures set looks = null where source_url like ?', [`${images.url}/market%`]);
    await runHousekeeping(app.runtime.deps);
    const [shown] = await db.query<{ looks: string | null }>(
      'select looks from pictures where source_url = ?',
      [`${images.url}/market-shared.png`],
    );
    expect(shown!.looks).toMatch(/^[0-9a-f]{72}$/);
    await db.prepared('update pictures set looks = null where source_url = ?', [`${images.url}/market.jpg`]);
    const client = createClient(app.url);
    await client.post('/admin/login', {
      _csrf: await client.csrf('/admin/login'),
      email: 'dana@district.example',
      password: TEST_PASSWORD,
    });
    const first = itemIds.market!;
    const taken = await client.post(`/admin/inbox/${days[0]}/entries/${first}/picture-takedown`, {
      _csrf: await client.csrf(`/admin/inbox?date=${days[0]}`),
      [`picture_takedown_reason_${first}`]: 'No media release for the girl in front.',
    });
    expect(taken.status).toBe(303);
    // The takedown reaches one copy (by its bytes); the desk names the day of the other that looks like it.
    expect(await (await client.get(taken.headers.get('location')!)).text()).toContain(
      'One other published post (Monday, November 16) shows a picture that looks like this one, at another size or saved again: open that day, and if it is the same photo, take its picture down too.',
    );
    // Published before the takedown, it is named there, and does not hold up a correction of its digest.
    expect(
      (await loadDesk(desk(), days[0])).findings.filter((f) => f.kind === 'picture-like-taken-down'),
    ).toEqual([]);
    const [takenDown] = await db.query<{ looks: string | null }>(
      'select looks from pictures where source_url = ?',
      [`${images.url}/market.jpg`],
    );
    expect(takenDown!.looks).toMatch(/^[0-9a-f]{72}$/);

    const state = await saveDesk(desk(), dana, days[1], {
      entries: [{ itemId: itemIds['market-again']! }, { itemId: itemIds.volcano! }],
    });
    const again = state.entries.find((e) => e.itemId === itemIds['market-again'])!;
    // Copied (other bytes), but found: the finding says when the photo it looks like came down.
    expect(again.picture?.key).toMatch(/^[0-9a-f]{20}$/);
    const like = state.findings.filter((f) => f.kind === 'picture-like-taken-down');
    expect(like.map((f) => f.itemId)).toEqual([itemIds['market-again']]);
    expect(like[0]!.message).toMatch(
      /^This picture looks like the one taken down on [A-Z][a-z]+day, [A-Z][a-z]+ \d+, \d{4} from “Birch market” \(the digest of Monday, November 16, 2026\): most likely the same photo at another size, or saved again\. Choose another picture or none; if it is a different photo, record why\.$/,
    );
    const refused = await publishDesk(desk(), dana, days[1]).catch((error: DeskError) => error);
    expect(refused).toBeInstanceOf(DeskError);
    // The coordinator who knows it is another photo says so, and only that picture is let through.
    const overridden = await overrideFinding(desk(), dana, days[1], {
      itemId: itemIds['market-again']!,
      kind: 'picture-like-taken-down',
      reason: 'Another market day: the principal checked, every child here has a release.',
    });
    expect(overridden.open.filter((f) => f.kind === 'picture-like-taken-down')).toEqual([]);
    await publishDesk(desk(), dana, days[1]);
  });
});
