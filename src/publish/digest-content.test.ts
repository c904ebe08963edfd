import { describe, expect, it } from 'vitest';
import type { Digest, DigestEntryWithItem } from '../db/digests';
import { noticesForSchools, originalLangOf, schoolSlice, type DigestContent } from './digest-content';

const LINCOLN = 1;
const WASHINGTON = 2;
const ADAMS = 3;

const entry = (itemId: number, schoolId: number) =>
  ({ itemId, headline: `Post ${itemId}`, item: { schoolId, districtWide: false } }) as DigestEntryWithItem;

const content: DigestContent = {
  digest: { id: 1, date: '2026-11-20', title: '', intro: 'Kites and robots.' } as Digest,
  entries: [entry(7, LINCOLN), entry(8, WASHINGTON)],
  corrections: [
    { id: 1, at: 10, note: 'The whole digest: the date in the intro was wrong.', schoolIds: null },
    { id: 2, at: 20, note: 'Lincoln: there were five kites.', schoolIds: [LINCOLN] },
    {
      id: 3,
      at: 30,
      note: 'Washington and Adams: the robots raced in the hall.',
      schoolIds: [WASHINGTON, ADAMS],
    },
  ],
  removals: [
    { at: 15, schoolId: LINCOLN },
    { at: 25, schoolId: null },
  ],
  // A Spanish page where the notes of the first and third corrections have no translation.
  untranslated: { lang: 'en', texts: new Set(['intro', 'note:0', 'note:2']) },
};

describe('what readers of some schools are told', () => {
  it('keeps corrections of the whole digest and of their schools’ posts, and their removals', () => {
    const washington = noticesForSchools(content, [WASHINGTON]);
    expect(washington.corrections!.map((c) => c.at)).toEqual([10, 30]);
    expect(washington.removals).toEqual([{ at: 25, schoolId: null }]);
    const lincolnAndAdams = noticesForSchools(content, [LINCOLN, ADAMS]);
    expect(lincolnAndAdams.corrections!.map((c) => c.at)).toEqual([10, 20, 30]);
    expect(lincolnAndAdams.removals!.map((r) => r.at)).toEqual([15, 25]);
  });

  it('tells readers of every school everything', () => {
    expect(noticesForSchools(content, [])).toBe(content);
  });

  it('marks each note kept with its language under its new place in the list', () => {
    const washington = noticesForSchools(content, [WASHINGTON]);
    expect(originalLangOf(washington, 'note:0')).toBe('en');
    expect(originalLangOf(washington, 'note:1')).toBe('en'); // the third correction, now second
    expect(originalLangOf(washington, 'intro')).toBe('en');
    const lincoln = noticesForSchools(content, [LINCOLN]);
    expect(lincoln.corrections!.map((c) => c.at)).toEqual([10, 20]);
    expect(originalLangOf(lincoln, 'note:1')).toBeUndefined(); // Lincoln's note is translated
  });

  it('gives a school’s page its posts, its notices and no district intro', () => {
    const slice = schoolSlice(content, LINCOLN);
    expect(slice.entries.map((e) => e.itemId)).toEqual([7]);
    expect(slice.digest.intro).toBe('');
    expect(slice.corrections!.map((c) => c.at)).toEqual([10, 20]);
    expect(slice.removals!.map((r) => r.at)).toEqual([15, 25]);
  });
});
