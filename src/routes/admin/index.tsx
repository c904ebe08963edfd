// The signed-in area under /admin: every page needs a session, and each section a least role (the same
// table the navigation is drawn from, views/admin-layout.tsx).
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { hasRole } from '../../auth/session';
import { t } from '../../i18n/desk-text';
import type { AppDeps } from '../../deps';
import { SECTIONS } from '../../views/admin-layout';
import { type AdminEnv } from './context';
import { auditRoutes, settingsRoutes } from './audit-settings';
import { deskPictureRoutes } from './desk-pictures';
import { inboxRoutes } from './inbox';
import { translationRoutes } from './translations';
import { previewRoutes } from './preview';
import { outboxRoutes } from './outbox';
import { socialRoutes } from './social';
import { sourcesRoutes } from './sources';
import { coverageRoutes } from './coverage';
import { subscribersRoutes } from './subscribers';
import { accountRoutesSignedIn, usersRoutes } from './users';

export function adminRoutes(deps: AppDeps) {
  const app = new Hono<AdminEnv>();

  app.use('*', async (c, next) => {
    if (c.get('user')) return next();
    const here = new URL(c.req.url);
    const next_ = c.req.method === 'GET' ? `?next=${encodeURIComponent(here.pathname + here.search)}` : '';
    return c.redirect(`/admin/login${next_}`, 303);
  });

  for (const section of SECTIONS) {
    const path = section.href.replace('/admin', '');
    app.use(`${path}/*`, async (c, next) => {
      if (!hasRole(c.get('user')!, section.role)) {
        throw new HTTPException(403, {
          message:
            section.role === 'admin'
              ? t('desk.layout.forAdministrators', { section: section.label })
              : t('desk.layout.forEditors', { section: section.label }),
        });
      }
      await next();
    });
  }

  app.get('/', (c) => c.redirect('/admin/inbox', 303));
  app.route('/inbox/preview', previewRoutes(deps));
  app.route('/inbox/pictures', deskPictureRoutes(deps));
  app.route('/inbox', inboxRoutes(deps));
  app.route('/translations', translationRoutes(deps));
  app.route('/sources', sourcesRoutes(deps));
  app.route('/coverage', coverageRoutes(deps));
  app.route('/subscribers', subscribersRoutes(deps));
  app.route('/outbox', outboxRoutes(deps));
  app.route('/audit', auditRoutes(deps));
  app.route('/settings/social', socialRoutes(deps));
  app.route('/settings', settingsRoutes(deps));
  app.route('/users', usersRoutes(deps));
  app.route('/account', accountRoutesSignedIn(deps));
  return app;
}
