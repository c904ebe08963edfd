// Publish slots in the district's time zone, on ordinary days and on the days clocks change.
import { describe, expect, it } from 'vitest';
import { dueAt, nextSlot, slotForReady, type Schedule } from './schedule';

const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];
const WEEKDAYS = [1, 2, 3, 4, 5];
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const schedule = (timezone: string, publishTime: string, publishDays = EVERY_DAY): Schedule => ({
  timezone,
  publishTime,
  publishDays,
});

describe('publish slots', () => {
  it('puts the digest for a date at the first slot after that day ends, in the district’s zone', () => {
    const chicago = schedule('America/Chicago', '07:00');
    expect(iso(dueAt('2026-11-20', chicago))).toBe('2026-11-21T13:00:00.000Z');
    // Far from UTC: Auckland is UTC+13 in November, so its Friday ends while it is still Friday in London.
    expect(iso(dueAt('2026-11-20', schedule('Pacific/Auckland', '07:00')))).toBe('2026-11-20T18:00:00.000Z');
  });

  it('skips days that are not publish days', () => {
    const weekdays = schedule('America/Chicago', '07:00', WEEKDAYS);
    // Friday, Saturday and Sunday all go out on Monday morning.
    for (const date of ['2026-11-20', '2026-11-21', '2026-11-22'])
      expect(iso(dueAt(date, weekdays))).toBe('2026-11-23T13:00:00.000Z');
    expect(iso(dueAt('2026-11-23', weekdays))).toBe('2026-11-24T13:00:00.000Z');
    expect(nextSlot(at('2026-11-20T00:00:00Z'), schedule('America/Chicago', '07:00', []))).toBeUndefined();
  });

  it('gives a digest marked ready after its slot the next slot from then', () => {
    const chicago = schedule('America/Chicago', '07:00');
    expect(iso(slotForReady('2026-11-20', at('2026-11-20T20:00:00Z'), chicago))).toBe(
      '2026-11-21T13:00:00.000Z',
    );
    expect(iso(slotForReady('2026-11-20', at('2026-11-21T16:00:00Z'), chicago))).toBe(
      '2026-11-22T13:00:00.000Z',
    );
    // Exactly at a slot counts as that slot.
    expect(iso(slotForReady('2026-11-20', at('2026-11-21T13:00:00Z'), chicago))).toBe(
      '2026-11-21T13:00:00.000Z',
    );
  });

  describe('on the days clocks change', () => {
    it('America/Chicago: a slot in the spring gap moves to the end of the gap; a doubled one happens once', () => {
      const early = schedule('America/Chicago', '02:30');
      // 8 March 2026, 02:00 CST jumps to 03:00 CDT: 02:30 never happens, the digest goes out at 03:00 CDT.
      expect(iso(dueAt('2026-03-07', early))).toBe('2026-03-08T08:00:00.000Z');
      expect(iso(dueAt('2026-03-08', early))).toBe('2026-03-09T07:30:00.000Z');
      // 1 November 2026, 02:00 CDT falls back to 01:00 CST: 01:30 happens twice; the first is the slot,
      // and just after it the next slot is the following day, not the second 01:30.
      const doubled = schedule('America/Chicago', '01:30');
      expect(iso(dueAt('2026-10-31', doubled))).toBe('2026-11-01T06:30:00.000Z');
      expect(iso(nextSlot(at('2026-11-01T06:31:00Z'), doubled))).toBe('2026-11-02T07:30:00.000Z');
      // An ordinary time on those days keeps its wall-clock hour.
      expect(iso(dueAt('2026-03-07', schedule('America/Chicago', '07:00')))).toBe('2026-03-08T12:00:00.000Z');
      expect(iso(dueAt('2026-10-31', schedule('America/Chicago', '07:00')))).toBe('2026-11-01T13:00:00.000Z');
    });

    it('Europe/London', () => {
      // 29 March 2026, 01:00 GMT jumps to 02:00 BST; 25 October 2026, 02:00 BST falls back to 01:00 GMT.
      expect(iso(dueAt('2026-03-28', schedule('Europe/London', '01:30')))).toBe('2026-03-29T01:00:00.000Z');
      expect(iso(dueAt('2026-10-24', schedule('Europe/London', '01:30')))).toBe('2026-10-25T00:30:00.000Z');
      expect(iso(nextSlot(at('2026-10-25T00:31:00Z'), schedule('Europe/London', '01:30')))).toBe(
        '2026-10-26T01:30:00.000Z',
      );
      expect(iso(dueAt('2026-03-28', schedule('Europe/London', '07:00')))).toBe('2026-03-29T06:00:00.000Z');
    });

    it('Australia/Sydney', () => {
      // 5 April 2026, 03:00 AEDT falls back to 02:00 AEST; 4 October 2026, 02:00 AEST jumps to 03:00 AEDT.
      expect(iso(dueAt('2026-04-04', schedule('Australia/Sydney', '02:30')))).toBe(
        '2026-04-04T15:30:00.000Z',
      );
      expect(iso(nextSlot(at('2026-04-04T15:31:00Z'), schedule('Australia/Sydney', '02:30')))).toBe(
        '2026-04-05T16:30:00.000Z',
      );
      expect(iso(dueAt('2026-10-03', schedule('Australia/Sydney', '02:30')))).toBe(
        '2026-10-03T16:00:00.000Z',
      );
      expect(iso(dueAt('2026-10-03', schedule('Australia/Sydney', '07:00')))).toBe(
        '2026-10-03T20:00:00.000Z',
      );
    });

    it('Pacific/Auckland', () => {
      // 27 September 2026, 02:00 NZST jumps to 03:00 NZDT.
      expect(iso(dueAt('2026-09-26', schedule('Pacific/Auckland', '02:30')))).toBe(
        '2026-09-26T14:00:00.000Z',
      );
      expect(iso(dueAt('2026-09-26', schedule('Pacific/Auckland', '07:00')))).toBe(
        '2026-09-26T18:00:00.000Z',
      );
    });
  });
});
