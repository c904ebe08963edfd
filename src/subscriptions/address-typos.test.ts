// Suggestions for mistyped providers, and none for real addresses the checker's own lists would "correct".
import { describe, expect, it } from 'vitest';
import { suggestAddress } from './address-typos';

describe('suggestAddress', () => {
  it('suggests the provider a parent probably meant, keeping what was typed before the @', () => {
    expect(suggestAddress('Ana.Garcia@gmial.com')).toBe('Ana.Garcia@gmail.com');
    expect(suggestAddress('ana@gmail.con')).toBe('ana@gmail.com');
    expect(suggestAddress('ana@hotmial.com')).toBe('ana@hotmail.com');
    expect(suggestAddress('ana@yaho.com.mx')).toBe('ana@yahoo.com.mx');
    expect(suggestAddress('ana@comcst.net')).toBe('ana@comcast.net');
    expect(suggestAddress('ana@icloud.co')).toBe('ana@icloud.com');
    expect(suggestAddress('ana@gmail.co')).toBe('ana@gmail.com');
    expect(suggestAddress('ana@hotmial.com')).toBe('ana@hotmail.com');
    expect(suggestAddress('ana@yahooo.com')).toBe('ana@yahoo.com');
    expect(suggestAddress('ana@outlok.com')).toBe('ana@outlook.com');
    // A provider's name with a slip of com for an ending is asked about, though the ending is some country's.
    expect(suggestAddress('ana@hotmail.cm')).toBe('ana@hotmail.com');
    expect(suggestAddress('ana@yahoo.om')).toBe('ana@yahoo.com');
    expect(suggestAddress('ana@aol.co')).toBe('ana@aol.com');
  });

  it('leaves real addresses alone, a district’s own and the providers the checker would otherwise change', () => {
    for (const email of [
      'ana@gmail.com',
      'ana@GMAIL.COM',
      'ana@mac.com',
      'ana@q.com',
      'ana@yahoo.com.mx',
      'ana@live.com.mx',
      'ana@prodigy.net.mx',
      'ana@hotmail.co.uk',
      'teacher@springfield.k12.il.us',
      'parent@lausd.net',
      'ana@smith.family',
      'ana@family.example',
      'parent@school.test',
      'ana@b.co',
      'ana@gmail.example',
      'ana@yahoo.com.ar',
      'ana@hotmail.com.ar',
      'ana@live.com.ar',
      'ana@hotmail.com.br',
      'ana@yahoo.com.co',
      'ana@outlook.sa',
      'ana@hotmail.fr',
      'ana@gmx.net',
      'ana@gmx.de',
      'ana@email.com',
      'ana@twc.com',
      'ana@rr.com',
      'ana@frontier.com',
      'ana@windstream.net',
      'ana@gci.net',
      'ana@email.cz',
      'ana@online.de',
      'ana@mail.ru',
      'ana@wp.pl',
      'ana@naver.com',
      'ana@hotmial.com.br',
      'ana@gmial.cz',
    ])
      expect(suggestAddress(email), email).toBeUndefined();
  });

  it('says nothing of what is not an address', () => {
    for (const email of ['', 'ana', '@gmial.com', 'ana@']) expect(suggestAddress(email)).toBeUndefined();
  });
});
