// /healthz: a JSON answer for uptime monitors: is the database reachable, when did ingestion and publishing
// last happen, how many emails wait.
import { Hono } from 'hono';
import { countDeliveriesByState } from '../db/deliveries';
import { lastPublishedAt } from '../db/digests';
import { countMessagesByState } from '../db/messages';
import { lastItemSeenAt } from '../db/items';
import { lastSourceCheckAt } from '../db/sources';
import type { AppDeps } from '../deps';
import { emailIsOn } from '../email/no-mailer';

export function healthRoutes(deps: AppDeps) {
  const app = new Hono();
  app.get('/healthz', async (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      const [lastCheck, lastItem, lastPublish, deliveries, messages] = await Promise.all([
        lastSourceCheckAt(deps.db),
        lastItemSeenAt(deps.db),
        lastPublishedAt(deps.db),
        countDeliveriesByState(deps.db),
        countMessagesByState(deps.db),
      ]);
      const iso = (ms: number | null) => (ms ? new Date(ms).toISOString() : null);
      return c.json({
        status: 'ok',
        database: 'ok',
        mail: emailIsOn(deps.mailer) ? deps.mailer.kind : 'not configured',
        lastIngestAt: iso(lastCheck),
        lastNewItemAt: iso(lastItem),
        lastPublishAt: iso(lastPublish),
        // Digest emails and one-off messages (confirmations, password links) alike.
        queuedEmails: deliveries.queued + messages.queued,
        unknownEmails: deliveries.unknown + messages.unknown,
      });
    } catch (error) {
      deps.log.error('health check: database unavailable', { error });
      return c.json({ status: 'error', database: 'unavailable' }, 503);
    }
  });
  return app;
}
