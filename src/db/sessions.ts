// Storage for admin sessions, kept as hashes of the cookie value.
import { and, count, eq, gt, lt, ne } from 'drizzle-orm';
import type { Database } from './client';
import { sessions, users } from './schema';

export type Session = typeof sessions.$inferSelect;

export async function insertSession(db: Database, session: Session): Promise<void> {
  await db.orm.insert(sessions).values(session);
}

/** The live session with this hash and its user, if both are still valid. */
export async function findLiveSession(db: Database, idHash: string, now: number) {
  return db.orm
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now), eq(users.disabled, false)))
    .get();
}

export async function touchSession(
  db: Database,
  idHash: string,
  now: number,
  expiresAt: number,
): Promise<void> {
  await db.orm.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.idHash, idHash));
}

export async function deleteSession(db: Database, idHash: string): Promise<void> {
  await db.orm.delete(sessions).where(eq(sessions.idHash, idHash));
}

export async function deleteSessionsOfUser(db: Database, userId: number): Promise<void> {
  await db.orm.delete(sessions).where(eq(sessions.userId, userId));
}

/** The delete of a person's sessions except `keepIdHash` (the one making the change), for a batch. */
export function deleteOtherSessionsStatement(db: Database, userId: number, keepIdHash: string | undefined) {
  return db.orm
    .delete(sessions)
    .where(
      keepIdHash === undefined
        ? eq(sessions.userId, userId)
        : and(eq(sessions.userId, userId), ne(sessions.idHash, keepIdHash)),
    );
}

/** How many sessions are held, by everyone or by one person. */
export async function countSessions(db: Database, userId?: number): Promise<number> {
  const [row] = await db.orm
    .select({ n: count() })
    .from(sessions)
    .where(userId === undefined ? undefined : eq(sessions.userId, userId));
  return row?.n ?? 0;
}

/** The delete of every session (everyone is signed out), for a batch. */
export function deleteAllSessionsStatement(db: Database) {
  return db.orm.delete(sessions);
}

export async function deleteExpiredSessions(db: Database, now: number): Promise<void> {
  await db.orm.delete(sessions).where(lt(sessions.expiresAt, now));
}
