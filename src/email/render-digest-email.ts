// Renders a digest email (HTML from the compiled MJML template, plain text from the same data) once per
// distinct school selection. Links unique to a recipient are left as random markers that personalize()
// swaps in, so rendering never happens per recipient and feed text can never forge a marker.
import { pictureView } from '../pictures/picture-view';
import { randomToken } from '../auth/tokens';
import {
  dailyDigestOf,
  digestTitle,
  entriesForSchools,
  formatLongDate,
  sourceNameOf,
  type DigestContent,
} from '../publish/digest-content';
import type { Brand } from '../brand/brand';
import { renderBranded } from './brand-email';
import { compiledTemplates } from './compiled-templates';
import { localDateOf } from '../time/zoned-time';

export interface EmailSite {
  districtName: string;
  siteTitle: string;
  publicUrl: string;
  /** The district's time zone, for dates such as "Corrected on …". */
  timezone: string;
  hasLogo?: boolean;
  brand?: Brand;
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

/** Answers undefined when none of the digest's entries are for the selected schools: no email is sent. */
export function renderDigestEmail(
  content: DigestContent,
  selection: { schoolIds: readonly number[]; schoolNames: readonly string[] },
  site: EmailSite,
): RenderedDigestEmail | undefined {
  const entries = entriesForSchools(content.entries, selection.schoolIds);
  if (entries.length === 0) return undefined;
  const { digest } = content;
  const markers = {
    unsubscribe: `yd-marker-${randomToken(12)}`,
    preferences: `yd-marker-${randomToken(12)}`,
  };
  const title = digestTitle(digest, site.siteTitle);
  const dateLabel = formatLongDate(digest.date);
  const webUrl = `${site.publicUrl}/digests/${digest.date}`;
  const view = {
    districtName: site.districtName,
    siteTitle: site.siteTitle,
    title,
    dateLabel,
    intro: digest.intro.trim(),
    preheader: entries
      .map((e) => e.headline)
      .join(' · ')
      .slice(0, 140),
    webUrl,
    archiveUrl: `${site.publicUrl}/archive`,
    unsubscribeUrl: markers.unsubscribe,
    preferencesUrl: markers.preferences,
    schoolsLabel: selection.schoolNames.join(', '),
    corrections: (content.corrections ?? []).map((c) => ({
      correctedOn: formatLongDate(localDateOf(c.at, site.timezone)),
      note: c.note,
    })),
    entries: entries.map((entry) => ({
      schoolName: entry.item.schoolName,
      headline: entry.headline,
      blurb: entry.blurb,
      url: entry.item.url ?? webUrl,
      // The district's email-sized copy, never the original: a picture taken down answers 410 from then on.
      imageUrl: entry.picture ? (pictureView(entry.picture, site.publicUrl)?.email.src ?? null) : null,
      imageAlt: entry.imageAlt ?? '',
      sourceName: sourceNameOf(entry),
    })),
  };
  const html = renderBranded(compiledTemplates.digest, view, site);
  const text = [
    site.districtName,
    title,
    dateLabel,
    '',
    ...view.corrections.flatMap((c) => [`Corrected on ${c.correctedOn}: ${c.note}`, '']),
    ...(view.intro ? [view.intro, ''] : []),
    ...view.entries.flatMap((entry) => [
      '----------------------------------------',
      entry.schoolName.toUpperCase(),
      entry.headline,
      ...(entry.blurb ? ['', entry.blurb] : []),
      ...(entry.imageUrl && entry.imageAlt ? ['', `[Photo: ${entry.imageAlt}]`] : []), // imageUrl: the copy's
      '',
      `Read the full post on ${entry.sourceName}: ${entry.url}`,
      '',
    ]),
    '----------------------------------------',
    `You receive this because you subscribed to ${dailyDigestOf(site.districtName)}${view.schoolsLabel ? ` for ${view.schoolsLabel}` : ''}.`,
    `View in your browser: ${webUrl}`,
    `Choose schools: ${markers.preferences}`,
    `Unsubscribe: ${markers.unsubscribe}`,
    '',
  ].join('\n');
  return { subject: `${title} · ${dateLabel}`, html, text, markers };
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

/** The short email that tells people who received a digest that it was corrected, and links to it. */
export function renderCorrectionEmail(
  content: DigestContent,
  site: EmailSite,
): RenderedDigestEmail | undefined {
  const correction = content.corrections?.at(-1);
  if (!correction) return undefined;
  const markers = {
    unsubscribe: `yd-marker-${randomToken(12)}`,
    preferences: `yd-marker-${randomToken(12)}`,
  };
  const dateLabel = formatLongDate(content.digest.date);
  const webUrl = `${site.publicUrl}/digests/${content.digest.date}`;
  const view = {
    districtName: site.districtName,
    siteTitle: site.siteTitle,
    dateLabel,
    note: correction.note,
    preheader: correction.note.slice(0, 140),
    webUrl,
    unsubscribeUrl: markers.unsubscribe,
    preferencesUrl: markers.preferences,
  };
  const html = renderBranded(compiledTemplates.correction, view, site);
  const text = [
    `${site.districtName} · ${site.siteTitle}`,
    `A correction to ${dateLabel}`,
    '',
    `We corrected the digest we sent you for ${dateLabel}.`,
    '',
    correction.note,
    '',
    `Read the corrected digest: ${webUrl}`,
    '',
    '----------------------------------------',
    `You receive this because you subscribed to ${dailyDigestOf(site.districtName)}.`,
    `Choose schools: ${markers.preferences}`,
    `Unsubscribe: ${markers.unsubscribe}`,
    '',
  ].join('\n');
  return { subject: `Correction: the daily digest of ${dateLabel}`, html, text, markers };
}
