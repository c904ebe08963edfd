// `npx yesterday <command>`: the operator's interface (see README). Exit 0 on success, 1 with a one-line
// reason when the command could not do its job, 2 for a bad setting or bad usage.
import { spawnSync } from 'node:child_process';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApiToken } from '../auth/api-tokens';
import { d1SetupLink } from '../auth/d1-setup-link';
import { createOneTimeLink, setupLinkIfNeeded } from '../auth/one-time-links';
import { cliActor } from '../db/audit';
import { countDeliveriesByState } from '../db/deliveries';
import { findDigest } from '../db/digests';
import { exportRows, importRows } from '../db/sql-transfer-node';
import { ROLES, findUserByEmail, insertUser, type Role } from '../db/users';
import { checkEmailAddress } from '../email/email-address';
import { ConfigError, parseConfig, type Config } from '../config';
import { describeRefresh } from '../ingest/refresh-source';
import { runLeaseCheck, runPollJob, runSendJob } from '../jobs/jobs';
import { runPublishJob } from '../publish/publish-job';
import { changeSetting, listSettings, readDistrictSettings } from '../settings/district-settings';
import { addSource } from '../sources/add-source';
import { DeskError, deskDepsOf, publishDesk } from '../curate/desk';
import { importSources } from '../sources/import-sources';
import { readOpml, writeOpml } from '../sources/opml';
import { listSources } from '../db/sources';
import { feedReport, type FeedReport } from '../ingest/feed-report';
import { createNodeFetcher } from '../ingest/fetch-feed-node';
import { readFeed } from '../ingest/read-feed';
import { addDays, isLocalDate, localDateOf } from '../time/zoned-time';
import { createNodeRuntime, startServer, type NodeRuntime, type RunningServer } from './node';

class UsageError extends Error {}
class CommandFailed extends Error {}

const USAGE = `Usage: npx yesterday <command> [options]

Commands:
  serve                                   web server and scheduler (what npm start runs)
  demo                                    a demo district with sample feeds, served locally
  migrate                                 apply database migrations
  user:create --email E --role R          print a one-time set-password link (R: admin, editor, contributor)
  sources:add URL --school NAME [--owner EMAIL] [--owner-name NAME] [--media-release]
  sources:import-opml FILE [--school NAME] / sources:export-opml [FILE]
  feed:check URL [--json]                 fetch and read one feed, print what would be ingested; writes nothing
  ingest [--source ID]                    check due feeds now (or one source)
  digest:publish [--date YYYY-MM-DD]      publish that day's digest (default: yesterday)
  digest:send [--date YYYY-MM-DD]         send or resume that digest's email
  schedule:run                            publish ready digests whose time has come; remind about late ones
  token:create --name NAME --role R       print a bearer token for the JSON API
  backup FILE                             consistent copy of the database
  d1:export-sql FILE / d1:import-sql FILE   move the district's rows to D1, or back from a D1 export
  d1:setup-link [--database NAME] [--local]  on Cloudflare: store a first-administrator link in D1 and print it
  settings:get [KEY] / settings:set KEY VALUE`;

type Handler = (args: string[], config: Config) => Promise<void>;

const commands: Record<string, Handler> = {
  serve: async (args, config) => {
    noOptions('serve', args);
    await serve(config);
  },
  demo: async (args, config) => {
    noOptions('demo', args);
    await (await import('../demo/run-demo')).runDemo(config);
  },

  migrate: async (_args, config) => {
    await withRuntime(config, async () => {});
    console.log(`Database is up to date: ${config.databasePath}`);
  },

  'user:create': async (args, config) => {
    const { values } = parse(args, {
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
    });
    const checked = checkEmailAddress(values.email ?? '');
    if (!checked.ok) throw new UsageError(`--email: ${checked.message}`);
    const role = (values.role ?? 'editor') as Role;
    if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}.`);
    await withRuntime(config, async ({ deps }) => {
      const now = deps.clock.now();
      const existing = await findUserByEmail(deps.db, checked.address);
      const user =
        existing ??
        (await insertUser(deps.db, { email: checked.address, name: values.name ?? '', role }, now));
      const link = await createOneTimeLink(deps.db, config.publicUrl, 'set-password', user.id, now);
      console.log(
        existing
          ? `${user.email} already has an account (${user.role}); this link sets a new password:`
          : `Created ${user.email} (${role}). Set-password link (works once, for 72 hours):`,
      );
      console.log(link);
    });
  },

  'sources:add': async (args, config) => {
    const { values, positionals } = parse(
      args,
      {
        school: { type: 'string' },
        owner: { type: 'string' },
        'owner-name': { type: 'string' },
        'media-release': { type: 'boolean' },
      },
      true,
    );
    const url = positionals[0];
    if (!url || !values.school)
      throw new UsageError(
        'Give the feed URL and --school NAME, e.g. sources:add https://class.example/feed --school "Lincoln Elementary".',
      );
    await withRuntime(config, async ({ deps }) => {
      const added = await addSource(
        deps.db,
        {
          url,
          school: values.school!,
          ownerEmail: values.owner,
          ownerName: values['owner-name'],
          mediaRelease: values['media-release'],
        },
        cliActor,
        deps.clock.now(),
      );
      if (!added.ok) throw new CommandFailed(added.message);
      console.log(`Added source ${added.source.id}: ${added.source.feedUrl}`);
    });
  },

  'feed:check': async (args, config) => {
    const { values, positionals } = parse(args, { json: { type: 'boolean' } }, true);
    const url = positionals[0];
    if (!url) throw new UsageError('Give the feed address, e.g. feed:check https://class.example/feed');
    // Writes nothing and opens no database: only the fetcher and the pipeline run.
    const fetcher = createNodeFetcher({
      publicUrl: config.publicUrl,
      allowPrivateNetworks: config.fetchAllowPrivateNetworks,
    });
    try {
      const report = feedReport(url, await readFeed(fetcher, { url }, Date.now));
      if (values.json) console.log(JSON.stringify(report, null, 2));
      else printReport(report);
      if (!report.ok) throw new CommandFailed(report.error.message);
    } finally {
      await fetcher.close();
    }
  },

  'sources:import-opml': async (args, config) => {
    const { values, positionals } = parse(args, { school: { type: 'string' } }, true);
    const file = positionals[0];
    if (!file)
      throw new UsageError(
        'Name the OPML file, e.g. sources:import-opml district-feeds.opml [--school "Default School"]',
      );
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new CommandFailed(`Cannot read ${file}.`);
    }
    const read = readOpml(text);
    if (!read.ok) throw new CommandFailed(read.message);
    await withRuntime(config, async ({ deps }) => {
      const outcome = await importSources(deps.db, read.feeds, {
        defaultSchool: values.school,
        actor: cliActor,
        now: deps.clock.now(),
      });
      if (!outcome.ok)
        throw new CommandFailed(
          `Nothing was imported. Fix these and run it again:\n  ${outcome.problems.join('\n  ')}`,
        );
      console.log(`Imported ${outcome.added} sources; ${outcome.skipped} were already registered.`);
    });
  },

  'sources:export-opml': async (args, config) => {
    await withRuntime(config, async ({ deps }) => {
      const settings = await readDistrictSettings(deps.db);
      const opml = writeOpml(
        await listSources(deps.db),
        `${settings.districtName}: ${settings.siteTitle} sources`,
        deps.clock.now(),
      );
      if (args[0]) writeFileSync(args[0], opml);
      else process.stdout.write(opml);
    });
  },

  ingest: async (args, config) => {
    const { values } = parse(args, { source: { type: 'string' } });
    const sourceId = values.source === undefined ? undefined : Number(values.source);
    if (sourceId !== undefined && !Number.isSafeInteger(sourceId))
      throw new UsageError('--source must be a source id (a number).');
    await withRuntime(config, async ({ deps }) => {
      const outcomes = await runPollJob(deps, { sourceId });
      if (outcomes.length === 0)
        console.log(
          sourceId === undefined ? 'No feeds are due for a check.' : `There is no source ${sourceId}.`,
        );
      for (const outcome of outcomes) console.log(`source ${outcome.sourceId}: ${describeRefresh(outcome)}`);
      if (sourceId !== undefined && outcomes.length === 0)
        throw new CommandFailed(`There is no source ${sourceId}.`);
    });
  },

  'schedule:run': async (_args, config) => {
    await withRuntime(config, async ({ deps }) => {
      const report = await runPublishJob(deps);
      for (const { date, lateMinutes } of report.published)
        console.log(`Published the digest for ${date}${lateMinutes ? `, ${lateMinutes} minutes late` : ''}.`);
      for (const { date, reason } of report.returnedToDraft)
        console.log(`The digest for ${date} could not be published and is a draft again: ${reason}`);
      for (const date of report.reminded) console.log(`Reminded the editors: the digest for ${date} is due.`);
      if (!report.published.length && !report.returnedToDraft.length && !report.reminded.length)
        console.log('Nothing is due.');
    });
  },

  'digest:publish': async (args, config) => {
    await withRuntime(config, async ({ deps }) => {
      const date = await dateArgument(args, deps.db);
      // The same rules as the desk: checks must pass (or be overridden there), approval if required.
      const desk = { ...deskDepsOf(deps), background: { wakeSender() {}, wakePoller() {} } };
      try {
        const { queued } = await publishDesk(desk, { ...cliActor, role: 'admin', userId: null }, date);
        console.log(
          `Published the digest for ${date}; ${queued} emails queued. They go out with the running server, or run: npx yesterday digest:send --date ${date}`,
        );
      } catch (error) {
        if (!(error instanceof DeskError)) throw error;
        if (error.code === 'published' || error.code === 'empty') {
          console.log(error.message); // running it twice, or on a day with nothing selected, is not a failure
          return;
        }
        const findings =
          error.details.findings
            ?.map((f) => `\n  ${f.kind} (post ${f.itemId || 'digest'}): ${f.message}`)
            .join('') ?? '';
        throw new CommandFailed(`${error.message}${findings}`);
      }
    });
  },

  'digest:send': async (args, config) => {
    await withRuntime(config, async ({ deps }) => {
      const date = await dateArgument(args, deps.db);
      const digest = await findDigest(deps.db, date);
      if (!digest || digest.status !== 'published')
        throw new CommandFailed(`The digest for ${date} is not published, so there is nothing to send.`);
      // Messages a stopped process left in flight past their lease are unknown from now on, and said so.
      await runLeaseCheck(deps);
      // Ctrl-C or a service manager's SIGTERM: finish and record what is on the wire, leave the rest queued.
      const stopping = new AbortController();
      const stop = () => stopping.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const report = await runSendJob(deps, { digestId: digest.id, signal: stopping.signal }).finally(() => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      });
      const left = await countDeliveriesByState(deps.db, digest.id);
      console.log(
        `Digest ${date}: ${report.sent} sent, ${report.retried} to retry later, ${report.failed} failed, ${report.skipped} with nothing for their schools.`,
      );
      if (stopping.signal.aborted && left.queued > 0)
        console.log(
          `Stopped on request; ${left.queued} emails are still queued. Run digest:send again to send them.`,
        );
      if (left.sending > 0)
        console.log(
          `${left.sending} emails are being sent by another process, or were when it stopped: if it stopped, they show as outcome unknown ten minutes after they left.`,
        );
      if (left.unknown > 0)
        console.log(
          `${left.unknown} emails have an unknown outcome (a process stopped while sending them); they are not sent again on their own. See Subscribers → Emails for ${date} in the admin.`,
        );
    });
  },

  'd1:setup-link': async (args, config) => {
    const { values } = parse(args, {
      database: { type: 'string' },
      local: { type: 'boolean' },
    });
    const database = values.database ?? 'yesterday';
    if (!/^[\w-]+$/.test(database))
      throw new UsageError('--database is the D1 database name, e.g. yesterday.');
    const { link, sql } = await d1SetupLink(config.publicUrl, Date.now());
    const wrangler = spawnSync(
      process.execPath,
      [
        fileURLToPath(import.meta.resolve('wrangler/bin/wrangler.js')),
        'd1',
        'execute',
        database,
        values.local ? '--local' : '--remote',
        '--command',
        sql,
      ],
      { stdio: ['inherit', 'ignore', 'inherit'] },
    );
    if (wrangler.status !== 0)
      throw new CommandFailed(
        `wrangler could not write to the D1 database "${database}" (see above); nothing was changed. Sign in with npx wrangler login, or name the database with --database.`,
      );
    console.log(
      `Create the first admin account with this link (it works once, for 24 hours, and only while no account exists):\n${link}`,
    );
    if (config.publicUrl.startsWith('http://localhost'))
      console.error(
        'The link starts with PUBLIC_URL; set it to the address of the Worker, e.g. PUBLIC_URL=https://digest.district.example.',
      );
  },

  'token:create': async (args, config) => {
    const { values } = parse(args, { name: { type: 'string' }, role: { type: 'string' } });
    const role = (values.role ?? 'editor') as Role;
    if (!values.name?.trim())
      throw new UsageError(
        'Name the token after what uses it, e.g. token:create --name "district website" --role editor',
      );
    if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}.`);
    await withRuntime(config, async ({ deps }) => {
      const { token } = await createApiToken(
        deps.db,
        { name: values.name!, role },
        cliActor,
        deps.clock.now(),
      );
      console.log(token);
      console.error(
        `Token “${values.name!.trim()}” (${role}) created. It is shown only now: store it where the program that uses it can read it.`,
      );
    });
  },

  backup: async (args, config) => {
    const file = args[0];
    if (!file) throw new UsageError('Name the file to write, e.g. backup ./backups/yesterday-2026-11-21.db');
    await withRuntime(config, async ({ sqlite }) => {
      await sqlite.sqlite.backup(file);
      console.log(`Backed up ${config.databasePath} to ${file}`);
    });
  },

  'd1:export-sql': async (args, config) => {
    const file = args[0];
    if (!file) throw new UsageError('Name the file to write, e.g. d1:export-sql ./yesterday-rows.sql');
    await withRuntime(config, async ({ sqlite }) => {
      const out = createWriteStream(file);
      let rows = -1;
      for (const line of exportRows(sqlite.sqlite)) {
        rows++;
        if (!out.write(line)) await once(out, 'drain');
      }
      await new Promise<void>((resolve, reject) =>
        out.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
      console.log(
        `Wrote ${rows} rows to ${file}. Load them into an empty, migrated D1 database with:\n  npx wrangler d1 execute yesterday --remote --file ${file}`,
      );
    });
  },

  'd1:import-sql': async (args, config) => {
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
    await withRuntime(config, async ({ sqlite }) => {
      try {
        const report = importRows(sqlite.sqlite, text);
        console.log(
          `Imported ${report.rows} rows into ${config.databasePath}${report.skipped ? ` (${report.skipped} rows of D1's own tables left out)` : ''}.`,
        );
      } catch (error) {
        throw new CommandFailed(`${(error as Error).message} Nothing was imported.`);
      }
    });
  },

  'settings:get': async (args, config) => {
    await withRuntime(config, async ({ deps }) => {
      const all = await listSettings(deps.db);
      const wanted = args[0] ? all.filter((s) => s.key === args[0]) : all;
      if (args[0] && wanted.length === 0)
        throw new CommandFailed(
          `There is no setting called "${args[0]}". Known: ${all.map((s) => s.key).join(', ')}.`,
        );
      for (const setting of wanted)
        console.log(
          args[0]
            ? setting.value
            : `${setting.key}=${setting.value}${setting.isDefault ? '  (default)' : ''}`,
        );
    });
  },

  'settings:set': async (args, config) => {
    const [key, ...rest] = args;
    if (!key || rest.length === 0)
      throw new UsageError('Give a key and a value, e.g. settings:set timezone America/Chicago');
    await withRuntime(config, async ({ deps }) => {
      const result = await changeSetting(deps.db, key, rest.join(' '), deps.clock.now());
      if (!result.ok) throw new CommandFailed(result.message);
      console.log(`${key}=${rest.join(' ')}`);
    });
  },
};

function printReport(report: FeedReport): void {
  if (!report.ok) return; // the reason goes to stderr as the command's one-line failure
  console.log(
    `${report.title ?? '(untitled feed)'}: ${report.format}, ${report.platform}, ${report.items.length} posts`,
  );
  if (report.finalUrl !== report.url) console.log(`Redirected to ${report.finalUrl}`);
  for (const warning of report.warnings) console.log(`Warning: ${warning}`);
  for (const item of report.items) {
    console.log(
      `\n${item.publishedAt}${item.dateEstimated ? ' (no date in the feed)' : ''}  ${item.title}${item.titleDerived ? '  [title from text]' : ''}`,
    );
    if (item.url) console.log(`  ${item.url}`);
    if (item.imageUrl)
      console.log(
        `  image: ${item.imageUrl}${item.imageAlt ? ` (alt: ${item.imageAlt})` : ' (no alt text)'}`,
      );
    if (item.summary) console.log(`  ${item.summary.slice(0, 160)}`);
  }
}

/** How long a stopping server waits for emails already on the wire. */
const STOP_GRACE_MS = 8_000;

async function serve(config: Config): Promise<void> {
  const runtime = await createNodeRuntime(config);
  let server: RunningServer;
  try {
    server = await startServer(runtime);
  } catch (error) {
    await runtime.close();
    throw error;
  }
  console.log(`Yesterday is running at ${server.url} (public address: ${config.publicUrl})`);
  const setupLink = await setupLinkIfNeeded(runtime.deps.db, config.publicUrl, runtime.deps.clock.now());
  if (setupLink)
    console.log(`Create the first admin account with this link (it works once, for 24 hours):\n${setupLink}`);
  if (!config.smtpUrl)
    console.log(
      `No SMTP_URL is set: emails are written to ${config.outboxDir} and listed under Outbox in the admin.`,
    );
  // A service manager waits a few seconds after SIGTERM before it kills: stop claiming email at once, let what
  // is on the wire finish and be recorded, and leave the rest queued for the next start. A mail server that
  // does not answer is not waited for past STOP_GRACE_MS; its messages become unknown when their lease ends.
  const stop = async () => {
    console.log('Stopping…');
    const grace = setTimeout(() => {
      console.log('Stopped before every email on the wire was answered; they show as outcome unknown later.');
      process.exit(0);
    }, STOP_GRACE_MS);
    grace.unref();
    // Both at once: the sender stops claiming email while the last requests are answered.
    await Promise.all([runtime.scheduler.stop(), server.close()]);
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function withRuntime(config: Config, work: (runtime: NodeRuntime) => Promise<void>): Promise<void> {
  const runtime = await createNodeRuntime(config);
  try {
    await work(runtime);
  } finally {
    await runtime.close();
  }
}

async function dateArgument(args: string[], db: NodeRuntime['deps']['db']): Promise<string> {
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
function noOptions(command: string, args: string[]) {
  if (args.length === 0) return;
  throw new UsageError(
    `${command} takes no options (got "${args[0]}"). Settings come from the environment, e.g. PORT=8080 npx yesterday ${command}.`,
  );
}

function parse<O extends NonNullable<Options>>(args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^.*?: /, ''));
  }
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
  try {
    await command(args, parseConfig(process.env));
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
