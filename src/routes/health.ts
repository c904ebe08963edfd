// /healthz: a JSON answer for uptime monitors: is the database reachable, when did ingestion and publishing
// last happen, how many emails wait, and whether the mail server has been refusing them (status "warning").
import { Hono } from 'hono';
import { countDeliveriesByState, emailTrouble } from '../db/deliveries';
import { lastPublishedAt } from '../db/digests';
import { countMessagesByState } from '../db/messages';
import { lastItemSeenAt } from '../db/items';
import { lastSourceCheckAt } from '../db/sources';
import type { AppDeps } from '../deps';
import { emailIsOn } from '../email/no-mailer';

const DAY = 24 * 60 * 60_000;

export function healthRoutes(deps: AppDeps) {
  const app = new Hono();
  app.get('/healthz', async (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      const [lastCheck, lastItem, lastPublish, deliveries, messages, trouble] = await Promise.all([
        lastSourceCheckAt(deps.db),
        lastItemSeenAt(deps.db),
        lastPublishedAt(deps.db),
        countDeliveriesByState(deps.db),
        countMessagesByState(deps.db),
        emailTrouble(deps.db, deps.clock.now() - DAY),
      ]);
      const iso = (ms: number | null) => (ms ? new Date(ms).toISOString() : null);
      return c.json({
        // "warning": the server answers, but emails have failed in the last day (see lastEmailProblemAt).
        status: trouble.latest ? 'warning' : 'ok',
        database: 'ok',
        mail: emailIsOn(deps.mailer) ? deps.mailer.kind : 'not configured',
        lastIngestAt: iso(lastCheck),
        lastNewItemAt: iso(lastItem),
        lastPublishAt: iso(lastPublish),
        // Digest emails and one-off messages (confirmations, password links) alike.
        queuedEmails: deliveries.queued + messages.queued,
        unknownEmails: deliveries.unknown + messages.unknown,
        // Refused by the mail server and waiting to be tried again, and when one last failed. Not the server's
        // words: they can name a parent's address, and this answer is public. The log has them.
        retryingEmails: trouble.retrying,
        lastEmailProblemAt: trouble.latest ? iso(trouble.latest.at) : null,
      });
    } catch (error) {
      deps.log.error('health check: database unavailable', { error });
      return c.json({ status: 'error', database: 'unavailable' }, 503);
    }
  });
  return app;
}
