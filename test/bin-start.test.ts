// The `yesterday` command before it starts the program: a build older than the folder's migrations, or a
// package that is not installed, is a sentence saying to run `npm ci`, never a stack trace or a changed database.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A folder laid out as a checkout: bin/, drizzle/meta/_journal.json, and dist/ with the given program. */
function checkout(options: { newest?: string; builtWith?: string; program: string }) {
  const root = mkdtempSync(join(tmpdir(), 'yesterday-bin-'));
  roots.push(root);
  cpSync(join(import.meta.dirname, '..', 'bin'), join(root, 'bin'), { recursive: true });
  mkdirSync(join(root, 'drizzle', 'meta'), { recursive: true });
  if (options.newest)
    writeFileSync(
      join(root, 'drizzle', 'meta', '_journal.json'),
      JSON.stringify({ entries: [{ tag: '0000_first' }, { tag: options.newest }] }),
    );
  mkdirSync(join(root, 'dist'));
  if (options.builtWith)
    writeFileSync(
      join(root, 'dist', 'built-with.json'),
      JSON.stringify({ newestMigration: options.builtWith }),
    );
  writeFileSync(join(root, 'dist', 'cli.mjs'), options.program);
  return spawnSync(process.execPath, [join(root, 'bin', 'yesterday.mjs'), 'settings:get'], {
    encoding: 'utf8',
  });
}

describe('the yesterday command', () => {
  it('runs the program built with the migrations the folder holds', () => {
    const run = checkout({
      newest: '0034_next',
      builtWith: '0034_next',
      program: "console.log('ran');",
    });
    expect([run.status, run.stdout.trim()]).toEqual([0, 'ran']);
  });

  it('refuses a program built before an update changed the migrations, before it opens the database', () => {
    const run = checkout({
      newest: '0034_next',
      builtWith: '0033_before',
      program: "console.log('ran');",
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe(
      'yesterday: the program in dist/ was built before the last update (it knows the database up to migration 0033_before; this folder has 0034_next), and would change the database without knowing it. Run `npm ci` here (it installs and builds), then start again.',
    );
  });

  it('leaves a folder whose migrations cannot be read to the program, which says so itself', () => {
    const run = checkout({ builtWith: '0034_next', program: "console.log('ran');" });
    expect([run.status, run.stdout.trim(), run.stderr]).toEqual([0, 'ran', '']);
  });

  it('says which package is missing and what to run, not a stack trace', () => {
    const run = checkout({
      newest: '0034_next',
      builtWith: '0034_next',
      program: "import 'better-sqlite3-not-installed-here';",
    });
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(
      'yesterday: better-sqlite3-not-installed-here is not installed, so it cannot start. Run `npm ci` in this folder (after every update), then start again.',
    );
  });
});
