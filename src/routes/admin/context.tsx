// Shared pieces of the admin sub-apps: the Hono env, the audit actor of a request, page rendering.
import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { CsrfVariables } from '../../auth/csrf';
import type { DeskActor } from '../../curate/desk';
import type { Actor } from '../../db/audit';
import type { User } from '../../db/users';
import type { AppDeps } from '../../deps';
import { readDistrictSettings } from '../../settings/district-settings';
import { AdminLayout, type AdminSection, type Flash } from '../../views/admin-layout';
import { renderPage } from '../../views/render';
import { takeFlash } from '../flash';

export type AdminEnv = { Variables: CsrfVariables };

export function actorOf(deps: AppDeps, c: Context<AdminEnv>): Actor {
  const user = c.get('user');
  return { type: 'user', id: user?.id ?? null, label: user?.email ?? 'unknown', ip: deps.clientIp(c) };
}

/** Who acts at the desk: the signed-in person, with their role. */
export function deskActorOf(deps: AppDeps, c: Context<AdminEnv>): DeskActor {
  const user = currentUser(c);
  return { ...actorOf(deps, c), role: user.role, userId: user.id, email: user.email };
}

export function currentUser(c: Context<AdminEnv>): User {
  const user = c.get('user');
  if (!user) throw new Error('admin: a signed-in user was expected here');
  return user;
}

export async function adminPage(
  deps: AppDeps,
  c: Context<AdminEnv>,
  page: {
    title: string;
    section: AdminSection;
    body: JSX.Element;
    status?: 200 | 400 | 403 | 404 | 409 | 422;
    /** A message for this response itself (when the page is rendered instead of redirected to). */
    flash?: Flash;
  },
) {
  const settings = await readDistrictSettings(deps.db);
  const flash = page.flash ?? (await takeFlash(c, deps.signingKey));
  return renderPage(
    c,
    <AdminLayout
      title={page.title}
      districtName={settings.districtName}
      user={c.get('user')}
      csrfToken={c.get('csrfToken')}
      section={page.section}
      flash={flash}
    >
      {page.body}
    </AdminLayout>,
    page.status,
  );
}
