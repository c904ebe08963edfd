// Storage for people who use the admin desk, and the one-time links that let them set a password.
import {
  and,
  asc,
  count,
  eq,
  gt,
  inArray,
  isNotNull,
  isNull,
  like,
  ne,
  notExists,
  or,
  sql,
} from 'drizzle-orm';
import type { Database, Statement } from './client';
import { auditStatementWhere, type Actor } from './audit';
import { users, userTokens } from './schema';

export type Role = (typeof users.$inferSelect)['role'];
export type User = typeof users.$inferSelect;
export type UserTokenPurpose = (typeof userTokens.$inferSelect)['purpose'];

export const ROLES: readonly Role[] = ['admin', 'editor', 'contributor'];

export async function countUsers(db: Database): Promise<number> {
  const row = await db.orm.select({ n: count() }).from(users).get();
  return row?.n ?? 0;
}

/** Accounts that can publish and approve (editors and administrators), not stopped from signing in. */
export async function countPublishers(db: Database): Promise<number> {
  const row = await db.orm
    .select({ n: count() })
    .from(users)
    .where(and(inArray(users.role, ['editor', 'admin']), eq(users.disabled, false)))
    .get();
  return row?.n ?? 0;
}

export async function findUserById(db: Database, id: number): Promise<User | undefined> {
  return db.orm.select().from(users).where(eq(users.id, id)).get();
}

/** Whether an active account's password is stored in this scheme (`scrypt`, say). */
export async function hasPasswordsOfScheme(db: Database, scheme: string): Promise<boolean> {
  const row = await db.orm
    .select({ id: users.id })
    .from(users)
    .where(and(like(users.passwordHash, `${scheme}$%`), eq(users.disabled, false)))
    .limit(1)
    .get();
  return row !== undefined;
}

export async function findUserByEmail(db: Database, email: string): Promise<User | undefined> {
  return db.orm.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
}

/**
 * The audit entry for a password link asked for from the sign-in page, written only if an active account has
 * that address: one statement either way, so the request costs the same for a stranger's address.
 */
export function passwordLinkRequestedAuditStatement(
  db: Database,
  email: string,
  ip: string | null,
  now: number,
): Statement {
  return auditStatementWhere(
    db,
    { type: 'public', label: email, ip },
    {
      action: 'user.password_link_requested',
      subjectType: 'user',
      subjectId: sql`cast(${users.id} as text)`,
    },
    now,
    { from: users, where: and(eq(users.email, email), eq(users.disabled, false)) },
  );
}

export async function listUsers(db: Database): Promise<User[]> {
  return db.orm.select().from(users).orderBy(users.email);
}

/**
 * Adds an account, with the audit entry that records it in the same batch when one is given (`details` names
 * the address and the role). The first-run setup link is for a district with no account at all: any account
 * made, by any way (the command line, an invitation, the link itself), spends the setup links not used yet.
 */
export async function insertUser(
  db: Database,
  user: { email: string; name: string; role: Role; passwordHash?: string | null },
  now: number,
  audit?: { actor: Actor; action: string },
): Promise<User> {
  const email = user.email.trim().toLowerCase();
  await db.batch([
    db.orm.insert(users).values({ ...user, email, createdAt: now }),
    ...(audit
      ? [
          auditStatementWhere(
            db,
            audit.actor,
            {
              action: audit.action,
              subjectType: 'user',
              subjectId: sql`cast(${users.id} as text)`,
              details: { email, role: user.role },
            },
            now,
            { from: users, where: eq(users.email, email) },
          ),
        ]
      : []),
    deleteUnusedSetupTokensStatement(db),
  ]);
  return (await findUserByEmail(db, email))!;
}

export async function recordLogin(db: Database, userId: number, now: number): Promise<void> {
  await db.orm.update(users).set({ lastLoginAt: now }).where(eq(users.id, userId));
}

/**
 * Stores a one-time link's token. A person's new password link spends the ones sent to them before and not
 * used (unless `retireOthers` is false): only the newest works, so an older email found later (a forwarded
 * invitation, a shared inbox) is dead.
 */
export async function insertUserToken(
  db: Database,
  token: { tokenHash: string; purpose: UserTokenPurpose; userId: number | null; expiresAt: number },
  now: number,
  { retireOthers = true } = {},
): Promise<void> {
  const retires = token.userId !== null && token.purpose === 'set-password' && retireOthers;
  await db.batch([
    ...(retires ? [spendPasswordLinksStatement(db, token.userId!, now)] : []),
    db.orm.insert(userTokens).values({ ...token, createdAt: now }),
  ]);
}

export async function findUsableUserToken(
  db: Database,
  tokenHash: string,
  purpose: UserTokenPurpose,
  now: number,
) {
  return db.orm
    .select()
    .from(userTokens)
    .where(
      and(
        eq(userTokens.tokenHash, tokenHash),
        eq(userTokens.purpose, purpose),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, now),
      ),
    )
    .get();
}

/** Setup links that were never used are replaced when a new one is printed. */
export async function deleteUnusedSetupTokens(db: Database): Promise<void> {
  await deleteUnusedSetupTokensStatement(db);
}

function deleteUnusedSetupTokensStatement(db: Database) {
  return db.orm.delete(userTokens).where(and(eq(userTokens.purpose, 'setup'), isNull(userTokens.usedAt)));
}

/**
 * Spends a one-time link: the conditional update is the lock, so of two requests with the same link exactly
 * one gets the token row back. Answers the spent token, or undefined when it was used or has expired.
 */
export async function spendUserToken(db: Database, tokenId: number, now: number) {
  const [spent] = await db.orm
    .update(userTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(userTokens.id, tokenId),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, now),
        // A setup link makes the first administrator, so it is spent only while there is no account at all.
        or(ne(userTokens.purpose, 'setup'), notExists(db.orm.select({ id: users.id }).from(users))),
      ),
    )
    .returning();
  return spent;
}

/** The update that sets a password, to run alone or in a batch. */
export function setPasswordStatement(db: Database, userId: number, passwordHash: string) {
  return db.orm.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

/**
 * Spends every password link of a person not used yet, but the one whose hash is `keep`: one asked for before
 * a new password, or before a newer link, must not reset it.
 */
export function spendPasswordLinksStatement(db: Database, userId: number, now: number, keep?: string) {
  return db.orm
    .update(userTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(userTokens.userId, userId),
        eq(userTokens.purpose, 'set-password'),
        isNull(userTokens.usedAt),
        keep === undefined ? undefined : ne(userTokens.tokenHash, keep),
      ),
    );
}

export async function updateUser(
  db: Database,
  id: number,
  changes: Partial<Pick<User, 'role' | 'disabled' | 'name'>>,
): Promise<void> {
  await updateUserStatement(db, id, changes);
}

/** The update of a person's role, name or whether they may sign in, for a batch. */
export function updateUserStatement(
  db: Database,
  id: number,
  changes: Partial<Pick<User, 'role' | 'disabled' | 'name'>>,
) {
  return db.orm.update(users).set(changes).where(eq(users.id, id));
}

/** Active administrators other than `exceptId`: there must always be one left. */
export async function countOtherActiveAdmins(db: Database, exceptId: number): Promise<number> {
  const row = await db.orm
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.disabled, false), ne(users.id, exceptId)))
    .get();
  return row?.n ?? 0;
}

/** Where notices for editors go: every editor and administrator who can sign in. */
export async function listEditorAddresses(db: Database): Promise<string[]> {
  const rows = await db.orm
    .select({ email: users.email })
    .from(users)
    .where(
      and(inArray(users.role, ['editor', 'admin']), eq(users.disabled, false), isNotNull(users.passwordHash)),
    )
    .orderBy(asc(users.email));
  return rows.map((row) => row.email);
}
