// `npx yesterday <command>`: the operator's interface (see README). Exit 0 on success, 1 with a one-line
// reason when the command could not do its job, 2 for a bad environment variable or a command typed wrong.
// Each command's code is loaded only when it runs, so a quick command does not pay for the web server, the
// feed reader or email.
import { ConfigError, parseConfig, type Config } from '../config';
import { CommandFailed, UsageError, noOptions } from './cli-support';

const USAGE = `Usage: npx yesterday <command> [options]

Commands:
  serve                                   web server and scheduler (what npm start runs)
  demo                                    a demo district with sample feeds, served locally
  migrate                                 apply database migrations
  user:create --email E [--role R] [--name NAME]
                                          make an account (R: admin, editor, contributor; default editor) and
                                          print a one-time set-password link; an existing one keeps its role
  sources:add URL --school NAME [--owner EMAIL] [--owner-name NAME] [--media-release]
              [--authorized-by "NAME, ROLE"] [--authorized-on YYYY-MM-DD] [--review-on YYYY-MM-DD] [--anyway]
  sources:list                            every source: number, state, school, title and address
  sources:import-opml FILE [--school NAME] [--welcome-owners] / sources:export-opml [FILE]
  feed:check URL [--json]                 fetch and read one feed, print what would be ingested; writes nothing
  ingest [--source ID]                    check due feeds now (or one source)
  digest:publish [--date YYYY-MM-DD]      publish that day's digest (default: yesterday)
  digest:send [--date YYYY-MM-DD]         send or resume that digest's email
  schedule:run                            publish ready digests whose time has come; remind about late ones
  sessions:end [--email E]                sign everyone (or one person) out of every browser at once
  token:create --name NAME [--role R] [--for EMAIL]
                                          print a bearer token for the JSON API (default editor; --for: a
                                          person's own)
  backup FILE                             consistent copy of the database
  d1:export-sql FILE / d1:import-sql FILE [--media DIR]
                                          move the district's rows (and pictures) to D1 and R2, or back
  d1:restore-sql COPY FILE                a copy from wrangler d1 export, written to load into a new D1 database
  d1:setup-link [--database NAME] [--local]
                                          on Cloudflare: store a first-administrator link in D1 and print it
  d1:password-link --email E [--database NAME] [--local]
                                          on Cloudflare: store a set-password link for E's account and print it
  settings:get [KEY] / settings:set KEY VALUE
  social:connect mastodon --instance URL | bluesky [--service URL] --handle HANDLE | facebook --page-id ID
                                          connect a district account; the token is read from standard input
  social:list [--json] / social:disconnect ID / social:post   list, disconnect, post what is due now`;

type Handler = (args: string[], config: Config) => Promise<void>;

const commands: Record<string, () => Promise<Handler>> = {
  serve: async () => {
    const { serve } = await import('./cli-serve');
    return (args, config) => {
      noOptions('serve', args);
      return serve(config);
    };
  },
  demo: async () => {
    const { runDemo } = await import('../demo/run-demo');
    return (args, config) => {
      noOptions('demo', args);
      return runDemo(config);
    };
  },
  migrate: async () => (await import('./cli-data')).migrate,
  'user:create': async () => (await import('./cli-accounts')).userCreate,
  'token:create': async () => (await import('./cli-accounts')).tokenCreate,
  'sessions:end': async () => (await import('./cli-accounts')).sessionsEnd,
  'sources:add': async () => (await import('./cli-sources')).sourcesAdd,
  'sources:list': async () => (await import('./cli-sources')).sourcesList,
  'sources:import-opml': async () => (await import('./cli-sources')).sourcesImportOpml,
  'sources:export-opml': async () => (await import('./cli-sources')).sourcesExportOpml,
  'feed:check': async () => (await import('./cli-sources')).feedCheck,
  ingest: async () => (await import('./cli-sources')).ingest,
  'schedule:run': async () => (await import('./cli-digests')).scheduleRun,
  'digest:publish': async () => (await import('./cli-digests')).digestPublish,
  'digest:send': async () => (await import('./cli-digests')).digestSend,
  backup: async () => (await import('./cli-data')).backup,
  'd1:export-sql': async () => (await import('./cli-data')).d1ExportSql,
  'd1:import-sql': async () => (await import('./cli-data')).d1ImportSql,
  'd1:restore-sql': async () => (await import('./cli-data')).d1RestoreSql,
  'd1:setup-link': async () => (await import('./cli-data')).d1SetupLink,
  'd1:password-link': async () => (await import('./cli-data')).d1PasswordLink,
  'settings:get': async () => (await import('./cli-data')).settingsGet,
  'settings:set': async () => (await import('./cli-data')).settingsSet,
  'social:connect': async () => (await import('./cli-social')).socialConnect,
  'social:list': async () => (await import('./cli-social')).socialList,
  'social:disconnect': async () => (await import('./cli-social')).socialDisconnect,
  'social:post': async () => (await import('./cli-social')).socialPost,
};

/** The usage lines that name `command` (with their continuation lines), under the general usage line. */
function usageOf(command: string): string {
  const lines = USAGE.split('\n');
  const start = lines.indexOf('Commands:') + 1;
  const picked: string[] = [];
  let keep = false;
  for (const line of lines.slice(start)) {
    const continuation = /^ {6,}\S/.test(line) && !/^ {2}\S/.test(line);
    if (!continuation)
      keep =
        line
          .trimStart()
          .split(/[\s/|]+/)
          .includes(command) || line.includes(` ${command} `);
    if (keep) picked.push(line);
  }
  return [`Usage: npx yesterday ${command} [options]`, '', ...picked].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    console.error(`yesterday: unknown command "${name}". Run \`npx yesterday help\` for the list.`);
    return 2;
  }
  // Help asked for after a command shows that command's lines and does nothing: `backup --help` must not make a
  // file called --help, nor `schedule:run --help` publish.
  const options = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
  if (options.includes('--help') || options.includes('-h')) {
    console.log(usageOf(name));
    return 0;
  }
  // What the commands write (the database, backups, exports, the outbox's emails) holds parents' addresses,
  // password hashes and the signing secret: readable by the service's user only, whatever the shell's umask.
  process.umask(0o077);
  try {
    // A command says what it did in its own words: the log's lines of routine work (a feed checked, a failure it
    // then reports itself) are for the server's journal, so a command logs warnings and worse unless told.
    const quiet = name !== 'serve' && name !== 'demo' && process.env.LOG_LEVEL === undefined;
    const config = parseConfig(quiet ? { ...process.env, LOG_LEVEL: 'warn' } : process.env);
    await (
      await command()
    )(args, config);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError) {
      console.error(`yesterday: ${error.message}`);
      return 2;
    }
    if (error instanceof CommandFailed) {
      console.error(`yesterday: ${error.message}`);
      return 1;
    }
    console.error(`yesterday: ${name} failed: ${(error as Error).message}`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
if (process.argv[2] !== 'serve' && process.argv[2] !== 'demo') process.exit(code);
else if (code !== 0) process.exit(code);
