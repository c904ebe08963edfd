// The key that makes one post cross-posted by several accounts show once in the inbox.
import { describe, expect, it } from 'vitest';
import { canonicalUrlKey } from './normalize-item';

describe('canonicalUrlKey', () => {
  it.each([
    ['https://www.class.example.org/2026/11/20/kites/', 'class.example.org/2026/11/20/kites'],
    ['http://class.example.org/2026/11/20/kites#comments', 'class.example.org/2026/11/20/kites'],
    ['https://class.example.org/kites?utm_source=mastodon&utm_medium=social', 'class.example.org/kites'],
    ['https://class.example.org/kites?p=12&fbclid=abc&ref=feed', 'class.example.org/kites?p=12'],
    ['https://class.example.org/?p=12', 'class.example.org/?p=12'],
    ['https://class.example.org:8443/kites', 'class.example.org:8443/kites'],
    ['https://class.example.org', 'class.example.org/'],
    ['https://class.example.org/kites?', 'class.example.org/kites'],
    ['https://class.example.org/kites?sourcey=1', 'class.example.org/kites?sourcey=1'],
  ])('%s → %s', (url, key) => {
    expect(canonicalUrlKey(url)).toBe(key);
  });
});
