// Storage for digests (one per local date) and their entries. Every change that must happen at most once
// (saving a version, publishing) is one batch guarded by a write token; see client.ts.
import {
  and,
  asc,
  count,
  desc,
  eq,
  exists,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  max,
  ne,
  notExists,
  not,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { randomToken } from '../auth/tokens';
import { auditStatementWhere, type Actor, type AuditEvent } from './audit';
import type { Database, Statement } from './client';
import { inList } from './in-list';
import { insertSelect, type RowSource } from './insert-select';
import { touchPublicStatement } from './site-state';
import type { InboxItem } from './items';
import {
  deliveries,
  digestCorrections,
  digestEntries,
  findingOverrides,
  digestEntryTranslations,
  digestTranslations,
  digests,
  items,
  messages,
  schools,
  sources,
  subscriberSchools,
  subscribers,
} from './schema';
import type { OwnerNote } from './owner-notes';
import type { StoredPicture } from './pictures';

export type Digest = typeof digests.$inferSelect;
export type DigestStatus = Digest['status'];
export type DigestEntry = typeof digestEntries.$inferSelect;
/** An entry as the published forms read it; `picture` is the district's copy of its picture, when one is ready. */
export type DigestEntryWithItem = DigestEntry & { item: InboxItem; picture?: StoredPicture };

export interface EntryDraft {
  itemId: number;
  headline: string;
  blurb: string;
  imageUrl: string | null;
  imageAlt: string | null;
}

export interface DigestDraft {
  title: string;
  intro: string;
  entries: EntryDraft[];
}

export async function findDigest(db: Database, date: string): Promise<Digest | undefined> {
  return db.orm.select().from(digests).where(eq(digests.date, date)).get();
}

/** The digest for `date`, created as an empty draft if there is none. */
export async function findOrCreateDigest(db: Database, date: string, now: number): Promise<Digest> {
  await db.orm.insert(digests).values({ date, createdAt: now, updatedAt: now }).onConflictDoNothing();
  return (await findDigest(db, date))!;
}

export async function listPublishedDigests(
  db: Database,
  page: { limit: number; offset: number },
): Promise<Digest[]> {
  return db.orm
    .select()
    .from(digests)
    .where(eq(digests.status, 'published'))
    .orderBy(desc(digests.date))
    .limit(page.limit)
    .offset(page.offset);
}

/** The published digests just before and just after `date`, for a digest page's previous and next day. */
export async function findNeighbourDigests(
  db: Database,
  date: string,
): Promise<{ previous: Digest | undefined; next: Digest | undefined }> {
  const published = eq(digests.status, 'published');
  const [previous, next] = await Promise.all([
    db.orm
      .select()
      .from(digests)
      .where(and(published, lt(digests.date, date)))
      .orderBy(desc(digests.date))
      .limit(1)
      .get(),
    db.orm
      .select()
      .from(digests)
      .where(and(published, gt(digests.date, date)))
      .orderBy(asc(digests.date))
      .limit(1)
      .get(),
  ]);
  return { previous, next };
}

/** The dates of these digests by id: the audit log names a digest by its id, a person by its day. */
export async function listDigestDates(db: Database, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.orm
    .select({ id: digests.id, date: digests.date })
    .from(digests)
    .where(inList(digests.id, ids));
  return new Map(rows.map((row) => [row.id, row.date]));
}

/** The years that have a published digest, newest first: the archive's pages. */
export async function listPublishedYears(db: Database): Promise<number[]> {
  const rows = await db.orm
    .selectDistinct({ year: sql<string>`substr(${digests.date}, 1, 4)` })
    .from(digests)
    .where(eq(digests.status, 'published'))
    .orderBy(desc(sql`substr(${digests.date}, 1, 4)`));
  return rows.map((row) => Number(row.year));
}

/** One year's published digests, newest first. */
export async function listPublishedDigestsInYear(db: Database, year: number): Promise<Digest[]> {
  return db.orm
    .select()
    .from(digests)
    .where(
      and(
        eq(digests.status, 'published'),
        gte(digests.date, `${year}-01-01`),
        lte(digests.date, `${year}-12-31`),
      ),
    )
    .orderBy(desc(digests.date));
}

export async function countPublishedDigests(db: Database): Promise<number> {
  const row = await db.orm.select({ n: count() }).from(digests).where(eq(digests.status, 'published')).get();
  return row?.n ?? 0;
}

export async function lastPublishedAt(db: Database): Promise<number | null> {
  const row = await db.orm
    .select({ at: max(digests.publishedAt) })
    .from(digests)
    .where(eq(digests.status, 'published'))
    .get();
  return row?.at ?? null;
}

/** Entries of these digests in order, each with its item, source and school; taken-down entries excluded. */
export async function listEntries(db: Database, digestIds: number[]): Promise<DigestEntryWithItem[]> {
  if (digestIds.length === 0) return [];
  const rows = await db.orm
    .select({
      entry: digestEntries,
      item: items,
      schoolId: schools.id,
      schoolName: schools.name,
      schoolSlug: schools.slug,
      districtWide: schools.districtWide,
      sourceTitle: sources.title,
      sourceUrl: sources.feedUrl,
      mediaRelease: sources.mediaRelease,
      authorization: sources.authorization,
    })
    .from(digestEntries)
    .innerJoin(items, eq(items.id, digestEntries.itemId))
    .innerJoin(sources, eq(sources.id, items.sourceId))
    .innerJoin(schools, eq(schools.id, sources.schoolId))
    .where(and(inList(digestEntries.digestId, digestIds), isNull(digestEntries.removedAt)))
    .orderBy(asc(digestEntries.digestId), asc(digestEntries.position));
  // The account's name, the post's address and its author as saved with the entry (the feed's current ones
  // only for an entry written without them).
  return rows.map(({ entry, item, sourceTitle, ...rest }) => ({
    ...entry,
    item: {
      ...item,
      ...rest,
      url: entry.postUrl === null ? item.url : entry.postUrl || null,
      author: entry.postAuthor === null ? item.author : entry.postAuthor || null,
      sourceTitle: entry.sourceTitle === null ? sourceTitle : entry.sourceTitle || null,
    },
  }));
}

/**
 * The account's name, the post's address and its author as they are now, for an entry saved now ('' for
 * none): what the checks read is what readers get (listEntries), whatever the feed says later.
 */
function asSavedFrom(itemId: number) {
  return {
    sourceTitle: sql<string>`coalesce((select ${sources.title} from ${sources} where ${sources.id} = (select ${items.sourceId} from ${items} where ${items.id} = ${itemId})), '')`,
    postUrl: sql<string>`coalesce((select ${items.url} from ${items} where ${items.id} = ${itemId}), '')`,
    postAuthor: sql<string>`coalesce((select ${items.author} from ${items} where ${items.id} = ${itemId}), '')`,
  };
}

/**
 * The digest a batch claimed by setting its write token in its first statement (see client.ts): `holds` is
 * the condition the later updates and deletes carry, `row` the one row the later inserts are made from.
 */
export function claimOf(db: Database, digestId: number, token: string): { holds: SQL; row: RowSource } {
  const where = and(eq(digests.id, digestId), eq(digests.writeToken, token));
  return {
    holds: exists(db.orm.select({ id: digests.id }).from(digests).where(where)),
    row: { from: digests, where },
  };
}

/** Conditions on a digest's entries that are still up (not taken down). */
const liveEntryOf = (digestId: number) =>
  and(eq(digestEntries.digestId, digestId), isNull(digestEntries.removedAt));

export type SaveOutcome =
  { ok: true; digest: Digest } | { ok: false; reason: 'conflict' | 'published'; digest: Digest };

/**
 * Replaces a draft's title, intro and entries as one new version. With `expectedVersion` the save happens
 * only if nobody saved in between; otherwise it is refused as a conflict and nothing is written.
 */
export async function saveDigestDraft(
  db: Database,
  date: string,
  draft: DigestDraft,
  options: { expectedVersion?: number; userId: number | null; now: number },
): Promise<SaveOutcome> {
  const digest = await findOrCreateDigest(db, date, options.now);
  if (digest.status === 'published') return { ok: false, reason: 'published', digest };
  const expected = options.expectedVersion ?? digest.version;
  const token = randomToken(12);
  const claim = claimOf(db, digest.id, token);
  const statements: Statement[] = [
    db.orm
      .update(digests)
      .set({
        title: draft.title,
        intro: draft.intro,
        // Any change makes a digest that was ready a draft again: it must pass the checks once more.
        status: 'draft',
        scheduledFor: null,
        version: sql`${digests.version} + 1`,
        writeToken: token,
        updatedAt: options.now,
        updatedBy: options.userId,
      })
      .where(
        and(
          eq(digests.id, digest.id),
          eq(digests.version, expected),
          inArray(digests.status, ['draft', 'ready']),
        ),
      ),
    db.orm.delete(digestEntries).where(and(eq(digestEntries.digestId, digest.id), claim.holds)),
    // A reason from before reasons said what they cover counted for the text it was given to, which this save
    // replaces (curate/desk.ts reasonsInForce): gone, so that nothing brings it back.
    db.orm
      .delete(findingOverrides)
      .where(and(eq(findingOverrides.digestId, digest.id), isNull(findingOverrides.covers), claim.holds)),
    // A post taken out of the draft takes its translations with it (so its source can be removed later).
    db.orm.delete(digestEntryTranslations).where(
      and(
        eq(digestEntryTranslations.digestId, digest.id),
        draft.entries.length
          ? // json_each: one bound parameter however many posts (D1 takes at most 100 a statement).
            not(
              inList(
                digestEntryTranslations.itemId,
                draft.entries.map((e) => e.itemId),
              ),
            )
          : undefined,
        claim.holds,
      ),
    ),
    ...insertSelect(
      db,
      digestEntries,
      draft.entries.map((entry, position) => ({
        digestId: digest.id,
        position,
        ...entry,
        ...asSavedFrom(entry.itemId),
      })),
      claim.row,
    ),
  ];
  await db.batch(statements);
  const after = (await findDigest(db, date))!;
  if (after.writeToken === token) return { ok: true, digest: after };
  return { ok: false, reason: after.status === 'published' ? 'published' : 'conflict', digest: after };
}

export type PublishOutcome = { ok: true; digest: Digest; queued: number } | { ok: false; digest: Digest };

/**
 * Publishes a draft exactly once: the status change, the queue of one delivery per confirmed subscriber who
 * wants one of its schools, and the audit entry are a single batch that only the first caller can claim.
 */
export async function publishDigest(
  db: Database,
  digestId: number,
  actor: Actor,
  now: number,
  /** Publish only this version (the one that was checked); any later save makes this a no-op. */
  expectedVersion?: number,
  auditDetails: Record<string, unknown> = {},
  options: {
    queueEmails: boolean;
    /** The write token the checks read: publish only if nothing was written since (undefined: not asked). */
    expectedWriteToken?: string | null;
  } = { queueEmails: true },
): Promise<PublishOutcome> {
  const written = options.expectedWriteToken;
  const token = randomToken(12);
  const claim = claimOf(db, digestId, token);
  await db.batch([
    db.orm
      .update(digests)
      .set({
        status: 'published',
        publishedAt: now,
        publishedBy: actor.id ?? null,
        writeToken: token,
      })
      .where(
        and(
          eq(digests.id, digestId),
          inArray(digests.status, ['draft', 'ready']),
          expectedVersion === undefined ? undefined : eq(digests.version, expectedVersion),
          written === undefined
            ? undefined
            : written === null
              ? isNull(digests.writeToken)
              : eq(digests.writeToken, written),
        ),
      ),
    // With no email provider (Workers without a token) the digest is published and nobody is queued.
    ...(options.queueEmails
      ? queueEmailsStatements(db, digestId, 'digest', now, {
          from: subscribers,
          where: and(eq(subscribers.status, 'confirmed'), wantsDigest(db, digestId), claim.holds),
        })
      : []),
    auditStatementWhere(
      db,
      actor,
      { action: 'digest.publish', subjectType: 'digest', subjectId: digestId, details: auditDetails },
      now,
      claim.row,
    ),
    touchPublicStatement(db),
  ]);
  const digest = (await db.orm.select().from(digests).where(eq(digests.id, digestId)).get())!;
  if (digest.writeToken !== token) return { ok: false, digest };
  const queued = await db.orm
    .select({ n: count() })
    .from(deliveries)
    .where(and(eq(deliveries.digestId, digestId), eq(deliveries.kind, 'digest')))
    .get();
  return { ok: true, digest, queued: queued?.n ?? 0 };
}

/** A subscriber (the outer row) wants this digest: they chose no school, or one of its posts' schools. */
function wantsDigest(db: Database, digestId: number): SQL | undefined {
  const one = { one: sql`1` };
  // Posts from district-wide schools go to everyone, whatever schools they chose.
  const hasDistrictWideEntry = exists(
    db.orm
      .select(one)
      .from(digestEntries)
      .innerJoin(items, eq(items.id, digestEntries.itemId))
      .innerJoin(sources, eq(sources.id, items.sourceId))
      .innerJoin(schools, eq(schools.id, sources.schoolId))
      .where(and(liveEntryOf(digestId), eq(schools.districtWide, true))),
  );
  const choseNoSchool = notExists(
    db.orm.select(one).from(subscriberSchools).where(eq(subscriberSchools.subscriberId, subscribers.id)),
  );
  const choseOneOfItsSchools = exists(
    db.orm
      .select(one)
      .from(subscriberSchools)
      .innerJoin(sources, eq(sources.schoolId, subscriberSchools.schoolId))
      .innerJoin(items, eq(items.sourceId, sources.id))
      .innerJoin(digestEntries, eq(digestEntries.itemId, items.id))
      .where(and(eq(subscriberSchools.subscriberId, subscribers.id), liveEntryOf(digestId))),
  );
  return or(choseNoSchool, hasDistrictWideEntry, choseOneOfItsSchools);
}

/**
 * One queued email of this digest (or of a correction, `correctionId`) for each subscriber `recipients`
 * finds; one already queued is kept.
 */
function queueEmailsStatements(
  db: Database,
  digestId: number,
  kind: 'digest' | 'correction',
  now: number,
  recipients: RowSource & { from: typeof subscribers | typeof deliveries },
  correctionId?: SQL,
): Statement[] {
  const fromDeliveries = recipients.from === deliveries;
  const subscriberId = fromDeliveries ? deliveries.subscriberId : subscribers.id;
  // An email queued from another (a correction's, from the digest email) keeps the schools it was sent for.
  const schoolIds = fromDeliveries ? deliveries.schoolIds : undefined;
  return insertSelect(
    db,
    deliveries,
    [
      {
        digestId,
        subscriberId,
        kind,
        state: 'queued',
        queuedAt: now,
        updatedAt: now,
        correctionId,
        schoolIds,
      },
    ],
    recipients,
    { ignoreConflicts: true },
  );
}

/** Records a second person's approval of exactly this version; false if the digest moved on meanwhile. */
export async function approveDigest(
  db: Database,
  digestId: number,
  version: number,
  userId: number,
  /** The digest's write token when the approver's checks read it: any write since (a translation's) refuses. */
  writeToken: string | null,
): Promise<boolean> {
  const rows = await db.orm
    .update(digests)
    .set({ approvedBy: userId, approvedVersion: version })
    .where(
      and(
        eq(digests.id, digestId),
        eq(digests.version, version),
        writeToken === null ? isNull(digests.writeToken) : eq(digests.writeToken, writeToken),
        inArray(digests.status, ['draft', 'ready']),
      ),
    )
    .returning({ id: digests.id });
  return rows.length > 0;
}

/**
 * For a batch that records a reason a finding is fine on a digest not yet published, where a second person is
 * required: a judgement made after someone else approved it is not theirs, so their approval no longer holds
 * (and a digest scheduled to publish is a draft again, as after a translation's save); and an approval being
 * recorded at the same moment is refused (a new write token).
 */
export function overrideVoidsApprovalStatements(
  db: Database,
  digestId: number,
  userId: number | null,
): Statement[] {
  const unpublished = and(eq(digests.id, digestId), inArray(digests.status, ['draft', 'ready']));
  return [
    db.orm
      .update(digests)
      .set({ approvedBy: null, approvedVersion: null, status: 'draft', scheduledFor: null })
      .where(
        and(
          unpublished,
          isNotNull(digests.approvedBy),
          ...(userId === null ? [] : [not(eq(digests.approvedBy, userId))]),
        ),
      ),
    db.orm
      .update(digests)
      .set({ writeToken: randomToken(12) })
      .where(unpublished),
  ];
}

/**
 * Records `version` as the one submitted for review: 'submitted'; 'already' if that version was submitted before
 * (nothing is recorded again, so nobody is told again); 'moved' if the digest is no longer at that version
 * (someone saved after the person submitting did: what they submit is what they saw, or nothing).
 */
export async function submitDigest(
  db: Database,
  digestId: number,
  userId: number | null,
  version: number,
  now: number,
): Promise<'submitted' | 'already' | 'moved'> {
  const rows = await db.orm
    .update(digests)
    .set({ submittedBy: userId, submittedAt: now, submittedVersion: version })
    .where(
      and(
        eq(digests.id, digestId),
        eq(digests.version, version),
        or(isNull(digests.submittedVersion), ne(digests.submittedVersion, version)),
      ),
    )
    .returning({ id: digests.id });
  if (rows.length > 0) return 'submitted';
  const [current] = await db.orm
    .select({ version: digests.version })
    .from(digests)
    .where(eq(digests.id, digestId));
  return current?.version === version ? 'already' : 'moved';
}

/** draft → ready for exactly this version, so the scheduler publishes what was checked; false otherwise. */
export async function markDigestReady(
  db: Database,
  digestId: number,
  version: number,
  scheduledFor: number,
): Promise<boolean> {
  const rows = await db.orm
    .update(digests)
    .set({ status: 'ready', scheduledFor })
    .where(
      and(
        eq(digests.id, digestId),
        eq(digests.version, version),
        inArray(digests.status, ['draft', 'ready']),
      ),
    )
    .returning({ id: digests.id });
  return rows.length > 0;
}

export async function unpublishDigest(
  db: Database,
  digestId: number,
  reason: string,
  now: number,
): Promise<boolean> {
  const token = randomToken(12);
  await db.batch([
    db.orm
      .update(digests)
      .set({
        status: 'unpublished',
        unpublishedAt: now,
        unpublishReason: reason,
        writeToken: token,
      })
      .where(and(eq(digests.id, digestId), eq(digests.status, 'published'))),
    touchPublicStatement(db),
  ]);
  const after = await db.orm
    .select({ token: digests.writeToken })
    .from(digests)
    .where(eq(digests.id, digestId))
    .get();
  return after?.token === token;
}

/** Ready digests whose publish slot has come, oldest first. */
export async function listDueReadyDigests(db: Database, now: number): Promise<Digest[]> {
  return db.orm
    .select()
    .from(digests)
    .where(and(eq(digests.status, 'ready'), lte(digests.scheduledFor, now)))
    .orderBy(asc(digests.scheduledFor));
}

/** ready → draft for exactly this version (the scheduler could not publish it); false if it moved on. */
export async function unreadyDigest(db: Database, digestId: number, version: number): Promise<boolean> {
  const rows = await db.orm
    .update(digests)
    .set({ status: 'draft', scheduledFor: null })
    .where(and(eq(digests.id, digestId), eq(digests.status, 'ready'), eq(digests.version, version)))
    .returning({ id: digests.id });
  return rows.length > 0;
}

export async function listDigestsBetween(db: Database, from: string, to: string): Promise<Digest[]> {
  return db.orm
    .select()
    .from(digests)
    .where(and(gte(digests.date, from), lte(digests.date, to)));
}

export type DigestCorrection = typeof digestCorrections.$inferSelect;

/** Corrections of these digests, oldest first. */
export async function listCorrections(db: Database, digestIds: number[]): Promise<DigestCorrection[]> {
  if (digestIds.length === 0) return [];
  return db.orm
    .select()
    .from(digestCorrections)
    .where(inList(digestCorrections.digestId, digestIds))
    .orderBy(asc(digestCorrections.at), asc(digestCorrections.id));
}

/**
 * The entries of these digests taken down since publishing, in the order they were: when, and what the desk
 * shows of each (its headline and the reason given). Readers are told only that something was removed.
 */
export interface Removal {
  digestId: number;
  itemId: number;
  removedAt: number;
  headline: string;
  reason: string | null;
  /** The school whose post it was; null for a district-wide post, which every reader was shown. */
  schoolId: number | null;
}

export async function listRemovals(db: Database, digestIds: number[]): Promise<Removal[]> {
  if (digestIds.length === 0) return [];
  const rows = await db.orm
    .select({
      digestId: digestEntries.digestId,
      itemId: digestEntries.itemId,
      removedAt: digestEntries.removedAt,
      headline: digestEntries.headline,
      reason: digestEntries.removedReason,
      schoolId: sql<number | null>`case when ${schools.districtWide} then null else ${schools.id} end`,
    })
    .from(digestEntries)
    .leftJoin(items, eq(items.id, digestEntries.itemId))
    .leftJoin(sources, eq(sources.id, items.sourceId))
    .leftJoin(schools, eq(schools.id, sources.schoolId))
    .where(and(inList(digestEntries.digestId, digestIds), isNotNull(digestEntries.removedAt)))
    .orderBy(asc(digestEntries.removedAt));
  return rows.map((row) => ({ ...row, removedAt: row.removedAt! }));
}

export interface CorrectionInput {
  title: string;
  intro: string;
  /** The entries that stay, in order, with their corrected text. */
  entries: EntryDraft[];
  /** Entries the correction removes. */
  removedItemIds: number[];
  note: string;
  /** The schools whose posts it changed or removed; null for a correction of the whole digest. */
  schoolIds: number[] | null;
  userId: number | null;
  /** Queue a short correction email to everyone the original reached who follows a school it concerns. */
  email: boolean;
  /** When it publishes a proposal a second person approved: that proposal as stored (it must still wait). */
  approving?: string;
  /**
   * What else the correction writes in its batch, while its claim holds: its translations. `before` runs
   * before the correction is recorded (the digest's latest correction is still the previous one), `after`
   * once it is.
   */
  alongside?: {
    before?: (claim: ReturnType<typeof claimOf>) => Statement[];
    after?: (claim: ReturnType<typeof claimOf>) => Statement[];
  };
}

/**
 * Corrects a published digest as one batch claimed by version: the new text, the correction note, the
 * removals, the audit entry and (when asked) one correction email per person the original reached.
 */
export async function correctDigest(
  db: Database,
  digestId: number,
  expectedVersion: number,
  input: CorrectionInput,
  actor: Actor,
  now: number,
): Promise<{ ok: true; emails: number } | { ok: false }> {
  const token = randomToken(12);
  const claim = claimOf(db, digestId, token);
  const statements: Statement[] = [
    db.orm
      .update(digests)
      .set({
        title: input.title,
        intro: input.intro,
        version: sql`${digests.version} + 1`,
        writeToken: token,
        correctedAt: now,
        correctionNote: input.note,
        updatedAt: now,
        updatedBy: input.userId,
        // A correction published, the one waiting for approval (this one, or one it overtook) is done with.
        pendingCorrection: null,
        pendingCorrectionBy: null,
        pendingCorrectionAt: null,
      })
      .where(
        and(
          eq(digests.id, digestId),
          eq(digests.status, 'published'),
          eq(digests.version, expectedVersion),
          // Approving publishes the proposal the approver was shown, and no other that replaced it since.
          input.approving === undefined ? undefined : eq(digests.pendingCorrection, input.approving),
        ),
      ),
    ...input.entries.map((entry, position) =>
      db.orm
        .update(digestEntries)
        .set({
          position,
          headline: entry.headline,
          blurb: entry.blurb,
          imageUrl: entry.imageUrl,
          imageAlt: entry.imageAlt,
        })
        .where(
          and(eq(digestEntries.digestId, digestId), eq(digestEntries.itemId, entry.itemId), claim.holds),
        ),
    ),
    ...input.removedItemIds.map((itemId) =>
      db.orm
        .update(digestEntries)
        .set({ removedAt: now, removedReason: `Removed in a correction: ${input.note}` })
        .where(
          and(
            eq(digestEntries.digestId, digestId),
            eq(digestEntries.itemId, itemId),
            isNull(digestEntries.removedAt),
            claim.holds,
          ),
        ),
    ),
    ...(input.alongside?.before?.(claim) ?? []),
    ...insertSelect(
      db,
      digestCorrections,
      [
        {
          digestId,
          at: now,
          note: input.note,
          schoolIds: input.schoolIds,
          userId: input.userId,
          emailed: input.email,
          writeToken: token,
        },
      ],
      claim.row,
    ),
    // Everyone the original reached (or is reaching now: their email is rendered already) who still wants the
    // digest and was sent a school the correction concerns, one email each about this correction (the one just
    // recorded: the claim keeps others out meanwhile).
    ...(input.email
      ? queueEmailsStatements(
          db,
          digestId,
          'correction',
          now,
          {
            from: deliveries,
            where: and(
              eq(deliveries.digestId, digestId),
              eq(deliveries.kind, 'digest'),
              inArray(deliveries.state, ['sent', 'sending']),
              inArray(
                deliveries.subscriberId,
                db.orm
                  .select({ id: subscribers.id })
                  .from(subscribers)
                  .where(eq(subscribers.status, 'confirmed')),
              ),
              input.schoolIds === null ? undefined : sentForAnyOf(db, input.schoolIds),
              claim.holds,
            ),
          },
          latestCorrectionOf(digestId),
        )
      : []),
    auditStatementWhere(
      db,
      actor,
      {
        action: 'digest.correct',
        subjectType: 'digest',
        subjectId: digestId,
        details: { note: input.note, removed: input.removedItemIds, email: input.email },
      },
      now,
      claim.row,
    ),
    ...(input.alongside?.after?.(claim) ?? []),
    touchPublicStatement(db),
  ];
  await db.batch(statements);
  // The correction carries this batch's token: found, the whole batch was written (it is one transaction),
  // even if another write (a takedown, say) has claimed the digest since; not found, nothing was.
  const recorded = await db.orm
    .select({ id: digestCorrections.id })
    .from(digestCorrections)
    .where(and(eq(digestCorrections.digestId, digestId), eq(digestCorrections.writeToken, token)))
    .get();
  if (!recorded) return { ok: false };
  if (!input.email) return { ok: true, emails: 0 };
  const queued = await db.orm
    .select({ n: count() })
    .from(deliveries)
    .where(and(eq(deliveries.digestId, digestId), eq(deliveries.correctionId, recorded.id)))
    .get();
  const emails = queued?.n ?? 0;
  // Nobody it concerns had received the digest: the correction was not emailed after all.
  if (emails === 0)
    await db.orm
      .update(digestCorrections)
      .set({ emailed: false })
      .where(eq(digestCorrections.id, recorded.id));
  return { ok: true, emails };
}

/** The id of a digest's latest correction, as an expression read when the statement runs. */
function latestCorrectionOf(digestId: number): SQL {
  return sql`(select max(${digestCorrections.id}) from ${digestCorrections} where ${digestCorrections.digestId} = ${digestId})`;
}

/**
 * Whether a sent digest email went to someone reading one of these schools: the schools chosen when it was
 * sent (none: every school), so a parent who has since changed schools is told of a mistake they were sent,
 * and not of one they never saw. Emails sent before the choice was kept go by the schools chosen now.
 */
function sentForAnyOf(db: Database, schoolIds: number[]) {
  const chosen = (where?: SQL) =>
    db.orm
      .select({ one: sql`1` })
      .from(subscriberSchools)
      .where(and(eq(subscriberSchools.subscriberId, deliveries.subscriberId), where));
  const followsNow = or(notExists(chosen()), exists(chosen(inList(subscriberSchools.schoolId, schoolIds))));
  const sentFor = sql`(json_array_length(${deliveries.schoolIds}) = 0 or exists (select 1 from json_each(${deliveries.schoolIds}) as sent where sent.value in (select value from json_each(${JSON.stringify(schoolIds)}))))`;
  return or(and(isNull(deliveries.schoolIds), followsNow), and(isNotNull(deliveries.schoolIds), sentFor));
}

/**
 * Takes one entry of a published digest down everywhere at once, as one batch: the entry is marked removed
 * (pages, feeds, the embed and unsent emails stop showing it), the audit log keeps the reason, and a digest
 * left with no entries is taken down as a whole.
 */
export async function takeDownDigestEntry(
  db: Database,
  digestId: number,
  itemId: number,
  reason: string,
  /** With the person whose saves this actor's are (a desk actor's `userId`). */
  actor: Actor & { userId?: number | null },
  now: number,
  /** The note to the feed's owner, queued with the takedown or not at all. */
  note?: OwnerNote,
): Promise<{ ok: true; digestTakenDown: boolean } | { ok: false }> {
  const token = randomToken(12);
  const claim = claimOf(db, digestId, token);
  const liveEntries = (also?: SQL) =>
    db.orm
      .select({ itemId: digestEntries.itemId })
      .from(digestEntries)
      .where(and(liveEntryOf(digestId), also));
  await db.batch([
    db.orm
      .update(digests)
      // A new version, saved by whoever took the entry down (as their saves are; nobody's from a program).
      .set({
        version: sql`${digests.version} + 1`,
        writeToken: token,
        updatedAt: now,
        updatedBy: actor.userId ?? null,
      })
      .where(
        and(
          eq(digests.id, digestId),
          eq(digests.status, 'published'),
          exists(liveEntries(eq(digestEntries.itemId, itemId))),
        ),
      ),
    db.orm
      .update(digestEntries)
      .set({ removedAt: now, removedReason: reason })
      .where(and(eq(digestEntries.digestId, digestId), eq(digestEntries.itemId, itemId), claim.holds)),
    db.orm
      .update(digests)
      .set({
        status: 'unpublished',
        unpublishedAt: now,
        unpublishReason: `Every entry was taken down. Last: ${reason}`,
      })
      .where(and(eq(digests.id, digestId), claim.holds, notExists(liveEntries()))),
    auditStatementWhere(
      db,
      actor,
      { action: 'entry.takedown', subjectType: 'digest', subjectId: digestId, details: { itemId, reason } },
      now,
      claim.row,
    ),
    ...(note ? ownerNoteInserts(db, note, now, claim.row) : []),
    // Taking a post down changes no translated text: each language stays reviewed, so its readers do not
    // lose it for the district's own words. The version is now one on from the one reviewed.
    ...carryReviewsStatements(
      db,
      digestId,
      {
        from: sql`(select ${digests.version} - 1 from ${digests} where ${digests.id} = ${digestId})`,
        to: sql`(select ${digests.version} from ${digests} where ${digests.id} = ${digestId})`,
      },
      claim.holds,
    ),
    touchPublicStatement(db),
  ]);
  // The entry is read back rather than the digest's token, which another write (a correction, a takedown of
  // another post) may have replaced the moment after: marked removed at this instant for this reason, the post
  // is down as this takedown asked (only a post still up lets a takedown claim the digest).
  const entry = await db.orm
    .select({ removedAt: digestEntries.removedAt, removedReason: digestEntries.removedReason })
    .from(digestEntries)
    .where(and(eq(digestEntries.digestId, digestId), eq(digestEntries.itemId, itemId)))
    .get();
  if (entry?.removedAt !== now || entry.removedReason !== reason) return { ok: false };
  const after = await db.orm
    .select({ status: digests.status })
    .from(digests)
    .where(eq(digests.id, digestId))
    .get();
  return { ok: true, digestTakenDown: after?.status === 'unpublished' };
}

/**
 * Each language reviewed at the digest's version `from` (and what a held language's readers keep, if it was)
 * counts as reviewed at `to`, written only while `holds`: for a change that leaves every translated text as
 * it was or empties what no longer matches (a correction, a post taken down), since what stays was reviewed.
 */
export function carryReviewsStatements(
  db: Database,
  digestId: number,
  versions: { from: number | SQL; to: number | SQL },
  holds: SQL,
): Statement[] {
  const ofDigest = eq(digestTranslations.digestId, digestId);
  return [
    db.orm
      .update(digestTranslations)
      .set({ reviewedVersion: sql`${versions.to}` })
      .where(
        and(
          ofDigest,
          isNotNull(digestTranslations.reviewedVersion),
          eq(digestTranslations.reviewedVersion, sql`${versions.from}`),
          holds,
        ),
      ),
    db.orm
      .update(digestTranslations)
      .set({ shown: sql`json_set(${digestTranslations.shown}, '$.reviewedVersion', ${versions.to})` })
      .where(
        and(
          ofDigest,
          sql`json_extract(${digestTranslations.shown}, '$.reviewedVersion') = ${versions.from}`,
          holds,
        ),
      ),
  ];
}

/** Published digests with at least one entry (still up) from this school, newest first. */
export async function listPublishedDigestsForSchool(
  db: Database,
  schoolId: number,
  page: { limit: number; offset: number },
): Promise<Digest[]> {
  return db.orm
    .select()
    .from(digests)
    .where(and(eq(digests.status, 'published'), hasEntryFromSchool(db, schoolId)))
    .orderBy(desc(digests.date))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countPublishedDigestsForSchool(db: Database, schoolId: number): Promise<number> {
  const row = await db.orm
    .select({ n: count() })
    .from(digests)
    .where(and(eq(digests.status, 'published'), hasEntryFromSchool(db, schoolId)))
    .get();
  return row?.n ?? 0;
}

/** The digest (the outer row) has a post still up from this school. */
function hasEntryFromSchool(db: Database, schoolId: number) {
  return exists(
    db.orm
      .select({ one: sql`1` })
      .from(digestEntries)
      .innerJoin(items, eq(items.id, digestEntries.itemId))
      .innerJoin(sources, eq(sources.id, items.sourceId))
      .where(
        and(
          eq(digestEntries.digestId, digests.id),
          isNull(digestEntries.removedAt),
          eq(sources.schoolId, schoolId),
        ),
      ),
  );
}

/** An entry of a published digest without its picture (taken down); public pages are rebuilt. */
export async function clearEntryPicture(
  db: Database,
  digestId: number,
  itemId: number,
  now: number,
  /**
   * The notes to feeds' owners (this post's, and those of other posts that showed the same copy), queued with
   * the change or not at all; each only while its digest is there.
   */
  notes: OwnerNote[] = [],
  /** Other published posts that showed the same copy: they show none now either. */
  sharing: { digestId: number; itemId: number }[] = [],
): Promise<void> {
  await db.batch([
    ...[{ digestId, itemId }, ...sharing].map((entry) =>
      db.orm
        .update(digestEntries)
        .set({ imageUrl: null, pictureRemovedAt: now })
        .where(and(eq(digestEntries.digestId, entry.digestId), eq(digestEntries.itemId, entry.itemId))),
    ),
    ...notes.flatMap((note) =>
      ownerNoteInserts(db, note, now, { from: digests, where: eq(digests.id, note.digestId ?? digestId) }),
    ),
    touchPublicStatement(db),
  ]);
}

/** A note to a feed's owner as inserts in a batch, made from `row` (so only if it is there), once by its key. */
function ownerNoteInserts(db: Database, note: OwnerNote, now: number, row: RowSource): Statement[] {
  return insertSelect(db, messages, [{ ...note, queuedAt: now, updatedAt: now }], row, {
    ignoreConflicts: true,
  });
}

/**
 * Records a correction waiting for a second person's approval, made on `version` (which must still be the
 * published one): it replaces one waiting before. Answers false when the digest changed meanwhile.
 */
export async function proposeCorrection(
  db: Database,
  digestId: number,
  version: number,
  request: string,
  userId: number | null,
  audit: { actor: Actor; event: AuditEvent; now: number },
): Promise<boolean> {
  return claimedWrite(db, digestId, audit, (writeToken) =>
    db.orm
      .update(digests)
      .set({
        pendingCorrection: request,
        pendingCorrectionBy: userId,
        pendingCorrectionAt: audit.now,
        writeToken,
      })
      .where(
        and(
          eq(digests.id, digestId),
          eq(digests.status, 'published'),
          eq(digests.version, version),
          // Only over nothing waiting, or over the proposer's own: someone else's is approved or discarded first.
          or(
            isNull(digests.pendingCorrection),
            userId === null ? sql`0` : eq(digests.pendingCorrectionBy, userId),
          ),
        ),
      ),
  );
}

/** Drops the correction waiting for approval, if it is still `stored`, with its audit entry; answers whether it did. */
export async function discardPendingCorrection(
  db: Database,
  digestId: number,
  stored: string,
  audit: { actor: Actor; event: AuditEvent; now: number },
): Promise<boolean> {
  return claimedWrite(db, digestId, audit, (writeToken) =>
    db.orm
      .update(digests)
      .set({ pendingCorrection: null, pendingCorrectionBy: null, pendingCorrectionAt: null, writeToken })
      .where(and(eq(digests.id, digestId), eq(digests.pendingCorrection, stored))),
  );
}

/**
 * One UPDATE of a digest that claims it (a random write token) and its audit entry, written in one batch only
 * if the claim holds; answers whether it did.
 */
async function claimedWrite(
  db: Database,
  digestId: number,
  audit: { actor: Actor; event: AuditEvent; now: number },
  update: (writeToken: string) => Statement,
): Promise<boolean> {
  const token = randomToken(12);
  const claim = claimOf(db, digestId, token);
  await db.batch([update(token), auditStatementWhere(db, audit.actor, audit.event, audit.now, claim.row)]);
  return claimHeld(db, digestId, token);
}

/** After a batch claimed on `token` (claimOf): whether the claim held, the token being the digest's now. */
export async function claimHeld(db: Database, digestId: number, token: string): Promise<boolean> {
  const [after] = await db.orm
    .select({ writeToken: digests.writeToken })
    .from(digests)
    .where(eq(digests.id, digestId));
  return after?.writeToken === token;
}

/** How many subscribers the digest's email would go to if it were published now. */
export async function countWouldReceive(db: Database, digestId: number): Promise<number> {
  const row = await db.orm
    .select({ n: count() })
    .from(subscribers)
    .where(and(eq(subscribers.status, 'confirmed'), wantsDigest(db, digestId)))
    .get();
  return row?.n ?? 0;
}

/**
 * Entries still up in digests published since `since` whose post was read again from its feed with other
 * content after its digest was published (curate/changed-posts.ts), with what tells what changed.
 */
export async function listEntriesReadAgainSince(db: Database, since: number) {
  return db.orm
    .select({
      date: digests.date,
      publishedAt: digests.publishedAt,
      itemId: digestEntries.itemId,
      headline: digestEntries.headline,
      schoolName: schools.name,
      imageUrl: digestEntries.imageUrl,
      removedAt: digestEntries.removedAt,
      pictureRemovedAt: digestEntries.pictureRemovedAt,
      postUrl: items.url,
      item: {
        updatedAt: items.updatedAt,
        imageUrl: items.imageUrl,
        imageAlt: items.imageAlt,
        contentHtml: items.contentHtml,
      },
    })
    .from(digestEntries)
    .innerJoin(digests, eq(digests.id, digestEntries.digestId))
    .innerJoin(items, eq(items.id, digestEntries.itemId))
    .innerJoin(sources, eq(sources.id, items.sourceId))
    .innerJoin(schools, eq(schools.id, sources.schoolId))
    .where(
      and(
        // The recent digests first, by their own index, so that only their entries are read.
        inArray(
          digestEntries.digestId,
          db.orm
            .select({ id: digests.id })
            .from(digests)
            .where(and(eq(digests.status, 'published'), gte(digests.publishedAt, since))),
        ),
        isNull(digestEntries.removedAt),
        gt(items.updatedAt, digests.publishedAt),
      ),
    )
    .orderBy(desc(digests.date), digestEntries.position)
    .all();
}
