// Which addresses oEmbed reads as this site's: a link as people share it, and nothing else.
import { describe, expect, it } from 'vitest';
import { pathOnThisSite } from './embed';

describe('pathOnThisSite', () => {
  const site = 'https://digest.lakeside.example';

  it('reads a shared link of this site: any case of host, either scheme, a query or a fragment', () => {
    expect(pathOnThisSite('https://digest.lakeside.example/digests/2026-11-20', site)).toBe(
      '/digests/2026-11-20',
    );
    expect(pathOnThisSite('https://DIGEST.Lakeside.example/digests/2026-11-20?utm_source=x#top', site)).toBe(
      '/digests/2026-11-20',
    );
    expect(pathOnThisSite('http://digest.lakeside.example/es/', site)).toBe('/es/');
    expect(pathOnThisSite('https://digest.lakeside.example', site)).toBe('/');
  });

  it('reads nothing of another host, another port, a scheme other than http(s) or an unreadable address', () => {
    expect(pathOnThisSite('https://evil.example/digests/2026-11-20', site)).toBeUndefined();
    expect(pathOnThisSite('https://digest.lakeside.example.evil.example/', site)).toBeUndefined();
    expect(pathOnThisSite('https://digest.lakeside.example:8443/', site)).toBeUndefined();
    expect(pathOnThisSite('ftp://digest.lakeside.example/', site)).toBeUndefined();
    expect(pathOnThisSite('not an address', site)).toBeUndefined();
    expect(pathOnThisSite('http://localhost:4000/', 'http://localhost:4001')).toBeUndefined();
  });

  it('keeps to the site’s own path where it is served under one', () => {
    const under = 'https://lakeside.example/news';
    expect(pathOnThisSite('https://lakeside.example/news/digests/2026-11-20', under)).toBe(
      '/digests/2026-11-20',
    );
    expect(pathOnThisSite('https://lakeside.example/news', under)).toBe('');
    expect(pathOnThisSite('https://lakeside.example/newsletter/digests/2026-11-20', under)).toBeUndefined();
    expect(pathOnThisSite('https://lakeside.example/digests/2026-11-20', under)).toBeUndefined();
  });
});
