import { describe, expect, it } from 'vitest';
import { clientKeyOf, clientNetworkOf, createClientAddress, readAddress } from './client-address';
import { parseConfig } from './config';

const resolve = (trustProxy: string | undefined, peer: string, headers: Record<string, string> = {}) =>
  createClientAddress(parseConfig(trustProxy === undefined ? {} : { TRUST_PROXY: trustProxy }).trustProxy)(
    peer,
    (name) => headers[name],
  );

describe('the client address', () => {
  it.each([
    // [TRUST_PROXY, socket peer, headers, the client]
    [undefined, '127.0.0.1', { 'x-forwarded-for': '203.0.113.5' }, '127.0.0.1'],
    [undefined, '::ffff:198.51.100.7', { forwarded: 'for=203.0.113.5' }, '198.51.100.7'],
    ['0', '127.0.0.1', { 'x-forwarded-for': '203.0.113.5' }, '127.0.0.1'],
    ['1', '127.0.0.1', {}, '127.0.0.1'],
    ['1', '127.0.0.1', { 'x-forwarded-for': '203.0.113.5' }, '203.0.113.5'],
    // The client wrote the first entry itself; nginx appended the address it saw.
    ['1', '127.0.0.1', { 'x-forwarded-for': '10.9.9.9, 1.1.1.1,203.0.113.5' }, '203.0.113.5'],
    ['2', '127.0.0.1', { 'x-forwarded-for': '10.9.9.9, 203.0.113.5, 198.51.100.1' }, '203.0.113.5'],
    // Fewer entries than hops: the farthest address known.
    ['3', '127.0.0.1', { 'x-forwarded-for': '203.0.113.5' }, '203.0.113.5'],
    ['1', '127.0.0.1', { 'x-forwarded-for': '203.0.113.5:51234' }, '203.0.113.5'],
    ['1', '127.0.0.1', { 'x-forwarded-for': '[2001:db8::7]:443' }, '2001:db8::7'],
    ['1', '127.0.0.1', { 'x-forwarded-for': '2001:DB8:0:0::7' }, '2001:db8::7'],
    // Not an address: the proxy that forwarded it stands for the client.
    ['1', '127.0.0.1', { 'x-forwarded-for': 'unknown' }, '127.0.0.1'],
    ['1', '127.0.0.1', { 'x-forwarded-for': '10.1' }, '127.0.0.1'],
    // RFC 7239, with quoting, brackets, ports and other parameters; used when X-Forwarded-For is absent.
    ['1', '127.0.0.1', { forwarded: 'for=192.0.2.60;proto=http;by=203.0.113.43' }, '192.0.2.60'],
    ['1', '127.0.0.1', { forwarded: 'for=10.9.9.9, For="[2001:db8:cafe::17]:4711"' }, '2001:db8:cafe::17'],
    ['1', '127.0.0.1', { forwarded: 'for=_hidden' }, '127.0.0.1'],
    ['1', '127.0.0.1', { forwarded: 'proto=https' }, '127.0.0.1'],
    ['1', '127.0.0.1', { 'x-forwarded-for': '203.0.113.5', forwarded: 'for=10.9.9.9' }, '203.0.113.5'],
    // A list of proxies: step over them, whatever their number, and stop at the first that is not one.
    ['127.0.0.1, 10.0.0.0/8', '127.0.0.1', { 'x-forwarded-for': '203.0.113.5, 10.1.2.3' }, '203.0.113.5'],
    [
      '127.0.0.1, 10.0.0.0/8',
      '127.0.0.1',
      { 'x-forwarded-for': '10.2.2.2, 198.51.100.9, 10.1.2.3' },
      '198.51.100.9',
    ],
    // Sent straight to the server by someone who is not a proxy: the header is theirs, and ignored.
    ['10.0.0.0/8', '198.51.100.9', { 'x-forwarded-for': '203.0.113.5' }, '198.51.100.9'],
    ['::1', '::1', { 'x-forwarded-for': '203.0.113.5' }, '203.0.113.5'],
    ['::ffff:127.0.0.1', '127.0.0.1', { 'x-forwarded-for': '203.0.113.5' }, '203.0.113.5'],
    ['fd00::/8', 'fd12::1', { forwarded: 'for="[2001:db8::1]"' }, '2001:db8::1'],
  ])('TRUST_PROXY=%s from %s with %j is %s', (trust, peer, headers, client) => {
    expect(resolve(trust, peer, headers)).toBe(client);
  });

  it('reads socket and header forms of an address as one', () => {
    expect(readAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(readAddress('"[2001:db8::1]:80"')).toBe('2001:db8::1');
    expect(readAddress('fe80::1%eth0')).toBe('fe80::1');
    expect(readAddress('0x7f.0.0.1')).toBeNull();
    expect(readAddress('')).toBeNull();
    expect(readAddress(undefined)).toBeNull();
  });

  it('throttles IPv6 clients by their /64, IPv4 clients by their address', () => {
    expect(clientKeyOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientKeyOf('2001:db8:1:2:bbbb::9')).toBe('2001:db8:1:2::/64');
    expect(clientKeyOf('2001:db8:1:3::1')).not.toBe(clientKeyOf('2001:db8:1:2::1'));
    expect(clientKeyOf('203.0.113.5')).toBe('203.0.113.5');
    expect(clientKeyOf('::ffff:203.0.113.5')).toBe('203.0.113.5');
    expect(clientKeyOf(null)).toBe('unknown');
    // And sign-in counts an IPv6 client's /48 besides.
    expect(clientNetworkOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1::/48');
    expect(clientNetworkOf('2001:db8:1:ffff::1')).toBe('2001:db8:1::/48');
    expect(clientNetworkOf('203.0.113.5')).toBeUndefined();
    expect(clientNetworkOf('::ffff:203.0.113.5')).toBeUndefined();
    expect(clientNetworkOf(null)).toBeUndefined();
  });
});
