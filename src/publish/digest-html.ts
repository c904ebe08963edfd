// A digest as a self-contained HTML fragment, for feed readers (content:encoded, Atom content, JSON Feed).
// Every string is escaped here; links are absolute so the fragment works wherever it is read.
import type { DigestEntryWithItem } from '../db/digests';
import { pictureView } from '../pictures/picture-view';
import { escapeHtml } from '../text/escape';
import { localDateOf } from '../time/zoned-time';
import {
  digestTitle,
  originalLangOf,
  sourceNameOf,
  translationNoticeText,
  type ContentText,
  type DigestContent,
} from './digest-content';
import type { Language } from '../i18n/languages';
import { siteLanguage } from '../i18n/site-language';

export function renderDigestHtml(
  content: DigestContent,
  site: { siteTitle: string; publicUrl: string; timezone: string; languages?: Language[]; lang?: Language },
): string {
  const { digest, entries } = content;
  const { text, prefix } = siteLanguage(site);
  const parts: string[] = [];
  const day = (at: number) => text.longDate(localDateOf(at, site.timezone));
  /** A text shown in the district's language in a feed in another is marked with it, as on the pages. */
  const marked = (which: ContentText) => {
    const lang = originalLangOf(content, which);
    return lang ? ` lang="${escapeHtml(lang)}" dir="auto"` : '';
  };
  // As the page and the email say it.
  const notice = translationNoticeText(content, site);
  if (notice) parts.push(`<p><em>${escapeHtml(notice)}</em></p>`);
  (content.corrections ?? []).forEach((correction, i) => {
    parts.push(
      `<p><strong>${escapeHtml(text.t('digest.corrected', { date: day(correction.at) }))}</strong> <span${marked(`note:${i}`)}>${escapeHtml(correction.note)}</span></p>`,
    );
  });
  const removals = content.removals ?? [];
  if (removals.length) {
    parts.push(
      `<p><strong>${escapeHtml(text.t('digest.updated', { date: day(Math.max(...removals.map((r) => r.at))) }))}</strong> ${escapeHtml(text.t('digest.removed', { count: removals.length }))} ${escapeHtml(text.t('digest.sorry'))}</p>`,
    );
  }
  if (digest.intro) parts.push(`<p${marked('intro')}>${escapeHtml(digest.intro)}</p>`);
  for (const entry of entries) {
    const url = escapeHtml(entry.item.url ?? `${site.publicUrl}${prefix}/digests/${digest.date}`);
    parts.push(
      `<h2${marked(`headline:${entry.itemId}`)}><a href="${url}">${escapeHtml(entry.headline)}</a></h2>`,
      `<p><em>${escapeHtml(entry.item.schoolName)}</em></p>`,
      pictureHtml(entry, site.publicUrl, originalLangOf(content, `alt:${entry.itemId}`)),
      entry.blurb ? `<p${marked(`blurb:${entry.itemId}`)}>${escapeHtml(entry.blurb)}</p>` : '',
      `<p><a href="${url}">${escapeHtml(text.t('email.readFull', { source: sourceNameOf(entry) }))}</a></p>`,
    );
  }
  const html = parts.filter(Boolean).join('\n');
  // In another of the district's languages, the whole is marked with it, so a feed reader that does not guess
  // sets Arabic right to left (and reads Spanish aloud as Spanish); the feed's own language says it too.
  return prefix ? `<div lang="${text.lang}" dir="${text.dir}">\n${html}\n</div>` : html;
}

export function digestFeedTitle(
  content: DigestContent,
  site: { siteTitle: string; languages?: Language[]; lang?: Language },
): string {
  return `${digestTitle(content.digest, site.siteTitle)}: ${siteLanguage(site).text.longDate(content.digest.date)}`;
}

/** The district's copy of an entry's picture, at the largest web size; nothing when there is no copy. */
function pictureHtml(entry: DigestEntryWithItem, publicUrl: string, altLang: string | undefined): string {
  const view = entry.picture && pictureView(entry.picture, publicUrl);
  if (!view) return '';
  return `<p><img src="${escapeHtml(view.src)}" width="${view.width}" height="${view.height}" alt="${escapeHtml(entry.imageAlt ?? '')}"${altLang ? ` lang="${escapeHtml(altLang)}"` : ''}></p>`;
}
