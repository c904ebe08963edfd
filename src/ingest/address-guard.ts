// The SSRF guard's judgement: is this IP address somewhere a feed may live (the public internet)? The ranges
// come from ipaddr.js; an IPv6 address that carries an IPv4 one (mapped, translated, compatible, NAT64,
// 6to4) is judged by the IPv4 address it leads to.
import ipaddr from 'ipaddr.js';

type IPv4 = ipaddr.IPv4;
type IPv6 = ipaddr.IPv6;
type Cidr = [IPv4 | IPv6, number];

/**
 * IPv6 forms that ipaddr.js's ranges do not tell apart: it names both NAT64 prefixes `rfc6052`, and calls the
 * deprecated IPv4-compatible addresses (::/96, written ::7f00:1 once a URL or resolver has normalized them)
 * ordinary unicast.
 */
const V6_FORMS: Record<string, Cidr[]> = {
  // RFC 6052's well-known prefix: a translator reaches the IPv4 address in the last 32 bits.
  nat64: [ipaddr.parseCIDR('64:ff9b::/96')],
  // RFC 8215's local-use prefix: the operator decides where the IPv4 address sits, so it cannot be read.
  localNat64: [ipaddr.parseCIDR('64:ff9b:1::/48')],
  // RFC 4291's IPv4-compatible addresses (::a.b.c.d); :: and ::1 fall here too and are judged as 0.0.0.x.
  ipv4Compatible: [ipaddr.parseCIDR('::/96')],
};

/** True only for addresses on the public internet. Anything that is not an address written out plainly is not. */
export function isPublicAddress(address: string): boolean {
  const ip = parseStrictly(address);
  return ip !== undefined && isPublic(ip);
}

/** True when `host` is an IP address written out (IPv4 dotted or IPv6), not a name to resolve. */
export function isIpLiteral(host: string): boolean {
  return parseStrictly(host) !== undefined;
}

/**
 * Only the forms a resolver or a URL parser produces: four decimal parts for IPv4, and IPv6. ipaddr.parse
 * would also read `127.1`, `0x7f.1` or `2130706433` as 127.0.0.1; such text is refused rather than guessed at.
 */
function parseStrictly(address: string): IPv4 | IPv6 | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(address)) return ipaddr.IPv4.parse(address);
  if (ipaddr.IPv6.isValid(address)) return ipaddr.IPv6.parse(address);
  return undefined;
}

function isPublic(ip: IPv4 | IPv6): boolean {
  if (ip.kind() === 'ipv4') return ip.range() === 'unicast';
  const v6 = ip as IPv6;
  const carried = carriedIPv4(v6);
  if (carried === 'unreadable') return false;
  if (carried) return isPublic(carried);
  // Anything but plain unicast is not: loopback, link-local, unique local (fd00:ec2::254, cloud metadata,
  // among them), multicast, documentation, discard, and Teredo (2001::/32), whose client address is obscured
  // and which no feed host uses; and anything else IANA has set apart.
  return v6.range() === 'unicast';
}

/**
 * The IPv4 address an IPv6 one leads to: mapped (::ffff:a.b.c.d), translated (::ffff:0:a.b.c.d), compatible
 * (::a.b.c.d), NAT64's well-known prefix, or 6to4 (2002:AABB:CCDD::/48 routes to AA.BB.CC.DD); `unreadable`
 * for local-use NAT64, where the operator decides where it sits; undefined for an IPv6 address of its own.
 */
function carriedIPv4(v6: IPv6): IPv4 | 'unreadable' | undefined {
  switch (ipaddr.subnetMatch(v6, V6_FORMS, 'other')) {
    case 'nat64':
    case 'ipv4Compatible':
      return lastIPv4(v6);
    case 'localNat64':
      return 'unreadable';
  }
  switch (v6.range()) {
    case 'ipv4Mapped':
    case 'rfc6145':
      return lastIPv4(v6);
    case '6to4':
      return ipv4From(v6.parts[1]!, v6.parts[2]!);
  }
  return undefined;
}

/**
 * Addresses nothing is fetched from even where FETCH_ALLOW_PRIVATE_NETWORKS lets feeds live on the district's
 * own network: link-local ones (169.254.0.0/16, fe80::/10), where a cloud server's metadata service hands out
 * its credentials (169.254.169.254), and the metadata addresses outside that range (AWS's fd00:ec2::254,
 * Alibaba Cloud's 100.100.100.200); also when an IPv6 address carries one of them, or may (local-use NAT64,
 * whose IPv4 part cannot be read). No feed or social server lives there.
 */
export function isNeverFetched(address: string): boolean {
  const ip = parseStrictly(address);
  return ip !== undefined && isLinkLocalOrMetadata(ip);
}

const METADATA = new Set(['fd00:ec2:0:0:0:0:0:254', '100.100.100.200']);

function isLinkLocalOrMetadata(ip: IPv4 | IPv6): boolean {
  if (ip.range() === 'linkLocal' || METADATA.has(ip.toNormalizedString())) return true;
  if (ip.kind() === 'ipv4') return false;
  const carried = carriedIPv4(ip as IPv6);
  return carried === 'unreadable' || (carried !== undefined && isLinkLocalOrMetadata(carried));
}

function lastIPv4(ip: IPv6): IPv4 {
  return ipv4From(ip.parts[6]!, ip.parts[7]!);
}

function ipv4From(high: number, low: number): IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}
