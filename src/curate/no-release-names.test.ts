// Which words of a post may name a student: every capitalized word, less a title's name, a place, a date and
// the phrases left out.
import { describe, expect, it } from 'vitest';
import { firstNameCandidates } from './no-release-names';
import { foldName } from '../text/fold-name';

describe('firstNameCandidates', () => {
  it('finds names as posts write them', () => {
    expect(firstNameCandidates("Maya's kite, Chris' drawing and MAYA'S poem")).toEqual([
      'Maya',
      'Chris',
      'MAYA',
    ]);
    expect(firstNameCandidates('Maya-Rose led the song')).toEqual(['Maya-Rose', 'Maya', 'Rose']);
    expect(firstNameCandidates('مريم رسمت')).toEqual(['مريم', 'رسمت']);
    expect(firstNameCandidates('iLeo and leo')).toEqual([]);
    // A character that shows as nothing does not hide the name a reader sees.
    expect(firstNameCandidates('Ma\u200bya drew')).toEqual(['Maya']);
  });

  it('leaves out a titled name, a place or a date, and the phrases it is told to', () => {
    expect(firstNameCandidates('Ms. Grace took the photo at Hope Elementary on May 3')).toEqual([
      'Ms',
      'Elementary',
    ]);
    expect(firstNameCandidates('Grace Kim read to Leo', ['Grace Kim'])).toEqual(['Leo']);
    // Whole words only, and not every word before a name is an honorific.
    expect(firstNameCandidates('Maya and Gracie', ['May', 'Grace'])).toEqual(['Maya', 'Gracie']);
    expect(firstNameCandidates("her brother Leo (3rd grade) and Maya's team")).toEqual(['Leo', 'Maya']);
  });

  it('folds accents, apostrophes and case the same way on both sides', () => {
    expect(foldName('José')).toBe(foldName('Jose\u0301'));
    expect(foldName('D’Andre')).toBe(foldName("d'andre"));
    // Written without their accents, Latin names are the same name; other scripts keep their marks.
    expect(['José', 'Jose', 'JOSÉ', 'Jose\u0301'].map(foldName)).toEqual(['jose', 'jose', 'jose', 'jose']);
    expect(foldName('Zoë')).toBe('zoe');
    expect(['Đặng', 'Łukasz', 'Søren', 'Işık', 'Straße', 'Æsa', 'Œdipe', 'Þóra', 'Guðrún'].map(foldName)).toEqual([
      'dang', 'lukasz', 'soren', 'isik', 'strasse', 'aesa', 'oedipe', 'thora', 'gudrun',
    ]); // prettier-ignore
    expect(foldName('İpek')).toBe('ipek');
    expect(foldName('सीता')).not.toBe(foldName('सत'));
    expect(foldName('سَارَة')).toBe('سَارَة');
  });
});
