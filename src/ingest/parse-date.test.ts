import { describe, expect, it } from 'vitest';
import { parseFeedDate } from './parse-date';

const iso = (raw: string) => {
  const value = parseFeedDate(raw);
  return value === undefined ? undefined : new Date(value).toISOString();
};

describe('parseFeedDate', () => {
  it.each([
    ['2026-11-20T15:04:05Z', '2026-11-20T15:04:05.000Z'],
    ['2026-11-20T15:04:05.123456+01:00', '2026-11-20T14:04:05.123Z'],
    ['2026-11-20T09:04:05-0600', '2026-11-20T15:04:05.000Z'],
    ['2026-11-20 15:04:05', '2026-11-20T15:04:05.000Z'],
    ['2026-11-20T15:04', '2026-11-20T15:04:00.000Z'],
    ['2026-11-20', '2026-11-20T00:00:00.000Z'],
    ['20261120T150405Z', '2026-11-20T15:04:05.000Z'],
    ['Fri, 20 Nov 2026 15:04:05 GMT', '2026-11-20T15:04:05.000Z'],
    ['Fri, 20 Nov 2026 09:04:05 -0600', '2026-11-20T15:04:05.000Z'],
    ['Fri, 20 Nov 2026 09:04:05 CST', '2026-11-20T15:04:05.000Z'],
    ['Fri, 20 Nov 2026 10:04 EST', '2026-11-20T15:04:00.000Z'],
    ['20 Nov 2026 15:04:05 +0000', '2026-11-20T15:04:05.000Z'],
    ['Friday, 20 November 2026 15:04:05 GMT', '2026-11-20T15:04:05.000Z'],
    ['Fri, 20 Nov 26 15:04:05 GMT', '2026-11-20T15:04:05.000Z'],
    ['Fri,20 Nov 2026 15:04:05 +01:00', '2026-11-20T14:04:05.000Z'],
    ['November 20, 2026 3:04 pm', '2026-11-20T15:04:00.000Z'],
    ['  Fri, 20 Nov 2026   15:04:05   GMT  ', '2026-11-20T15:04:05.000Z'],
  ])('%s', (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it.each([
    '',
    'yesterday',
    'Fri, 31 Jun 2026 10:00:00 GMT',
    '2026-13-01',
    'not a date at all',
    '0000-00-00 00:00:00',
    'Fri, 20 Nov 2026 15:04:05 XYZQ',
  ])('rejects %j', (raw) => {
    expect(parseFeedDate(raw)).toBeUndefined();
  });
});
