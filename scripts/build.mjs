// `npm run build` (and `npm ci`, through `prepare`): bundles the Node entries into dist/ with esbuild, so
// production runs compiled JavaScript: two entries beside each other, the command line and the
// feed-processing thread, with chunks that commands load when they need them. Both sit one folder below the
// project root, as src/*.ts does, so paths made from import.meta.url (the migrations in drizzle/) are the
// same in either. The Workers build is wrangler's, from src/entry/worker.ts.
// bench/ingest.ts builds its own run the same way, beside a processing thread of its own:
// `node scripts/build.mjs --outdir .bench-build --entry ingest-run=bench/ingest-run.ts`.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { esbuildPlugin as honoJsxWithoutStorage } from './hono-jsx-without-storage.mjs';
import { stampBuild } from '../bin/built-with.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    outdir: { type: 'string', default: 'dist' },
    entry: { type: 'string', multiple: true, default: [] },
  },
});
// The folder is emptied first, so only the two the project ignores may be named (and both sit one level down).
if (!['dist', '.bench-build'].includes(args.outdir))
  throw new Error(`--outdir must be dist or .bench-build, not ${JSON.stringify(args.outdir)}.`);
const outdir = join(root, args.outdir);
const extraEntries = Object.fromEntries(
  args.entry.map((entry) => {
    const [name, path] = entry.split('=');
    if (!name || !path || ['cli', 'process-worker'].includes(name))
      throw new Error(
        `--entry takes NAME=PATH with a name of its own (not cli or process-worker), not ${JSON.stringify(entry)}.`,
      );
    return [name, path];
  }),
);

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: {
    cli: 'src/entry/cli.ts',
    'process-worker': 'src/ingest/process-worker-node.ts',
    ...extraEntries,
  },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // What only some commands need is loaded when used, from chunks of its own.
  splitting: true,
  // Chunks sit beside the entries, one folder below the project root like src/*.ts (see src/project-root.ts).
  chunkNames: '[name]-[hash]',
  // Packages are bundled too: a command answers in about two thirds of the time it takes when Node's loader
  // resolves and reads each package's files (the ESM-to-CommonJS bridge alone cost 60–100 ms of CPU for one
  // small package), measured on `yesterday settings:get` (bench/footprint.ts). Left out: better-sqlite3 (a
  // native addon), sharp (one too), piscina (it starts threads from its own files) and wrangler (run as its own program).
  external: ['better-sqlite3', 'piscina', 'sharp', 'wrangler'],
  // Bundled CommonJS packages call require() for Node's own modules.
  banner: {
    js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);",
  },
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: 'linked',
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
  logLevel: 'warning',
  legalComments: 'none',
  // hono/jsx without its AsyncLocalStorage, which costs every request async hooks on Node 20 and 22.
  plugins: [honoJsxWithoutStorage],
});
// What it was built with, which the `yesterday` command compares with drizzle/ (bin/built-with.mjs).
stampBuild(root, outdir);
