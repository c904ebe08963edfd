// The Coverage page: the period form, a bar chart per school drawn as inline SVG (no script; the table below
// is its text alternative), and the table of schools and sources, sortable by links, with a CSV download.
import type { SchoolCoverage } from '../../db/coverage';
import { formatDay, formatLongDate } from '../../publish/digest-content';
import { daysSinceFeatured, PERIODS, type CoverageReport, type CoverageSort } from '../../reports/coverage';
import { t } from '../../i18n/desk-text';

const BAR_HEIGHT = 14;
const ROW_HEIGHT = 40;
const LABEL_WIDTH = 200;
const CHART_WIDTH = 640;

/** What the period form asked for, when it was refused: the form shows it again while the page shows the month. */
export interface AskedPeriod {
  choice: string;
  from: string;
  to: string;
}

export function CoveragePage(props: { report: CoverageReport; query: string; asked?: AskedPeriod }) {
  const { report } = props;
  const sortLink = (sort: CoverageSort) => `/admin/coverage?${withSort(props.query, sort)}`;
  return (
    <>
      <h1>{t('desk.coverage.title')}</h1>
      <p class="muted">
        {t('desk.coverage.lead', { from: formatLongDate(report.from), to: formatLongDate(report.to) })}
      </p>
      <PeriodForm report={report} asked={props.asked} />
      {report.schools.length === 0 ? (
        <div class="card">{t('desk.coverage.none')}</div>
      ) : (
        <>
          <Chart schools={report.schools} />
          {/* Four columns to compare side by side: on a phone the table scrolls rather than squeezing them. */}
          <div class="scroll-x">
            <table class="coverage">
              <caption class="muted small table-caption">
                {t('desk.coverage.caption', {
                  count: report.schools.length,
                  sort: {
                    school: t('desk.coverage.sortedBy.school'),
                    posts: t('desk.coverage.sortedBy.posts'),
                    featured: t('desk.coverage.sortedBy.featured'),
                    quiet: t('desk.coverage.sortedBy.quiet'),
                  }[report.sort],
                })}
              </caption>
              <thead>
                <tr>
                  <SortHeader
                    label={t('desk.coverage.schoolAndSource')}
                    sort="school"
                    report={report}
                    href={sortLink('school')}
                  />
                  <SortHeader
                    label={t('desk.coverage.postsRead')}
                    sort="posts"
                    report={report}
                    href={sortLink('posts')}
                  />
                  <SortHeader
                    label={t('desk.coverage.featured')}
                    sort="featured"
                    report={report}
                    href={sortLink('featured')}
                  />
                  <SortHeader
                    label={t('desk.coverage.lastFeatured')}
                    sort="quiet"
                    report={report}
                    href={sortLink('quiet')}
                  />
                </tr>
              </thead>
              <tbody>
                {report.schools.map((school) => (
                  <>
                    <tr class="school-row">
                      <th scope="row">{school.school}</th>
                      <td>{school.posts}</td>
                      <td>{school.featured}</td>
                      <td>
                        <LastFeatured on={school.lastFeaturedOn} to={report.to} today={report.today} />
                      </td>
                    </tr>
                    {school.sources.map((source) => (
                      <tr>
                        <td class="small">
                          <span class="visually-hidden">{school.school}: </span>
                          <a href={`/admin/sources/${source.id}`}>{source.title}</a>
                        </td>
                        <td class="small">{source.posts}</td>
                        <td class="small">{source.featured}</td>
                        <td class="small">
                          <LastFeatured on={source.lastFeaturedOn} to={report.to} today={report.today} />
                        </td>
                      </tr>
                    ))}
                  </>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <p class="small">
        <a href={`/admin/coverage/export.csv?${props.query}`}>{t('desk.coverage.download')}</a>
      </p>
    </>
  );
}

function withSort(query: string, sort: CoverageSort): string {
  const params = new URLSearchParams(query);
  params.set('sort', sort);
  return params.toString();
}

function SortHeader(props: { label: string; sort: CoverageSort; report: CoverageReport; href: string }) {
  const current = props.report.sort === props.sort;
  return (
    <th scope="col" aria-sort={current ? (props.sort === 'school' ? 'ascending' : 'descending') : undefined}>
      <a href={props.href} aria-current={current ? 'true' : undefined}>
        {props.label}
        {current ? ' ▾' : ''}
      </a>
    </th>
  );
}

function LastFeatured(props: { on: string | null; to: string; today: string }) {
  if (!props.on) return <span class="muted">{t('desk.coverage.never')}</span>;
  return (
    <>
      {formatLongDate(props.on)}
      <div class="small muted">{howLongBefore(props.on, props.to, props.today)}</div>
    </>
  );
}

/**
 * How long before the period's end: counted back from today for a period that reaches today (or beyond it),
 * else from its last day, named with its year when that is not this year's.
 */
function howLongBefore(on: string, to: string, today: string): string {
  if (to >= today) {
    const days = daysSinceFeatured(on, today) ?? 0;
    return days === 0
      ? t('desk.coverage.today')
      : days === 1
        ? t('desk.coverage.yesterday')
        : t('desk.coverage.daysAgo', { count: days });
  }
  const days = daysSinceFeatured(on, to) ?? 0;
  const end = to.slice(0, 4) === today.slice(0, 4) ? formatDay(to) : formatLongDate(to);
  return days === 0 ? t('desk.coverage.lastDay') : t('desk.coverage.daysBefore', { count: days, end });
}

function PeriodForm(props: { report: CoverageReport; asked?: AskedPeriod }) {
  const { report } = props;
  const shown = props.asked ?? {
    choice: report.choice,
    from: report.choice === 'custom' ? report.from : '',
    to: report.choice === 'custom' ? report.to : '',
  };
  return (
    <form method="get" action="/admin/coverage" class="card">
      <fieldset>
        <legend>{t('desk.coverage.period')}</legend>
        {PERIODS.map((period) => (
          <label class="check-label">
            <input type="radio" name="period" value={period.value} checked={shown.choice === period.value} />{' '}
            {period.label}
          </label>
        ))}
      </fieldset>
      <div class="inline">
        <div>
          <label for="coverage-from">{t('desk.coverage.from')}</label>
          <input type="date" id="coverage-from" name="from" value={shown.from} />
        </div>
        <div>
          <label for="coverage-to">{t('desk.coverage.to')}</label>
          <input type="date" id="coverage-to" name="to" value={shown.to} />
        </div>
      </div>
      <input type="hidden" name="sort" value={report.sort} />
      <div class="actions">
        <button type="submit">{t('desk.coverage.show')}</button>
      </div>
    </form>
  );
}

/** Two bars per school: posts read (light) and featured (dark), on one scale. */
function Chart(props: { schools: SchoolCoverage[] }) {
  const most = Math.max(1, ...props.schools.map((s) => s.posts), ...props.schools.map((s) => s.featured));
  const scale = (n: number) =>
    n === 0 ? 0 : Math.max(2, Math.round((n / most) * (CHART_WIDTH - LABEL_WIDTH - 60)));
  const height = props.schools.length * ROW_HEIGHT + 30;
  return (
    // Focusable, so a keyboard can scroll it where the screen is narrower than the chart.
    <figure class="card coverage-chart" tabindex={0}>
      <svg
        viewBox={`0 0 ${CHART_WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-labelledby="coverage-chart-title coverage-chart-desc"
      >
        <title id="coverage-chart-title">{t('desk.coverage.chartTitle')}</title>
        <desc id="coverage-chart-desc">{t('desk.coverage.chartDescription')}</desc>
        <g font-size="12" fill="currentColor">
          <rect x="0" y="2" width="12" height="12" fill="#9db7d5" />
          <text x="18" y="12">
            {t('desk.coverage.postsRead')}
          </text>
          <rect x="100" y="2" width="12" height="12" fill="#1d4e89" />
          <text x="118" y="12">
            {t('desk.coverage.featured')}
          </text>
        </g>
        {props.schools.map((school, index) => {
          const y = 30 + index * ROW_HEIGHT;
          return (
            <g font-size="12" fill="currentColor">
              <text x={LABEL_WIDTH - 8} y={y + BAR_HEIGHT} text-anchor="end">
                {school.school.length > 28 ? `${school.school.slice(0, 27)}…` : school.school}
              </text>
              <rect x={LABEL_WIDTH} y={y} width={scale(school.posts)} height={BAR_HEIGHT} fill="#9db7d5" />
              <text x={LABEL_WIDTH + scale(school.posts) + 4} y={y + 11}>
                {school.posts}
              </text>
              <rect
                x={LABEL_WIDTH}
                y={y + BAR_HEIGHT + 2}
                width={scale(school.featured)}
                height={BAR_HEIGHT}
                fill="#1d4e89"
              />
              <text x={LABEL_WIDTH + scale(school.featured) + 4} y={y + BAR_HEIGHT + 13}>
                {school.featured}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
