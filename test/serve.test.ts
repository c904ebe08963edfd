// `npm start` and `npm run demo` as a newcomer runs them: real processes, real ports, real files.
import { spawn, type ChildProcess } from 'node:child_process';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from './test-app';

const BIN = resolve(import.meta.dirname, '../bin/yesterday.mjs');

interface Started {
  child: ChildProcess;
  output: () => string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  stop(): Promise<number | null>;
}

function start(command: string, env: Record<string, string>): Started {
  const child = spawn(process.execPath, [BIN, command], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return {
    child,
    output: () => output,
    waitFor(pattern, timeoutMs = 45_000) {
      return new Promise((resolvePromise, reject) => {
        const started = Date.now();
        const check = () => {
          const match = pattern.exec(output);
          if (match) return resolvePromise(match);
          if (child.exitCode !== null) return reject(new Error(`exited with ${child.exitCode}: ${output}`));
          if (Date.now() - started > timeoutMs)
            return reject(new Error(`timed out waiting for ${pattern}: ${output}`));
          setTimeout(check, 100);
        };
        check();
      });
    },
    stop() {
      return new Promise((resolvePromise) => {
        if (child.exitCode !== null) return resolvePromise(child.exitCode);
        child.once('exit', (code) => resolvePromise(code));
        child.kill('SIGTERM');
      });
    },
  };
}

/** A GET with exactly these headers (fetch would add Accept-Encoding and decompress on its own). */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>(
    (resolvePromise, reject) => {
      httpGet(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolvePromise({
            status: response.statusCode!,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      }).on('error', reject);
    },
  );
}

describe('starting Yesterday', () => {
  const cleanups: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'yesterday-serve-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  };

  it('serve migrates a new database, prints the URL and a one-time setup link, and stops cleanly', async () => {
    const dir = tempDir();
    const port = await freePort();
    const server = start('serve', {
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_PATH: join(dir, 'data/yesterday.db'),
      OUTBOX_DIR: join(dir, 'outbox'),
    });
    cleanups.push(() => server.stop());
    await server.waitFor(new RegExp(`Yesterday is running at http://127\\.0\\.0\\.1:${port}`));
    const [link] = await server.waitFor(/http:\/\/127\.0\.0\.1:\d+\/setup\?token=[\w-]+/);
    expect(server.output()).toContain('No SMTP_URL is set: emails are written to');
    const page = await fetch(link!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Create the first administrator');
    expect(readdirSync(join(dir, 'data'))).toContain('yesterday.db');
    expect(await server.stop()).toBe(0);
  });

  it('demo serves its own feeds, publishes a sample digest and writes its emails to the outbox', async () => {
    const dir = tempDir();
    const port = await freePort();
    const demo = start('demo', {
      PORT: String(port),
      DATABASE_PATH: join(dir, 'demo.db'),
      OUTBOX_DIR: join(dir, 'outbox'),
    });
    cleanups.push(() => demo.stop());
    await demo.waitFor(/The demo district is running/);
    const [, password] = await demo.waitFor(/Sign in as coordinator@lakeside\.example with password (\S+)/);
    expect(password).toBeTruthy();
    const home = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    expect(home).toContain('Lakeside Unified School District');
    expect(home).toContain('Counting by fives at the market');
    expect(readdirSync(join(dir, 'outbox')).filter((f) => f.endsWith('.eml'))).toHaveLength(2);

    // Public pages and feeds go compressed to clients that accept it, from memory after the first request.
    for (const path of ['/', '/feed.xml']) {
      const plain = await rawGet(`http://127.0.0.1:${port}${path}`, {});
      expect(plain.headers['content-encoding']).toBeUndefined();
      for (let n = 0; n < 2; n++) {
        const zipped = await rawGet(`http://127.0.0.1:${port}${path}`, { 'accept-encoding': 'gzip, br' });
        expect(zipped.status).toBe(200);
        expect(zipped.headers['content-encoding']).toBe('gzip');
        expect(zipped.headers.vary).toContain('Accept-Encoding');
        expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
        expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
        const again = await rawGet(`http://127.0.0.1:${port}${path}`, {
          'accept-encoding': 'gzip',
          'if-none-match': zipped.headers.etag!,
        });
        expect(again.status).toBe(304);
      }
    }
    expect(await demo.stop()).toBe(0);
  });
});
