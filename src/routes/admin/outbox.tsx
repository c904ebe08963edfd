// /admin/outbox: what was written instead of sent when no SMTP server is configured. Account email (a link
// into someone's account) is for administrators only, and even they see it with its one-time link hidden.
import { Hono, type Context } from 'hono';
import { hasRole } from '../../auth/session';
import type { AppDeps } from '../../deps';
import type { OutboxEntry } from '../../email/mailer';
import { t } from '../../i18n/desk-text';
import { readDistrictSettings } from '../../settings/district-settings';
import { OutboxListPage, OutboxMessagePage } from '../../views/admin/outbox-page';
import { adminPage, currentUser, type AdminEnv } from './context';

export function outboxRoutes(deps: AppDeps) {
  const app = new Hono<AdminEnv>();

  const mayRead = (c: Context<AdminEnv>, entry: OutboxEntry) =>
    !entry.account || hasRole(currentUser(c), 'admin');

  // Someone who may not read a message is told it does not exist, as for a wrong id.
  const readable = async (c: Context<AdminEnv>) => {
    const message = await deps.outbox?.read(c.req.param('id') ?? '');
    return message && mayRead(c, message) ? message : undefined;
  };

  app.get('/', async (c) => {
    const settings = await readDistrictSettings(deps.db);
    const entries = deps.outbox ? await deps.outbox.list(200) : [];
    return adminPage(deps, c, {
      title: t('desk.outbox.title'),
      section: 'outbox',
      body: (
        <OutboxListPage
          mailer={deps.outbox ? 'outbox' : deps.mailer.kind}
          entries={entries.filter((entry) => mayRead(c, entry))}
          timezone={settings.timezone}
        />
      ),
    });
  });

  app.get('/:id', async (c) => {
    const message = await readable(c);
    if (!message) return c.notFound();
    const settings = await readDistrictSettings(deps.db);
    return adminPage(deps, c, {
      title: message.subject,
      section: 'outbox',
      body: <OutboxMessagePage message={message} timezone={settings.timezone} />,
    });
  });

  app.get('/:id/html', async (c) => {
    const message = await readable(c);
    if (!message) return c.notFound();
    // Shown inside a sandboxed frame of the admin page: no scripts, no forms, a unique origin.
    c.header(
      'Content-Security-Policy',
      "sandbox; default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; frame-ancestors 'self'",
    );
    return c.html(message.html);
  });

  app.get('/:id/raw', async (c) => {
    const id = c.req.param('id');
    const raw = (await readable(c)) ? await deps.outbox?.raw(id) : undefined;
    if (!raw) return c.notFound();
    c.header('Content-Type', 'message/rfc822');
    c.header('Content-Disposition', `attachment; filename="${id}.eml"`);
    return c.body(raw as Uint8Array<ArrayBuffer>);
  });

  return app;
}
