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

  it('leaves out a heading typed or pasted with the names', async () => {
    expect(await readFirstNames(undefined, 'First Name, Last Name\nMaya, Lopez\n')).toMatchObject({
      names: ['Maya'],
    });
    expect(await readFirstNames(undefined, 'First Name\tLast Name\nMaya\tLopez\n')).toMatchObject({
      names: ['Maya'],
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
    // No header: one student a line; with more than one column, which is the first name is not known.
    expect(await readFirstNames('Maya Lopez\nAna\n', '')).toMatchObject({ names: ['Maya', 'Ana'] });
    expect(await readFirstNames('Lopez,Maya\nKim,Ana\n', '')).toEqual({ ok: false, problem: 'noHeader' });
    expect(await readFirstNames('Apellido,Nombre\nLopez,Maya\n', '')).toMatchObject({ names: ['Maya'] });
    // Saved as Excel's "Unicode Text" (tabs between cells) or with semicolons (Excel in much of Europe).
    expect(await readFirstNames('Last Name\tFirst Name\r\nLopez\tMaya\r\nKim\tLeo\r\n', '')).toMatchObject({
      names: ['Maya', 'Leo'],
    });
    expect(await readFirstNames('Apellido;Nombre\nLopez;Maya\n', '')).toMatchObject({ names: ['Maya'] });
    expect(await readFirstNames('Lopez\tMaya\nKim\tLeo\n', '')).toEqual({ ok: false, problem: 'noHeader' });
  });

  it('refuses a list of surnames, which would hold nothing while looking as if it did', async () => {
    expect(await readFirstNames('Last Name,Grade\nLopez,3\n', '')).toEqual({
      ok: false,
      problem: 'surnamesOnly',
    });
    expect(await readFirstNames(undefined, '42\n')).toEqual({ ok: false, problem: 'noFirstNames' });
  });
});
