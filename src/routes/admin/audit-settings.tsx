// /admin/audit and /admin/settings.
import { Hono } from 'hono';
import { recordAudit, listAudit } from '../../db/audit';
import type { AppDeps } from '../../deps';
import {
  changeSetting,
  listSettings,
  readDistrictSettings,
  SETTING_DEFINITIONS,
} from '../../settings/district-settings';
import { AuditPage } from '../../views/admin/audit-page';
import { SettingsPage } from '../../views/admin/settings-page';
import { redirectWith } from '../flash';
import { field, readForm } from '../form';
import { actorOf, adminPage, type AdminEnv } from './context';

const AUDIT_ACTIONS = [
  'digest.publish',
  'source.add',
  'settings.change',
  'subscriber.confirm',
  'subscriber.unsubscribe',
  'user.login',
  'user.login_failed',
  'user.setup',
  'user.set_password',
];

export function auditRoutes(deps: AppDeps) {
  const app = new Hono<AdminEnv>();
  app.get('/', async (c) => {
    const action = c.req.query('action') ?? '';
    const beforeId = Number(c.req.query('before')) || undefined;
    const [entries, settings] = await Promise.all([
      listAudit(deps.db, { action: action || undefined, beforeId, limit: 100 }),
      readDistrictSettings(deps.db),
    ]);
    const last = entries.at(-1);
    const olderHref =
      entries.length === 100 && last
        ? `/admin/audit?${new URLSearchParams({ action, before: String(last.id) })}`
        : undefined;
    return adminPage(deps, c, {
      title: 'Audit log',
      section: 'audit',
      body: (
        <AuditPage
          entries={entries}
          actions={AUDIT_ACTIONS}
          action={action}
          timezone={settings.timezone}
          olderHref={olderHref}
        />
      ),
    });
  });
  return app;
}

export function settingsRoutes(deps: AppDeps) {
  const app = new Hono<AdminEnv>();
  app.get('/', async (c) => {
    const current = new Map((await listSettings(deps.db)).map((s) => [s.key, s.value]));
    const rows = SETTING_DEFINITIONS.map((d) => ({
      key: d.key,
      label: d.label,
      help: d.help,
      value: current.get(d.key) ?? d.fallback,
    }));
    return adminPage(deps, c, {
      title: 'Settings',
      section: 'settings',
      body: <SettingsPage rows={rows} csrfToken={c.get('csrfToken')} />,
    });
  });
  app.post('/', async (c) => {
    const form = await readForm(c);
    const before = new Map((await listSettings(deps.db)).map((s) => [s.key, s.value]));
    const problems: string[] = [];
    const changed: Record<string, string> = {};
    for (const definition of SETTING_DEFINITIONS) {
      const value = field(form, definition.key, 500);
      if (value === before.get(definition.key)) continue;
      const result = await changeSetting(deps.db, definition.key, value, deps.clock.now());
      if (result.ok) changed[definition.key] = value;
      else problems.push(result.message);
    }
    if (Object.keys(changed).length) {
      await recordAudit(
        deps.db,
        actorOf(deps, c),
        { action: 'settings.change', subjectType: 'settings', details: changed },
        deps.clock.now(),
      );
    }
    if (problems.length)
      return redirectWith(c, deps.signingKey, '/admin/settings', {
        kind: 'error',
        text: `Not saved: ${problems.join(' ')}`,
      });
    return redirectWith(c, deps.signingKey, '/admin/settings', { kind: 'ok', text: 'Settings saved.' });
  });
  return app;
}
