// `npm run demo`: a demo district whose sample feeds are served by this very server, so a newcomer sees
// ingestion, the inbox, a published digest and its emails in a minute, with no internet and no SMTP.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Hono } from 'hono';
import { onStopSignal } from '../entry/stop-signal';
import { randomToken } from '../auth/tokens';
import type { Config } from '../config';
import { cliActor } from '../db/audit';
import { findDigest } from '../db/digests';
import { listItemsPublishedBetween } from '../db/items';
import { listSources, makeAllSourcesDue, moveSourceToUrl } from '../db/sources';
import { confirmSubscriber, upsertPendingSubscriber } from '../db/subscribers';
import { countUsers, insertUser } from '../db/users';
import { deskDepsOf, publishDesk, saveDesk } from '../curate/desk';
import { changeSetting } from '../settings/district-settings';
import { addSource } from '../sources/add-source';
import { addDays, dayRange, localDateOf } from '../time/zoned-time';
import { createNodeRuntime } from '../entry/node';
import { CommandFailed } from '../entry/cli-support';
import { startServer } from '../entry/node-server';
import { DEMO_DISTRICT, DEMO_PHOTOS, DEMO_SOURCES, DEMO_TIMEZONE, demoPostPage } from './demo-content';
import { PROJECT_ROOT } from '../project-root';

export function demoRoutes(): Hono {
  const app = new Hono();
  app.get('/demo/feeds/:file', (c) => {
    const source = DEMO_SOURCES.find((s) => s.slug === c.req.param('file'));
    if (!source) return c.notFound();
    const base = new URL(c.req.url).origin;
    return c.body(source.render(base, Date.now()), 200, { 'Content-Type': source.contentType });
  });
  app.get('/demo/images/:file', (c) => {
    const file = c.req.param('file');
    if (!Object.hasOwn(DEMO_PHOTOS, file)) return c.notFound();
    // Photographs as a teacher's phone wrote them, GPS position included, readable from any origin like
    // images on teachers' own sites.
    return c.body(readFileSync(join(PROJECT_ROOT, 'src/demo/photos', file)), 200, {
      'Content-Type': 'image/jpeg',
      'Cache-Control': 'public, max-age=86400',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
  });
  app.get('/demo/posts/:name', (c) => c.html(demoPostPage(c.req.param('name'))));
  return app;
}

export async function runDemo(config: Config): Promise<void> {
  const demoConfig: Config = {
    ...config,
    databasePath: process.env.DATABASE_PATH ? config.databasePath : './data/demo.db',
    outboxDir: process.env.OUTBOX_DIR ? config.outboxDir : './data/demo-outbox',
    // The demo's outbox is its own, or the one named: never a district's earlier one (withEarlierOutbox).
    outboxDirGiven: true,
  };
  const firstRun = !existsSync(demoConfig.databasePath);
  // A new demo district starts with an empty outbox: the emails of one deleted before are not its own. Only
  // the demo's own pair of places: a database or outbox named in the environment is someone else's business.
  if (firstRun && !process.env.DATABASE_PATH && !process.env.OUTBOX_DIR)
    rmSync(demoConfig.outboxDir, { recursive: true, force: true });
  // Each run publishes a day with every post and emails its subscribers, unreviewed: only in a district the
  // demo made itself (its own sample feeds), never in one DATABASE_PATH names by mistake. Read before anything
  // opens it to write (migrations included), so a real district's file is left exactly as it was.
  const district = firstRun ? 'demo' : demoDistrictOf(demoConfig.databasePath);
  if (district === 'added-to')
    throw new CommandFailed(
      `${resolve(demoConfig.databasePath)} is the demo's district with sources added that are not its sample feeds. Each demo run publishes a day and emails its subscribers without anyone reviewing them, so it runs only while the district holds the demo's feeds alone. To go on with the sources you added, run it as a server (DATABASE_PATH=${demoConfig.databasePath} npm start; their feeds on this machine need FETCH_ALLOW_PRIVATE_NETWORKS=true); to see the demo again, remove those sources under Sources, or delete the file and start over.`,
    );
  if (district === 'not-demo')
    throw new CommandFailed(
      `${resolve(demoConfig.databasePath)} holds no demo district (none of the demo's sample feeds). Each demo run publishes a day and emails its subscribers without anyone reviewing them, so it runs only in a database it made. Leave DATABASE_PATH unset (the demo then uses ./data/demo.db) or name a file that does not exist yet; a demo district left half made can be deleted and started again.`,
    );
  // The sample feeds and pictures are this server's own, on this machine: the guard lets the server fetch from
  // its own address and port, known once it listens (so the scheduler starts after), and from nothing else on
  // this machine or its network.
  let ownOrigin: string[] = [];
  const runtime = await createNodeRuntime(demoConfig, { privateOrigins: () => ownOrigin });
  const server = await startServer(runtime, { extraRoutes: demoRoutes(), scheduler: false });
  ownOrigin = [new URL(server.url).origin];
  runtime.scheduler.start();
  const local = server.url.replace('127.0.0.1', 'localhost');
  const setUp = setUpDemo(runtime, server.url, firstRun);
  // Listened for at once, as `serve` does. A Ctrl-C during the set-up lets it finish first: a demo district
  // half made (sources added, the district not yet named) would stay half made on the next run, and closing
  // the database under the set-up would end it with an error rather than a stop.
  onStopSignal(async () => {
    console.log('Stopping…');
    // Stopped during the first set-up, the coordinator's password is said now: the next run cannot.
    const made = await setUp.catch(() => undefined);
    if (made?.password && !printed)
      console.log(`Sign in later as coordinator@lakeside.example with password ${made.password}`);
    await server.close();
    await runtime.close();
    process.exit(0);
  });
  let password: string | undefined;
  let printed = false;
  try {
    ({ password } = await setUp);
  } catch (error) {
    // Nothing to try in a half-made district: stopped, so the command's error is the last word.
    await server.close();
    await runtime.close();
    throw error;
  }

  console.log(`\nThe demo district is running at ${local}\n`);
  console.log(`  Public digest blog:  ${local}/`);
  console.log(`  Admin desk:          ${local}/admin`);
  printed = true;
  if (password) console.log(`  Sign in as coordinator@lakeside.example with password ${password}`);
  else
    console.log(
      `  Sign in as coordinator@lakeside.example with the password the first demo run printed (forgotten: stop the demo, delete ${demoConfig.databasePath} and run it again for a new demo district).`,
    );
  // On a later run yesterday may be published already (by the person trying it, the run before).
  const yesterday = addDays(localDateOf(runtime.deps.clock.now(), DEMO_TIMEZONE), -1);
  const published = (await findDigest(runtime.deps.db, yesterday))?.status === 'published';
  console.log(
    published
      ? `\nYesterday's digest is published: read it at ${local}/digests/${yesterday}, or correct it from the inbox.`
      : `\nYesterday's posts are waiting in the inbox: add a few to the digest, write an intro line and press Publish now.`,
  );
  // With SMTP_URL or Postmark set, the demo sends real email: the outbox folder stays empty.
  const sends = demoConfig.smtpUrl
    ? 'through SMTP_URL'
    : demoConfig.postmark
      ? 'through Postmark'
      : undefined;
  console.log(
    sends
      ? `Emails go out ${sends}. Stop with Ctrl+C.`
      : `Emails land in ${demoConfig.outboxDir} and under Outbox in the admin. Stop with Ctrl+C.`,
  );
}

/**
 * Whether the database file holds a district the demo made ('demo': sources, every one a sample feed of the
 * demo's), one with sources added since beside its feeds ('added-to'), or anything else ('not-demo').
 */
function demoDistrictOf(path: string): 'demo' | 'added-to' | 'not-demo' {
  let file: BetterSqlite3.Database | undefined;
  try {
    file = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
    const urls = file.prepare('select feed_url as url from sources').all() as { url: string }[];
    const demo = urls.filter(
      ({ url }) => URL.canParse(url) && new URL(url).pathname.startsWith('/demo/feeds/'),
    ).length;
    return demo === 0 ? 'not-demo' : demo === urls.length ? 'demo' : 'added-to';
  } catch {
    return 'not-demo'; // no sources table, or no database at all: nothing the demo made
  } finally {
    file?.close();
  }
}

/**
 * The demo district on its first run (its coordinator, settings, sources and subscribers), then on every run
 * its feeds read and the day before yesterday published. Answers the coordinator's password when one is made.
 */
async function setUpDemo(
  runtime: Awaited<ReturnType<typeof createNodeRuntime>>,
  serverUrl: string,
  firstRun: boolean,
): Promise<{ password: string | undefined }> {
  const { deps } = runtime;
  const now = deps.clock.now();
  let password: string | undefined;
  if ((await countUsers(deps.db)) === 0) {
    password = randomToken(9);
    await insertUser(
      deps.db,
      {
        email: 'coordinator@lakeside.example',
        name: 'Demo Coordinator',
        role: 'admin',
        passwordHash: await deps.passwords.hash(password),
      },
      now,
    );
  }
  if (firstRun) {
    await changeSetting(deps.db, 'district_name', DEMO_DISTRICT, now);
    await changeSetting(deps.db, 'timezone', DEMO_TIMEZONE, now);
    await changeSetting(deps.db, 'contact_email', 'digest@lakeside.example', now);
    for (const source of DEMO_SOURCES) {
      await addSource(
        deps.db,
        {
          url: `${serverUrl}/demo/feeds/${source.slug}`,
          school: source.school,
          authorizedBy: source.authorizedBy,
          mediaRelease: source.mediaRelease,
        },
        cliActor,
        now,
      );
    }
    for (const email of ['parent.one@example.org', 'parent.two@example.org']) {
      const subscriber = await upsertPendingSubscriber(
        deps.db,
        {
          email,
          nonce: randomToken(12),
          consent: { text: 'Demo subscriber', source: 'import', schools: [] },
          schoolIds: [],
        },
        now,
      );
      await confirmSubscriber(deps.db, subscriber.id, now);
    }
  }
  // Run again on another port or host, the sample feeds are at this run's address: the sources follow them
  // (the guard lets the server fetch only from its own address).
  const origin = new URL(serverUrl).origin;
  for (const source of await listSources(deps.db)) {
    const url = new URL(source.feedUrl);
    if (url.pathname.startsWith('/demo/feeds/') && url.origin !== origin)
      await moveSourceToUrl(deps.db, source.id, `${origin}${url.pathname}`, now);
  }
  await makeAllSourcesDue(deps.db, now);
  // The server's scheduler is already running: wait for its runs rather than starting parallel ones.
  await runtime.scheduler.runNow('poll');

  // Publish the day before yesterday, so the blog has a digest; leave yesterday in the inbox to try.
  const dayBefore = addDays(localDateOf(now, DEMO_TIMEZONE), -2);
  if ((await findDigest(deps.db, dayBefore))?.status !== 'published') {
    const { start, end } = dayRange(dayBefore, DEMO_TIMEZONE);
    const items = await listItemsPublishedBetween(deps.db, start, end);
    // Saved as the desk saves, so the pictures are copied (cleaned, sized, under /media/) as a coordinator's are.
    const coordinator = { ...cliActor, role: 'admin' as const, userId: null };
    await saveDesk(deskDepsOf(deps), coordinator, dayBefore, {
      title: '',
      intro: 'A quiet, busy day: markets, microscopes and more.',
      entries: items.map((item) => ({ itemId: item.id })),
    });
    await publishDesk(deskDepsOf(deps), coordinator, dayBefore);
    await runtime.scheduler.runNow('send');
  }

  return { password };
}
