// Renewing a source's authorization: checked, then recorded with who renewed it and when (and the audit log).
import type { Actor } from '../db/audit';
import type { Database } from '../db/client';
import { renewSourceAuthorization } from '../db/source-reviews';
import { t } from '../i18n/desk-text';
import { formatLongDate } from '../publish/digest-content';
import { readDistrictSettings } from '../settings/district-settings';
import { readTeacherSettings } from '../settings/teacher-settings';
import { cleanText } from '../text/clean-text';
import { instantOf, isLocalDate, localDateOf } from '../time/zoned-time';
import { addMonths } from './authorization';

export async function renewAuthorization(
  db: Database,
  id: number,
  input: { authorizedBy: string; reviewOn: string },
  actor: Actor,
  now: number,
): Promise<{ ok: boolean; message: string }> {
  const [{ timezone }, { authorizationReviewMonths }] = await Promise.all([
    readDistrictSettings(db),
    readTeacherSettings(db),
  ]);
  const today = localDateOf(now, timezone);
  const reviewOn = input.reviewOn.trim() || addMonths(today, authorizationReviewMonths);
  if (!isLocalDate(reviewOn))
    return { ok: false, message: t('desk.sourceOutcomes.nextReviewNotADate', { value: reviewOn }) };
  if (reviewOn <= today) return { ok: false, message: t('desk.sourceOutcomes.nextReviewNotAfterToday') };
  const authorizedBy = cleanText(input.authorizedBy).trim().slice(0, 120) || undefined;
  const reviewAt = instantOf(reviewOn, '00:00', timezone);
  if (!(await renewSourceAuthorization(db, id, { reviewAt, authorizedBy }, actor, now)))
    return { ok: false, message: t('desk.sources.flashes.gone') };
  return {
    ok: true,
    message: t('desk.sourceOutcomes.renewed', { day: formatLongDate(reviewOn) }),
  };
}
