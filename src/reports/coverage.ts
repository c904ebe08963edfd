// The coverage report: the period chosen (this month, last month, this school year, or two dates), its
// figures per school and source, days since each was last featured, the sort a coordinator asked for, and CSV.
import { t } from '../i18n/desk-text';
import { coverageBetween, type SchoolCoverage } from '../db/coverage';
import type { Database } from '../db/client';
import { csvLine } from '../text/csv';
import { compareNames } from '../text/names-order';
import { addDays, dayRange, isLocalDate, localDateOf, type LocalDate } from '../time/zoned-time';

export const PERIODS = [
  { value: 'this-month', label: t('desk.coverage.periods.thisMonth') },
  { value: 'last-month', label: t('desk.coverage.periods.lastMonth') },
  { value: 'school-year', label: t('desk.coverage.periods.schoolYear') },
  { value: 'custom', label: t('desk.coverage.periods.custom') },
] as const;
export type PeriodChoice = (typeof PERIODS)[number]['value'];

export const SORTS = ['school', 'posts', 'featured', 'quiet'] as const;
export type CoverageSort = (typeof SORTS)[number];

export interface CoverageReport {
  choice: PeriodChoice;
  from: string;
  to: string;
  today: string;
  sort: CoverageSort;
  schools: SchoolCoverage[];
}

/** A school year starts on August 1. */
const SCHOOL_YEAR_START_MONTH = 8;

/** The dates a choice covers (up to today), or the sentence saying what is wrong with custom dates. */
export function periodDates(
  choice: string,
  custom: { from?: string; to?: string },
  today: LocalDate,
): { ok: true; choice: PeriodChoice; from: string; to: string } | { ok: false; message: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const monthStart = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-01`;
  if (choice === 'last-month') {
    const from = monthStart(m === 1 ? y - 1 : y, m === 1 ? 12 : m - 1);
    return { ok: true, choice, from, to: addDays(monthStart(y, m) as LocalDate, -1) };
  }
  if (choice === 'school-year') {
    const startYear = m >= SCHOOL_YEAR_START_MONTH ? y : y - 1;
    return { ok: true, choice, from: monthStart(startYear, SCHOOL_YEAR_START_MONTH), to: today };
  }
  if (choice === 'custom' || custom.from || custom.to) {
    const from = custom.from?.trim() ?? '';
    const to = custom.to?.trim() ?? '';
    if (!isLocalDate(from) || !isLocalDate(to))
      return {
        ok: false,
        message: t('desk.coverage.bothDates'),
      };
    if (from > to) return { ok: false, message: t('desk.coverage.swapped', { from, to }) };
    if (dayCount(from, to) > 3700) return { ok: false, message: t('desk.coverage.tooLong') };
    return { ok: true, choice: 'custom', from, to };
  }
  return { ok: true, choice: 'this-month', from: monthStart(y, m), to: today };
}

export async function coverageReport(
  db: Database,
  input: { choice: string; from?: string; to?: string; sort?: string; timezone: string; now: number },
): Promise<{ ok: true; report: CoverageReport } | { ok: false; message: string }> {
  const today = localDateOf(input.now, input.timezone);
  const dates = periodDates(input.choice, input, today);
  if (!dates.ok) return dates;
  const start = dayRange(dates.from as LocalDate, input.timezone).start;
  const end = dayRange(dates.to as LocalDate, input.timezone).end;
  const schools = await coverageBetween(db, { from: dates.from, to: dates.to, start, end });
  const sort = (SORTS as readonly string[]).includes(input.sort ?? '')
    ? (input.sort as CoverageSort)
    : 'school';
  return { ok: true, report: { ...dates, today, sort, schools: sortSchools(schools, sort, dates.to) } };
}

/** Days from `from` to `to` (0 for the same day). */
export function dayCount(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Days from the last feature to the period's end, or null for never. */
export function daysSinceFeatured(lastFeaturedOn: string | null, to: string): number | null {
  return lastFeaturedOn ? dayCount(lastFeaturedOn, to) : null;
}

function sortSchools(schools: SchoolCoverage[], sort: CoverageSort, to: string): SchoolCoverage[] {
  const quiet = (s: { lastFeaturedOn: string | null }) => daysSinceFeatured(s.lastFeaturedOn, to) ?? Infinity;
  const byName = (a: SchoolCoverage, b: SchoolCoverage) => compareNames(a.school, b.school);
  const compare: Record<CoverageSort, (a: SchoolCoverage, b: SchoolCoverage) => number> = {
    school: byName,
    posts: (a, b) => b.posts - a.posts || byName(a, b),
    featured: (a, b) => b.featured - a.featured || byName(a, b),
    // The longest unseen first: never featured at the top.
    quiet: (a, b) => quiet(b) - quiet(a) || byName(a, b),
  };
  return [...schools].sort(compare[sort]);
}

/** One line per source (and one per school without sources), as a spreadsheet reads it. */
export function coverageCsv(report: CoverageReport): string {
  const lines = [
    csvLine([
      'school',
      'source_id',
      'source',
      'posts',
      'featured',
      'last_featured_on',
      'days_since_featured',
    ]),
  ];
  for (const school of report.schools) {
    if (school.sources.length === 0) lines.push(csvLine([school.school, '', '', 0, 0, '', '']));
    for (const source of school.sources)
      lines.push(
        csvLine([
          school.school,
          source.id,
          source.title,
          source.posts,
          source.featured,
          source.lastFeaturedOn ?? '',
          daysSinceFeatured(source.lastFeaturedOn, report.to) ?? '',
        ]),
      );
  }
  return lines.join('');
}

/** The JSON API's answer. */
export function coverageJson(schools: SchoolCoverage[]) {
  return {
    schools: schools.map((s) => ({
      school: s.school,
      slug: s.slug,
      posts: s.posts,
      featured: s.featured,
      last_featured_on: s.lastFeaturedOn,
      sources: s.sources.map((source) => ({
        id: source.id,
        title: source.title,
        posts: source.posts,
        featured: source.featured,
        last_featured_on: source.lastFeaturedOn,
      })),
    })),
  };
}
