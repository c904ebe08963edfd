// Pages of the email subscription: the form, confirm, unsubscribe and preferences, each usable without JS.
import type { School } from '../db/schools';
import { PublicLayout, type SiteInfo } from './layout';

export function SubscribePage(props: {
  site: SiteInfo;
  schools: School[];
  email?: string;
  chosen?: string[];
  error?: string;
  sent?: boolean;
  consentText: string;
}) {
  return (
    <PublicLayout site={props.site} title="Get it by email" path="/subscribe">
      <h1 class="page-title">Get the daily digest by email</h1>
      {props.sent ? (
        <div class="message" role="status">
          <p>
            <strong>Check your inbox.</strong> If the address can receive the digest, an email with a
            confirmation link is on its way. Open it and press the button to start your subscription.
          </p>
        </div>
      ) : (
        <form method="post" action="/subscribe" class="card" novalidate>
          <p>One short email a day with the best of yesterday in our classrooms. No other mail, ever.</p>
          {props.error ? (
            <p class="error-text" role="alert" id="email-error">
              {props.error}
            </p>
          ) : null}
          <label for="email">Your email address</label>
          <input
            type="email"
            id="email"
            name="email"
            autocomplete="email"
            required
            value={props.email ?? ''}
            aria-invalid={props.error ? 'true' : undefined}
            aria-describedby={props.error ? 'email-error' : undefined}
          />
          {choosable(props.schools).length > 0 ? (
            <fieldset>
              <legend>Schools you care about</legend>
              <p class="hint">
                Leave all unticked to hear from every school.
                <EveryoneNote schools={props.schools} />
              </p>
              <div class="checks">
                {choosable(props.schools).map((school) => (
                  <label>
                    <input
                      type="checkbox"
                      name="schools"
                      value={school.slug}
                      checked={props.chosen?.includes(school.slug)}
                    />{' '}
                    {school.name}
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}
          <p class="hint">{props.consentText}</p>
          <button type="submit">Subscribe</button>
        </form>
      )}
    </PublicLayout>
  );
}

export function ActionPage(props: {
  site: SiteInfo;
  title: string;
  text: string;
  action?: string;
  button?: string;
  secondary?: boolean;
}) {
  return (
    <PublicLayout site={props.site} title={props.title}>
      <h1 class="page-title">{props.title}</h1>
      <div class="message">
        <p>{props.text}</p>
        {props.action ? (
          <form method="post" action={props.action}>
            <button type="submit" class={props.secondary ? 'secondary' : undefined}>
              {props.button}
            </button>
          </form>
        ) : null}
      </div>
    </PublicLayout>
  );
}

export function PreferencesPage(props: {
  site: SiteInfo;
  email: string;
  schools: School[];
  chosen: number[];
  token: string;
  unsubscribeToken: string;
  saved?: boolean;
  /** A new address waiting for its confirmation link to be opened. */
  pendingEmail?: string;
  notice?: { kind: 'ok' | 'error'; text: string; typed?: string };
}) {
  const action = `/preferences?token=${encodeURIComponent(props.token)}`;
  return (
    <PublicLayout site={props.site} title="Your subscription">
      <h1 class="page-title">Your subscription</h1>
      {props.saved ? (
        <div class="message" role="status">
          <p>Your choices are saved.</p>
        </div>
      ) : null}
      <form method="post" action={action} class="card">
        <p>
          Digest emails go to <strong>{props.email}</strong>.
        </p>
        <fieldset>
          <legend>Schools you care about</legend>
          <p class="hint">
            Leave all unticked to hear from every school.
            <EveryoneNote schools={props.schools} />
          </p>
          <div class="checks">
            {choosable(props.schools).map((school) => (
              <label>
                <input
                  type="checkbox"
                  name="schools"
                  value={school.slug}
                  checked={props.chosen.includes(school.id)}
                />{' '}
                {school.name}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit">Save my choices</button>
      </form>
      <form method="post" action={action} class="card after-card" aria-labelledby="address-heading">
        <h2 id="address-heading" class="card-title">
          Change your address
        </h2>
        {props.notice ? (
          <p
            class={props.notice.kind === 'error' ? 'error-text' : 'message'}
            role={props.notice.kind === 'error' ? 'alert' : 'status'}
            id="address-notice"
          >
            {props.notice.text}
          </p>
        ) : props.pendingEmail ? (
          <p class="hint">Waiting for {props.pendingEmail} to be confirmed: open the link we sent there.</p>
        ) : null}
        <label for="new-email">New email address</label>
        <input
          type="email"
          id="new-email"
          name="new_email"
          autocomplete="email"
          required
          value={props.notice?.kind === 'error' ? (props.notice.typed ?? '') : ''}
          aria-invalid={props.notice?.kind === 'error' ? 'true' : undefined}
          aria-describedby={props.notice ? 'address-notice' : undefined}
        />
        <p class="hint">We send a link to the new address; the digest moves there once you open it.</p>
        <button type="submit" class="secondary">
          Send the link
        </button>
      </form>
      <p class="after-card">
        <a href={`/unsubscribe?token=${encodeURIComponent(props.unsubscribeToken)}`}>Unsubscribe instead</a>
      </p>
    </PublicLayout>
  );
}

/** Schools a parent can choose: district-wide ones reach everyone anyway. */
function choosable(schools: School[]): School[] {
  return schools.filter((school) => !school.districtWide);
}

function EveryoneNote(props: { schools: School[] }) {
  const everyone = props.schools.filter((school) => school.districtWide).map((school) => school.name);
  if (everyone.length === 0) return null;
  return <> Posts from {everyone.join(' and ')} come to everyone.</>;
}
