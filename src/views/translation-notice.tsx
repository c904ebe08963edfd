// The line a reader of another language sees above a digest that is a machine translation nobody reviewed,
// or that is shown in the district's own language for want of a reviewed translation.
import type { DigestContent } from '../publish/digest-content';
import { languageNameIn } from '../i18n/language-names';
import { textOf, type SiteInfo } from './layout';

export function TranslationNotice(props: { content: DigestContent; site: SiteInfo }) {
  const notice = props.content.notice;
  if (!notice) return null;
  const text = textOf(props.site);
  return (
    <p class="translation-notice" role="note">
      {notice === 'automatic'
        ? text.t('digest.translatedAutomatically')
        : text.t('digest.shownInOriginal', {
            language: languageNameIn(text.lang, props.site.languages?.[0] ?? 'en'),
          })}
    </p>
  );
}
