// Recognizes the database's own "no room" error (SQLITE_FULL on Node, the same words from D1), so a request
// that hit it is refused with a sentence about the disk instead of a generic failure. SQLite rolls back the
// statement or batch that hit it, so nothing is half written.
export function isDiskFull(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; cause?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.code === 'SQLITE_FULL') return true;
  if (typeof e.message === 'string' && /SQLITE_FULL|database or disk is full/i.test(e.message)) return true;
  return e.cause !== undefined && e.cause !== error && isDiskFull(e.cause);
}

export const DISK_FULL_MESSAGE =
  'The server’s disk is full, so nothing was saved. Ask whoever runs the server to free some space, then try again.';
