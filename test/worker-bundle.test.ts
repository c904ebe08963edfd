// The Worker as wrangler bundles it for deployment: templates are compiled at build time, so neither the MJML
// compiler nor any Node-only module (better-sqlite3, nodemailer, undici) is in it, and it fits the platform's
// size limit (3 MiB compressed on the free plan) with room to spare.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';

it('bundles the Worker without the MJML compiler or Node-only modules', async () => {
  const out = mkdtempSync(join(tmpdir(), 'yesterday-worker-'));
  try {
    await promisify(execFile)(
      process.execPath,
      [resolve('node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', out],
      { env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' }, timeout: 120_000 },
    );
    const bundle = readFileSync(join(out, 'worker.js'), 'utf8');
    for (const forbidden of ['mjml-core', 'better-sqlite3', 'nodemailer', 'undici'])
      expect(bundle.includes(forbidden), forbidden).toBe(false);
    expect(bundle).toContain('What happened yesterday');
    expect(gzipSync(bundle).length).toBeLessThan(1024 * 1024);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 150_000);
