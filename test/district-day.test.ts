// The shared district-day scenarios (test/scenarios/district-day.ts) on Node: better-sqlite3, a real SMTP
// server, a feed on 127.0.0.1, and the jobs the in-process scheduler runs. test/workers/ runs the same list
// in workerd against D1, cron and the queue.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { runPollJob, runSendJob } from '../src/jobs/jobs';
import { runPublishJob } from '../src/publish/publish-job';
import { districtDay, type Harness, type ScenarioState } from './scenarios/district-day';
import { scenarioFeed } from './scenarios/local-feed';
import { startTestServer, type TestServer } from './http-server';
import { startSmtpSink, type SmtpSink } from './smtp-sink';
import { testClock } from './clock';
import { startTestApp, testPasswords, type TestApp } from './test-app';

describe('a district day on Node', () => {
  let app: TestApp;
  let smtp: SmtpSink;
  let feeds: TestServer;
  let harness: Harness;
  const state: ScenarioState = { cookies: new Map() };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    feeds = await startTestServer();
    feeds.route('/feed.xml', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(scenarioFeed());
    });
    app = await startTestApp({ env: { SMTP_URL: smtp.url }, clock: testClock(Date.now()) });
    const deps = app.runtime.deps;
    harness = {
      runtime: 'node',
      fetch: (path, init) => fetch(`${app.url}${path}`, init),
      db: deps.db,
      publicUrl: app.url,
      passwords: testPasswords,
      feedUrl: `${feeds.url}/feed.xml`,
      async runScheduled() {
        await runPollJob(deps);
        await runPublishJob(deps);
        await runSendJob(deps);
      },
      async sendQueuedMail() {
        await runSendJob(deps);
      },
      sentEmails: async () =>
        smtp.received.map((m) => ({
          to: m.envelopeTo[0]!,
          subject: m.parsed.subject ?? '',
          text: m.parsed.text ?? '',
          headers: Object.fromEntries(
            m.parsed.headerLines.map((h) => [h.key, h.line.slice(h.line.indexOf(':') + 1).trim()]),
          ),
        })),
    };
  });
  afterAll(async () => {
    await app.close();
    await feeds.close();
    await smtp.close();
  });

  for (const scenario of districtDay) it(scenario.name, () => scenario.run(harness, state));
});
