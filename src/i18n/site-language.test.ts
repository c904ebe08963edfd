import { describe, expect, it } from 'vitest';
import { translator } from './translate';
import { digestWords, possessive } from './site-language';

describe('the district named as an owner', () => {
  it('writes a name ending in s with an apostrophe alone', () => {
    expect(possessive('Lakeside')).toBe('Lakeside’s');
    expect(possessive('Lakeside Schools')).toBe('Lakeside Schools’');
    expect(possessive(' Lakeside Public Schools ')).toBe('Lakeside Public Schools’');
  });

  it('is used wherever English names the district’s classrooms or digest', () => {
    const en = translator('en');
    const words = { district: 'Lakeside Schools', districtPossessive: possessive('Lakeside Schools') };
    expect(en.t('home.description', words)).toBe(
      'The best of yesterday in Lakeside Schools’ classrooms, once a day.',
    );
    expect(en.t('signup.text', words)).toContain('in Lakeside Schools’ classrooms.');
    expect(digestWords({ districtName: 'Lakeside Schools' }).digest).toBe('Lakeside Schools’ daily digest');
    // Other languages keep the name inside their own words.
    expect(translator('es').t('home.description', words)).toContain('Lakeside Schools');
  });
});
