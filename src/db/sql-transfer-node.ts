// Moving a district between a server and Cloudflare: the rows of a SQLite database as SQL that D1 runs
// (`wrangler d1 execute --file`), and the rows of a D1 export (`wrangler d1 export --no-schema`) loaded into a
// new SQLite database. Both sides have the same schema from drizzle/, so only rows move; migration bookkeeping
// stays where it is.
import type BetterSqlite3 from 'better-sqlite3';

/** Tables that belong to one side's machinery, not to the district's data. */
const NOT_DATA = /^(sqlite_|_cf_|__drizzle_migrations$|d1_migrations$)/;

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Buffer.isBuffer(value)) return `X'${value.toString('hex')}'`;
  return `'${String(value).replace(/'/g, "''")}'`;
}

/**
 * Columns written as NULL: pictures' bytes (see below), and the social accounts' sealed tokens, which never
 * leave the database (the other side has its own SOCIAL_SECRET_KEY; the accounts are connected again there).
 */
const LEFT_OUT: Record<string, string[]> = { picture_files: ['bytes'], social_accounts: ['secret'] };

/** D1 refuses a statement longer than 100,000 bytes; each written here stays under this. */
export const MAX_STATEMENT_BYTES = 90_000;
/**
 * A long text too large for one statement goes in pieces of this many UTF-16 units: at most 60,000 bytes in
 * UTF-8 (three bytes a unit at most, a quote doubled is two).
 */
const PIECE_UNITS = 20_000;

/**
 * Every row of every data table as INSERT statements, parents before children where SQLite knows them.
 * Pictures' bytes are left out (NULL): on Workers they live in R2 (see exportPictureFiles). A row too long for
 * one statement (a logo in the settings, a long post) is inserted with its longest texts empty, and each text
 * is then appended in pieces by the row's primary key.
 */
export function* exportRows(
  sqlite: BetterSqlite3.Database,
  {
    including = [] as string[],
    leftOut = LEFT_OUT,
  }: {
    /** Bookkeeping tables to write too (D1's record of the migrations applied, for a restore). */
    including?: string[];
    /** Columns written as NULL, by table. */
    leftOut?: Record<string, string[]>;
  } = {},
): Generator<string> {
  const tables = tablesOf(sqlite).filter((name) => !NOT_DATA.test(name) || including.includes(name));
  // Foreign keys are checked at the end of D1's transaction, not row by row.
  yield 'PRAGMA defer_foreign_keys = true;\n';
  for (const table of tables) {
    const columns = (sqlite.prepare(`pragma table_info("${table}")`).all() as { name: string }[]).map(
      (c) => c.name,
    );
    const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `;
    const selected = columns.map((c) => (leftOut[table]?.includes(c) ? 'NULL' : `"${c}"`));
    for (const row of sqlite
      .prepare(`select ${selected.join(', ')} from "${table}"`)
      .raw()
      .iterate() as Iterable<unknown[]>) {
      const statement = `${head}(${row.map(literal).join(', ')});\n`;
      if (Buffer.byteLength(statement) <= MAX_STATEMENT_BYTES) yield statement;
      else yield* inPieces(sqlite, table, columns, head, row);
    }
  }
}

/** The database's tables, in the order they were made (parents before the children that refer to them). */
function tablesOf(sqlite: BetterSqlite3.Database): string[] {
  return (
    sqlite.prepare(`select name from sqlite_master where type = 'table' order by rowid`).all() as {
      name: string;
    }[]
  ).map((t) => t.name);
}

/**
 * The tables whose rows make a district: someone's account (or a token), a school, a source, a post, a digest,
 * a subscriber, a social account. Everything else a server or a Worker also writes with nobody signed in: its
 * signing key, counters and marks, a first-administrator link, failed sign-ins and their audit entries. A move
 * either way loads only into a database none of these hold rows in, and replaces the rest.
 */
const DISTRICT_TABLES = [
  'users',
  'api_tokens',
  'schools',
  'sources',
  'items',
  'digests',
  'subscribers',
  'social_accounts',
];

export const NOT_EMPTY_D1 =
  'This D1 database already holds a district (an account, schools, sources, posts, digests or subscribers), and nothing was loaded: rows move only into a database that holds none. Make a new one with npx wrangler d1 create, put its database_id in wrangler.toml, apply the migrations to it and run this file again.';

/**
 * What `d1:export-sql` writes before exportRows: a check that the D1 database holds no district yet, then the
 * removal of every other row, which the server's rows replace (the Worker's own signing key among them, so links
 * in emails already sent keep working). A Worker that has run (its cron, a `d1:setup-link`, a failed sign-in)
 * is no reason to refuse; an account, a school, a source, a post, a digest or a subscriber is, and D1 then stops
 * the whole file with the sentence above. SQLite says a sentence of ours only from a trigger, so the check is
 * one on a table made for it and dropped again.
 */
export function moveToD1Preamble(sqlite: BetterSqlite3.Database): string {
  const data = tablesOf(sqlite).filter((name) => !NOT_DATA.test(name));
  const holdsData = DISTRICT_TABLES.filter((table) => data.includes(table))
    .map((table) => `EXISTS (SELECT 1 FROM "${table}")`)
    .join(' OR ');
  return [
    // Rows that refer to each other go in any order; their references are checked when the file ends.
    'PRAGMA defer_foreign_keys = true;',
    'DROP TABLE IF EXISTS "_yesterday_move_check";',
    'CREATE TABLE "_yesterday_move_check" (at INTEGER);',
    `CREATE TRIGGER "_yesterday_move_refused" BEFORE INSERT ON "_yesterday_move_check" WHEN ${holdsData} BEGIN SELECT RAISE(ABORT, ${literal(NOT_EMPTY_D1)}); END;`,
    'INSERT INTO "_yesterday_move_check" VALUES (1);',
    'DROP TABLE "_yesterday_move_check";',
    ...data.filter((table) => !DISTRICT_TABLES.includes(table)).map((table) => `DELETE FROM "${table}";`),
    '',
  ].join('\n');
}

/** A row too long for one statement: inserted with its longest texts empty, which are then appended piece by piece. */
function* inPieces(
  sqlite: BetterSqlite3.Database,
  table: string,
  columns: string[],
  head: string,
  row: unknown[],
): Generator<string> {
  const key = (sqlite.prepare(`pragma table_info("${table}")`).all() as { name: string; pk: number }[])
    .filter((c) => c.pk > 0)
    .map((c) => columns.indexOf(c.name));
  if (key.length === 0 || key.some((i) => row[i] === null))
    throw new Error(
      `A row of table ${table} is too long for one statement, and has no key to add the rest of it by.`,
    );
  // A column of a unique index keeps its value: emptied, it could clash with another row's.
  const unique = new Set(
    (sqlite.prepare(`pragma index_list("${table}")`).all() as { name: string; unique: number }[])
      .filter((index) => index.unique)
      .flatMap((index) =>
        (sqlite.prepare(`pragma index_info("${index.name}")`).all() as { name: string }[]).map((c) =>
          columns.indexOf(c.name),
        ),
      ),
  );
  const literals = row.map(literal);
  let size = Buffer.byteLength(`${head}(${literals.join(', ')});\n`);
  const deferred: number[] = [];
  const longestFirst = row
    .map((value, i) => ({ i, bytes: Buffer.byteLength(literals[i]!) }))
    .filter(({ i }) => typeof row[i] === 'string' && !key.includes(i) && !unique.has(i))
    .sort((a, b) => b.bytes - a.bytes);
  for (const { i, bytes } of longestFirst) {
    if (size <= MAX_STATEMENT_BYTES) break;
    literals[i] = "''";
    size -= bytes - 2;
    deferred.push(i);
  }
  if (size > MAX_STATEMENT_BYTES)
    throw new Error(`A row of table ${table} is too long for D1 even without its texts.`);
  yield `${head}(${literals.join(', ')});\n`;
  const where = key.map((i) => `"${columns[i]}" = ${literal(row[i])}`).join(' AND ');
  for (const i of deferred) {
    const column = `"${columns[i]}"`;
    for (const piece of pieces(row[i] as string))
      yield `UPDATE "${table}" SET ${column} = ${column} || ${literal(piece)} WHERE ${where};\n`;
  }
}

/** `text` in pieces of at most PIECE_UNITS units, never between the two halves of an emoji. */
function* pieces(text: string): Generator<string> {
  for (let start = 0; start < text.length;) {
    let end = Math.min(start + PIECE_UNITS, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    yield text.slice(start, end);
    start = end;
  }
}

/**
 * A whole copy of a D1 database (`wrangler d1 export`, loaded into `sqlite`) as statements for a new, empty D1
 * database. wrangler's own file creates each table and fills it before making the next, so a row can come
 * before a table it refers to, which D1 refuses, and a long row passes D1's limit on a statement. Here the
 * copy's own tables come first, as the copy made them (at its release's migrations), then every row as
 * exportRows writes them, with D1's record of the migrations applied, and the indexes last. `wrangler d1
 * migrations apply` then brings a copy from an older release up to date, as it does any database. The pictures
 * stay in the MEDIA bucket; the AUTOINCREMENT counters start again from the highest id each table holds.
 */
export function* restoreStatements(sqlite: BetterSqlite3.Database): Generator<string> {
  const objects = sqlite
    .prepare(
      `select type, sql from sqlite_master where sql is not null and name not like 'sqlite\\_%' escape '\\' and name not like '\\_cf\\_%' escape '\\' order by rowid`,
    )
    .all() as { type: string; sql: string }[];
  for (const object of objects) if (object.type === 'table') yield `${object.sql};\n`;
  // Back into the same deployment: the social accounts' sealed tokens open with its SOCIAL_SECRET_KEY.
  yield* exportRows(sqlite, { including: ['d1_migrations'], leftOut: { picture_files: ['bytes'] } });
  for (const object of objects) if (object.type !== 'table') yield `${object.sql};\n`;
}

export interface ImportReport {
  rows: number;
  skipped: number;
  pictures: number;
}

/** The pictures (sizes still up) whose bytes are kept out of the rows, each by its R2 name. */
export function* exportPictureFiles(
  sqlite: BetterSqlite3.Database,
): Generator<{ name: string; type: string; bytes: Buffer }> {
  const rows = sqlite
    .prepare('select name, type, bytes from picture_files where removed_at is null and bytes is not null')
    .iterate() as Iterable<{ name: string; type: string; bytes: Buffer }>;
  yield* rows;
}

/** Thrown by importRows when sizes of pictures still up have no bytes in the file and none were given. */
export class MissingPictures extends Error {
  constructor(readonly names: string[]) {
    super(`${names.length} pictures are not in the file (on Workers they live in R2).`);
  }
}

/**
 * Loads a D1 export's INSERT statements into `sqlite`, all or nothing. The database must hold no district yet
 * (DISTRICT_TABLES; a new file, migrated, or one a server has only started on); what else it holds is replaced.
 * Rows of tables it does not have (D1's own) are skipped.
 */
export function importRows(
  sqlite: BetterSqlite3.Database,
  sqlText: string,
  /** The bytes of a picture size by its name (downloaded from R2), when the file has none. */
  pictureBytes: (name: string) => Buffer | undefined = () => undefined,
): ImportReport {
  const tables = new Set(
    (sqlite.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[])
      .map((t) => t.name)
      .filter((name) => !NOT_DATA.test(name)),
  );
  for (const table of DISTRICT_TABLES.filter((name) => tables.has(name))) {
    const { n } = sqlite.prepare(`select count(*) as n from "${table}"`).get() as { n: number };
    if (n > 0)
      throw new Error(
        `The database already holds data (table ${table}); import into a new, empty database file instead.`,
      );
  }
  const statements = splitStatements(sqlText);
  let rows = 0;
  let skipped = 0;
  let pictures = 0;
  sqlite.pragma('foreign_keys = OFF');
  try {
    sqlite
      .transaction(() => {
        // What a server wrote with nobody signed in (its signing key, a failed sign-in) is replaced.
        for (const table of tables)
          if (!DISTRICT_TABLES.includes(table)) sqlite.exec(`delete from "${table}"`);
        for (const statement of statements) {
          const insert = /^INSERT\s+INTO\s+"?([\w]+)"?/i.exec(statement);
          if (!insert) {
            // wrangler writes ANALYZE when the database has statistics for the query planner.
            if (/^(PRAGMA|ANALYZE)\b/i.test(statement)) continue;
            throw new Error(`The file holds something other than rows: "${statement.slice(0, 60)}…"`);
          }
          if (!tables.has(insert[1]!)) {
            skipped++;
            continue;
          }
          try {
            sqlite.exec(statement);
          } catch (error) {
            throw new Error(
              `Row ${rows + skipped + 1} of the file (table ${insert[1]}) could not be loaded: ${(error as Error).message}.`,
            );
          }
          rows++;
        }
        const problems = sqlite.pragma('foreign_key_check') as unknown[];
        if (problems.length)
          throw new Error(`${problems.length} rows refer to rows that are not in the file.`);
        const wanted = (
          sqlite
            .prepare('select name from picture_files where removed_at is null and bytes is null')
            .all() as { name: string }[]
        ).map((r) => r.name);
        const missing: string[] = [];
        const store = sqlite.prepare('update picture_files set bytes = ? where name = ?');
        for (const name of wanted) {
          const bytes = pictureBytes(name);
          if (bytes) store.run(bytes, name);
          else missing.push(name);
        }
        if (missing.length) throw new MissingPictures(missing);
        pictures = wanted.length;
      })
      .immediate();
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
  return { rows, skipped, pictures };
}

/** Statements separated by semicolons outside quoted strings. */
function splitStatements(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) {
        if (text[i + 1] === quote) i++;
        else quote = undefined;
      }
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === ';') {
      const statement = text.slice(start, i).trim();
      if (statement && !statement.startsWith('--')) out.push(statement);
      start = i + 1;
    } else if (ch === '-' && text[i + 1] === '-' && (i === start || /\s/.test(text[i - 1] ?? ''))) {
      const end = text.indexOf('\n', i);
      if (text.slice(start, i).trim() === '') start = end === -1 ? text.length : end + 1;
      i = end === -1 ? text.length : end;
    }
  }
  const tail = text.slice(start).trim();
  if (tail) out.push(tail);
  return out;
}
