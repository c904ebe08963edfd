import { describe, expect, it } from 'vitest';
import { unreviewedFindings } from './translations-checks';

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
