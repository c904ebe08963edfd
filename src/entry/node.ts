// The Node runtime: opens and migrates the SQLite database, picks SMTP or the outbox folder, builds the
// fetcher and password hasher, and runs the HTTP server with the in-process scheduler. Nothing else in the
// code base touches better-sqlite3, nodemailer, undici or timers.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type { Context } from 'hono';
import { availableParallelism } from 'node:os';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createAdaptorServer } from '@hono/node-server';
import type { Server } from 'node:http';
import { buildApp, type BuildOptions } from '../app';
import { createPublicCache } from '../routes/public-cache';
import { withPbkdf2Fallback } from '../auth/pbkdf2-hasher';
import { createScryptHasher } from '../auth/scrypt-hasher';
import { loadSigningKey } from '../auth/signing-key';
import type { PasswordHasher } from '../auth/password';
import { createClientAddress } from '../client-address';
import { ConfigError, type Config } from '../config';
import { migrateSqlite, openSqlite, type SqliteHandle } from '../db/sqlite-node';
import { systemClock, type AppDeps, type Clock } from '../deps';
import { createOutboxMailer } from '../email/outbox-mailer';
import { createSmtpMailer } from '../email/smtp-mailer';
import type { FetchLimits } from '../ingest/fetcher';
import { createNodeFetcher } from '../ingest/fetch-feed-node';
import { createProcessPool, type ProcessPool } from '../ingest/process-pool-node';
import { runHousekeeping, runLeaseCheck, runPollJob, runSendJob } from '../jobs/jobs';
import { runPublishJob } from '../publish/publish-job';
import { createLogger, type Logger } from '../log';
import { createScheduler, type Scheduler } from './node-scheduler';

export interface NodeRuntimeOptions {
  log?: Logger;
  clock?: Clock;
  passwords?: PasswordHasher;
  fetchLimits?: Partial<FetchLimits>;
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
  config: Config,
  options: NodeRuntimeOptions = {},
): Promise<NodeRuntime> {
  const log = options.log ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const sqlite = openSqlite(config.databasePath);
  migrateSqlite(sqlite);
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
          privateKey: config.dkim.privateKey ?? readDkimKey(config.dkim.privateKeyFile!),
        },
      })
    : outbox!;
  const workers = options.processWorkers ?? Math.max(1, availableParallelism() - 1);
  // Threads start when there is a feed to read and stop when idle, so commands and a quiet server hold none.
  const pool = workers > 0 ? createProcessPool({ size: workers, log }) : undefined;
  const fetcher = createNodeFetcher({
    publicUrl: config.publicUrl,
    allowPrivateNetworks: config.fetchAllowPrivateNetworks,
    limits: options.fetchLimits,
    now: () => clock.now(),
  });

  const clientAddress = createClientAddress(config.trustProxy);

  // The scheduler and the deps refer to each other (jobs need deps; deps wake jobs), so deps is filled first.
  const deps = {
    config,
    db,
    mailer,
    outbox,
    fetcher,
    feedProcessor: pool?.process,
    // scrypt here; PBKDF2 hashes from a database that lived on Workers are still accepted.
    passwords: options.passwords ?? withPbkdf2Fallback(createScryptHasher()),
    clock,
    log,
    signingKey: await loadSigningKey(db, clock.now()),
    clientIp: (c) => clientAddress(socketAddress(c), (name) => c.req.header(name)),
  } as AppDeps;
  const scheduler = createScheduler(
    [
      // Each source carries its own next check time; the job only looks for sources that are due.
      { name: 'poll', everyMs: 60_000, run: () => runPollJob(deps) },
      { name: 'send', everyMs: 60_000, run: (signal) => runSendJob(deps, { signal }) },
      // Mail a dead process left in flight shows as unknown once its lease ends, and at start-up.
      { name: 'leases', everyMs: 60_000, run: () => runLeaseCheck(deps) },
      // Publishing decides from the clock and the database, so a restart or a second server changes nothing.
      { name: 'publish', everyMs: 30_000, run: () => runPublishJob(deps) },
      { name: 'housekeeping', everyMs: 60 * 60_000, run: () => runHousekeeping(deps) },
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
      await pool?.close();
      await mailer.close();
      sqlite.close();
    },
  };
}

export interface RunningServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** How long stopping waits for answers already on their way before it ends their connections. */
const STOP_GRACE_MS = 3000;

/** Serves the app on config.host:config.port (0 picks a free port) and starts the scheduler. */
export async function startServer(
  runtime: NodeRuntime,
  options: { scheduler?: boolean } & BuildOptions = {},
): Promise<RunningServer> {
  const { config } = runtime.deps;
  const app = buildApp(runtime.deps, options);
  // Pages, feeds and the embed come from memory until something public changes (see public-cache.ts).
  const cache = createPublicCache(runtime.deps.db, {
    now: () => runtime.deps.clock.now(),
    gzip: (body) => gzipSync(body, { level: 6 }),
  });
  const server = createAdaptorServer({ fetch: cache.wrap(app.fetch) }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenProblem(error, config)));
    server.listen(config.port, config.host, () => resolve());
  });
  if (options.scheduler !== false) {
    runtime.scheduler.start();
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        // Idle keep-alive connections go now; answers being written get a moment to finish.
        const grace = setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS);
        server.close(() => {
          clearTimeout(grace);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

/** What an operator can act on, said as what to change; anything else as it came. */
function listenProblem(error: Error, config: Config): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const where = `${config.host}:${config.port}`;
  if (code === 'EADDRINUSE')
    return new ConfigError(
      'PORT',
      `${where} is already in use by another program. Stop that program, or set PORT to a free port.`,
    );
  if (code === 'EACCES')
    return new ConfigError(
      'PORT',
      `this user may not listen on ${where} (ports below 1024 need privileges). Set PORT to 1024 or above and put a reverse proxy in front.`,
    );
  if (code === 'EADDRNOTAVAIL')
    return new ConfigError(
      'HOST',
      `${config.host} is not an address of this machine. Set HOST to one that is.`,
    );
  return error;
}

function socketAddress(c: Context): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
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
