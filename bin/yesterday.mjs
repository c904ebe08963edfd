#!/usr/bin/env node
// The `yesterday` command: runs the compiled command line in dist/, which `npm ci` builds (`npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { staleBuild } from './built-with.mjs';

const cli = new URL('../dist/cli.mjs', import.meta.url);
if (!existsSync(cli)) {
  console.error(
    'yesterday: the program is not built yet (dist/cli.mjs is missing). Run `npm ci`, or `npm run build` after changing the code.',
  );
  process.exit(2);
}
const stale = staleBuild(fileURLToPath(new URL('..', import.meta.url)));
if (stale) {
  console.error(stale);
  process.exit(2);
}
try {
  await import(cli.href);
} catch (error) {
  // A package missing (an update without `npm ci`, or one that stopped half-way): a sentence, not a stack trace.
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' && error?.code !== 'MODULE_NOT_FOUND') throw error;
  const missing = /Cannot find (?:package|module) '([^']+)'/.exec(String(error.message))?.[1] ?? 'a package';
  console.error(
    `yesterday: ${missing} is not installed, so it cannot start. Run \`npm ci\` in this folder (after every update), then start again.`,
  );
  process.exit(2);
}
