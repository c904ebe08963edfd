// Second-person approval: someone other than the last editor (of the district's text or a translation)
// approves exactly the version they were shown, without saving anything as themselves; any later save voids
// it (see db/digests.ts, approveDigest).
import { t } from '../i18n/desk-text';
import { formatDay } from '../publish/digest-content';
import { recordAudit } from '../db/audit';
import { approveDigest } from '../db/digests';
import {
  DeskError,
  loadDesk,
  requirePermission,
  differsFromStored,
  type DeskActor,
  type DeskDeps,
  type DeskState,
  type DraftInput,
} from './desk';
import { languageLabel } from './translations-checks';
import { createHash } from 'node:crypto';
import { translationRevision, type DigestTranslation } from '../db/translations';

/**
 * What of the version keeps `userId` from being its second person: the district's text ('original'), which
 * they saved last, or a language (its code) whose words they wrote last, unless another person has marked
 * those words reviewed since. A review alone writes no words: the reviewer may approve (and, having
 * written a language, a person may approve once someone else has reviewed it).
 */
export function lastWrote(
  state: Pick<DeskState, 'digest' | 'translations'>,
  userId: number | null,
): 'original' | string | undefined {
  const digest = state.digest;
  if (userId === null || !digest) return undefined;
  if (digest.updatedBy === userId) return 'original';
  return [...state.translations.values()].find(
    (tr) => tr.updatedBy === userId && !reviewedByAnother(tr, digest.version, userId),
  )?.lang;
}

/** Whether someone other than `userId` marked the language reviewed, for this version. */
function reviewedByAnother(tr: DigestTranslation, version: number, userId: number): boolean {
  return tr.reviewedBy !== null && tr.reviewedBy !== userId && tr.reviewedVersion === version;
}

/**
 * A language whose writer, someone other than `userId`, cannot approve the version until another person
 * marks it reviewed: `userId` may (they did not write it), which lets the writer be the second person.
 */
export function waitsForYourReview(
  state: Pick<DeskState, 'digest' | 'translations'>,
  userId: number | null,
): { lang: string; writer: number } | undefined {
  const digest = state.digest;
  if (userId === null || !digest) return undefined;
  const found = [...state.translations.values()].find(
    (tr) =>
      tr.updatedBy !== null &&
      tr.updatedBy !== userId &&
      tr.updatedBy !== digest.updatedBy &&
      !reviewedByAnother(tr, digest.version, tr.updatedBy),
  );
  return found && { lang: found.lang, writer: found.updatedBy! };
}

/**
 * What an approver's page shows beside the digest's version, in a short string: every language's text and every
 * reason recorded for a finding. Neither moves the version, so the page carries this too, and a translation
 * or an override saved after it was drawn is not approved unseen.
 */
export function approvalRevision(state: Pick<DeskState, 'translations' | 'findings'>): string {
  const languages = [...state.translations.values()]
    .sort((a, b) => (a.lang < b.lang ? -1 : a.lang > b.lang ? 1 : 0))
    .map((translation) => [translation.lang, translationRevision(translation)]);
  const reasons = state.findings
    .flatMap((f) => (f.override ? [[f.itemId, f.kind, f.override.reason, f.override.userId]] : []))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return createHash('sha256')
    .update(JSON.stringify([languages, reasons]))
    .digest('base64url')
    .slice(0, 16);
}

/**
 * A second person approves exactly the version they were shown: `version` is the one on their page, and
 * `seen`, when given, is what their page still holds, which must be that version unchanged (approving never
 * saves, or the approver would become its last editor). Anything else is refused and nothing is recorded.
 */
export async function approveDesk(
  deps: DeskDeps,
  actor: DeskActor,
  date: string,
  version?: number,
  seen?: DraftInput,
  /** The languages' texts and the findings' reasons as the approver's page showed them (approvalRevision). */
  revisionSeen?: string,
): Promise<void> {
  requirePermission(actor, 'approve', t('desk.refusals.forbidden.approveDigests', { role: actor.role }));
  if (actor.userId === null) throw new DeskError(403, 'person-required', t('desk.refusals.personRequired'));
  const state = await loadDesk(deps, date);
  const digest = state.digest;
  if (!digest || state.entries.length === 0)
    throw new DeskError(422, 'empty', t('desk.refusals.nothingToApprove', { day: formatDay(date) }));
  if (version !== undefined && version !== digest.version)
    throw new DeskError(
      409,
      'conflict',
      t('desk.refusals.savedWhileApproving', { version: digest.version }),
      { current: state },
    );
  if (seen && (await differsFromStored(deps, state, seen)))
    throw new DeskError(409, 'unsaved-changes', t('desk.refusals.unsavedChanges'));
  if (revisionSeen !== undefined && revisionSeen !== approvalRevision(state))
    throw new DeskError(409, 'changed-since-shown', t('desk.refusals.changedSinceShown'), { current: state });
  const wrote = lastWrote(state, actor.userId);
  if (wrote === 'original') throw new DeskError(403, 'second-person', t('desk.refusals.secondPerson'));
  if (wrote)
    throw new DeskError(
      403,
      'second-person',
      t('desk.refusals.secondPersonTranslation', { language: languageLabel(wrote) }),
    );
  if (!(await approveDigest(deps.db, digest.id, digest.version, actor.userId, digest.writeToken))) {
    throw new DeskError(409, 'conflict', t('desk.refusals.changedWhileApproving'), {
      current: await loadDesk(deps, date),
    });
  }
  await recordAudit(
    deps.db,
    actor,
    {
      action: 'digest.approve',
      subjectType: 'digest',
      subjectId: date,
      details: { version: digest.version },
    },
    deps.now(),
  );
}
