// The social clients' address guard on Node, against a real server on 127.0.0.1: a public-looking name that
// resolves to a loopback address is refused at connection time, unless private networks are allowed.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createNodeSocialFetch } from './social-fetch-node';
import { checkSocialUrl, SocialAddressRefused } from './social-fetch';
import { createMastodonClient } from './mastodon';

let port = 0;
const server = createServer((_request, response) => response.writeHead(200).end('{"ok":true}'));
beforeAll(async () => {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

/** Every name answers 127.0.0.1: DNS rebinding, or an intranet name. */
const toLoopback = ((_host: string, _options: unknown, callback: (e: null, a: LookupAddress[]) => void) =>
  callback(null, [{ address: '127.0.0.1', family: 4 }])) as never;

it('refuses a name that resolves to a private address, and allows it only when told to', async () => {
  const guarded = createNodeSocialFetch({ allowPrivateNetworks: false, lookup: toLoopback });
  const error = await guarded
    .fetch(`http://social.district.example:${port}/api/v1/instance`)
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TypeError); // undici's "fetch failed", caused by the refusal
  expect((error as Error & { cause: unknown }).cause).toBeInstanceOf(SocialAddressRefused);
  // The client turns it into the sentence for the administrator, not a network failure to retry.
  const checked = await createMastodonClient(guarded.fetch).check({
    server: `http://social.district.example:${port}`,
    login: '',
    secret: 'token',
  });
  expect(checked).toEqual({
    ok: false,
    problem: { kind: 'rejected', message: 'social.district.example resolves to a private or local address.' },
  });
  await guarded.close();

  const allowed = createNodeSocialFetch({ allowPrivateNetworks: true, lookup: toLoopback });
  const response = await allowed.fetch(`http://social.district.example:${port}/api/v1/instance`);
  expect(await response.json()).toEqual({ ok: true });
  await allowed.close();
});

it('never reaches a link-local address, where cloud servers keep credentials, even with private networks allowed', async () => {
  const toMetadata = ((_host: string, _options: unknown, callback: (e: null, a: LookupAddress[]) => void) =>
    callback(null, [{ address: '169.254.169.254', family: 4 }])) as never;
  const allowed = createNodeSocialFetch({ allowPrivateNetworks: true, lookup: toMetadata });
  const error = await allowed.fetch(`http://social.district.example:${port}/`).catch((e: unknown) => e);
  expect((error as Error & { cause: unknown }).cause).toEqual(
    new SocialAddressRefused(
      'social.district.example resolves to a link-local or cloud metadata address, which is never used.',
    ),
  );
  await allowed.close();
  for (const url of [
    'http://169.254.169.254/latest/meta-data/',
    'http://[fe80::1]/',
    'http://[fd00:ec2::254]/',
  ])
    expect(() => checkSocialUrl(url, true), url).toThrow(/is a link-local or cloud metadata address/);
});

it('refuses private and local addresses written in the URL before anything is sent', () => {
  for (const url of [
    'http://127.0.0.1/',
    'http://[::1]/',
    'https://10.1.2.3/',
    'https://intranet/',
    'https://x.local/',
  ])
    expect(() => checkSocialUrl(url, false), url).toThrow(SocialAddressRefused);
  expect(() => checkSocialUrl('ftp://mastodon.social/', true)).toThrow(/must start with https/);
  expect(checkSocialUrl('https://mastodon.social/', false).host).toBe('mastodon.social');
  expect(checkSocialUrl('http://127.0.0.1:8080/', true).port).toBe('8080');
});
