// A published digest in a reader's language: the translated title, intro, headlines, blurbs and alt text
// (each falling back to the original where its translation is empty), and what to tell the reader when the
// language is not reviewed, as the district's translation_unreviewed setting decides.
import type { Database } from '../db/client';
import { listDigestTranslations, type DigestTranslation } from '../db/translations';
import { isReviewed } from '../curate/translations-checks';
import type { TranslationUnreviewed } from '../settings/district-settings';
import type { ContentText, DigestContent } from './digest-content';

/**
 * The content as readers of `translation`'s language see it. Reviewed: translated. Not reviewed: under
 * `label` translated, with the notice 'automatic'; otherwise (`fallback`, or `hold` for a digest that went out
 * before the language was offered or was edited since) the original, with the notice 'original'. Held (saved
 * after publishing where a second person must review it) and not reviewed yet: what its readers had when it
 * was first held, read by the same rules; if they had none of it, the original under every setting, the
 * latest correction's note too (its tab edits that one; earlier ones stay translated). Whatever is shown in
 * the district's language (`originalLang`) is listed as untranslated.
 */
export function localizeContent(
  content: DigestContent,
  translation: DigestTranslation | undefined,
  unreviewed: TranslationUnreviewed,
  originalLang: string,
): DigestContent {
  const reviewed = isReviewed(translation, content.digest);
  const hasText =
    !!translation &&
    (!!translation.title.trim() ||
      !!translation.intro.trim() ||
      [...translation.entries.values()].some((e) => e.headline.trim() || e.blurb.trim()));
  if (translation?.held && !reviewed)
    return translation.shown
      ? localizeContent(content, translation.shown, unreviewed, originalLang)
      : inOriginal(content, withoutLatestNote(content, translation), originalLang);
  if (!translation || (!reviewed && (unreviewed !== 'label' || !hasText)))
    return inOriginal(content, translation, originalLang);
  const untranslated = new Set<ContentText>();
  /** The translation where it has words, else the original, noted. */
  const or = (translated: string | undefined, original: string, text: ContentText) => {
    if (translated?.trim()) return translated;
    if (original.trim()) untranslated.add(text);
    return original;
  };
  const { digest } = content;
  const corrections = content.corrections ?? [];
  return {
    ...content,
    digest: {
      ...digest,
      title: or(translation.title, digest.title, 'title'),
      intro: or(translation.intro, digest.intro, 'intro'),
    },
    entries: content.entries.map((entry) => {
      const t = translation.entries.get(entry.itemId);
      return {
        ...entry,
        headline: or(t?.headline, entry.headline, `headline:${entry.itemId}`),
        blurb: or(t?.blurb, entry.blurb, `blurb:${entry.itemId}`),
        imageAlt: entry.imageAlt === null ? null : or(t?.imageAlt, entry.imageAlt, `alt:${entry.itemId}`),
      };
    }),
    // Each correction's note in this language where one was written; the original's otherwise.
    corrections: corrections.map((c, i) => ({
      ...c,
      note: or(translatedNote(translation, c.id), c.note, `note:${i}`),
    })),
    // Unreviewed: said translated automatically where a machine wrote any of it, else not yet reviewed.
    notice: reviewed ? undefined : machineWrote(translation) ? 'automatic' : 'unreviewed',
    untranslated: untranslated.size > 0 ? { lang: originalLang, texts: untranslated } : undefined,
  };
}

/** Whether any text of this language is still a machine draft nobody edited. */
function machineWrote(translation: DigestTranslation): boolean {
  return (
    translation.machine.length > 0 || [...translation.entries.values()].some((e) => e.machine.length > 0)
  );
}

/** The translation without the latest correction's note, which its tab edits (earlier notes stay). */
function withoutLatestNote(content: DigestContent, translation: DigestTranslation): DigestTranslation {
  const latest = Math.max(...(content.corrections ?? []).map((c) => c.id));
  const correctionNotes = new Map([...translation.correctionNotes].filter(([id]) => id !== latest));
  return { ...translation, correctionNotes };
}

/** A correction's note as written in the translation's language, if it was. */
function translatedNote(translation: DigestTranslation, correctionId: number): string | undefined {
  return translation.correctionNotes.get(correctionId)?.trim() || undefined;
}

/**
 * The content shown in the district's language, with the notice saying so; but each correction's note in the
 * reader's language where one was written, as the correction was published with it.
 */
function inOriginal(
  content: DigestContent,
  translation: DigestTranslation | undefined,
  originalLang: string,
): DigestContent {
  const corrections = content.corrections ?? [];
  const notes = corrections.map((c) => (translation ? translatedNote(translation, c.id) : undefined));
  if (!notes.some((note) => note !== undefined))
    return { ...content, notice: 'original', untranslated: { lang: originalLang, texts: 'all' } };
  const texts = new Set<ContentText>([
    'title',
    'intro',
    ...corrections.flatMap((_, i): ContentText[] => (notes[i] === undefined ? [`note:${i}`] : [])),
    ...content.entries.flatMap((e): ContentText[] => [
      `headline:${e.itemId}`,
      `blurb:${e.itemId}`,
      `alt:${e.itemId}`,
    ]),
  ]);
  return {
    ...content,
    corrections: corrections.map((c, i) => ({ ...c, note: notes[i] ?? c.note })),
    notice: 'original',
    untranslated: { lang: originalLang, texts },
  };
}

/** The contents in `lang`: unchanged in the district's own language, else localized from the stored translations. */
export async function localizeContents(
  db: Database,
  contents: DigestContent[],
  lang: string,
  settings: { languages: readonly string[]; translationUnreviewed: TranslationUnreviewed },
): Promise<DigestContent[]> {
  if (lang === settings.languages[0] || contents.length === 0) return contents;
  const stored = await listDigestTranslations(
    db,
    contents.map((c) => c.digest.id),
    lang,
  );
  return contents.map((content) =>
    localizeContent(
      content,
      stored.get(content.digest.id)?.get(lang),
      settings.translationUnreviewed,
      settings.languages[0]!,
    ),
  );
}
