// `npm run build` (and `npm ci`, through `prepare`): bundles the Node entries into dist/ with esbuild, so
// production runs compiled JavaScript: two entries beside each other, the command line and the
// feed-processing thread, with chunks that commands load when they need them. Both sit one folder below the
// project root, as src/*.ts does, so paths made from import.meta.url (the migrations in drizzle/) are the
// same in either. The Workers build is wrangler's, from src/entry/worker.ts.
// bench/ingest.ts builds its own run the same way, beside a processing thread of its own:
// `node scripts/build.mjs --outdir .bench-build --entry ingest-run=bench/ingest-run.ts`.
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    outdir: { type: 'string', default: 'dist' },
    entry: { type: 'string', multiple: true, default: [] },
  },
});
const outdir = join(root, args.outdir);
const extraEntries = Object.fromEntries(args.entry.map((entry) => entry.split('=')));

/**
 * hono/jsx renders inside an AsyncLocalStorage where the runtime has one, so that an async component reading
 * a context after an `await` still finds its value. Yesterday has no async components: every page is
 * rendered in one synchronous pass from data read before. On Node 20 and 22 the storage's first `run()`
 * turns on async hooks for the whole process for good, so after the first page every request pays them,
 * answers from the public cache included: about a sixth of the requests a server answers per CPU-second
 * (decision 007). Built for Node, hono/jsx finds no storage and renders as it does on runtimes without one,
 * which hono supports and documents (synchronous components are unaffected). Workers keep it: wrangler
 * builds from source, and workerd's storage costs no hooks. The build stops, saying so, if a new hono no
 * longer reads as expected.
 */
const honoJsxWithoutAsyncHooks = {
  name: 'hono-jsx-without-async-hooks',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]hono[\\/]dist[\\/]jsx[\\/]context\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const loader = 'const loadAsyncLocalStorage = () => {';
      if (source.split(loader).length !== 2)
        throw new Error(
          `${args.path} no longer has the one "${loader}" this build replaces. See what this version of hono does with AsyncLocalStorage, then change or remove honoJsxWithoutAsyncHooks in scripts/build.mjs.`,
        );
      return {
        contents: source.replace(
          loader,
          'const loadAsyncLocalStorage = () => undefined;\nconst asShipped = () => {',
        ),
        loader: 'js',
      };
    });
  },
};

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
  plugins: [honoJsxWithoutAsyncHooks],
});
