// The List-Id header's name, as a mail program shows the list: the site's title in any script, in ASCII.
import { expect, it } from 'vitest';
import { listIdName } from './send-digest';

it('quotes an ASCII title and writes any other as encoded words a mail program decodes', () => {
  expect(listIdName('What happened "yesterday"\r\n')).toBe('"What happened yesterday"');
  const arabic = 'ماذا حدث أمس في فصول منطقة ليكسايد التعليمية';
  const name = listIdName(arabic);
  const words = name.split(' ');
  expect(words.length).toBeGreaterThan(1);
  for (const word of words) {
    expect(word).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
    expect(word.length).toBeLessThanOrEqual(75);
  }
  const decoded = words.map((word) => Buffer.from(word.slice(10, -2), 'base64').toString('utf8')).join('');
  expect(decoded).toBe(arabic);
  // A long title is cut: the header's line stays short.
  const long = listIdName('学校'.repeat(200));
  expect(long.length).toBeLessThan(400);
  expect(
    long
      .split(' ')
      .map((word) => Buffer.from(word.slice(10, -2), 'base64').toString('utf8'))
      .join(''),
  ).toBe('学校'.repeat(30));
});
