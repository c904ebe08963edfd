// Calendar arithmetic in the district's time zone with nothing but Intl: local dates of instants, the instant a
// local wall-clock time happens (DST gaps and overlaps included), and the [start, end) of a local day.

export type LocalDate = string; // 'YYYY-MM-DD'

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockAt(instant: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** The zone's offset from UTC at `instant`, in milliseconds (Chicago in winter: -6 h). */
export function offsetAt(instant: number, timeZone: string): number {
  const w = wallClockAt(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export function isLocalDate(value: string): value is LocalDate {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  // Years 1000 to 9998 only: every day then has a next day (dayRange) that is a date too.
  if (y < 1000 || y > 9998) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The local calendar date at `instant` in `timeZone`. */
export function localDateOf(instant: number, timeZone: string): LocalDate {
  const w = wallClockAt(instant, timeZone);
  return `${String(w.year).padStart(4, '0')}-${pad(w.month)}-${pad(w.day)}`;
}

/** The local wall-clock time 'HH:MM' at `instant`. */
export function localTimeOf(instant: number, timeZone: string): string {
  const w = wallClockAt(instant, timeZone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** Day of week of a local date, 0 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(y, m - 1, d + days));
  return shifted.toISOString().slice(0, 10);
}

/**
 * The instant at which the wall clock in `timeZone` shows `time` on `date`. A time skipped by a DST jump
 * resolves to the first instant after the gap; a time that happens twice resolves to the earlier one.
 */
export function instantOf(date: LocalDate, time: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const naive = Date.UTC(y, m - 1, d, hh, mm);
  // Try the offsets in force a day either side; the earliest candidate that reads back correctly wins.
  const offsets = new Set([
    offsetAt(naive - 86_400_000, timeZone),
    offsetAt(naive, timeZone),
    offsetAt(naive + 86_400_000, timeZone),
  ]);
  const matches = [...offsets]
    .map((offset) => naive - offset)
    .filter((candidate) => {
      const w = wallClockAt(candidate, timeZone);
      return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) === naive;
    })
    .sort((a, b) => a - b);
  if (matches[0] !== undefined) return matches[0];
  // In a gap: the wall clock jumps over `time`; answer the instant the jump happens.
  const candidates = [...offsets].map((offset) => naive - offset);
  return findTransition(Math.min(...candidates), Math.max(...candidates), timeZone);
}

function findTransition(low: number, high: number, timeZone: string): number {
  // Binary search for the first minute whose offset differs from the offset at `low`.
  const startOffset = offsetAt(low, timeZone);
  let lo = low;
  let hi = high;
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 2 / 60_000) * 60_000;
    if (offsetAt(mid, timeZone) === startOffset) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The first instant of `date` and of the next day: items published in [start, end) belong to `date`. */
export function dayRange(date: LocalDate, timeZone: string): { start: number; end: number } {
  return { start: instantOf(date, '00:00', timeZone), end: instantOf(addDays(date, 1), '00:00', timeZone) };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
