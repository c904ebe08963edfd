// Second-person approval: someone other than the last editor approves exactly the version they were shown,
// without saving anything as themselves; any later save voids it (see db/digests.ts, approveDigest).
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
  type DraftInput,
} from './desk';

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
): Promise<void> {
  requirePermission(actor, 'approve', 'approve digests');
  if (actor.userId === null)
    throw new DeskError(
      403,
      'person-required',
      'Approval is a person’s decision; sign in to the admin to approve.',
    );
  const state = await loadDesk(deps, date);
  const digest = state.digest;
  if (!digest || state.entries.length === 0)
    throw new DeskError(
      422,
      'empty',
      `Nothing is selected for ${formatDay(date)}, so there is nothing to approve.`,
    );
  if (version !== undefined && version !== digest.version)
    throw new DeskError(
      409,
      'conflict',
      `Not approved: someone saved a new version while you were reviewing it. This is the version now saved (version ${digest.version}); review it, then approve it.`,
      { current: state },
    );
  if (seen && (await differsFromStored(deps, state, seen)))
    throw new DeskError(
      409,
      'unsaved-changes',
      'Not approved: you changed the digest on this page. Save your changes (someone else then approves them), or reload the page to approve the version as it is saved.',
    );
  if (digest.updatedBy === actor.userId) {
    throw new DeskError(
      403,
      'second-person',
      'You made the last changes to this digest, so someone else must approve it.',
    );
  }
  if (!(await approveDigest(deps.db, digest.id, digest.version, actor.userId))) {
    throw new DeskError(
      409,
      'conflict',
      'The digest changed while you were approving it. Review it and try again.',
      { current: await loadDesk(deps, date) },
    );
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
