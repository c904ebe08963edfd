// Group commit: writes that arrive within a short window go to the database as one batch, so a pass over
// many feeds commits a few dozen times instead of once per feed (on SQLite a commit costs about as much as
// writing twenty posts; on D1 it is a round trip). Each caller's statements stay together and in order; if
// a shared batch fails, each caller's group is retried alone so one bad write fails only itself. A caller's
// promise settles when its statements are committed.
import type { Database, Statement } from './client';

export interface WriteQueue {
  write(statements: Statement[]): Promise<void>;
}

export interface WriteQueueOptions {
  /** A batch is committed as soon as this many statements wait. */
  maxStatements?: number;
  /** How long the first waiting write waits for others to join it. */
  windowMs?: number;
}

interface Pending {
  statements: Statement[];
  resolve(): void;
  reject(error: unknown): void;
}

export function createWriteQueue(db: Database, options: WriteQueueOptions = {}): WriteQueue {
  const maxStatements = options.maxStatements ?? 500;
  const windowMs = options.windowMs ?? 20;
  let pending: Pending[] = [];
  let waiting = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function flush(): Promise<void> {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const groups = pending;
    pending = [];
    waiting = 0;
    for (let start = 0; start < groups.length;) {
      let count = 0;
      let end = start;
      while (
        end < groups.length &&
        (end === start || count + groups[end]!.statements.length <= maxStatements)
      ) {
        count += groups[end]!.statements.length;
        end++;
      }
      const slice = groups.slice(start, end);
      try {
        await db.batch(slice.flatMap((g) => g.statements));
        for (const group of slice) group.resolve();
      } catch {
        for (const group of slice) await db.batch(group.statements).then(group.resolve, group.reject);
      }
      start = end;
    }
  }

  return {
    write(statements) {
      if (statements.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        pending.push({ statements, resolve, reject });
        waiting += statements.length;
        if (waiting >= maxStatements) void flush();
        else timer ??= setTimeout(() => void flush(), windowMs);
      });
    },
  };
}

/** No grouping: each write is its own batch (outside a polling pass). */
export function directWrites(db: Database): WriteQueue {
  return { write: (statements) => db.batch(statements) };
}
