// Commands for the teachers' feeds: add, import and export sources, check one feed, read due feeds now.
import { readFileSync, writeFileSync } from 'node:fs';
import { plural } from '../text/plural';
import type { Config } from '../config';
import { cliActor } from '../db/audit';
import { findSource, listSources } from '../db/sources';
import { feedReport, type FeedReport } from '../ingest/feed-report';
import { createNodeFetcher } from '../ingest/fetch-feed-node';
import { readFeed } from '../ingest/read-feed';
import { describeRefresh } from '../ingest/refresh-source';
import { ingestDepsOf, runPollJob } from '../jobs/jobs';
import { pollSources } from '../ingest/poll';
import { readDistrictSettings } from '../settings/district-settings';
import { readTeacherSettings } from '../settings/teacher-settings';
import { addSource, alreadyASource, checkAddition, samePostsAs } from '../sources/add-source';
import { notReadBecause, notReadSentence } from '../sources/authorization';
import { importSources } from '../sources/import-sources';
import { readOpml, writeOpml } from '../sources/opml';
import { CommandFailed, UsageError, newFileArgument, parse, withRuntime } from './cli-support';

export async function sourcesAdd(args: string[], config: Config): Promise<void> {
  const { values, positionals } = parse(
    args,
    {
      school: { type: 'string' },
      owner: { type: 'string' },
      'owner-name': { type: 'string' },
      'media-release': { type: 'boolean' },
      'authorized-by': { type: 'string' },
      'authorized-on': { type: 'string' },
      'review-on': { type: 'string' },
      anyway: { type: 'boolean' },
    },
    true,
  );
  const url = positionals[0];
  if (!url || !values.school)
    throw new UsageError(
      'Give the feed URL and --school NAME, e.g. sources:add https://class.example/feed --school "Lincoln Elementary".',
    );
  const input = {
    url,
    school: values.school,
    ownerEmail: values.owner,
    ownerName: values['owner-name'],
    mediaRelease: values['media-release'],
    authorizedBy: values['authorized-by'],
    authorizedOn: values['authorized-on'],
    reviewOn: values['review-on'],
  };
  await withRuntime(config, async ({ deps }) => {
    // What was typed is refused before anything is read (exit status 2, as for any value typed wrong).
    const checked = await checkAddition(deps.db, input, deps.clock.now());
    if (!checked.ok) throw new UsageError(checked.message);
    const already = await alreadyASource(deps.db, checked.url);
    if (already) throw new CommandFailed(already);
    // Read first, as the Sources page does: a class blog's own page is not a feed, and a source added with it
    // could only fail. Nothing is added then; the feeds the page links to are named instead.
    const read = await readFeed(
      deps.fetcher,
      { url: checked.url },
      () => deps.clock.now(),
      deps.feedProcessor,
    );
    if (read.status === 'failed' && read.feedLinks?.length)
      throw new CommandFailed(
        `${checked.url} is a web page, not a feed, so nothing was added. Add one of the feeds it links to instead:\n${read.feedLinks.map((link) => `  ${link}`).join('\n')}`,
      );
    // An address that answered with something else than a feed, or that is not there, would only ever fail:
    // asked, as the Sources page asks. One whose server is down for now is added, and tried again later.
    if (read.status === 'failed' && read.lasting && !values.anyway)
      throw new CommandFailed(
        `${checked.url} ${read.notAFeed ? 'answered, but not with a feed' : 'could not be read'}, so nothing was added: ${read.message} Check the address; to add it all the same (a feed being set up, say), run the command again with --anyway.`,
      );
    // The same feed at a second address would put every post in the inbox twice.
    const same = read.status === 'read' && !values.anyway && (await samePostsAs(deps.db, read.items));
    if (same) throw new CommandFailed(`${same} To add it all the same, run the command again with --anyway.`);
    const added = await addSource(deps.db, input, cliActor, deps.clock.now());
    if (!added.ok) throw new CommandFailed(added.message);
    console.log(`Added source ${added.source.id}: ${added.source.feedUrl}`);
    // What was read is stored now, as the Sources page does, and said: its posts are on the desk at once, and
    // a feed that could not be read in stays added and is tried again later (less often while it fails).
    const [outcome] = await pollSources(ingestDepsOf(deps), { sourceId: added.source.id, read });
    if (outcome?.status === 'failed')
      console.log(
        `It is added, but not read in yet: ${describeRefresh(outcome)} It is tried again later; sources:list shows how it does.`,
      );
    else if (outcome) console.log(describeRefresh(outcome));
    // The policy has the principal authorize each account; the Sources page asks for it, the command line does
    // not insist (scripts written before it), so it says what is missing and where to record it.
    if (!added.source.authorizedBy)
      console.error(
        `Nobody is recorded as having authorized this account, which the policy asks of the principal. Record it on the source's page under Sources (Authorized by), or give --authorized-by "NAME, ROLE" when adding.`,
      );
  });
}

export async function sourcesImportOpml(args: string[], config: Config): Promise<void> {
  const { values, positionals } = parse(
    args,
    { school: { type: 'string' }, 'welcome-owners': { type: 'boolean' } },
    true,
  );
  const file = positionals[0];
  if (!file)
    throw new UsageError(
      'Name the OPML file, e.g. sources:import-opml district-feeds.opml [--school "Default School"] [--welcome-owners]',
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
      welcomeOwners: values['welcome-owners'] === true,
    });
    if (!outcome.ok)
      throw new CommandFailed(
        `Nothing was imported. Fix these and run it again:\n  ${outcome.problems.join('\n  ')}`,
      );
    console.log(
      `Imported ${plural(outcome.added, 'source')}; ${plural(outcome.skipped, 'was', 'were')} already registered.`,
    );
    if (values['welcome-owners'] && outcome.owners > 0)
      console.log(
        (await readTeacherSettings(deps.db)).notifyOwnersWelcome
          ? `The owners named for ${plural(outcome.owners, 'source')} are sent a welcome email (unless they stopped the emails about their feeds).`
          : 'No welcome is sent: notify_owners_welcome is false.',
      );
  });
}

/** Every source, one line each: its number (for --source and the desk), state, school, title and address. */
export async function sourcesList(args: string[], config: Config): Promise<void> {
  parse(args, {});
  await withRuntime(config, async ({ deps }) => {
    const sources = await listSources(deps.db);
    if (sources.length === 0) {
      console.log('No sources yet. Add one with sources:add URL --school NAME, or import an OPML file.');
      return;
    }
    const rows = sources.map((source) => [
      String(source.id),
      stateOf(source),
      source.schoolName,
      source.title ?? '',
      source.feedUrl,
    ]);
    const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
    for (const row of rows)
      console.log(row.map((cell, column) => (column < 4 ? cell.padEnd(widths[column]!) : cell)).join('  '));
    // Failing ones, and those paused after failing too long, with the reason: what someone will act on.
    const failing = sources.filter((source) => source.errorCount > 0 && source.lastError);
    for (const source of failing) console.log(`${source.id}: ${source.lastError}`);
  });
}

/** One word or two for a source's state, as the Sources page shows it. */
function stateOf(source: {
  paused: boolean;
  errorCount: number;
  lastSuccessAt: number | null;
  authorization: string;
}) {
  if (source.paused) return 'paused';
  if (source.authorization !== 'authorized') return source.authorization;
  if (source.errorCount > 0) return `failing ×${source.errorCount}`;
  return source.lastSuccessAt ? 'ok' : 'not read yet';
}

export async function sourcesExportOpml(args: string[], config: Config): Promise<void> {
  // Written to the file named, if one is, else to standard output.
  const file = args.length > 0 ? newFileArgument(args, 'sources:export-opml ./sources.opml') : undefined;
  await withRuntime(config, async ({ deps }) => {
    const settings = await readDistrictSettings(deps.db);
    const sources = await listSources(deps.db);
    const opml = writeOpml(
      sources,
      `${settings.districtName}: ${settings.siteTitle} sources`,
      deps.clock.now(),
      settings.timezone,
    );
    if (!file) {
      process.stdout.write(opml);
      return;
    }
    writeFileSync(file, opml, { flag: 'wx' });
    console.log(`Exported ${plural(sources.length, 'source')} to ${file}`);
  });
}

export async function feedCheck(args: string[], config: Config): Promise<void> {
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
}

export async function ingest(args: string[], config: Config): Promise<void> {
  const { values } = parse(args, { source: { type: 'string' } });
  const sourceId = values.source === undefined ? undefined : Number(values.source);
  if (sourceId !== undefined && !Number.isSafeInteger(sourceId))
    throw new UsageError('--source must be a source id (a number).');
  await withRuntime(config, async ({ deps }) => {
    if (sourceId !== undefined) {
      const source = await findSource(deps.db, sourceId);
      if (!source) throw new CommandFailed(`There is no source ${sourceId}.`);
      const name = source.title ?? source.feedUrl;
      const notRead = notReadBecause(source, deps.clock.now());
      if (notRead) throw new CommandFailed(notReadSentence(notRead, name));
    }
    const outcomes = await runPollJob(deps, { sourceId });
    if (outcomes.length === 0) console.log('No feeds are due for a check.');
    for (const outcome of outcomes) console.log(`source ${outcome.sourceId}: ${describeRefresh(outcome)}`);
    // One feed asked for that could not be read is the command failing; among all the due feeds, one that
    // fails is a normal day (it shows under Sources), and the command did its job.
    const [only] = outcomes;
    if (sourceId !== undefined && only?.status === 'failed')
      throw new CommandFailed(`source ${sourceId} could not be read (see above).`);
  });
}

function printReport(report: FeedReport): void {
  if (!report.ok) return; // the reason goes to stderr as the command's one-line failure
  console.log(
    `${report.title ?? '(untitled feed)'}: ${report.format}, ${report.platform}, ${plural(report.items.length, 'post')}`,
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
