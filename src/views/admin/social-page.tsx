// Settings → Social accounts: the connected accounts (with a plain sentence for one that stopped), a form per
// network to connect one, and the post template. Tokens go in and are never shown again.
import type { SocialAccount } from '../../db/social-accounts';
import { NETWORK_NAMES } from '../../social/network';
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
      <h1>Social accounts</h1>
      <p>
        Each account below gets one post for every digest, when it is published: the title, a line about the
        day, and the digest’s address. A correction adds a reply to that post; taking a digest down deletes
        its posts. <a href="/admin/settings">Back to Settings</a>
      </p>
      {props.keySet ? null : (
        <p class="flash error" role="alert">
          Accounts cannot be connected yet: SOCIAL_SECRET_KEY is not set, and tokens are only stored
          encrypted. Whoever runs Yesterday makes one with <code>openssl rand -base64 32</code> and sets it
          (README, Configuration).
        </p>
      )}
      <section class="card" aria-labelledby="connected">
        <h2 id="connected" class="card-heading">
          Connected
        </h2>
        {props.accounts.length === 0 ? (
          <p class="muted">No accounts are connected.</p>
        ) : (
          <ul class="feed-links">
            {props.accounts.map((account) => (
              <li class="gap-below">
                <strong>{NETWORK_NAMES[account.network]}</strong> {account.name}{' '}
                <span class={`badge ${account.status === 'active' ? 'ok' : 'warn'}`}>
                  {account.status === 'active' ? 'posting' : 'stopped'}
                </span>
                {account.statusReason ? <p class="hint">{account.statusReason}</p> : null}
                <form method="post" action={`/admin/settings/social/${account.id}/disconnect`} class="inline">
                  <CsrfField token={props.csrfToken} />
                  <button type="submit" class="secondary">
                    Disconnect {account.name}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>

      <form method="post" action="/admin/settings/social/connect" class="card">
        <h2 class="card-heading">Connect a Mastodon account</h2>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="network" value="mastodon" />
        <label for="mastodon-server">Server address</label>
        <input id="mastodon-server" name="server" type="url" placeholder="https://mastodon.social" required />
        <label for="mastodon-secret">Access token</label>
        <input
          id="mastodon-secret"
          name="secret"
          type="password"
          autocomplete="off"
          required
          aria-describedby="mastodon-help"
        />
        <p class="hint" id="mastodon-help">
          On the server: Preferences → Development → New application, with the scopes write:statuses and
          write:media; copy “Your access token”.
        </p>
        <div class="actions">
          <button type="submit">Check and connect</button>
        </div>
      </form>

      <form method="post" action="/admin/settings/social/connect" class="card">
        <h2 class="card-heading">Connect a Bluesky account</h2>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="network" value="bluesky" />
        <label for="bluesky-server">Server (PDS) address</label>
        <input id="bluesky-server" name="server" type="url" value="https://bsky.social" required />
        <label for="bluesky-login">Handle</label>
        <input id="bluesky-login" name="login" type="text" placeholder="district.bsky.social" required />
        <label for="bluesky-secret">App password</label>
        <input
          id="bluesky-secret"
          name="secret"
          type="password"
          autocomplete="off"
          required
          aria-describedby="bluesky-help"
        />
        <p class="hint" id="bluesky-help">
          In Bluesky: Settings → Privacy and security → App passwords → Add app password. Not the account’s
          own password.
        </p>
        <div class="actions">
          <button type="submit">Check and connect</button>
        </div>
      </form>

      <form method="post" action="/admin/settings/social/connect" class="card">
        <h2 class="card-heading">Connect a Facebook Page</h2>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="network" value="facebook" />
        <label for="facebook-login">Page ID</label>
        <input id="facebook-login" name="login" type="text" inputmode="numeric" required />
        <label for="facebook-secret">Page access token</label>
        <input
          id="facebook-secret"
          name="secret"
          type="password"
          autocomplete="off"
          required
          aria-describedby="facebook-help"
        />
        <p class="hint" id="facebook-help">
          A long-lived Page access token with pages_manage_posts, from Meta’s Graph API Explorer or your
          district’s Meta app.
        </p>
        <div class="actions">
          <button type="submit">Check and connect</button>
        </div>
      </form>

      <form method="post" action="/admin/settings/social/template" class="card">
        <h2 class="card-heading">The post</h2>
        <CsrfField token={props.csrfToken} />
        <label for="social-template">Template</label>
        <textarea id="social-template" name="template" rows={5} aria-describedby="template-help">
          {props.template}
        </textarea>
        <p class="hint" id="template-help">
          {'{title}'} is the digest’s title and date, {'{summary}'} its intro’s first line (or its highlights
          and schools), {'{link}'} its address, which must be there once. Too long for a network (Mastodon 500
          characters, Bluesky 300), the summary is shortened; the link never is. The desk’s Preview shows each
          post.
        </p>
        <label for="social-language">Language of the posts</label>
        <input
          id="social-language"
          name="language"
          type="text"
          value={props.language}
          class="narrow"
          aria-describedby="language-help"
        />
        <p class="hint" id="language-help">
          A two-letter code such as en or es.
        </p>
        <div class="actions">
          <button type="submit">Save</button>
        </div>
      </form>
    </>
  );
}
