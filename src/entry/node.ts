// The Node runtime: opens and migrates the SQLite database, picks SMTP or the outbox folder, builds the
// fetcher, password hasher and the in-process scheduler (the HTTP server is node-server.ts). Nothing else in
// the code base touches better-sqlite3, nodemailer, undici or timers. What only some commands use (undici,
// nodemailer, the jobs) is loaded when first used, so a command answers quickly.
import { accessSync, constants, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { availableParallelism } from 'node:os';
import { getConnInfo } from '@hono/node-server/conninfo';
import { withPbkdf2Fallback } from '../auth/pbkdf2-hasher';
import { createScryptHasher } from '../auth/scrypt-hasher';
import { loadSigningKey } from '../auth/signing-key';
import type { PasswordHasher } from '../auth/password';
import { createClientAddress } from '../client-address';
import { ConfigError, DEFAULT_DATABASE_PATH, type Config } from '../config';
import { MIGRATIONS_DIR, migrateSqlite, openSqlite, type SqliteHandle } from '../db/sqlite-node';
import { systemClock, type AppDeps, type Clock } from '../deps';
import { createOutboxMailer } from '../email/outbox-mailer';
import { createSmtpMailer } from '../email/smtp-mailer';
import type { FeedFetcher, FetchLimits } from '../ingest/fetcher';
import { createProcessPool, type ProcessPool } from '../ingest/process-pool-node';
import { createLogger, type Logger } from '../log';
import type { PictureDeps } from '../pictures/copy-pictures';
import { databasePictureBytes } from '../pictures/database-bytes';
import { MAX_PICTURE_BYTES, type PictureMaker } from '../pictures/picture-types';
import { createScheduler, type Scheduler } from './node-scheduler';
import type { SocialFetch } from '../social/social-fetch';
import { libreTranslateProvider } from '../i18n/translate-provider';

export interface NodeRuntimeOptions {
  log?: Logger;
  clock?: Clock;
  passwords?: PasswordHasher;
  fetchLimits?: Partial<FetchLimits>;
  /**
   * Origins whose feeds and pictures may be fetched although their address is private (the demo's own server);
   * everything else keeps the guard unless FETCH_ALLOW_PRIVATE_NETWORKS turns it off.
   */
  privateOrigins?: () => readonly string[];
  /** Worker threads for feed processing; 0 processes feeds on the main thread (tests). */
  processWorkers?: number;
}

export interface NodeRuntime {
  deps: AppDeps;
  sqlite: SqliteHandle;
  scheduler: Scheduler;
  pool: ProcessPool | undefined;
  close(): Promise<void>;
}

export async function createNodeRuntime(
  given: Config,
  options: NodeRuntimeOptions = {},
): Promise<NodeRuntime> {
  const config = withEarlierOutbox(given);
  const log = options.log ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  // Read even while email goes to the outbox folder: a key file that is missing is said at this start, not
  // on the day SMTP_URL is set.
  const dkimKey = config.dkim && (config.dkim.privateKey ?? readDkimKey(config.dkim.privateKeyFile!));
  // Likewise the outbox folder, while it is where email goes: a folder that cannot be made would keep every
  // email queued, with no word anywhere but the database.
  if (!config.smtpUrl) checkOutboxFolder(config.outboxDir);
  const sqlite = openDatabase(config.databasePath);
  const db = sqlite.database;
  const outbox = config.smtpUrl ? undefined : createOutboxMailer(config.outboxDir);
  const mailer = config.smtpUrl
    ? createSmtpMailer({
        url: config.smtpUrl,
        maxConnections: config.smtpMaxConnections,
        ratePerSecond: config.smtpRateLimit,
        dkim: config.dkim && {
          domain: config.dkim.domain,
          selector: config.dkim.selector,
          privateKey: dkimKey!,
        },
      })
    : outbox!;
  const workers = options.processWorkers ?? Math.max(1, availableParallelism() - 1);
  // Threads start when there is a feed to read and stop when idle, so commands and a quiet server hold none.
  const pool = workers > 0 ? createProcessPool({ size: workers, log }) : undefined;
  const fetcher = fetcherWhenUsed(async () =>
    (await import('../ingest/fetch-feed-node')).createNodeFetcher({
      publicUrl: config.publicUrl,
      allowPrivateNetworks: config.fetchAllowPrivateNetworks,
      privateOrigins: options.privateOrigins,
      limits: options.fetchLimits,
      now: () => clock.now(),
    }),
  );

  const pictures: PictureDeps = {
    fetcher: fetcherWhenUsed(async () =>
      (await import('../ingest/fetch-feed-node')).createNodeFetcher({
        publicUrl: config.publicUrl,
        allowPrivateNetworks: config.fetchAllowPrivateNetworks,
        privateOrigins: options.privateOrigins,
        subject: 'picture',
        limits: { maxBodyBytes: MAX_PICTURE_BYTES, deadlineMs: 30_000 },
        now: () => clock.now(),
      }),
    ),
    maker: makerWhenUsed(async () =>
      (await import('../pictures/make-picture-sharp')).createSharpPictureMaker(),
    ),
    bytes: databasePictureBytes(db),
  };

  const clientAddress = createClientAddress(config.trustProxy);
  // undici and the address guard's hooks are loaded with the first social post, not by every command.
  let social: Promise<{ fetch: SocialFetch; close(): Promise<void> }> | undefined;
  const socialFetch: SocialFetch = async (input, init) =>
    (
      await (social ??= import('../social/social-fetch-node').then((m) =>
        m.createNodeSocialFetch({ allowPrivateNetworks: config.fetchAllowPrivateNetworks }),
      ))
    ).fetch(input, init);

  // The scheduler and the deps refer to each other (jobs need deps; deps wake jobs), so deps is filled first.
  const deps = {
    config,
    db,
    mailer,
    outbox,
    fetcher,
    feedProcessor: pool?.process,
    pictures,
    // scrypt here; PBKDF2 hashes from a database that lived on Workers are still accepted.
    passwords: options.passwords ?? withPbkdf2Fallback(createScryptHasher()),
    socialFetch,
    translation: config.translateUrl
      ? libreTranslateProvider({
          url: config.translateUrl,
          apiKey: config.translateApiKey,
          allowPrivateNetworks: config.fetchAllowPrivateNetworks,
          fetch: socialFetch,
        })
      : undefined,
    clock,
    log,
    signingKey: await loadSigningKey(db, clock.now()),
    clientIp: (c) => clientAddress(socketAddress(c), (name) => c.req.header(name)),
    gzip: (body: Uint8Array) => new Uint8Array(gzipSync(body, { level: 6 })),
  } as AppDeps;
  // The jobs' code (feed reading, rendering, sending) is loaded when a job first runs, not by every command.
  const jobs = () => import('../jobs/jobs');
  const scheduler = createScheduler(
    [
      // Each source carries its own next check time; the job only looks for sources that are due.
      { name: 'poll', everyMs: 60_000, run: async () => (await jobs()).runPollJob(deps) },
      { name: 'send', everyMs: 60_000, run: async (signal) => (await jobs()).runSendJob(deps, { signal }) },
      // Mail a dead process left in flight shows as unknown once its lease ends, and at start-up.
      { name: 'leases', everyMs: 60_000, run: async () => (await jobs()).runLeaseCheck(deps) },
      // Publishing decides from the clock and the database, so a restart or a second server changes nothing.
      {
        name: 'publish',
        everyMs: 30_000,
        run: async () => (await import('../publish/publish-job')).runPublishJob(deps),
      },
      // Posts to the district's social accounts: due ones, corrections' replies, takedowns' deletions.
      {
        name: 'social',
        everyMs: 30_000,
        run: async () => (await import('../social/post-social')).runSocialJob(deps),
      },
      { name: 'housekeeping', everyMs: 60 * 60_000, run: async () => (await jobs()).runHousekeeping(deps) },
      // Authorization reviews and owner notes (featured, broken feed, recovered).
      {
        name: 'teachers',
        everyMs: 5 * 60_000,
        run: async () => (await import('../jobs/teacher-jobs')).runTeacherJobs(deps),
      },
    ],
    log,
  );
  deps.background = scheduler;
  return {
    deps,
    sqlite,
    scheduler,
    pool,
    async close() {
      await scheduler.stop();
      await fetcher.close();
      await pictures.fetcher.close();
      if (social) await (await social).close();
      await pool?.close();
      await mailer.close();
      sqlite.close();
    },
  };
}

/** A fetcher whose code (undici and the address guard's hooks) is loaded with the first feed it fetches. */
function fetcherWhenUsed(load: () => Promise<FeedFetcher>): FeedFetcher {
  let loaded: Promise<FeedFetcher> | undefined;
  return {
    fetch: async (request) => (await (loaded ??= load())).fetch(request),
    close: async () => {
      if (loaded) await (await loaded).close();
    },
  };
}

/** sharp (libvips) is loaded with the first picture, not by every command; it makes the desk's small ones too. */
function makerWhenUsed(load: () => Promise<Required<PictureMaker>>): Required<PictureMaker> {
  let loaded: Promise<Required<PictureMaker>> | undefined;
  return {
    make: async (bytes) => (await (loaded ??= load())).make(bytes),
    thumbnail: async (bytes, side) => (await (loaded ??= load())).thumbnail(bytes, side),
    pixels: async (bytes) => (await (loaded ??= load())).pixels(bytes),
  };
}

function socketAddress(c: Context): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}

/** Where versions before 2026-12-07 wrote emails without OUTBOX_DIR, whatever DATABASE_PATH said. */
export const EARLIER_OUTBOX_DIR = './data/outbox';

/**
 * The config with the outbox where the district's emails already are. Without OUTBOX_DIR the outbox is now
 * beside the database; a district that keeps its database elsewhere and has emails in the earlier folder (and
 * none beside the database) goes on writing there, so its Outbox page still lists them, until it sets
 * OUTBOX_DIR or moves them.
 */
export function withEarlierOutbox(config: Config, earlier = EARLIER_OUTBOX_DIR): Config {
  if (config.outboxDirGiven || config.smtpUrl) return config;
  if (resolve(config.outboxDir) === resolve(earlier)) return config;
  if (!holdsFiles(earlier) || holdsFiles(config.outboxDir)) return config;
  return { ...config, outboxDir: earlier, outboxFromEarlier: config.outboxDir };
}

function holdsFiles(dir: string): boolean {
  try {
    return readdirSync(dir).length > 0;
  } catch {
    return false;
  }
}

/**
 * That the outbox folder is one this user can write, or can be made (the nearest folder that exists can be
 * written); nothing is made here, since commands that send nothing run this too.
 */
function checkOutboxFolder(dir: string): void {
  const { at, found } = nearestExisting(dir);
  try {
    if (found instanceof Error) throw found;
    if (!found.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    accessSync(at, constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      'OUTBOX_DIR',
      `cannot be used (${code ?? (error as Error).message}): ${resolve(dir)}. Name a folder the user running Yesterday can write, or set SMTP_URL to send through a mail server.`,
    );
  }
}

/**
 * The path itself, or the nearest folder above it that exists (what a missing folder would be made in), and
 * what is there: its stats, or the error looking at it gave (a file in the way, no permission to look).
 */
function nearestExisting(path: string): { at: string; found: Stats | Error } {
  let at = resolve(path);
  for (;;) {
    try {
      const found = statSync(at, { throwIfNoEntry: false });
      if (found) return { at, found };
    } catch (error) {
      return { at, found: error as Error };
    }
    at = dirname(at);
  }
}

function readDkimKey(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      'DKIM_PRIVATE_KEY_FILE',
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): ${path}`,
    );
  }
}

/** The database file, migrated, or a sentence naming DATABASE_PATH when this user cannot use it there. */
function openDatabase(path: string): SqliteHandle {
  checkDatabaseFolder(path);
  let sqlite: SqliteHandle | undefined;
  try {
    sqlite = openSqlite(path);
    checkNotNewer(sqlite, path);
    migrateSqlite(sqlite);
    probeWritable(sqlite);
    return sqlite;
  } catch (error) {
    sqlite?.close();
    throw databaseProblem(error, path) ?? error;
  }
}

/**
 * A database that a newer version of Yesterday has migrated (an upgrade gone back without restoring the
 * backup taken before it): this version's code is not made for it, and would run on it as if all were well.
 */
function checkNotNewer(handle: SqliteHandle, path: string): void {
  const migrated = handle.sqlite
    .prepare("select name from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
    .get();
  if (!migrated) return;
  const { at } = handle.sqlite.prepare('select max(created_at) as at from __drizzle_migrations').get() as {
    at: number | null;
  };
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  const known = Math.max(...journal.entries.map((entry) => entry.when));
  if (at !== null && at > known)
    throw new ConfigError(
      'DATABASE_PATH',
      `${path} was brought up to date by a newer version of Yesterday than this one, which is not made for it. Run the newer version again, or restore the backup taken before the upgrade (README: Upgrade).`,
    );
}

/**
 * A database whose folder is missing is most often a mistyped DATABASE_PATH: made there, it would start a
 * new, empty district beside the real one, with only a new setup link to show for it. Only the default
 * folder (./data, a first `npm start`) is made.
 */
function checkDatabaseFolder(path: string): void {
  if (path === ':memory:') return;
  const folder = dirname(resolve(path));
  if (folder === dirname(resolve(DEFAULT_DATABASE_PATH))) return;
  // Only a folder surely not there is refused. One this user may not look into, or a file where a folder
  // should be, is left to opening, whose sentence says that.
  const { at, found } = nearestExisting(folder);
  if (at === folder || found instanceof Error || !found.isDirectory()) return;
  throw new ConfigError(
    'DATABASE_PATH',
    `the folder ${folder} does not exist. Check the path for a typing mistake; for a new district, make the folder for the user running Yesterday first (as the README's \`install -d\` line does).`,
  );
}

/**
 * Opening and migrating an up-to-date file write nothing, so a file this user may only read (restored as
 * root, say) would fail at the first save instead. Writing the header's user version back as it is fails at
 * once with SQLITE_READONLY there.
 */
export function probeWritable(handle: Pick<SqliteHandle, 'sqlite'>): void {
  const version = Number(handle.sqlite.pragma('user_version', { simple: true }));
  handle.sqlite.pragma(`user_version = ${version}`);
}

/** The user id that owns `path`, if it is there and the system has them. */
function ownerOf(path: string): number | undefined {
  try {
    return statSync(path).uid;
  } catch {
    return undefined;
  }
}

/**
 * A user as a sentence names them, from /etc/passwd where it has them: "the user yesterday (uid 998)", else
 * "uid 998"; with `described` false, the bare name, or '' where there is none.
 */
function userName(uid: number, described = true): string {
  let name: string | undefined;
  try {
    name = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .map((line) => line.split(':'))
      .find((fields) => fields[2] === String(uid))?.[0];
  } catch {
    // No such file: the id alone.
  }
  if (!described) return name ?? '';
  return name ? `the user ${name} (uid ${uid})` : `uid ${uid}`;
}

/** What an operator can do about a database file this user cannot open or write, or undefined. */
export function databaseProblem(
  error: unknown,
  path: string,
  /** Who is running this (process.getuid), where the system has user ids. */
  me: number | undefined = process.getuid?.(),
): ConfigError | undefined {
  const code = String((error as NodeJS.ErrnoException).code ?? '');
  const message = (error as Error).message;
  if (code.startsWith('SQLITE_READONLY'))
    // Typically a restore done as root: the file is there but belongs to someone else.
    return new ConfigError(
      'DATABASE_PATH',
      `the database at ${resolve(path)} can be read but not written (${message}). Give the user running Yesterday the file and the folder it is in (after a restore done as root: chown them back to that user).`,
    );
  if (code === 'SQLITE_NOTADB')
    // Most often the wrong file: a backup's .sql export, a D1 dump, or a path that names something else.
    return new ConfigError(
      'DATABASE_PATH',
      `${resolve(path)} is not a SQLite database (${message}). Point DATABASE_PATH at Yesterday's database file (the server's, as in /etc/yesterday.env). A D1 export (.sql) is not one: bring it in with \`npx yesterday d1:import-sql\` (README: Moving between a server and Cloudflare).`,
    );
  if (code.startsWith('SQLITE_CORRUPT'))
    return new ConfigError(
      'DATABASE_PATH',
      `the database at ${resolve(path)} is damaged (${message}): a copy cut short, or a file copied while the server was writing it. Restore the latest backup made with \`npx yesterday backup\` (README: Where the data lives, backup and restore), and keep the damaged file for now.`,
    );
  // The file's owner, or its folder's where the folder is closed to this user (750, as the README makes it).
  const owner = ownerOf(path) ?? ownerOf(dirname(path));
  // Root is refused by no owner: for root, it is something else (the generic sentence below).
  if (['SQLITE_CANTOPEN', 'EACCES', 'EPERM'].includes(code) && owner !== undefined && me && owner !== me) {
    const whose = `the database at ${resolve(path)} belongs to ${userName(owner)}, not to ${userName(me)}, who is running this and may not open it (${message}).`;
    // A file restored or copied as root, which the service's user may not open.
    if (owner === 0)
      return new ConfigError(
        'DATABASE_PATH',
        `${whose} After a restore or a copy made as root, give the file (with its -wal and -shm files, if there) and its folder back to the user the service runs as, with chown (README: Where the data lives, backup and restore).`,
      );
    // A command run as someone else than the service's user (the admin's own account); or the file handed to
    // another user (an admin's sudo mv) than the one the service runs as.
    const named = userName(owner, false);
    return new ConfigError(
      'DATABASE_PATH',
      `${whose} Run the commands as the user the service runs as${named ? ` (\`sudo -u ${named} npx yesterday …\`)` : ''}; if the service itself runs as ${userName(me)}, give it the file and its folder with chown.`,
    );
  }
  if (['SQLITE_CANTOPEN', 'EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST'].includes(code))
    return new ConfigError(
      'DATABASE_PATH',
      `the database cannot be made or opened at ${resolve(path)} (${message}). Check that the folder exists and that the user running Yesterday may write to it.`,
    );
  return undefined;
}
