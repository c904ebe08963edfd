// The command line as an operator runs it: a real process, real environment, real database file.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveBody, startTestServer, type TestServer } from './http-server';

const run = promisify(execFile);
const BIN = resolve(import.meta.dirname, '../bin/yesterday.mjs');

async function yesterday(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH, ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const feed = (
  date: string,
) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Room 9</title><link>https://room9.example/</link>
<item><title>Kites on the field</title><link>https://room9.example/kites</link><pubDate>${date}</pubDate><description>We flew kites.</description></item>
</channel></rss>`;

describe('npx yesterday', () => {
  let dir: string;
  let env: Record<string, string>;
  let feeds: TestServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yesterday-cli-'));
    env = {
      DATABASE_PATH: join(dir, 'y.db'),
      OUTBOX_DIR: join(dir, 'outbox'),
      FETCH_ALLOW_PRIVATE_NETWORKS: 'true',
      LOG_LEVEL: 'silent',
    };
    feeds = await startTestServer();
    // Yesterday in Chicago, whenever the test runs.
    const yesterdayNoon = new Date(Date.now() - 24 * 3600_000);
    feeds.route('/feed.xml', serveBody(feed(yesterdayNoon.toUTCString()), 'application/rss+xml'));
  });

  afterAll(async () => {
    await feeds.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops with exit status 2 and one line naming a bad variable', async () => {
    const result = await yesterday(['migrate'], { ...env, PORT: 'eighty' });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'yesterday: PORT: must be a whole number from 1 to 65535, but is "eighty".',
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses an unknown command and bad arguments with a reason', async () => {
    expect((await yesterday(['frobnicate'], env)).code).toBe(2);
    // Names every object has are not commands either.
    for (const name of ['constructor', 'toString', '__proto__']) {
      const result = await yesterday([name], env);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`unknown command "${name}"`);
    }
    // Run where the database is not (a shell without the server's settings): a sentence, and nothing made.
    const nowhere = { ...env, DATABASE_PATH: join(dir, 'nowhere', 'y.db') };
    for (const args of [
      ['settings:get'],
      ['settings:set', 'district_name', 'Lakeside'],
      ['backup', join(dir, 'copy.db')],
      ['digest:publish'],
    ]) {
      const missing = await yesterday(args, nowhere);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain(
        `there is no database at ${join(dir, 'nowhere', 'y.db')} (DATABASE_PATH)`,
      );
    }
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
    expect(existsSync(join(dir, 'copy.db'))).toBe(false);

    expect((await yesterday(['migrate'], env)).code).toBe(0);
    const bad = await yesterday(['digest:publish', '--date', '2026-02-30'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--date must be a date like 2026-11-20');
    const unknown = await yesterday(['digest:publish', '--bogus'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe(
      'yesterday: unknown option "--bogus". Run `npx yesterday help` for each command\'s options.',
    );
    const option = await yesterday(['demo', '--port', '8080'], env);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain(
      'demo takes no options (got "--port"). Settings come from the environment',
    );
  });

  it('migrates, adds a source, ingests it, and publishes idempotently', async () => {
    expect((await yesterday(['migrate'], env)).stdout).toContain('Database is up to date');
    const added = await yesterday(
      ['sources:add', `${feeds.url}/feed.xml`, '--school', 'Lincoln Elementary', '--media-release'],
      env,
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/Added source 1: http:\/\/127\.0\.0\.1:\d+\/feed\.xml/);
    // What it read to check the address is stored, as the Sources page does: the post is on the desk at once.
    expect(added.stdout).toContain('Read 1 post, 1 new.');
    // Added without who authorized it: said, with where to record it (the Sources page flags it too).
    expect(added.stderr).toContain(
      'Nobody is recorded as having authorized this account, which the policy asks of the principal.',
    );
    const duplicate = await yesterday(
      ['sources:add', `${feeds.url}/feed.xml`, '--school', 'Lincoln Elementary'],
      env,
    );
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('This feed is already a source');
    const written = await yesterday(
      ['sources:add', `${feeds.url}/feed.xml/`, '--school', 'Lincoln Elementary'],
      env,
    );
    expect(written.code).toBe(1);
    expect(written.stderr).toContain('the same address written another way, so nothing was added.');
    // One blog's feed at a second address brings the same posts: refused, unless the command is told it
    // carries others too.
    const twoPosts = `<?xml version="1.0"?><rss version="2.0"><channel><title>Room 12</title>${[1, 2]
      .map(
        (n) =>
          `<item><title>Post ${n}</title><guid>https://room12.example/?p=${n}</guid><pubDate>${new Date().toUTCString()}</pubDate></item>`,
      )
      .join('')}</channel></rss>`;
    feeds.route('/room12/feed', serveBody(twoPosts, 'application/rss+xml'));
    feeds.route('/room12/rss2', serveBody(twoPosts, 'application/rss+xml'));
    const room12 = ['--school', 'Lincoln Elementary'];
    const twice = { ...env, DATABASE_PATH: join(dir, 'second-address.db') };
    expect((await yesterday(['migrate'], twice)).code).toBe(0);
    expect((await yesterday(['sources:add', `${feeds.url}/room12/feed`, ...room12], twice)).code).toBe(0);
    const secondAddress = await yesterday(['sources:add', `${feeds.url}/room12/rss2`, ...room12], twice);
    expect(secondAddress.code).toBe(1);
    expect(secondAddress.stderr).toContain(
      `2 of the 2 posts this feed carries already come from Room 12 (${feeds.url}/room12/feed) at Lincoln Elementary`,
    );
    expect(secondAddress.stderr).toContain('To add it all the same, run the command again with --anyway.');
    const told = ['sources:add', `${feeds.url}/room12/rss2`, ...room12, '--anyway'];
    expect((await yesterday(told, twice)).code).toBe(0);
    // A class blog's own page is not a feed: nothing is added, and the feed it links to is named.
    feeds.route(
      '/room9',
      serveBody(
        '<!doctype html><html><head><title>Room 9</title><link rel="alternate" type="application/rss+xml" href="/room9/feed"></head><body>News</body></html>',
        'text/html; charset=utf-8',
      ),
    );
    const page = await yesterday(
      ['sources:add', `${feeds.url}/room9`, '--school', 'Lincoln Elementary'],
      env,
    );
    expect(page.code).toBe(1);
    expect(page.stderr).toContain(`${feeds.url}/room9 is a web page, not a feed, so nothing was added.`);
    expect(page.stderr).toContain(`  ${feeds.url}/room9/feed`);
    // A page that links to no feed answered too, with no feed: refused, unless the command is told to add it.
    feeds.route('/room10', serveBody('<!doctype html><title>Room 10</title><p>Soon.</p>', 'text/html'));
    const noFeed = await yesterday(
      ['sources:add', `${feeds.url}/room10`, '--school', 'Lincoln Elementary'],
      env,
    );
    expect(noFeed.code).toBe(1);
    expect(noFeed.stderr).toContain(
      `${feeds.url}/room10 answered, but not with a feed, so nothing was added:`,
    );
    expect(noFeed.stderr).toContain('run the command again with --anyway.');
    expect((await yesterday(['sources:list'], env)).stdout).not.toContain('/room10');
    const anywayEnv = { ...env, DATABASE_PATH: join(dir, 'anyway.db') };
    expect((await yesterday(['migrate'], anywayEnv)).code).toBe(0);
    const anyway = await yesterday(
      ['sources:add', `${feeds.url}/room10`, '--school', 'Lincoln Elementary', '--anyway'],
      anywayEnv,
    );
    expect(anyway.code).toBe(0);
    expect(anyway.stdout).toContain('It is added, but not read in yet');
    // An address that is not there (a typing mistake in its path) is refused the same way.
    const mistyped = await yesterday(
      ['sources:add', `${feeds.url}/fed.xml`, '--school', 'Lincoln Elementary'],
      env,
    );
    expect(mistyped.code).toBe(1);
    expect(mistyped.stderr).toContain(
      `${feeds.url}/fed.xml could not be read, so nothing was added: The feed was not found (HTTP 404).`,
    );
    // A feed whose server is down for now is added and said so (exit 0), in the command's words, without the
    // server's log lines of the same failure.
    // Without LOG_LEVEL, as a district runs it (the suite's env silences the log).
    const serverDown: Parameters<TestServer['route']>[1] = (_request, response) => {
      response.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance');
    };
    feeds.route('/gone.xml', serverDown);
    feeds.route('/not-yet.xml', serverDown);
    const { LOG_LEVEL: _silenced, ...logged } = env;
    const apart = { ...logged, DATABASE_PATH: join(dir, 'unread.db') };
    expect((await yesterday(['migrate'], apart)).code).toBe(0);
    const unread = await yesterday(
      ['sources:add', `${feeds.url}/gone.xml`, '--school', 'Lincoln Elementary'],
      apart,
    );
    expect(unread.code).toBe(0);
    expect(unread.stdout + unread.stderr).toContain('It is added, but not read in yet');
    expect(unread.stdout + unread.stderr).not.toMatch(/\b(?:INFO|DEBUG)\b/);

    // Who authorized an account, when, and when to review it; a date that is no date is refused with a sentence.
    const other = { ...env, DATABASE_PATH: join(dir, 'authorized.db') };
    expect((await yesterday(['migrate'], other)).code).toBe(0);
    feeds.route('/room8.xml', serveBody(feed(new Date().toUTCString()), 'application/rss+xml'));
    const badDate = await yesterday(
      [
        'sources:add',
        `${feeds.url}/room8.xml`,
        '--school',
        'Lincoln Elementary',
        '--review-on',
        '2027-02-30',
      ],
      other,
    );
    // What was typed is wrong: exit status 2, as for any value typed wrong.
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/2027-02-30/);
    // An authorization whose review date has passed is refused before the feed is read: such a source is not
    // read, so it would only sit there.
    const requestsBefore = feeds.requests.length;
    const lapsed = await yesterday(
      [
        'sources:add',
        `${feeds.url}/room8.xml`,
        '--school',
        'Lincoln Elementary',
        '--authorized-on',
        '2024-01-10',
      ],
      other,
    );
    expect(lapsed.code).toBe(2);
    expect(lapsed.stderr.trim()).toBe(
      'yesterday: This authorization was due for review on Friday, January 10, 2025, so the account would not be read, and nothing was added. Once the principal has renewed it, give the day it was renewed as the date it was authorized.',
    );
    expect(feeds.requests.length).toBe(requestsBefore);
    // Authorized on the first of last month: its review, a year on, is still ahead.
    const today = new Date();
    const authorizedOn = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1))
      .toISOString()
      .slice(0, 10);
    const authorized = await yesterday(
      [
        'sources:add',
        `${feeds.url}/room8.xml`,
        '--school',
        'Lincoln Elementary',
        '--authorized-by',
        'Ana Ruiz, principal',
        '--authorized-on',
        authorizedOn,
      ],
      other,
    );
    expect(authorized.code).toBe(0);
    const opml = (await yesterday(['sources:export-opml'], other)).stdout;
    expect(opml).toContain('authorizedBy="Ana Ruiz, principal"');
    expect(opml).toContain(`authorizedOn="${authorizedOn}"`);
    // The review date defaults to authorization_review_months (12) after the authorization.
    expect(opml).toContain(`reviewOn="${Number(authorizedOn.slice(0, 4)) + 1}${authorizedOn.slice(4)}"`);

    // Read when added: its state, and the title the feed gave it. The next poll finds nothing due yet.
    expect((await yesterday(['sources:list'], env)).stdout.trim()).toMatch(
      new RegExp(`^1  ok  Lincoln Elementary  \\S.*  ${feeds.url}/feed\\.xml$`),
    );
    expect((await yesterday(['ingest'], env)).stdout).toContain('No feeds are due for a check.');
    const again = await yesterday(['ingest', '--source', '1'], env);
    expect(again.stdout).toMatch(
      /source 1: (Read 1 post, 0 new\.|The feed has not changed since it was last read\.)/,
    );
    // An address that cannot be read yet is added all the same, and said to be failing.
    const elsewhere = { ...env, DATABASE_PATH: join(dir, 'not-yet.db') };
    expect((await yesterday(['migrate'], elsewhere)).code).toBe(0);
    const broken = await yesterday(
      ['sources:add', `${feeds.url}/not-yet.xml`, '--school', 'Lincoln Elementary'],
      elsewhere,
    );
    expect(broken.code).toBe(0);
    const [, brokenId] =
      /^Added source (\d+): .*\nIt is added, but not read in yet: .+ It is tried again later; sources:list/.exec(
        broken.stdout,
      )!;
    expect((await yesterday(['sources:list'], elsewhere)).stdout).toMatch(
      new RegExp(`^${brokenId}  failing ×1 `, 'm'),
    );
    // One source asked for: one that is not there, or cannot be read, is the command failing (status 1).
    const missing = await yesterday(['ingest', '--source', '99'], env);
    expect([missing.code, missing.stdout, missing.stderr.trim()]).toEqual([
      1,
      '',
      'yesterday: There is no source 99.',
    ]);
    // A suspended account is not read even when asked for by name, and the command says why.
    const file = new BetterSqlite3(elsewhere.DATABASE_PATH);
    file.prepare("update sources set authorization = 'suspended' where id = ?").run(Number(brokenId));
    file.close();
    const suspended = await yesterday(['ingest', '--source', brokenId!], elsewhere);
    expect([suspended.code, suspended.stdout, suspended.stderr.trim()]).toEqual([
      1,
      '',
      `yesterday: ${feeds.url}/not-yet.xml is suspended, so its feed is not read. To read it again, renew its authorization on its page.`,
    ]);
    feeds.route('/feed.xml', serveBody('<html>not a feed</html>', 'text/html'));
    const unreadable = await yesterday(['ingest', '--source', '1'], env);
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toContain('source 1 could not be read (see above).');
    feeds.route(
      '/feed.xml',
      serveBody(feed(new Date(Date.now() - 24 * 3600_000).toUTCString()), 'application/rss+xml'),
    );
    const empty = { ...env, DATABASE_PATH: join(dir, 'empty.db') };
    expect((await yesterday(['migrate'], empty)).code).toBe(0);
    expect((await yesterday(['sources:list'], empty)).stdout).toContain('No sources yet.');

    const nothing = await yesterday(['digest:publish'], env);
    expect(nothing.code).toBe(0);
    expect(nothing.stdout).toMatch(/Nothing is selected for [A-Z][a-z]+day, [A-Z][a-z]+ \d+,/);
  });

  it('refuses to run the demo in a district it did not make, and writes nothing there', async () => {
    const counts = () => {
      const file = new BetterSqlite3(env.DATABASE_PATH!, { readonly: true });
      try {
        return file
          .prepare(
            `select (select count(*) from users) as users, (select count(*) from digests) as digests, (select count(*) from audit_log) as audit`,
          )
          .get();
      } finally {
        file.close();
      }
    };
    const before = counts();
    const files = () =>
      ['', '-wal', '-shm'].map((end) =>
        existsSync(env.DATABASE_PATH + end) ? readFileSync(env.DATABASE_PATH + end).toString('base64') : null,
      );
    const bytes = files();
    const refused = await yesterday(['demo'], { ...env, PORT: '48731' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${env.DATABASE_PATH} holds no demo district`);
    expect(counts()).toEqual(before);
    // Not even opened to write: the files are byte for byte as they were (no migration, no journal).
    expect(files()).toEqual(bytes);

    // The demo's district with a source of the coordinator's own added: said so, with the way to go on.
    feeds.route(
      '/demo/feeds/lincoln.xml',
      serveBody(
        '<rss version="2.0"><channel><title>Demo</title><item><guid>demo-1</guid><title>Kites</title></item></channel></rss>',
        'application/rss+xml',
      ),
    );
    const added = { ...env, DATABASE_PATH: join(dir, 'demo-added.db') };
    expect((await yesterday(['migrate'], added)).code).toBe(0);
    for (const url of [`${feeds.url}/demo/feeds/lincoln.xml`, `${feeds.url}/feed.xml`]) {
      const adding = await yesterday(
        ['sources:add', url, '--school', 'Lincoln Elementary', '--authorized-by', 'Dana Hayes, Principal'],
        added,
      );
      expect([adding.code, adding.stderr]).toEqual([0, '']);
    }
    const addedTo = await yesterday(['demo'], { ...added, PORT: '48732' });
    expect(addedTo.code).toBe(1);
    expect(addedTo.stderr).toContain(
      `${added.DATABASE_PATH} is the demo's district with sources added that are not its sample feeds.`,
    );
    expect(addedTo.stderr).toContain(`DATABASE_PATH=${added.DATABASE_PATH} npm start`);
  });

  it('creates users with one-time links and reads and writes settings', async () => {
    const created = await yesterday(
      ['user:create', '--email', 'editor@district.example', '--role', 'editor'],
      env,
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Created editor@district\.example \(editor\)/);
    expect(created.stdout).toMatch(/http:\/\/localhost:8787\/set-password\?token=[\w-]+/);
    // A link on this machine's own address, for someone elsewhere: said, with what to do.
    expect(created.stderr).toContain('PUBLIC_URL is not set, so the link is on http://localhost:8787');
    const onSite = await yesterday(['user:create', '--email', 'editor@district.example'], {
      ...env,
      PUBLIC_URL: 'https://digest.lakeside.example',
    });
    expect(onSite.stdout).toMatch(/^https:\/\/digest\.lakeside\.example\/set-password\?token=/m);
    expect(onSite.stderr).not.toContain('PUBLIC_URL');
    // A token for that person, whose saves are theirs; one for someone without an account is refused.
    const personal = await yesterday(
      ['token:create', '--name', 'laptop script', '--role', 'editor', '--for', 'editor@district.example'],
      env,
    );
    expect(personal.code).toBe(0);
    expect(personal.stdout.trim()).toMatch(/^yd_[\w-]+$/);
    expect(personal.stderr).toContain('created for editor@district.example: what it saves is theirs');
    const stranger = await yesterday(
      ['token:create', '--name', 'x', '--role', 'editor', '--for', 'nobody@district.example'],
      env,
    );
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toContain('there is no account for nobody@district.example');
    const badRole = await yesterday(
      ['user:create', '--email', 'x@district.example', '--role', 'principal'],
      env,
    );
    expect(badRole.code).toBe(2);
    // A staff address is not a parent's: the example says so.
    const badEmail = await yesterday(['user:create', '--email', 'notanemail', '--role', 'editor'], env);
    expect(badEmail.stderr).toContain('It should look like name@example.com.');
    const noEmail = await yesterday(['user:create', '--role', 'editor'], env);
    expect(noEmail.code).toBe(2);
    expect(noEmail.stderr.trim()).toBe(
      "yesterday: Give the person's address, e.g. user:create --email name@district.example --role editor",
    );
    // An existing account keeps its role, and the answer says so.
    const promoted = await yesterday(
      ['user:create', '--email', 'editor@district.example', '--role', 'admin'],
      env,
    );
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toContain(
      'editor@district.example already has an account (editor); it stays editor (an administrator changes roles under People); this link sets a new password:',
    );

    expect((await yesterday(['settings:set', 'timezone', 'Europe/London'], env)).stdout.trim()).toBe(
      'timezone=Europe/London',
    );
    expect((await yesterday(['settings:get', 'timezone'], env)).stdout.trim()).toBe('Europe/London');
    // Set again to what it is, even as typed with spaces round it: no change, so nothing for the audit log
    // (below). The answer is the value as stored.
    expect((await yesterday(['settings:set', 'timezone', 'Europe/London'], env)).code).toBe(0);
    expect((await yesterday(['settings:set', 'timezone', ' Europe/London '], env)).stdout.trim()).toBe(
      'timezone=Europe/London',
    );
    // A list (one item per line) reads as one line in the listing, in the form settings:set takes.
    expect((await yesterday(['settings:set', 'tone_words', 'silly\nclueless'], env)).code).toBe(0);
    const listing = (await yesterday(['settings:get'], env)).stdout.split('\n');
    expect(listing).toContain('tone_words=silly, clueless');
    expect(listing).toContain('timezone=Europe/London');
    expect((await yesterday(['settings:get', 'tone_words'], env)).stdout.trim()).toBe('silly\nclueless');
    // A mistyped key is the same usage error whether read or set.
    const typos = await Promise.all([
      yesterday(['settings:get', 'colour'], env),
      yesterday(['settings:set', 'colour', 'pink'], env),
    ]);
    expect(typos.map((typo) => typo.code)).toEqual([2, 2]);
    for (const typo of typos) expect(typo.stderr).toContain('There is no setting called "colour".');
    const badZone = await yesterday(['settings:set', 'timezone', 'Mars/Olympus'], env);
    expect(badZone.code).toBe(2);
    expect(badZone.stderr).toContain(
      'Time zone (timezone) must be an IANA time zone such as America/Chicago.',
    );
    // The audit log has what the command line changed, as it has the admin's changes: the account made (once),
    // and each setting changed (not the one refused).
    const file = new BetterSqlite3(env.DATABASE_PATH!, { readonly: true });
    try {
      const logged = file
        .prepare(
          `select action, actor_label as who, details from audit_log where action in ('user.invite', 'settings.change') order by id`,
        )
        .all() as { action: string; who: string; details: string }[];
      expect(logged.map((row) => [row.action, row.who, JSON.parse(row.details) as unknown])).toEqual([
        ['user.invite', 'command line', { email: 'editor@district.example', role: 'editor' }],
        ['settings.change', 'command line', { timezone: 'Europe/London' }],
        ['settings.change', 'command line', { tone_words: 'silly\nclueless' }],
      ]);
    } finally {
      file.close();
    }
  });

  it('checks a feed without writing anything, as text or one JSON document', async () => {
    const fresh = { ...env, DATABASE_PATH: join(dir, 'never-created.db') };
    const text = await yesterday(['feed:check', `${feeds.url}/feed.xml`], fresh);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Room 9: RSS 2.0, Other site, 1 post');
    expect(text.stdout).toContain('Kites on the field');
    const json = await yesterday(['feed:check', `${feeds.url}/feed.xml`, '--json'], fresh);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({
      ok: true,
      format: 'RSS 2.0',
      title: 'Room 9',
      items: [{ title: 'Kites on the field', url: 'https://room9.example/kites' }],
    });
    const missing = await yesterday(['feed:check', `${feeds.url}/nope`], fresh);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(
      'yesterday: The feed was not found (HTTP 404). The blog may have moved or been deleted; check the address.',
    );
    const missingJson = await yesterday(['feed:check', `${feeds.url}/nope`, '--json'], fresh);
    expect(missingJson.code).toBe(1);
    expect(JSON.parse(missingJson.stdout)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('HTTP 404') },
    });
    expect(existsSync(join(dir, 'never-created.db'))).toBe(false);
  });

  it('says in plain words, as text and in JSON, when a feed declares entities of its own', async () => {
    const declaring = feed(new Date().toUTCString())
      .replace('<rss version="2.0">', '<!DOCTYPE rss [<!ENTITY kites "Kites">]><rss version="2.0">')
      .replace('<title>Kites on the field</title>', '<title>&kites; on the field</title>');
    feeds.route('/entities.xml', serveBody(declaring, 'application/rss+xml'));
    const fresh = { ...env, DATABASE_PATH: join(dir, 'never-created.db') };
    const warning =
      'This feed defines its own abbreviations (XML entities), which Yesterday does not expand for safety; some words in its titles or text may be missing.';
    const text = await yesterday(['feed:check', `${feeds.url}/entities.xml`], fresh);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Warning: ${warning}`);
    expect(text.stdout).toContain('  on the field');
    expect(text.stdout).not.toContain('&kites;');
    const json = JSON.parse(
      (await yesterday(['feed:check', `${feeds.url}/entities.xml`, '--json'], fresh)).stdout,
    );
    expect(json).toMatchObject({ ok: true, warnings: [warning], items: [{ title: 'on the field' }] });
  });

  it('exports sources as OPML and imports them into another database', async () => {
    const file = join(dir, 'sources.opml');
    const exported = await yesterday(['sources:export-opml', file], env);
    expect(exported).toMatchObject({ code: 0, stdout: `Exported 1 source to ${file}\n` });
    expect(readFileSync(file, 'utf8')).toContain(`xmlUrl="${feeds.url}/feed.xml"`);
    const other = { ...env, DATABASE_PATH: join(dir, 'other.db') };
    expect((await yesterday(['migrate'], other)).code).toBe(0);
    // The same district's time zone (set to Europe/London above): the list's authorization dates are days there,
    // and one after today in the other database's (from midnight in London to 6:00 in Chicago) would be refused.
    expect((await yesterday(['settings:set', 'timezone', 'Europe/London'], other)).code).toBe(0);
    const imported = await yesterday(['sources:import-opml', file], other);
    expect(imported.stdout.trim()).toBe('Imported 1 source; 0 were already registered.');
    const bad = join(dir, 'bad.opml');
    writeFileSync(bad, '<opml><body><outline text="x" xmlUrl="javascript:alert(1)"/></body></opml>');
    const refused = await yesterday(['sources:import-opml', bad, '--school', 'Lincoln'], other);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Nothing was imported.');
    expect(refused.stderr).toContain('Feed 1 (x): the address must start with http:// or https://.');
  });

  it('backs up the database consistently', async () => {
    const file = join(dir, 'backup.db');
    const result = await yesterday(['backup', file], env);
    expect(result.code).toBe(0);
    expect(existsSync(file)).toBe(true);
    // It holds the signing secret and parents' addresses: for the service's user's eyes only.
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const copy = new BetterSqlite3(file, { readonly: true });
    expect(copy.prepare('select count(*) as n from sources').get()).toEqual({ n: 1 });
    copy.close();
    // Somewhere it cannot be written, a sentence instead of SQLite's words alone.
    const unwritable = await yesterday(['backup', '/proc/yesterday-backup.db'], env);
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toMatch(
      /The (backup could not be written to \/proc\/yesterday-backup\.db|folder \/proc cannot be written)/,
    );
    // A backup never writes over another.
    const again = await yesterday(['backup', file], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists, and nothing is written over it');
    // Nor does an export, and a folder that is not there is named.
    writeFileSync(join(dir, 'rows.sql'), 'keep me');
    const rows = await yesterday(['d1:export-sql', join(dir, 'rows.sql')], env);
    expect(rows.code).toBe(1);
    expect(readFileSync(join(dir, 'rows.sql'), 'utf8')).toBe('keep me');
    // A folder is named as one, with a file name to give.
    const folder = await yesterday(['backup', dir], env);
    expect(folder.code).toBe(2);
    expect(folder.stderr.trim()).toBe(
      `yesterday: ${dir} is a folder: name the file to write inside it, e.g. ${join(dir, `yesterday-${new Date().toISOString().slice(0, 10)}.db`)}`,
    );
    const nowhere = await yesterday(['backup', join(dir, 'no', 'such', 'b.db')], env);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain(`The folder ${join(dir, 'no', 'such')} does not exist.`);
  });

  it('shows a command’s help for --help after it, and does nothing else', async () => {
    for (const command of ['backup', 'd1:export-sql', 'sources:export-opml', 'schedule:run', 'migrate']) {
      const help = await yesterday([command, '--help'], env);
      expect(help.code, command).toBe(0);
      expect(help.stdout, command).toContain(`Usage: npx yesterday ${command}`);
      expect(help.stdout, command).toMatch(new RegExp(`^ {2}.*${command}`, 'm'));
    }
    expect(existsSync('--help')).toBe(false);
    expect(existsSync(join(process.cwd(), '--help'))).toBe(false);
    // An option a command does not take is refused, not taken for a file's name.
    const option = await yesterday(['backup', '--out', join(dir, 'x.db')], env);
    expect(option.code).toBe(2);
    expect(existsSync(join(dir, 'x.db'))).toBe(false);
  });
});
