// The one way the social clients reach a network: only http(s), no redirects followed (an API that moves is
// an error to show, not a hop to take), a deadline, and the feed fetcher's rule on addresses: private and
// loopback ones are refused unless FETCH_ALLOW_PRIVATE_NETWORKS=true. Here the URL is checked (IP literals,
// local names); on Node social-fetch-node.ts also checks the address each name resolves to, on every
// connection, and on Workers Cloudflare's network does not route to private addresses at all.
import { isIpLiteral, isNeverFetched, isPublicAddress } from '../ingest/address-guard';

export type SocialFetch = typeof fetch;

/** A request the guard would not send; its message says why, in words for the administrator. */
export class SocialAddressRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SocialAddressRefused';
  }
}

export const SOCIAL_DEADLINE_MS = 30_000;
const LOCAL_NAMES = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/i;

/** Throws SocialAddressRefused for a URL the guard refuses; answers the parsed URL. */
export function checkSocialUrl(url: string, allowPrivateNetworks: boolean): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SocialAddressRefused(`“${url}” is not a web address.`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new SocialAddressRefused(`“${url}” is not a web address (it must start with https://).`);
  if (parsed.username || parsed.password)
    throw new SocialAddressRefused('The address must not carry a user name or password.');
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isNeverFetched(host))
    throw new SocialAddressRefused(
      `${parsed.host} is a link-local or cloud metadata address, where a cloud server keeps its credentials; a social network lives on the public internet.`,
    );
  if (
    !allowPrivateNetworks &&
    (isIpLiteral(host) ? !isPublicAddress(host) : LOCAL_NAMES.test(host) || !host.includes('.'))
  )
    throw new SocialAddressRefused(
      `${parsed.host} is a private or local address; a social network lives on the public internet.`,
    );
  return parsed;
}

/**
 * A fetch for the social clients over `transport` (the platform's fetch, or Node's guarded undici): the URL is
 * checked first, redirects are refused, and the whole exchange has a deadline.
 */
export function createSocialFetch(options: {
  allowPrivateNetworks: boolean;
  transport?: typeof fetch;
  deadlineMs?: number;
}): SocialFetch {
  const transport = options.transport ?? ((input, init) => fetch(input, init));
  return async (input, init) => {
    const request = input instanceof Request ? input : undefined;
    const url = request ? request.url : String(input);
    checkSocialUrl(url, options.allowPrivateNetworks);
    const response = await transport(url, {
      method: request?.method,
      headers: request?.headers,
      body: request?.body ? await request.arrayBuffer() : undefined,
      ...init,
      redirect: 'manual',
      signal: init?.signal ?? AbortSignal.timeout(options.deadlineMs ?? SOCIAL_DEADLINE_MS),
    });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      throw new SocialAddressRefused(
        `${new URL(url).host} answered with a redirect (to ${response.headers.get('location') ?? 'nowhere'}); use the address it names.`,
      );
    }
    return response;
  };
}
