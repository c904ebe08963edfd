// The JSON API of the Worker under test, called as a program calls it: a new editor token, JSON in and out.
import { createExecutionContext, env } from 'cloudflare:test';
import { createApiToken } from '../../src/auth/api-tokens';
import { openD1 } from '../../src/db/d1';
import worker from '../../src/entry/worker';
import type { WorkerEnv } from '../../src/entry/worker-runtime';

export async function workerApi(name: string, workerEnv = env as unknown as WorkerEnv) {
  const { token } = await createApiToken(
    openD1(env.DB),
    { name, role: 'editor' },
    { type: 'system', label: 'test' },
    Date.now(),
  );
  return (path: string, method: string, body?: unknown) =>
    worker.fetch(
      new Request(`http://yesterday.test/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
      workerEnv,
      createExecutionContext(),
    );
}
