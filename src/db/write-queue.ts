// Group commit: writes queued in the same turn of the event loop go to the database as one batch, so a pass
// over many feeds commits a few times instead of once per feed. Each caller's statements stay together and
// in order; if a shared batch fails, each caller's group is retried alone so one bad write fails only itself.
import type { Database, Statement } from './client';
import { yieldToEventLoop } from '../ingest/yield';

export interface WriteQueue {
  write(statements: Statement[]): Promise<void>;
}

interface Pending {
  statements: Statement[];
  resolve(): void;
  reject(error: unknown): void;
}

export function createWriteQueue(db: Database, maxStatements = 500): WriteQueue {
  let pending: Pending[] = [];
  let scheduled = false;

  async function flush(): Promise<void> {
    scheduled = false;
    const groups = pending;
    pending = [];
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
        if (!scheduled) {
          scheduled = true;
          void yieldToEventLoop().then(flush);
        }
      });
    },
  };
}

/** No grouping: each write is its own batch (outside a polling pass). */
export function directWrites(db: Database): WriteQueue {
  return { write: (statements) => db.batch(statements) };
}
