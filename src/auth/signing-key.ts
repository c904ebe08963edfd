// The district's secret for signing links (unsubscribe, confirm), made once and kept in the database, so
// every process and both runtimes agree on it and a backup restores it.
import type { Database } from '../db/client';
import { ensureSetting } from '../db/settings';
import { randomToken } from './tokens';

export async function loadSigningKey(db: Database, now: number): Promise<string> {
  return ensureSetting(db, 'signing_key', randomToken(32), now);
}
