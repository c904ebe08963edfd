import { describe, expect, it } from 'vitest';
import type { DigestEntryWithItem, Digest } from '../db/digests';
import type { DigestTranslation } from '../db/translations';
import type { DigestContent } from './digest-content';
import { localizeContent } from './localize-content';

const content: DigestContent = {
  digest: { id: 1, date: '2026-11-20', title: 'A windy Friday', intro: 'Kites.', version: 3 } as Digest,
  entries: [
    { itemId: 7, headline: 'Kites on the field', blurb: 'Room 4 flew kites.', imageAlt: 'Kites in the sky' },
    { itemId: 8, headline: 'The spelling bee', blurb: 'Fifth graders spelled.', imageAlt: null },
  ] as DigestEntryWithItem[],
  corrections: [{ id: 1, at: 1, note: 'The kites were built in art class.', schoolIds: null }],
};

const spanish = (over: Partial<DigestTranslation> = {}): DigestTranslation => ({
  digestId: 1,
  lang: 'es',
  title: 'Un viernes de viento',
  intro: '',
  machine: [],
  reviewedVersion: 3,
  reviewedBy: 2,
  reviewedAt: 5,
  updatedBy: 2,
  updatedAt: 5,
  held: false,
  heldBy: [],
  shown: null,
  correctionNote: null,
  correctionNotes: new Map(),
  entries: new Map([
    [7, { itemId: 7, headline: 'Cometas', blurb: '', imageAlt: 'Cometas en el cielo', machine: [] }],
  ]),
  ...over,
});

describe('a digest in a reader’s language', () => {
  it('reads a reviewed translation field by field, the original where it is empty', () => {
    const localized = localizeContent(content, spanish(), 'hold', 'en');
    expect(localized.notice).toBeUndefined();
    expect(localized.digest.title).toBe('Un viernes de viento');
    expect(localized.digest.intro).toBe('Kites.');
    expect(localized.entries.map((e) => [e.headline, e.blurb, e.imageAlt])).toEqual([
      ['Cometas', 'Room 4 flew kites.', 'Cometas en el cielo'],
      ['The spelling bee', 'Fifth graders spelled.', null],
    ]);
    expect(localized.corrections).toEqual(content.corrections);
    // What is shown in the original is listed, so pages mark it with its language.
    expect(localized.untranslated?.lang).toBe('en');
    expect([...(localized.untranslated!.texts as Set<string>)].sort()).toEqual([
      'blurb:7',
      'blurb:8',
      'headline:8',
      'intro',
      'note:0',
    ]);
    const noted = localizeContent(
      content,
      spanish({ correctionNotes: new Map([[1, 'Se hicieron en arte.']]) }),
      'hold',
      'en',
    );
    expect(noted.corrections).toEqual([{ id: 1, at: 1, note: 'Se hicieron en arte.', schoolIds: null }]);
    expect(noted.untranslated!.texts).not.toContain('note:0');
  });

  it('follows the setting for a language not reviewed for this version', () => {
    const stale = spanish({ reviewedVersion: 2, machine: ['title'] });
    expect(localizeContent(content, stale, 'label', 'en')).toMatchObject({
      notice: 'automatic',
      digest: { title: 'Un viernes de viento' },
    });
    // Written by people, nothing left of a machine's draft: said not reviewed, not translated automatically.
    expect(localizeContent(content, spanish({ reviewedVersion: 2 }), 'label', 'en').notice).toBe(
      'unreviewed',
    );
    for (const setting of ['fallback', 'hold'] as const)
      expect(localizeContent(content, stale, setting, 'en')).toMatchObject({
        notice: 'original',
        digest: { title: 'A windy Friday' },
      });
    // Nothing translated at all: the original, said so, whatever the setting.
    expect(localizeContent(content, undefined, 'label', 'en')).toMatchObject({
      notice: 'original',
      untranslated: { lang: 'en', texts: 'all' },
    });
  });

  it('shows the latest correction’s note in the reader’s language even where the rest is the original', () => {
    const noted = spanish({ reviewedVersion: 2, correctionNotes: new Map([[1, 'Se hicieron en arte.']]) });
    const shown = localizeContent(content, noted, 'hold', 'en');
    expect(shown.notice).toBe('original');
    expect(shown.digest.title).toBe('A windy Friday');
    expect(shown.corrections).toEqual([{ id: 1, at: 1, note: 'Se hicieron en arte.', schoolIds: null }]);
    expect([...(shown.untranslated!.texts as Set<string>)].sort()).toEqual([
      'alt:7',
      'alt:8',
      'blurb:7',
      'blurb:8',
      'headline:7',
      'headline:8',
      'intro',
      'title',
    ]);
  });

  it('shows each correction’s note in the language it was written in, an earlier one too', () => {
    const twice: DigestContent = {
      ...content,
      corrections: [
        { id: 1, at: 1, note: 'The kites were built in art class.', schoolIds: [4] },
        { id: 2, at: 2, note: 'The spelling bee was on Thursday.', schoolIds: [5] },
      ],
    };
    // Correction 1 was written in Spanish too; correction 2 only in English.
    const notes = new Map([[1, 'Se hicieron en arte.']]);
    for (const translation of [
      spanish({ correctionNotes: notes }),
      spanish({ reviewedVersion: 2, correctionNotes: notes }),
    ]) {
      const shown = localizeContent(twice, translation, 'hold', 'en');
      expect(shown.corrections!.map((c) => c.note)).toEqual([
        'Se hicieron en arte.',
        'The spelling bee was on Thursday.',
      ]);
      const texts = shown.untranslated!.texts as Set<string>;
      expect([texts.has('note:0'), texts.has('note:1')]).toEqual([false, true]);
    }
  });

  it('shows a language held for a second person’s review as its readers had it before', () => {
    // Reviewed Spanish, then changed after publishing by person 2: its readers keep the reviewed text.
    const before = spanish({ correctionNotes: new Map([[1, 'Se hicieron en arte.']]) });
    const held = spanish({
      title: 'Un viernes ventoso',
      held: true,
      heldBy: [2],
      reviewedVersion: null,
      correctionNotes: new Map([[1, 'Las cometas se hicieron en arte.']]),
      shown: before,
    });
    for (const setting of ['hold', 'label', 'fallback'] as const) {
      const shown = localizeContent(content, held, setting, 'en');
      expect(shown.notice).toBeUndefined();
      expect(shown.digest.title).toBe('Un viernes de viento');
      expect(shown.entries[0]!.headline).toBe('Cometas');
      expect(shown.corrections!.map((c) => c.note)).toEqual(['Se hicieron en arte.']);
    }
    // Had they an unreviewed machine draft (under `label`), they keep it with its notice; elsewhere the original.
    const drafted = { ...held, shown: spanish({ reviewedVersion: null, machine: ['title'] }) };
    expect(localizeContent(content, drafted, 'label', 'en').notice).toBe('automatic');
    expect(localizeContent(content, drafted, 'label', 'en').digest.title).toBe('Un viernes de viento');
    expect(localizeContent(content, drafted, 'fallback', 'en').digest.title).toBe('A windy Friday');
  });

  it('shows a held language its readers had none of in the original, under every setting', () => {
    const twice: DigestContent = {
      ...content,
      corrections: [
        { id: 1, at: 1, note: 'The kites were built in art class.', schoolIds: [4] },
        { id: 2, at: 2, note: 'The spelling bee was on Thursday.', schoolIds: [5] },
      ],
    };
    const notes = new Map([
      [1, 'Se hicieron en arte.'],
      [2, 'El concurso fue el jueves.'],
    ]);
    // Changed after publishing by person 2, so not reviewed for the version now (a review releases it).
    const held = spanish({ held: true, heldBy: [2], reviewedVersion: null, correctionNotes: notes });
    for (const setting of ['hold', 'label', 'fallback'] as const) {
      const shown = localizeContent(twice, held, setting, 'en');
      expect(shown.notice).toBe('original');
      expect(shown.digest.title).toBe('A windy Friday');
      expect(shown.entries[0]!.headline).toBe('Kites on the field');
      // The latest correction's note is the one its tab edits: held with the rest. An earlier one stays (only a
      // language that is not held keeps its note for an earlier correction: keepCorrectionNoteStatements).
      expect(shown.corrections!.map((c) => c.note)).toEqual([
        'Se hicieron en arte.',
        'The spelling bee was on Thursday.',
      ]);
    }
    // Once someone else reviews it for this version, it is the translation again.
    const reviewed = localizeContent(
      twice,
      { ...held, held: false, heldBy: [], reviewedVersion: 3 },
      'hold',
      'en',
    );
    expect(reviewed.digest.title).toBe('Un viernes de viento');
    expect(reviewed.corrections!.map((c) => c.note)).toEqual([
      'Se hicieron en arte.',
      'El concurso fue el jueves.',
    ]);
  });
});
