// What taking a language off the district's list means for the families who read it: their emails come in the
// district's own language from then on, and its pages are gone. Said where the list is changed (the Settings
// page, settings:set), with how many, so the district does not find out from the families.
import type { Database } from '../db/client';
import { countSubscribersByLanguage } from '../db/subscribers';
import { languageLabel } from '../curate/translations-checks';
import { t } from '../i18n/desk-text';

/** One sentence per language the change took away that subscribers read; none when nobody reads it. */
export async function languagesRemovedSentences(
  db: Database,
  before: readonly string[],
  after: readonly string[],
): Promise<string[]> {
  const removed = before.filter((lang) => !after.includes(lang));
  if (!removed.length || !after.length) return [];
  const readers = await countSubscribersByLanguage(db);
  const own = languageLabel(after[0]!);
  return removed.flatMap((lang) => {
    const count = readers.get(lang) ?? 0;
    return count
      ? [t('desk.settings.languageRemoved', { count, language: languageLabel(lang), own, lang })]
      : [];
  });
}
