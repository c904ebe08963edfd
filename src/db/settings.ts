// Storage for district settings: a key/value table; meaning and validation live in settings/district-settings.ts.
import { eq, inArray, sql } from 'drizzle-orm';
import type { Database, Statement } from './client';
import { settings } from './schema';
import { touchPublicStatement } from './site-state';

/** Settings that hold a file (the logos, as data: addresses of up to 500 KB), read only where they are served. */
export const FILE_SETTINGS = ['logo', 'logo_dark'] as const;

/**
 * Every setting, as stored, except the bodies of files: those keys come with when the file was stored (its
 * updated_at, as text), which says the file is there and which version it is. Pages read the settings on
 * every render; a logo's body is read by readSetting where it is served (/logo), not copied out of the
 * database for each page.
 */
export async function readAllSettings(db: Database): Promise<Map<string, string>> {
  const rows = await db.orm
    .select({
      key: settings.key,
      value: sql<string>`case when ${inArray(settings.key, [...FILE_SETTINGS])} then cast(${settings.updatedAt} as text) else ${settings.value} end`,
    })
    .from(settings);
  return new Map(rows.map((row) => [row.key, row.value]));
}

export async function readSetting(db: Database, key: string): Promise<string | undefined> {
  const row = await db.orm
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, key))
    .get();
  return row?.value;
}

export function upsertSettingStatement(db: Database, key: string, value: string, now: number) {
  return db.orm
    .insert(settings)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } });
}

/**
 * Stores a setting; the public pages show settings, so their revision moves in the same batch, as does what
 * goes `alongside` it (its audit entry).
 */
export async function writeSetting(
  db: Database,
  key: string,
  value: string,
  now: number,
  alongside: Statement[] = [],
): Promise<void> {
  await db.batch([upsertSettingStatement(db, key, value, now), touchPublicStatement(db), ...alongside]);
}

/** Inserts the value only if the key has none yet; answers the value that is stored afterwards. */
export async function ensureSetting(db: Database, key: string, value: string, now: number): Promise<string> {
  await db.orm.insert(settings).values({ key, value, updatedAt: now }).onConflictDoNothing();
  return (await readSetting(db, key)) ?? value;
}

export async function deleteSetting(db: Database, key: string, alongside: Statement[] = []): Promise<void> {
  await db.batch([
    db.orm.delete(settings).where(eq(settings.key, key)),
    touchPublicStatement(db),
    ...alongside,
  ]);
}

export async function settingsVersion(db: Database): Promise<number> {
  const row = await db.orm
    .select({ at: sql<number>`coalesce(max(${settings.updatedAt}), 0)` })
    .from(settings)
    .get();
  return row?.at ?? 0;
}
