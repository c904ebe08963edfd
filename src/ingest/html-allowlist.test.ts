// URLs in posts are kept only as a browser would resolve them, and only for http(s) (and mailto links).
import { describe, expect, it } from 'vitest';
import { safeUrl } from './html-allowlist';

const base = 'https://class.example.org/blog/';

describe('safeUrl', () => {
  // What a browser would resolve, kept only for http(s): absolute URLs are parsed without their base, which
  // must change nothing.
  it.each([
    'https://class.example.org/a/../b?x=1#top',
    'HTTPS://Class.Example.ORG/photo.jpg',
    'http://2130706433/',
    'https://class.example.org/a b',
    'http:relative/path', // same scheme as the base, no slashes: relative
    'https:\\\\other.example\\x', // backslashes count as slashes
    '//cdn.example/photo.jpg',
    '../up',
    '?page=2',
    ' https://class.example.org/padded ',
    'https://',
  ])('%s resolves as a browser would', (value) => {
    let expected: string | undefined;
    try {
      const url = new URL(value.trim(), base);
      expected = url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
    } catch {
      expected = undefined;
    }
    expect(safeUrl(value, base)).toBe(expected);
  });

  it('refuses other schemes, and mailto unless allowed', () => {
    expect(safeUrl('javascript:alert(1)', base)).toBeUndefined();
    expect(safeUrl('data:text/html,x', base)).toBeUndefined();
    expect(safeUrl('mailto:teacher@school.example', base)).toBeUndefined();
    expect(safeUrl('mailto:teacher@school.example', base, true)).toBe('mailto:teacher@school.example');
  });
});
