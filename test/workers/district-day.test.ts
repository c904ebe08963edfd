// The shared district-day scenarios (test/scenarios/district-day.ts) in workerd: the real Worker from
// wrangler.toml over a local D1 with the drizzle/ migrations, its cron handler, its queue and consumer, and a
// stand-in for Postmark's HTTP API. test/district-day.test.ts runs the same list on Node.
import {
  createExecutionContext,
  createScheduledController,
  env,
  SELF,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { describe, it } from 'vitest';
import { createPbkdf2Hasher } from '../../src/auth/pbkdf2-hasher';
import { openD1 } from '../../src/db/d1';
import worker from '../../src/entry/worker';
import type { WorkerEnv } from '../../src/entry/worker-runtime';
import { districtDay, type Harness, type ScenarioState } from '../scenarios/district-day';
import type { ReceivedApiEmail } from './postmark-stand-in';

const ORIGIN = 'http://yesterday.test';

export const workerdHarness: Harness = {
  runtime: 'workerd',
  fetch: (path, init) => SELF.fetch(`${ORIGIN}${path}`, init as RequestInit<CfProperties>),
  db: openD1(env.DB),
  publicUrl: ORIGIN,
  passwords: createPbkdf2Hasher(),
  feedUrl: env.TEST_FEED_URL,
  async runScheduled() {
    const ctx = createExecutionContext();
    await worker.scheduled(
      createScheduledController({ cron: '* * * * *', scheduledTime: Date.now() }),
      env as unknown as WorkerEnv,
      ctx,
    );
    await waitOnExecutionContext(ctx);
  },
  // The request woke the senders itself (a queue message); the scenario waits for the email to arrive.
  async sendQueuedMail() {},
  async sentEmails() {
    const received = (await (await fetch(`${env.POSTMARK_API_URL}/__received`)).json()) as ReceivedApiEmail[];
    return received.map((m) => ({
      to: m.To,
      subject: m.Subject,
      text: m.TextBody,
      headers: Object.fromEntries(m.Headers.map((h) => [h.Name.toLowerCase(), h.Value])),
    }));
  },
};

describe('a district day on Workers', () => {
  const state: ScenarioState = { cookies: new Map() };
  for (const scenario of districtDay) it(scenario.name, () => scenario.run(workerdHarness, state));
});
