// The line a reader of another language sees above a digest that is a machine translation nobody reviewed,
// or that is shown in the district's own language for want of a reviewed translation.
import { translationNoticeText, type DigestContent } from '../publish/digest-content';
import type { SiteInfo } from './layout';

export function TranslationNotice(props: { content: DigestContent; site: SiteInfo }) {
  const notice = translationNoticeText(props.content, props.site);
  if (!notice) return null;
  return (
    <p class="translation-notice" role="note">
      {notice}
    </p>
  );
}
