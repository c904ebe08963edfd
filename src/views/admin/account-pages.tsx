// Pages for getting in: sign in, create the first administrator, set a password from a one-time link.
import { MIN_PASSWORD_LENGTH } from '../../auth/password';
import { CsrfField } from '../admin-layout';

export function LoginPage(props: { csrfToken: string; email?: string; error?: string; next?: string }) {
  return (
    <div class="card login">
      <h1>Sign in to Yesterday</h1>
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
        <label for="email">Email</label>
        <input
          type="email"
          id="email"
          name="email"
          autocomplete="username"
          required
          value={props.email ?? ''}
        />
        <label for="password">Password</label>
        <input type="password" id="password" name="password" autocomplete="current-password" required />
        <div class="actions">
          <button type="submit">Sign in</button>
        </div>
      </form>
      <p class="small">
        <a href="/admin/forgot">Forgot your password?</a>
      </p>
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
            <label for="name">Your name</label>
            <input
              type="text"
              id="name"
              name="name"
              autocomplete="name"
              required
              maxlength={120}
              value={props.name ?? ''}
            />
            <label for="email">Email</label>
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
        <label for="password">New password</label>
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
          At least {MIN_PASSWORD_LENGTH} characters. A short sentence is easy to remember and hard to guess.
        </p>
        <label for="confirm">Type it again</label>
        <input type="password" id="confirm" name="confirm" autocomplete="new-password" required />
        <div class="actions">
          <button type="submit">Save and sign in</button>
        </div>
      </form>
    </div>
  );
}

export function LinkProblemPage(props: { message: string }) {
  return (
    <div class="card login">
      <h1>This link cannot be used</h1>
      <p>{props.message}</p>
      <p>
        <a href="/admin/login">Go to sign in</a>
      </p>
    </div>
  );
}
