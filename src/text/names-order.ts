// The order of names in every list people read (schools, class accounts): as a person sorts them, not in
// SQLite's byte order, which puts "School 10" before "School 2", "École Jefferson" after "Washington" and
// every lower-case name after every capitalised one. SQLite offers no such collation (better-sqlite3 and D1
// cannot add one), so lists are read in the database's order and put in this one after.

/** Numbers by value, letters with their accents and case as tie-breakers (root collation, for any script). */
const collator = new Intl.Collator('en', { numeric: true });

export const compareNames: (a: string, b: string) => number = collator.compare;

/**
 * `rows` by the names `nameOf` gives, in place; rows whose names compare equal keep the order they came in
 * (the query's own order within a school, such as newest first).
 */
export function sortByName<T>(rows: T[], ...nameOf: ((row: T) => string | null)[]): T[] {
  return rows.sort((a, b) => {
    for (const name of nameOf) {
      const order = compareNames(name(a) ?? '', name(b) ?? '');
      if (order !== 0) return order;
    }
    return 0;
  });
}
