// The front door on real sockets: what it answers from memory, and that everything else reaches Node's
// server intact, on the same connection, in order, with Node's own limits still enforced.
import { createServer, request as httpRequest, Agent, type IncomingHttpHeaders } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import { getRequestListener } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database';
import { touchPublicStatement } from '../db/site-state';
import { createPublicCache } from '../routes/public-cache';
import { createFrontDoor, readRequestHead, type FrontDoor } from './front-door';

const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>${'What happened yesterday '.repeat(80)}</title></channel></rss>`;

interface Harness {
  port: number;
  door: FrontDoor;
  renders: string[];
  db: ReturnType<typeof createTestDatabase>['database'];
  close(): Promise<void>;
}

const open: Harness[] = [];
afterEach(async () => {
  for (const harness of open.splice(0)) await harness.close();
});

/** The cache, Node's server and the door, as startServer puts them together, in front of a counting app. */
async function harness(
  httpOptions: Parameters<typeof createServer>[0] = {},
  keepAliveTimeout = 5000,
): Promise<Harness> {
  const { database: db } = createTestDatabase();
  const renders: string[] = [];
  const app = async (request: Request) => {
    const { pathname } = new URL(request.url);
    renders.push(`${request.method} ${pathname}`);
    if (pathname === '/feed.xml')
      return new Response(`${FEED}<!-- ${renders.length} -->`, {
        headers: { 'content-type': 'application/rss+xml', 'last-modified': 'Sat, 21 Nov 2026 15:00:00 GMT' },
      });
    if (pathname === '/embed')
      return new Response('<p>embed</p>', { headers: { 'content-type': 'text/html' } });
    if (pathname === '/echo') return new Response(`echo: ${await request.text()}`);
    if (pathname === '/admin') return new Response('private', { headers: { 'cache-control': 'no-store' } });
    return new Response('missing', { status: 404 });
  };
  const cache = createPublicCache(db, { gzip: (body) => gzipSync(body) });
  const fetch = cache.wrap(app);
  const listener = getRequestListener(fetch);
  const http = createServer(httpOptions, (request, response) => {
    if (!cache.answerFromMemory(request, response)) void listener(request, response);
  });
  http.keepAliveTimeout = keepAliveTimeout;
  const door = createFrontDoor({ cache, fetch, http });
  await new Promise<void>((ready) => door.server.listen(0, '127.0.0.1', ready));
  const result: Harness = {
    port: (door.server.address() as AddressInfo).port,
    door,
    renders,
    db,
    close: () => door.close(),
  };
  open.push(result);
  return result;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  socket: Socket;
}

/** Node's client, keeping one connection open across calls through `agent`. */
function send(
  port: number,
  agent: Agent,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
) {
  return new Promise<Answer>((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, method, path, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode!,
          headers: response.headers,
          body: Buffer.concat(chunks),
          socket: request.socket!,
        }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** Writes `parts` to a fresh connection (pausing between them) and returns all it read until quiet. */
async function raw(port: number, parts: string[], quietMs = 300): Promise<{ text: string; closed: boolean }> {
  const socket = connect(port, '127.0.0.1');
  let text = '';
  let closed = false;
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => (text += chunk));
  socket.on('close', () => (closed = true));
  socket.on('error', () => {});
  await new Promise((ready) => socket.once('connect', ready));
  for (const part of parts) {
    socket.write(part);
    await new Promise((r) => setTimeout(r, 60));
  }
  let seen = -1;
  while (seen !== text.length && !closed) {
    seen = text.length;
    await new Promise((r) => setTimeout(r, quietMs));
  }
  socket.destroy();
  return { text, closed };
}

const withoutDate = (headers: IncomingHttpHeaders) => {
  const { date, ...rest } = headers;
  expect(date).toMatch(/GMT$/);
  return rest;
};

describe('the front door', () => {
  it('answers a public page from memory with the bytes and headers Node would send, filling it once', async () => {
    const { port, door, renders } = await harness();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const first = await send(port, agent, 'GET', '/feed.xml');
    const second = await send(port, agent, 'GET', '/feed.xml');
    expect(second.socket).toBe(first.socket);
    expect(door.stats).toEqual({ answered: 2, handedOver: 0 });
    expect(renders).toEqual(['GET /feed.xml']);
    expect(second.body.equals(first.body)).toBe(true);
    expect(second.body.toString()).toContain('What happened yesterday');

    // The same request in two pieces goes to Node's server, which answers it from the same memory.
    const split = await raw(port, ['GET /feed.xml HTTP/1.1\r\nHo', 'st: 127.0.0.1\r\n\r\n']);
    expect(door.stats.handedOver).toBe(1);
    const [head, body] = split.text.split('\r\n\r\n') as [string, string];
    const nodeHeaders = Object.fromEntries(
      head
        .split('\r\n')
        .slice(1)
        .map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 2)]),
    );
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
    expect(withoutDate(second.headers)).toEqual(withoutDate(nodeHeaders));
    expect(Buffer.from(body, 'latin1').equals(second.body)).toBe(true);
    expect(renders).toHaveLength(1);
    agent.destroy();
  });

  it('answers conditional requests, HEAD and gzip from memory', async () => {
    const { port, door } = await harness();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const plain = await send(port, agent, 'GET', '/feed.xml');
    const notModified = await send(port, agent, 'GET', '/feed.xml', { 'if-none-match': plain.headers.etag! });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    const head = await send(port, agent, 'HEAD', '/feed.xml');
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBe(plain.body.length);
    expect(head.body.length).toBe(0);
    const zipped = await send(port, agent, 'GET', '/feed.xml', { 'accept-encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    // The connection is still in sync after all of them.
    expect((await send(port, agent, 'GET', '/feed.xml')).body.equals(plain.body)).toBe(true);
    expect(door.stats).toEqual({ answered: 5, handedOver: 0 });
    agent.destroy();
  });

  it('renders again after a public change, on the same connection', async () => {
    const { port, db, renders } = await harness();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const before = await send(port, agent, 'GET', '/feed.xml');
    await db.batch([touchPublicStatement(db)]);
    const after = await send(port, agent, 'GET', '/feed.xml');
    expect(after.body.toString()).not.toBe(before.body.toString());
    expect(renders).toEqual(['GET /feed.xml', 'GET /feed.xml']);
    agent.destroy();
  });

  it('hands a connection to Node at its first request that is not ours, and Node keeps it', async () => {
    const { port, door } = await harness();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const feed = await send(port, agent, 'GET', '/feed.xml');
    const echo = await send(port, agent, 'POST', '/echo', { 'content-type': 'text/plain' }, 'hello');
    expect(echo.status).toBe(200);
    expect(echo.body.toString()).toBe('echo: hello');
    const again = await send(port, agent, 'GET', '/feed.xml');
    expect(again.body.equals(feed.body)).toBe(true);
    expect(again.socket).toBe(feed.socket);
    expect(door.stats).toEqual({ answered: 1, handedOver: 1 });

    const agent2 = new Agent({ keepAlive: true, maxSockets: 1 });
    expect((await send(port, agent2, 'GET', '/admin')).body.toString()).toBe('private');
    expect((await send(port, agent2, 'GET', '/feed.xml', { authorization: 'Bearer x' })).status).toBe(200);
    expect(door.stats.handedOver).toBe(2);
    agent.destroy();
    agent2.destroy();
  });

  it('answers pipelined requests in order', async () => {
    const { port } = await harness();
    const { text } = await raw(port, [
      'GET /feed.xml HTTP/1.1\r\nHost: a\r\n\r\nGET /embed HTTP/1.1\r\nHost: a\r\n\r\nGET /nothing HTTP/1.1\r\nHost: a\r\n\r\n',
    ]);
    const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => m[1]);
    expect(statuses).toEqual(['200', '200', '404']);
    expect(text.indexOf('</rss>')).toBeLessThan(text.indexOf('<p>embed</p>'));
    expect(text.indexOf('<p>embed</p>')).toBeLessThan(text.indexOf('missing'));
  });

  it('leaves malformed and ambiguous requests to Node, which refuses them', async () => {
    const { port, door } = await harness();
    const smuggle = await raw(port, [
      'GET /feed.xml HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    ]);
    expect(smuggle.text).toMatch(/^HTTP\/1\.1 400 /);
    const badHeader = await raw(port, ['GET /feed.xml HTTP/1.1\r\nHost: a\r\nno colon here\r\n\r\n']);
    expect(badHeader.text).toMatch(/^HTTP\/1\.1 400 /);
    const noHost = await raw(port, ['GET /feed.xml HTTP/1.1\r\n\r\n']);
    expect(noHost.text).toMatch(/^HTTP\/1\.1 400 /);
    const close = await raw(port, ['GET /feed.xml HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n']);
    expect(close.text).toMatch(/^HTTP\/1\.1 200 /);
    expect(close.closed).toBe(true);
    const notKept = await raw(port, ['GET /digests/none HTTP/1.1\r\nHost: a\r\n\r\n']);
    expect(notKept.text).toMatch(/^HTTP\/1\.1 404 /);
    expect(door.stats).toEqual({ answered: 0, handedOver: 5 });
  });

  it('closes an idle connection after the keep-alive timeout, and Node still times out a slow head', async () => {
    const { port } = await harness(
      { headersTimeout: 400, requestTimeout: 600, connectionsCheckingInterval: 100 },
      300,
    );
    const idle = await raw(port, ['GET /feed.xml HTTP/1.1\r\nHost: a\r\n\r\n'], 700);
    expect(idle.text).toMatch(/^HTTP\/1\.1 200 /);
    expect(idle.closed).toBe(true);
    // A head dripped a byte at a time: handed to Node with its first part, and Node gives up on it after
    // headersTimeout, because it still tracks connections it did not accept itself.
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('error', () => {});
    const closed = new Promise((done) => socket.once('close', done));
    socket.write('GET /feed.xml HTTP/1.1\r\nHost: a\r\nX-Slow: ');
    const drip = setInterval(() => socket.writable && socket.write('a'), 100);
    await closed;
    clearInterval(drip);
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes every connection when it stops, its own and those it handed over', async () => {
    const { port, door } = await harness();
    const ours = connect(port, '127.0.0.1');
    const handed = connect(port, '127.0.0.1');
    await Promise.all([ours, handed].map((s) => new Promise((r) => s.once('connect', r))));
    ours.write('GET /feed.xml HTTP/1.1\r\nHost: a\r\n\r\n');
    handed.write('POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi');
    await Promise.all([ours, handed].map((s) => new Promise((r) => s.once('data', r))));
    expect(door.stats).toEqual({ answered: 1, handedOver: 1 });
    const closed = Promise.all([ours, handed].map((s) => new Promise((r) => s.once('close', r))));
    void door.close();
    // At once, not when the keep-alive timeout (5 s) would have closed them anyway.
    const outcome = await Promise.race([
      closed.then(() => 'closed'),
      new Promise((r) => setTimeout(() => r('still open'), 2000)),
    ]);
    expect(outcome).toBe('closed');
  });
});

describe('readRequestHead', () => {
  const read = (text: string) => readRequestHead(Buffer.from(text, 'latin1'));

  it('reads one plain GET or HEAD', () => {
    expect(
      read(
        'GET /feed.xml?page=2 HTTP/1.1\r\nHost: news.example\r\nAccept-Encoding: gzip, br\r\nIf-None-Match: "x"\r\n\r\n',
      ),
    ).toMatchObject({
      method: 'GET',
      target: '/feed.xml?page=2',
      host: 'news.example',
      acceptEncoding: 'gzip, br',
      ifNoneMatch: '"x"',
    });
    expect(read('HEAD / HTTP/1.1\r\nhost: a\r\nconnection: Keep-Alive\r\n\r\n')?.method).toBe('HEAD');
  });

  it.each([
    ['another method', 'POST / HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['HTTP/1.0', 'GET / HTTP/1.0\r\nHost: a\r\n\r\n'],
    ['an absolute target', 'GET http://a/ HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['a space in the target', 'GET /a b HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['bare line feeds', 'GET / HTTP/1.1\nHost: a\n\n'],
    ['a bare carriage return in a value', 'GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n'],
    ['a folded header', 'GET / HTTP/1.1\r\nHost: a\r\n b\r\n\r\n'],
    ['a space before the colon', 'GET / HTTP/1.1\r\nHost : a\r\n\r\n'],
    ['bytes above ASCII', 'GET / HTTP/1.1\r\nHost: a\r\nX: caf\xe9\r\n\r\n'],
    ['two hosts', 'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n'],
    ['no host', 'GET / HTTP/1.1\r\nAccept: */*\r\n\r\n'],
    ['a body', 'GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n'],
    ['chunked', 'GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n'],
    ['an upgrade', 'GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n'],
    ['credentials', 'GET / HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer x\r\n\r\n'],
    ['Connection: close', 'GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'],
    ['an unfinished head', 'GET / HTTP/1.1\r\nHost: a\r\n'],
    ['two requests', 'GET / HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['a long head', `GET / HTTP/1.1\r\nHost: a\r\nX: ${'y'.repeat(9000)}\r\n\r\n`],
  ])('leaves %s to Node', (_, text) => {
    expect(read(text)).toBeUndefined();
  });
});
