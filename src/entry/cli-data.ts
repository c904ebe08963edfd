// Commands for the data itself: migrations, backups, moving rows to and from D1, district settings.
import { languagesRemovedSentences } from '../settings/languages-removed';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { d1PasswordLink as makeD1PasswordLink, d1SetupLink as makeD1SetupLink } from '../auth/d1-setup-link';
import type { Config } from '../config';
import BetterSqlite3 from 'better-sqlite3';
import {
  exportPictureFiles,
  exportRows,
  moveToD1Preamble,
  importRows,
  MissingPictures,
  restoreStatements,
} from '../db/sql-transfer-node';
import {
  checkSetting,
  listSettings,
  readDistrictSettings,
  saveSettings,
} from '../settings/district-settings';
import { cliActor } from '../db/audit';
import { CommandFailed, UsageError, emailOption, newFileArgument, parse, withRuntime } from './cli-support';

export async function migrate(args: string[], config: Config): Promise<void> {
  parse(args, {});
  await withRuntime(config, async () => {}, { create: true });
  console.log(`Database is up to date: ${config.databasePath}`);
}

export async function backup(args: string[], config: Config): Promise<void> {
  const file = newFileArgument(args, `backup ./yesterday-${new Date().toISOString().slice(0, 10)}.db`);
  await withRuntime(config, async ({ sqlite }) => {
    try {
      await sqlite.sqlite.backup(file);
    } catch (error) {
      // A part written before the failure (a full disk) is no backup, and would stand in the next one's way.
      rmSync(file, { force: true });
      throw new CommandFailed(
        `The backup could not be written to ${file} (SQLite says: ${(error as Error).message}). Check that the user running this command may write there and that the disk has room.`,
      );
    }
    console.log(`Backed up ${config.databasePath} to ${file}`);
  });
}

export async function d1ExportSql(args: string[], config: Config): Promise<void> {
  const file = newFileArgument(args, 'd1:export-sql ./yesterday-rows.sql');
  await withRuntime(config, async ({ sqlite }) => {
    const out = createWriteStream(file, { flags: 'wx' });
    let rows = 0;
    out.write(moveToD1Preamble(sqlite.sqlite));
    for (const line of exportRows(sqlite.sqlite)) {
      if (line.startsWith('INSERT')) rows++;
      if (!out.write(line)) await once(out, 'drain');
    }
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    // Pictures go to R2 on Workers: each size beside the rows, with the commands that upload them.
    const media = mediaFolderOf(file);
    let pictures = 0;
    const upload: string[] = [];
    for (const picture of exportPictureFiles(sqlite.sqlite)) {
      if (pictures++ === 0) mkdirSync(media, { recursive: true });
      writeFileSync(join(media, picture.name), picture.bytes);
      upload.push(`${picture.name} ${picture.type}`);
    }
    if (pictures)
      writeFileSync(
        join(media, 'upload.sh'),
        transferScript(
          'Puts each picture file into the MEDIA bucket',
          'npx wrangler r2 object put "yesterday-media/$0" --file "$here/$0" --content-type "$1" --remote',
          upload,
        ),
      );
    console.log(
      `Wrote ${rows} rows to ${file}. Load them into an empty, migrated D1 database (as the person logged in to wrangler, from a copy they can read) with:\n  npx wrangler d1 execute yesterday --remote --file ${file}` +
        (pictures
          ? `\nWrote ${pictures} picture files to ${media}; put them in the MEDIA bucket with:\n  sh ${join(media, 'upload.sh')}`
          : ''),
    );
  });
}

/** ./yesterday-rows.sql → ./yesterday-rows-media */
function mediaFolderOf(file: string): string {
  return `${file.replace(/\.sql$/i, '')}-media`;
}

/** Files moved at once by a transfer script: each wrangler is a Node process of its own, slow to start. */
const TRANSFERS_AT_ONCE = 4;

/**
 * A script that runs `command` once for each line of `files` (its words as $0, $1), a few at a time, and stops
 * with an error once they are done if any failed (xargs answers 123). Picture names are hex with an extension,
 * and types plain words: nothing in them needs quoting.
 */
function transferScript(what: string, command: string, files: string[]): string {
  return [
    '#!/bin/sh',
    "# Written by Yesterday: run from anywhere, in the project folder's shell (wrangler logged in).",
    `# ${what}, ${TRANSFERS_AT_ONCE} at a time; it ends with an error if any failed (run it again: each file is`,
    '# moved whole, so one moved twice is the same file).',
    'set -e',
    'here="$(cd "$(dirname "$0")" && pwd)"',
    'export here',
    `xargs -P ${TRANSFERS_AT_ONCE} -L 1 sh -c '${command}' <<'FILES'`,
    ...files,
    'FILES',
    '',
  ].join('\n');
}

/**
 * A whole copy of a D1 database (`wrangler d1 export`) made ready for a new, empty D1 database: read into memory
 * as it was, and written out by restoreStatements (its tables, its rows within D1's limits, its indexes), for
 * `wrangler d1 migrations apply` to bring forward. The pictures stay in the MEDIA bucket.
 */
export async function d1RestoreSql(args: string[], _config: Config): Promise<void> {
  const example = 'd1:restore-sql ./yesterday-2026-12-01.sql ./restore.sql';
  const [copy, ...rest] = parse(args, {}, true).positionals;
  if (!copy)
    throw new UsageError(
      `Name the copy from \`npx wrangler d1 export\` and a new file to write, e.g. ${example}`,
    );
  const out = newFileArgument(rest, example);
  let text: string;
  try {
    text = readFileSync(copy, 'utf8');
  } catch {
    throw new CommandFailed(`Cannot read ${copy}.`);
  }
  if (!/^\s*CREATE\s+TABLE\b/im.test(text))
    throw new CommandFailed(
      `${copy} holds rows without the tables they go in (a copy made with --no-schema). Restore from a whole copy, made with npx wrangler d1 export yesterday --remote --output FILE; a copy of rows alone goes to a server with d1:import-sql.`,
    );
  // The copy as it was, at its own release's migrations: read with foreign keys off, in any order.
  const copied = new BetterSqlite3(':memory:');
  try {
    copied.pragma('foreign_keys = OFF');
    try {
      copied.exec(text);
    } catch (error) {
      throw new CommandFailed(
        `${copy} could not be read as a copy of a D1 database (SQLite says: ${(error as Error).message}). Nothing was written.`,
      );
    }
    const lines = [...restoreStatements(copied)];
    writeFileSync(out, lines.join(''), { flag: 'wx', mode: 0o600 });
    const rows = lines.filter((line) => line.startsWith('INSERT')).length;
    console.log(
      `Wrote ${rows} rows to ${out}. Load them into a new, empty D1 database (its name and database_id in wrangler.toml), then bring it up to this release:\n  npx wrangler d1 execute NEW --remote --file ${out}\n  npx wrangler d1 migrations apply NEW --remote\nThe pictures stay in the MEDIA bucket.`,
    );
  } finally {
    copied.close();
  }
}

export async function d1ImportSql(args: string[], config: Config): Promise<void> {
  const file = args[0];
  if (!file)
    throw new UsageError(
      'Name the file from `npx wrangler d1 export yesterday --remote --no-schema --output FILE`, e.g. d1:import-sql ./yesterday-rows.sql',
    );
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new CommandFailed(`Cannot read ${file}.`);
  }
  const mediaFlag = args.indexOf('--media');
  const media = mediaFlag === -1 ? mediaFolderOf(file) : args[mediaFlag + 1];
  if (!media) throw new UsageError('Name the folder after --media, e.g. --media ./yesterday-rows-media');
  // Coming back from Cloudflare is how a server's database begins.
  await withRuntime(
    config,
    async ({ sqlite }) => {
      try {
        const report = importRows(sqlite.sqlite, text, (name) => {
          const path = join(media, name);
          return existsSync(path) ? readFileSync(path) : undefined;
        });
        console.log(
          `Imported ${report.rows} rows${report.pictures ? ` and ${report.pictures} picture files` : ''} into ${config.databasePath}${report.skipped ? ` (${report.skipped} rows of D1's own tables left out)` : ''}.`,
        );
      } catch (error) {
        if (error instanceof MissingPictures) {
          mkdirSync(media, { recursive: true });
          const script = join(media, 'download.sh');
          writeFileSync(
            script,
            transferScript(
              'Gets each picture file from the MEDIA bucket',
              'npx wrangler r2 object get "yesterday-media/$0" --file "$here/$0" --remote',
              error.names,
            ),
          );
          throw new CommandFailed(
            `${error.message} Nothing was imported. Download them from the MEDIA bucket with:\n  sh ${script}\nthen run this command again${mediaFlag === -1 ? '' : ` with --media ${media}`}.`,
          );
        }
        throw new CommandFailed(`${(error as Error).message} Nothing was imported.`);
      }
    },
    { create: true },
  );
}

export async function d1SetupLink(args: string[], config: Config): Promise<void> {
  const { values } = parse(args, {
    database: { type: 'string' },
    local: { type: 'boolean' },
  });
  const target = d1Target(values);
  const { link, sql } = await makeD1SetupLink(config.publicUrl, Date.now());
  const [answer] = executeInD1(target, sql);
  if (Number(answer?.accounts) > 0)
    throw new CommandFailed(
      `The D1 database "${target.database}" already has accounts, so a setup link would not work; nothing was stored. For someone who has an account (a password set on a server cannot be checked on Workers), make a password link: npx yesterday d1:password-link --email ADDRESS${target.flags}.`,
    );
  console.log(
    `Create the first admin account with this link (it works once, for 24 hours, and only while no account exists):\n${link}`,
  );
  // A local database is tried on this machine, where a localhost address is the right one.
  if (!target.local) warnLocalAddress(config);
}

/**
 * On Workers, the way into an existing account without email: what `user:create` prints on a server for someone
 * who has an account. After a move from a server, whose passwords Workers cannot check, it lets the first
 * administrator in before Postmark is set up.
 */
export async function d1PasswordLink(args: string[], config: Config): Promise<void> {
  const { values } = parse(args, {
    email: { type: 'string' },
    database: { type: 'string' },
    local: { type: 'boolean' },
  });
  const email = emailOption(values.email, 'd1:password-link --email name@district.example').toLowerCase();
  const target = d1Target(values);
  const { link, sql } = await makeD1PasswordLink(config.publicUrl, email, Date.now());
  const [answer] = executeInD1(target, sql);
  if (!answer)
    throw new CommandFailed(
      `There is no account for ${email} in the D1 database "${target.database}"; nothing was stored. Check the address, or have an administrator invite the person under People.`,
    );
  if (Number(answer.disabled))
    throw new CommandFailed(
      `The account of ${email} is disabled; nothing was stored. An administrator turns it back on under People first.`,
    );
  console.log(`A link that sets a new password for ${email} (it works once, for 72 hours):\n${link}`);
  // A local database is tried on this machine, where a localhost address is the right one.
  if (!target.local) warnLocalAddress(config);
}

interface D1Target {
  database: string;
  local: boolean;
  /** As typed on a command line after the database's name: ` --local`, ` --database NAME`, or nothing. */
  flags: string;
}

function d1Target(values: { database?: string; local?: boolean }): D1Target {
  const database = values.database ?? 'yesterday';
  if (!/^[\w-]+$/.test(database)) throw new UsageError('--database is the D1 database name, e.g. yesterday.');
  const flags = `${values.database ? ` --database ${database}` : ''}${values.local ? ' --local' : ''}`;
  return { database, local: Boolean(values.local), flags };
}

/**
 * Runs `sql` in D1 with wrangler (its messages shown as they come) and answers the rows of its last statement.
 * wrangler runs the statements as one batch: when it fails, nothing was stored.
 */
function executeInD1(target: D1Target, sql: string): Record<string, unknown>[] {
  const where = target.local ? '--local' : '--remote';
  const wrangler = spawnSync(
    process.execPath,
    [
      fileURLToPath(import.meta.resolve('wrangler/bin/wrangler.js')),
      'd1',
      'execute',
      target.database,
      where,
      '--json',
      '--command',
      sql,
    ],
    { stdio: ['inherit', 'pipe', 'pipe'], encoding: 'utf8' },
  );
  process.stderr.write(wrangler.stderr ?? '');
  // With --json wrangler writes its errors to stdout as JSON too.
  const output = `${wrangler.stdout ?? ''}\n${wrangler.stderr ?? ''}`;
  if (wrangler.status !== 0 && /no such table/.test(output))
    throw new CommandFailed(
      `The D1 database "${target.database}" has no tables yet; nothing was changed. Create them first with npx wrangler d1 migrations apply ${target.database} ${where}, then run this again.`,
    );
  if (wrangler.status !== 0) {
    process.stderr.write(wrangler.stdout ?? '');
    throw new CommandFailed(
      target.local
        ? `wrangler could not write to the local D1 database "${target.database}" (see above); nothing was changed. Run this in the folder with wrangler.toml, and name the database as it does with --database.`
        : `wrangler could not write to the D1 database "${target.database}" (see above); nothing was changed. Sign in with npx wrangler login, or name the database with --database.`,
    );
  }
  try {
    const batches = JSON.parse(wrangler.stdout) as { results?: Record<string, unknown>[] }[];
    return batches.at(-1)?.results ?? [];
  } catch {
    throw new CommandFailed(
      `wrangler answered something other than the JSON it was asked for, so whether the link was stored is not known:\n${wrangler.stdout}`,
    );
  }
}

function warnLocalAddress(config: Config): void {
  if (config.publicUrl.startsWith('http://localhost'))
    console.error(
      'The link starts with PUBLIC_URL; set it to the address of the Worker, e.g. PUBLIC_URL=https://digest.district.example.',
    );
}

export async function settingsGet(args: string[], config: Config): Promise<void> {
  await withRuntime(config, async ({ deps }) => {
    const all = await listSettings(deps.db);
    const wanted = args[0] ? all.filter((s) => s.key === args[0]) : all;
    // A key mistyped is a usage error (exit status 2), as settings:set says of the same typo.
    if (args[0] && wanted.length === 0)
      throw new UsageError(
        `There is no setting called "${args[0]}". Known: ${all.map((s) => s.key).join(', ')}.`,
      );
    for (const setting of wanted)
      console.log(
        args[0]
          ? setting.value
          : `${setting.key}=${oneLine(setting.value)}${setting.isDefault ? '  (default)' : ''}`,
      );
  });
}

/** A list kept one item per line, written as settings:set takes it back: items separated by commas. */
function oneLine(value: string): string {
  return value
    .split(/\r?\n/)
    .filter((line) => line.trim())
    .join(', ');
}

export async function settingsSet(args: string[], config: Config): Promise<void> {
  const [key, ...rest] = args;
  if (!key || rest.length === 0)
    throw new UsageError('Give a key and a value, e.g. settings:set timezone America/Chicago');
  await withRuntime(config, async ({ deps }) => {
    const before = (await readDistrictSettings(deps.db)).languages;
    const value = rest.join(' ');
    const result = checkSetting(key, value);
    if (!result.ok) throw new UsageError(result.message);
    // As a change under Settings is: the log says who changed what, from where (a value set again is no change).
    await saveSettings(deps.db, { [key]: result.value }, cliActor, deps.clock.now());
    console.log(`${key}=${result.value}`);
    const after = (await readDistrictSettings(deps.db)).languages;
    for (const sentence of await languagesRemovedSentences(deps.db, before, after)) console.error(sentence);
  });
}
