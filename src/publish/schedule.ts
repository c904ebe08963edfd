// When digests go out. Publish time and publish days are district settings in its time zone. The digest for
// date D holds posts first published during D's local day, so it is due at the first publish slot after D
// ends; a digest marked ready after that goes out at the next slot from then.
import { addDays, dayRange, instantOf, localDateOf, weekdayOf, type LocalDate } from '../time/zoned-time';

export interface Schedule {
  timezone: string;
  /** 'HH:MM', local. */
  publishTime: string;
  /** 0 = Sunday. */
  publishDays: readonly number[];
}

/** The first publish slot at or after `instant`; undefined when no day of the week is a publish day. */
export function nextSlot(instant: number, schedule: Schedule): number | undefined {
  const today = localDateOf(instant, schedule.timezone);
  // Today's slot may have passed; a publish day comes within the next seven.
  for (let i = 0; i <= 7; i++) {
    const date = addDays(today, i);
    if (!schedule.publishDays.includes(weekdayOf(date))) continue;
    const at = instantOf(date, schedule.publishTime, schedule.timezone);
    if (at >= instant) return at;
  }
  return undefined;
}

/** When the digest for `date` is due. */
export function dueAt(date: LocalDate, schedule: Schedule): number | undefined {
  return nextSlot(dayRange(date, schedule.timezone).end, schedule);
}

/** When a digest marked ready at `now` goes out: its due time, or the next slot if that has passed. */
export function slotForReady(date: LocalDate, now: number, schedule: Schedule): number | undefined {
  return nextSlot(Math.max(now, dayRange(date, schedule.timezone).end), schedule);
}
