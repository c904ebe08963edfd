// Dates as feeds really write them: RFC 3339 and ISO 8601 variants, RFC 822 with or without day names,
// seconds or zone, named US zones, and a last resort. Answers epoch milliseconds, or undefined.

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
}; // prettier-ignore

const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0, wet: 0, bst: 60, cet: 60, cest: 120, eet: 120, eest: 180, ist: 330,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  akst: -540, akdt: -480, hst: -600, aest: 600, aedt: 660, nzst: 720, nzdt: 780,
}; // prettier-ignore

const ISO =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[T\s](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

const RFC822 =
  /^(?:[a-z]{2,9}\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,9})\.?[\s-]+(\d{2,4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*([a-z]{1,5}|[+-]\d{2}:?\d{2})?(?:\s*\(.*\))?$/i;

/** "June 3, 2024 10:00 AM" and friends, as some CMSes write them. */
const MONTH_FIRST =
  /^(?:[a-z]{2,9},?\s+)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?\s*([a-z]{1,5}|[+-]\d{2}:?\d{2})?$/i;

export function parseFeedDate(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  const text = raw.trim().replace(/\s+/g, ' ');
  if (!text || text.length > 100) return undefined;
  // Each shape answers undefined when the text is not that shape and null when it is, but names an
  // impossible date (31 June); only text no shape recognises goes on to the last resort.
  for (let i = 0; i < SHAPES.length; i++) {
    const value = SHAPES[i]!(text);
    if (value === null) return undefined;
    if (value !== undefined) return isPlausible(value) ? value : undefined;
  }
  return undefined;
}

type Parsed = number | null | undefined;

const SHAPES: ((text: string) => Parsed)[] = [parseIso, parseRfc822, parseMonthFirst, parseLastResort];

function parseIso(text: string): Parsed {
  const m = ISO.exec(text);
  if (!m) return undefined;
  // Indexed rather than destructured: this runs for every post of every feed.
  const millis = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  const utc = build(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
    millis,
  );
  const offset = zoneOffsetMinutes(m[8] ?? 'Z');
  if (utc === undefined || offset === undefined) return null;
  return utc - offset * 60_000;
}

function parseRfc822(text: string): Parsed {
  const m = RFC822.exec(text);
  if (!m) return undefined;
  const month = MONTHS[m[2]!.slice(0, 3).toLowerCase()];
  const offset = zoneOffsetMinutes(m[7] ?? 'GMT');
  if (month === undefined || offset === undefined) return null;
  const utc = build(
    fullYear(Number(m[3])),
    month,
    Number(m[1]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
    0,
  );
  return utc === undefined ? null : utc - offset * 60_000;
}

function parseMonthFirst(text: string): Parsed {
  const m = MONTH_FIRST.exec(text);
  if (!m) return undefined;
  const [, monthName, d, y, h = '0', mi = '0', s = '0', meridiem, zone] = m;
  const month = MONTHS[monthName!.slice(0, 3).toLowerCase()];
  const offset = zoneOffsetMinutes(zone ?? 'GMT');
  if (month === undefined || offset === undefined) return null;
  let hour = Number(h);
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
  }
  const utc = build(Number(y), month, Number(d), hour, Number(mi), Number(s), 0);
  return utc === undefined ? null : utc - offset * 60_000;
}

function parseLastResort(text: string): number | undefined {
  // Only for strings that at least contain a four-digit year; Date.parse guesses wildly otherwise.
  if (!/\b(19|20)\d{2}\b/.test(text)) return undefined;
  const value = Date.parse(text);
  return Number.isNaN(value) ? undefined : value;
}

function zoneOffsetMinutes(zone: string): number | undefined {
  const named = ZONES[zone.toLowerCase()];
  if (named !== undefined) return named;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return /^[a-z]$/i.test(zone) ? 0 : undefined; // military single letters: treat as UTC, per RFC 1123
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? '0');
  if (minutes > 14 * 60) return undefined;
  return m[1] === '-' ? -minutes : minutes;
}

function fullYear(year: number): number {
  if (year >= 100) return year;
  return year < 50 ? 2000 + year : 1900 + year;
}

function build(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
): number | undefined {
  if (mo < 0 || mo > 11 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return undefined;
  // Reject 31 June and the like rather than letting Date roll it into July.
  if (h < 24 && d > daysInMonth(y, mo)) return undefined;
  return Date.UTC(y, mo, d, h, mi, Math.min(s, 59), ms);
}

function daysInMonth(y: number, mo: number): number {
  if (mo === 1) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return mo === 3 || mo === 5 || mo === 8 || mo === 10 ? 30 : 31;
}

const EARLIEST = Date.UTC(1990, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

function isPlausible(value: number): boolean {
  return value > EARLIEST && value < LATEST;
}
