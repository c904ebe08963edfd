// `npm start` and `npm run demo` as a newcomer runs them: real processes, real ports, real files.
import exifr from 'exifr';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, dayRange, localDateOf } from '../src/time/zoned-time';
import { serveBody, startTestServer } from './http-server';
import { SMTPServer } from 'smtp-server';
import { freePort } from './test-app';
import BetterSqlite3 from 'better-sqlite3';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const BIN = resolve(import.meta.dirname, '../bin/yesterday.mjs');

interface Started {
  child: ChildProcess;
  output: () => string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  stop(): Promise<number | null>;
}

function start(command: string, env: Record<string, string>, cwd?: string, nodeArgs: string[] = []): Started {
  const child = spawn(process.execPath, [...nodeArgs, BIN, command], {
    cwd,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return {
    child,
    output: () => output,
    waitFor(pattern, timeoutMs = 45_000) {
      return new Promise((resolvePromise, reject) => {
        const started = Date.now();
        const check = () => {
          const match = pattern.exec(output);
          if (match) return resolvePromise(match);
          if (child.exitCode !== null) return reject(new Error(`exited with ${child.exitCode}: ${output}`));
          if (Date.now() - started > timeoutMs)
            return reject(new Error(`timed out waiting for ${pattern}: ${output}`));
          setTimeout(check, 100);
        };
        check();
      });
    },
    stop() {
      return new Promise((resolvePromise) => {
        // Ended already: by itself (its exit code) or by a signal (no code).
        if (child.exitCode !== null || child.signalCode !== null) return resolvePromise(child.exitCode);
        child.once('exit', (code) => resolvePromise(code));
        child.kill('SIGTERM');
      });
    },
  };
}

/** A free port on 127.0.0.1, and the settings for a server there whose database and outbox are in `dir`. */
async function serverIn(dir: string, extra: Record<string, string> = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    env: {
      PORT: String(port),
      PUBLIC_URL: base,
      DATABASE_PATH: join(dir, 'y.db'),
      OUTBOX_DIR: join(dir, 'outbox'),
      ...extra,
    },
  };
}

/** A one-off command, like an operator typing it next to the running server. */
async function command(args: string[], env: Record<string, string>): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env },
    timeout: 60_000,
  });
  return stdout;
}

/** The processes whose parent is `pid` (Linux: /proc/PID/stat, field 4). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return children.sort();
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
) {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A GET with exactly these headers (fetch would add Accept-Encoding and decompress on its own). */
function rawGet(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>(
    (resolvePromise, reject) => {
      httpGet(url, { headers, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolvePromise({
            status: response.statusCode!,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      }).on('error', reject);
    },
  );
}

describe('starting Yesterday', () => {
  const cleanups: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'yesterday-serve-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  };

  it('serve migrates a new database, prints the URL and a one-time setup link, and stops cleanly', async () => {
    const dir = tempDir();
    const port = await freePort();
    // The first `npm start`: no DATABASE_PATH, so ./data is made where it runs.
    const server = start(
      'serve',
      { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, OUTBOX_DIR: join(dir, 'outbox') },
      dir,
    );
    cleanups.push(() => server.stop());
    await server.waitFor(new RegExp(`Yesterday is running at http://127\\.0\\.0\\.1:${port}`));
    const [link] = await server.waitFor(/http:\/\/127\.0\.0\.1:\d+\/setup\?token=[\w-]+/);
    expect(server.output()).toContain('No SMTP_URL is set: emails are written to');
    const page = await fetch(link!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Create the first administrator');
    expect(readdirSync(join(dir, 'data'))).toContain('yesterday.db');
    // The folder and the database are the service's user's alone, whatever the shell's umask.
    expect(statSync(join(dir, 'data')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'data', 'yesterday.db')).mode & 0o777).toBe(0o600);
    expect(await server.stop()).toBe(0);

    // Started again before anyone used it: a new link, and the old one says why it no longer works.
    const again = start(
      'serve',
      { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, OUTBOX_DIR: join(dir, 'outbox') },
      dir,
    );
    cleanups.push(() => again.stop());
    const [newLink] = await again.waitFor(/http:\/\/127\.0\.0\.1:\d+\/setup\?token=[\w-]+/);
    expect(newLink).not.toBe(link);
    const old = await fetch(link!);
    expect(old.status).toBe(404);
    expect(await old.text()).toContain(
      'each start of the server prints a new link, and the earlier one stops working',
    );
    expect((await fetch(newLink!)).status).toBe(200);
    expect(await again.stop()).toBe(0);
  });

  /**
   * `npm start` in a folder of its own, as a newcomer runs it: npm, the server process under it, and what both
   * printed. `detached` gives npm a process group of its own, as a terminal's foreground job has.
   */
  const npmStart = async (options: { detached?: boolean } = {}) => {
    const dir = tempDir();
    const port = await freePort();
    const npm = spawn('npm', ['start'], {
      cwd: resolve(import.meta.dirname, '..'),
      env: {
        PATH: process.env.PATH,
        LOG_LEVEL: 'warn',
        PORT: String(port),
        DATABASE_PATH: join(dir, 'yesterday.db'),
        OUTBOX_DIR: join(dir, 'outbox'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: options.detached,
    });
    let output = '';
    npm.stdout!.on('data', (chunk) => (output += chunk));
    npm.stderr!.on('data', (chunk) => (output += chunk));
    // npm and everything it started have ended and all they wrote has been read.
    const closed = new Promise<void>((resolvePromise) => npm.once('close', () => resolvePromise()));
    cleanups.push(() => void npm.kill('SIGKILL'));
    await until('npm start to listen', () => output.includes('Yesterday is running at') || undefined, 45_000);
    const server = await until('the server process', () =>
      childrenOf(npm.pid!).find((pid) =>
        readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('yesterday.mjs\0serve'),
      ),
    );
    return { dir, port, npm, server, closed, output: () => output };
  };

  it('npm start runs the server, and a signal to npm (a service manager, Ctrl-C) stops the server too', async () => {
    const { port, npm, server } = await npmStart();
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    npm.kill('SIGTERM');
    await until('the server to stop', () => !alive(server) || undefined);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('Ctrl-C on npm start in a terminal stops the server cleanly, though the signal arrives twice', async () => {
    // A terminal sends Ctrl-C to its whole foreground group: npm, which forwards it, and the server itself.
    const { dir, npm, server, closed, output } = await npmStart({ detached: true });
    process.kill(-npm.pid!, 'SIGINT');
    await until('the server to stop', () => !alive(server) || undefined);
    await closed; // what the server printed last may still be on its way through npm's pipe
    expect(output()).toContain('Stopping…');
    // Closed, not killed: the write-ahead log was folded into the database file and removed.
    expect(existsSync(join(dir, 'yesterday.db-wal'))).toBe(false);
  });

  it('demo serves its own feeds, publishes a sample digest and writes its emails to the outbox', async () => {
    const dir = tempDir();
    const port = await freePort();
    const demo = start('demo', {
      PORT: String(port),
      DATABASE_PATH: join(dir, 'demo.db'),
      OUTBOX_DIR: join(dir, 'outbox'),
    });
    cleanups.push(() => demo.stop());
    await demo.waitFor(/The demo district is running/);
    const [, password] = await demo.waitFor(/Sign in as coordinator@lakeside\.example with password (\S+)/);
    expect(password).toBeTruthy();
    const home = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    expect(home).toContain('Lakeside Unified School District');
    expect(home).toContain('Counting by fives at the market');
    expect(readdirSync(join(dir, 'outbox')).filter((f) => f.endsWith('.eml'))).toHaveLength(2);
    // The sample photographs the demo's feeds point to, as a phone wrote them (GPS position included), and
    // nothing else under their path.
    const picture = await fetch(`http://127.0.0.1:${port}/demo/images/sprouts.jpg`);
    expect(picture.headers.get('content-type')).toBe('image/jpeg');
    expect((await exifr.gps(Buffer.from(await picture.arrayBuffer()))).latitude).toBeCloseTo(44.975, 2);
    for (const name of ['constructor', '__proto__', 'nothing.svg', 'sprouts.svg'])
      expect((await fetch(`http://127.0.0.1:${port}/demo/images/${name}`)).status).toBe(404);
    // The sample digest shows the district's copies, without the position, and its links use the demo's port.
    const media = /\/media\/[0-9a-f]{20}-\d+\.jpg/.exec(home)?.[0];
    expect(media).toBeDefined();
    const copy = Buffer.from(await (await fetch(`http://127.0.0.1:${port}${media}`)).arrayBuffer());
    expect(await exifr.parse(copy, { gps: true })).toBeUndefined();
    const feed = await (await fetch(`http://127.0.0.1:${port}/feed.xml`)).text();
    expect(feed).toContain(`<link>http://localhost:${port}/</link>`);
    expect(feed).not.toContain('localhost:8787');

    // Public pages and feeds go compressed to clients that accept it, from memory after the first request.
    for (const path of ['/', '/feed.xml']) {
      const plain = await rawGet(`http://127.0.0.1:${port}${path}`, {});
      expect(plain.headers['content-encoding']).toBeUndefined();
      for (let n = 0; n < 2; n++) {
        const zipped = await rawGet(`http://127.0.0.1:${port}${path}`, { 'accept-encoding': 'gzip, br' });
        expect(zipped.status).toBe(200);
        expect(zipped.headers['content-encoding']).toBe('gzip');
        expect(zipped.headers.vary).toContain('Accept-Encoding');
        expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
        expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
        const again = await rawGet(`http://127.0.0.1:${port}${path}`, {
          'accept-encoding': 'gzip',
          'if-none-match': zipped.headers.etag!,
        });
        expect(again.status).toBe(304);
      }
    }
    expect(await demo.stop()).toBe(0);
  });

  it('demo stopped with Ctrl-C during its set-up finishes the set-up, stops cleanly and starts again whole', async () => {
    const dir = tempDir();
    const port = await freePort();
    const env = { PORT: String(port), DATABASE_PATH: join(dir, 'demo.db'), OUTBOX_DIR: join(dir, 'outbox') };
    const demo = start('demo', env);
    cleanups.push(() => demo.stop());
    // The server answers before the demo district is made: the Ctrl-C lands while it is being made.
    await until('the demo server answering', async () =>
      (await fetch(`http://127.0.0.1:${port}/demo/feeds/nothing`).catch(() => undefined))?.status === 404
        ? true
        : undefined,
    );
    expect(demo.output()).not.toContain('The demo district is running');
    const stopped = new Promise<number | null>((resolveExit) => demo.child.once('exit', resolveExit));
    demo.child.kill('SIGINT');
    expect(await stopped).toBe(0);
    expect(demo.output()).toContain('Stopping…');
    // The coordinator's password, made during the set-up, is said even so: the next run cannot say it.
    expect(demo.output()).toMatch(/coordinator@lakeside\.example with password \S+/);

    // Started again on another port: its sources follow the sample feeds there, and are read without a fault
    // (the guard lets the demo fetch only from its own address and port).
    const port2 = await freePort();
    const again = start('demo', { ...env, PORT: String(port2) });
    cleanups.push(() => again.stop());
    await again.waitFor(/The demo district is running/);
    const home = await (await fetch(`http://127.0.0.1:${port2}/`)).text();
    expect(home).toContain('Lakeside Unified School District');
    expect(home).toContain('Counting by fives at the market');
    const db = new BetterSqlite3(join(dir, 'demo.db'), { readonly: true });
    const read = db.prepare('select feed_url as url, error_count as errors from sources').all() as {
      url: string;
      errors: number;
    }[];
    db.close();
    expect(read.length).toBeGreaterThan(0);
    for (const source of read) {
      expect(source.url.startsWith(`http://127.0.0.1:${port2}/demo/feeds/`), source.url).toBe(true);
      expect(source.errors, source.url).toBe(0);
    }
    expect(await again.stop()).toBe(0);
  });

  it('serve answers from memory, and shows a digest that a command publishes beside it', async () => {
    const dir = tempDir();
    const feeds = await startTestServer();
    cleanups.push(() => feeds.close());
    const date = addDays(localDateOf(Date.now(), 'America/Chicago'), -1);
    const noon = new Date(dayRange(date, 'America/Chicago').start + 12 * 3600_000).toUTCString();
    feeds.route(
      '/feed.xml',
      serveBody(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Room 9</title><link>https://room9.example/</link>
<item><title>Kites on the field</title><link>https://room9.example/kites</link><pubDate>${noon}</pubDate><description>We flew kites.</description></item></channel></rss>`,
        'application/rss+xml',
      ),
    );
    const { base, env } = await serverIn(dir, { FETCH_ALLOW_PRIVATE_NETWORKS: 'true' });
    await command(['migrate'], env);
    expect(
      await command(['sources:add', `${feeds.url}/feed.xml`, '--school', 'Lincoln Elementary'], env),
    ).toContain('Read 1 post, 1 new.');
    const token = (await command(['token:create', '--name', 'test', '--role', 'admin'], env)).trim();

    const server = start('serve', env);
    cleanups.push(() => server.stop());
    await server.waitFor(new RegExp(`Yesterday is running at ${base} \\(public address: ${base}\\)`));
    expect(childrenOf(server.child.pid!)).toEqual([]); // one process: no cluster, no helpers

    // The feed and the page are kept in memory, with no digest in them yet.
    for (let n = 0; n < 3; n++) {
      expect((await rawGet(`${base}/feed.xml`)).body.toString()).not.toContain('Kites on the field');
      expect((await rawGet(`${base}/`)).body.toString()).not.toContain('Kites on the field');
    }

    // An editor picks the post through the API; the operator publishes from the command line.
    const api = (path: string, method: string, body?: unknown) =>
      fetch(`${base}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const { items } = (await (await api(`/items?date=${date}`, 'GET')).json()) as { items: { id: number }[] };
    expect(items).toHaveLength(1);
    expect((await api(`/digests/${date}`, 'PUT', { entries: [{ item_id: items[0]!.id }] })).status).toBe(200);
    expect(await command(['digest:publish', '--date', date], env)).toContain(
      `Published the digest for ${date}`,
    );

    // The server learns of another process's change by reading the revision again (at most a second old).
    await until('the published digest in the feed and on the page', async () => {
      const feed = (await rawGet(`${base}/feed.xml`)).body.toString();
      const home = (await rawGet(`${base}/`)).body.toString();
      return (feed.includes('Kites on the field') && home.includes('Kites on the field')) || undefined;
    });
    expect(await server.stop()).toBe(0);
  }, 90_000);

  it('the built server renders its pages without an AsyncLocalStorage, so requests pay no async hooks', async () => {
    // hono/jsx would render in one; on Node 20 and 22 its first run turns on async hooks for every request
    // after (scripts/build.mjs). A module loaded first counts every run of any AsyncLocalStorage.
    const dir = tempDir();
    const counted = join(dir, 'runs');
    const counter = `data:text/javascript,${encodeURIComponent(`
      import { AsyncLocalStorage } from 'node:async_hooks';
      import { writeFileSync } from 'node:fs';
      import { isMainThread } from 'node:worker_threads';
      let runs = 0;
      for (const name of ['run', 'enterWith']) {
        const original = AsyncLocalStorage.prototype[name];
        AsyncLocalStorage.prototype[name] = function (...args) { runs++; return original.apply(this, args); };
      }
      if (isMainThread) process.on('exit', () => writeFileSync(${JSON.stringify(counted)}, String(runs)));
    `)}`;
    // The counter counts: one run, counted.
    await promisify(execFile)(process.execPath, [
      '--import',
      counter,
      '-e',
      "new (require('node:async_hooks').AsyncLocalStorage)().run(1, () => {})",
    ]);
    expect(readFileSync(counted, 'utf8')).toBe('1');
    rmSync(counted); // the server's count is written afresh when it stops

    const { base, env } = await serverIn(dir);
    const server = start('serve', env, undefined, ['--import', counter]);
    cleanups.push(() => server.stop());
    const [link] = await server.waitFor(/http:\/\/127\.0\.0\.1:\d+\/setup\?token=[\w-]+/);
    for (const address of [
      link!,
      `${base}/`,
      `${base}/subscribe`,
      `${base}/archive`,
      `${base}/embed`,
      `${base}/feed.xml`,
      `${base}/nowhere`,
    ]) {
      const response = await fetch(address);
      expect([address, response.status]).toEqual([address, address.endsWith('/nowhere') ? 404 : 200]);
      expect((await response.text()).length).toBeGreaterThan(100);
    }
    expect(await server.stop()).toBe(0);
    expect(readFileSync(counted, 'utf8')).toBe('0');
  });

  it('serve says which mail server it uses, and in words when that server cannot be used', async () => {
    const dir = tempDir();
    // A real SMTP server that takes one password; nothing listens on the second port.
    const logins: string[] = [];
    const smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, callback) {
        logins.push(`${auth.username}:${auth.password}`);
        if (auth.password === 'right') return callback(null, { user: auth.username });
        callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      },
    });
    await new Promise<void>((ready) => smtp.listen(0, '127.0.0.1', ready));
    cleanups.push(() => new Promise<void>((closed) => smtp.close(() => closed())));
    const smtpPort = (smtp.server.address() as { port: number }).port;
    const nothingThere = await freePort();
    const cases: [string, string | undefined][] = [
      [
        `smtp://digest:wrong@127.0.0.1:${smtpPort}`,
        `The mail server at 127.0.0.1:${smtpPort} refused the user name and password in SMTP_URL (`,
      ],
      [
        `smtp://digest:x@127.0.0.1:${nothingThere}`,
        `The mail server at 127.0.0.1:${nothingThere} could not be reached (`,
      ],
      [`smtp://digest:right@127.0.0.1:${smtpPort}`, undefined],
    ];
    for (const [url, problem] of cases) {
      const server = start('serve', {
        PORT: String(await freePort()),
        DATABASE_PATH: join(dir, 'y.db'),
        SMTP_URL: url,
        MAIL_FROM: 'Lakeside Schools <digest@lakeside.example>',
      });
      cleanups.push(() => server.stop());
      const where = new URL(url).port;
      await server.waitFor(
        new RegExp(`Emails go through the mail server at 127\\.0\\.0\\.1:${where} \\(SMTP_URL\\)\\.`),
      );
      if (problem) {
        await server.waitFor(
          new RegExp(
            `${escapeRegExp(problem)}.*\\)\\.( Check the host and port in SMTP_URL\\.)? Emails wait in the queue until it works\\.`,
          ),
        );
      } else {
        await until('the check to sign in', () => logins.includes('digest:right') || undefined);
        await new Promise((settled) => setTimeout(settled, 500));
        expect(server.output()).not.toContain('Emails wait in the queue');
      }
      expect(server.output()).not.toContain('wrong'); // the password is never printed
      expect(await server.stop()).toBe(0);
    }
  }, 60_000);

  it('serve stops with the reason when the port is taken', async () => {
    const dir = tempDir();
    const taken = createTcpServer();
    await new Promise<void>((ready) => taken.listen(0, '127.0.0.1', ready));
    cleanups.push(() => new Promise<void>((closed) => taken.close(() => closed())));
    const port = (taken.address() as { port: number }).port;
    const server = start('serve', {
      PORT: String(port),
      DATABASE_PATH: join(dir, 'y.db'),
      OUTBOX_DIR: join(dir, 'outbox'),
    });
    cleanups.push(() => server.stop());
    const code = await new Promise<number | null>((exited) => server.child.once('exit', exited));
    expect(code).toBe(2);
    expect(server.output()).toContain(
      `yesterday: PORT: 127.0.0.1:${port} is already in use by another program. Stop that program, or set PORT to a free port.`,
    );
  });

  it('serve warns at start when TRUST_PROXY counts proxies that clients could go round', async () => {
    const dir = tempDir();
    const server = start('serve', {
      PORT: String(await freePort()),
      HOST: '0.0.0.0',
      TRUST_PROXY: '1',
      DATABASE_PATH: join(dir, 'y.db'),
      OUTBOX_DIR: join(dir, 'outbox'),
    });
    cleanups.push(() => server.stop());
    await server.waitFor(
      /Warning: TRUST_PROXY=1 believes the address a proxy adds to each request, but HOST=0\.0\.0\.0/,
    );
    expect(await server.stop()).toBe(0);
  });

  it('serve stops with a sentence naming the setting when HOST or DATABASE_PATH cannot be used', async () => {
    const dir = tempDir();
    const cases: [Record<string, string>, string][] = [
      [
        { HOST: 'nowhere.invalid', DATABASE_PATH: join(dir, 'y.db') },
        'yesterday: HOST: nowhere.invalid is not a name this machine can find.',
      ],
      [
        // A file where the database's folder should be: no user could make the database there.
        { DATABASE_PATH: join(dir, 'y.db', 'inside', 'y.db') },
        `yesterday: DATABASE_PATH: the database cannot be made or opened at ${join(dir, 'y.db', 'inside', 'y.db')}`,
      ],
      [
        // A mistyped folder: no new, empty district is started there.
        { DATABASE_PATH: join(dir, 'yesterdy', 'yesterday.db') },
        `yesterday: DATABASE_PATH: the folder ${join(dir, 'yesterdy')} does not exist. Check the path for a typing mistake;`,
      ],
    ];
    for (const [env, sentence] of cases) {
      const server = start('serve', {
        PORT: String(await freePort()),
        OUTBOX_DIR: join(dir, 'outbox'),
        ...env,
      });
      cleanups.push(() => server.stop());
      const code = await new Promise<number | null>((exited) => server.child.once('exit', exited));
      expect(code).toBe(2);
      expect(server.output()).toContain(sentence);
      expect(server.output()).not.toContain('    at ');
    }
    expect(existsSync(join(dir, 'yesterdy'))).toBe(false);
  });
});
