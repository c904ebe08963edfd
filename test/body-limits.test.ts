// Request bodies over real HTTP: an anonymous client sending hundreds of megabytes, with or without a
// Content-Length, is answered 413 with a sentence while it is still sending, on the public forms, the sign-in
// form and the API; staff uploads keep the room they need.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/auth/api-tokens';
import { cliActor } from '../src/db/audit';
import { MAX_DIGEST_ENTRIES } from '../src/curate/desk';
import { listItemsPublishedBetween } from '../src/db/items';
import { PUBLIC_BODY_LIMIT } from '../src/routes/body-limits';
import { addSchoolWithSource, item, storeItems } from './fixtures';
import { signedInClient, startTestApp, type TestApp } from './test-app';

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of running.splice(0).reverse()) await thing.close();
});

const DECLARED = 300 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'a');

interface Answer {
  status: number;
  contentType: string;
  body: string;
  /** Bytes of the body the client had written when the answer came. */
  sent: number;
}

/**
 * POSTs a 300 MB body (declared in Content-Length, or chunked without one), writing only as fast as the
 * server reads, and stops writing when the answer comes: what was sent by then bounds what the server read.
 */
function sendHuge(
  baseUrl: string,
  path: string,
  options: { declareLength: boolean; headers?: Record<string, string> },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const url = new URL(path, baseUrl);
    const req = request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: url.origin,
        ...(options.declareLength ? { 'content-length': String(DECLARED) } : {}),
        ...options.headers,
      },
    });
    req.on('response', (response) => {
      answered = true;
      const sentWhenAnswered = sent;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        req.destroy();
        resolve({
          status: response.statusCode ?? 0,
          contentType: String(response.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
          sent: sentWhenAnswered,
        });
      });
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const write = () => {
      while (!answered && sent < DECLARED) {
        sent += CHUNK.length;
        if (!req.write(CHUNK)) {
          req.once('drain', write);
          return;
        }
      }
      if (!answered) req.end();
    };
    write();
  });
}

async function editorToken(app: TestApp): Promise<string> {
  const made = await createApiToken(
    app.runtime.deps.db,
    { name: 'script', role: 'editor' },
    cliActor,
    app.clock.now(),
  );
  return made.token;
}

async function setUp(): Promise<TestApp> {
  const app = await startTestApp();
  running.push(app);
  return app;
}

describe('request bodies', () => {
  for (const declareLength of [true, false]) {
    const how = declareLength ? 'with a Content-Length' : 'chunked, without a Content-Length';

    it(`answers a 300 MB subscribe form ${how} with 413 and a sentence, long before it is all sent`, async () => {
      const app = await setUp();
      const answer = await sendHuge(app.url, '/subscribe', { declareLength });
      expect(answer.status).toBe(413);
      expect(answer.contentType).toMatch(/text\/html/);
      expect(answer.body).toContain('That form sent far more than it should (the limit is 64 KB).');
      expect(answer.body).not.toMatch(/at \w+ \(|Error:/);
      // The server stopped reading after the limit; what the socket buffers hold is the rest.
      expect(answer.sent).toBeLessThan(16 * 1024 * 1024);
      // And it still answers the next person.
      expect((await fetch(`${app.url}/robots.txt`)).status).toBe(200);
    });

    it(`answers a 300 MB sign-in form ${how} with 413 before checking anything`, async () => {
      const app = await setUp();
      const answer = await sendHuge(app.url, '/admin/login', { declareLength });
      expect(answer.status).toBe(413);
      expect(answer.body).toContain('That form sent far more than it should');
      expect(answer.sent).toBeLessThan(16 * 1024 * 1024);
    });

    it(`answers a 300 MB API body ${how} with the API's JSON error`, async () => {
      const app = await setUp();
      const token = await editorToken(app);
      const answer = await sendHuge(app.url, '/api/v1/digests/2026-11-20', {
        declareLength,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      });
      expect(answer.status).toBe(413);
      expect(answer.contentType).toMatch(/application\/json/);
      expect(JSON.parse(answer.body)).toEqual({
        error: {
          code: 'too-large',
          message:
            'The request body is larger than 2 MB. A whole digest is far smaller; send one digest at a time.',
        },
      });
      expect(answer.sent).toBeLessThan(16 * 1024 * 1024);
    });
  }

  it('lets a form just under the public limit through to its handler, and refuses one just over', async () => {
    const app = await setUp();
    const client = app.client();
    const csrf = await client.csrf('/admin/login');
    const padding = (size: number) => 'x'.repeat(size);
    // Just under: the sign-in handler answers (wrong password), so the body was read and checked.
    const under = await client.post('/admin/login', {
      _csrf: csrf,
      email: 'nobody@district.example',
      password: 'wrong',
      pad: padding(PUBLIC_BODY_LIMIT - 200),
    });
    expect(under.status).not.toBe(413);
    expect(await under.text()).not.toContain('far more than it should');
    const over = await client.post('/admin/login', {
      _csrf: csrf,
      email: 'nobody@district.example',
      password: 'wrong',
      pad: padding(PUBLIC_BODY_LIMIT),
    });
    expect(over.status).toBe(413);
  });

  it('gives signed-in staff room for an upload that anonymous clients do not get', async () => {
    const app = await setUp();
    const fiveMegabytes = 'parent@family.example,\n'.repeat(Math.ceil((5 * 1024 * 1024) / 23));
    const post = (cookie: string) => {
      const form = new FormData();
      form.set('file', new File([fiveMegabytes], 'parents.csv', { type: 'text/csv' }));
      return fetch(`${app.url}/admin/subscribers/import`, {
        method: 'POST',
        body: form,
        headers: { origin: app.url, cookie },
        redirect: 'manual',
      });
    };
    const anonymous = await post('');
    expect(anonymous.status).toBe(413);

    const admin = await signedInClient(app);
    const cookie = [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    // Signed in, the body reaches the CSRF check (this form carries no token), not the size limit.
    expect((await post(cookie)).status).toBe(403);
  });

  it('takes the largest real digest through the API: 200 entries of full-length text in a three-byte script', async () => {
    const app = await setUp();
    const db = app.runtime.deps.db;
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    const noon = Date.parse('2026-11-20T18:00:00Z');
    await storeItems(
      db,
      source.id,
      Array.from({ length: MAX_DIGEST_ENTRIES }, (_, i) => item({ guid: `p${i}`, publishedAt: noon + i })),
    );
    const ids = (await listItemsPublishedBetween(db, noon - 3600_000, noon + 3600_000)).map((i) => i.id);
    expect(ids).toHaveLength(MAX_DIGEST_ENTRIES);
    const body = JSON.stringify({
      title: '日'.repeat(200),
      intro: '日'.repeat(1000),
      entries: ids.map((id) => ({ item_id: id, headline: '学'.repeat(200), blurb: '校'.repeat(1000) })),
    });
    expect(Buffer.byteLength(body)).toBeGreaterThan(PUBLIC_BODY_LIMIT * 10);
    const response = await fetch(`${app.url}/api/v1/digests/2026-11-20`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${await editorToken(app)}`, 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { entries: unknown[] }).entries).toHaveLength(MAX_DIGEST_ENTRIES);
  });
});
