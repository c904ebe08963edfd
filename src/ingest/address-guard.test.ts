// Which addresses a feed may be fetched from: the public internet only, however an address inside is written.
import { describe, expect, it } from 'vitest';
import { isIpLiteral, isNeverFetched, isPublicAddress } from './address-guard';

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1', '127.1.2.3', '10.0.0.1', '172.16.5.4', '172.31.255.255', '192.168.1.1', '169.254.169.254',
    '100.64.0.1', '100.127.255.255', '0.0.0.0', '224.0.0.1', '239.255.255.250', '255.255.255.255', '198.18.0.1',
    '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1',
    '::ffff:10.0.0.1', '::ffff:169.254.169.254', '64:ff9b::a9fe:a9fe', '2002:7f00:1::', '::127.0.0.1',
    'fd00:ec2::254', '2001:db8::1', 'not-an-ip', '1.2.3', '256.1.1.1', '',
  ])('blocks %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  }); // prettier-ignore

  it.each([
    ['64:ff9b:1::a9fe:a9fe', 'local-use NAT64 (RFC 8215), where the IPv4 part cannot be read'],
    ['64:ff9b:1:ffff::808:808', 'local-use NAT64, even with a public IPv4 address at the end'],
    ['64:ff9b::a00:1', 'well-known NAT64 to 10.0.0.1'],
    ['64:ff9b::7f00:1', 'well-known NAT64 to loopback'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
    ['2001::1', 'Teredo'],
    ['2002:a9fe:a9fe::1', '6to4 to the cloud metadata address'],
    ['2002:c0a8:101:1::1', '6to4 to 192.168.1.1'],
    ['::ffff:0:7f00:1', 'IPv4-translated loopback (RFC 6145)'],
    ['::ffff:0:a9fe:a9fe', 'IPv4-translated metadata address'],
    ['::7f00:1', 'IPv4-compatible loopback, as a URL parser or resolver writes it'],
    ['::a9fe:a9fe', 'IPv4-compatible metadata address'],
    ['::ffff:a9fe:a9fe', 'IPv4-mapped metadata address, in hex'],
    ['fe80::1%eth0', 'link-local with a zone'],
    ['fec0::1', 'site-local (deprecated)'],
    ['100::1', 'discard'],
    ['2001:2::1', 'benchmarking'],
    ['3fff::1', 'documentation (RFC 9637)'],
    ['5f00::1', 'segment routing'],
    ['192.0.0.8', 'IETF protocol assignments'],
    ['192.0.2.1', 'documentation'],
    ['192.88.99.1', '6to4 relay anycast'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['240.0.0.1', 'reserved'],
    ['127.1', 'shorthand for 127.0.0.1'],
    ['0x7f.0.0.1', 'hexadecimal'],
    ['0177.0.0.1', 'octal'],
    ['2130706433', 'one number'],
    ['01.2.3.4', 'a leading zero, read as octal by some'],
    ['[::1]', 'brackets left on'],
    [' 8.8.8.8', 'surrounding space'],
  ])('blocks %s (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700::1111',
    '2a00:1450:4001:82b::200e',
    '2001:4860:4860::8888',
    '::ffff:8.8.8.8',
    '::ffff:0:808:808',
    '64:ff9b::808:808',
    '2002:808:808::1',
    '::808:808',
  ])('allows %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe('isIpLiteral', () => {
  it.each(['127.0.0.1', '8.8.8.8', '::1', '2606:4700::1111', '::ffff:127.0.0.1', 'fe80::1%eth0'])(
    'reads %s as an address',
    (host) => expect(isIpLiteral(host)).toBe(true),
  );
  it.each(['school.example', 'localhost', 'feeds', '1.2.3.4.example', ''])('reads %s as a name', (host) =>
    expect(isIpLiteral(host)).toBe(false),
  );
});

describe('isNeverFetched', () => {
  it.each([
    '169.254.169.254', '169.254.0.1', 'fe80::1', 'fe80::a9fe:a9fe', 'fd00:ec2::254', '::ffff:169.254.169.254',
    '::ffff:a9fe:a9fe', '64:ff9b::a9fe:a9fe', '2002:a9fe:a9fe::1', '::ffff:0:a9fe:a9fe', '::a9fe:a9fe',
    '100.100.100.200', '::ffff:100.100.100.200', '64:ff9b:1::a9fe:a9fe', '64:ff9b:1::a00:5',
  ])('refuses %s even on a private network', (address) => {
    expect(isNeverFetched(address)).toBe(true);
  }); // prettier-ignore

  it.each([
    '127.0.0.1',
    '10.0.0.5',
    '192.168.1.20',
    'fd12:3456::1',
    'fd00:ec2::1',
    '::1',
    '93.184.216.34',
    'intranet',
  ])('leaves %s to the private-network setting', (address) => {
    expect(isNeverFetched(address)).toBe(false);
  });
});
