// Storage for the district's two lists of students' names: the surname roster, and the first names of students
// without a media release. Only keyed hashes are kept, so a list can be matched against but never read back,
// not even by an administrator or from a backup without the district's key.
import { count } from 'drizzle-orm';
import { sign } from '../auth/tokens';
import type { Database, Statement } from './client';
import { inList } from './in-list';
import { foldName } from '../curate/no-release-names';
import { noReleaseNames, rosterSurnames } from './schema';

/**
 * Each list's table, the prefix of its hashes, and how a name is compared: the roster as it always was (lower
 * case), first names as `foldName` folds them (composed accents, one apostrophe).
 */
const LISTS = {
  roster: { table: rosterSurnames, prefix: 'roster', key: (name: string) => name.trim().toLowerCase() },
  noRelease: { table: noReleaseNames, prefix: 'no-release', key: foldName },
} as const;

/** A name as `list` compares it. */
export function nameKey(list: NameList, name: string): string {
  return LISTS[list].key(name);
}

/** Which list: the surname roster, or the first names of students without a media release. */
export type NameList = keyof typeof LISTS;

async function nameHash(key: string, list: NameList, name: string): Promise<string> {
  return sign(key, `${LISTS[list].prefix}:${nameKey(list, name)}`);
}

/**
 * The list replaced by these names (kept as keyed hashes), in one batch with what goes `alongside` it (its audit
 * entry, made from the count): how many distinct names it holds.
 */
export async function replaceNameList(
  db: Database,
  key: string,
  list: NameList,
  names: string[],
  alongside: (count: number) => Statement[] = () => [],
): Promise<number> {
  const { table } = LISTS[list];
  const hashes = [
    ...new Set(await Promise.all(names.filter((s) => s.trim()).map((s) => nameHash(key, list, s)))),
  ];
  const chunk = Math.max(1, db.maxParameters - 1);
  await db.batch([
    ...alongside(hashes.length),
    db.orm.delete(table),
    ...Array.from({ length: Math.ceil(hashes.length / chunk) }, (_, i) =>
      db.orm.insert(table).values(hashes.slice(i * chunk, (i + 1) * chunk).map((hash) => ({ hash }))),
    ),
  ]);
  return hashes.length;
}

export async function countNameList(db: Database, list: NameList): Promise<number> {
  const row = await db.orm.select({ n: count() }).from(LISTS[list].table).get();
  return row?.n ?? 0;
}

/** Which of `words` are on the list, answered as a set of their keys (`nameKey`). */
export async function nameListWordsAmong(
  db: Database,
  key: string,
  list: NameList,
  words: Iterable<string>,
): Promise<Set<string>> {
  const { table } = LISTS[list];
  const unique = [...new Set([...words].map((w) => nameKey(list, w)))];
  if (unique.length === 0 || (await countNameList(db, list)) === 0) return new Set();
  const hashed = await Promise.all(
    unique.map(async (word) => [await nameHash(key, list, word), word] as const),
  );
  const byHash = new Map(hashed);
  const rows = await db.orm
    .select({ hash: table.hash })
    .from(table)
    .where(inList(table.hash, [...byHash.keys()]));
  return new Set(rows.map((row) => byHash.get(row.hash)!));
}
