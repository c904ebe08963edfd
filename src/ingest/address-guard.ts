// The SSRF guard's judgement: is this IP address somewhere a feed may live (the public internet)?
// Loopback, private, link-local, CGNAT, multicast, reserved and cloud metadata ranges are not, in IPv4,
// IPv6, and IPv4 wrapped in IPv6 (::ffff:127.0.0.1, 64:ff9b::/96, 2002::/16).

type Range = [prefix: bigint, bits: number];

const V4_BLOCKED: [string, number][] = [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, including 169.254.169.254 cloud metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

const V6_BLOCKED: [string, number][] = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
  ['fd00:ec2::254', 128], // AWS metadata over IPv6
];

function v4ToBigInt(address: string): bigint | undefined {
  const parts = address.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function v6ToBigInt(address: string): bigint | undefined {
  let text = address.toLowerCase().replace(/%.*$/, '');
  const v4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4Tail) {
    const v4 = v4ToBigInt(v4Tail[1]!);
    if (v4 === undefined) return undefined;
    text = text.slice(0, -v4Tail[1]!.length) + `${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-f]{1,4}$/.test(group)) return undefined;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  return value;
}

const v4Ranges: Range[] = V4_BLOCKED.map(([a, bits]) => [v4ToBigInt(a)!, bits]);
const v6Ranges: Range[] = V6_BLOCKED.map(([a, bits]) => [v6ToBigInt(a)!, bits]);

function inRanges(value: bigint, ranges: Range[], width: number): boolean {
  return ranges.some(([prefix, bits]) => {
    const shift = BigInt(width - bits);
    return value >> shift === prefix >> shift;
  });
}

function isPublicV4(value: bigint): boolean {
  return !inRanges(value, v4Ranges, 32);
}

/** True only for addresses on the public internet. Anything unparseable is not public. */
export function isPublicAddress(address: string): boolean {
  const v4 = v4ToBigInt(address);
  if (v4 !== undefined) return isPublicV4(v4);
  const v6 = v6ToBigInt(address);
  if (v6 === undefined) return false;
  if (v6 >> 32n === 0xffffn) return isPublicV4(v6 & 0xffffffffn); // ::ffff:a.b.c.d
  if (v6 >> 32n === 0n) return isPublicV4(v6 & 0xffffffffn) && v6 > 0xffffn; // ::a.b.c.d (deprecated)
  if (v6 >> 32n === 0x64ff9bn << 64n) return isPublicV4(v6 & 0xffffffffn); // NAT64
  if (v6 >> 112n === 0x2002n) return isPublicV4((v6 >> 80n) & 0xffffffffn); // 6to4
  return !inRanges(v6, v6Ranges, 128);
}

/** True when `host` is an IP address written out (IPv4 dotted or IPv6), not a name to resolve. */
export function isIpLiteral(host: string): boolean {
  return v4ToBigInt(host) !== undefined || (host.includes(':') && v6ToBigInt(host) !== undefined);
}
