// Reading the office's list of students without a media release: first names, whatever shape the list has.
import { describe, expect, it } from 'vitest';
import { readFirstNames } from './no-release-list';

describe('readFirstNames', () => {
  it('takes the first name of each typed line, in either order, and counts what holds none', async () => {
    expect(
      await readFirstNames(undefined, 'First name\nMaya Lopez\nLopez, Leo\n  \nJose\u0301\n12345\n'),
    ).toEqual({
      ok: true,
      names: ['Maya', 'Leo', 'José'],
      skipped: 1,
    });
  });

  it('reads a spreadsheet by its first-name column, or its name column, whatever comes first', async () => {
    expect(await readFirstNames('Last Name,First Name,Grade\nLopez,Maya,3\nKim,Ana,4\n', '')).toEqual({
      ok: true,
      names: ['Maya', 'Ana'],
      skipped: 0,
    });
    expect(await readFirstNames('Grade,Student Name\n3,"Lopez, Maya"\n4,Ana Kim\n', '')).toEqual({
      ok: true,
      names: ['Maya', 'Ana'],
      skipped: 0,
    });
    // No header: one student a line, the first column.
    expect(await readFirstNames('Maya Lopez,3\nAna,4\n', '')).toMatchObject({ names: ['Maya', 'Ana'] });
  });

  it('refuses a list of surnames, which would hold nothing while looking as if it did', async () => {
    expect(await readFirstNames('Last Name,Grade\nLopez,3\n', '')).toEqual({
      ok: false,
      problem: 'surnamesOnly',
    });
    expect(await readFirstNames(undefined, '42\n')).toEqual({ ok: false, problem: 'noFirstNames' });
  });
});
