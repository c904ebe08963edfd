// The Node fetcher against real, hostile HTTP servers on 127.0.0.1. The address policy lets the tests treat
// 127.0.0.1 as "public" and 127.0.0.2 (also loopback on Linux) as the private network to protect.
import { spawn } from 'node:child_process';
import { lookup as systemLookup } from 'node:dns';
import { connect, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/http-server';
import { isNeverFetched } from './address-guard';
import { createNodeFetcher, type NodeFetcherOptions } from './fetch-feed-node';
import type { FeedFetcher } from './fetcher';

const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>';

function fetcherFor(overrides: Partial<NodeFetcherOptions> = {}): FeedFetcher {
  return createNodeFetcher({
    publicUrl: 'https://digest.district.example',
    allowPrivateNetworks: false,
    isAllowedAddress: (address) => address === '127.0.0.1',
    limits: { deadlineMs: 1500, connectTimeoutMs: 1000, maxBodyBytes: 1024 * 1024 },
    now: () => Date.parse('2026-11-21T15:00:00Z'),
    ...overrides,
  });
}

async function socketsClose(server: TestServer): Promise<number> {
  for (let i = 0; i < 50 && server.openSockets() > 0; i++) await new Promise((r) => setTimeout(r, 20));
  return server.openSockets();
}

/** DNS as a test wants it: `host` resolves to what `address()` says at the time, any other name as usual. */
function answering(host: string, address: () => string): typeof systemLookup {
  return ((
    hostname: string,
    options: object,
    callback: (e: Error | null, a: { address: string; family: number }[]) => void,
  ) => {
    if (hostname !== host) return systemLookup(hostname, options, callback as never);
    const answer = address();
    callback(null, [{ address: answer, family: answer.includes(':') ? 6 : 4 }]);
  }) as unknown as typeof systemLookup;
}

describe('createNodeFetcher', () => {
  let server: TestServer;
  let blocked: TestServer;
  let fetcher: FeedFetcher;

  beforeAll(async () => {
    server = await startTestServer();
    blocked = await startTestServer(); // on 127.0.0.1 too; reached as 127.0.0.2 it must never be contacted
  });
  afterAll(async () => {
    await server.close();
    await blocked.close();
  });
  afterEach(async () => {
    await fetcher?.close();
  });

  it('sends an honest User-Agent and an Accept header for feeds', async () => {
    server.route('/ok', (_q, r) =>
      r
        .writeHead(200, {
          'content-type': 'application/rss+xml',
          etag: '"v1"',
          'last-modified': 'Fri, 20 Nov 2026 10:00:00 GMT',
          'cache-control': 'max-age=3600',
        })
        .end(RSS),
    );
    fetcher = fetcherFor();
    const outcome = await fetcher.fetch({ url: `${server.url}/ok` });
    expect(outcome).toMatchObject({
      status: 'fetched',
      etag: '"v1"',
      lastModified: 'Fri, 20 Nov 2026 10:00:00 GMT',
      maxAgeMs: 3_600_000,
    });
    const request = server.requests.findLast((r) => r.path === '/ok')!;
    expect(request.headers['user-agent']).toBe(
      'Yesterday/0.1 (school district daily digest; +https://digest.district.example)',
    );
    expect(request.headers.accept).toContain('application/rss+xml');
    expect(request.headers.accept).toContain('application/feed+json');
    expect(request.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('makes conditional requests and reports 304 as not modified', async () => {
    server.route('/conditional', (q, r) => {
      if (
        q.headers['if-none-match'] === '"v1"' &&
        q.headers['if-modified-since'] === 'Fri, 20 Nov 2026 10:00:00 GMT'
      )
        r.writeHead(304).end();
      else r.writeHead(200).end(RSS);
    });
    fetcher = fetcherFor();
    const outcome = await fetcher.fetch({
      url: `${server.url}/conditional`,
      etag: '"v1"',
      lastModified: 'Fri, 20 Nov 2026 10:00:00 GMT',
    });
    expect(outcome.status).toBe('not-modified');
  });

  it('keeps its connections across 304s and redirects, and does not wait for a slow redirect body', async () => {
    const ports: number[] = [];
    server.route('/unchanged', (q, r) => {
      ports.push(q.socket.remotePort!);
      r.writeHead(304, { etag: '"v1"' }).end();
    });
    server.route('/old-home', (q, r) => {
      ports.push(q.socket.remotePort!);
      r.writeHead(301, { location: '/unchanged', 'content-type': 'text/html' }).end('<p>Moved.</p>');
    });
    server.route('/dripping-redirect', (_q, r) => {
      r.writeHead(302, { location: '/unchanged' });
      const timer = setInterval(() => r.write('.'), 100);
      r.on('close', () => clearInterval(timer));
    });
    fetcher = fetcherFor();
    for (let n = 0; n < 4; n++) {
      const unchanged = await fetcher.fetch({ url: `${server.url}/unchanged`, etag: '"v1"' });
      expect(unchanged.status).toBe('not-modified');
      const moved = await fetcher.fetch({ url: `${server.url}/old-home`, etag: '"v1"' });
      expect(moved.status).toBe('not-modified');
    }
    expect(ports).toHaveLength(12);
    // The pool keeps two connections to a host and takes turns; neither was closed along the way.
    expect(new Set(ports).size).toBeLessThanOrEqual(2);

    const started = Date.now();
    expect((await fetcher.fetch({ url: `${server.url}/dripping-redirect`, etag: '"v1"' })).status).toBe(
      'not-modified',
    );
    expect(Date.now() - started).toBeLessThan(1400); // well inside the 1.5 s deadline
  });

  it('abandons a server that sends headers then a byte a second, and closes the socket', async () => {
    server.route('/slow', (_q, r) => {
      r.writeHead(200, { 'content-type': 'application/rss+xml' });
      const timer = setInterval(() => r.write('<'), 1000);
      r.on('close', () => clearInterval(timer));
    });
    fetcher = fetcherFor();
    const started = Date.now();
    const outcome = await fetcher.fetch({ url: `${server.url}/slow` });
    expect(outcome).toMatchObject({
      status: 'failed',
      message: 'The feed took longer than 1.5 seconds to download, so it was abandoned.',
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await socketsClose(server)).toBe(0);
  });

  it('keeps to a shorter deadline asked for one fetch', async () => {
    server.route('/slower', (_q, r) => {
      r.writeHead(200, { 'content-type': 'application/rss+xml' });
      const timer = setInterval(() => r.write('<'), 100);
      r.on('close', () => clearInterval(timer));
    });
    fetcher = fetcherFor();
    const outcome = await fetcher.fetch({ url: `${server.url}/slower`, deadlineMs: 400 });
    expect(outcome).toMatchObject({
      status: 'failed',
      message: 'The feed took longer than 0.4 seconds to download, so it was abandoned.',
    });
    // A longer one than the fetcher's own does not lengthen it.
    expect(await fetcher.fetch({ url: `${server.url}/slower`, deadlineMs: 60_000 })).toMatchObject({
      message: 'The feed took longer than 1.5 seconds to download, so it was abandoned.',
    });
  });

  it('stops reading an endless body at the size cap', async () => {
    server.route('/endless', (_q, r) => {
      r.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (r.write(chunk)) {
          /* fill the buffer */
        }
      };
      r.on('drain', pump);
      pump();
    });
    fetcher = fetcherFor();
    const outcome = await fetcher.fetch({ url: `${server.url}/endless` });
    expect(outcome).toMatchObject({
      status: 'failed',
      message: 'The feed is larger than 1 MiB (after decompression), so it was not read.',
    });
    expect(await socketsClose(server)).toBe(0);
  });

  it('stops a gzip bomb at the cap counted after decompression', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0));
    expect(bomb.length).toBeLessThan(100 * 1024);
    server.route('/bomb', (_q, r) => r.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb));
    fetcher = fetcherFor();
    const before = process.memoryUsage().rss;
    const outcome = await fetcher.fetch({ url: `${server.url}/bomb` });
    expect(outcome).toMatchObject({
      status: 'failed',
      message: 'The feed is larger than 1 MiB (after decompression), so it was not read.',
    });
    expect(process.memoryUsage().rss - before).toBeLessThan(40 * 1024 * 1024);
  });

  it.each([
    ['gzip', (b: Buffer) => gzipSync(b), { 'content-encoding': 'gzip' }],
    ['gzip sent without saying so', (b: Buffer) => gzipSync(b), {}],
    ['deflate (zlib)', (b: Buffer) => deflateSync(b), { 'content-encoding': 'deflate' }],
    ['deflate (raw)', (b: Buffer) => deflateRawSync(b), { 'content-encoding': 'deflate' }],
    ['brotli', (b: Buffer) => brotliCompressSync(b), { 'content-encoding': 'br' }],
  ])('decompresses %s', async (name, compress, headers) => {
    const path = `/enc-${name.replace(/\W+/g, '-')}`;
    server.route(path, (_q, r) => r.writeHead(200, headers).end(compress(Buffer.from(RSS))));
    fetcher = fetcherFor();
    const outcome = await fetcher.fetch({ url: `${server.url}${path}` });
    expect(outcome.status).toBe('fetched');
    expect(outcome.status === 'fetched' && new TextDecoder().decode(outcome.body)).toBe(RSS);
  });

  it('follows up to five redirects, notes where a permanently moved feed went, and refuses loops and long chains', async () => {
    for (let i = 1; i <= 7; i++)
      server.route(`/hop${i}`, (_q, r) =>
        r.writeHead(i === 3 ? 308 : 301, { location: `/hop${i + 1}` }).end(),
      );
    server.route('/hop8', (_q, r) => r.writeHead(200).end(RSS));
    server.route('/temp', (_q, r) => r.writeHead(302, { location: '/hop7' }).end());
    server.route('/loop-a', (_q, r) => r.writeHead(302, { location: '/loop-b' }).end());
    server.route('/loop-b', (_q, r) => r.writeHead(302, { location: '/loop-a' }).end());
    fetcher = fetcherFor();
    expect(await fetcher.fetch({ url: `${server.url}/hop4` })).toMatchObject({
      status: 'fetched',
      finalUrl: `${server.url}/hop8`,
      movedTo: `${server.url}/hop8`,
    });
    expect(await fetcher.fetch({ url: `${server.url}/temp` })).toMatchObject({
      status: 'fetched',
      movedTo: undefined,
    });
    expect(await fetcher.fetch({ url: `${server.url}/hop1` })).toMatchObject({
      status: 'failed',
      message: 'The address redirected more than 5 times.',
    });
    expect(await fetcher.fetch({ url: `${server.url}/loop-a` })).toMatchObject({
      status: 'failed',
      message: 'The address redirects in a loop.',
    });
  });

  it('refuses a redirect to a private address before connecting to it', async () => {
    const port = new URL(blocked.url).port;
    server.route('/to-private', (_q, r) =>
      r.writeHead(302, { location: `http://127.0.0.2:${port}/secret` }).end(),
    );
    server.route('/to-numeric', (_q, r) =>
      r.writeHead(302, { location: `http://2130706434:${port}/secret` }).end(),
    );
    server.route('/to-hex', (_q, r) =>
      r.writeHead(302, { location: `http://0x7f.0.0.2:${port}/secret` }).end(),
    );
    server.route('/to-mapped', (_q, r) =>
      r.writeHead(302, { location: `http://[::ffff:127.0.0.2]:${port}/secret` }).end(),
    );
    fetcher = fetcherFor();
    for (const path of ['/to-private', '/to-numeric', '/to-hex', '/to-mapped']) {
      const outcome = await fetcher.fetch({ url: `${server.url}${path}` });
      expect(outcome.status === 'failed' && outcome.message).toMatch(
        /^The address points to a private or internal network/,
      );
    }
    expect(blocked.requests).toHaveLength(0);
  });

  it('checks the address DNS answers at connection time, so a rebinding answer is refused', async () => {
    const port = new URL(server.url).port;
    let answers = 0;
    const lookup = answering('feeds.school.test', () => (++answers === 1 ? '127.0.0.1' : '127.0.0.2'));
    server.route('/rebind', (_q, r) => r.writeHead(200, { connection: 'close' }).end(RSS));
    fetcher = fetcherFor({ lookup });
    expect((await fetcher.fetch({ url: `http://feeds.school.test:${port}/rebind` })).status).toBe('fetched');
    const second = await fetcher.fetch({ url: `http://feeds.school.test:${port}/rebind` });
    expect(second.status === 'failed' && second.message).toMatch(
      /^The address points to a private or internal network/,
    );
  });

  it('refuses a name that resolves to an IPv6 address leading inward, with the default address policy', async () => {
    // NAT64 (well-known and local-use), 6to4, Teredo, IPv4-translated and IPv4-compatible forms of 10.0.0.1,
    // 169.254.169.254 and loopback: each refused before any connection is tried.
    const inward = [
      '64:ff9b::a00:1',
      '64:ff9b:1::a9fe:a9fe',
      '2002:a9fe:a9fe::1',
      '2001:0:4136:e378:8000:63bf:3fff:fdd2',
      '::ffff:0:a00:1',
      '::7f00:1',
    ];
    let answer = '';
    const lookup = answering('feeds.school.test', () => answer);
    fetcher = createNodeFetcher({
      publicUrl: 'https://d.example',
      allowPrivateNetworks: false,
      lookup,
      limits: { deadlineMs: 1500, connectTimeoutMs: 1000 },
    });
    for (answer of inward) {
      const outcome = await fetcher.fetch({ url: 'http://feeds.school.test/feed' });
      // Those that lead to a metadata service (or may) are said as such: allowing private networks would not help.
      expect(outcome.status === 'failed' && outcome.message, answer).toMatch(
        isNeverFetched(answer)
          ? /^The address is a link-local or cloud metadata one/
          : /^The address points to a private or internal network/,
      );
    }
  });

  it('blocks loopback and private addresses entirely by default, and allows them when configured to', async () => {
    server.route('/plain', (_q, r) => r.writeHead(200).end(RSS));
    fetcher = createNodeFetcher({ publicUrl: 'https://d.example', allowPrivateNetworks: false });
    for (const url of [
      `${server.url}/plain`,
      `http://localhost:${new URL(server.url).port}/plain`,
      `http://2130706433:${new URL(server.url).port}/plain`,
    ]) {
      const outcome = await fetcher.fetch({ url });
      expect(outcome.status === 'failed' && outcome.message).toMatch(/private or internal network/);
    }
    await fetcher.close();
    fetcher = createNodeFetcher({ publicUrl: 'https://d.example', allowPrivateNetworks: true });
    expect((await fetcher.fetch({ url: `${server.url}/plain` })).status).toBe('fetched');
  });

  it('never fetches from a link-local address, where cloud servers keep credentials, even with private networks allowed', async () => {
    let answer = '169.254.169.254';
    const lookup = answering('intranet.school.test', () => answer);
    fetcher = createNodeFetcher({
      publicUrl: 'https://d.example',
      allowPrivateNetworks: true,
      lookup,
      limits: { deadlineMs: 1500, connectTimeoutMs: 1000 },
    });
    const said =
      'The address is a link-local or cloud metadata one (169.254.x.x, fe80::, fd00:ec2::254), where a cloud server keeps its credentials: Yesterday never fetches from there, whatever FETCH_ALLOW_PRIVATE_NETWORKS says.';
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://[fe80::1]/feed',
      'http://[::ffff:169.254.169.254]/feed',
      'http://[fd00:ec2::254]/latest/meta-data/',
    ]) {
      const outcome = await fetcher.fetch({ url });
      expect(outcome.status === 'failed' && outcome.message, url).toBe(said);
    }
    for (answer of ['169.254.169.254', 'fe80::a9fe:a9fe', '64:ff9b::a9fe:a9fe']) {
      const outcome = await fetcher.fetch({ url: 'http://intranet.school.test/feed' });
      expect(outcome.status === 'failed' && outcome.message, answer).toBe(said);
    }
    // Without the setting it is said the same way: turning the setting on would not help.
    const guarded = createNodeFetcher({ publicUrl: 'https://d.example', allowPrivateNetworks: false });
    const literal = await guarded.fetch({ url: 'http://169.254.169.254/latest/meta-data/' });
    expect(literal.status === 'failed' && literal.message).toBe(said);
    await guarded.close();
    // A feed on the district's own network is still read.
    server.route('/plain', (_q, r) => r.writeHead(200).end(RSS));
    answer = '127.0.0.1';
    const port = new URL(server.url).port;
    expect((await fetcher.fetch({ url: `http://intranet.school.test:${port}/plain` })).status).toBe(
      'fetched',
    );
  });

  it('lets through the private origins it is given, and nothing else on this machine, redirects included', async () => {
    server.route('/own', (_q, r) => r.writeHead(200).end(RSS));
    server.route('/elsewhere', (_q, r) => r.writeHead(302, { location: `${blocked.url}/plain` }).end());
    blocked.route('/plain', (_q, r) => r.writeHead(200).end(RSS));
    const port = new URL(server.url).port;
    fetcher = createNodeFetcher({
      publicUrl: 'https://d.example',
      allowPrivateNetworks: false,
      privateOrigins: () => [new URL(server.url).origin],
    });
    expect((await fetcher.fetch({ url: `${server.url}/own` })).status).toBe('fetched');
    for (const url of [
      `${blocked.url}/plain`, // the same address on another port
      `${server.url}/elsewhere`, // the own origin redirecting to another port
      `http://localhost:${port}/own`, // a name is resolved without its port, so it is not the origin
      `http://127.0.0.2:${port}/own`,
    ]) {
      const outcome = await fetcher.fetch({ url });
      expect(outcome.status === 'failed' && outcome.message, url).toMatch(/private or internal network/);
    }
    expect(blocked.requests.some((r) => r.path === '/plain')).toBe(false);
  });

  it('honours Retry-After on 429 and 503', async () => {
    server.route('/busy', (_q, r) => r.writeHead(429, { 'retry-after': '120' }).end());
    server.route('/down', (_q, r) =>
      r.writeHead(503, { 'retry-after': 'Sat, 21 Nov 2026 16:00:00 GMT' }).end(),
    );
    fetcher = fetcherFor();
    expect(await fetcher.fetch({ url: `${server.url}/busy` })).toMatchObject({
      status: 'failed',
      temporary: true,
      retryAfterMs: 120_000,
      httpStatus: 429,
    });
    expect(await fetcher.fetch({ url: `${server.url}/down` })).toMatchObject({
      status: 'failed',
      temporary: true,
      retryAfterMs: 3_600_000,
      httpStatus: 503,
    });
  });

  it('gives up on a host that never completes the connection, at the connect timeout or the deadline', async () => {
    // A listener in a stopped process with a full accept queue: the kernel drops further connection attempts
    // without an answer, as a host behind a silent firewall does.
    const listener = spawn(
      process.execPath,
      [
        '-e',
        "require('net').createServer().listen({ port: 0, host: '127.0.0.1', backlog: 1 }, function () { console.log(this.address().port) })",
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const fillers: Socket[] = [];
    try {
      const port = Number(
        await new Promise<string>((resolve) =>
          createInterface({ input: listener.stdout! }).once('line', resolve),
        ),
      );
      listener.kill('SIGSTOP');
      // Fill the accept queue: these connections complete in the kernel, and nobody accepts them.
      for (let i = 0; i < 4; i++) {
        const socket = connect(port, '127.0.0.1');
        socket.on('error', () => {});
        fillers.push(socket);
        await new Promise((r) => setTimeout(r, 50));
      }
      const url = `http://127.0.0.1:${port}/feed`;
      // The messages tell the two apart.
      fetcher = fetcherFor({ limits: { deadlineMs: 10_000, connectTimeoutMs: 500, maxBodyBytes: 1024 } });
      expect(await fetcher.fetch({ url })).toMatchObject({
        status: 'failed',
        message: 'The site did not answer the connection in time.',
      });
      await fetcher.close();
      // A deadline shorter than the connect timeout ends the fetch on time (this test would otherwise run
      // into its own timeout waiting for the minute-long connect timeout).
      fetcher = fetcherFor({ limits: { deadlineMs: 1_000, connectTimeoutMs: 60_000, maxBodyBytes: 1024 } });
      expect(await fetcher.fetch({ url })).toMatchObject({
        status: 'failed',
        message: 'The feed took longer than 1 seconds to download, so it was abandoned.',
      });
    } finally {
      for (const socket of fillers) socket.destroy();
      listener.kill('SIGKILL');
    }
  });

  it('explains network failures in plain words', async () => {
    fetcher = fetcherFor();
    expect(await fetcher.fetch({ url: 'http://127.0.0.1:9/feed' })).toMatchObject({
      status: 'failed',
      message: 'The site refused the connection.',
    });
    expect(await fetcher.fetch({ url: 'ftp://example.org/feed' })).toMatchObject({
      status: 'failed',
      message: 'Only http and https addresses can be fetched, not ftp:.',
    });
    expect(await fetcher.fetch({ url: 'not a url' })).toMatchObject({
      status: 'failed',
      message: '"not a url" is not a web address.',
    });
    server.route('/gone', (_q, r) => r.writeHead(410).end());
    expect(await fetcher.fetch({ url: `${server.url}/gone` })).toMatchObject({
      status: 'failed',
      message: 'The feed has been removed for good (HTTP 410).',
    });
  });
});
