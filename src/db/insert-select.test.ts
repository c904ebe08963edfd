import { asc, count, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database';
import type { Database, Statement } from './client';
import { inList } from './in-list';
import { insertSelect } from './insert-select';
import { auditLog, digests } from './schema';

const paramsOf = (statement: Statement) =>
  (statement as unknown as { toSQL(): { params: unknown[] } }).toSQL().params.length;

describe('insert … select and lists of any length', () => {
  let db: Database;
  let digestId: number;

  beforeEach(async () => {
    db = createTestDatabase().database;
    // D1's limit: every statement must stay within 100 bound parameters.
    db.maxParameters = 100;
    const [row] = await db.orm
      .insert(digests)
      .values({ date: '2026-11-20', createdAt: 1, updatedAt: 1, writeToken: 'mine' })
      .returning();
    digestId = row!.id;
  });

  const rows = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      at: i,
      actorType: 'system' as const,
      actorLabel: 'scheduler',
      action: `step ${i}`,
    }));

  it('makes every row, in order, each in a statement within the parameter limit', async () => {
    const statements = insertSelect(db, auditLog, rows(250), {
      from: digests,
      where: eq(digests.writeToken, 'mine'),
    });
    for (const statement of statements) expect(paramsOf(statement)).toBeLessThanOrEqual(100);
    await db.batch(statements);
    const stored = await db.orm.select().from(auditLog).orderBy(asc(auditLog.id));
    expect(stored.map((row) => row.action)).toEqual(rows(250).map((row) => row.action));
    // Columns a row leaves out take their declared default.
    expect(stored.every((row) => row.details === '{}' && row.ip === null)).toBe(true);
  });

  it('makes nothing when the source row is not there when the statements run', async () => {
    const statements = insertSelect(db, auditLog, rows(30), {
      from: digests,
      where: eq(digests.writeToken, 'mine'),
    });
    await db.orm.update(digests).set({ writeToken: 'someone else' }).where(eq(digests.id, digestId));
    await db.batch(statements);
    expect((await db.orm.select({ n: count() }).from(auditLog).get())!.n).toBe(0);
  });

  it('matches a list of thousands of values with one parameter', async () => {
    await db.batch(insertSelect(db, auditLog, rows(40), { from: digests, where: undefined }));
    const ids = (await db.orm.select({ id: auditLog.id }).from(auditLog)).map((row) => row.id);
    const wanted = [...ids.slice(0, 20), ...Array.from({ length: 5000 }, (_, i) => 100_000 + i)];
    const query = db.orm.select({ id: auditLog.id }).from(auditLog).where(inList(auditLog.id, wanted));
    expect(query.toSQL().params).toHaveLength(1);
    expect((await query).map((row) => row.id).sort((a, b) => a - b)).toEqual(ids.slice(0, 20));
  });
});
