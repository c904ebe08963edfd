// The desk shows posts' pictures through the server: the coordinator's browser loads nothing from a teacher's
// site. Pictures come from a real HTTP server on 127.0.0.1 through the guarded fetcher, are made small with
// sharp, and are kept so that a desk opened all morning fetches each once.
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveDesk, deskDepsOf } from '../src/curate/desk';
import { listItemsPublishedBetween } from '../src/db/items';
import { createNodeFetcher } from '../src/ingest/fetch-feed-node';
import { silentLogger } from '../src/log';
import {
  BUSY,
  createDeskPictures,
  MAX_PASSED_ON_BYTES,
  pictureTypeOf,
  THUMBNAIL_SIDE,
} from '../src/pictures/desk-pictures';
import { MAX_PICTURE_BYTES } from '../src/pictures/picture-types';
import type { Client } from './browser-client';
import { addSchoolWithSource, item, storeItems } from './fixtures';
import { serveBody, startTestServer, type TestServer } from './http-server';
import { animatedGif, phonePhoto, webpPhoto } from './photos';
import { signedInClient, startTestApp, type TestApp } from './test-app';

const NOON_20 = Date.parse('2026-11-20T18:00:00Z');

describe('pictures at the desk', () => {
  let app: TestApp;
  let teacher: TestServer;
  let dana: Client;
  const ids: Record<string, number> = {};
  const hits = (path: string) => teacher.requests.filter((r) => r.path === path).length;

  beforeAll(async () => {
    teacher = await startTestServer();
    teacher.route('/phone.jpg', serveBody(await phonePhoto(), 'image/jpeg'));
    teacher.route('/second.webp', serveBody(await webpPhoto(), 'image/webp'));
    teacher.route('/login.jpg', serveBody('<!doctype html><title>Sign in</title>', 'image/jpeg'));
    app = await startTestApp();
    const db = app.runtime.deps.db;
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    await storeItems(db, source.id, [
      item({
        guid: 'trip',
        publishedAt: NOON_20,
        imageUrl: `${teacher.url}/phone.jpg`,
        contentHtml: `<p>Our trip.</p><p><img src="${teacher.url}/second.webp" alt="The bus"></p>`,
      }),
      item({ guid: 'gone', publishedAt: NOON_20 + 60_000, imageUrl: `${teacher.url}/missing.jpg` }),
      item({ guid: 'login', publishedAt: NOON_20 + 120_000, imageUrl: `${teacher.url}/login.jpg` }),
    ]);
    for (const i of await listItemsPublishedBetween(db, 0, NOON_20 * 2)) ids[i.guid] = i.id;
    dana = await signedInClient(app, 'dana@district.example', 'editor');
    await saveDesk(
      deskDepsOf(app.runtime.deps),
      { type: 'cli', label: 'test', role: 'admin', userId: null },
      '2026-11-20',
      { entries: [{ itemId: ids.trip! }] },
    );
  });
  afterAll(async () => {
    await app.close();
    await teacher.close();
  });

  it("points every picture on the desk at the server, never at the teacher's site", async () => {
    const before = teacher.requests.length;
    const page = await (await dana.get('/admin/inbox?date=2026-11-20')).text();
    const sources = [...page.matchAll(/<img[^>]*\ssrc="([^"]*)"/g)].map((m) =>
      m[1]!.replaceAll('&amp;', '&'),
    );
    const own = (path: string) =>
      `/admin/inbox/pictures/${ids.trip}?url=${encodeURIComponent(teacher.url + path)}`;
    // The inbox's thumbnail, and both choices of the entry (the post's picture and the one in its text).
    expect(sources).toContain(own('/phone.jpg'));
    expect(sources).toContain(own('/second.webp'));
    expect(sources.filter((src) => src.includes(teacher.url) && !src.startsWith('/admin/'))).toEqual([]);
    expect(teacher.requests.length).toBe(before);
  });

  it('sends a small upright WebP without the phone’s metadata, fetched once however often it is asked for', async () => {
    // The entry's picture was fetched once already, when the save copied it for publishing.
    const fetchedAtSave = hits('/phone.jpg');
    const address = `/admin/inbox/pictures/${ids.trip}?url=${encodeURIComponent(`${teacher.url}/phone.jpg`)}`;
    const [first, second] = await Promise.all([dana.get(address), dana.get(address)]);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/webp');
    expect(first.headers.get('cache-control')).toBe('private, max-age=3600');
    const bytes = Buffer.from(await first.arrayBuffer());
    expect(Buffer.from(await second.arrayBuffer()).equals(bytes)).toBe(true);
    const meta = await sharp(bytes).metadata();
    // Stored 800×600 on its side: upright 600×800, brought inside 320×320.
    expect([meta.width, meta.height]).toEqual([240, THUMBNAIL_SIDE]);
    expect(await exifr.parse(bytes, { gps: true }).catch(() => undefined)).toBeUndefined();
    expect((await dana.get(address)).status).toBe(200);
    expect(hits('/phone.jpg')).toBe(fetchedAtSave + 1);
  });

  it("fetches only the post's own pictures", async () => {
    const before = teacher.requests.length;
    for (const url of [`${teacher.url}/second.webp`, 'http://169.254.169.254/latest/meta-data/', '']) {
      const other = await dana.get(`/admin/inbox/pictures/${ids.gone}?url=${encodeURIComponent(url)}`);
      expect(other.status).toBe(404);
    }
    expect((await dana.get(`/admin/inbox/pictures/999999?url=x`)).status).toBe(404);
    expect(teacher.requests.length).toBe(before);
  });

  it('shows a frame where the picture is missing or is not a picture', async () => {
    for (const [guid, path] of [
      ['gone', '/missing.jpg'],
      ['login', '/login.jpg'],
    ] as const) {
      const answer = await dana.get(
        `/admin/inbox/pictures/${ids[guid]}?url=${encodeURIComponent(teacher.url + path)}`,
      );
      expect(answer.status).toBe(502);
      expect(answer.headers.get('content-type')).toBe('image/svg+xml');
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(await answer.text()).toMatch(/^<svg /);
    }
  });

  it('is for signed-in staff only', async () => {
    const address = `/admin/inbox/pictures/${ids.trip}?url=${encodeURIComponent(`${teacher.url}/phone.jpg`)}`;
    const answer = await fetch(app.url + address, { redirect: 'manual' });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toMatch(/^\/admin\/login\?next=/);
  });
});

describe('createDeskPictures without a maker (Workers)', () => {
  let teacher: TestServer;
  beforeAll(async () => {
    teacher = await startTestServer();
    teacher.route('/a.webp', serveBody(await webpPhoto(), 'image/webp'));
    teacher.route('/b.gif', serveBody(await animatedGif(), 'image/gif'));
    teacher.route('/page.jpg', serveBody('<html>not a picture</html>', 'image/jpeg'));
  });
  afterAll(() => teacher.close());

  const make = (keptBytes?: number) => {
    let now = 0;
    const fetcher = createNodeFetcher({
      publicUrl: 'https://district.example',
      allowPrivateNetworks: true,
      subject: 'picture',
      limits: { maxBodyBytes: MAX_PICTURE_BYTES, deadlineMs: 5000 },
    });
    const pictures = createDeskPictures({ fetcher, log: silentLogger, now: () => now }, { keptBytes });
    return { pictures, later: (ms: number) => (now += ms), close: () => fetcher.close() };
  };

  it('passes the original on as it came, when its first bytes say it is a picture a browser shows', async () => {
    const { pictures, close } = make();
    const webp = await pictures.get(`${teacher.url}/a.webp`);
    expect(webp).toMatchObject({ type: 'image/webp' });
    expect(Buffer.from((webp as { bytes: Uint8Array }).bytes).equals(await webpPhoto())).toBe(true);
    expect(await pictures.get(`${teacher.url}/b.gif`)).toMatchObject({ type: 'image/gif' });
    expect(await pictures.get(`${teacher.url}/page.jpg`)).toEqual({
      error: 'The file is not a JPEG, PNG, GIF or WebP picture.',
    });
    await close();
  });

  it('asks again for a picture that failed a minute later, and forgets the oldest beyond its budget', async () => {
    const { pictures, later, close } = make((await webpPhoto()).length + 10);
    const count = (path: string) => teacher.requests.filter((r) => r.path === path).length;
    await pictures.get(`${teacher.url}/none.jpg`);
    await pictures.get(`${teacher.url}/none.jpg`);
    expect(count('/none.jpg')).toBe(1);
    later(60_000);
    await pictures.get(`${teacher.url}/none.jpg`);
    expect(count('/none.jpg')).toBe(2);

    const webps = count('/a.webp');
    await pictures.get(`${teacher.url}/a.webp`);
    await pictures.get(`${teacher.url}/a.webp`);
    expect(count('/a.webp')).toBe(webps + 1);
    await pictures.get(`${teacher.url}/b.gif`); // pushes the WebP out: only one fits
    await pictures.get(`${teacher.url}/a.webp`);
    expect(count('/a.webp')).toBe(webps + 2);
    await close();
  });

  it('fetches a kept picture again after an hour, and passes on no original over 5 MB', async () => {
    const { pictures, later, close } = make();
    const count = () => teacher.requests.filter((r) => r.path === '/a.webp').length;
    await pictures.get(`${teacher.url}/a.webp`);
    const fetched = count();
    later(59 * 60_000);
    await pictures.get(`${teacher.url}/a.webp`);
    expect(count()).toBe(fetched);
    later(60_000);
    await pictures.get(`${teacher.url}/a.webp`);
    expect(count()).toBe(fetched + 1);

    const large = Buffer.concat([await phonePhoto(), Buffer.alloc(MAX_PASSED_ON_BYTES)]);
    teacher.route('/large.jpg', serveBody(large, 'image/jpeg'));
    expect(await pictures.get(`${teacher.url}/large.jpg`)).toEqual({
      error: 'The picture is too large to show at the desk before it is copied.',
    });
    await close();
  });

  it('lets one slow site hold two fetches at most, so other sites’ pictures still come', async () => {
    const slow = await startTestServer();
    const held: (() => void)[] = [];
    let inFlight = 0;
    let most = 0;
    const webp = await webpPhoto();
    for (let n = 0; n < 6; n++)
      slow.route(`/${n}.webp`, (_request, response) => {
        most = Math.max(most, ++inFlight);
        held.push(() => {
          inFlight--;
          response.writeHead(200, { 'content-type': 'image/webp' }).end(webp);
        });
      });
    const { pictures, close } = make();
    const slowLooks = Array.from({ length: 6 }, (_, n) => pictures.get(`${slow.url}/${n}.webp`));
    await expect.poll(() => held.length).toBe(2);
    // Another school's picture comes while the slow site's wait.
    expect(await pictures.get(`${teacher.url}/b.gif`)).toMatchObject({ type: 'image/gif' });
    for (let n = 0; n < 6; n++) {
      await expect.poll(() => held.length).toBeGreaterThan(0);
      held.shift()!();
    }
    for (const look of await Promise.all(slowLooks)) expect(look).toMatchObject({ type: 'image/webp' });
    expect(most).toBe(2);
    expect(slow.requests.length).toBe(6);
    await close();
    await slow.close();
  });

  it('counts the turns of one feed together whatever hosts it names, and of one host whichever feeds name it', async () => {
    const hosts = [await startTestServer(), await startTestServer()];
    const held: (() => void)[] = [];
    const webp = await webpPhoto();
    for (const host of hosts)
      for (const n of [0, 1])
        host.route(`/${n}.webp`, (_request, response) => {
          held.push(() => response.writeHead(200, { 'content-type': 'image/webp' }).end(webp));
        });
    const { pictures, close } = make();
    const looks = hosts.flatMap((host) => [0, 1].map((n) => pictures.get(`${host.url}/${n}.webp`, '7')));
    await expect.poll(() => held.length).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(held.length).toBe(2); // the other two wait, though their host has none of its own running
    for (let n = 0; n < 4; n++) {
      await expect.poll(() => held.length).toBeGreaterThan(0);
      held.shift()!();
    }
    for (const look of await Promise.all(looks)) expect(look).toMatchObject({ type: 'image/webp' });
    // Nor can one host whichever feeds name it (a district server with every school's blog on it).
    const byFeeds = ['8', '9'].flatMap((feed) =>
      [0, 1].map((n) => pictures.get(`${hosts[0]!.url}/${n}.webp?feed=${feed}`, feed)),
    );
    await expect.poll(() => held.length).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(held.length).toBe(2);
    for (let n = 0; n < 4; n++) {
      await expect.poll(() => held.length).toBeGreaterThan(0);
      held.shift()!();
    }
    for (const look of await Promise.all(byFeeds)) expect(look).toMatchObject({ type: 'image/webp' });
    await close();
    for (const host of hosts) await host.close();
  });

  it('answers at once, and remembers nothing, when too many looks are waiting', async () => {
    const slow = await startTestServer();
    const held: (() => void)[] = [];
    const webp = await webpPhoto();
    slow.route('/held.webp', (_request, response) => {
      held.push(() => response.writeHead(200, { 'content-type': 'image/webp' }).end(webp));
    });
    const { pictures, close } = make();
    // Two fetches run and 64 wait (distinct addresses on one site); the next is turned away.
    const looks = Array.from({ length: 66 }, (_, n) => pictures.get(`${slow.url}/held.webp?n=${n}`));
    await expect.poll(() => held.length).toBe(2);
    expect(await pictures.get(`${slow.url}/held.webp?n=66`)).toEqual({ error: BUSY });
    const drain = setInterval(() => held.splice(0).forEach((answer) => answer()), 5);
    await Promise.all(looks);
    clearInterval(drain);
    // Not remembered as a failure: the next look fetches it.
    const next = pictures.get(`${slow.url}/held.webp?n=66`);
    await expect.poll(() => held.length).toBe(1);
    held.shift()!();
    expect(await next).toMatchObject({ type: 'image/webp' });
    await close();
    await slow.close();
  });

  it('tells the four formats apart by their first bytes', async () => {
    expect(pictureTypeOf(await phonePhoto())).toBe('image/jpeg');
    expect(pictureTypeOf(await webpPhoto())).toBe('image/webp');
    expect(pictureTypeOf(await animatedGif())).toBe('image/gif');
    expect(
      pictureTypeOf(
        await sharp({ create: { width: 2, height: 2, channels: 3, background: '#fff' } })
          .png()
          .toBuffer(),
      ),
    ).toBe('image/png');
    expect(
      pictureTypeOf(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')),
    ).toBeUndefined();
    expect(pictureTypeOf(new Uint8Array())).toBeUndefined();
  });
});
