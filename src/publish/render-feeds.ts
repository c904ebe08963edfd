// The published digests as syndication feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1, for the whole district or
// one school. Each digest is one entry with a permanent id and its full HTML; a correction or a takedown keeps
// the id and moves the updated time, so readers replace what they showed.
import { leadPicture } from '../pictures/picture-view';
import { escapeXml } from '../text/clean-text';
import { escapeHtml } from '../text/escape';
import type { Language } from '../i18n/languages';
import { possessive, siteLanguage } from '../i18n/site-language';
import { changedAt, type DigestContent } from './digest-content';
import { digestFeedTitle, renderDigestHtml } from './digest-html';

export interface FeedSite {
  districtName: string;
  siteTitle: string;
  publicUrl: string;
  timezone: string;
  hasLogo?: boolean;
  /** The address the first digest was published at, which entry ids are made from (publish/feed-ids.ts). */
  feedIdsFrom?: string;
  /** The languages offered (the district's own first, at the root) and the one this feed is in. */
  languages?: Language[];
  lang?: Language;
}

/** Which slice of the digests a feed carries: the district's, or one school's. */
export interface FeedScope {
  /** e.g. '/feed.xml' or '/schools/lincoln/feed.xml' */
  selfPath: string;
  /** The page the feed mirrors, e.g. '/' or '/schools/lincoln'. */
  pagePath: string;
  school?: { slug: string; name: string };
  /**
   * Since when the feed has been there, for a feed with no entry yet: Atom must give a time it was updated
   * (a school's creation; for the district, the day it is read).
   */
  since?: number;
}

export const DISTRICT_SCOPE = (selfPath: string): FeedScope => ({ selfPath, pagePath: '/' });

/** Every text and attribute goes through escapeXml, so no stored text can make a feed unreadable. */
const x = escapeXml;

function feedTitle(site: FeedSite, scope: FeedScope): string {
  return scope.school
    ? `${site.siteTitle}: ${scope.school.name}`
    : `${site.siteTitle} · ${site.districtName}`;
}

function feedDescription(site: FeedSite, scope: FeedScope): string {
  const { t } = siteLanguage(site).text;
  return scope.school
    ? t('feeds.schoolDescription', { school: scope.school.name, district: site.districtName })
    : t('home.description', {
        district: site.districtName,
        districtPossessive: possessive(site.districtName),
      });
}

/**
 * A digest's address, and the entry id a feed gives it (a school's slice gets its own): the same as the address
 * until PUBLIC_URL moves, and the same as before after it.
 */
function entryIds(content: DigestContent, site: FeedSite, scope: FeedScope) {
  const path = `${siteLanguage(site).prefix}/digests/${content.digest.date}`;
  const url = `${site.publicUrl}${path}`;
  const permanent = `${site.feedIdsFrom ?? site.publicUrl}${path}`;
  // A school's slice links to its first entry on the digest's page (digest-article.tsx), its id kept as it was.
  const anchor = scope.school ? `#school-${scope.school.slug}` : '';
  return { url: `${url}${anchor}`, id: `${permanent}${anchor}` };
}

function summaryOf(content: DigestContent): string {
  return content.digest.intro || content.entries.map((e) => e.headline).join(' · ');
}

export function lastChange(contents: DigestContent[]): number | undefined {
  const latest = Math.max(0, ...contents.map(changedAt));
  return latest > 0 ? latest : undefined;
}

/** The digest's lead picture (the district's copy) as an enclosure and Media RSS, for readers that show one. */
function rssPicture(content: DigestContent, site: FeedSite): string[] {
  const lead = leadPicture(content.entries, site.publicUrl);
  if (!lead) return [];
  return [
    `<enclosure url="${x(lead.src)}" length="${lead.length}" type="${x(lead.type)}"/>`,
    `<media:content url="${x(lead.src)}" medium="image" type="${x(lead.type)}" width="${lead.width}" height="${lead.height}">`,
    lead.alt ? `<media:description type="plain">${x(lead.alt)}</media:description>` : '',
    '</media:content>',
  ];
}

function atomPicture(content: DigestContent, site: FeedSite): string[] {
  const lead = leadPicture(content.entries, site.publicUrl);
  if (!lead) return [];
  return [`<link rel="enclosure" type="${x(lead.type)}" length="${lead.length}" href="${x(lead.src)}"/>`];
}

/** RSS 2.0 with content:encoded and atom:link rel="self". */
export function renderRss(contents: DigestContent[], site: FeedSite, scope: FeedScope): string {
  const updated = lastChange(contents);
  const items = contents.map((content) => {
    const { url, id } = entryIds(content, site, scope);
    return [
      '<item>',
      `<title>${x(digestFeedTitle(content, site))}</title>`,
      `<link>${x(url)}</link>`,
      `<guid isPermaLink="${id === url}">${x(id)}</guid>`,
      `<pubDate>${new Date(content.digest.publishedAt ?? 0).toUTCString()}</pubDate>`,
      // Readers take an RSS description as HTML: text that looks like markup (a teacher's title) stays text.
      `<description>${x(escapeHtml(summaryOf(content)))}</description>`,
      `<content:encoded>${x(renderDigestHtml(content, site))}</content:encoded>`,
      ...rssPicture(content, site),
      '</item>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">',
    '<channel>',
    `<title>${x(feedTitle(site, scope))}</title>`,
    `<link>${x(site.publicUrl + scope.pagePath)}</link>`,
    `<description>${x(escapeHtml(feedDescription(site, scope)))}</description>`,
    `<language>${siteLanguage(site).text.lang}</language>`,
    `<atom:link href="${x(site.publicUrl + scope.selfPath)}" rel="self" type="application/rss+xml"/>`,
    updated ? `<lastBuildDate>${new Date(updated).toUTCString()}</lastBuildDate>` : '',
    '<generator>Yesterday</generator>',
    // The logo, or the district's mark at a size RSS allows (144 pixels wide at most).
    `<image><url>${x(site.publicUrl)}${site.hasLogo ? '/logo' : '/favicon.png'}</url><title>${x(feedTitle(site, scope))}</title><link>${x(site.publicUrl + scope.pagePath)}</link>${site.hasLogo ? '' : '<width>64</width><height>64</height>'}</image>`,
    ...items,
    '</channel>',
    '</rss>',
    '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** Atom 1.0 (RFC 4287): published and updated per entry, the full HTML as content. */
export function renderAtom(contents: DigestContent[], site: FeedSite, scope: FeedScope): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  const updated = lastChange(contents) ?? scope.since ?? 0;
  const entries = contents.map((content) => {
    const { url, id } = entryIds(content, site, scope);
    return [
      '<entry>',
      `<title>${x(digestFeedTitle(content, site))}</title>`,
      `<link rel="alternate" type="text/html" href="${x(url)}"/>`,
      `<id>${x(id)}</id>`,
      `<published>${iso(content.digest.publishedAt ?? 0)}</published>`,
      `<updated>${iso(changedAt(content))}</updated>`,
      `<summary>${x(summaryOf(content))}</summary>`,
      `<content type="html">${x(renderDigestHtml(content, site))}</content>`,
      ...atomPicture(content, site),
      '</entry>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${siteLanguage(site).text.lang}">`,
    `<title>${x(feedTitle(site, scope))}</title>`,
    `<subtitle>${x(feedDescription(site, scope))}</subtitle>`,
    `<link rel="self" type="application/atom+xml" href="${x(site.publicUrl + scope.selfPath)}"/>`,
    `<link rel="alternate" type="text/html" href="${x(site.publicUrl + scope.pagePath)}"/>`,
    `<id>${x((site.feedIdsFrom ?? site.publicUrl) + scope.selfPath)}</id>`,
    `<updated>${iso(updated)}</updated>`,
    `<author><name>${x(site.districtName)}</name><uri>${x(site.publicUrl)}/</uri></author>`,
    '<generator>Yesterday</generator>',
    `<logo>${x(site.publicUrl)}${site.hasLogo ? '/logo' : '/icon-512.png'}</logo>`,
    `<icon>${x(site.publicUrl)}/favicon.png</icon>`,
    ...entries,
    '</feed>',
    '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1). */
export function renderJsonFeed(contents: DigestContent[], site: FeedSite, scope: FeedScope): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feedTitle(site, scope),
    home_page_url: site.publicUrl + scope.pagePath,
    feed_url: site.publicUrl + scope.selfPath,
    description: feedDescription(site, scope),
    language: siteLanguage(site).text.lang,
    icon: `${site.publicUrl}${site.hasLogo ? '/logo' : '/icon-512.png'}`,
    favicon: `${site.publicUrl}/favicon.png`,
    authors: [{ name: site.districtName, url: `${site.publicUrl}/` }],
    items: contents.map((content) => {
      const { url, id } = entryIds(content, site, scope);
      const image = leadPicture(content.entries, site.publicUrl)?.src;
      return {
        id,
        url,
        title: digestFeedTitle(content, site),
        content_html: renderDigestHtml(content, site),
        summary: summaryOf(content),
        ...(image ? { image } : {}),
        date_published: iso(content.digest.publishedAt ?? 0),
        date_modified: iso(changedAt(content)),
      };
    }),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}
