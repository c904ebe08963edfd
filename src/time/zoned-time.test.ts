import { describe, expect, it } from 'vitest';
import { addDays, dayRange, instantOf, isLocalDate, localDateOf, localTimeOf, weekdayOf } from './zoned-time';

const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;

describe('localDateOf', () => {
  it.each([
    ['2026-11-21T05:59:00Z', 'America/Chicago', '2026-11-20'],
    ['2026-11-21T06:00:00Z', 'America/Chicago', '2026-11-21'],
    ['2026-11-20T11:00:00Z', 'Pacific/Auckland', '2026-11-21'],
    ['2026-11-20T10:59:00Z', 'Pacific/Auckland', '2026-11-20'],
    ['2026-06-30T23:30:00Z', 'Europe/London', '2026-07-01'],
  ])('%s in %s is %s', (instant, zone, date) => {
    expect(localDateOf(Date.parse(instant), zone)).toBe(date);
  });
});

describe('instantOf', () => {
  it('resolves ordinary wall-clock times', () => {
    expect(iso(instantOf('2026-11-21', '07:00', 'America/Chicago'))).toBe('2026-11-21T13:00:00.000Z');
    expect(iso(instantOf('2026-07-01', '07:00', 'America/Chicago'))).toBe('2026-07-01T12:00:00.000Z');
    expect(iso(instantOf('2026-11-21', '07:00', 'Pacific/Auckland'))).toBe('2026-11-20T18:00:00.000Z');
  });

  it('moves a time skipped by spring-forward to the moment of the jump', () => {
    // Chicago 2026-03-08: 02:00 CST jumps to 03:00 CDT at 08:00Z.
    expect(iso(instantOf('2026-03-08', '02:30', 'America/Chicago'))).toBe('2026-03-08T08:00:00.000Z');
    // London 2026-03-29: 01:00 GMT jumps to 02:00 BST.
    expect(iso(instantOf('2026-03-29', '01:15', 'Europe/London'))).toBe('2026-03-29T01:00:00.000Z');
    // Sydney 2026-10-04: 02:00 AEST jumps to 03:00 AEDT.
    expect(iso(instantOf('2026-10-04', '02:00', 'Australia/Sydney'))).toBe('2026-10-03T16:00:00.000Z');
  });

  it('takes the earlier of a time that happens twice at fall-back', () => {
    // Chicago 2026-11-01: 01:30 happens at 06:30Z (CDT) and again at 07:30Z (CST).
    expect(iso(instantOf('2026-11-01', '01:30', 'America/Chicago'))).toBe('2026-11-01T06:30:00.000Z');
    // Sydney 2026-04-05: 02:30 happens in AEDT (15:30Z the day before) and AEST.
    expect(iso(instantOf('2026-04-05', '02:30', 'Australia/Sydney'))).toBe('2026-04-04T15:30:00.000Z');
  });
});

describe('dayRange', () => {
  it('is 23 hours on spring-forward days and 25 on fall-back days', () => {
    const spring = dayRange('2026-03-08', 'America/Chicago');
    expect((spring.end - spring.start) / HOUR).toBe(23);
    const fall = dayRange('2026-11-01', 'America/Chicago');
    expect((fall.end - fall.start) / HOUR).toBe(25);
    const london = dayRange('2026-10-25', 'Europe/London');
    expect((london.end - london.start) / HOUR).toBe(25);
    const auckland = dayRange('2026-09-27', 'Pacific/Auckland');
    expect((auckland.end - auckland.start) / HOUR).toBe(23);
  });

  it('starts at local midnight', () => {
    const { start, end } = dayRange('2026-11-20', 'America/Chicago');
    expect(iso(start)).toBe('2026-11-20T06:00:00.000Z');
    expect(iso(end)).toBe('2026-11-21T06:00:00.000Z');
    expect(localTimeOf(start, 'America/Chicago')).toBe('00:00');
  });

  it('handles zones whose DST jump happens at midnight', () => {
    // Santiago springs forward at 24:00 -> 01:00, so the day has no midnight.
    const { start } = dayRange('2026-09-06', 'America/Santiago');
    expect(localTimeOf(start, 'America/Santiago')).toBe('01:00');
    expect(localDateOf(start, 'America/Santiago')).toBe('2026-09-06');
  });
});

describe('calendar helpers', () => {
  it('adds days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
  it('validates dates', () => {
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-1-01')).toBe(false);
    // Every date it accepts has a next day: 9999-12-31 would make the day's range an invalid time.
    expect(isLocalDate('9999-12-31')).toBe(false);
    expect(isLocalDate('0000-01-01')).toBe(false);
  });
  it('knows weekdays', () => {
    expect(weekdayOf('2026-11-21')).toBe(6);
  });
});
