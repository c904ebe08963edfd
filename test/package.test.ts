// What `npm ci` leaves behind for a district IT person: a compiled program that runs without tsx, and an
// install that asks them nothing (every install script reviewed, no package that wants another Node).
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const run = promisify(execFile);

/** Every package folder under node_modules, nested ones included. */
function installedPackages(dir = join(ROOT, 'node_modules')): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    if (name.startsWith('@')) {
      found.push(...installedPackages(path).filter((p) => p.startsWith(path)));
      continue;
    }
    if (!existsSync(join(path, 'package.json'))) continue;
    found.push(path);
    if (existsSync(join(path, 'node_modules'))) found.push(...installedPackages(join(path, 'node_modules')));
  }
  return found;
}

describe('the installed program', () => {
  it('runs compiled JavaScript: the command line never loads tsx', async () => {
    expect(existsSync(join(ROOT, 'dist/cli.mjs'))).toBe(true);
    const { dependencies = {} } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    expect(Object.keys(dependencies)).not.toContain('tsx');
    // A module hook that refuses anything from tsx's folder, in the command and in its worker threads.
    const hook = `data:text/javascript,${encodeURIComponent(`
      import { register } from 'node:module';
      register('data:text/javascript,' + encodeURIComponent(
        'export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.includes("/node_modules/tsx/")) throw new Error("tsx was loaded: " + r.url); return r; }'));
    `)}`;
    const dir = mkdtempSync(join(tmpdir(), 'yesterday-package-'));
    try {
      await run(process.execPath, ['--import', hook, join(ROOT, 'bin/yesterday.mjs'), 'migrate'], {
        env: { PATH: process.env.PATH, DATABASE_PATH: join(dir, 'y.db'), LOG_LEVEL: 'warn' },
      });
      const { stdout } = await run(
        process.execPath,
        ['--import', hook, join(ROOT, 'bin/yesterday.mjs'), 'settings:get', 'timezone'],
        { env: { PATH: process.env.PATH, DATABASE_PATH: join(dir, 'y.db'), LOG_LEVEL: 'warn' } },
      );
      expect(stdout).toContain('America/Chicago');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('installs without asking: every install script is approved in package.json', async () => {
    const { stdout } = await run('npm', ['install-scripts', 'ls'], { cwd: ROOT });
    expect(stdout.trim()).toBe('No packages with unreviewed install scripts.');
  });

  it('installs without engine warnings on this Node', () => {
    const refused: string[] = [];
    for (const path of installedPackages()) {
      const manifest = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
        engines?: { node?: string };
      };
      const wanted = manifest.engines?.node;
      if (wanted && semver.validRange(wanted) && !semver.satisfies(process.version, wanted))
        refused.push(`${manifest.name}@${manifest.version} wants Node ${wanted}`);
    }
    expect(refused).toEqual([]);
  });
});
