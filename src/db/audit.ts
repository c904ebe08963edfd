// Storage for the audit log: who did what, when, to which record.
import { and, desc, eq, gte, is, lt, SQL, sql } from 'drizzle-orm';
import type { Database, Statement } from './client';
import { insertSelect, type RowSource } from './insert-select';
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
  /** An SQL expression only with auditStatementWhere: a column of the row its condition finds. */
  subjectId?: string | number | SQL;
  details?: Record<string, unknown>;
}

export type AuditEntry = typeof auditLog.$inferSelect;

export const systemActor: Actor = { type: 'system', label: 'scheduler' };
export const cliActor: Actor = { type: 'cli', label: 'command line' };

function auditRow(actor: Actor, event: AuditEvent, now: number) {
  return {
    at: now,
    actorType: actor.type,
    actorId: actor.id ?? null,
    actorLabel: actor.label,
    action: event.action,
    subjectType: event.subjectType ?? null,
    subjectId:
      event.subjectId == null ? null : is(event.subjectId, SQL) ? event.subjectId : String(event.subjectId),
    details: JSON.stringify(event.details ?? {}),
    ip: actor.ip ?? null,
  };
}

/** The insert for one audit entry, to run alone or inside the batch that makes the change it records. */
export function auditStatement(db: Database, actor: Actor, event: AuditEvent, now: number) {
  return db.orm.insert(auditLog).values(auditRow(actor, event, now));
}

/**
 * The same insert, made only if `only` finds its row when the statement runs: for a change whose own
 * statements in the same batch carry that condition (the row it claimed), so the entry is written exactly when
 * the change is.
 */
export function auditStatementWhere(
  db: Database,
  actor: Actor,
  event: AuditEvent,
  now: number,
  only: RowSource,
): Statement {
  return insertSelect(db, auditLog, [auditRow(actor, event, now)], only)[0]!;
}

export async function recordAudit(db: Database, actor: Actor, event: AuditEvent, now: number): Promise<void> {
  await auditStatement(db, actor, event, now);
}

export interface AuditFilter {
  action?: string;
  /** Matches the start of who did it: an email address, "subscriber 12", "scheduler", a token's name. */
  who?: string;
  /** Matches the subject's id exactly: a digest's date, a source's or a person's number. */
  subject?: string;
  /** Instants: entries at or after `from` and before `until`. */
  from?: number;
  until?: number;
  beforeId?: number;
  limit: number;
}

export async function listAudit(db: Database, filter: AuditFilter): Promise<AuditEntry[]> {
  const conditions: SQL[] = [];
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.who) {
    const prefix = filter.who.replace(/[\\%_]/g, (ch) => `\\${ch}`);
    conditions.push(sql`${auditLog.actorLabel} LIKE ${`${prefix}%`} ESCAPE '\\'`);
  }
  if (filter.subject) conditions.push(eq(auditLog.subjectId, filter.subject));
  if (filter.from !== undefined) conditions.push(gte(auditLog.at, filter.from));
  if (filter.until !== undefined) conditions.push(lt(auditLog.at, filter.until));
  if (filter.beforeId) conditions.push(lt(auditLog.id, filter.beforeId));
  return db.orm
    .select()
    .from(auditLog)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(filter.limit);
}

/** Every action the log holds, for the filter's list (the action index makes this cheap). */
export async function listAuditActions(db: Database): Promise<string[]> {
  const rows = await db.orm
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .orderBy(auditLog.action);
  return rows.map((row) => row.action);
}
