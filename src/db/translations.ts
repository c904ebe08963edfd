// Storage for a digest's translations: per language its title, intro, review and translated correction note,
// and per entry its headline, blurb and picture alt text, with which fields are unedited machine drafts.
import { createHash } from 'node:crypto';
import { and, eq, exists, inArray, isNotNull, max, notExists, sql, type SQL } from 'drizzle-orm';
import { randomToken } from '../auth/tokens';
import { auditStatementWhere, type Actor, type AuditEvent } from './audit';
import type { Database, Statement } from './client';
import { carryReviewsStatements, claimHeld, claimOf } from './digests';
import { inList } from './in-list';
import { insertSelect, type RowSource } from './insert-select';
import {
  correctionNoteTranslations,
  digestCorrections,
  digestEntryTranslations,
  digestTranslations,
  digests,
  items,
} from './schema';
import { touchPublicStatement } from './site-state';

export const DIGEST_FIELDS = ['title', 'intro'] as const;
export const ENTRY_FIELDS = ['headline', 'blurb', 'imageAlt'] as const;
export type DigestField = (typeof DIGEST_FIELDS)[number];
export type EntryField = (typeof ENTRY_FIELDS)[number];

export interface EntryTranslation {
  itemId: number;
  headline: string;
  blurb: string;
  imageAlt: string;
  machine: EntryField[];
}

/** One language of one digest, as stored (empty strings for fields nobody translated yet). */
export interface DigestTranslation {
  digestId: number;
  lang: string;
  title: string;
  intro: string;
  machine: DigestField[];
  reviewedVersion: number | null;
  reviewedBy: number | null;
  reviewedAt: number | null;
  /** Who last saved this language (a person's id; null for a program's token or nobody yet). */
  updatedBy: number | null;
  /** When it was last written (null: never stored). */
  updatedAt: number | null;
  /**
   * Changed after publishing where a second person is required: its readers keep what they had (`shown`)
   * until someone not in `heldBy` (who changed it since its last review) marks it reviewed.
   */
  held: boolean;
  heldBy: number[];
  /**
   * While held, the language as its readers had it when it was first held (never held itself); null when
   * they had none of it and read the district's own text, or when it is not held.
   */
  shown: DigestTranslation | null;
  /** The latest correction's note in this language, as the translation tab edits it. */
  correctionNote: string | null;
  /** Every correction's note in this language that has one, by correction id: the latest's and earlier ones. */
  correctionNotes: Map<number, string>;
  entries: Map<number, EntryTranslation>;
}

/**
 * What a language's text is now, in a few characters: a page or a program shows it with the text, and a save
 * or review naming another is refused, so nobody replaces or approves words they did not see.
 */
export function translationRevision(translation: DigestTranslation): string {
  const entries = [...translation.entries.values()]
    .sort((a, b) => a.itemId - b.itemId)
    .map((e) => [e.itemId, e.headline, e.blurb, e.imageAlt]);
  const text = JSON.stringify([
    translation.title,
    translation.intro,
    translation.correctionNote ?? '',
    entries,
  ]);
  return createHash('sha256').update(text).digest('base64url').slice(0, 16);
}

/** The person ids a held language lists (an unreadable list reads as nobody, still held). */
function idsOf(json: string | null): number[] {
  if (json === null) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((id): id is number => Number.isInteger(id)) : [];
  } catch {
    return [];
  }
}

/** Who changed a held language (none if it was not held), with this person added if a person and not listed. */
function heldByWith(userId: number | null): SQL {
  const listed = sql`coalesce(${digestTranslations.heldBy}, '[]')`;
  if (userId === null) return listed;
  return sql`case when exists (select 1 from json_each(${listed}) where value = ${userId}) then ${listed} else json_insert(${listed}, '$[#]', ${userId}) end`;
}

/**
 * The language as it is stored now, as one JSON value of the statement that holds it (the row's own columns
 * and its entries' rows, read before the statement changes them): what its readers keep while it is held. A
 * list of machine-drafted fields that is not JSON is kept as none, so it can never stop a save.
 */
const shownNow = sql`json_object('title', ${digestTranslations.title}, 'intro', ${digestTranslations.intro}, 'machine', json(case when json_valid(${digestTranslations.machineFields}) then ${digestTranslations.machineFields} else '[]' end), 'reviewedVersion', ${digestTranslations.reviewedVersion}, 'reviewedBy', ${digestTranslations.reviewedBy}, 'reviewedAt', ${digestTranslations.reviewedAt}, 'correctionNote', ${digestTranslations.correctionNote}, 'entries', json((select json_group_object(e.item_id, json_object('headline', e.headline, 'blurb', e.blurb, 'imageAlt', e.image_alt, 'machine', json(case when json_valid(e.machine_fields) then e.machine_fields else '[]' end))) from digest_entry_translations e where e.digest_id = ${digestTranslations.digestId} and e.lang = ${digestTranslations.lang})))`;

/** A held language's `shown` as written by a correction where its readers had none of it: the original. */
const NOTHING_SHOWN = '{"title":"","intro":"","reviewedVersion":null,"correctionNote":null,"entries":{}}';

interface ShownJson {
  title?: unknown;
  intro?: unknown;
  machine?: unknown;
  reviewedVersion?: unknown;
  reviewedBy?: unknown;
  reviewedAt?: unknown;
  correctionNote?: unknown;
  entries?: unknown;
}

/** What a held language's readers keep (null if unreadable: they get the district's own text). */
function shownOf(json: string | null, digestId: number, lang: string): DigestTranslation | null {
  if (json === null) return null;
  let parsed: ShownJson;
  try {
    parsed = JSON.parse(json) as ShownJson;
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const integer = (value: unknown) => (Number.isInteger(value) ? (value as number) : null);
  const shown = emptyTranslation(digestId, lang);
  shown.title = text(parsed.title);
  shown.intro = text(parsed.intro);
  shown.machine = machineOf(parsed.machine, DIGEST_FIELDS);
  shown.reviewedVersion = integer(parsed.reviewedVersion);
  shown.reviewedBy = integer(parsed.reviewedBy);
  shown.reviewedAt = integer(parsed.reviewedAt);
  shown.correctionNote = typeof parsed.correctionNote === 'string' ? parsed.correctionNote : null;
  const entries = typeof parsed.entries === 'object' && parsed.entries !== null ? parsed.entries : {};
  for (const [key, value] of Object.entries(entries as Record<string, ShownJson & Record<string, unknown>>)) {
    const itemId = Number(key);
    if (!Number.isInteger(itemId) || typeof value !== 'object' || value === null) continue;
    shown.entries.set(itemId, {
      itemId,
      headline: text(value['headline']),
      blurb: text(value['blurb']),
      imageAlt: text(value['imageAlt']),
      machine: machineOf(value['machine'], ENTRY_FIELDS),
    });
  }
  return shown;
}

function fieldsOf<F extends string>(json: string, known: readonly F[]): F[] {
  try {
    return machineOf(JSON.parse(json), known);
  } catch {
    return [];
  }
}

/** The known fields a parsed list of machine-drafted fields names. */
function machineOf<F extends string>(parsed: unknown, known: readonly F[]): F[] {
  return Array.isArray(parsed) ? known.filter((f) => parsed.includes(f)) : [];
}

/** Every stored language of these digests (all languages, or one), by digest id and then language. */
export async function listDigestTranslations(
  db: Database,
  digestIds: number[],
  lang?: string,
): Promise<Map<number, Map<string, DigestTranslation>>> {
  const found = new Map<number, Map<string, DigestTranslation>>();
  if (!digestIds.length) return found;
  const [heads, entries, latestCorrections, earlierNotes] = await Promise.all([
    db.orm
      .select()
      .from(digestTranslations)
      .where(
        and(
          inList(digestTranslations.digestId, digestIds),
          lang ? eq(digestTranslations.lang, lang) : undefined,
        ),
      )
      .all(),
    db.orm
      .select()
      .from(digestEntryTranslations)
      .where(
        and(
          inList(digestEntryTranslations.digestId, digestIds),
          lang ? eq(digestEntryTranslations.lang, lang) : undefined,
        ),
      )
      .all(),
    db.orm
      .select({ digestId: digestCorrections.digestId, id: max(digestCorrections.id) })
      .from(digestCorrections)
      .where(inList(digestCorrections.digestId, digestIds))
      .groupBy(digestCorrections.digestId)
      .all(),
    db.orm
      .select({
        digestId: digestCorrections.digestId,
        correctionId: correctionNoteTranslations.correctionId,
        lang: correctionNoteTranslations.lang,
        note: correctionNoteTranslations.note,
      })
      .from(correctionNoteTranslations)
      .innerJoin(digestCorrections, eq(digestCorrections.id, correctionNoteTranslations.correctionId))
      .where(
        and(
          inList(digestCorrections.digestId, digestIds),
          lang ? eq(correctionNoteTranslations.lang, lang) : undefined,
        ),
      )
      .all(),
  ]);
  const latestCorrection = new Map(latestCorrections.map((c) => [c.digestId, c.id]));
  const slot = (digestId: number, language: string): DigestTranslation => {
    const byLang = found.get(digestId) ?? new Map<string, DigestTranslation>();
    found.set(digestId, byLang);
    const existing = byLang.get(language);
    if (existing) return existing;
    const blank = emptyTranslation(digestId, language);
    byLang.set(language, blank);
    return blank;
  };
  for (const head of heads) {
    Object.assign(slot(head.digestId, head.lang), {
      title: head.title,
      intro: head.intro,
      machine: fieldsOf(head.machineFields, DIGEST_FIELDS),
      reviewedVersion: head.reviewedVersion,
      reviewedBy: head.reviewedBy,
      reviewedAt: head.reviewedAt,
      updatedBy: head.updatedBy,
      updatedAt: head.updatedAt,
      held: head.heldBy !== null,
      heldBy: idsOf(head.heldBy),
      shown: head.heldBy === null ? null : shownOf(head.shown, head.digestId, head.lang),
      correctionNote: head.correctionNote,
    });
    const latest = latestCorrection.get(head.digestId);
    const translation = slot(head.digestId, head.lang);
    if (latest != null && head.correctionNote?.trim())
      translation.correctionNotes.set(latest, head.correctionNote);
    if (latest != null && translation.shown?.correctionNote?.trim())
      translation.shown.correctionNotes.set(latest, translation.shown.correctionNote);
  }
  for (const row of earlierNotes) {
    const translation = slot(row.digestId, row.lang);
    for (const notes of [translation.correctionNotes, translation.shown?.correctionNotes])
      if (notes && !notes.has(row.correctionId)) notes.set(row.correctionId, row.note);
  }
  for (const row of entries) {
    slot(row.digestId, row.lang).entries.set(row.itemId, {
      itemId: row.itemId,
      headline: row.headline,
      blurb: row.blurb,
      imageAlt: row.imageAlt,
      machine: fieldsOf(row.machineFields, ENTRY_FIELDS),
    });
  }
  return found;
}

/** What a save writes: the whole language as it should be stored from now on. */
export interface TranslationWrite {
  title: string;
  intro: string;
  machine: DigestField[];
  correctionNote: string | null;
  entries: EntryTranslation[];
  /** Mark it reviewed by this person (for the digest's version), clear the review (null), or keep it. */
  review?: { userId: number | null } | null;
  /**
   * Hold it from its readers until someone else reviews it, adding this person (null: a program's token) to
   * those who changed it, or (`alone`) making them the only one: the others' changes were checked by this
   * person. A review always releases it. Absent: held or not as it was.
   */
  hold?: { userId: number | null; alone?: boolean };
  /**
   * Whether this write changes its words (a machine draft's included): who wrote them is then this person. A
   * review alone keeps the writer, who is not the language's second person (`curate/approval.ts`, lastWrote).
   */
  wordsChanged: boolean;
  /**
   * When the language was last written as the writer read it (its `updatedAt`): the write is claimed only if
   * nothing wrote it since, since fields a save leaves out, and every field a machine draft does not fill,
   * are written back as they were read.
   */
  asRead: number | null;
}

/** The digest a translation belongs to, at the version the translator was shown. */
export interface TranslatedDigest {
  id: number;
  version: number;
  status: string;
}

/**
 * Stores one language of a digest as one batch with its audit entry, claimed like a save of the original: only
 * while the digest is still at the version the translator was shown (a change to the original in between
 * refuses it, so nobody reviews a translation of text they did not see). The digest's version stays, so an
 * editor at work on the original is not interrupted, but before publishing a translation is part of what is
 * checked and approved: a second person's approval no longer holds, and a digest scheduled to publish is a
 * draft again, to pass the checks once more. After publishing, what the public sees is refreshed. False, with
 * nothing written, when the claim fails.
 */
export async function saveDigestTranslation(
  db: Database,
  digest: TranslatedDigest,
  lang: string,
  write: TranslationWrite,
  audit: { actor: Actor; event: AuditEvent; now: number; userId: number | null },
): Promise<boolean> {
  const published = digest.status === 'published';
  const token = randomToken(12);
  const claim = claimOf(db, digest.id, token);
  const review =
    write.review === undefined
      ? {}
      : write.review === null
        ? { reviewedVersion: null, reviewedBy: null, reviewedAt: null }
        : { reviewedVersion: digest.version, reviewedBy: write.review.userId, reviewedAt: audit.now };
  const head = {
    title: write.title,
    intro: write.intro,
    machineFields: JSON.stringify(write.machine),
    correctionNote: write.correctionNote,
    updatedAt: audit.now,
    ...(write.wordsChanged ? { updatedBy: audit.userId } : {}),
    ...review,
  };
  // Who changed a held language is added in the statement itself, so two saves at once both count. The first
  // change that holds it keeps what its readers had, read from the row as it was before the statement.
  const held = write.review
    ? { heldBy: null, shown: null }
    : write.hold
      ? {
          heldBy:
            write.hold.alone && write.hold.userId !== null
              ? sql`json_array(${write.hold.userId})`
              : heldByWith(write.hold.userId),
          shown: sql`case when ${digestTranslations.heldBy} is null then ${shownNow} else ${digestTranslations.shown} end`,
        }
      : {};
  const statements: Statement[] = [
    db.orm
      .update(digests)
      .set(
        published
          ? { writeToken: token }
          : {
              status: 'draft',
              scheduledFor: null,
              approvedBy: null,
              approvedVersion: null,
              writeToken: token,
            },
      )
      .where(
        and(
          eq(digests.id, digest.id),
          eq(digests.version, digest.version),
          published ? eq(digests.status, 'published') : inArray(digests.status, ['draft', 'ready']),
          languageAsRead(db, digest.id, lang, write.asRead),
        ),
      ),
    // A language first written while held was nothing its readers had: it is held from the start, with
    // nothing shown (the update below then keeps that).
    ...insertSelect(
      db,
      digestTranslations,
      [{ digestId: digest.id, lang, ...head, ...(write.hold && !write.review ? { heldBy: '[]' } : {}) }],
      claim.row,
      { ignoreConflicts: true },
    ),
    db.orm
      .update(digestTranslations)
      .set({ ...head, ...held, updatedAt: writtenAt(audit.now) })
      .where(and(eq(digestTranslations.digestId, digest.id), eq(digestTranslations.lang, lang), claim.holds)),
    db.orm
      .delete(digestEntryTranslations)
      .where(
        and(
          eq(digestEntryTranslations.digestId, digest.id),
          eq(digestEntryTranslations.lang, lang),
          claim.holds,
        ),
      ),
    ...insertSelect(
      db,
      digestEntryTranslations,
      write.entries.map((entry) => ({
        digestId: digest.id,
        lang,
        itemId: entry.itemId,
        headline: entry.headline,
        blurb: entry.blurb,
        imageAlt: entry.imageAlt,
        machineFields: JSON.stringify(entry.machine),
      })),
      claim.row,
    ),
    auditStatementWhere(db, audit.actor, audit.event, audit.now, claim.row),
  ];
  await db.batch(statements);
  const saved = await claimHeld(db, digest.id, token);
  // Only once the claim held: a refused save must not empty the public cache either.
  if (saved && published) await db.batch([touchPublicStatement(db)]);
  return saved;
}

/**
 * The latest correction's note as this language's readers have it: the tab's, or, while the language is held,
 * the one they kept (a note changed on a held language's tab was never reviewed).
 */
const readersNote = sql`case when ${digestTranslations.heldBy} is null then ${digestTranslations.correctionNote} else json_extract(${digestTranslations.shown}, '$.correctionNote') end`;

/**
 * A write's time for a language already stored: later than its last one even within the same millisecond, so
 * a writer who read that time always finds it changed.
 */
const writtenAt = (now: number) => sql<number>`max(${now}, coalesce(${digestTranslations.updatedAt}, 0) + 1)`;

/**
 * True while a language is as it was read at `updatedAt`: written then and not since, or (null) never
 * written (a row without a time, from before times were kept, counts as unwritten until it is written).
 */
function languageAsRead(db: Database, digestId: number, lang: string, updatedAt: number | null): SQL {
  const ofLanguage = and(eq(digestTranslations.digestId, digestId), eq(digestTranslations.lang, lang));
  const written = (condition: SQL) =>
    db.orm
      .select({ lang: digestTranslations.lang })
      .from(digestTranslations)
      .where(and(ofLanguage, condition));
  return updatedAt === null
    ? notExists(written(isNotNull(digestTranslations.updatedAt)))
    : exists(written(eq(digestTranslations.updatedAt, updatedAt)));
}

/**
 * Claims a held language as it was read: the digest still at the version the editor was shown, published, and
 * the language still held and not written since (`updatedAt`), so a review or a save that lands between the
 * read and the write stops this one instead of being undone by it.
 */
function heldClaim(db: Database, digest: TranslatedDigest, held: DigestTranslation, token: string) {
  const claim = claimOf(db, digest.id, token);
  const stillHeld = db.orm
    .select({ lang: digestTranslations.lang })
    .from(digestTranslations)
    .where(
      and(
        eq(digestTranslations.digestId, digest.id),
        eq(digestTranslations.lang, held.lang),
        isNotNull(digestTranslations.heldBy),
      ),
    );
  const take = db.orm
    .update(digests)
    .set({ writeToken: token })
    .where(
      and(
        eq(digests.id, digest.id),
        eq(digests.version, digest.version),
        eq(digests.status, 'published'),
        exists(stillHeld),
        languageAsRead(db, digest.id, held.lang, held.updatedAt),
      ),
    );
  return { claim, take };
}

/**
 * Puts a held language back as its readers have it (`shown`, as read with it), or removes it where they had
 * none of it, so nothing waits for a review. What its readers get does not change. False, with nothing
 * written, when the language or the digest changed since it was read.
 */
export async function discardHeldTranslation(
  db: Database,
  digest: TranslatedDigest,
  held: DigestTranslation,
  audit: { actor: Actor; event: AuditEvent; now: number; userId: number | null },
): Promise<boolean> {
  const token = randomToken(12);
  const { claim, take } = heldClaim(db, digest, held, token);
  const thisLanguage = and(
    eq(digestTranslations.digestId, digest.id),
    eq(digestTranslations.lang, held.lang),
  );
  const kept = held.shown;
  const statements: Statement[] = [
    take,
    db.orm
      .delete(digestEntryTranslations)
      .where(
        and(
          eq(digestEntryTranslations.digestId, digest.id),
          eq(digestEntryTranslations.lang, held.lang),
          claim.holds,
        ),
      ),
  ];
  if (kept) {
    statements.push(
      // Each entry they kept, for a post that is still there.
      ...[...kept.entries.values()].flatMap((entry) =>
        insertSelect(
          db,
          digestEntryTranslations,
          [
            {
              digestId: digest.id,
              lang: held.lang,
              itemId: entry.itemId,
              headline: entry.headline,
              blurb: entry.blurb,
              imageAlt: entry.imageAlt,
              machineFields: JSON.stringify(entry.machine),
            },
          ],
          { from: items, where: and(eq(items.id, entry.itemId), claim.holds) },
          { ignoreConflicts: true },
        ),
      ),
      db.orm
        .update(digestTranslations)
        .set({
          title: kept.title,
          intro: kept.intro,
          machineFields: JSON.stringify(kept.machine),
          reviewedVersion: kept.reviewedVersion,
          reviewedBy: kept.reviewedBy,
          reviewedAt: kept.reviewedAt,
          correctionNote: kept.correctionNote,
          heldBy: null,
          shown: null,
          updatedAt: writtenAt(audit.now),
          updatedBy: audit.userId,
        })
        .where(and(thisLanguage, claim.holds)),
    );
  } else {
    statements.push(db.orm.delete(digestTranslations).where(and(thisLanguage, claim.holds)));
  }
  statements.push(auditStatementWhere(db, audit.actor, audit.event, audit.now, claim.row));
  await db.batch(statements);
  return claimHeld(db, digest.id, token);
}

/**
 * Takes a held language's text from its readers until it is reviewed: they read the district's own text (as a
 * language they never had), and the changes keep waiting for a second person. For a mistake they must not
 * read meanwhile (a student's full name, say), which a held change alone does not take away. False, with
 * nothing written, when the language or the digest changed since it was read.
 */
export async function withdrawHeldTranslation(
  db: Database,
  digest: TranslatedDigest,
  held: DigestTranslation,
  audit: { actor: Actor; event: AuditEvent; now: number },
): Promise<boolean> {
  const token = randomToken(12);
  const { claim, take } = heldClaim(db, digest, held, token);
  await db.batch([
    take,
    db.orm
      .update(digestTranslations)
      .set({ shown: null })
      .where(
        and(eq(digestTranslations.digestId, digest.id), eq(digestTranslations.lang, held.lang), claim.holds),
      ),
    auditStatementWhere(db, audit.actor, audit.event, audit.now, claim.row),
  ]);
  const withdrawn = await claimHeld(db, digest.id, token);
  if (withdrawn) await db.batch([touchPublicStatement(db)]);
  return withdrawn;
}

/**
 * Statements for a correction's batch that run before it is recorded: the note each language has is the
 * latest correction's, which is about to become an earlier one, and it stays with that correction
 * (correction_note_translations), so its readers keep reading it in their language.
 */
export function keepCorrectionNoteStatements(
  db: Database,
  claim: { holds: SQL; row: RowSource },
  digestId: number,
): Statement[] {
  const latest = sql`(select max(${digestCorrections.id}) from ${digestCorrections} where ${digestCorrections.digestId} = ${digestId})`;
  return insertSelect(
    db,
    correctionNoteTranslations,
    [{ correctionId: latest, lang: digestTranslations.lang, note: readersNote }],
    {
      from: digestTranslations,
      where: and(
        eq(digestTranslations.digestId, digestId),
        isNotNull(readersNote),
        sql`trim(${readersNote}) <> ''`,
        sql`${latest} is not null`,
        claim.holds,
      ),
    },
    { ignoreConflicts: true },
  );
}

/**
 * What a correction does to the translations, as statements for its batch, written only while its claim
 * holds. It empties the translated fields whose original the correction changed: readers of every language
 * see the corrected original there until someone translates it again. It carries each language's review over
 * to the corrected version, since what stays translated was reviewed. And it gives each language this
 * correction's note as translated with it, or none: an earlier correction's note is not this one's (it was
 * kept with that correction by keepCorrectionNoteStatements).
 */
export function correctionTranslationStatements(
  db: Database,
  claim: { holds: SQL; row: RowSource },
  correction: {
    digestId: number;
    fromVersion: number;
    toVersion: number;
    changed: { title: boolean; intro: boolean; entries: Map<number, EntryField[]> };
    /** The note in other languages, by language, as given with the correction. */
    notes: ReadonlyMap<string, string>;
    now: number;
    userId: number | null;
  },
): Statement[] {
  const { digestId, changed } = correction;
  const ofDigest = eq(digestTranslations.digestId, digestId);
  const statements: Statement[] = [];
  const cleared: Partial<Record<DigestField, string>> = {};
  if (changed.title) cleared.title = '';
  if (changed.intro) cleared.intro = '';
  // What a held language's readers kept changes as the language does.
  const shownCleared = (paths: string[]) =>
    sql`json_set(${digestTranslations.shown}, ${sql.join(
      paths.map((path) => sql`${path}, ''`),
      sql`, `,
    )})`;
  if (Object.keys(cleared).length)
    statements.push(
      db.orm
        .update(digestTranslations)
        .set({ ...cleared, shown: shownCleared(Object.keys(cleared).map((field) => `$.${field}`)) })
        .where(and(ofDigest, claim.holds)),
    );
  for (const [itemId, fields] of changed.entries) {
    if (!fields.length) continue;
    statements.push(
      db.orm
        .update(digestTranslations)
        .set({ shown: shownCleared(fields.map((field) => `$.entries."${itemId}".${field}`)) })
        .where(and(ofDigest, isNotNull(digestTranslations.shown), claim.holds)),
      db.orm
        .update(digestEntryTranslations)
        .set(Object.fromEntries(fields.map((f) => [f, ''])))
        .where(
          and(
            eq(digestEntryTranslations.digestId, digestId),
            eq(digestEntryTranslations.itemId, itemId),
            claim.holds,
          ),
        ),
    );
  }
  statements.push(
    db.orm
      .update(digestTranslations)
      .set({
        correctionNote: null,
        shown: sql`json_set(${digestTranslations.shown}, '$.correctionNote', null)`,
      })
      .where(and(ofDigest, claim.holds)),
  );
  for (const [lang, note] of correction.notes) {
    const row = { correctionNote: note, updatedAt: correction.now, updatedBy: correction.userId };
    statements.push(
      ...insertSelect(db, digestTranslations, [{ digestId, lang, ...row }], claim.row, {
        ignoreConflicts: true,
      }),
      db.orm
        .update(digestTranslations)
        .set({
          ...row,
          // The note was published with the correction (approved with it where a second person is
          // required): a held language's readers get it too, over the rest they kept.
          shown: sql`case when ${digestTranslations.heldBy} is null then null else json_set(coalesce(${digestTranslations.shown}, ${NOTHING_SHOWN}), '$.correctionNote', ${note}) end`,
        })
        .where(and(ofDigest, eq(digestTranslations.lang, lang), claim.holds)),
    );
  }
  statements.push(
    ...carryReviewsStatements(
      db,
      digestId,
      { from: correction.fromVersion, to: correction.toVersion },
      claim.holds,
    ),
  );
  return statements;
}

/** A language nobody has translated yet: every field empty, nothing reviewed. */
export function emptyTranslation(digestId: number, lang: string): DigestTranslation {
  return {
    digestId,
    lang,
    title: '',
    intro: '',
    machine: [],
    reviewedVersion: null,
    reviewedBy: null,
    reviewedAt: null,
    updatedBy: null,
    updatedAt: null,
    held: false,
    heldBy: [],
    shown: null,
    correctionNote: null,
    correctionNotes: new Map(),
    entries: new Map(),
  };
}
