// The client for each network, over the one guarded fetch.
import { createBlueskyClient } from './bluesky';
import { createFacebookClient } from './facebook';
import { createMastodonClient } from './mastodon';
import type { Network, NetworkClient } from './network';
import type { SocialFetch } from './social-fetch';

export function clientFor(network: Network, fetch: SocialFetch): NetworkClient {
  if (network === 'mastodon') return createMastodonClient(fetch);
  if (network === 'bluesky') return createBlueskyClient(fetch);
  return createFacebookClient(fetch);
}
