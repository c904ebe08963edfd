// The public cache on its own, in front of a counting app: hits, revisions, conditional requests, HEAD,
// eviction, and what it must never keep.
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database';
import { touchPublicStatement } from '../db/site-state';
import { publicCacheKey } from './public-addresses';
import { acceptsGzip, createPublicCache, REVISION_RECHECK_MS, unmodifiedSince } from './public-cache';

function counting(body = 'hello') {
  const calls: string[] = [];
  const heard: Headers[] = [];
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    calls.push(`${request.method} ${url.pathname}${url.search}`);
    heard.push(request.headers);
    if (url.pathname.endsWith('/nope')) return new Response('missing', { status: 404 });
    if (request.headers.has('x-test-cookie')) return new Response('x', { headers: { 'set-cookie': 'a=b' } });
    return new Response(`${body} ${calls.length}`, {
      headers: { 'content-type': 'text/plain', 'last-modified': 'Sat, 21 Nov 2026 15:00:00 GMT' },
    });
  };
  return { calls, heard, fetch };
}

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  new Request(`http://yesterday.test${path}`, { method, headers });

describe('the public cache', () => {
  it('renders once per revision, and again as soon as this process commits a public change', async () => {
    const { database: db } = createTestDatabase();
    const app = counting();
    const fetch = createPublicCache(db).wrap(app.fetch);
    expect(await (await fetch(get('/feed.xml'))).text()).toBe('hello 1');
    expect(await (await fetch(get('/feed.xml'))).text()).toBe('hello 1');
    await db.batch([touchPublicStatement(db)]);
    expect(await (await fetch(get('/feed.xml'))).text()).toBe('hello 2');
    expect(app.calls).toEqual(['GET /feed.xml', 'GET /feed.xml']);
  });

  it('sees a change committed by another connection within a second', async () => {
    const handle = createTestDatabase();
    const other = { ...handle.database, publicTicks: 0 }; // same file, but its ticks are not ours
    const app = counting();
    const fetch = createPublicCache(handle.database).wrap(app.fetch);
    await fetch(get('/'));
    const before = handle.database.publicTicks;
    await other.batch([touchPublicStatement(other)]);
    handle.database.publicTicks = before; // as if the write had happened in another process
    await new Promise((resolve) => setTimeout(resolve, REVISION_RECHECK_MS + 50));
    expect(await (await fetch(get('/'))).text()).toBe('hello 2');
  });

  it('answers conditional requests and HEAD from memory', async () => {
    const { database: db } = createTestDatabase();
    const app = counting();
    const fetch = createPublicCache(db).wrap(app.fetch);
    const first = await fetch(get('/digests/2026-11-20'));
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"\w+"$/);
    expect((await fetch(get('/digests/2026-11-20', { 'if-none-match': etag }))).status).toBe(304);
    expect((await fetch(get('/digests/2026-11-20', { 'if-none-match': `W/${etag}` }))).status).toBe(304);
    expect((await fetch(get('/digests/2026-11-20', { 'if-none-match': '"else"' }))).status).toBe(200);
    expect(
      (await fetch(get('/digests/2026-11-20', { 'if-modified-since': 'Sat, 21 Nov 2026 15:00:00 GMT' })))
        .status,
    ).toBe(304);
    const head = await fetch(get('/digests/2026-11-20', {}, 'HEAD'));
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(await first.text())));
    expect(await head.text()).toBe('');
    expect(app.calls).toEqual(['GET /digests/2026-11-20']);
  });

  it('takes no If-Modified-Since later than now as a reason for a 304 (a reader whose clock runs ahead)', async () => {
    const { database: db } = createTestDatabase();
    const fetch = createPublicCache(db, { now: () => Date.parse('2026-11-22T08:00:00Z') }).wrap(
      counting().fetch,
    );
    const since = (value: string) => fetch(get('/feed.xml', { 'if-modified-since': value }));
    expect((await since('Sat, 21 Nov 2026 15:00:00 GMT')).status).toBe(304);
    expect((await since('Sun, 22 Nov 2026 07:59:59 GMT')).status).toBe(304);
    expect((await since('Sun, 22 Nov 2026 08:00:01 GMT')).status).toBe(200);
    expect((await since('Fri, 01 Jan 2027 00:00:00 GMT')).status).toBe(200);
    expect((await since('yesterday')).status).toBe(200);
  });

  it('compares If-Modified-Since at the whole seconds HTTP dates have', () => {
    const now = Date.parse('2026-11-22T08:00:00Z');
    const modified = Date.parse('2026-11-21T15:00:00.750Z');
    expect(unmodifiedSince('Sat, 21 Nov 2026 15:00:00 GMT', modified, now)).toBe(true);
    expect(unmodifiedSince('Sat, 21 Nov 2026 14:59:59 GMT', modified, now)).toBe(false);
    expect(unmodifiedSince(undefined, modified, now)).toBe(false);
    expect(unmodifiedSince('Sat, 21 Nov 2026 15:00:00 GMT', Number.NaN, now)).toBe(false);
    // What this server sent is taken back even after its clock was set back before it; a later date is not.
    const ahead = Date.parse('2026-11-23T10:00:00.200Z');
    expect(unmodifiedSince('Mon, 23 Nov 2026 10:00:00 GMT', ahead, now)).toBe(true);
    expect(unmodifiedSince('Mon, 23 Nov 2026 10:00:01 GMT', ahead, now)).toBe(false);
  });

  it('keeps the Last-Modified of a page rendered again with the same bytes, so If-Modified-Since still matches', async () => {
    const { database: db } = createTestDatabase();
    let body = 'the same page';
    let renderedAt = Date.parse('2026-11-21T15:00:00Z');
    const app = async (request: Request) =>
      new Response(request.method === 'GET' ? body : null, {
        headers: { 'last-modified': new Date(renderedAt).toUTCString() },
      });
    const fetch = createPublicCache(db).wrap(app);
    const first = await fetch(get('/'));
    expect(first.headers.get('last-modified')).toBe('Sat, 21 Nov 2026 15:00:00 GMT');
    // Another page changed: this one is rendered again, an hour later, to the same bytes.
    renderedAt += 3600_000;
    await db.batch([touchPublicStatement(db)]);
    const again = await fetch(get('/'));
    expect(again.headers.get('last-modified')).toBe('Sat, 21 Nov 2026 15:00:00 GMT');
    expect((await fetch(get('/', { 'if-modified-since': 'Sat, 21 Nov 2026 15:00:00 GMT' }))).status).toBe(
      304,
    );
    // Its own bytes changed: the time of that rendering.
    body = 'a changed page';
    renderedAt += 3600_000;
    await db.batch([touchPublicStatement(db)]);
    const changed = await fetch(get('/', { 'if-modified-since': 'Sat, 21 Nov 2026 15:00:00 GMT' }));
    expect(changed.status).toBe(200);
    expect(changed.headers.get('last-modified')).toBe('Sat, 21 Nov 2026 17:00:00 GMT');
  });

  it('never answers If-Modified-Since with a 304 for bytes the reader does not have', async () => {
    const { database: db } = createTestDatabase();
    const clock = { now: Date.parse('2026-11-21T15:00:00Z') };
    let body = 'the page';
    // A route that says a time of its own, which other bytes do not move (as a feed's latest digest).
    const app = async (request: Request) =>
      new Response(request.method === 'GET' ? body : null, {
        headers: { 'last-modified': 'Sat, 21 Nov 2026 15:00:00 GMT' },
      });
    const fetch = createPublicCache(db, { maxBodyBytes: 20, now: () => clock.now }).wrap(app);
    const change = async (to: string) => {
      body = to;
      clock.now += 3600_000;
      await db.batch([touchPublicStatement(db)]);
    };
    const modified = async (since?: string) => {
      const response = await fetch(get('/feed.xml', since ? { 'if-modified-since': since } : {}));
      return [response.status, response.headers.get('last-modified')];
    };
    expect(await modified()).toEqual([200, 'Sat, 21 Nov 2026 15:00:00 GMT']);
    // Other bytes, at the route's same time: later than the bytes kept before.
    await change('the page, renamed');
    expect(await modified('Sat, 21 Nov 2026 15:00:00 GMT')).toEqual([200, 'Sat, 21 Nov 2026 16:00:00 GMT']);
    // Bytes too large to keep are served all the same, later again; going back to the bytes kept before is a
    // change for a reader who holds the large ones.
    await change('x'.repeat(50));
    expect(await modified('Sat, 21 Nov 2026 16:00:00 GMT')).toEqual([200, 'Sat, 21 Nov 2026 17:00:00 GMT']);
    await change('the page, renamed');
    expect(await modified('Sat, 21 Nov 2026 17:00:00 GMT')).toEqual([200, 'Sat, 21 Nov 2026 18:00:00 GMT']);
    // And unchanged from there: a 304.
    clock.now += 3600_000;
    await db.batch([touchPublicStatement(db)]);
    expect(await modified('Sat, 21 Nov 2026 18:00:00 GMT')).toEqual([304, 'Sat, 21 Nov 2026 18:00:00 GMT']);
  });

  it('fills with a plain GET, so a client that already holds an old copy still gets the page kept', async () => {
    const { database: db } = createTestDatabase();
    const app = counting();
    const fetch = createPublicCache(db).wrap(app.fetch);
    const conditional = { 'if-none-match': '"old"', 'if-modified-since': 'Sat, 01 Nov 2026 00:00:00 GMT' };
    const first = await fetch(get('/feed.xml', conditional, 'HEAD'));
    expect(first.status).toBe(200);
    expect(app.calls).toEqual(['GET /feed.xml']);
    expect(app.heard[0]!.has('if-none-match')).toBe(false);
    expect(app.heard[0]!.has('if-modified-since')).toBe(false);
    expect(await (await fetch(get('/feed.xml'))).text()).toBe('hello 1');
  });

  it('keeps each address under the query parameters its page reads, in one spelling', () => {
    const digest = 'http://yesterday.test/digests/2026-11-20';
    const cases: [string, string | undefined][] = [
      ['/?r=1', '/'],
      ['/?page=1&utm_source=newsletter', '/'],
      ['/?page=2&fbclid=x', '/?page=2'],
      ['/?page=abc', '/?page=abc'], // a 404, never kept
      ['/digests/2026-11-20?r=1', '/digests/2026-11-20'],
      ['/archive?x', '/archive'],
      ['/schools?x=1', '/schools'],
      ['/schools/lincoln?page=3&r=9', '/schools/lincoln?page=3'],
      ['/schools/lincoln/feed.atom?r=1', '/schools/lincoln/feed.atom'],
      ['/feed.xml?r=1', '/feed.xml'],
      ['/feed.json?', '/feed.json'],
      ['/embed?r=1', '/embed'],
      ['/embed?count=1', '/embed'],
      ['/embed?count=03&r=2', '/embed?count=3'],
      ['/embed?count=99', '/embed?count=5'],
      ['/embed?count=2.5', '/embed?count=2'],
      ['/embed?school=lincoln&count=4&date=2026-11-20', '/embed?date=2026-11-20&school=lincoln'],
      ['/embed?lang=es', '/embed?lang=es'],
      ['/embed?lang=fr', '/embed'], // no language Yesterday has words for: the district's own
      ['/embed?lang=zz&theme=dark', '/embed'],
      // Escapes are sent on to the plain spelling (plainPublicPath), never kept under their own.
      ['/digests/2026-11-2%30', undefined],
      ['/%65s/digests/2026-11-20', undefined],
      ['/embed.js?v=1', '/embed.js'],
      [
        `/oembed?url=${encodeURIComponent(digest)}&format=json&r=1`,
        `/oembed?url=${encodeURIComponent(digest)}`,
      ],
      // The address it names, in one spelling: the host and path the answer reads, nothing else.
      ...[
        `${digest}?r=1`,
        `${digest}/#top`,
        'http://YESTERDAY.test/digests/2026-11-20',
        'http://someone:secret@yesterday.test/digests/2026-11-20',
      ].map((spelled): [string, string] => [
        `/oembed?url=${encodeURIComponent(spelled)}`,
        `/oembed?url=${encodeURIComponent(digest)}`,
      ]),
      [
        `/oembed?url=${encodeURIComponent('http://yesterday.test/?r=2')}`,
        `/oembed?url=${encodeURIComponent('http://yesterday.test/')}`,
      ],
      [
        `/oembed?url=${encodeURIComponent(`${digest}//`)}`, // a 404, never kept
        `/oembed?url=${encodeURIComponent(`${digest}//`)}`,
      ],
      ['/oembed?url=x&format=xml', '/oembed?url=x&format=xml'], // a 501, never kept
      ['/oembed?url=x&maxwidth=300', undefined],
      ['/sitemap.xml?r=1', '/sitemap.xml'],
      ['/robots.txt?r=1', '/robots.txt'],
      ['/admin?r=1', undefined],
      ['/subscribe', undefined],
      ['/feed.xml/', undefined],
      [`/digests/${'x'.repeat(400)}`, undefined],
    ];
    for (const [target, key] of cases) {
      const at = target.indexOf('?');
      const path = at === -1 ? target : target.slice(0, at);
      expect([target, publicCacheKey(path, at === -1 ? '' : target.slice(at + 1))]).toEqual([target, key]);
    }
  });

  it('asks the app for the address as kept, and answers every other spelling of it from memory', async () => {
    const { database: db } = createTestDatabase();
    const app = counting();
    const fetch = createPublicCache(db).wrap(app.fetch);
    expect(await (await fetch(get('/embed?count=03&utm_source=x'))).text()).toBe('hello 1');
    expect(await (await fetch(get('/embed?r=2&count=3'))).text()).toBe('hello 1');
    expect(await (await fetch(get('/?page=1'))).text()).toBe('hello 2');
    expect(await (await fetch(get('/'))).text()).toBe('hello 2');
    expect(app.calls).toEqual(['GET /embed?count=3', 'GET /']);
  });

  it('a thousand query strings of their own render nothing and leave the cache holding what it held', async () => {
    const { database: db } = createTestDatabase();
    const app = counting();
    const cache = createPublicCache(db);
    const fetch = cache.wrap(app.fetch);
    const digest = encodeURIComponent('http://yesterday.test/digests/2026-11-20');
    const addresses = [
      '/',
      '/digests/2026-11-20',
      '/feed.xml',
      '/embed',
      '/schools/lincoln?page=2',
      `/oembed?url=${digest}`,
    ];
    for (const address of addresses) await fetch(get(address));
    const calls = app.calls.length;
    const held = cache.keys();
    for (let r = 0; r < 1000; r++) {
      for (const address of addresses) {
        const response = await fetch(get(`${address}${address.includes('?') ? '&' : '?'}r=${r}`));
        expect(response.status).toBe(200);
      }
      // oEmbed's own parameter is an address, which can be spelled a thousand ways too.
      const spelled = encodeURIComponent(`http://yesterday.test/digests/2026-11-20?r=${r}`);
      expect((await fetch(get(`/oembed?url=${spelled}`))).status).toBe(200);
    }
    expect(app.calls.length).toBe(calls);
    expect(cache.size()).toBe(held.length);
    expect(new Set(cache.keys())).toEqual(new Set(held));
  });

  it('keeps no errors, no responses that set cookies, nothing private, and no more than it may hold', async () => {
    const { database: db } = createTestDatabase();
    const app = counting();
    const cache = createPublicCache(db, { maxEntries: 2 });
    const fetch = cache.wrap(app.fetch);
    await fetch(get('/digests/nope'));
    await fetch(get('/digests/nope'));
    await fetch(get('/admin/inbox'));
    await fetch(get('/admin/inbox'));
    await fetch(get('/embed', { 'x-test-cookie': '1' }));
    await fetch(get('/embed', { 'x-test-cookie': '1' }));
    await fetch(get('/feed.xml', { authorization: 'Bearer yd_x' }));
    await fetch(get('/feed.xml', { authorization: 'Bearer yd_x' }));
    expect(app.calls.length).toBe(8);
    expect(cache.size()).toBe(0);

    for (const path of ['/', '/archive', '/feed.atom', '/']) await fetch(get(path));
    expect(cache.size()).toBe(2);
    expect(app.calls.slice(8)).toEqual(['GET /', 'GET /archive', 'GET /feed.atom', 'GET /']);
  });

  it('keeps a gzip copy made once, for clients that accept it, with Vary and a weak tag that still validates', async () => {
    const { database: db } = createTestDatabase();
    const app = counting('a digest page long enough to be worth compressing. '.repeat(60));
    let compressions = 0;
    const fetch = createPublicCache(db, {
      gzip: (body) => (compressions++, gzipSync(body)),
    }).wrap(app.fetch);
    const plain = await fetch(get('/digests/2026-11-20'));
    const text = await plain.text();
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    const etag = plain.headers.get('etag')!;

    const zipped = await fetch(get('/digests/2026-11-20', { 'accept-encoding': 'br, gzip;q=0.8' }));
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toBe('Accept-Encoding');
    expect(zipped.headers.get('etag')).toBe(`W/${etag}`);
    const bytes = new Uint8Array(await zipped.arrayBuffer());
    expect(bytes.length).toBeLessThan(text.length / 5);
    expect(gunzipSync(bytes).toString()).toBe(text);

    const refused = await fetch(get('/digests/2026-11-20', { 'accept-encoding': 'gzip;q=0, identity' }));
    expect(refused.headers.get('content-encoding')).toBeNull();
    for (const tag of [etag, `W/${etag}`]) {
      const revalidated = await fetch(
        get('/digests/2026-11-20', { 'accept-encoding': 'gzip', 'if-none-match': tag }),
      );
      expect(revalidated.status).toBe(304);
      expect(revalidated.headers.get('content-encoding')).toBe('gzip');
    }
    expect(app.calls.length).toBe(1);
    expect(compressions).toBe(1);

    // Bodies too small to gain stay as they are.
    const small = createPublicCache(db, { gzip: gzipSync }).wrap(counting('short').fetch);
    expect(
      (await small(get('/feed.xml', { 'accept-encoding': 'gzip' }))).headers.get('content-encoding'),
    ).toBeNull();
  });

  it('reads Accept-Encoding as RFC 9110 says', () => {
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('')).toBe(false);
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('GZIP')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0.5')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('gzip;q=0.0, *')).toBe(false);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('*;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip('deflate, br')).toBe(false);
  });
});
