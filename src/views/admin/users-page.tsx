// People: who can use the desk, in which role; invitations, password links, disabling.
import { MIN_PASSWORD_LENGTH } from '../../auth/password';
import type { ApiToken } from '../../db/api-tokens';
import { ROLES, type Role, type User } from '../../db/users';
import { rich, t } from '../../i18n/desk-text';
import { formatDateTime } from '../../time/format';
import { CsrfField } from '../admin-layout';

export function UsersPage(props: {
  users: User[];
  tokens: ApiToken[];
  me: User;
  csrfToken: string;
  timezone: string;
  /** An invitation as typed, when it was refused: the form shows it again. */
  invite?: { name: string; email: string; role: string };
}) {
  const typed = props.invite;
  return (
    <>
      <h1>{t('desk.users.title')}</h1>
      <p class="muted">{t('desk.users.lead')}</p>
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">{t('desk.users.person')}</th>
            <th scope="col">{t('desk.users.role')}</th>
            <th scope="col">{t('desk.users.lastSignIn')}</th>
            <th scope="col">
              <span class="muted">{t('desk.users.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((user) => (
            <tr>
              <td data-label={t('desk.users.person')}>
                <strong>{user.name || user.email}</strong>
                <div class="small muted">{user.email}</div>
                {user.disabled ? (
                  <span class="badge bad">{t('desk.users.cannotSignIn')}</span>
                ) : !user.passwordHash ? (
                  <span class="badge neutral">{t('desk.users.invited')}</span>
                ) : null}
              </td>
              <td data-label={t('desk.users.role')}>
                <form method="post" action={`/admin/users/${user.id}/role`} class="inline">
                  <CsrfField token={props.csrfToken} />
                  <label for={`role-${user.id}`} class="visually-hidden">
                    {t('desk.users.roleOf', { email: user.email })}
                  </label>
                  <select id={`role-${user.id}`} name="role">
                    {ROLES.map((role) => (
                      <option value={role} selected={role === user.role}>
                        {roleName(role)}
                      </option>
                    ))}
                  </select>
                  <button
                    type="submit"
                    class="secondary"
                    aria-label={t('desk.users.changeRoleOf', { email: user.email })}
                  >
                    {t('desk.users.changeRole')}
                  </button>
                </form>
              </td>
              <td data-label={t('desk.users.lastSignIn')} class="small">
                {user.lastLoginAt ? formatDateTime(user.lastLoginAt, props.timezone) : t('desk.users.never')}
              </td>
              <td>
                <div class="actions">
                  <form method="post" action={`/admin/users/${user.id}/password-link`}>
                    <CsrfField token={props.csrfToken} />
                    <button
                      type="submit"
                      class="secondary"
                      aria-label={t('desk.users.sendLinkTo', { email: user.email })}
                    >
                      {t('desk.users.sendLink')}
                    </button>
                  </form>
                  {user.id === props.me.id ? null : (
                    <form
                      method="post"
                      action={`/admin/users/${user.id}/${user.disabled ? 'enable' : 'disable'}`}
                    >
                      <CsrfField token={props.csrfToken} />
                      <button
                        type="submit"
                        class={user.disabled ? 'secondary' : 'danger'}
                        aria-label={
                          user.disabled
                            ? t('desk.users.allowFor', { email: user.email })
                            : t('desk.users.stopFor', { email: user.email })
                        }
                      >
                        {user.disabled ? t('desk.users.allow') : t('desk.users.stop')}
                      </button>
                    </form>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="invite">{t('desk.users.invite')}</h2>
      <form method="post" action="/admin/users" class="card">
        <CsrfField token={props.csrfToken} />
        <label for="invite-name">{t('desk.users.name')}</label>
        <input
          type="text"
          id="invite-name"
          name="name"
          required
          maxlength={120}
          autocomplete="off"
          value={typed?.name}
        />
        <label for="invite-email">{t('desk.users.email')}</label>
        <input
          type="email"
          id="invite-email"
          name="email"
          required
          maxlength={254}
          autocomplete="off"
          value={typed?.email}
        />
        <label for="invite-role">{t('desk.users.role')}</label>
        <select id="invite-role" name="role">
          {ROLES.map((role) => (
            <option value={role} selected={role === (typed?.role ?? 'editor')}>
              {roleName(role)}
            </option>
          ))}
        </select>
        <div class="actions">
          <button type="submit">{t('desk.users.sendInvitation')}</button>
        </div>
      </form>
      <ApiTokens
        tokens={props.tokens}
        users={props.users}
        csrfToken={props.csrfToken}
        timezone={props.timezone}
      />
    </>
  );
}

function ApiTokens(props: { tokens: ApiToken[]; users: User[]; csrfToken: string; timezone: string }) {
  const personOf = (id: number | null) => {
    const user = id === null ? undefined : props.users.find((u) => u.id === id);
    return user ? user.name || user.email : undefined;
  };
  return (
    <>
      <h2 id="tokens">{t('desk.users.tokens.title')}</h2>
      <p class="muted">{rich('desk.users.tokens.lead', { path: <code>/api/v1</code> })}</p>
      {props.tokens.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('desk.users.tokens.name')}</th>
              <th scope="col">{t('desk.users.role')}</th>
              <th scope="col">{t('desk.users.tokens.made')}</th>
              <th scope="col">{t('desk.users.tokens.lastUsed')}</th>
              <th scope="col">
                <span class="muted">{t('desk.users.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.tokens.map((token) => (
              <tr>
                <td>
                  <strong>{token.name}</strong>
                  {personOf(token.userId) ? (
                    <div class="small">{t('desk.users.tokens.of', { person: personOf(token.userId)! })}</div>
                  ) : null}
                  {token.revokedAt ? (
                    <div>
                      <span class="badge bad">
                        {t('desk.users.tokens.revoked', {
                          when: formatDateTime(token.revokedAt, props.timezone),
                        })}
                      </span>
                    </div>
                  ) : null}
                </td>
                <td>{roleName(token.role)}</td>
                <td class="small">{formatDateTime(token.createdAt, props.timezone)}</td>
                <td class="small">
                  {token.lastUsedAt
                    ? formatDateTime(token.lastUsedAt, props.timezone)
                    : t('desk.users.never')}
                </td>
                <td>
                  {token.revokedAt ? null : (
                    <form method="post" action={`/admin/users/tokens/${token.id}/revoke`}>
                      <CsrfField token={props.csrfToken} />
                      <button
                        type="submit"
                        class="danger"
                        aria-label={t('desk.users.tokens.revokeNamed', { name: token.name })}
                      >
                        {t('desk.users.tokens.revoke')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('desk.users.tokens.none')}</p>
      )}
      <form method="post" action="/admin/users/tokens" class="card">
        <CsrfField token={props.csrfToken} />
        <label for="token-name">{t('desk.users.tokens.what')}</label>
        <input
          type="text"
          id="token-name"
          name="name"
          required
          maxlength={120}
          autocomplete="off"
          placeholder={t('desk.users.tokens.example')}
        />
        <label for="token-person">{t('desk.users.tokens.for')}</label>
        <select id="token-person" name="person" aria-describedby="token-person-hint">
          <option value="">{t('desk.users.tokens.forProgram')}</option>
          {props.users
            .filter((user) => !user.disabled)
            .map((user) => (
              <option value={String(user.id)}>
                {user.name ? `${user.name} (${user.email})` : user.email}
              </option>
            ))}
        </select>
        <p class="hint" id="token-person-hint">
          {t('desk.users.tokens.forHint')}
        </p>
        <label for="token-role">{t('desk.users.role')}</label>
        <select id="token-role" name="role">
          {ROLES.map((role) => (
            <option value={role} selected={role === 'editor'}>
              {roleName(role)}
            </option>
          ))}
        </select>
        <div class="actions">
          <button type="submit" class="secondary">
            {t('desk.users.tokens.make')}
          </button>
        </div>
      </form>
    </>
  );
}

/** Shown once, right after a token is made: it is never shown again. */
export function NewTokenPage(props: { name: string; token: string }) {
  return (
    <>
      <p>
        <a href="/admin/users#tokens">{t('desk.users.tokens.back')}</a>
      </p>
      <h1>{t('desk.users.tokens.heading', { name: props.name })}</h1>
      <div class="card">
        <p>{rich('desk.users.tokens.copy', { header: <code>Authorization: Bearer …</code> })}</p>
        <label for="new-token">{t('desk.users.tokens.token')}</label>
        <input type="text" id="new-token" value={props.token} readonly class="mono" />
      </div>
    </>
  );
}

export function roleName(role: Role): string {
  return {
    admin: t('desk.users.roles.admin'),
    editor: t('desk.users.roles.editor'),
    contributor: t('desk.users.roles.contributor'),
  }[role];
}

export function AccountPage(props: { me: User; csrfToken: string }) {
  return (
    <>
      <h1>{t('desk.account.mine.title')}</h1>
      <div class="card">
        <dl class="kv">
          <dt>{t('desk.account.mine.email')}</dt>
          <dd>{props.me.email}</dd>
          <dt>{t('desk.account.mine.role')}</dt>
          <dd>{roleName(props.me.role)}</dd>
        </dl>
      </div>
      <h2>{t('desk.account.mine.changePassword')}</h2>
      <form method="post" action="/admin/account/password" class="card">
        <CsrfField token={props.csrfToken} />
        <label for="current">{t('desk.account.mine.current')}</label>
        <input type="password" id="current" name="current" autocomplete="current-password" required />
        <label for="password">{t('desk.account.mine.password')}</label>
        <input
          type="password"
          id="password"
          name="password"
          autocomplete="new-password"
          required
          minlength={MIN_PASSWORD_LENGTH}
        />
        <label for="confirm">{t('desk.account.mine.confirm')}</label>
        <input type="password" id="confirm" name="confirm" autocomplete="new-password" required />
        <div class="actions">
          <button type="submit">{t('desk.account.mine.button')}</button>
        </div>
      </form>
      <h2>{t('desk.account.mine.everywhere')}</h2>
      <form method="post" action="/admin/account/sign-out-everywhere" class="card">
        <CsrfField token={props.csrfToken} />
        <p>{t('desk.account.mine.everywhereText')}</p>
        <button type="submit" class="danger">
          {t('desk.account.mine.everywhere')}
        </button>
      </form>
    </>
  );
}

export function ForgotPage(props: { csrfToken: string; sent?: boolean }) {
  return (
    <div class="card login">
      <h1>{t('desk.account.forgot.title')}</h1>
      {props.sent ? (
        <p role="status">{t('desk.account.forgot.sent')}</p>
      ) : (
        <form method="post" action="/admin/forgot">
          <CsrfField token={props.csrfToken} />
          <label for="email">{t('desk.account.forgot.email')}</label>
          <input type="email" id="email" name="email" autocomplete="username" required />
          <div class="actions">
            <button type="submit">{t('desk.account.forgot.button')}</button>
          </div>
        </form>
      )}
      <p class="small">
        <a href="/admin/login">{t('desk.account.forgot.back')}</a>
      </p>
    </div>
  );
}
