// What a proxy, a CDN or an old browser reads from the real server: caching headers on every public route
// and no-store on the rest, X-Frame-Options beside frame-ancestors, and Content-Length on every HEAD.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskDepsOf, publishDesk, saveDesk, type DeskActor } from '../curate/desk';
import { listItemsPublishedBetween } from '../db/items';
import { changeSetting } from '../settings/district-settings';
import { addSchoolWithSource, item, storeItems } from '../../test/fixtures';
import { startTestApp, type TestApp } from '../../test/test-app';

const NOON_20 = Date.parse('2026-11-20T18:00:00Z');

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

describe('response headers on the real server', () => {
  let app: TestApp;

  /** Exactly these request headers (fetch would add Accept-Encoding and decompress), on a new connection. */
  const send = (method: string, path: string, headers: Record<string, string> = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const req = httpRequest(`${app.url}${path}`, { method, headers, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.on('error', reject);
      req.end();
    });

  const PAGES = [
    '/',
    '/digests/2026-11-20',
    '/archive',
    '/schools',
    '/schools/lincoln-elementary',
    '/feed.xml',
    '/feed.atom',
    '/feed.json',
    '/schools/lincoln-elementary/feed.xml',
    '/schools/lincoln-elementary/feed.atom',
    '/schools/lincoln-elementary/feed.json',
    '/embed',
    '/embed?count=2&school=lincoln-elementary',
  ];
  let oembed: string;

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.runtime.deps.db;
    const lincoln = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    await storeItems(db, lincoln.source.id, [
      item({
        guid: 'pumpkins',
        title: 'Pumpkin measuring day',
        publishedAt: NOON_20,
        summary: 'Six pumpkins.',
      }),
    ]);
    const editor: DeskActor = { type: 'cli', label: 'test', role: 'admin', userId: null };
    const [post] = await listItemsPublishedBetween(db, 0, NOON_20 * 2);
    await saveDesk(deskDepsOf(app.runtime.deps), editor, '2026-11-20', { entries: [{ itemId: post!.id }] });
    await publishDesk(deskDepsOf(app.runtime.deps), editor, '2026-11-20');
    await changeSetting(db, 'embed_origins', 'https://www.district.example', Date.now());
    oembed = `/oembed?url=${encodeURIComponent(`${app.url}/digests/2026-11-20`)}`;
  });
  afterAll(() => app.close());

  it('public pages, feeds and the embed may be kept a minute by anyone, with an ETag and a Last-Modified', async () => {
    for (const path of [...PAGES, oembed]) {
      const { status, headers } = await send('GET', path);
      expect([path, status]).toEqual([path, 200]);
      expect([path, headers['cache-control']]).toEqual([path, 'public, max-age=60']);
      expect(headers.etag, path).toMatch(/^"[^"]+"$/);
      expect(Number.isNaN(Date.parse(headers['last-modified'] ?? '')), path).toBe(false);
    }
    // The loader script and what search engines read change rarely.
    expect((await send('GET', '/embed.js')).headers['cache-control']).toBe('public, max-age=3600');
    expect((await send('GET', '/sitemap.xml')).headers['cache-control']).toBe('public, max-age=3600');
    expect((await send('GET', '/robots.txt')).headers['cache-control']).toBe('public, max-age=86400');
    // A query string of its own changes nothing about how long the answer may be kept.
    expect((await send('GET', '/?utm_source=newsletter')).headers['cache-control']).toBe(
      'public, max-age=60',
    );
  });

  it('a shared cache revalidates a public page with either validator and gets a 304', async () => {
    const first = await send('GET', '/digests/2026-11-20');
    const byTag = await send('GET', '/digests/2026-11-20', { 'if-none-match': first.headers.etag! });
    expect(byTag.status).toBe(304);
    expect(byTag.headers['cache-control']).toBe('public, max-age=60');
    const byDate = await send('GET', '/digests/2026-11-20', {
      'if-modified-since': first.headers['last-modified']!,
    });
    expect(byDate.status).toBe(304);
  });

  it('answers that belong to one person, or to no one, are kept by no shared cache', async () => {
    expect((await send('GET', '/healthz')).headers['cache-control']).toBe('no-store');
    expect((await send('GET', '/subscribe')).headers['cache-control']).toBe('no-store');
    // The sign-in form sets its CSRF cookie.
    const login = await send('GET', '/admin/login');
    expect(login.headers['set-cookie']).toBeDefined();
    expect(login.headers['cache-control']).toBe('private, no-store');
    for (const path of ['/admin', '/api/v1/sources', '/digests/2031-01-01', '/nowhere', '/?page=x']) {
      const { status, headers } = await send('GET', path);
      expect(status, path).toBeGreaterThanOrEqual(300);
      expect(headers['cache-control'], path).toMatch(/^(private, )?no-store$/);
    }
    const unsubscribe = await send('GET', '/unsubscribe?token=nonsense');
    expect(unsubscribe.headers['cache-control']).toMatch(/^(private, )?no-store$/);
  });

  it('tells older browsers not to frame what the policy forbids framing, and lets the embed be framed', async () => {
    for (const path of ['/', '/digests/2026-11-20', '/feed.xml', '/admin/login', '/nowhere']) {
      const { headers } = await send('GET', path);
      expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
      expect(headers['x-frame-options'], path).toBe('DENY');
    }
    for (const path of ['/embed', '/embed?count=2']) {
      const { headers } = await send('GET', path);
      expect(headers['content-security-policy'], path).toContain(
        "frame-ancestors 'self' https://www.district.example",
      );
      expect(headers['x-frame-options'], path).toBeUndefined();
    }
  });

  it('every HEAD says the Content-Length its GET would have, compressed or not', async () => {
    const paths = [
      ...PAGES,
      oembed,
      `${oembed}&maxwidth=300`,
      '/?page=9',
      '/embed.js',
      '/sitemap.xml',
      '/robots.txt',
      '/healthz',
      '/subscribe',
      '/subscribe/confirm?token=nonsense',
      '/unsubscribe?token=nonsense',
      '/preferences?token=nonsense',
      '/assets/site.css',
      '/favicon.svg',
      '/favicon.ico',
      '/favicon.png',
      '/apple-touch-icon.png',
      '/site.webmanifest',
      '/logo',
      '/admin/login',
      '/admin/forgot',
      '/nowhere',
    ];
    for (const encoding of [{}, { 'accept-encoding': 'gzip' }] as Record<string, string>[])
      for (const path of paths) {
        const get = await send('GET', path, encoding);
        const head = await send('HEAD', path, encoding);
        expect([path, head.status]).toEqual([path, get.status]);
        expect([path, head.headers['content-encoding']]).toEqual([path, get.headers['content-encoding']]);
        expect([path, head.headers['content-length']]).toEqual([path, String(get.body.length)]);
        expect(head.body.length).toBe(0);
      }
    const redirect = await send('HEAD', '/admin');
    expect(redirect.status).toBe(303);
    expect(redirect.headers['content-length']).toBe('0');
  });
});
