// Storage for JSON API tokens: only their hashes are kept; a token is shown once, when it is made.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from './client';
import { apiTokens } from './schema';
import type { Role } from './users';

export type ApiToken = typeof apiTokens.$inferSelect;

/** The statement that stores a new token, to batch with its audit entry. */
export function insertApiTokenStatement(
  db: Database,
  token: { name: string; role: Role; tokenHash: string; userId: number | null },
  now: number,
) {
  return db.orm.insert(apiTokens).values({ ...token, createdAt: now });
}

export async function findLiveApiToken(db: Database, tokenHash: string): Promise<ApiToken | undefined> {
  return db.orm
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .get();
}

export async function listApiTokens(db: Database): Promise<ApiToken[]> {
  return db.orm.select().from(apiTokens).orderBy(asc(apiTokens.name));
}

export async function findApiToken(db: Database, id: number): Promise<ApiToken | undefined> {
  return db.orm.select().from(apiTokens).where(eq(apiTokens.id, id)).get();
}

/** The statement that revokes a token if it is still live, to batch with its audit entry. */
export function revokeApiTokenStatement(db: Database, id: number, now: number) {
  return db.orm
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)));
}

export async function touchApiToken(db: Database, id: number, now: number): Promise<void> {
  await db.orm.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id));
}
