// The disk full under SQLite (SQLITE_FULL, made here with PRAGMA max_page_count at the file's current size):
// publishing and a subscriber import are refused with a sentence about the disk, not a stack trace or a
// generic failure; a feed read while the disk is full stores none of its posts and is read again; nothing is
// half written; and each works once there is room again.
import { afterEach, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/auth/api-tokens';
import { cliActor } from '../src/db/audit';
import { countDeliveriesByState } from '../src/db/deliveries';
import { findDigest } from '../src/db/digests';
import { listItemsPublishedBetween } from '../src/db/items';
import { addSchoolWithSource, item, storeItems } from './fixtures';
import { serveBody, startTestServer } from './http-server';
import { chooseImportFile, goAhead } from './subscriber-import';
import { runPollJob } from '../src/jobs/jobs';
import { signedInClient, startTestApp, type TestApp } from './test-app';

const DATE = '2026-11-20';
const NOON = Date.parse('2026-11-20T18:00:00Z');

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of running.splice(0).reverse()) await thing.close();
});

/** No page more than the file has now: the next write that needs one fails with SQLITE_FULL. */
function fillDisk(app: TestApp) {
  const sqlite = app.runtime.sqlite.sqlite;
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const pages = sqlite.pragma('page_count', { simple: true }) as number;
  sqlite.pragma(`max_page_count = ${pages}`);
}

function freeDisk(app: TestApp) {
  app.runtime.sqlite.sqlite.pragma('max_page_count = 1073741823');
}

const count = (app: TestApp, table: string) =>
  (app.runtime.sqlite.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

function expectASentenceNotInternals(body: string) {
  expect(body).toContain('disk is full, so nothing was saved');
  expect(body).not.toMatch(/SQLITE_FULL|SqliteError|at .+\.(ts|js):\d+/);
}

describe('the disk full under SQLite', () => {
  it('publishing is refused with a sentence, publishes nothing, and works once there is room', async () => {
    const app = await startTestApp();
    running.push(app);
    const db = app.runtime.deps.db;
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    await storeItems(db, source.id, [
      item({ guid: 'kites', title: 'Kites on the field', publishedAt: NOON }),
    ]);
    const insert = app.runtime.sqlite.sqlite.prepare(
      `insert into subscribers (email, email_key, status, token_nonce, created_at, updated_at)
       values (?, ?, 'confirmed', ?, 1, 1)`,
    );
    app.runtime.sqlite.sqlite.transaction(() => {
      for (let n = 0; n < 3000; n++) insert.run(`p${n}@family.example`, `p${n}@family.example`, `n${n}`);
    })();
    const { token } = await createApiToken(db, { name: 'desk', role: 'editor' }, cliActor, app.clock.now());
    const api = (path: string, method: string, body?: unknown) =>
      fetch(`${app.url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const items = await listItemsPublishedBetween(db, NOON - 12 * 3600_000, NOON + 12 * 3600_000);
    expect((await api(`/digests/${DATE}`, 'PUT', { entries: [{ item_id: items[0]!.id }] })).status).toBe(200);

    fillDisk(app);
    const refused = await api(`/digests/${DATE}/publish`, 'POST', {});
    expect(refused.status).toBe(507);
    const answer = (await refused.json()) as { error: { code: string; message: string } };
    expect(answer.error.code).toBe('disk-full');
    expectASentenceNotInternals(answer.error.message);
    const digest = (await findDigest(db, DATE))!;
    expect(digest.status).toBe('draft');
    expect(count(app, 'deliveries')).toBe(0);
    expect(count(app, "audit_log where action = 'digest.publish'")).toBe(0);
    expect(app.logs.join('\n')).toContain('the disk (or its quota) is full');

    freeDisk(app);
    const published = await api(`/digests/${DATE}/publish`, 'POST', {});
    expect(published.status).toBe(200);
    expect((await findDigest(db, DATE))!.status).toBe('published');
    expect((await countDeliveriesByState(db, digest.id)).queued).toBe(3000);
  });

  it('a subscriber import is refused with a sentence, adds nobody, and works once there is room', async () => {
    const app = await startTestApp();
    running.push(app);
    await addSchoolWithSource(app.runtime.deps.db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    const admin = await signedInClient(app);
    const csv = [
      'email,schools',
      ...Array.from({ length: 2000 }, (_, n) => `parent${n}@family.example,`),
    ].join('\n');
    const before = count(app, 'subscribers');

    // The page that asks before importing only reads; the disk fills before its button is pressed.
    const chosen = await chooseImportFile(app, admin, csv, 'They signed up on paper at the open day.');
    expect(chosen.status).toBe(200);
    const review = await chosen.text();
    fillDisk(app);
    const refused = await goAhead(app, admin, review);
    expect(refused.status).toBe(507);
    expectASentenceNotInternals(await refused.text());
    expect(count(app, 'subscribers')).toBe(before);

    // Pressed again once there is room (Back, or the browser's resend): the same file goes in.
    freeDisk(app);
    const imported = await goAhead(app, admin, review);
    expect(imported.status).toBe(303);
    expect(count(app, 'subscribers')).toBe(before + 2000);
  });
});

describe('the disk full while feeds are read', () => {
  it('stores none of a feed’s posts, logs why, and stores them all at the next poll once there is room', async () => {
    const app = await startTestApp();
    running.push(app);
    const feeds = await startTestServer();
    running.push(feeds);
    const posts = Array.from(
      { length: 40 },
      (_, n) =>
        `<item><guid>post-${n}</guid><title>Post ${n} about the garden</title><link>https://room4.example/${n}</link><pubDate>Fri, 20 Nov 2026 16:00:00 GMT</pubDate><description>${'We planted beans and measured them. '.repeat(40)}</description></item>`,
    );
    feeds.route(
      '/feed.xml',
      serveBody(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Room 4</title>${posts.join('')}</channel></rss>`,
        'application/rss+xml',
      ),
    );
    const db = app.runtime.deps.db;
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', `${feeds.url}/feed.xml`);
    fillDisk(app);
    const [outcome] = await runPollJob(app.runtime.deps, { sourceId: source.id });
    expect(outcome).toMatchObject({ status: 'failed', message: expect.stringContaining('disk is full') });
    expect(count(app, 'items')).toBe(0);
    expect(app.logs.join('\n')).toContain('the disk is full: the posts of this feed were not saved');
    freeDisk(app);
    app.clock.advance(60 * 60_000);
    await runPollJob(app.runtime.deps, { sourceId: source.id });
    expect(count(app, 'items')).toBe(40);
  });
});
