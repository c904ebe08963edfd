// The Worker as wrangler bundles it for deployment: templates are compiled at build time, so neither the MJML
// compiler nor any Node-only module (better-sqlite3, nodemailer, undici) is in it, and it fits the platform's
// size limit with room to spare; and that bundle starts in workerd. The upload is the script and the picture
// codecs' WebAssembly modules beside it: 1.5 MiB compressed is half the free plan's 3 MiB and a seventh of the
// paid plan's 10 MiB (the codecs add about 0.4 MiB; docs/decisions/008-pictures.md).
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { Miniflare } from 'miniflare';
import { expect, it } from 'vitest';
import { applyDrizzleMigrations, type D1Runner } from './d1-migrations';

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
    const uploaded = readdirSync(out).filter((name) => name === 'worker.js' || name.endsWith('.wasm'));
    expect(uploaded.filter((name) => name.endsWith('.wasm'))).toHaveLength(5);
    const compressed = uploaded.reduce(
      (sum, name) => sum + gzipSync(readFileSync(join(out, name))).length,
      0,
    );
    expect(compressed).toBeLessThan(1.5 * 1024 * 1024);

    // The bundle starts in workerd as deployed (a named export other than a handler would stop it there).
    const mf = new Miniflare({
      modules: true,
      scriptPath: join(out, 'worker.js'),
      modulesRoot: out,
      modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
      compatibilityDate: '2026-04-01',
      compatibilityFlags: ['nodejs_compat'],
      d1Databases: { DB: 'bundle-test' },
      queueProducers: { JOBS: 'yesterday-jobs' },
      bindings: { PUBLIC_URL: 'https://digest.district.example', POSTMARK_SERVER_TOKEN: 'unused' },
    });
    try {
      await applyDrizzleMigrations((await mf.getD1Database('DB')) as unknown as D1Runner);
      const health = await mf.dispatchFetch('https://digest.district.example/healthz');
      expect(health.status).toBe(200);
      expect(await health.text()).toContain('ok');
    } finally {
      await mf.dispose();
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 150_000);
