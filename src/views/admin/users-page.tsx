// People: who can use the desk, in which role; invitations, password links, disabling.
import type { ApiToken } from '../../db/api-tokens';
import { ROLES, type Role, type User } from '../../db/users';
import { formatDateTime } from '../../time/format';
import { CsrfField } from '../admin-layout';

export function UsersPage(props: {
  users: User[];
  tokens: ApiToken[];
  me: User;
  csrfToken: string;
  timezone: string;
}) {
  return (
    <>
      <h1>People</h1>
      <p class="muted">
        Administrators manage people and settings; editors curate and publish; contributors curate and submit
        for review.
      </p>
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Role</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">
              <span class="muted">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((user) => (
            <tr>
              <td data-label="Person">
                <strong>{user.name || user.email}</strong>
                <div class="small muted">{user.email}</div>
                {user.disabled ? (
                  <span class="badge bad">Cannot sign in</span>
                ) : !user.passwordHash ? (
                  <span class="badge neutral">Invited</span>
                ) : null}
              </td>
              <td data-label="Role">
                <form method="post" action={`/admin/users/${user.id}/role`} class="inline">
                  <CsrfField token={props.csrfToken} />
                  <label for={`role-${user.id}`} class="visually-hidden">
                    Role of {user.email}
                  </label>
                  <select id={`role-${user.id}`} name="role">
                    {ROLES.map((role) => (
                      <option value={role} selected={role === user.role}>
                        {roleName(role)}
                      </option>
                    ))}
                  </select>
                  <button type="submit" class="secondary" aria-label={`Change role: ${user.email}`}>
                    Change role
                  </button>
                </form>
              </td>
              <td data-label="Last sign-in" class="small">
                {user.lastLoginAt ? formatDateTime(user.lastLoginAt, props.timezone) : 'Never'}
              </td>
              <td>
                <div class="actions">
                  <form method="post" action={`/admin/users/${user.id}/password-link`}>
                    <CsrfField token={props.csrfToken} />
                    <button
                      type="submit"
                      class="secondary"
                      aria-label={`Send a password link: ${user.email}`}
                    >
                      Send a password link
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
                        aria-label={`${user.disabled ? 'Allow sign-in' : 'Stop sign-in'}: ${user.email}`}
                      >
                        {user.disabled ? 'Allow sign-in' : 'Stop sign-in'}
                      </button>
                    </form>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="invite">Invite someone</h2>
      <form method="post" action="/admin/users" class="card">
        <CsrfField token={props.csrfToken} />
        <label for="invite-name">Name</label>
        <input type="text" id="invite-name" name="name" required maxlength={120} autocomplete="off" />
        <label for="invite-email">Email</label>
        <input type="email" id="invite-email" name="email" required maxlength={254} autocomplete="off" />
        <label for="invite-role">Role</label>
        <select id="invite-role" name="role">
          {ROLES.map((role) => (
            <option value={role} selected={role === 'editor'}>
              {roleName(role)}
            </option>
          ))}
        </select>
        <div class="actions">
          <button type="submit">Send invitation</button>
        </div>
      </form>
      <ApiTokens tokens={props.tokens} csrfToken={props.csrfToken} timezone={props.timezone} />
    </>
  );
}

function ApiTokens(props: { tokens: ApiToken[]; csrfToken: string; timezone: string }) {
  return (
    <>
      <h2 id="tokens">API tokens</h2>
      <p class="muted">
        Programs (the district website, a script) use the JSON API at <code>/api/v1</code> with a token. A
        token acts with its role, under the same checks as a person.
      </p>
      {props.tokens.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Made</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span class="muted">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.tokens.map((token) => (
              <tr>
                <td>
                  <strong>{token.name}</strong>
                  {token.revokedAt ? (
                    <div>
                      <span class="badge bad">Revoked {formatDateTime(token.revokedAt, props.timezone)}</span>
                    </div>
                  ) : null}
                </td>
                <td>{roleName(token.role)}</td>
                <td class="small">{formatDateTime(token.createdAt, props.timezone)}</td>
                <td class="small">
                  {token.lastUsedAt ? formatDateTime(token.lastUsedAt, props.timezone) : 'Never'}
                </td>
                <td>
                  {token.revokedAt ? null : (
                    <form method="post" action={`/admin/users/tokens/${token.id}/revoke`}>
                      <CsrfField token={props.csrfToken} />
                      <button type="submit" class="danger" aria-label={`Revoke token: ${token.name}`}>
                        Revoke
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>No tokens yet.</p>
      )}
      <form method="post" action="/admin/users/tokens" class="card">
        <CsrfField token={props.csrfToken} />
        <label for="token-name">What will use it</label>
        <input
          type="text"
          id="token-name"
          name="name"
          required
          maxlength={120}
          autocomplete="off"
          placeholder="District website"
        />
        <label for="token-role">Role</label>
        <select id="token-role" name="role">
          {ROLES.map((role) => (
            <option value={role} selected={role === 'editor'}>
              {roleName(role)}
            </option>
          ))}
        </select>
        <div class="actions">
          <button type="submit" class="secondary">
            Make a token
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
        <a href="/admin/users#tokens">← People</a>
      </p>
      <h1>Token for “{props.name}”</h1>
      <div class="card">
        <p>
          Copy it now: only a fingerprint is kept, so it cannot be shown again. Send it as{' '}
          <code>Authorization: Bearer …</code>.
        </p>
        <label for="new-token">Token</label>
        <input type="text" id="new-token" value={props.token} readonly class="mono" />
      </div>
    </>
  );
}

export function roleName(role: Role): string {
  return { admin: 'Administrator', editor: 'Editor', contributor: 'Contributor' }[role];
}

export function AccountPage(props: { me: User; csrfToken: string }) {
  return (
    <>
      <h1>My account</h1>
      <div class="card">
        <dl class="kv">
          <dt>Email</dt>
          <dd>{props.me.email}</dd>
          <dt>Role</dt>
          <dd>{roleName(props.me.role)}</dd>
        </dl>
      </div>
      <h2>Change my password</h2>
      <form method="post" action="/admin/account/password" class="card">
        <CsrfField token={props.csrfToken} />
        <label for="current">Current password</label>
        <input type="password" id="current" name="current" autocomplete="current-password" required />
        <label for="password">New password</label>
        <input
          type="password"
          id="password"
          name="password"
          autocomplete="new-password"
          required
          minlength={12}
        />
        <label for="confirm">Type it again</label>
        <input type="password" id="confirm" name="confirm" autocomplete="new-password" required />
        <div class="actions">
          <button type="submit">Change password</button>
        </div>
      </form>
      <h2>Sign out everywhere</h2>
      <form method="post" action="/admin/account/sign-out-everywhere" class="card">
        <CsrfField token={props.csrfToken} />
        <p>Ends every session of your account, on every device, including this one.</p>
        <button type="submit" class="danger">
          Sign out everywhere
        </button>
      </form>
    </>
  );
}

export function ForgotPage(props: { csrfToken: string; sent?: boolean }) {
  return (
    <div class="card login">
      <h1>Forgot your password?</h1>
      {props.sent ? (
        <p role="status">
          If an account exists for that address, an email with a link to choose a new password is on its way.
        </p>
      ) : (
        <form method="post" action="/admin/forgot">
          <CsrfField token={props.csrfToken} />
          <label for="email">Your email</label>
          <input type="email" id="email" name="email" autocomplete="username" required />
          <div class="actions">
            <button type="submit">Send me a link</button>
          </div>
        </form>
      )}
      <p class="small">
        <a href="/admin/login">Back to sign in</a>
      </p>
    </div>
  );
}
