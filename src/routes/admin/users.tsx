// /admin/users (administrators): people and roles. /admin/account (everyone): password and sessions.
import { Hono, type Context } from 'hono';
import {
  changeUser,
  inviteUser,
  replacePassword,
  sendPasswordLink,
  signOutEverywhere,
  type AccountDeps,
} from '../../auth/accounts';
import { passwordProblem } from '../../auth/password';
import { checkCurrentPassword } from '../../auth/login';
import { endSession } from '../../auth/session';
import { findUserById, listUsers, ROLES, type Role } from '../../db/users';
import type { AppDeps } from '../../deps';
import { t } from '../../i18n/desk-text';
import { readDistrictSettings, siteOf } from '../../settings/district-settings';
import { AccountPage, NewTokenPage, UsersPage } from '../../views/admin/users-page';
import { createApiToken, revokeApiToken } from '../../auth/api-tokens';
import { listApiTokens } from '../../db/api-tokens';
import { redirectWith } from '../flash';
import { field, readForm, secretField } from '../form';
import { actorOf, adminPage, currentUser, type AdminEnv } from './context';

export async function accountDepsOf(deps: AppDeps): Promise<AccountDeps> {
  const settings = await readDistrictSettings(deps.db);
  return {
    db: deps.db,
    mailer: deps.mailer,
    mailFrom: deps.config.mailFrom,
    site: siteOf(settings, deps.config.publicUrl),
    now: () => deps.clock.now(),
  };
}

export function usersRoutes(deps: AppDeps) {
  const app = new Hono<AdminEnv>();

  /**
   * The People page; with `flash`, answering a form itself rather than through a redirect; with `invite`, an
   * invitation refused, shown again as typed.
   */
  const usersPage = async (
    c: Context<AdminEnv>,
    flash?: { kind: 'ok' | 'error'; text: string },
    invite?: { name: string; email: string; role: string },
  ) => {
    const [users, tokens, settings] = await Promise.all([
      listUsers(deps.db),
      listApiTokens(deps.db),
      readDistrictSettings(deps.db),
    ]);
    return adminPage(deps, c, {
      title: t('desk.users.title'),
      section: 'users',
      flash,
      status: invite ? 422 : undefined,
      body: (
        <UsersPage
          users={users}
          tokens={tokens}
          me={currentUser(c)}
          csrfToken={c.get('csrfToken')}
          timezone={settings.timezone}
          invite={invite}
        />
      ),
    });
  };

  app.get('/', (c) => usersPage(c));

  // The one-time link is shown to the administrator too, for when email does not arrive: in this response,
  // never in a redirect's flash cookie, where it would travel and wait readable for a while (as a new token).
  const done = async (c: Context<AdminEnv>, outcome: { ok: boolean; message: string; link?: string }) => {
    const kind = outcome.ok ? ('ok' as const) : ('error' as const);
    if (!outcome.link)
      return redirectWith(c, deps.signingKey, '/admin/users', { kind, text: outcome.message });
    c.header('Cache-Control', 'no-store');
    return usersPage(c, {
      kind,
      text: t('desk.users.withLink', { message: outcome.message, link: outcome.link }),
    });
  };

  app.post('/', async (c) => {
    const form = await readForm(c);
    const role = field(form, 'role') as Role;
    if (!ROLES.includes(role))
      return redirectWith(c, deps.signingKey, '/admin/users#invite', {
        kind: 'error',
        text: t('desk.users.chooseRole'),
      });
    const typed = { email: field(form, 'email', 254), name: field(form, 'name', 120), role };
    const outcome = await inviteUser(await accountDepsOf(deps), actorOf(deps, c), typed);
    // Refused (the address has an account already, say): the form again as typed, with the sentence why.
    if (!outcome.ok) return usersPage(c, { kind: 'error', text: outcome.message }, typed);
    return done(c, outcome);
  });

  app.post('/:id/role', async (c) => {
    const role = field(await readForm(c), 'role') as Role;
    if (!ROLES.includes(role))
      return redirectWith(c, deps.signingKey, '/admin/users', {
        kind: 'error',
        text: t('desk.users.chooseRole'),
      });
    return done(
      c,
      await changeUser(await accountDepsOf(deps), actorOf(deps, c), Number(c.req.param('id')), { role }),
    );
  });

  for (const [path, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(`/:id/${path}`, async (c) =>
      done(
        c,
        await changeUser(await accountDepsOf(deps), actorOf(deps, c), Number(c.req.param('id')), {
          disabled,
        }),
      ),
    );
  }

  app.post('/:id/password-link', async (c) =>
    done(c, await sendPasswordLink(await accountDepsOf(deps), actorOf(deps, c), Number(c.req.param('id')))),
  );

  // The new token is rendered into this response, never put in a redirect or a cookie.
  app.post('/tokens', async (c) => {
    const form = await readForm(c);
    const name = field(form, 'name', 120).trim();
    const role = field(form, 'role') as Role;
    if (!name || !ROLES.includes(role))
      return redirectWith(c, deps.signingKey, '/admin/users#tokens', {
        kind: 'error',
        text: t('desk.users.tokens.nameAndRole'),
      });
    const personId = field(form, 'person');
    const person = /^[0-9]{1,12}$/.test(personId) ? await findUserById(deps.db, Number(personId)) : undefined;
    if (personId && (!person || person.disabled))
      return redirectWith(c, deps.signingKey, '/admin/users#tokens', {
        kind: 'error',
        text: t('desk.users.tokens.noSuchPerson'),
      });
    const { token } = await createApiToken(
      deps.db,
      { name, role, userId: person?.id ?? null },
      actorOf(deps, c),
      deps.clock.now(),
    );
    c.header('Cache-Control', 'no-store');
    return adminPage(deps, c, {
      title: t('desk.users.tokens.newTitle'),
      section: 'users',
      body: <NewTokenPage name={name} token={token} />,
    });
  });

  app.post('/tokens/:id{[0-9]+}/revoke', async (c) => {
    const revoked = await revokeApiToken(
      deps.db,
      Number(c.req.param('id')),
      actorOf(deps, c),
      deps.clock.now(),
    );
    return redirectWith(c, deps.signingKey, '/admin/users#tokens', {
      kind: revoked ? 'ok' : 'error',
      text: revoked
        ? t('desk.users.tokens.noLonger', { name: revoked.name })
        : t('desk.users.tokens.unknown'),
    });
  });

  return app;
}

export function accountRoutesSignedIn(deps: AppDeps) {
  const app = new Hono<AdminEnv>();

  app.get('/', (c) =>
    adminPage(deps, c, {
      title: t('desk.account.mine.title'),
      section: 'account',
      body: <AccountPage me={currentUser(c)} csrfToken={c.get('csrfToken')} />,
    }),
  );

  app.post('/password', async (c) => {
    const me = currentUser(c);
    const form = await readForm(c);
    const password = secretField(form, 'password', 1024);
    const fail = (text: string) =>
      redirectWith(c, deps.signingKey, '/admin/account', { kind: 'error', text });
    const current = await checkCurrentPassword(
      deps,
      me,
      secretField(form, 'current', 1024),
      deps.clientIp(c),
    );
    if (!current.ok) return fail(current.message);
    const weak = passwordProblem(password);
    if (weak) return fail(weak);
    if (password !== field(form, 'confirm', 1024)) return fail(t('desk.account.mine.notSame'));
    await replacePassword(
      await accountDepsOf(deps),
      actorOf(deps, c),
      me,
      await deps.passwords.hash(password),
      {
        by: 'account-page',
        keepSession: c.get('session')!.idHash,
      },
    );
    return redirectWith(c, deps.signingKey, '/admin/account', {
      kind: 'ok',
      text: t('desk.account.mine.changed'),
    });
  });

  app.post('/sign-out-everywhere', async (c) => {
    await signOutEverywhere(await accountDepsOf(deps), actorOf(deps, c), currentUser(c));
    await endSession(deps, c, undefined);
    return c.redirect('/admin/login', 303);
  });

  return app;
}
