// Which feed addresses are one source's written another way, and which are other feeds.
import { describe, expect, it } from 'vitest';
import { addressKey } from './add-source';

describe('addressKey', () => {
  it('is the same for one address written another way', () => {
    const key = addressKey('https://room14.example/feed');
    for (const same of [
      'http://room14.example/feed',
      'https://www.room14.example/feed',
      'https://ROOM14.example/feed/',
      'https://room14.example:443/feed',
      'http://room14.example:80/feed//',
    ])
      expect(addressKey(same), same).toBe(key);
    expect(addressKey('https://blog.example/?feed=rss2&cat=3')).toBe(
      addressKey('https://blog.example/?cat=3&feed=rss2'),
    );
  });

  it('tells other feeds apart: another path, parameter, port or host', () => {
    const key = addressKey('https://room14.example/feed');
    for (const other of [
      'https://room14.example/feed/atom',
      'https://room14.example/feed?room=15',
      'https://room14.example:8443/feed',
      'https://room15.example/feed',
      'https://blog.room14.example/feed',
    ])
      expect(addressKey(other), other).not.toBe(key);
  });
});
