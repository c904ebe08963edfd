// The signed-in area under /admin: every page needs a session; roles narrow what each person may do.
import { Hono } from 'hono';
import type { AppDeps } from '../../deps';
import { type AdminEnv } from './context';
import { auditRoutes, settingsRoutes } from './audit-settings';
import { inboxRoutes, previewRoutes } from './inbox';
import { outboxRoutes } from './outbox';
import { sourcesRoutes } from './sources';
import { subscribersRoutes } from './subscribers';

export function adminRoutes(deps: AppDeps) {
  const app = new Hono<AdminEnv>();

  app.use('*', async (c, next) => {
    if (c.get('user')) return next();
    const here = new URL(c.req.url);
    const next_ = c.req.method === 'GET' ? `?next=${encodeURIComponent(here.pathname + here.search)}` : '';
    return c.redirect(`/admin/login${next_}`, 303);
  });

  app.get('/', (c) => c.redirect('/admin/inbox', 303));
  app.route('/inbox/preview', previewRoutes(deps));
  app.route('/inbox', inboxRoutes(deps));
  app.route('/sources', sourcesRoutes(deps));
  app.route('/subscribers', subscribersRoutes(deps));
  app.route('/outbox', outboxRoutes(deps));
  app.route('/audit', auditRoutes(deps));
  app.route('/settings', settingsRoutes(deps));
  return app;
}
