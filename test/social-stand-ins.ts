// Stand-ins for the three social networks on 127.0.0.1, speaking the endpoints Yesterday calls and
// recording every request (method, path, the headers that matter, the body): a Mastodon server that honours
// Idempotency-Key, a Bluesky PDS (XRPC) that refuses a record key it already has, and the Graph API. The
// recording is also served at /__recorded, for the workerd tests that cannot share memory with this process.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  contentType: string | undefined;
  /** Parsed JSON, a form as an object, or for binary bodies their byte length. */
  body: unknown;
}

export interface SocialStandIns {
  url: string;
  mastodonUrl: string;
  pdsUrl: string;
  graphUrl: string;
  requests: Recorded[];
  /** Tokens and passwords each network accepts now; remove one to revoke it. */
  valid: Set<string>;
  /** While set, creating requests are carried out and recorded but never answered (a process killed mid-post). */
  stall: boolean;
  /** Posts that exist now, by network. */
  statuses: Map<string, { id: string; status: string; inReplyTo?: string }>;
  records: Map<string, { uri: string; cid: string; value: Record<string, unknown> }>;
  pagePosts: Map<string, { message: string; link?: string; parent?: string }>;
  close(): Promise<void>;
}

export const MASTODON_TOKEN = 'mastodon-token-Zq81';
export const BLUESKY_PASSWORD = 'abcd-efgh-ijkl-mnop';
export const FACEBOOK_TOKEN = 'EAAB-page-token-7731';
export const BLUESKY_HANDLE = 'district.bsky.test';
export const BLUESKY_DID = 'did:plc:district7abc';
export const FACEBOOK_PAGE_ID = '104455667788';

/** A real CIDv1 (sha-256) of `data`, base32 as the AT Protocol writes it: dag-cbor 0x71 for records, raw 0x55 for blobs. */
export function cidOf(data: Buffer | string, codec: 0x71 | 0x55): string {
  const bytes = Buffer.concat([
    Buffer.from([0x01, codec, 0x12, 0x20]),
    createHash('sha256').update(data).digest(),
  ]);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let bits = 0;
  let value = 0;
  let out = 'b';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

export async function startSocialStandIns(): Promise<SocialStandIns> {
  const sockets = new Set<Socket>();
  let nextId = 1000;
  const stalled: ServerResponse[] = [];
  const idempotent = new Map<string, string>(); // Idempotency-Key → status id
  const self: SocialStandIns = {
    url: '',
    mastodonUrl: '',
    pdsUrl: '',
    graphUrl: '',
    requests: [],
    valid: new Set([MASTODON_TOKEN, BLUESKY_PASSWORD, FACEBOOK_TOKEN, 'access-jwt', 'refresh-jwt']),
    stall: false,
    statuses: new Map(),
    records: new Map(),
    pagePosts: new Map(),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };

  const json = (response: ServerResponse, status: number, body: unknown) =>
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const bearer = (request: IncomingMessage) => request.headers.authorization?.replace(/^Bearer /, '');
  /** Answers now, or never while stalled (the work itself is done either way). */
  const answer = (response: ServerResponse, status: number, body: unknown) => {
    if (self.stall) stalled.push(response);
    else json(response, status, body);
  };

  async function handle(request: IncomingMessage, response: ServerResponse, raw: Buffer) {
    const url = new URL(request.url ?? '/', self.url);
    const path = url.pathname;
    const contentType = request.headers['content-type'];
    let body: unknown = raw.length;
    if (contentType?.includes('json')) body = raw.length ? JSON.parse(raw.toString()) : undefined;
    else if (contentType?.includes('x-www-form-urlencoded'))
      body = Object.fromEntries(new URLSearchParams(raw.toString()));
    else if (raw.length === 0) body = undefined;
    self.requests.push({
      method: request.method ?? 'GET',
      path: url.pathname + url.search,
      authorization: request.headers.authorization,
      idempotencyKey: request.headers['idempotency-key'] as string | undefined,
      contentType,
      body,
    });
    if (path === '/__recorded') return json(response, 200, self.requests);
    // For the workerd suite, which runs in another process: revoke or restore a token.
    if (path === '/__revoke')
      return (self.valid.delete(url.searchParams.get('secret') ?? ''), json(response, 200, {}));
    if (path === '/__restore')
      return (self.valid.add(url.searchParams.get('secret') ?? ''), json(response, 200, {}));

    // Mastodon
    if (path.startsWith('/api/')) {
      if (!self.valid.has(bearer(request) ?? '') || bearer(request) !== MASTODON_TOKEN)
        return json(response, 401, { error: 'The access token is invalid' });
      if (path === '/api/v1/accounts/verify_credentials')
        return json(response, 200, {
          id: '109001',
          username: 'district',
          acct: 'district',
          display_name: 'District Schools',
        });
      if (path === '/api/v2/media' && request.method === 'POST')
        return json(response, 200, { id: String(nextId++), type: 'image' });
      if (path === '/api/v1/statuses' && request.method === 'POST') {
        const key = request.headers['idempotency-key'] as string | undefined;
        const sent = body as { status: string; in_reply_to_id?: string };
        let id = key ? idempotent.get(key) : undefined;
        if (!id) {
          id = String(nextId++);
          if (key) idempotent.set(key, id);
          self.statuses.set(id, { id, status: sent.status, inReplyTo: sent.in_reply_to_id });
        }
        return answer(response, 200, {
          id,
          url: `${self.mastodonUrl}/@district/${id}`,
          content: sent.status,
        });
      }
      const status = /^\/api\/v1\/statuses\/(\w+)$/.exec(path);
      if (status && request.method === 'DELETE') {
        if (!self.statuses.delete(status[1]!)) return json(response, 404, { error: 'Record not found' });
        return json(response, 200, { id: status[1] });
      }
    }

    // Bluesky PDS
    if (path.startsWith('/xrpc/')) {
      const method = path.slice('/xrpc/'.length);
      const session = {
        did: BLUESKY_DID,
        handle: BLUESKY_HANDLE,
        accessJwt: 'access-jwt',
        refreshJwt: 'refresh-jwt',
        active: true,
      };
      if (method === 'com.atproto.server.createSession') {
        const { identifier, password } = body as { identifier: string; password: string };
        if (identifier !== BLUESKY_HANDLE || !self.valid.has(password) || password !== BLUESKY_PASSWORD)
          return json(response, 401, {
            error: 'AuthenticationRequired',
            message: 'Invalid identifier or password',
          });
        return json(response, 200, session);
      }
      if (method === 'com.atproto.server.refreshSession') {
        if (bearer(request) !== 'refresh-jwt')
          return json(response, 401, { error: 'ExpiredToken', message: 'Token has expired' });
        return json(response, 200, session);
      }
      if (method === 'com.atproto.repo.getRecord') {
        const found = self.records.get(url.searchParams.get('rkey') ?? '');
        if (!found)
          return json(response, 400, { error: 'RecordNotFound', message: 'Could not locate record' });
        return json(response, 200, found);
      }
      if (bearer(request) !== 'access-jwt' || !self.valid.has(BLUESKY_PASSWORD))
        return json(response, 401, { error: 'AuthenticationRequired', message: 'Authentication Required' });
      if (method === 'com.atproto.repo.uploadBlob')
        return json(response, 200, {
          blob: {
            $type: 'blob',
            ref: { $link: cidOf(raw, 0x55) },
            mimeType: contentType,
            size: raw.length,
          },
        });
      if (method === 'com.atproto.repo.createRecord') {
        const { rkey, record } = body as { rkey: string; record: Record<string, unknown> };
        if (self.records.has(rkey))
          return json(response, 400, { error: 'InvalidRequest', message: `Record already exists: ${rkey}` });
        const made = {
          uri: `at://${BLUESKY_DID}/app.bsky.feed.post/${rkey}`,
          cid: cidOf(JSON.stringify(record), 0x71),
          value: record,
        };
        self.records.set(rkey, made);
        return answer(response, 200, { uri: made.uri, cid: made.cid });
      }
      if (method === 'com.atproto.repo.deleteRecord') {
        self.records.delete((body as { rkey: string }).rkey);
        return json(response, 200, {});
      }
    }

    // Graph API
    if (path.startsWith('/graph/')) {
      if (bearer(request) !== FACEBOOK_TOKEN || !self.valid.has(FACEBOOK_TOKEN))
        return json(response, 400, {
          error: {
            message: 'Error validating access token: Session has expired',
            type: 'OAuthException',
            code: 190,
          },
        });
      const rest = path.slice('/graph/'.length);
      if (rest === FACEBOOK_PAGE_ID && request.method === 'GET')
        return json(response, 200, { id: FACEBOOK_PAGE_ID, name: 'District Schools' });
      if (rest === `${FACEBOOK_PAGE_ID}/feed` && request.method === 'POST') {
        const id = `${FACEBOOK_PAGE_ID}_${nextId++}`;
        const form = body as { message: string; link: string };
        self.pagePosts.set(id, { message: form.message, link: form.link });
        return answer(response, 200, { id });
      }
      const comments = /^(\w+)\/comments$/.exec(rest);
      if (comments && request.method === 'POST') {
        const id = `${comments[1]}_c${nextId++}`;
        self.pagePosts.set(id, { message: (body as { message: string }).message, parent: comments[1] });
        return answer(response, 200, { id });
      }
      if (request.method === 'DELETE') {
        if (!self.pagePosts.delete(rest))
          return json(response, 404, { error: { message: 'Unsupported delete request', code: 100 } });
        return json(response, 200, { success: true });
      }
    }
    json(response, 404, { error: `No stand-in for ${request.method} ${path}` });
  }

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on(
      'end',
      () =>
        void handle(request, response, Buffer.concat(chunks)).catch((e: unknown) =>
          response.destroy(e as Error),
        ),
    );
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  server.unref();
  self.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  self.mastodonUrl = self.url;
  self.pdsUrl = self.url;
  self.graphUrl = `${self.url}/graph`;
  return self;
}
