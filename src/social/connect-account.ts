// Connecting and disconnecting the district's social accounts, for the admin page and the command line:
// the credential is checked against the network at once, sealed, and stored; what goes wrong is a sentence.
import type { Actor } from '../db/audit';
import type { Database } from '../db/client';
import { disconnectSocialAccount, saveSocialAccount, type SocialAccount } from '../db/social-accounts';
import { GRAPH_API_URL } from './facebook';
import { BLUESKY_DEFAULT_SERVICE, NETWORK_NAMES, type Network } from './network';
import { clientFor } from './clients';
import { createSecretBox } from './secret-box';
import { checkSocialUrl, SocialAddressRefused, type SocialFetch } from './social-fetch';

export interface SocialAccountDeps {
  db: Database;
  fetch: SocialFetch;
  /** SOCIAL_SECRET_KEY; without it nothing can be connected. */
  secretKey: string | undefined;
  allowPrivateNetworks: boolean;
  now: () => number;
}

export interface ConnectRequest {
  network: Network;
  /** Mastodon instance, Bluesky PDS, or the Graph API address (default graph.facebook.com). */
  server?: string;
  /** Bluesky handle; Facebook Page id. */
  login?: string;
  secret: string;
}

export type ConnectOutcome = { ok: true; account: SocialAccount } | { ok: false; message: string };

export const NO_KEY_MESSAGE =
  'Social accounts cannot be connected yet: SOCIAL_SECRET_KEY is not set, and tokens are only ever stored encrypted. Whoever runs Yesterday runs openssl rand -base64 32 and sets the result as SOCIAL_SECRET_KEY (README, Configuration).';

/** The sealed secret's additional data: a ciphertext only opens on the account it was made for. */
export const secretContext = (a: { network: string; server: string; login: string }) =>
  `social:${a.network}:${a.server}:${a.login}`;

export async function connectSocialAccount(
  deps: SocialAccountDeps,
  actor: Actor,
  request: ConnectRequest,
): Promise<ConnectOutcome> {
  if (!deps.secretKey) return { ok: false, message: NO_KEY_MESSAGE };
  const name = NETWORK_NAMES[request.network];
  const secret = request.secret.trim();
  if (!secret)
    return {
      ok: false,
      message: `Paste the ${request.network === 'bluesky' ? 'app password' : 'access token'} for the ${name} account.`,
    };
  if (secret.length > 4000 || /\s/.test(secret))
    return {
      ok: false,
      message: `That does not look like a ${name} token: it has spaces in it or is far too long.`,
    };

  let server: string;
  let login = '';
  try {
    if (request.network === 'mastodon') {
      if (!request.server?.trim())
        return {
          ok: false,
          message:
            'Write the address of the Mastodon server the account is on, such as https://mastodon.social.',
        };
      server = serverOf(request.server, deps.allowPrivateNetworks);
    } else if (request.network === 'bluesky') {
      server = serverOf(request.server?.trim() || BLUESKY_DEFAULT_SERVICE, deps.allowPrivateNetworks);
      login = (request.login ?? '').trim().replace(/^@/, '');
      if (!/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(login) && !login.startsWith('did:'))
        return { ok: false, message: 'Write the Bluesky handle, such as district.bsky.social.' };
    } else {
      server = serverOf(request.server?.trim() || GRAPH_API_URL, deps.allowPrivateNetworks);
      login = (request.login ?? '').trim();
      if (!/^\d{1,30}$/.test(login))
        return {
          ok: false,
          message: 'Write the Facebook Page ID: the digits under the Page’s About → Page transparency.',
        };
    }
  } catch (error) {
    if (error instanceof SocialAddressRefused) return { ok: false, message: error.message };
    throw error;
  }

  const credentials = { server, login, secret };
  const checked = await clientFor(request.network, deps.fetch).check(credentials);
  // Nothing is kept of an account that did not answer: its address is checked, or it is connected again later.
  if (!checked.ok)
    return {
      ok: false,
      message:
        checked.problem.kind === 'temporary'
          ? `${checked.problem.message} Nothing was saved: check the address, or connect the account again later.`
          : checked.problem.message,
    };
  const sealed = await createSecretBox(deps.secretKey).seal(
    secret,
    secretContext({ network: request.network, server, login }),
  );
  const account = await saveSocialAccount(
    deps.db,
    {
      network: request.network,
      server,
      login,
      remoteId: checked.remoteId,
      name: checked.name,
      secret: sealed,
    },
    actor,
    deps.now(),
  );
  return { ok: true, account };
}

export async function disconnectAccount(
  deps: Pick<SocialAccountDeps, 'db' | 'now'>,
  actor: Actor,
  id: number,
): Promise<{ ok: true; account: SocialAccount } | { ok: false; message: string }> {
  const account = await disconnectSocialAccount(deps.db, id, actor, deps.now());
  if (!account)
    return { ok: false, message: `There is no connected social account with id ${id}. See social:list.` };
  return { ok: true, account };
}

/** https://host[:port][/path], without a trailing slash; a bare host name gets https://. */
function serverOf(input: string, allowPrivateNetworks: boolean): string {
  const written = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(written) ? written : `https://${written}`;
  const url = checkSocialUrl(withScheme, allowPrivateNetworks);
  if (url.search || url.hash)
    throw new SocialAddressRefused(`Write only the server’s address, without “${url.search || url.hash}”.`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
