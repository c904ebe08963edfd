// Who is asking: the client's address behind reverse proxies (TRUST_PROXY), and the key throttles count it by.
// X-Forwarded-For, or RFC 7239 Forwarded when a request has none, is read from the right (the end the nearest
// proxy wrote) only across the proxies we trust, so whatever a client writes into the header itself is never
// taken for its address.
import ipaddr from 'ipaddr.js';
import type { TrustProxy } from './config';

/** A request's header, by lower-case name. */
export type HeaderReader = (name: string) => string | undefined;

/** The client's address from the socket peer's and the headers', as TRUST_PROXY says to read them. */
export function createClientAddress(
  trust: TrustProxy,
): (peer: string | null | undefined, header: HeaderReader) => string | null {
  const ranges = 'proxies' in trust ? trust.proxies.map((range) => ipaddr.parseCIDR(range)) : [];
  const isTrusted = (address: string, hop: number) => {
    if ('hops' in trust) return hop < trust.hops;
    const parsed = ipaddr.parse(address);
    return ranges.some(([network, bits]) => parsed.kind() === network.kind() && parsed.match(network, bits));
  };
  return (peer, header) => {
    let client = readAddress(peer);
    if (!client || ('hops' in trust && trust.hops === 0)) return client;
    const forwarded = forwardedChain(header);
    // Step from the nearest proxy outwards while the one that handed us the request is trusted. An entry that is
    // not an address ("unknown", a hidden name) ends the walk at the last proxy, which stands for the client.
    for (let hop = 0; isTrusted(client, hop) && hop < forwarded.length; hop++) {
      const next = readAddress(forwarded[forwarded.length - 1 - hop]);
      if (!next) break;
      client = next;
    }
    return client;
  };
}

/** The addresses a request says it was forwarded for, farthest first. */
function forwardedChain(header: HeaderReader): string[] {
  // A proxy keeps one of the two headers; a client can send either. Preferring X-Forwarded-For (what nginx,
  // Caddy, HAProxy's forwardfor and cloud load balancers write) means a proxy that writes only Forwarded must
  // drop a client's own X-Forwarded-For, as the README says.
  const xForwardedFor = header('x-forwarded-for');
  if (xForwardedFor !== undefined) return xForwardedFor.split(',').map((entry) => entry.trim());
  const forwarded = header('forwarded');
  if (forwarded === undefined) return [];
  return forwarded.split(',').map((element) => {
    const pair = element.split(';').find((part) => /^\s*for\s*=/i.test(part));
    return pair ? pair.slice(pair.indexOf('=') + 1).trim() : '';
  });
}

/**
 * An address as one canonical string, from a socket, X-Forwarded-For or a Forwarded `for=` value (quoted, IPv6
 * in brackets, either with a port); IPv4-mapped IPv6 becomes IPv4 and a zone is dropped. Null for anything that
 * is not one.
 */
export function readAddress(text: string | null | undefined): string | null {
  if (!text) return null;
  let value = text.trim().replace(/^"(.*)"$/, '$1');
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^[\d.]+:\d{1,5}$/.test(value)) value = value.slice(0, value.indexOf(':'));
  if (ipaddr.IPv4.isValidFourPartDecimal(value)) return ipaddr.IPv4.parse(value).toString();
  value = value.replace(/%[\w.-]*$/, '');
  if (!ipaddr.IPv6.isValid(value)) return null;
  return ipaddr.process(value).toString();
}

/**
 * What throttles count a client by: its address, or for IPv6 its /64, the network one household or classroom
 * is given (a client could otherwise use a fresh address for every request).
 */
export function clientKeyOf(address: string | null): string {
  if (!address) return 'unknown';
  const parsed = readAddress(address);
  if (!parsed) return 'unknown';
  if (!parsed.includes(':')) return parsed;
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${parsed}/64`).toString()}/64`;
}

/**
 * For an IPv6 client, its /48: the most one site is commonly given, and what a tunnel broker hands anyone for
 * free. Sixty-five thousand /64s in one, so a throttle that counts by /64 alone can be walked around from it.
 * Undefined for IPv4 and for an address that cannot be read.
 */
export function clientNetworkOf(address: string | null): string | undefined {
  const parsed = address ? readAddress(address) : null;
  if (!parsed || !parsed.includes(':')) return undefined;
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${parsed}/48`).toString()}/48`;
}
