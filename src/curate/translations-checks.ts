// What the district's checks need to know of a digest's translations: each language's text (checked for
// names and tone like the original), whether each language is reviewed for the current version, the
// translation-unreviewed finding (under `hold`, or for a language held for a second person), and which fields
// a correction changed.
import type { DigestTranslation, EntryField } from '../db/translations';
import type { Language } from '../i18n/languages';
import { t } from '../i18n/desk-text';
import { languageNameIn } from '../i18n/language-names';
import type { DistrictSettings } from '../settings/district-settings';
import { DIGEST_LEVEL, list, type CheckTranslation, type Finding } from './run-checks';
import { DEFAULT_TONE_WORDS_BY_LANGUAGE } from './tone-words';

/** "Spanish", "Arabic": a language as the (English) desk names it. */
export function languageLabel(lang: string): string {
  return languageNameIn('en', lang);
}

/** The languages a digest is translated into: every offered language but the district's own. */
export function translatedLanguages(settings: Pick<DistrictSettings, 'languages'>): Language[] {
  return settings.languages.slice(1);
}

/** Reviewed means a person marked this language reviewed for the version that is current now. */
export function isReviewed(translation: DigestTranslation | undefined, digest: { version: number }): boolean {
  return translation?.reviewedVersion != null && translation.reviewedVersion === digest.version;
}

function textsOf(translation: DigestTranslation) {
  return { title: translation.title, intro: translation.intro, entries: translation.entries };
}

export function checkTranslationsOf(
  settings: Pick<DistrictSettings, 'languages' | 'toneWords'>,
  translations: ReadonlyMap<string, DigestTranslation>,
): CheckTranslation[] {
  return translatedLanguages(settings).flatMap((lang) => {
    const translation = translations.get(lang);
    if (!translation) return [];
    const toneWords = [...settings.toneWords, ...(DEFAULT_TONE_WORDS_BY_LANGUAGE[lang] ?? [])];
    const { shown } = translation;
    return [
      { label: languageLabel(lang), toneWords, ...textsOf(translation) },
      // Held for a second person, what its readers have is checked too: a name there stays public until
      // someone gives them the district's text or the changes are reviewed.
      ...(translation.held && shown
        ? [
            {
              label: t('desk.checks.publishedLanguage', { language: languageLabel(lang) }),
              toneWords,
              ...textsOf(shown),
            },
          ]
        : []),
    ];
  });
}

/**
 * One finding naming the offered languages nobody reviewed for this version: under `hold`, every such
 * language (it holds a digest not yet out; one already out shows untranslated in that language until then);
 * under any setting, a published digest's language held for a second person's review (see localizeContent).
 */
export function unreviewedFindings(
  settings: Pick<DistrictSettings, 'translationUnreviewed' | 'languages'>,
  digest: { version: number; status: string },
  translations: ReadonlyMap<string, DigestTranslation>,
): Finding[] {
  const unreviewed = translatedLanguages(settings).filter(
    (lang) => !isReviewed(translations.get(lang), digest),
  );
  const published = digest.status === 'published';
  const held = published ? unreviewed.filter((lang) => translations.get(lang)?.held) : [];
  const waiting =
    settings.translationUnreviewed === 'hold' ? unreviewed.filter((lang) => !held.includes(lang)) : [];
  const values = (langs: Language[]) => ({ languages: list(langs.map(languageLabel)), count: langs.length });
  const sentences = [
    ...(held.length ? [t('desk.checks.translationHeld', values(held))] : []),
    ...(waiting.length
      ? [
          published
            ? t('desk.checks.translationUnreviewedPublished', values(waiting))
            : t('desk.checks.translationUnreviewed', values(waiting)),
        ]
      : []),
  ];
  if (!sentences.length) return [];
  return [{ itemId: DIGEST_LEVEL, kind: 'translation-unreviewed', message: sentences.join(' ') }];
}

export interface CorrectedFields {
  title: boolean;
  intro: boolean;
  entries: Map<number, EntryField[]>;
}

interface Text {
  title: string;
  intro: string;
  entries: { itemId: number; headline: string; blurb: string; imageAlt: string | null }[];
}

/** Which of the original's fields a correction changes (their translations no longer say the same). */
export function correctedFieldsOf(before: Text, after: Text): CorrectedFields {
  const old = new Map(before.entries.map((e) => [e.itemId, e]));
  const entries = new Map<number, EntryField[]>();
  for (const entry of after.entries) {
    const was = old.get(entry.itemId);
    if (!was) continue;
    const fields: EntryField[] = [];
    if (was.headline !== entry.headline) fields.push('headline');
    if (was.blurb !== entry.blurb) fields.push('blurb');
    if ((was.imageAlt ?? '') !== (entry.imageAlt ?? '')) fields.push('imageAlt');
    if (fields.length) entries.set(entry.itemId, fields);
  }
  return { title: before.title !== after.title, intro: before.intro !== after.intro, entries };
}

/** The translations as they will read after a correction: the changed fields emptied. */
export function withoutCorrected(
  translations: ReadonlyMap<string, DigestTranslation>,
  changed: CorrectedFields,
): Map<string, DigestTranslation> {
  return new Map(
    [...translations].map(([lang, translation]) => [
      lang,
      {
        ...translation,
        title: changed.title ? '' : translation.title,
        intro: changed.intro ? '' : translation.intro,
        entries: new Map(
          [...translation.entries].map(([itemId, e]) => [
            itemId,
            {
              ...e,
              ...Object.fromEntries((changed.entries.get(itemId) ?? []).map((f) => [f, ''])),
            },
          ]),
        ),
      },
    ]),
  );
}
