// The social clients' transport on Node: undici with a DNS lookup that refuses non-public addresses (unless
// private networks are allowed), so the address checked is the address connected to.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';
import { isNeverFetched, isPublicAddress } from '../ingest/address-guard';
import { createSocialFetch, SocialAddressRefused, type SocialFetch } from './social-fetch';

export function createNodeSocialFetch(options: {
  allowPrivateNetworks: boolean;
  /** The resolver (tests pass their own, to make a name answer with a private address). */
  lookup?: typeof dnsLookup;
}): {
  fetch: SocialFetch;
  close(): Promise<void>;
} {
  const allowPrivate = options.allowPrivateNetworks;
  const guardedLookup: LookupFunction = (hostname, lookupOptions, callback) => {
    (options.lookup ?? dnsLookup)(
      hostname,
      { ...lookupOptions, all: true },
      (error, addresses: LookupAddress[]) => {
        if (error) return callback(error, '', 4);
        // Mixed answers are refused too: a rebinding attacker would answer with one public, one private.
        if (addresses.some((a) => isNeverFetched(a.address)))
          return callback(
            new SocialAddressRefused(
              `${hostname} resolves to a link-local or cloud metadata address, which is never used.`,
            ),
            '',
            4,
          );
        if (!allowPrivate && (addresses.length === 0 || !addresses.every((a) => isPublicAddress(a.address))))
          return callback(
            new SocialAddressRefused(`${hostname} resolves to a private or local address.`),
            '',
            4,
          );
        if (lookupOptions.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
        return callback(null, addresses[0]!.address, addresses[0]!.family);
      },
    );
  };
  const agent = new Agent({ connect: { timeout: 10_000, lookup: guardedLookup } });
  const transport = ((input: string, init: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher: agent } as never)) as unknown as typeof fetch;
  return {
    fetch: createSocialFetch({ allowPrivateNetworks: allowPrivate, transport }),
    close: () => agent.close(),
  };
}
