// Storage for the district's social accounts. The secret column is read by one function only (the poster's
// and the checker's findSocialAccountWithSecret); every listing leaves it out.
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Actor } from './audit';
import { auditStatement } from './audit';
import type { Database } from './client';
import { socialAccounts } from './schema';

export type SocialAccountRow = typeof socialAccounts.$inferSelect;
export type SocialAccount = Omit<SocialAccountRow, 'secret'>;

const withoutSecret = {
  id: socialAccounts.id,
  network: socialAccounts.network,
  server: socialAccounts.server,
  login: socialAccounts.login,
  remoteId: socialAccounts.remoteId,
  name: socialAccounts.name,
  status: socialAccounts.status,
  statusReason: socialAccounts.statusReason,
  connectedAt: socialAccounts.connectedAt,
  updatedAt: socialAccounts.updatedAt,
};

/** Connected accounts (active or stopped), oldest first; disconnected ones only with `all`. */
export async function listSocialAccounts(
  db: Database,
  options: { all?: boolean } = {},
): Promise<SocialAccount[]> {
  return db.orm
    .select(withoutSecret)
    .from(socialAccounts)
    .where(options.all ? undefined : ne(socialAccounts.status, 'disconnected'))
    .orderBy(asc(socialAccounts.id));
}

export async function findSocialAccount(db: Database, id: number): Promise<SocialAccount | undefined> {
  return db.orm.select(withoutSecret).from(socialAccounts).where(eq(socialAccounts.id, id)).get();
}

export async function findSocialAccountWithSecret(
  db: Database,
  id: number,
): Promise<SocialAccountRow | undefined> {
  return db.orm.select().from(socialAccounts).where(eq(socialAccounts.id, id)).get();
}

/**
 * Stores a checked account with its sealed secret, and its audit entry in the same batch. Connecting an
 * account that is already here (same network, server and remote id) renews it instead of adding a second.
 */
export async function saveSocialAccount(
  db: Database,
  account: Pick<SocialAccountRow, 'network' | 'server' | 'login' | 'remoteId' | 'name'> & { secret: string },
  actor: Actor,
  now: number,
): Promise<SocialAccount> {
  const same = and(
    eq(socialAccounts.network, account.network),
    eq(socialAccounts.server, account.server),
    eq(socialAccounts.remoteId, account.remoteId),
    ne(socialAccounts.status, 'disconnected'),
  );
  const existing = await db.orm.select({ id: socialAccounts.id }).from(socialAccounts).where(same).get();
  const audit = (id: number | string) =>
    auditStatement(
      db,
      actor,
      {
        action: 'social.connect',
        subjectType: 'social_account',
        subjectId: id,
        details: { network: account.network, name: account.name, server: account.server },
      },
      now,
    );
  if (existing) {
    await db.batch([
      db.orm
        .update(socialAccounts)
        .set({ ...account, status: 'active', statusReason: null, updatedAt: now })
        .where(eq(socialAccounts.id, existing.id)),
      audit(existing.id),
    ]);
    return (await findSocialAccount(db, existing.id))!;
  }
  const [row] = await db.orm
    .insert(socialAccounts)
    .values({ ...account, status: 'active', connectedAt: now, updatedAt: now })
    .returning({ id: socialAccounts.id });
  await audit(row!.id);
  return (await findSocialAccount(db, row!.id))!;
}

/** Forgets the secret and stops posting; the row stays for the record of past posts. False if unknown. */
export async function disconnectSocialAccount(
  db: Database,
  id: number,
  actor: Actor,
  now: number,
): Promise<SocialAccount | undefined> {
  const account = await findSocialAccount(db, id);
  if (!account || account.status === 'disconnected') return undefined;
  await db.batch([
    db.orm
      .update(socialAccounts)
      .set({ status: 'disconnected', secret: null, statusReason: null, updatedAt: now })
      .where(eq(socialAccounts.id, id)),
    auditStatement(
      db,
      actor,
      {
        action: 'social.disconnect',
        subjectType: 'social_account',
        subjectId: id,
        details: { network: account.network, name: account.name },
      },
      now,
    ),
  ]);
  return account;
}

/** active → stopped with the reason; true only for the caller that stopped it (editors are told once). */
export async function stopSocialAccount(
  db: Database,
  id: number,
  reason: string,
  now: number,
): Promise<boolean> {
  const rows = await db.orm
    .update(socialAccounts)
    .set({ status: 'stopped', statusReason: reason, updatedAt: now })
    .where(and(eq(socialAccounts.id, id), eq(socialAccounts.status, 'active')))
    .returning({ id: socialAccounts.id });
  return rows.length > 0;
}
