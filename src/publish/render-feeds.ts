// The published digests as syndication feeds. Each digest is one entry with a permanent id (its URL) and its
// full HTML; a correction keeps the id and moves the updated time.
import { escapeHtml } from '../text/escape';
import type { DigestContent } from './digest-content';
import { digestFeedTitle, renderDigestHtml } from './digest-html';

export interface FeedSite {
  districtName: string;
  siteTitle: string;
  publicUrl: string;
}

const x = escapeHtml;

/** RSS 2.0 with content:encoded and atom:link rel="self". */
export function renderRss(contents: DigestContent[], site: FeedSite, selfPath = '/feed.xml'): string {
  const updated = lastChange(contents);
  const items = contents.map((content) => {
    const url = `${site.publicUrl}/digests/${content.digest.date}`;
    const summary = content.digest.intro || content.entries.map((e) => e.headline).join(' · ');
    return [
      '<item>',
      `<title>${x(digestFeedTitle(content, site.siteTitle))}</title>`,
      `<link>${x(url)}</link>`,
      `<guid isPermaLink="true">${x(url)}</guid>`,
      `<pubDate>${new Date(content.digest.publishedAt ?? 0).toUTCString()}</pubDate>`,
      `<description>${x(summary)}</description>`,
      `<content:encoded>${x(renderDigestHtml(content, site))}</content:encoded>`,
      '</item>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${x(site.siteTitle)} · ${x(site.districtName)}</title>`,
    `<link>${x(site.publicUrl)}/</link>`,
    `<description>${x(`The best of yesterday in ${site.districtName}'s classrooms, once a day.`)}</description>`,
    '<language>en</language>',
    `<atom:link href="${x(site.publicUrl + selfPath)}" rel="self" type="application/rss+xml"/>`,
    updated ? `<lastBuildDate>${new Date(updated).toUTCString()}</lastBuildDate>` : '',
    '<generator>Yesterday</generator>',
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}

export function lastChange(contents: DigestContent[]): number | undefined {
  const times = contents.flatMap((c) => [c.digest.publishedAt ?? 0, c.digest.correctedAt ?? 0]);
  const latest = Math.max(0, ...times);
  return latest > 0 ? latest : undefined;
}
