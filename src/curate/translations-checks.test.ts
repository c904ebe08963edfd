import { describe, expect, it } from 'vitest';
import { emptyTranslation } from '../db/translations';
import { checkTranslationsOf, unreviewedFindings } from './translations-checks';

describe('unreviewedFindings', () => {
  const settings = {
    translationUnreviewed: 'hold' as const,
    languages: ['en' as const, 'es' as const],
  };

  it('says a digest not yet out is held until its translation is reviewed', () => {
    const [finding] = unreviewedFindings(settings, { version: 3, status: 'draft' }, new Map());
    expect(finding!.message).toBe(
      'The Spanish translation is not reviewed for this version. Open its tab, check the text and press Mark reviewed; until then this digest is held (Settings: “A translation nobody reviewed”).',
    );
  });

  it('says a digest already out shows in its original language there, not that it is held', () => {
    const [finding] = unreviewedFindings(settings, { version: 3, status: 'published' }, new Map());
    expect(finding!.message).toBe(
      'The Spanish translation is not reviewed for this version. Open its tab, check the text and press Mark reviewed; until then the Spanish page shows this digest in its original language.',
    );
  });

  it('finds nothing when the district publishes unreviewed translations labelled or in the original', () => {
    for (const translationUnreviewed of ['label', 'fallback'] as const)
      expect(
        unreviewedFindings(
          { ...settings, translationUnreviewed },
          { version: 3, status: 'draft' },
          new Map(),
        ),
      ).toEqual([]);
  });
});

describe('checkTranslationsOf', () => {
  const settings = { languages: ['en' as const, 'es' as const], toneWords: ['lazy'] };
  const spanish = (title: string) => ({ ...emptyTranslation(1, 'es'), title });

  it('checks a held language’s text and, apart, what its readers have meanwhile', () => {
    const held = {
      ...spanish('Un viernes nuevo'),
      held: true,
      heldBy: [2],
      shown: spanish('Un viernes viejo'),
    };
    const checked = checkTranslationsOf(settings, new Map([['es', held]]));
    expect(checked.map((c) => [c.label, c.title])).toEqual([
      ['Spanish', 'Un viernes nuevo'],
      ['published Spanish', 'Un viernes viejo'],
    ]);
    expect(checked[1]!.toneWords).toContain('lazy');
    // Not held, or held with nothing shown (its readers get the district's text): the language alone.
    for (const translation of [spanish('Un viernes'), { ...spanish('Un viernes'), held: true, heldBy: [2] }])
      expect(checkTranslationsOf(settings, new Map([['es', translation]])).map((c) => c.label)).toEqual([
        'Spanish',
      ]);
  });
});
