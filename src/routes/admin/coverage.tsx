// /admin/coverage: the coverage report for a chosen period, and the same figures as CSV.
import { t } from '../../i18n/desk-text';
import { Hono, type Context } from 'hono';
import type { AppDeps } from '../../deps';
import { coverageCsv, coverageReport } from '../../reports/coverage';
import { readDistrictSettings } from '../../settings/district-settings';
import { CoveragePage } from '../../views/admin/coverage-page';
import { adminPage, type AdminEnv } from './context';

export function coverageRoutes(deps: AppDeps) {
  const app = new Hono<AdminEnv>();

  const report = async (c: Context<AdminEnv>) => {
    const { timezone } = await readDistrictSettings(deps.db);
    return coverageReport(deps.db, {
      choice: c.req.query('period') ?? 'this-month',
      from: c.req.query('from') || undefined,
      to: c.req.query('to') || undefined,
      sort: c.req.query('sort'),
      timezone,
      now: deps.clock.now(),
    });
  };

  const queryOf = (c: Context) => new URL(c.req.url).search.slice(1);

  app.get('/', async (c) => {
    const outcome = await report(c);
    if (!outcome.ok) {
      const fallback = await coverageReport(deps.db, {
        choice: 'this-month',
        timezone: (await readDistrictSettings(deps.db)).timezone,
        now: deps.clock.now(),
      });
      return adminPage(deps, c, {
        title: t('desk.coverage.title'),
        section: 'coverage',
        status: 422,
        flash: { kind: 'error', text: outcome.message },
        // This month is shown, and the form keeps what was asked, so the dates can be put right.
        body: fallback.ok ? (
          <CoveragePage
            report={fallback.report}
            query=""
            asked={{
              choice: c.req.query('period') ?? 'this-month',
              from: c.req.query('from') ?? '',
              to: c.req.query('to') ?? '',
            }}
          />
        ) : (
          <></>
        ),
      });
    }
    return adminPage(deps, c, {
      title: t('desk.coverage.title'),
      section: 'coverage',
      body: <CoveragePage report={outcome.report} query={queryOf(c)} />,
    });
  });

  app.get('/export.csv', async (c) => {
    const outcome = await report(c);
    if (!outcome.ok) return c.text(outcome.message, 422);
    return c.body(coverageCsv(outcome.report), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="coverage-${outcome.report.from}-to-${outcome.report.to}.csv"`,
      'Cache-Control': 'no-store',
    });
  });

  return app;
}
