// The client for each network, over the one guarded fetch. Bluesky's is loaded when first used: @atproto/api is
// the largest package Yesterday has, and a server that posts nowhere, or a command, should not carry it.
import { createFacebookClient } from './facebook';
import { createMastodonClient } from './mastodon';
import type { Network, NetworkClient } from './network';
import type { SocialFetch } from './social-fetch';

export function clientFor(network: Network, fetch: SocialFetch): NetworkClient {
  if (network === 'mastodon') return createMastodonClient(fetch);
  if (network === 'bluesky') return lazyBlueskyClient(fetch);
  return createFacebookClient(fetch);
}

function lazyBlueskyClient(fetch: SocialFetch): NetworkClient {
  let client: Promise<NetworkClient> | undefined;
  const load = () => (client ??= import('./bluesky').then((m) => m.createBlueskyClient(fetch)));
  return {
    check: async (credentials) => (await load()).check(credentials),
    publish: async (credentials, post) => (await load()).publish(credentials, post),
    remove: async (credentials, remoteId) => (await load()).remove(credentials, remoteId),
  };
}
