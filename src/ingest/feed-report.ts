// What a feed check found, as one JSON-friendly document: for `feed:check --json` and the admin's test page.
import { PLATFORM_NAMES, detectPlatform } from './detect-platform';
import type { FeedFormat } from './feed-types';
import type { ReadOutcome } from './read-feed';

const FORMAT_NAMES: Record<FeedFormat, string> = {
  rss2: 'RSS 2.0',
  rss1: 'RSS 1.0 (RDF)',
  atom: 'Atom',
  json: 'JSON Feed',
};

export type FeedReport =
  | {
      ok: true;
      url: string;
      finalUrl: string;
      format: string;
      platform: string;
      title: string | null;
      siteUrl: string | null;
      warnings: string[];
      items: {
        guid: string;
        title: string;
        titleDerived: boolean;
        url: string | null;
        publishedAt: string;
        dateEstimated: boolean;
        author: string | null;
        summary: string;
        imageUrl: string | null;
        imageAlt: string | null;
        videoUrl: string | null;
        categories: string[];
      }[];
    }
  | { ok: false; url: string; error: { message: string; feedLinks: string[] } };

export function feedReport(url: string, read: ReadOutcome): FeedReport {
  if (read.status === 'failed')
    return { ok: false, url, error: { message: read.message, feedLinks: read.feedLinks ?? [] } };
  if (read.status === 'not-modified') {
    return {
      ok: false,
      url,
      error: {
        message: 'The server answered "not modified" to a request that asked for the whole feed.',
        feedLinks: [],
      },
    };
  }
  return {
    ok: true,
    url,
    finalUrl: read.fetched.finalUrl,
    format: FORMAT_NAMES[read.feed.format],
    platform: PLATFORM_NAMES[detectPlatform(read.fetched.finalUrl, read.feed.generator)],
    title: read.feed.title ?? null,
    siteUrl: read.feed.siteUrl ?? null,
    warnings: read.feed.warnings,
    items: read.items.map((item) => ({
      guid: item.guid,
      title: item.title,
      titleDerived: item.titleDerived,
      url: item.url,
      publishedAt: new Date(item.publishedAt).toISOString(),
      dateEstimated: item.dateEstimated,
      author: item.author,
      summary: item.summary,
      imageUrl: item.imageUrl,
      imageAlt: item.imageAlt,
      videoUrl: item.videoUrl,
      categories: item.categories,
    })),
  };
}
