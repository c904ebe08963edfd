// Correcting a published digest: its text, its order or its posts, with a note shown wherever the digest is
// read, in the district's languages, to the readers of the schools it concerns, and optionally emailed to them.
import { randomToken } from '../auth/tokens';
import { auditStatementWhere, type AuditEvent } from '../db/audit';
import {
  correctDigest as correctDigestRecord,
  discardPendingCorrection,
  findDigest,
  proposeCorrection,
  type Digest,
  type EntryDraft,
} from '../db/digests';
import { overrideStatementsWhere } from '../db/findings';
import { withPictures } from '../db/pictures';
import {
  correctionTranslationStatements,
  keepCorrectionNoteStatements,
  emptyTranslation,
  type DigestTranslation,
} from '../db/translations';
import { emailIsOn } from '../email/no-mailer';
import { t } from '../i18n/desk-text';
import { copyPictures } from '../pictures/copy-pictures';
import { formatDay, formatLongDate } from '../publish/digest-content';
import { readDistrictSettings, siteOf, type DistrictSettings } from '../settings/district-settings';
import { notifyEditors } from './notify-editors';
import { coveredBy, NOT_OVERRIDABLE, type Finding } from './run-checks';
import {
  checkDigest,
  DeskError,
  givenReason,
  reasonGivenEvent,
  imageUrlsOf,
  limit,
  limitLine,
  loadDesk,
  requirePermission,
  resolveEntries,
  type DeskActor,
  type DeskDeps,
  type DeskEntry,
  type DraftInput,
  type PictureDeskDeps,
} from './desk';
import {
  correctedFieldsOf,
  languageLabel,
  translatedLanguages,
  withoutCorrected,
  type CorrectedFields,
} from './translations-checks';

export interface CorrectionRequest extends DraftInput {
  /** What was wrong and what changed, shown with the digest everywhere it is read. */
  note: string;
  /** Send a short correction email to everyone the original reached. */
  email: boolean;
  /**
   * The note in the district's other languages, by language; one left out or empty is shown in the
   * district's own until someone translates it.
   */
  noteTranslations?: Readonly<Record<string, string>>;
  /**
   * Why a finding in the corrected text is fine (a name with a release, a word in its sense), typed under it:
   * recorded with the correction, covering what the finding found in it, and with nothing if it is refused.
   */
  reasons?: readonly CorrectionReason[];
}

export interface CorrectionReason {
  itemId: number;
  kind: string;
  reason: string;
  /**
   * What the finding found when the reason was given, kept with a proposal: at its approval the reason resolves
   * the finding only while it finds no more than that (a word added to the tone list since is for the proposer).
   */
  covers?: string;
}

/** An audit event of an approved proposal's, naming who proposed it. */
function withProposer(event: AuditEvent, approving: { by: number | null } | undefined): AuditEvent {
  return approving ? { ...event, details: { ...event.details, proposedBy: approving.by } } : event;
}

/**
 * The corrected text's findings that the typed reasons resolve, and those still open. A reason too short
 * refuses the correction, with every finding of the corrected text to show beside the posts again.
 */
function resolvedByReasons(
  findings: Finding[],
  reasons: readonly CorrectionReason[],
): { given: { finding: Finding; reason: string }[]; open: Finding[] } {
  const typed = new Map(reasons.map((r) => [`${r.itemId} ${r.kind}`, r]));
  const given: { finding: Finding; reason: string }[] = [];
  const open: Finding[] = [];
  for (const finding of findings) {
    if (finding.override) continue;
    const typedFor = typed.get(`${finding.itemId} ${finding.kind}`);
    const reason = typedFor?.reason.trim();
    const outgrown =
      typedFor?.covers !== undefined &&
      !coveredBy(typedFor.covers, finding.covers ?? finding.message, finding.kind);
    if (!reason || NOT_OVERRIDABLE.has(finding.kind) || outgrown) open.push(finding);
    else if (reason.length < 10)
      throw new DeskError(422, 'reason-required', t('desk.refusals.overrideReasonRequired'), {
        findings: findings.filter((f) => !f.override),
        field: `reason_${finding.itemId}_${finding.kind}`,
      });
    else given.push({ finding, reason });
  }
  return { given, open };
}

/**
 * Corrects a published digest: its text, its order, or entries removed (nothing new is added to a digest
 * people have already read). The corrected version must pass the checks; the note is shown on the page, in
 * the feeds (same id, new updated time) and in the embed, and optionally emailed.
 */
export async function correctDesk(
  deps: DeskDeps,
  actor: DeskActor,
  date: string,
  request: CorrectionRequest,
  /**
   * Set when a second person approves a correction that was waiting for them (approveCorrection): the stored
   * proposal, and who proposed it when, for the approval's audit entry in the correction's own batch.
   */
  approving?: { stored: string; by: number | null; at: number },
): Promise<{ emails: number; pending?: true }> {
  requirePermission(actor, 'publish', t('desk.refusals.forbidden.correctDigests', { role: actor.role }));
  const before = await loadDesk(deps, date);
  const digest = before.digest;
  if (!digest || digest.status !== 'published')
    throw new DeskError(409, 'not-published', t('desk.refusals.nothingToCorrect', { day: formatDay(date) }));
  if (request.version !== undefined && request.version !== digest.version)
    throw new DeskError(409, 'conflict', t('desk.refusals.changedWhileCorrecting'), { current: before });
  const note = request.note.trim();
  const notes = noteTranslationsOf(before.settings, request.noteTranslations ?? {});
  const current = new Set(before.entries.map((e) => e.itemId));
  const added = request.entries.find((e) => !current.has(e.itemId));
  if (added) throw new DeskError(422, 'not-in-digest', t('desk.refusals.correctionAddsPosts'));
  const entries = await resolveEntries(deps, before, request.entries);
  // A picture chosen in a correction is copied first; one that cannot be is refused below like any finding.
  if (deps.pictures) await copyPictures(deps as PictureDeskDeps, imageUrlsOf(entries));
  if (entries.length === 0) throw new DeskError(422, 'empty', t('desk.refusals.correctionRemovesAll'));
  const title = limitLine(request.title, digest.title, 200, (n) => t('desk.refusals.tooLong.title', n));
  const intro = limit(request.intro ?? digest.intro, 1000, (n) => t('desk.refusals.tooLong.intro', n));
  // The corrected version goes through the same checks before anyone sees it.
  const stored = new Map(before.entries.map((e) => [e.itemId, e]));
  const proposed = await withPictures(
    deps.db,
    entries.map((draft) => ({ ...stored.get(draft.itemId)!, ...draft, picture: undefined })),
  );
  const corrected = correctedFieldsOf(
    { title: digest.title, intro: digest.intro, entries: before.entries },
    { title, intro, entries },
  );
  const findings = await checkDigest(
    deps,
    before.settings,
    { ...digest, title, intro },
    proposed,
    withNotes(withoutCorrected(before.translations, corrected), digest.id, notes),
    { correction: { note } },
  );
  // Every finding the reasons were typed against goes back with a refusal, so the page draws each one's box
  // again with its reason in it, whatever the refusal is for (the note, another finding).
  const shown = findings.filter((f) => !f.override);
  const { given, open } = resolvedByReasons(findings, request.reasons ?? []);
  const withFindings = (refuse: () => unknown) => {
    try {
      refuse();
    } catch (error) {
      if (error instanceof DeskError)
        throw new DeskError(error.status, error.code, error.message, {
          ...error.details,
          findings: shown,
          field: 'correction_note',
        });
      throw error;
    }
  };
  // The note's own problems name its field, so the desk puts the sentence beside it.
  withFindings(() => {
    if (note.length < 10) throw new DeskError(422, 'note-required', t('desk.refusals.noteRequired'));
    limit(note, 500, (n) => t('desk.refusals.tooLong.correctionNote', n));
  });
  if (open.length)
    throw new DeskError(422, 'findings', t('desk.refusals.correctionFindings', { count: open.length }), {
      findings: shown,
    });
  // Where the district requires a second person, a correction is theirs to approve before anyone sees it:
  // checked now, so what waits is publishable, and published as it is once approved.
  if (before.settings.requireApproval && !approving) {
    // Its reasons as they were given, each with what it covered, so that approving it covers no more.
    const reasons = given.map(({ finding, reason }) => ({
      itemId: finding.itemId,
      kind: finding.kind,
      reason,
      covers: finding.covers ?? finding.message,
    }));
    await propose(deps, actor, date, digest.id, digest.version, { ...request, note, reasons });
    return { emails: 0, pending: true };
  }
  const kept = new Set(entries.map((e) => e.itemId));
  const removedItemIds = before.entries.filter((e) => !kept.has(e.itemId)).map((e) => e.itemId);
  const outcome = await correctDigestRecord(
    deps.db,
    digest.id,
    digest.version,
    {
      title,
      intro,
      entries,
      removedItemIds,
      note,
      schoolIds: correctedSchools(before.entries, entries, removedItemIds, corrected),
      // Its words are its proposer's: the approver published them (the audit log says both).
      userId: approving ? approving.by : actor.userId,
      email: request.email && emailIsOn(deps.mailer),
      approving: approving?.stored,
      // Every language at once, in the same batch: the previous correction keeps its translated notes, and a
      // translated field whose original changed is emptied, so its readers see the corrected original there
      // until someone translates it again.
      alongside: {
        before: (claim) => keepCorrectionNoteStatements(deps.db, claim, digest.id),
        after: (claim) => [
          ...correctionTranslationStatements(deps.db, claim, {
            digestId: digest.id,
            fromVersion: digest.version,
            toVersion: digest.version + 1,
            changed: corrected,
            notes,
            now: deps.now(),
            userId: approving ? approving.by : actor.userId,
          }),
          // Each reason as its own button would record it on a draft, with what it found in the corrected
          // text; a proposal's are its proposer's, as its words are.
          ...given.flatMap(({ finding, reason }) => [
            ...overrideStatementsWhere(
              deps.db,
              digest.id,
              givenReason(finding, reason, approving ? approving.by : actor.userId, deps.now()),
              claim,
            ),
            auditStatementWhere(
              deps.db,
              actor,
              withProposer(reasonGivenEvent(date, finding, reason), approving),
              deps.now(),
              claim.row,
            ),
          ]),
          ...(approving
            ? [
                auditStatementWhere(
                  deps.db,
                  actor,
                  {
                    action: 'digest.correction_approved',
                    subjectType: 'digest',
                    subjectId: date,
                    details: { proposedBy: approving.by, proposedAt: approving.at },
                  },
                  deps.now(),
                  claim.row,
                ),
              ]
            : []),
        ],
      },
    },
    actor,
    deps.now(),
  );
  if (!outcome.ok)
    throw new DeskError(409, 'conflict', t('desk.refusals.changedWhileCorrecting'), {
      current: await loadDesk(deps, date),
    });
  if (outcome.emails) deps.background.wakeSender();
  return { emails: outcome.emails };
}

/** Records the correction as waiting for approval, and tells the editors. */
async function propose(
  deps: DeskDeps,
  actor: DeskActor,
  date: string,
  digestId: number,
  version: number,
  request: CorrectionRequest,
): Promise<void> {
  const now = deps.now();
  // A proposal is known by a random id of its own: approving or discarding names the one its page showed.
  const stored: CorrectionRequest & { id: string } = {
    id: randomToken(12),
    title: request.title,
    intro: request.intro,
    entries: request.entries,
    note: request.note,
    email: request.email,
    noteTranslations: request.noteTranslations,
    ...(request.reasons?.length ? { reasons: request.reasons } : {}),
    version,
  };
  const audit = {
    actor,
    now,
    event: {
      action: 'digest.correction_proposed',
      subjectType: 'digest',
      subjectId: date,
      details: { version, note: request.note, email: request.email },
    },
  };
  if (!(await proposeCorrection(deps.db, digestId, version, JSON.stringify(stored), actor.userId, audit))) {
    const current = await loadDesk(deps, date);
    // Someone else's proposal waits: it is approved or discarded first, never replaced unseen.
    if (pendingCorrectionOf(current.digest) && current.digest?.version === version)
      throw new DeskError(409, 'correction-waiting', t('desk.refusals.correctionWaiting'));
    throw new DeskError(409, 'conflict', t('desk.refusals.changedWhileCorrecting'), { current });
  }
  const settings = await readDistrictSettings(deps.db);
  await notifyEditors(
    { ...deps, site: siteOf(settings, deps.publicUrl) },
    {
      subject: `A correction to the digest for ${formatDay(date)} waits for approval`,
      heading: 'A correction waits for approval',
      paragraphs: [
        `${actor.label} proposed a correction to the digest for ${formatLongDate(date)}: “${request.note}”`,
        'The district requires a second person, so it is published when another editor approves it.',
      ],
      action: { label: 'Review it', url: `${deps.publicUrl}/admin/inbox?date=${date}` },
    },
    'correction',
    actor.email,
  );
}

/** The correction waiting for approval on this digest, as it was proposed, if there is one. */
export function pendingCorrectionOf(
  digest: Pick<Digest, 'pendingCorrection' | 'pendingCorrectionBy' | 'pendingCorrectionAt'> | undefined,
): { id: string; request: CorrectionRequest; by: number | null; at: number; stored: string } | undefined {
  if (!digest?.pendingCorrection || digest.pendingCorrectionAt === null) return undefined;
  const { id, ...request } = JSON.parse(digest.pendingCorrection) as CorrectionRequest & { id: string };
  return {
    id,
    request,
    by: digest.pendingCorrectionBy,
    at: digest.pendingCorrectionAt,
    stored: digest.pendingCorrection,
  };
}

/**
 * A second person publishes the correction waiting for approval, exactly as proposed (checked again, on the
 * version it was made on): never the person who proposed it.
 */
export async function approveCorrection(
  deps: DeskDeps,
  actor: DeskActor,
  date: string,
  /** The id of the proposal the approver was shown: another one is not approved in its place. */
  proposalId: string,
): Promise<{ emails: number }> {
  requirePermission(actor, 'approve', t('desk.refusals.forbidden.approveDigests', { role: actor.role }));
  if (actor.userId === null) throw new DeskError(403, 'person-required', t('desk.refusals.personRequired'));
  const digest = await findDigest(deps.db, date);
  const pending = pendingCorrectionOf(digest);
  if (!pending)
    throw new DeskError(
      409,
      'no-pending-correction',
      t('desk.refusals.noPendingCorrection', { day: formatDay(date) }),
    );
  if (pending.id !== proposalId)
    throw new DeskError(409, 'correction-replaced', t('desk.refusals.correctionReplaced'));
  if (pending.by === actor.userId)
    throw new DeskError(403, 'second-person', t('desk.refusals.secondPersonCorrection'));
  if (pending.request.version !== digest?.version)
    throw new DeskError(409, 'pending-stale', t('desk.refusals.pendingCorrectionStale'));
  let outcome: { emails: number };
  try {
    outcome = await correctDesk(deps, actor, date, pending.request, pending);
  } catch (error) {
    // What changed since it was proposed (a new word on the tone list, say) is for its proposer to fix.
    if (error instanceof DeskError && error.code === 'findings')
      throw new DeskError(
        422,
        'findings',
        t('desk.refusals.pendingCorrectionFindings', { reason: error.message }),
      );
    if (error instanceof DeskError && error.code === 'conflict')
      throw new DeskError(409, 'correction-replaced', t('desk.refusals.correctionReplaced'));
    throw error;
  }
  return outcome;
}

/** Drops the correction waiting for approval, the one its discarder was shown (editors may; the proposer too). */
export async function discardCorrection(
  deps: DeskDeps,
  actor: DeskActor,
  date: string,
  proposalId: string,
): Promise<void> {
  requirePermission(actor, 'publish', t('desk.refusals.forbidden.correctDigests', { role: actor.role }));
  const digest = await findDigest(deps.db, date);
  const pending = pendingCorrectionOf(digest);
  if (pending && pending.id !== proposalId)
    throw new DeskError(409, 'correction-replaced', t('desk.refusals.correctionReplaced'));
  const discarded =
    digest &&
    pending &&
    (await discardPendingCorrection(deps.db, digest.id, pending.stored, {
      actor,
      now: deps.now(),
      event: {
        action: 'digest.correction_discarded',
        subjectType: 'digest',
        subjectId: date,
        details: { proposedBy: pending.by, note: pending.request.note },
      },
    }));
  if (!discarded)
    throw new DeskError(
      409,
      'no-pending-correction',
      t('desk.refusals.noPendingCorrection', { day: formatDay(date) }),
    );
}

/** A correction's note in the district's other languages: the ones given, each within the note's limit. */
function noteTranslationsOf(
  settings: DistrictSettings,
  given: Readonly<Record<string, string>>,
): Map<string, string> {
  const offered: readonly string[] = translatedLanguages(settings);
  const notes = new Map<string, string>();
  for (const [lang, text] of Object.entries(given)) {
    // Left empty, even in a language no longer offered (a form opened before Settings changed): nothing to keep.
    const note = text.trim();
    if (!note) continue;
    if (!offered.includes(lang))
      throw new DeskError(422, 'invalid', t('desk.refusals.noteLanguageNotOffered', { lang }));
    limit(note, 500, (n) =>
      t('desk.refusals.tooLong.translatedCorrectionNote', { ...n, language: languageLabel(lang) }),
    );
    notes.set(lang, note);
  }
  return notes;
}

/** The translations as they will read with a new correction: its note in each language given, none in the rest. */
function withNotes(
  translations: ReadonlyMap<string, DigestTranslation>,
  digestId: number,
  notes: ReadonlyMap<string, string>,
): Map<string, DigestTranslation> {
  const next = new Map(
    [...translations].map(([lang, translation]) => [
      lang,
      { ...translation, correctionNote: notes.get(lang) ?? null },
    ]),
  );
  for (const [lang, note] of notes)
    if (!next.has(lang)) next.set(lang, { ...emptyTranslation(digestId, lang), correctionNote: note });
  return next;
}

/**
 * The schools whose readers a correction concerns: those whose posts it changed (text or picture) or removed.
 * Null, for every reader, when it changed the title or intro, which everyone was shown, a district-wide post,
 * or no post at all (only the order, or only a note).
 */
function correctedSchools(
  before: DeskEntry[],
  after: EntryDraft[],
  removedItemIds: number[],
  corrected: CorrectedFields,
): number[] | null {
  if (corrected.title || corrected.intro) return null;
  const pictureChanged = new Set(
    after
      .filter((e) => e.imageUrl !== before.find((b) => b.itemId === e.itemId)?.imageUrl)
      .map((e) => e.itemId),
  );
  const touched = before.filter(
    (e) =>
      corrected.entries.has(e.itemId) || pictureChanged.has(e.itemId) || removedItemIds.includes(e.itemId),
  );
  if (touched.length === 0 || touched.some((e) => e.item.districtWide)) return null;
  return [...new Set(touched.map((e) => e.item.schoolId))].sort((a, b) => a - b);
}
