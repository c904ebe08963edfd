// `serve` with WEB_PROCESSES above 1: a digest morning's crowd answered from every CPU core. The first
// process (the primary) migrates the database, runs the scheduler and the feed-processing pool, and starts
// the web processes; Node's cluster module hands each new connection to one of them. A web process answers
// requests only. What a request asks of the background (send the emails just queued, check the feeds just
// made due) it passes to the primary. When a change it commits alters what the public sees, the primary tells
// the other web processes at once, so no cached page or feed outlives the change (a process that is not told,
// such as a command run by hand, is still noticed within a second: see public-cache.ts).
//
// The primary owns the life of the web processes: it restarts one that dies (waiting longer each time one
// dies young), and on SIGINT or SIGTERM it asks each to finish and waits for them before it stops itself. A
// web process ignores those signals (a terminal's Ctrl-C or systemd reach the whole group) and stops when the
// primary asks, or when the primary is gone.
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { ConfigError, type Config } from '../config';
import { notePublicChangeElsewhere } from '../db/site-state';
import { createNodeRuntime, startServer, type NodeRuntime } from './node';

/** What the processes tell each other over the cluster's channel. */
type Message =
  | { yesterday: 'listening'; url: string }
  | { yesterday: 'listen-failed'; message: string; variable?: string }
  | { yesterday: 'wake'; job: 'send' | 'poll' }
  | { yesterday: 'public-changed' }
  | { yesterday: 'stop' };

const isMessage = (value: unknown): value is Message =>
  typeof value === 'object' && value !== null && 'yesterday' in value;

/** How long the primary waits for web processes to finish their requests before it ends them. */
const STOP_GRACE_MS = 10_000;
/** A web process that dies sooner than this after starting is restarted after a growing delay. */
const YOUNG_MS = 10_000;
const MAX_RESTART_DELAY_MS = 60_000;

export const isWebProcess = (): boolean => cluster.isWorker;

export function webProcessCount(config: Config): number {
  return config.webProcesses === 'auto' ? availableParallelism() : config.webProcesses;
}

export interface Primary {
  runtime: NodeRuntime;
  /** The address the web processes listen on, as the first of them reported it. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the background work here and `count` web processes, and resolves once every one of them listens.
 * Rejects (after stopping whatever started) when they cannot listen, for example because the port is taken.
 */
export async function startPrimary(config: Config, count: number): Promise<Primary> {
  const runtime = await createNodeRuntime(config);
  const { log, db } = runtime.deps;
  const workers = new Set<Worker>();
  let stopping = false;
  let restartDelay = 0;

  const broadcast = (message: Message, except?: Worker) => {
    for (const worker of workers) if (worker !== except && worker.isConnected()) worker.send(message);
  };
  // The scheduler here publishes digests; the web processes must drop what they cached before.
  db.onPublicChange = () => broadcast({ yesterday: 'public-changed' });

  let listening: { resolve: (url: string) => void; reject: (error: Error) => void } | undefined;
  const ready = new Promise<string>((resolve, reject) => (listening = { resolve, reject }));
  let waitingFor = count;

  const fork = () => {
    const worker = cluster.fork();
    const startedAt = Date.now();
    workers.add(worker);
    worker.on('message', (message: unknown) => {
      if (!isMessage(message)) return;
      if (message.yesterday === 'listening') {
        if (waitingFor > 0 && --waitingFor === 0) listening?.resolve(message.url);
      } else if (message.yesterday === 'listen-failed')
        listening?.reject(
          message.variable ? new ConfigError(message.variable, message.message) : new Error(message.message),
        );
      else if (message.yesterday === 'wake')
        (message.job === 'send' ? runtime.scheduler.wakeSender : runtime.scheduler.wakePoller)();
      else if (message.yesterday === 'public-changed') broadcast(message, worker);
    });
    worker.on('exit', (code, signal) => {
      workers.delete(worker);
      if (stopping) return;
      if (waitingFor > 0) {
        listening?.reject(
          new Error(
            `a web process stopped while starting (exit ${signal ?? code}); its reason is printed above`,
          ),
        );
        return;
      }
      restartDelay =
        Date.now() - startedAt < YOUNG_MS
          ? Math.min(Math.max(1000, restartDelay * 2), MAX_RESTART_DELAY_MS)
          : 0;
      log.error('a web process stopped unexpectedly; starting another', {
        exit: signal ?? code,
        restartInMs: restartDelay,
      });
      setTimeout(() => stopping || fork(), restartDelay);
    });
  };

  const stop = async () => {
    stopping = true;
    db.onPublicChange = undefined;
    await Promise.all(
      [...workers].map(
        (worker) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => worker.process.kill('SIGKILL'), STOP_GRACE_MS);
            worker.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            if (worker.isConnected()) worker.send({ yesterday: 'stop' } satisfies Message);
            else worker.process.kill('SIGKILL');
          }),
      ),
    );
    await runtime.close();
  };

  // Each web process starts `serve` again (same script, same arguments), sees it is a worker, and serves.
  for (let n = 0; n < count; n++) fork();
  let url: string;
  try {
    url = await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  runtime.scheduler.start();
  return { runtime, url, stop };
}

/** The life of one web process: serve until the primary says stop or goes away. */
export async function runWebProcess(config: Config): Promise<void> {
  const send = (message: Message) => {
    if (process.connected) process.send!(message);
  };
  // Told to stop (or orphaned) while still starting, it stops as soon as it has something to stop.
  let stopWanted = false;
  let stop = async () => {
    stopWanted = true;
  };
  const started: { runtime?: NodeRuntime } = {};
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => {});
  process.on('message', (message: unknown) => {
    if (!isMessage(message)) return;
    if (message.yesterday === 'public-changed' && started.runtime)
      notePublicChangeElsewhere(started.runtime.deps.db);
    else if (message.yesterday === 'stop') void stop();
  });
  process.on('disconnect', () => void stop());

  // One feed-processing thread, started only if someone presses "Test this feed" here: a hostile feed must
  // not stall this process's requests either. Background ingestion runs in the primary's pool.
  const runtime = (started.runtime = await createNodeRuntime(config, { processWorkers: 1 }));
  runtime.deps.background = {
    wakeSender: () => send({ yesterday: 'wake', job: 'send' }),
    wakePoller: () => send({ yesterday: 'wake', job: 'poll' }),
  };
  runtime.deps.db.onPublicChange = () => send({ yesterday: 'public-changed' });

  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(runtime, { scheduler: false });
  } catch (error) {
    await runtime.close();
    const failed: Message =
      error instanceof ConfigError
        ? { yesterday: 'listen-failed', variable: error.variable, message: error.reason }
        : { yesterday: 'listen-failed', message: (error as Error).message };
    if (!process.connected) process.exit(1);
    process.send!(failed, () => process.exit(1));
    return;
  }

  let stopping = false;
  stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await runtime.close();
    process.exit(0);
  };
  if (stopWanted || !process.connected) return stop();
  send({ yesterday: 'listening', url: server.url });
}
