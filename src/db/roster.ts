// Storage for the district's two lists of students' names: the surname roster, and the first names of students
// without a media release. Only keyed hashes are kept, so a list can be matched against but never read back
// without the district's key (which a backup holds).
import { count, sql } from 'drizzle-orm';
import { sign } from '../auth/tokens';
import type { Database, Statement } from './client';
import { inList } from './in-list';
import { foldName } from '../text/fold-name';
import { noReleaseNames, rosterSurnames } from './schema';

/**
 * Each list's table, the prefix of its hashes, and how a name was compared before names were folded
 * (`foldName`): a list loaded then keeps matching as it was loaded, until it is loaded again.
 */
const LISTS = {
  roster: { table: rosterSurnames, prefix: 'roster', before: (name: string) => name.trim().toLowerCase() },
  noRelease: {
    table: noReleaseNames,
    prefix: 'no-release',
    before: (name: string) => name.trim().normalize('NFC').replace(/’/g, "'").toLowerCase(),
  },
} as const;

/** Which list: the surname roster, or the first names of students without a media release. */
export type NameList = keyof typeof LISTS;

function nameHash(key: string, list: NameList, comparable: string): Promise<string> {
  return sign(key, `${LISTS[list].prefix}:${comparable}`);
}

/**
 * The list replaced by these names (kept as keyed hashes of their folded form), in one batch with what goes
 * `alongside` it (its audit entry, made from the count): how many distinct names it holds.
 */
export async function replaceNameList(
  db: Database,
  key: string,
  list: NameList,
  names: string[],
  alongside: (count: number) => Statement[] = () => [],
): Promise<number> {
  const { table } = LISTS[list];
  const folded = [...new Set(names.map(foldName).filter(Boolean))];
  const hashes = [...new Set(await Promise.all(folded.map((name) => nameHash(key, list, name))))];
  // Two parameters a row (its hash, and that it is folded), within what one statement may bind.
  const chunk = Math.max(1, Math.floor(db.maxParameters / 2) - 1);
  await db.batch([
    ...alongside(hashes.length),
    db.orm.delete(table),
    ...Array.from({ length: Math.ceil(hashes.length / chunk) }, (_, i) =>
      db.orm
        .insert(table)
        .values(hashes.slice(i * chunk, (i + 1) * chunk).map((hash) => ({ hash, folded: true }))),
    ),
  ]);
  return hashes.length;
}

/** How many names the list holds, and how many of them were loaded before names were folded. */
export async function countNameList(
  db: Database,
  list: NameList,
): Promise<{ names: number; unfolded: number }> {
  const { table } = LISTS[list];
  const row = await db.orm
    .select({
      names: count(),
      unfolded: sql<number>`coalesce(sum(case when ${table.folded} then 0 else 1 end), 0)`,
    })
    .from(table)
    .get();
  return { names: row?.names ?? 0, unfolded: row?.unfolded ?? 0 };
}

/** Which of `words` are on the list, answered as a set of their folded forms (`foldName`). */
export async function nameListWordsAmong(
  db: Database,
  key: string,
  list: NameList,
  words: Iterable<string>,
): Promise<Set<string>> {
  const { table, before } = LISTS[list];
  const unique = [...new Set(words)];
  if (unique.length === 0) return new Set();
  const { names, unfolded } = await countNameList(db, list);
  if (names === 0) return new Set();
  // Each word's hash as lists are loaded now, and as a list loaded before folding holds it, if one does. The
  // two never name different words: a word written without accents folds to itself.
  const byHash = new Map(
    await Promise.all(
      unique.flatMap((word) => {
        const folded = foldName(word);
        const forms = unfolded ? [folded, before(word)] : [folded];
        return forms.map(async (form) => [await nameHash(key, list, form), folded] as const);
      }),
    ),
  );
  const rows = await db.orm
    .select({ hash: table.hash })
    .from(table)
    .where(inList(table.hash, [...byHash.keys()]));
  return new Set(rows.map((row) => byHash.get(row.hash)!));
}
