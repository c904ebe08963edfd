// Getting in: /admin/login, /admin/logout, /setup (first administrator), /set-password (invited users).
import { Hono, type Context } from 'hono';
import { attemptLogin } from '../auth/login';
import { passwordProblem } from '../auth/password';
import { endSession, startSession } from '../auth/session';
import { sha256Hex } from '../auth/tokens';
import { recordAudit } from '../db/audit';
import {
  countUsers,
  findUserById,
  findUsableUserToken,
  hasPasswordsOfScheme,
  insertUser,
  recordLogin,
  spendUserToken,
} from '../db/users';
import type { AppDeps } from '../deps';
import { t } from '../i18n/desk-text';
import { checkEmailAddress } from '../email/email-address';
import { LinkProblemPage, LoginPage, SetPasswordPage } from '../views/admin/account-pages';
import { ForgotPage } from '../views/admin/users-page';
import { replacePassword, requestPasswordLink } from '../auth/accounts';
import { field, readForm, safeNextPath, secretField } from './form';
import { adminPage, type AdminEnv } from './admin/context';

/**
 * On Workers, after a move from a server: passwords set there (scrypt) cannot be checked, which the sign-in
 * page says to everyone while any active account still has one (it names no account).
 */
async function movedNote(deps: AppDeps): Promise<string | undefined> {
  const scheme = deps.passwords.cannotCheck;
  if (!scheme || !(await hasPasswordsOfScheme(deps.db, scheme))) return undefined;
  return t('desk.account.signIn.moved');
}

export function accountRoutes(deps: AppDeps) {
  const app = new Hono<AdminEnv>();

  app.get('/admin/login', async (c) => {
    if (c.get('user')) return c.redirect(safeNextPath(c.req.query('next'), '/admin/inbox'), 303);
    return adminPage(deps, c, {
      title: t('desk.account.signIn.title'),
      section: 'none',
      body: (
        <LoginPage csrfToken={c.get('csrfToken')} next={c.req.query('next')} note={await movedNote(deps)} />
      ),
    });
  });

  app.post('/admin/login', async (c) => {
    const form = await readForm(c);
    const email = field(form, 'email', 254);
    const outcome = await attemptLogin(deps, email, secretField(form, 'password', 1024), deps.clientIp(c));
    if (!outcome.ok) {
      return adminPage(deps, c, {
        title: t('desk.account.signIn.title'),
        section: 'none',
        status: 400,
        body: (
          <LoginPage
            csrfToken={c.get('csrfToken')}
            email={email}
            error={outcome.message}
            next={c.req.query('next')}
            note={await movedNote(deps)}
          />
        ),
      });
    }
    await endSession(deps, c, c.get('session'));
    await startSession(deps, c, outcome.user, deps.clientIp(c));
    return c.redirect(safeNextPath(c.req.query('next'), '/admin/inbox'), 303);
  });

  app.get('/admin/forgot', (c) =>
    adminPage(deps, c, {
      title: t('desk.account.forgot.title'),
      section: 'none',
      body: <ForgotPage csrfToken={c.get('csrfToken')} sent={c.req.query('sent') === '1'} />,
    }),
  );

  app.post('/admin/forgot', async (c) => {
    const email = field(await readForm(c), 'email', 254);
    await requestPasswordLink(
      { db: deps.db, now: () => deps.clock.now(), wakeSender: () => deps.background.wakeSender() },
      email,
      deps.clientIp(c),
    );
    return c.redirect('/admin/forgot?sent=1', 303);
  });

  app.post('/admin/logout', async (c) => {
    await endSession(deps, c, c.get('session'));
    // What the desk kept in this tab (typing not yet saved when a page was left) goes with the session, from
    // whichever page the person signs out.
    c.header('Clear-Site-Data', '"storage"');
    return c.redirect('/admin/login', 303);
  });

  const linkPage = (
    c: Context<AdminEnv>,
    purpose: 'setup' | 'set-password',
    error?: string,
    values?: { email?: string; name?: string },
  ) =>
    adminPage(deps, c, {
      title: purpose === 'setup' ? t('desk.account.link.setupTitle') : t('desk.account.link.passwordTitle'),
      section: 'none',
      status: error ? 400 : 200,
      body: (
        <SetPasswordPage
          csrfToken={c.get('csrfToken')}
          action={`/${purpose}?token=${encodeURIComponent(c.req.query('token') ?? '')}`}
          heading={
            purpose === 'setup' ? t('desk.account.link.setupHeading') : t('desk.account.link.passwordHeading')
          }
          intro={
            purpose === 'setup' ? t('desk.account.link.setupIntro') : t('desk.account.link.passwordIntro')
          }
          askEmail={purpose === 'setup'}
          error={error}
          {...values}
        />
      ),
    });

  const problem = async (c: Context<AdminEnv>, purpose: 'setup' | 'set-password') => {
    // Before anyone has an account there is no administrator to ask: the server's latest link is the way in.
    const accounts = purpose === 'setup' ? await countUsers(deps.db) : 0;
    return adminPage(deps, c, {
      title: t('desk.account.link.expiredTitle'),
      section: 'none',
      status: 404,
      body: (
        <LinkProblemPage
          message={
            purpose === 'set-password'
              ? t('desk.account.link.expired')
              : accounts === 0
                ? t('desk.account.link.setupReplaced')
                : t('desk.account.link.setupDone')
          }
        />
      ),
    });
  };

  const findToken = async (c: Context<AdminEnv>, purpose: 'setup' | 'set-password') => {
    const token = c.req.query('token');
    if (!token || token.length > 100) return undefined;
    // The setup link makes the first administrator: once anyone has an account it leads nowhere.
    if (purpose === 'setup' && (await countUsers(deps.db)) > 0) return undefined;
    return findUsableUserToken(deps.db, await sha256Hex(token), purpose, deps.clock.now());
  };

  for (const purpose of ['setup', 'set-password'] as const) {
    app.get(`/${purpose}`, async (c) =>
      (await findToken(c, purpose)) ? linkPage(c, purpose) : problem(c, purpose),
    );

    app.post(`/${purpose}`, async (c) => {
      const token = await findToken(c, purpose);
      if (!token) return problem(c, purpose);
      const form = await readForm(c);
      const password = secretField(form, 'password', 1024);
      const email = field(form, 'email', 254);
      const name = field(form, 'name', 120);
      const weak = passwordProblem(password);
      if (weak) return linkPage(c, purpose, weak, { email, name });
      if (password !== field(form, 'confirm', 1024))
        return linkPage(c, purpose, t('desk.account.link.notSame'), { email, name });
      if (purpose === 'setup') {
        const checked = checkEmailAddress(email);
        if (!checked.ok) return linkPage(c, purpose, checked.message, { email, name });
        if (!name) return linkPage(c, purpose, t('desk.account.link.nameMissing'), { email, name });
      }
      const hash = await deps.passwords.hash(password);
      const now = deps.clock.now();
      if (!(await spendUserToken(deps.db, token.id, now))) return problem(c, purpose);
      const user =
        purpose === 'setup'
          ? await insertUser(deps.db, { email, name, role: 'admin', passwordHash: hash }, now)
          : await findUserById(deps.db, token.userId!);
      if (!user) return problem(c, purpose);
      const ip = deps.clientIp(c);
      const actor = { type: 'user' as const, id: user.id, label: user.email, ip };
      // A password link is how a lost or stolen password is replaced: nobody stays signed in with the old one.
      if (purpose === 'set-password')
        await replacePassword({ db: deps.db, now: () => now }, actor, user, hash, { by: 'password-link' });
      else
        await recordAudit(
          deps.db,
          actor,
          { action: 'user.setup', subjectType: 'user', subjectId: user.id },
          now,
        );
      await recordLogin(deps.db, user.id, now);
      await startSession(deps, c, user, ip);
      // The district's first account adds the teachers' feeds first; anyone else starts where the day's work is
      // (Sources is for editors and administrators: an invited contributor would meet a refusal there).
      return c.redirect(purpose === 'setup' ? '/admin/sources' : '/admin/inbox', 303);
    });
  }

  return app;
}
