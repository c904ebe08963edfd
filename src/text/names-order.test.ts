import { describe, expect, it } from 'vitest';
import { sortByName } from './names-order';

describe('sortByName', () => {
  it('puts numbers by value, accents beside their letters and case aside', () => {
    const names = [
      'School 10',
      'Washington Elementary',
      'école Jefferson',
      'School 2',
      'Adams',
      'Ángel Middle',
    ];
    expect(sortByName(names, (n) => n)).toEqual([
      'Adams',
      'Ángel Middle',
      'école Jefferson',
      'School 2',
      'School 10',
      'Washington Elementary',
    ]);
  });

  it('keeps the order rows came in when their names are the same, and reads later names to break ties', () => {
    const rows = [
      { school: 'Lincoln', title: 'Room 12', at: 1 },
      { school: 'Adams', title: null, at: 2 },
      { school: 'Lincoln', title: 'Room 2', at: 3 },
      { school: 'Lincoln', title: 'Room 2', at: 4 },
    ];
    expect(
      sortByName(
        rows,
        (r) => r.school,
        (r) => r.title,
      ).map((r) => r.at),
    ).toEqual([2, 3, 4, 1]);
  });
});
