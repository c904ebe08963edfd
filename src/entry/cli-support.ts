// What every command shares: its two kinds of failure, argument parsing, a runtime opened and closed around
// the work, the --date argument and the one file a command writes.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../config';
import { checkEmailAddress } from '../email/email-address';
import { readDistrictSettings } from '../settings/district-settings';
import { addDays, isLocalDate, localDateOf } from '../time/zoned-time';
import { createNodeRuntime, type NodeRuntime } from './node';

/** Bad usage or arguments: exit status 2. */
export class UsageError extends Error {}
/** The command could not do its job: exit status 1, with the message as its one-line reason. */
export class CommandFailed extends Error {}

/**
 * Opens the district's database around `work`. Only `migrate` and `d1:import-sql` (`create`) may start a new
 * one, and say so: any other command run where DATABASE_PATH is not what the server uses (a shell without the
 * server's environment file) would otherwise read or write a fresh, empty database the server never sees and
 * report success (a backup of nothing, a setting or a source that goes nowhere).
 */
export async function withRuntime(
  config: Config,
  work: (runtime: NodeRuntime) => Promise<void>,
  options: { create?: boolean } = {},
): Promise<void> {
  if (!options.create && config.databasePath !== ':memory:' && !existsSync(config.databasePath))
    throw new CommandFailed(
      `there is no database at ${resolve(config.databasePath)} (DATABASE_PATH). Run the command with the settings the server runs with, DATABASE_PATH among them (for a server set up as the README shows: sudo -u yesterday node --env-file=/etc/yesterday.env bin/yesterday.mjs …). Only for a district that has no database yet: \`npx yesterday migrate\` starts an empty one.`,
    );
  const starting = config.databasePath !== ':memory:' && !existsSync(config.databasePath);
  const runtime = await createNodeRuntime(config);
  if (starting) console.error(`yesterday: started a new database at ${resolve(config.databasePath)}.`);
  try {
    await work(runtime);
  } finally {
    await runtime.close();
  }
}

export async function dateArgument(args: string[], db: NodeRuntime['deps']['db']): Promise<string> {
  const { values } = parse(args, { date: { type: 'string' } });
  if (values.date !== undefined) {
    if (!isLocalDate(values.date))
      throw new UsageError(`--date must be a date like 2026-11-20, not "${values.date}".`);
    return values.date;
  }
  const { timezone } = await readDistrictSettings(db);
  return addDays(localDateOf(Date.now(), timezone), -1);
}

type Options = Parameters<typeof parseArgs>[0] extends infer P
  ? P extends { options?: infer O }
    ? O
    : never
  : never;

/** serve and demo take their settings from the environment only; a stray option is a mistake, not ignored. */
export function noOptions(command: string, args: string[]) {
  if (args.length === 0) return;
  throw new UsageError(
    `${command} takes no options (got "${args[0]}"). Settings come from the environment, e.g. PORT=8080 npx yesterday ${command}.`,
  );
}

export function parse<O extends NonNullable<Options>>(args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    // Node's own sentence for an unknown option is about positional arguments that start with a dash.
    if ((error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const option =
        /'([^']*)'/.exec((error as Error).message)?.[1] ?? args.find((arg) => arg.startsWith('-'));
      throw new UsageError(
        `unknown option "${option}". Run \`npx yesterday help\` for each command's options.`,
      );
    }
    throw new UsageError((error as Error).message.replace(/^.*?: /, ''));
  }
}

/**
 * The person's address given with --email, checked as the sign-up form checks one; a usage error naming the
 * command's own `example` when it is missing or not an address.
 */
export function emailOption(value: string | undefined, example: string): string {
  if (!value?.trim()) throw new UsageError(`Give the person's address, e.g. ${example}`);
  const checked = checkEmailAddress(value);
  if (!checked.ok) throw new UsageError(`--email: ${checked.message}`);
  return checked.address;
}

/**
 * The one file a command writes, named on the command line: refused if it is missing, looks like an option,
 * already exists (nothing is written over) or would go in a folder that does not exist.
 */
export function newFileArgument(args: string[], example: string): string {
  const [file, ...more] = parse(args, {}, true).positionals;
  if (!file) throw new UsageError(`Name the file to write, e.g. ${example}`);
  if (more.length > 0) throw new UsageError(`Name one file only (got "${more[0]}" too), e.g. ${example}`);
  if (existsSync(file) && statSync(file).isDirectory())
    throw new UsageError(
      `${file} is a folder: name the file to write inside it, e.g. ${join(file, basename(example.split(' ').pop()!))}`,
    );
  if (existsSync(file))
    throw new CommandFailed(
      `${file} already exists, and nothing is written over it. Give it a new name (files like this are usually named by their date), or move the old one away first.`,
    );
  const folder = dirname(resolve(file));
  if (!existsSync(folder))
    throw new CommandFailed(
      `The folder ${folder} does not exist. Create it first (mkdir -p ${folder}), or name another.`,
    );
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new CommandFailed(
      `The folder ${folder} cannot be written by the user running this command. Run it as a user who may write there (on a server, the service's user: sudo -u yesterday …), or name another folder.`,
    );
  }
  return file;
}
