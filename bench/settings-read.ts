// Settings read: every page render, the favicon, brand.css and the district's own 404 page read the district's
// settings. A district that uploaded both logos (up to 500 KB each, kept as data: addresses) should pay nothing
// for them there: the logos' bodies are read only where /logo serves them. Measured in the same run against the
// same read on a database without logos (the baseline); the ratio should stay near 1.
// Run: npx tsx bench/settings-read.ts [reads]
import { writeSetting } from '../src/db/settings';
import { readDistrictSettings } from '../src/settings/district-settings';
import { createTestDatabase } from '../test/database';
import { median } from './median';

const READS = Number(process.argv[2] ?? 2000);
const ROUNDS = 5;

/** Microseconds per read, the median of ROUNDS rounds after a warm-up. */
async function perRead(db: ReturnType<typeof createTestDatabase>['database']): Promise<number> {
  for (let i = 0; i < 200; i++) await readDistrictSettings(db);
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    for (let i = 0; i < READS; i++) await readDistrictSettings(db);
    rounds.push(((performance.now() - started) * 1000) / READS);
  }
  return median(rounds);
}

const plain = createTestDatabase().database;
const withLogos = createTestDatabase().database;
// Two logos at the upload limit, as the settings page stores them (base64 of 500 KB: about 680 KB each).
const logo = `data:image/png;base64,${'A'.repeat(Math.ceil((500 * 1024 * 4) / 3))}`;
await writeSetting(withLogos, 'logo', logo, 1);
await writeSetting(withLogos, 'logo_dark', logo, 1);

const baseline = await perRead(plain);
const logos = await perRead(withLogos);
console.log(`readDistrictSettings, median of ${ROUNDS} rounds of ${READS} reads`);
console.log(`  no logos (baseline):      ${baseline.toFixed(0).padStart(6)} µs a read`);
console.log(`  two 500 KB logos stored:  ${logos.toFixed(0).padStart(6)} µs a read`);
console.log(`  ratio ${(logos / baseline).toFixed(2)}× (the logos' bodies are not read here: near 1)`);
