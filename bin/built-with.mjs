// Whether the compiled program in dist/ was built from the database migrations this folder holds. After an
// update that was not followed by `npm ci` (which rebuilds), dist/ is the program from before it: run, it would
// apply the new migrations (read from drizzle/) and then serve the new database with the old code, which does
// not know it. `npm run build` writes what it was built with; the `yesterday` command compares.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const STAMP = 'built-with.json';

/** The newest migration in `root`'s drizzle/ folder, by its tag ("0033_name-lists-folded"). */
function newestMigration(root) {
  const journal = JSON.parse(readFileSync(join(root, 'drizzle', 'meta', '_journal.json'), 'utf8'));
  return journal.entries.at(-1)?.tag ?? '';
}

/** Written by the build into `outdir`: the newest migration the program was built beside. */
export function stampBuild(root, outdir) {
  writeFileSync(join(outdir, STAMP), `${JSON.stringify({ newestMigration: newestMigration(root) })}\n`);
}

/**
 * A sentence saying what to do when dist/ was built before the migrations in drizzle/ changed; undefined when
 * they match, when the build left no stamp (a build from before the stamp, which `npm ci` replaces too), or when
 * drizzle/ cannot be read.
 */
export function staleBuild(root) {
  let built;
  let here;
  try {
    built = JSON.parse(readFileSync(join(root, 'dist', STAMP), 'utf8')).newestMigration;
    here = newestMigration(root);
  } catch {
    // No stamp, or no readable list of migrations: nothing to compare, and the program's own start says what
    // is missing (migrating names the folder it cannot read).
    return undefined;
  }
  if (built === here) return undefined;
  return `yesterday: the program in dist/ was built before the last update (it knows the database up to migration ${built}; this folder has ${here}), and would change the database without knowing it. Run \`npm ci\` here (it installs and builds), then start again.`;
}
