// `npm run build` (and `npm ci`, through `prepare`): bundles the Node entries into dist/ with esbuild, so
// production runs compiled JavaScript. Packages stay external (node_modules is read as installed); our own
// TypeScript is bundled into two files beside each other, the command line and the feed-processing worker.
// Both sit one folder below the project root, as src/*.ts does, so paths made from import.meta.url (the
// migrations in drizzle/) are the same in either. The Workers build is wrangler's, from src/entry/worker.ts.
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist');

/**
 * ipaddr.js is bundled rather than imported: Node's ESM loader takes 60–100 ms of CPU to import that one
 * CommonJS file (measured on `yesterday settings:get`, 30 runs each way), and every command loads the
 * address guard.
 */
const bundleIpaddr = {
  name: 'bundle-ipaddr',
  setup(plugin) {
    const require = createRequire(import.meta.url);
    plugin.onResolve({ filter: /^ipaddr\.js$/ }, () => ({ path: require.resolve('ipaddr.js') }));
  },
};

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: {
    cli: 'src/entry/cli.ts',
    'process-worker': 'src/ingest/process-worker-node.ts',
  },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // What only some commands need is loaded when used, from chunks of its own.
  splitting: true,
  // Chunks sit beside the entries, one folder below the project root like src/*.ts (see src/project-root.ts).
  chunkNames: '[name]-[hash]',
  packages: 'external',
  plugins: [bundleIpaddr],
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: 'linked',
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
  logLevel: 'warning',
  legalComments: 'none',
});
