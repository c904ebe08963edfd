// The in-process scheduler of `npm start`: timers that run the background jobs, one run of each job at a
// time, woken early when a request queues work (a publish queues emails; "check all feeds" makes them due).
import type { Background } from '../deps';
import type { Logger } from '../log';

export interface Job {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

export interface Scheduler extends Background {
  start(): void;
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
          await entry.job.run();
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
      for (const entry of state.values()) {
        entry.timer = setInterval(() => void run(entry.job.name), entry.job.everyMs);
        entry.timer.unref?.();
        void run(entry.job.name);
      }
    },
    async stop() {
      stopped = true;
      for (const entry of state.values()) clearInterval(entry.timer);
      await Promise.all([...state.values()].map((entry) => entry.running));
    },
    runNow: run,
    wakeSender: () => void run('send'),
    wakePoller: () => void run('poll'),
  };
}
