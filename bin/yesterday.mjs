#!/usr/bin/env node
// The `yesterday` command: runs the compiled command line in dist/, which `npm ci` builds (`npm run build`).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.mjs', import.meta.url);
if (!existsSync(cli)) {
  console.error(
    'yesterday: the program is not built yet (dist/cli.mjs is missing). Run `npm ci`, or `npm run build` after changing the code.',
  );
  process.exit(2);
}
await import(cli.href);
