// Picture benchmark: what a coordinator waits for when choosing a phone photo, and what the server holds
// meanwhile. A 12-megapixel JPEG (4000 × 3000, photographic grain, EXIF with GPS and orientation 6) made into
// every size Yesterday keeps (createSharpPictureMaker: header check, hash, upright, 640 and 1280 WebP and JPEG,
// the email JPEG under 200 KB), against sharp alone writing the same five sizes with the same settings from
// the same bytes, nothing checked or hashed. Runs alternate, each in a new process so peak memory is its own.
// Run: npx tsx bench/media.ts [runs]
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { median } from './median';
import { sharpAlone, twelveMegapixels } from './photo-12mp';

const RUNS = Number(process.argv[2] ?? 5);
const mode = process.argv[2] === '--one' ? process.argv[3] : undefined;

async function yesterday(bytes: Buffer): Promise<number> {
  const { createSharpPictureMaker } = await import('../src/pictures/make-picture-sharp');
  const made = await createSharpPictureMaker().make(bytes);
  if ('error' in made) throw new Error(made.error);
  return made.files.length;
}

if (mode) {
  // One measured run in this process: the picture's bytes come from the file the parent wrote.
  const bytes = readFileSync(process.argv[4]!);
  sharp.concurrency(0);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  const files = mode === 'baseline' ? await sharpAlone(bytes) : await yesterday(bytes);
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(JSON.stringify({ ms, peakMb: peak / 1048576, files }));
} else {
  const dir = mkdtempSync(join(tmpdir(), 'yesterday-media-'));
  const file = join(dir, 'photo.jpg');
  const bytes = await twelveMegapixels();
  writeFileSync(file, bytes);
  const one = (which: string) =>
    JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--one', which, file], {
        encoding: 'utf8',
      }).trim(),
    ) as { ms: number; peakMb: number; files: number };
  const runs: { base: ReturnType<typeof one>; ours: ReturnType<typeof one> }[] = [];
  for (let n = 0; n < RUNS; n++) runs.push({ base: one('baseline'), ours: one('yesterday') });
  rmSync(dir, { recursive: true, force: true });
  console.log(
    `a 12-megapixel JPEG of ${(bytes.length / 1048576).toFixed(1)} MiB into five sizes; ${RUNS} runs, alternating`,
  );
  console.log('run   sharp alone ms  peak MB   Yesterday ms  peak MB   time ratio');
  runs.forEach(({ base, ours }, n) =>
    console.log(
      `${String(n + 1).padEnd(5)} ${base.ms.toFixed(0).padStart(14)} ${base.peakMb.toFixed(0).padStart(8)} ${ours.ms.toFixed(0).padStart(14)} ${ours.peakMb.toFixed(0).padStart(8)} ${(ours.ms / base.ms).toFixed(2).padStart(12)}`,
    ),
  );
  const ratio = median(runs.map((r) => r.ours.ms / r.base.ms));
  console.log(
    `median: Yesterday ${median(runs.map((r) => r.ours.ms)).toFixed(0)} ms, sharp alone ${median(runs.map((r) => r.base.ms)).toFixed(0)} ms, ratio ${ratio.toFixed(2)}; peak memory ${Math.max(...runs.map((r) => r.ours.peakMb)).toFixed(0)} MB against ${Math.max(...runs.map((r) => r.base.peakMb)).toFixed(0)} MB`,
  );
}
