// Shared by the social tests: the command line against a test app, connecting the three stand-in accounts,
// and a digest published for a day.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { deskDepsOf, publishDesk, saveDesk, type DeskActor } from '../src/curate/desk';
import { findDigest } from '../src/db/digests';
import { listItemsPublishedBetween } from '../src/db/items';
import { dayRange } from '../src/time/zoned-time';
import { addSchoolWithSource, item, storeItems } from './fixtures';
import {
  BLUESKY_HANDLE,
  BLUESKY_PASSWORD,
  FACEBOOK_PAGE_ID,
  FACEBOOK_TOKEN,
  MASTODON_TOKEN,
  type Recorded,
  type SocialStandIns,
} from './social-stand-ins';
import type { TestApp } from './test-app';

const BIN = resolve(import.meta.dirname, '../bin/yesterday.mjs');
export const SOCIAL_KEY = Buffer.alloc(32, 7).toString('base64');
const ZONE = 'America/Chicago';

/** Runs the real command line against the test app's database. */
export function cli(app: TestApp, args: string[], input = '', env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: {
      PATH: process.env.PATH,
      DATABASE_PATH: app.config.databasePath,
      OUTBOX_DIR: app.config.outboxDir,
      PUBLIC_URL: app.config.publicUrl,
      SOCIAL_SECRET_KEY: SOCIAL_KEY,
      FETCH_ALLOW_PRIVATE_NETWORKS: 'true',
      LOG_LEVEL: 'silent',
      ...env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdin.end(input);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal, output })),
  );
  return { child, exited };
}

export async function connectAll(app: TestApp, stand: SocialStandIns) {
  for (const [args, secret] of [
    [['mastodon', '--instance', stand.mastodonUrl], MASTODON_TOKEN],
    [['bluesky', '--service', stand.pdsUrl, '--handle', BLUESKY_HANDLE], BLUESKY_PASSWORD],
    [['facebook', '--page-id', FACEBOOK_PAGE_ID, '--api', stand.graphUrl], FACEBOOK_TOKEN],
  ] as const) {
    const run = await cli(app, ['social:connect', ...args], `${secret}\n`).exited;
    expect(run.code, run.output).toBe(0);
  }
  // The command line connected them on the real clock; the app's clock moves on from there.
  app.clock.set(Date.now() + 1000);
}

/** Publishes (or only saves) a digest for `date` with one post from each of two schools (the first with a picture). */
export async function publishDay(
  app: TestApp,
  editor: DeskActor,
  date: string,
  picture?: string,
  intro = '',
  options = { publish: true },
) {
  const db = app.runtime.deps.db;
  const noon = dayRange(date, ZONE).start + 12 * 3600_000;
  const lincoln = await addSchoolWithSource(db, 'Lincoln Elementary', `https://lincoln.example/${date}`);
  const adams = await addSchoolWithSource(db, 'Adams High', `https://adams.example/${date}`);
  await storeItems(db, lincoln.source.id, [
    item({
      guid: `robots-${date}`,
      title: 'Robotics club builds a rover',
      publishedAt: noon,
      imageUrl: picture ?? null,
      imageAlt: picture ? 'A small rover on a gym floor' : null,
    }),
  ]);
  await storeItems(db, adams.source.id, [
    item({ guid: `beans-${date}`, title: 'Bean plants sprout', publishedAt: noon + 60_000 }),
  ]);
  const items = await listItemsPublishedBetween(db, noon - 3600_000, noon + 3600_000);
  const desk = deskDepsOf(app.runtime.deps);
  await saveDesk(desk, editor, date, { intro, entries: items.map((i) => ({ itemId: i.id })) });
  if (options.publish) await publishDesk(desk, editor, date);
  return (await findDigest(db, date))!;
}

export const only = (requests: Recorded[], method: string, path: string | RegExp) =>
  requests.filter(
    (r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
  );
