// Picture benchmark on Workers without the Images binding: the same 12-megapixel phone JPEG as bench/media.ts
// (and an 8-megapixel one, the Workers limit) made into every size in workerd by the WebAssembly path
// (make-picture-wasm.ts), timed from outside around each request; against sharp alone writing the same five
// sizes from the same bytes in this process, the server's baseline, in the same run. Each picture is made
// RUNS times in one isolate after a first, unmeasured one (the codecs' first instantiation). The time inside
// workerd is CPU time: the request does no I/O while the picture is made.
// Run: npx tsx bench/media-workers.ts [runs]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import sharp from 'sharp';
import { median } from './median';
import { sharpAlone, twelveMegapixels } from './photo-12mp';

const RUNS = Number(process.argv[2] ?? 5);

const out = mkdtempSync(join(tmpdir(), 'yesterday-media-workers-'));
await build({
  entryPoints: [join(import.meta.dirname, 'media-workers-entry.ts')],
  outdir: out,
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  conditions: ['workerd', 'worker', 'browser'],
  mainFields: ['module', 'main'],
  loader: { '.wasm': 'copy' },
  logLevel: 'error',
});
const mf = new Miniflare({
  modules: true,
  scriptPath: join(out, 'media-workers-entry.js'),
  modulesRoot: out,
  modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
  compatibilityDate: '2026-04-01',
  compatibilityFlags: ['nodejs_compat'],
});

const photos = [
  { label: '12 MP (4000 × 3000)', bytes: await twelveMegapixels() },
  { label: '8 MP (3264 × 2448)', bytes: await twelveMegapixels(3264, 2448) },
];
try {
  for (const { label, bytes } of photos) {
    const inWorkerd = async () => {
      const started = performance.now();
      const response = await mf.dispatchFetch('http://bench.test/', { method: 'POST', body: bytes });
      const files = (await response.json()) as unknown[];
      if (files.length !== 5) throw new Error(`media-workers: ${files.length} files`);
      return performance.now() - started;
    };
    const withSharp = async () => {
      const started = performance.now();
      await sharpAlone(bytes);
      return performance.now() - started;
    };
    await inWorkerd();
    await withSharp();
    const runs: { workerd: number; sharp: number }[] = [];
    for (let n = 0; n < RUNS; n++) runs.push({ workerd: await inWorkerd(), sharp: await withSharp() });
    const ms = (key: 'workerd' | 'sharp') => median(runs.map((r) => r[key]));
    console.log(
      `${label}, ${(bytes.length / 1048576).toFixed(1)} MiB: workerd (WebAssembly) median ${ms('workerd').toFixed(0)} ms, sharp alone ${ms('sharp').toFixed(0)} ms, ratio ${median(runs.map((r) => r.workerd / r.sharp)).toFixed(1)} (${RUNS} runs: ${runs.map((r) => r.workerd.toFixed(0)).join(', ')} ms)`,
    );
  }
} finally {
  await mf.dispose();
  rmSync(out, { recursive: true, force: true });
  sharp.cache(false);
}
