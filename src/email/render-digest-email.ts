// Renders a digest email (HTML from the compiled MJML template, plain text from the same data) once per
// distinct school selection. Links unique to a recipient are left as random markers that personalize()
// swaps in, so rendering never happens per recipient and feed text can never forge a marker.
import type { StoredPicture } from '../db/pictures';
import { pictureView } from '../pictures/picture-view';
import { randomToken } from '../auth/tokens';
import {
  digestTitle,
  entriesForSchools,
  noticesForSchools,
  originalLangOf,
  sourceNameOf,
  translationNoticeText,
  type ContentText,
  type DigestContent,
} from '../publish/digest-content';
import type { Brand } from '../brand/brand';
import { renderBranded } from './brand-email';
import { compiledTemplates } from './compiled-templates';
import { localDateOf } from '../time/zoned-time';
import type { Language } from '../i18n/languages';
import { digestWords, lateDefaultTitle, siteLanguage } from '../i18n/site-language';
import { listInLanguage } from '../text/plural';

export interface EmailSite {
  districtName: string;
  siteTitle: string;
  /** The district kept the default title, "What happened yesterday" (siteOf marks it). */
  defaultTitle?: boolean;
  publicUrl: string;
  /** The district's time zone, for dates such as "Corrected on …". */
  timezone: string;
  hasLogo?: boolean;
  hasDarkLogo?: boolean;
  /** Width ÷ height of the masthead's logo, so a wide one is drawn wide. */
  logoAspect?: number;
  brand?: Brand;
  /** Where readers write to the district (its contact_email setting), if it has one. */
  contactEmail?: string;
  /** The languages the district offers (its own first) and the one this email is in. */
  languages?: Language[];
  lang?: Language;
}

/** The email's words and links in its language: the district's own at the site's root, others under /LANG. */
export function emailLanguage(site: EmailSite) {
  const { text, prefix } = siteLanguage(site);
  return { text, t: text.t, prefix, words: digestWords(site), lang: text.lang, dir: text.dir };
}

/**
 * An entry's picture as the email shows it: the district's email-sized copy with the size to show it at, or
 * none if it has no copy. The template writes the <img> itself rather than through mj-image, whose width is
 * fixed when the template is compiled, so each picture keeps its own shape (picture-view.ts).
 */
function emailImage(
  entry: { picture?: StoredPicture; imageAlt: string | null },
  publicUrl: string,
  altLang: string,
): { src: string; alt: string; altLang: string; width: number; height: number } | null {
  const view = entry.picture && pictureView(entry.picture, publicUrl);
  return view ? { ...view.email, alt: entry.imageAlt ?? '', altLang } : null;
}

export interface RenderedDigestEmail {
  subject: string;
  html: string;
  text: string;
  markers: { unsubscribe: string; preferences: string };
}

export interface RecipientLinks {
  unsubscribeUrl: string;
  preferencesUrl: string;
}

/**
 * The email's title and subject. A digest's own title stands, else the site's; but a district that kept the
 * default title ("What happened yesterday") has the day named instead when the email goes out later than the
 * day after the digest's (one published late), so an older day is not called yesterday: "What happened on
 * Friday" (or "on December 4", a week or more later), and the whole date in the subject; and one that goes out
 * on the digest's own day says "What happened today".
 */
export function emailTitle(
  digest: { date: string; title: string },
  site: EmailSite,
  sentOn: string | undefined,
): { title: string; subject: string } {
  const { text, lang } = emailLanguage(site);
  const title = digestTitle(digest, site.siteTitle);
  const late = lateDefaultTitle(digest, site, lang, sentOn);
  return late
    ? { title: late.short, subject: late.whole }
    : { title, subject: `${title} · ${text.longDate(digest.date)}` };
}

/**
 * Answers undefined when none of the digest's entries are for the selected schools: no email is sent.
 * `sentOn` is the district's date the email is said to go out on (the digest's publication, or for a preview
 * when it will be published), which names a late digest's day.
 */
export function renderDigestEmail(
  content: DigestContent,
  selection: { schoolIds: readonly number[]; schoolNames: readonly string[] },
  site: EmailSite,
  sentOn?: string,
): RenderedDigestEmail | undefined {
  const entries = entriesForSchools(content.entries, selection.schoolIds);
  if (entries.length === 0) return undefined;
  // Only the corrections of these schools' posts, or of the whole digest.
  content = noticesForSchools(content, selection.schoolIds);
  const { digest } = content;
  const markers = {
    unsubscribe: `yd-marker-${randomToken(12)}`,
    preferences: `yd-marker-${randomToken(12)}`,
  };
  const { text: words, t, prefix, words: named, lang } = emailLanguage(site);
  /** The language a text is in: the email's, or the district's where it is shown for want of a translation. */
  const langOf = (which: ContentText) => originalLangOf(content, which) ?? lang;
  const { title, subject } = emailTitle(digest, site, sentOn);
  // A line of its own, as on the site: capitalized where the language writes a weekday in small letters.
  const dateLabel = words.dayTitle(digest.date);
  const webUrl = `${site.publicUrl}${prefix}/digests/${digest.date}`;
  const because = selection.schoolNames.length
    ? t('email.becauseFor', { ...named, schools: listInLanguage(selection.schoolNames, lang) })
    : t('email.because', named);
  const translationNotice = translationNoticeText(content, site);
  // Something stands above the first post: an intro, a correction or the note on translation.
  const opened = Boolean(digest.intro.trim() || content.corrections?.length || translationNotice);
  const view = {
    words: {
      viewInBrowser: t('email.viewInBrowser'),
      because,
      chooseSchools: t('email.chooseSchools'),
      unsubscribe: t('email.unsubscribe'),
      past: t('email.past'),
    },
    districtName: site.districtName,
    siteTitle: site.siteTitle,
    title,
    // A title of the district's own is a text; the site's title stands in the email's language.
    titleLang: digest.title.trim() ? langOf('title') : lang,
    dateLabel,
    intro: digest.intro.trim(),
    introLang: langOf('intro'),
    translationNotice,
    preheader: entries
      .map((e) => e.headline)
      .join(' · ')
      .slice(0, 140),
    webUrl,
    archiveUrl: `${site.publicUrl}${prefix}/archive`,
    unsubscribeUrl: markers.unsubscribe,
    preferencesUrl: markers.preferences,
    corrections: (content.corrections ?? []).map((c, i) => ({
      corrected: t('digest.corrected', { date: words.longDate(localDateOf(c.at, site.timezone)) }),
      note: c.note,
      noteLang: langOf(`note:${i}`),
    })),
    entries: entries.map((entry, i) => ({
      // A rule between entries, and under what stands above the first; none at the top of an empty card.
      divider: i > 0 || opened,
      schoolName: entry.item.schoolName,
      headline: entry.headline,
      headlineLang: langOf(`headline:${entry.itemId}`),
      blurb: entry.blurb,
      blurbLang: langOf(`blurb:${entry.itemId}`),
      url: entry.item.url ?? webUrl,
      // The district's email-sized copy, never the original: a picture taken down answers 410 from then on.
      image: emailImage(entry, site.publicUrl, langOf(`alt:${entry.itemId}`)),
      readFull: t('email.readFull', { source: sourceNameOf(entry) }),
    })),
  };
  const html = renderBranded(compiledTemplates.digest, view, site, subject);
  const text = [
    site.districtName,
    title,
    dateLabel,
    '',
    ...view.corrections.flatMap((c) => [`${c.corrected} ${c.note}`, '']),
    ...(view.translationNotice ? [view.translationNotice, ''] : []),
    ...(view.intro ? [view.intro, ''] : []),
    ...view.entries.flatMap((entry) => [
      '----------------------------------------',
      entry.schoolName.toUpperCase(),
      entry.headline,
      ...(entry.blurb ? ['', entry.blurb] : []),
      ...(entry.image?.alt ? ['', `[${t('email.photo')}: ${entry.image.alt}]`] : []),
      '',
      `${entry.readFull}: ${entry.url}`,
      '',
    ]),
    '----------------------------------------',
    because,
    `${t('email.viewLine')}: ${webUrl}`,
    `${t('email.chooseSchools')}: ${markers.preferences}`,
    `${t('email.unsubscribe')}: ${markers.unsubscribe}`,
    '',
  ].join('\n');
  return { subject, html, text, markers };
}

export function personalize(
  rendered: RenderedDigestEmail,
  links: RecipientLinks,
): { html: string; text: string } {
  const swap = (body: string, escape: (s: string) => string) =>
    body
      .replaceAll(rendered.markers.unsubscribe, escape(links.unsubscribeUrl))
      .replaceAll(rendered.markers.preferences, escape(links.preferencesUrl));
  return { html: swap(rendered.html, (s) => s.replace(/&/g, '&amp;')), text: swap(rendered.text, (s) => s) };
}

/**
 * The short email that tells people who received a digest that it was corrected, and links to it: of the
 * correction `correctionId` (for an email queued before corrections were told apart, the latest), if it
 * concerns the schools they follow (none chosen: every school). Undefined when it does not.
 */
export function renderCorrectionEmail(
  content: DigestContent,
  selection: { schoolIds: readonly number[]; correctionId: number | null },
  site: EmailSite,
): RenderedDigestEmail | undefined {
  content = noticesForSchools(content, selection.schoolIds);
  const index =
    selection.correctionId === null
      ? (content.corrections?.length ?? 0) - 1
      : (content.corrections?.findIndex((c) => c.id === selection.correctionId) ?? -1);
  const correction = content.corrections?.[index];
  if (!correction) return undefined;
  const markers = {
    unsubscribe: `yd-marker-${randomToken(12)}`,
    preferences: `yd-marker-${randomToken(12)}`,
  };
  const { text: words, t, prefix, words: named, lang } = emailLanguage(site);
  const dateLabel = words.longDate(content.digest.date);
  const webUrl = `${site.publicUrl}${prefix}/digests/${content.digest.date}`;
  const view = {
    words: {
      heading: t('email.correctionHeading', { date: dateLabel }),
      lead: t('email.correctionLead', { date: dateLabel }),
      read: t('email.correctionRead'),
      because: t('email.because', named),
      chooseSchools: t('email.chooseSchools'),
      unsubscribe: t('email.unsubscribe'),
    },
    districtName: site.districtName,
    siteTitle: site.siteTitle,
    dateLabel,
    note: correction.note,
    noteLang: originalLangOf(content, `note:${index}`) ?? lang,
    preheader: correction.note.slice(0, 140),
    webUrl,
    unsubscribeUrl: markers.unsubscribe,
    preferencesUrl: markers.preferences,
  };
  const subject = t('email.correctionSubject', { date: dateLabel });
  const html = renderBranded(compiledTemplates.correction, view, site, subject);
  const text = [
    `${site.districtName} · ${site.siteTitle}`,
    view.words.heading,
    '',
    view.words.lead,
    '',
    correction.note,
    '',
    `${view.words.read}: ${webUrl}`,
    '',
    '----------------------------------------',
    view.words.because,
    `${view.words.chooseSchools}: ${markers.preferences}`,
    `${view.words.unsubscribe}: ${markers.unsubscribe}`,
    '',
  ].join('\n');
  return { subject, html, text, markers };
}
