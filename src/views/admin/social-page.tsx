// Settings → Social accounts: the connected accounts (with a plain sentence for one that stopped), a form per
// network to connect one, and the post template. Tokens go in and are never shown again.
import { rich, t } from '../../i18n/desk-text';
import type { SocialAccount } from '../../db/social-accounts';
import { NETWORK_NAMES } from '../../social/network';
import type { Child } from 'hono/jsx';
import { CsrfField } from '../admin-layout';

export function SocialPage(props: {
  accounts: SocialAccount[];
  csrfToken: string;
  template: string;
  language: string;
  keySet: boolean;
}) {
  return (
    <>
      <h1>{t('desk.social.title')}</h1>
      <p>{rich('desk.social.lead', { back: <a href="/admin/settings">{t('desk.social.back')}</a> })}</p>
      {props.keySet ? null : (
        <p class="flash info">
          {rich('desk.social.noKey', { command: <code>openssl rand -base64 32</code> })}
        </p>
      )}
      <section class="card" aria-labelledby="connected">
        <h2 id="connected" class="card-heading">
          {t('desk.social.connected')}
        </h2>
        {props.accounts.length === 0 ? (
          <p class="muted">{t('desk.social.none')}</p>
        ) : (
          <ul class="feed-links">
            {props.accounts.map((account) => (
              <li class="gap-below">
                <strong>{NETWORK_NAMES[account.network]}</strong> {account.name}{' '}
                <span class={`badge ${account.status === 'active' ? 'ok' : 'warn'}`}>
                  {account.status === 'active' ? t('desk.social.posting') : t('desk.social.stopped')}
                </span>
                {account.statusReason ? <p class="hint">{account.statusReason}</p> : null}
                <form method="post" action={`/admin/settings/social/${account.id}/disconnect`} class="inline">
                  <CsrfField token={props.csrfToken} />
                  <button type="submit" class="secondary">
                    {t('desk.social.disconnect', { name: account.name })}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>

      {/* Without the key nothing can be connected: the forms would only be refused, so they wait for it. */}
      {props.keySet ? (
        <>
          <ConnectForm
            network="mastodon"
            heading={t('desk.social.mastodon.heading')}
            secret={t('desk.social.mastodon.secret')}
            help={t('desk.social.mastodon.help')}
            csrfToken={props.csrfToken}
          >
            <label for="mastodon-server">{t('desk.social.mastodon.server')}</label>
            <input
              id="mastodon-server"
              name="server"
              type="url"
              placeholder="https://mastodon.social"
              required
            />
          </ConnectForm>
          <ConnectForm
            network="bluesky"
            heading={t('desk.social.bluesky.heading')}
            secret={t('desk.social.bluesky.secret')}
            help={t('desk.social.bluesky.help')}
            csrfToken={props.csrfToken}
          >
            <label for="bluesky-server">{t('desk.social.bluesky.server')}</label>
            <input id="bluesky-server" name="server" type="url" value="https://bsky.social" required />
            <label for="bluesky-login">{t('desk.social.bluesky.login')}</label>
            <input id="bluesky-login" name="login" type="text" placeholder="district.bsky.social" required />
          </ConnectForm>
          <ConnectForm
            network="facebook"
            heading={t('desk.social.facebook.heading')}
            secret={t('desk.social.facebook.secret')}
            help={t('desk.social.facebook.help')}
            csrfToken={props.csrfToken}
          >
            <label for="facebook-login">{t('desk.social.facebook.login')}</label>
            <input id="facebook-login" name="login" type="text" inputmode="numeric" required />
          </ConnectForm>
        </>
      ) : null}

      <form method="post" action="/admin/settings/social/template" class="card">
        <h2 class="card-heading">{t('desk.social.post.heading')}</h2>
        <CsrfField token={props.csrfToken} />
        <label for="social-template">{t('desk.social.post.template')}</label>
        <textarea id="social-template" name="template" rows={5} aria-describedby="template-help">
          {props.template}
        </textarea>
        <p class="hint" id="template-help">
          {t('desk.social.post.templateHelp', { title: '{title}', summary: '{summary}', link: '{link}' })}
        </p>
        <label for="social-language">{t('desk.social.post.language')}</label>
        <input
          id="social-language"
          name="language"
          type="text"
          value={props.language}
          class="narrow"
          aria-describedby="language-help"
        />
        <p class="hint" id="language-help">
          {t('desk.social.post.languageHelp')}
        </p>
        <div class="actions">
          <button type="submit">{t('desk.social.post.save')}</button>
        </div>
      </form>
    </>
  );
}

/** One network's connect form: its own fields (`children`), then its token or password, never shown again. */
function ConnectForm(props: {
  network: string;
  heading: string;
  secret: string;
  help: string;
  csrfToken: string;
  children: Child;
}) {
  const { network } = props;
  return (
    <form method="post" action="/admin/settings/social/connect" class="card">
      <h2 class="card-heading">{props.heading}</h2>
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="network" value={network} />
      {props.children}
      <label for={`${network}-secret`}>{props.secret}</label>
      <input
        id={`${network}-secret`}
        name="secret"
        type="password"
        autocomplete="off"
        required
        aria-describedby={`${network}-help`}
      />
      <p class="hint" id={`${network}-help`}>
        {props.help}
      </p>
      <div class="actions">
        <button type="submit">{t('desk.social.connect')}</button>
      </div>
    </form>
  );
}
