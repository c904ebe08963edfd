// The in-process scheduler of `npm start`: timers that run the background jobs, one run of each job at a
// time, woken early when a request queues work (a publish queues emails; "check all feeds" makes them due).
// Stopping aborts the jobs' signal, so a long send stops claiming messages and the process can exit at once.
import type { Background } from '../deps';
import type { Logger } from '../log';

export interface Job {
  name: string;
  everyMs: number;
  /** `signal` is aborted when the scheduler stops: a long job ends early and leaves the rest for later. */
  run(signal: AbortSignal): Promise<unknown>;
}

export interface Scheduler extends Background {
  start(): void;
  /** Stops the timers, asks running jobs to end (their signal) and waits until they have. */
  stop(): Promise<void>;
  /** Runs a job now (or right after its current run) and resolves when that run ends. */
  runNow(name: string): Promise<void>;
}

export function createScheduler(jobs: Job[], log: Logger): Scheduler {
  const state = new Map(
    jobs.map((job) => [
      job.name,
      {
        job,
        running: undefined as Promise<void> | undefined,
        again: false,
        timer: undefined as ReturnType<typeof setInterval> | undefined,
      },
    ]),
  );
  let stopped = true;
  let stopping = new AbortController();

  const run = (name: string): Promise<void> => {
    const entry = state.get(name);
    if (!entry || stopped) return Promise.resolve();
    if (entry.running) {
      entry.again = true;
      return entry.running;
    }
    entry.running = (async () => {
      do {
        entry.again = false;
        try {
          await entry.job.run(stopping.signal);
        } catch (error) {
          log.error(`background job "${name}" failed`, { error: (error as Error).stack ?? String(error) });
        }
      } while (entry.again && !stopped);
      entry.running = undefined;
    })();
    return entry.running;
  };

  return {
    start() {
      stopped = false;
      stopping = new AbortController();
      for (const entry of state.values()) {
        entry.timer = setInterval(() => void run(entry.job.name), entry.job.everyMs);
        entry.timer.unref?.();
        void run(entry.job.name);
      }
    },
    async stop() {
      stopped = true;
      stopping.abort();
      for (const entry of state.values()) clearInterval(entry.timer);
      await Promise.all([...state.values()].map((entry) => entry.running));
    },
    runNow: run,
    wakeSender: () => void run('send'),
    wakePoller: () => void run('poll'),
  };
}
