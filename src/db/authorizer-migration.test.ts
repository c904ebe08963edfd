// Migration 0022: sources that recorded the command line or an API token as their authorizer (the adder, when
// nobody was named) record nobody, so the Sources page asks for the name; names people typed are kept.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database';
import { addSchoolWithSource } from '../../test/fixtures';
import { PROJECT_ROOT } from '../project-root';
import { findSource } from './sources';

describe('migration 0022', () => {
  it('forgets the command line and API tokens as authorizers, and keeps the names people gave', async () => {
    const handle = createTestDatabase();
    const db = handle.database;
    const byLabel = new Map<string, number>();
    for (const [n, label] of [
      'command line',
      'API token “district-it”',
      'API token “bot” of Dana Hayes',
      'Dana Hayes, Principal',
    ].entries()) {
      const { source } = await addSchoolWithSource(db, 'Lincoln', `https://class${n}.example/feed`);
      handle.sqlite.prepare('update sources set authorized_by = ? where id = ?').run(label, source.id);
      byLabel.set(label, source.id);
    }
    handle.sqlite.exec(readFileSync(join(PROJECT_ROOT, 'drizzle/0022_authorizer-not-recorded.sql'), 'utf8'));
    const after = async (label: string) => (await findSource(db, byLabel.get(label)!))!.authorizedBy;
    expect(await after('command line')).toBeNull();
    expect(await after('API token “district-it”')).toBeNull();
    expect(await after('API token “bot” of Dana Hayes')).toBeNull();
    expect(await after('Dana Hayes, Principal')).toBe('Dana Hayes, Principal');
  });
});
