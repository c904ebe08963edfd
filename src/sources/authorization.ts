// Who authorized a source, when, and until when: the checks on what is typed, and the default review date.
import { t } from '../i18n/desk-text';
import { formatLongDate } from '../publish/digest-content';
import { cleanText } from '../text/clean-text';
import { instantOf, isLocalDate, localDateOf, type LocalDate } from '../time/zoned-time';

/** As typed (command line, API, OPML): each optional; the dates are local YYYY-MM-DD. */
export interface AuthorizationInput {
  authorizedBy?: string | null;
  authorizedOn?: string | null;
  reviewOn?: string | null;
}

export interface AuthorizationRecord {
  authorizedBy: string | null;
  authorizedAt: number | null;
  reviewAt: number | null;
}

/** Why a source's feed is not read: its account waits for authorization, is suspended, or is overdue for review. */
export type NotReadReason = 'pending' | 'suspended' | 'overdue';

/**
 * Why a source's feed is not read now, or undefined when it may be: its account must be authorized and its
 * review date not passed (listDueSources asks the same of the database). "Read now", a new address and a
 * queued check obey it too.
 */
export function notReadBecause(
  source: { authorization: string; reviewAt: number | null },
  now: number,
): NotReadReason | undefined {
  if (source.authorization === 'pending') return 'pending';
  if (source.authorization === 'suspended') return 'suspended';
  if (source.authorization === 'expired' || (source.reviewAt !== null && source.reviewAt <= now))
    return 'overdue';
  return undefined;
}

export function isReadable(source: { authorization: string; reviewAt: number | null }, now: number): boolean {
  return notReadBecause(source, now) === undefined;
}

/** Why the source named is not read, and what to do about it, for someone who asked to read it. */
export function notReadSentence(reason: NotReadReason, name: string): string {
  return {
    pending: t('desk.sources.flashes.notRead.pending', { name }),
    suspended: t('desk.sources.flashes.notRead.suspended', { name }),
    overdue: t('desk.sources.flashes.notRead.overdue', { name }),
  }[reason];
}

/** The same date `months` later, on the month's last day when it has no such day (Jan 31 + 1 → Feb 28). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(Math.min(d, lastDay))}` as LocalDate;
}

/**
 * The record to store, or the sentence saying what is wrong. Without a date the authorization counts from
 * `now`; without a review date, it is due `reviewMonths` after the authorization. Without a name nobody is
 * recorded as authorizing it: whoever added the source (a token, the command line) is in the audit log, and
 * is not made to stand for the principal who authorized the account. The source's page asks for the name.
 */
export function checkAuthorization(
  input: AuthorizationInput,
  options: { reviewMonths: number; timezone: string; now: number },
): { ok: true; record: AuthorizationRecord } | { ok: false; message: string } {
  const by = cleanText(input.authorizedBy ?? '').trim();
  if (input.authorizedBy !== undefined && input.authorizedBy !== null) {
    if (!by)
      return {
        ok: false,
        message: t('desk.sourceOutcomes.authorizedByRequired'),
      };
    const tooLong = authorizedByProblem(by);
    if (tooLong) return { ok: false, message: tooLong };
  }
  if (input.authorizedOn && !isLocalDate(input.authorizedOn))
    return {
      ok: false,
      message: t('desk.sourceOutcomes.authorizedOnNotADate', { value: input.authorizedOn }),
    };
  if (input.reviewOn && !isLocalDate(input.reviewOn))
    return { ok: false, message: t('desk.sourceOutcomes.reviewOnNotADate', { value: input.reviewOn }) };
  const authorizedOn = (input.authorizedOn || localDateOf(options.now, options.timezone)) as LocalDate;
  const ahead = authorizedOnProblem(authorizedOn, options);
  if (ahead) return { ok: false, message: ahead };
  const reviewOn = (input.reviewOn || addMonths(authorizedOn, options.reviewMonths)) as LocalDate;
  if (reviewOn <= authorizedOn)
    return {
      ok: false,
      message: t('desk.sourceOutcomes.reviewBeforeAuthorization', { reviewOn, authorizedOn }),
    };
  return {
    ok: true,
    record: {
      authorizedBy: by || null,
      authorizedAt: input.authorizedOn ? instantOf(authorizedOn, '00:00', options.timezone) : options.now,
      reviewAt: instantOf(reviewOn, '00:00', options.timezone),
    },
  };
}

/** Why who authorized an account (typed, trimmed) cannot be kept whole, if it cannot. */
export function authorizedByProblem(by: string): string | undefined {
  return by.length > 120 ? t('desk.sourceOutcomes.authorizedByTooLong') : undefined;
}

/** Why an authorization date (YYYY-MM-DD) cannot be right, if it cannot: it is after today in `timezone`. */
export function authorizedOnProblem(
  authorizedOn: string,
  options: { timezone: string; now: number },
): string | undefined {
  return authorizedOn > localDateOf(options.now, options.timezone)
    ? t('desk.sourceOutcomes.authorizedAfterToday', { authorizedOn })
    : undefined;
}

/** How long before its review date the editors and the owner are told. */
export const REVIEW_NOTICE_DAYS = 30;

/** The sentence an expired source shows until an editor renews or suspends it. */
export function expiredSentence(reviewOn: string): string {
  return t('desk.sourceOutcomes.expired', { day: formatLongDate(reviewOn) });
}

/** Milliseconds ahead in which a review counts as due (the sources list's "Review due" filter). */
export const REVIEW_NOTICE_MS = REVIEW_NOTICE_DAYS * 24 * 60 * 60_000;
