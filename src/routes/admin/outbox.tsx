// /admin/outbox: what was written instead of sent when no SMTP server is configured.
import { Hono } from 'hono';
import type { AppDeps } from '../../deps';
import { readDistrictSettings } from '../../settings/district-settings';
import { OutboxListPage, OutboxMessagePage } from '../../views/admin/outbox-page';
import { adminPage, type AdminEnv } from './context';

export function outboxRoutes(deps: AppDeps) {
  const app = new Hono<AdminEnv>();

  app.get('/', async (c) => {
    const settings = await readDistrictSettings(deps.db);
    const entries = deps.outbox ? await deps.outbox.list(200) : [];
    return adminPage(deps, c, {
      title: 'Outbox',
      section: 'outbox',
      body: <OutboxListPage enabled={!!deps.outbox} entries={entries} timezone={settings.timezone} />,
    });
  });

  app.get('/:id', async (c) => {
    const message = await deps.outbox?.read(c.req.param('id'));
    if (!message) return c.notFound();
    const settings = await readDistrictSettings(deps.db);
    return adminPage(deps, c, {
      title: message.subject,
      section: 'outbox',
      body: <OutboxMessagePage message={message} timezone={settings.timezone} />,
    });
  });

  app.get('/:id/html', async (c) => {
    const message = await deps.outbox?.read(c.req.param('id'));
    if (!message) return c.notFound();
    // Shown inside a sandboxed frame of the admin page: no scripts, no forms, a unique origin.
    c.header(
      'Content-Security-Policy',
      "sandbox; default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; frame-ancestors 'self'",
    );
    return c.html(message.html);
  });

  app.get('/:id/raw', async (c) => {
    const raw = await deps.outbox?.raw(c.req.param('id'));
    if (!raw) return c.notFound();
    c.header('Content-Type', 'message/rfc822');
    c.header('Content-Disposition', `attachment; filename="${c.req.param('id')}.eml"`);
    return c.body(raw as Uint8Array<ArrayBuffer>);
  });

  return app;
}
