// Pages for getting in: sign in, create the first administrator, set a password from a one-time link.
import { MIN_PASSWORD_LENGTH } from '../../auth/password';
import { t } from '../../i18n/desk-text';
import { CsrfField } from '../admin-layout';

export function LoginPage(props: {
  csrfToken: string;
  email?: string;
  error?: string;
  next?: string;
  /** A sentence for everyone who signs in, such as that passwords from before a move no longer work. */
  note?: string;
}) {
  return (
    <div class="card login">
      <h1>{t('desk.account.signIn.heading')}</h1>
      {props.error ? (
        <div class="flash error" role="alert">
          {props.error}
        </div>
      ) : null}
      <form
        method="post"
        action={`/admin/login${props.next ? `?next=${encodeURIComponent(props.next)}` : ''}`}
      >
        <CsrfField token={props.csrfToken} />
        <label for="email">{t('desk.account.signIn.email')}</label>
        <input
          type="email"
          id="email"
          name="email"
          autocomplete="username"
          required
          value={props.email ?? ''}
        />
        <label for="password">{t('desk.account.signIn.password')}</label>
        <input type="password" id="password" name="password" autocomplete="current-password" required />
        <div class="actions">
          <button type="submit">{t('desk.account.signIn.button')}</button>
        </div>
      </form>
      <p class="small">
        <a href="/admin/forgot">{t('desk.account.signIn.forgot')}</a>
      </p>
      {props.note ? <p class="small muted">{props.note}</p> : null}
    </div>
  );
}

export function SetPasswordPage(props: {
  csrfToken: string;
  action: string;
  heading: string;
  intro: string;
  askEmail: boolean;
  email?: string;
  name?: string;
  error?: string;
}) {
  return (
    <div class="card login">
      <h1>{props.heading}</h1>
      <p>{props.intro}</p>
      {props.error ? (
        <div class="flash error" role="alert">
          {props.error}
        </div>
      ) : null}
      <form method="post" action={props.action}>
        <CsrfField token={props.csrfToken} />
        {props.askEmail ? (
          <>
            <label for="name">{t('desk.account.link.name')}</label>
            <input
              type="text"
              id="name"
              name="name"
              autocomplete="name"
              required
              maxlength={120}
              value={props.name ?? ''}
            />
            <label for="email">{t('desk.account.link.email')}</label>
            <input
              type="email"
              id="email"
              name="email"
              autocomplete="username"
              required
              value={props.email ?? ''}
            />
          </>
        ) : null}
        <label for="password">{t('desk.account.link.password')}</label>
        <input
          type="password"
          id="password"
          name="password"
          autocomplete="new-password"
          required
          minlength={MIN_PASSWORD_LENGTH}
          aria-describedby="password-hint"
        />
        <p class="hint" id="password-hint">
          {t('desk.account.link.passwordHint', { length: MIN_PASSWORD_LENGTH })}
        </p>
        <label for="confirm">{t('desk.account.link.confirm')}</label>
        <input type="password" id="confirm" name="confirm" autocomplete="new-password" required />
        <div class="actions">
          <button type="submit">{t('desk.account.link.button')}</button>
        </div>
      </form>
    </div>
  );
}

export function LinkProblemPage(props: { message: string }) {
  return (
    <div class="card login">
      <h1>{t('desk.account.link.expiredHeading')}</h1>
      <p>{props.message}</p>
      <p>
        <a href="/admin/login">{t('desk.account.link.toSignIn')}</a>
      </p>
    </div>
  );
}
