// Bearer tokens for the JSON API: "yd_" and 32 random bytes, stored as a SHA-256 hash, acting with a role.
import { auditStatement, type Actor } from '../db/audit';
import type { Database } from '../db/client';
import {
  findLiveApiToken,
  insertApiTokenStatement,
  findApiToken,
  revokeApiTokenStatement,
  touchApiToken,
  type ApiToken,
} from '../db/api-tokens';
import type { Role } from '../db/users';
import { randomToken, sha256Hex } from './tokens';

export async function createApiToken(
  db: Database,
  input: { name: string; role: Role },
  actor: Actor,
  now: number,
): Promise<{ token: string; record: ApiToken }> {
  const token = `yd_${randomToken(32)}`;
  const tokenHash = await sha256Hex(token);
  const name = input.name.trim().slice(0, 120);
  // The token and its audit entry are written together or not at all.
  await db.batch([
    insertApiTokenStatement(db, { name, role: input.role, tokenHash }, now),
    auditStatement(
      db,
      actor,
      { action: 'api_token.create', subjectType: 'api_token', details: { name, role: input.role } },
      now,
    ),
  ]);
  return { token, record: (await findLiveApiToken(db, tokenHash))! };
}

export async function revokeApiToken(
  db: Database,
  id: number,
  actor: Actor,
  now: number,
): Promise<ApiToken | undefined> {
  const token = await findApiToken(db, id);
  if (!token || token.revokedAt) return undefined;
  await db.batch([
    revokeApiTokenStatement(db, id, now),
    auditStatement(
      db,
      actor,
      { action: 'api_token.revoke', subjectType: 'api_token', subjectId: id, details: { name: token.name } },
      now,
    ),
  ]);
  return token;
}

const TOUCH_EVERY_MS = 5 * 60_000;

/** The live token an Authorization header names, if any. */
export async function authenticateBearer(
  db: Database,
  header: string | undefined,
  now: number,
): Promise<ApiToken | undefined> {
  const match = /^Bearer\s+(yd_[\w-]{20,100})\s*$/.exec(header ?? '');
  if (!match) return undefined;
  const record = await findLiveApiToken(db, await sha256Hex(match[1]!));
  if (record && (!record.lastUsedAt || now - record.lastUsedAt > TOUCH_EVERY_MS))
    await touchApiToken(db, record.id, now);
  return record;
}
