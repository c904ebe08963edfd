// A whole Yesterday instance for tests: real SQLite file migrated from drizzle/, real HTTP server on
// 127.0.0.1, real mail (an outbox folder, or SMTP to a sink), a settable clock and a cheaper scrypt cost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createScryptHasher } from '../src/auth/scrypt-hasher';
import type { DeskActor } from '../src/curate/desk';
import { parseConfig, type Config } from '../src/config';
import { createNodeRuntime, type NodeRuntime } from '../src/entry/node';
import { startServer, type RequestLimits, type RunningServer } from '../src/entry/node-server';
import { runSendJob } from '../src/jobs/jobs';
import { createLogger } from '../src/log';
import { insertUser, type Role } from '../src/db/users';
import { createClient, type Client } from './browser-client';
import { testClock, type TestClock } from './clock';

/** Real scrypt, at a cost low enough for tests (production uses OWASP's N=2^17). */
export const testPasswords = createScryptHasher({ N: 2 ** 12, r: 8, p: 1 });

export interface TestApp {
  runtime: NodeRuntime;
  server: RunningServer;
  url: string;
  config: Config;
  clock: TestClock;
  dir: string;
  logs: string[];
  client(): Client;
  /**
   * What the background sender does after a request queues email (with the scheduler off, tests call it):
   * sends every due confirmation, password link and digest email.
   */
  sendQueuedMail(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestApp(
  options: {
    clock?: TestClock;
    env?: Record<string, string>;
    scheduler?: boolean;
    processWorkers?: number;
    requestLimits?: RequestLimits;
  } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'yesterday-app-'));
  const port = await freePort();
  const config = parseConfig({
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_PATH: join(dir, 'yesterday.db'),
    OUTBOX_DIR: join(dir, 'outbox'),
    FETCH_ALLOW_PRIVATE_NETWORKS: 'true',
    ...options.env,
  });
  const clock = options.clock ?? testClock('2026-11-21T15:00:00Z');
  const logs: string[] = [];
  const runtime = await createNodeRuntime(config, {
    clock,
    passwords: testPasswords,
    log: createLogger('info', (line) => logs.push(line)),
    processWorkers: options.processWorkers ?? 0,
  });
  const server = await startServer(runtime, {
    scheduler: options.scheduler ?? false,
    requestLimits: options.requestLimits,
  });
  return {
    runtime,
    server,
    url: server.url,
    config: runtime.deps.config,
    clock,
    dir,
    logs,
    client: () => createClient(server.url),
    async sendQueuedMail() {
      await runSendJob(runtime.deps);
    },
    async close() {
      await server.close();
      await runtime.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A port that was free a moment ago, so PUBLIC_URL can name it before the server starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export const TEST_PASSWORD = 'correct horse battery';

/** A user with the test password, created through storage (as `user:create` plus set-password would). */
export async function addUser(app: TestApp, email: string, role: Role = 'admin') {
  return insertUser(
    app.runtime.deps.db,
    { email, name: email.split('@')[0]!, role, passwordHash: await testPasswords.hash(TEST_PASSWORD) },
    app.clock.now(),
  );
}

/** A person acting at the desk as their account is: their role, and the label the audit log gives them. */
export function deskActorFor(user: { id: number; email: string; role: Role }): DeskActor {
  return { type: 'user', id: user.id, userId: user.id, label: user.email.split('@')[0]!, role: user.role };
}

/** An HTTP client signed in as a new user of this role. */
export async function signedInClient(
  app: TestApp,
  email = 'dana@district.example',
  role: Role = 'admin',
): Promise<Client> {
  await addUser(app, email, role);
  const client = createClient(app.url);
  const response = await client.post('/admin/login', {
    _csrf: await client.csrf('/admin/login'),
    email,
    password: TEST_PASSWORD,
  });
  if (response.status !== 303) throw new Error(`signing in as ${email} failed with ${response.status}`);
  return client;
}

/**
 * Publish now from the desk as a person does it: the desk's form, then the confirmation page's button (which
 * sends the same form back with confirmed=yes and the version the page showed). A refusal of the first step
 * (a finding, a conflict) is answered as it came.
 */
export async function publishFromDesk(
  client: Client,
  date: string,
  form: Record<string, string | string[]>,
): Promise<Response> {
  const first = await client.post(`/admin/inbox/${date}/publish`, form);
  if (first.status !== 200) return first;
  const page = await first.text();
  const version = /name="version" value="(\d+)"/.exec(page)?.[1];
  if (!page.includes('name="confirmed" value="yes"') || !version)
    throw new Error(`Publish now did not ask to confirm: ${page.slice(0, 300)}`);
  return client.post(`/admin/inbox/${date}/publish`, { ...form, confirmed: 'yes', version });
}
