// The Workers fetcher in workerd, against real servers on 127.0.0.1: the same limits as on Node (redirects
// followed one checked hop at a time, a total deadline, a body cap after decompression) and the address guard.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { isNeverFetched } from '../../src/ingest/address-guard';
import { createWorkerFetcher } from '../../src/ingest/fetch-feed-worker';

const base = new URL('/', env.TEST_FEED_URL).href.replace(/\/$/, '');
const fetcher = createWorkerFetcher({
  publicUrl: 'https://digest.district.example',
  allowPrivateNetworks: true,
  limits: { deadlineMs: 1500, maxBodyBytes: 1024 * 1024, maxRedirects: 5 },
});

describe('the Workers fetcher', () => {
  it('reads a feed, and follows permanent redirects up to the limit, reporting where the feed moved', async () => {
    const plain = await fetcher.fetch({ url: `${base}/feed.xml` });
    expect(plain).toMatchObject({ status: 'fetched', finalUrl: `${base}/feed.xml` });
    const moved = await fetcher.fetch({ url: `${base}/redirects/3` });
    expect(moved).toMatchObject({ status: 'fetched', movedTo: `${base}/redirects/0` });
    expect(await fetcher.fetch({ url: `${base}/redirects/6` })).toMatchObject({
      status: 'failed',
      message: 'The address redirected more than 5 times.',
    });
    expect(await fetcher.fetch({ url: `${base}/redirect-loop` })).toMatchObject({
      status: 'failed',
      message: 'The address redirects in a loop.',
    });
  });

  it('stops at the body cap and at the deadline', async () => {
    expect(await fetcher.fetch({ url: `${base}/huge` })).toMatchObject({
      status: 'failed',
      temporary: false,
      message: 'The feed is larger than 1 MiB (after decompression), so it was not read.',
    });
    const started = Date.now();
    expect(await fetcher.fetch({ url: `${base}/slow` })).toMatchObject({
      status: 'failed',
      temporary: true,
      message: 'The feed took longer than 1.5 seconds to download, so it was abandoned.',
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reads gzip whether or not the server says so', async () => {
    for (const path of ['/gzip-unasked', '/gzip-unlabelled']) {
      const outcome = await fetcher.fetch({ url: `${base}${path}` });
      expect(outcome.status, path).toBe('fetched');
      if (outcome.status === 'fetched') expect(new TextDecoder().decode(outcome.body)).toContain('<rss');
    }
  });

  it('refuses private and local addresses unless allowed', async () => {
    const guarded = createWorkerFetcher({
      publicUrl: 'https://digest.district.example',
      allowPrivateNetworks: false,
    });
    for (const url of [
      `${base}/feed.xml`,
      'http://localhost:8080/feed',
      'http://[::1]/feed',
      'http://2130706433/feed',
      'http://169.254.169.254/latest/meta-data',
      'http://[::ffff:10.0.0.1]/feed',
      'http://[64:ff9b::a9fe:a9fe]/feed',
      'http://[64:ff9b:1::a00:1]/feed',
      'http://[2002:a9fe:a9fe::1]/feed',
      'http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/feed',
      'http://[::ffff:0:a00:1]/feed',
      'http://[::127.0.0.1]/feed',
      'http://intranet/feed',
      'http://printer.local/feed',
    ])
      expect(await guarded.fetch({ url }), url).toMatchObject({
        status: 'failed',
        // A metadata service's address (or one that may lead to it) is said as such: the setting would not help.
        message: expect.stringContaining(
          isNeverFetched(new URL(url).hostname.replace(/^\[|\]$/g, ''))
            ? 'link-local or cloud metadata'
            : 'private or internal network',
        ),
      });
    expect(await guarded.fetch({ url: 'ftp://files.example/feed' })).toMatchObject({
      status: 'failed',
      message: 'Only http and https addresses can be fetched, not ftp:.',
    });
  });
});
