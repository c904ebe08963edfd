// Storage for the audit log: who did what, when, to which record.
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Database } from './client';
import { auditLog } from './schema';

export type ActorType = (typeof auditLog.$inferSelect)['actorType'];

export interface Actor {
  type: ActorType;
  id?: number | null;
  label: string;
  ip?: string | null;
}

export interface AuditEvent {
  action: string;
  subjectType?: string;
  subjectId?: string | number;
  details?: Record<string, unknown>;
}

export type AuditEntry = typeof auditLog.$inferSelect;

export const systemActor: Actor = { type: 'system', label: 'scheduler' };
export const cliActor: Actor = { type: 'cli', label: 'command line' };

/** The insert for one audit entry, to run alone or inside the batch that makes the change it records. */
export function auditStatement(db: Database, actor: Actor, event: AuditEvent, now: number) {
  return db.orm.insert(auditLog).values({
    at: now,
    actorType: actor.type,
    actorId: actor.id ?? null,
    actorLabel: actor.label,
    action: event.action,
    subjectType: event.subjectType ?? null,
    subjectId: event.subjectId == null ? null : String(event.subjectId),
    details: JSON.stringify(event.details ?? {}),
    ip: actor.ip ?? null,
  });
}

export async function recordAudit(db: Database, actor: Actor, event: AuditEvent, now: number): Promise<void> {
  await auditStatement(db, actor, event, now);
}

export async function listAudit(
  db: Database,
  filter: { action?: string; beforeId?: number; limit: number },
): Promise<AuditEntry[]> {
  const conditions: SQL[] = [];
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.beforeId) conditions.push(lt(auditLog.id, filter.beforeId));
  return db.orm
    .select()
    .from(auditLog)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(filter.limit);
}
