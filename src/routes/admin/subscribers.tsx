// /admin/subscribers: how many parents are subscribed, and the list.
import { Hono } from 'hono';
import { countDeliveriesByState } from '../../db/deliveries';
import { countSubscribersByStatus, listSubscribers } from '../../db/subscribers';
import type { AppDeps } from '../../deps';
import { readDistrictSettings } from '../../settings/district-settings';
import { formatDateTime } from '../../time/format';
import { adminPage, type AdminEnv } from './context';

export function subscribersRoutes(deps: AppDeps) {
  const app = new Hono<AdminEnv>();
  app.get('/', async (c) => {
    const [counts, subscribers, deliveries, settings] = await Promise.all([
      countSubscribersByStatus(deps.db),
      listSubscribers(deps.db, { limit: 200, offset: 0 }),
      countDeliveriesByState(deps.db),
      readDistrictSettings(deps.db),
    ]);
    return adminPage(deps, c, {
      title: 'Subscribers',
      section: 'subscribers',
      body: (
        <>
          <h1>Subscribers</h1>
          <div class="card">
            <dl class="kv">
              <dt>Confirmed</dt>
              <dd>{counts.confirmed}</dd>
              <dt>Waiting to confirm</dt>
              <dd>{counts.pending}</dd>
              <dt>Unsubscribed</dt>
              <dd>{counts.unsubscribed}</dd>
              <dt>Emails queued</dt>
              <dd>{deliveries.queued}</dd>
              <dt>Emails sent</dt>
              <dd>{deliveries.sent}</dd>
              <dt>Failed or unknown</dt>
              <dd>{deliveries.failed + deliveries.bounced + deliveries.unknown}</dd>
            </dl>
          </div>
          <table>
            <thead>
              <tr>
                <th scope="col">Address</th>
                <th scope="col">Status</th>
                <th scope="col">Since</th>
              </tr>
            </thead>
            <tbody>
              {subscribers.map((s) => (
                <tr>
                  <td>{s.email}</td>
                  <td>{s.status}</td>
                  <td>{formatDateTime(s.createdAt, settings.timezone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ),
    });
  });
  return app;
}
