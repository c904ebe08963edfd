// Recognizes two of the database's own refusals, on Node (better-sqlite3's codes) and from D1 (the same words),
// through drizzle's wrapping: "no room" (SQLITE_FULL), so a request that hit it is refused with a sentence about
// the disk instead of a generic failure; and a unique column's value already taken by a write that came first.
// SQLite rolls back the statement or batch that hit either, so nothing is half written.
export function isDiskFull(error: unknown): boolean {
  return causedBy(
    error,
    (code, message) => code === 'SQLITE_FULL' || /SQLITE_FULL|database or disk is full/i.test(message),
  );
}

/** A row that another write added first has the value this one gives a unique column (of `table`, if given). */
export function isUniqueTaken(error: unknown, table?: string): boolean {
  return causedBy(
    error,
    (code, message) =>
      (code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(message)) &&
      (table === undefined || message.includes(`: ${table}.`)),
  );
}

function causedBy(error: unknown, test: (code: unknown, message: string) => boolean): boolean {
  const e = error as { code?: unknown; message?: unknown; cause?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (test(e.code, typeof e.message === 'string' ? e.message : '')) return true;
  return e.cause !== undefined && e.cause !== error && causedBy(e.cause, test);
}

export const DISK_FULL_MESSAGE =
  'The server’s disk is full, so nothing was saved. Ask whoever runs the server to free some space, then try again.';
