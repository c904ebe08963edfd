// Every desk key the code names is in the English catalog, and every desk key in the catalog is named
// somewhere: keys are written out in full ('desk.inbox.title', never built from pieces), so reading the
// source finds them all and a sentence left behind by a change to the desk is caught here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { desk } from './catalogs/en-desk';

const PLURAL = /_(zero|one|two|few|many|other)$/;
/** A call of the desk's t() or rich() (i18n/desk-text.ts) with its key. */
const KEY = /\b(?:t|rich)\(\s*['"`](desk\.[A-Za-z0-9_.-]+)['"`]/g;

function keysOf(tree: object, prefix: string): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? keysOf(value as object, `${prefix}${key}.`)
      : [`${prefix}${key}`.replace(PLURAL, '')],
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path.endsWith(join('i18n', 'catalogs')) ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('desk keys', () => {
  const inCatalog = new Set(keysOf(desk, 'desk.'));
  const used = new Map<string, string>();
  for (const file of sourceFiles('src'))
    for (const [, key] of readFileSync(file, 'utf8').matchAll(KEY)) used.set(key!, file);

  it('names only keys the English catalog has', () => {
    expect([...used].filter(([key]) => !inCatalog.has(key)).map(([key, file]) => `${key} (${file})`)).toEqual(
      [],
    );
  });

  it('has no key in the catalog that nothing names', () => {
    expect([...inCatalog].filter((key) => !used.has(key))).toEqual([]);
  });
});
