// The Coverage page: the period form, a bar chart per school drawn as inline SVG (no script; the table below
// is its text alternative), and the table of schools and sources, sortable by links, with a CSV download.
import type { SchoolCoverage } from '../../db/coverage';
import { formatLongDate } from '../../publish/digest-content';
import { daysSinceFeatured, PERIODS, type CoverageReport, type CoverageSort } from '../../reports/coverage';
import { plural } from '../../text/plural';

const BAR_HEIGHT = 14;
const ROW_HEIGHT = 40;
const LABEL_WIDTH = 200;
const CHART_WIDTH = 640;

export function CoveragePage(props: { report: CoverageReport; query: string }) {
  const { report } = props;
  const sortLink = (sort: CoverageSort) => `/admin/coverage?${withSort(props.query, sort)}`;
  return (
    <>
      <h1>Coverage</h1>
      <p class="muted">
        Which schools the digest shows, and which it has not shown for a while: posts read and posts featured
        in published digests from {formatLongDate(report.from)} to {formatLongDate(report.to)}.
      </p>
      <PeriodForm report={report} />
      {report.schools.length === 0 ? (
        <div class="card">No schools yet. Schools appear when a source names one.</div>
      ) : (
        <>
          <Chart schools={report.schools} />
          <table>
            <caption class="muted small table-caption">
              {plural(report.schools.length, 'school')}, sorted by{' '}
              {
                {
                  school: 'name',
                  posts: 'posts read',
                  featured: 'posts featured',
                  quiet: 'time since featured',
                }[report.sort]
              }
            </caption>
            <thead>
              <tr>
                <SortHeader
                  label="School and source"
                  sort="school"
                  report={report}
                  href={sortLink('school')}
                />
                <SortHeader label="Posts read" sort="posts" report={report} href={sortLink('posts')} />
                <SortHeader label="Featured" sort="featured" report={report} href={sortLink('featured')} />
                <SortHeader label="Last featured" sort="quiet" report={report} href={sortLink('quiet')} />
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
                      <LastFeatured on={school.lastFeaturedOn} to={report.to} />
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
                        <LastFeatured on={source.lastFeaturedOn} to={report.to} />
                      </td>
                    </tr>
                  ))}
                </>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p class="small">
        <a href={`/admin/coverage/export.csv?${props.query}`}>Download these figures as CSV</a>
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

function LastFeatured(props: { on: string | null; to: string }) {
  const days = daysSinceFeatured(props.on, props.to);
  if (!props.on || days === null) return <span class="muted">Never</span>;
  return (
    <>
      {formatLongDate(props.on)}
      <div class="small muted">
        {days === 0 ? 'that day' : `${plural(days, 'day')} before the period ends`}
      </div>
    </>
  );
}

function PeriodForm(props: { report: CoverageReport }) {
  const { report } = props;
  return (
    <form method="get" action="/admin/coverage" class="card">
      <fieldset>
        <legend>Period</legend>
        {PERIODS.map((period) => (
          <label class="check-label">
            <input type="radio" name="period" value={period.value} checked={report.choice === period.value} />{' '}
            {period.label}
          </label>
        ))}
      </fieldset>
      <div class="inline">
        <div>
          <label for="coverage-from">From (custom dates)</label>
          <input
            type="date"
            id="coverage-from"
            name="from"
            value={report.choice === 'custom' ? report.from : ''}
          />
        </div>
        <div>
          <label for="coverage-to">To</label>
          <input type="date" id="coverage-to" name="to" value={report.choice === 'custom' ? report.to : ''} />
        </div>
      </div>
      <input type="hidden" name="sort" value={report.sort} />
      <div class="actions">
        <button type="submit">Show</button>
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
    <figure class="card coverage-chart">
      <svg
        viewBox={`0 0 ${CHART_WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-labelledby="coverage-chart-title coverage-chart-desc"
        style="max-width: 100%; height: auto"
      >
        <title id="coverage-chart-title">Posts read and posts featured, per school</title>
        <desc id="coverage-chart-desc">The same figures are in the table below the chart.</desc>
        <g font-size="12" fill="currentColor">
          <rect x="0" y="2" width="12" height="12" fill="#9db7d5" />
          <text x="18" y="12">
            Posts read
          </text>
          <rect x="100" y="2" width="12" height="12" fill="#1d4e89" />
          <text x="118" y="12">
            Featured
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
