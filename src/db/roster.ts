// Storage for the student-surname roster: only keyed hashes, so the roster can be matched against but never
// read back, not even by an administrator or from a backup without the district's key.
import { count } from 'drizzle-orm';
import { sign } from '../auth/tokens';
import type { Database, Statement } from './client';
import { inList } from './in-list';
import { rosterSurnames } from './schema';

export async function rosterHash(key: string, surname: string): Promise<string> {
  return sign(key, `roster:${surname.trim().toLowerCase()}`);
}

/**
 * The roster replaced by these surnames (kept as keyed hashes), in one batch with what goes `alongside` it (its audit
 * entry, made from the count): how many distinct surnames it holds.
 */
export async function replaceRoster(
  db: Database,
  key: string,
  surnames: string[],
  alongside: (count: number) => Statement[] = () => [],
): Promise<number> {
  const hashes = [
    ...new Set(await Promise.all(surnames.filter((s) => s.trim()).map((s) => rosterHash(key, s)))),
  ];
  const chunk = Math.max(1, db.maxParameters - 1);
  await db.batch([
    ...alongside(hashes.length),
    db.orm.delete(rosterSurnames),
    ...Array.from({ length: Math.ceil(hashes.length / chunk) }, (_, i) =>
      db.orm
        .insert(rosterSurnames)
        .values(hashes.slice(i * chunk, (i + 1) * chunk).map((hash) => ({ hash }))),
    ),
  ]);
  return hashes.length;
}

export async function countRoster(db: Database): Promise<number> {
  const row = await db.orm.select({ n: count() }).from(rosterSurnames).get();
  return row?.n ?? 0;
}

/** Which of `words` are on the roster, answered as a set of lower-cased words. */
export async function rosterWordsAmong(
  db: Database,
  key: string,
  words: Iterable<string>,
): Promise<Set<string>> {
  const unique = [...new Set([...words].map((w) => w.toLowerCase()))];
  if (unique.length === 0 || (await countRoster(db)) === 0) return new Set();
  const hashed = await Promise.all(unique.map(async (word) => [await rosterHash(key, word), word] as const));
  const byHash = new Map(hashed);
  const rows = await db.orm
    .select({ hash: rosterSurnames.hash })
    .from(rosterSurnames)
    .where(inList(rosterSurnames.hash, [...byHash.keys()]));
  return new Set(rows.map((row) => byHash.get(row.hash)!));
}
