// The shapes data takes between ingestion stages: parse → normalize → sanitize → store.

export type FeedFormat = 'rss2' | 'rss1' | 'atom' | 'json';

export interface MediaCandidate {
  url: string;
  type?: string;
  medium?: string;
  alt?: string;
  width?: number;
  height?: number;
  origin:
    'media:content' | 'media:thumbnail' | 'enclosure' | 'json-image' | 'json-attachment' | 'link-enclosure';
}

/** One entry as the feed wrote it: strings untouched, dates unparsed, URLs maybe relative. */
export interface ParsedItem {
  guid?: string;
  link?: string;
  title?: string;
  /** The fullest HTML body the entry has (content:encoded, atom:content, content_html). */
  contentHtml?: string;
  /** A shorter HTML or text description (description, atom:summary, summary). */
  summaryHtml?: string;
  /** True when summaryHtml / contentHtml are plain text rather than HTML (Atom type="text", content_text). */
  contentIsText?: boolean;
  published?: string;
  updated?: string;
  author?: string;
  categories: string[];
  media: MediaCandidate[];
  /** xml:base in force for this entry, if any. */
  baseUrl?: string;
  /** xml:base in force where the HTML of contentHtml or summaryHtml stands, when the feed declares one. */
  htmlBaseUrl?: string;
}

export interface ParsedFeed {
  format: FeedFormat;
  title?: string;
  siteUrl?: string;
  baseUrl?: string;
  /** What produced the feed (<generator>), when it says. */
  generator?: string;
  /** RSS <ttl> in minutes, when present. */
  ttlMinutes?: number;
  items: ParsedItem[];
  /** Entries that could not be read, in plain words; the rest of the feed still counts. */
  warnings: string[];
}

/** One entry ready for storage: absolute URLs, a real date, sanitized HTML, plain-text summary. */
export interface NormalizedItem {
  guid: string;
  url: string | null;
  canonicalUrl: string | null;
  title: string;
  titleDerived: boolean;
  author: string | null;
  summary: string;
  contentHtml: string;
  imageUrl: string | null;
  imageAlt: string | null;
  videoUrl: string | null;
  categories: string[];
  publishedAt: number;
  dateEstimated: boolean;
}
