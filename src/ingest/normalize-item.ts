// The normalize stage: a ParsedItem as the feed wrote it becomes a NormalizedItem: stable id, absolute URLs,
// a real date, a plain-text summary, a title (derived from the text, and marked so, when the post has none),
// an image with its alt text, and content HTML that has been through the sanitizer. Every text is cleaned
// (text/clean-text.ts) here, after the parser and the sanitizer have decoded every character reference: a
// `&#x1B;` in a title is a control character only once decoded, and it must never reach a published feed.
import { sha256Hex } from '../auth/tokens';
import { collapseWhitespace, htmlToText, truncateWords } from '../text/html-to-text';
import { cleanOptional, cleanText } from '../text/clean-text';
import { escapeHtml } from '../text/escape';
import type { MediaCandidate, NormalizedItem, ParsedFeed, ParsedItem } from './feed-types';
import { isTrackingPixel, resolveSafeUrl, safeUrl } from './html-allowlist';
import { parseFeedDate } from './parse-date';
import { sanitizeWithText, type Sanitized } from './sanitize-html';

const MAX_TITLE = 200;
const DERIVED_TITLE = 80;
/** Long enough for the default blurb (curate/entry-defaults.ts) and the inbox excerpt. */
const MAX_SUMMARY = 300;
const MAX_HTML = 1024 * 1024;
const MAX_GUID = 512;
/** Dates further ahead than this are clock errors or scheduled posts: they become "now". */
const FUTURE_TOLERANCE_MS = 10 * 60_000;

export interface NormalizeContext {
  feed: ParsedFeed;
  /** The URL the feed was fetched from (after redirects): the base when nothing else is given. */
  feedUrl: string;
  now: number;
}

export async function normalizeItem(item: ParsedItem, context: NormalizeContext): Promise<NormalizedItem> {
  // Links in an entry resolve against its xml:base if the feed declares one; otherwise content HTML lives on
  // the post's own page, so relative URLs in it resolve against the post's link, then the feed's URL.
  const declaredBase = item.baseUrl ?? context.feed.baseUrl;
  const link = item.link ? resolveSafeUrl(item.link, declaredBase ?? context.feedUrl) : undefined;
  const url = link?.href ?? null;
  const base = declaredBase ?? url ?? context.feedUrl;

  const rawHtml = (item.contentHtml ?? item.summaryHtml ?? '').slice(0, MAX_HTML);
  const bodyHtml = item.contentIsText ? textToHtml(rawHtml) : rawHtml;
  // One pass sanitizes and collects the text for the summary, which comes from the fullest text: platform
  // excerpts end in "[…]" or "Continue reading". One character more than a summary holds tells a cut one.
  // The HTML's own xml:base (an Atom <content xml:base="img/"> inside its entry's) beats the entry's.
  const htmlBase = item.htmlBaseUrl ?? base;
  const sanitized = await sanitizeWithText(bodyHtml, { baseUrl: htmlBase, textLimit: MAX_SUMMARY + 1 });
  const contentHtml = cleanText(sanitized.html);
  const summary = truncateWords(plainText(sanitized.text), MAX_SUMMARY);

  const image = chooseImage(item.media, sanitized.image, base);
  const { title, titleDerived } = chooseTitle(item.title, summary, image?.alt);

  const parsedDate = parseFeedDate(item.published) ?? parseFeedDate(item.updated);
  const isUsable = parsedDate !== undefined && parsedDate <= context.now + FUTURE_TOLERANCE_MS;

  const guid = await stableId(item, url, title);
  return {
    guid,
    url,
    canonicalUrl: link ? canonicalKey(link) : null,
    title,
    titleDerived,
    author: item.author ? truncateWords(plainText(htmlToText(item.author)), 120) || null : null,
    summary,
    contentHtml,
    imageUrl: image?.url ?? null,
    imageAlt: image?.alt ? plainText(image.alt) || null : null,
    videoUrl: chooseVideo(item.media, url, base),
    categories: categoriesOf(item.categories),
    publishedAt: isUsable ? parsedDate : context.now,
    dateEstimated: parsedDate === undefined,
  };
}

/** What a feed says about itself, its texts cleaned as its items' are. */
export function normalizeFeedInfo<T extends Pick<ParsedFeed, 'title' | 'siteUrl' | 'generator'>>(feed: T): T {
  return {
    ...feed,
    title: feed.title === undefined ? undefined : cleanText(feed.title).trim() || undefined,
    siteUrl: webAddress(cleanOptional(feed.siteUrl)),
    generator: cleanOptional(feed.generator),
  };
}

/**
 * A feed's own site address, kept only when it is a web address (or relative): it is stored and exported in
 * OPML, where a `javascript:` one would run in whatever reads the file (the export checks it again, for
 * addresses stored before this check).
 */
function webAddress(address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  // Read as a browser reads it: tabs, line breaks and spaces inside a scheme do not count ("java\tscript:").
  // eslint-disable-next-line no-control-regex -- dropping control characters is the point
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(address.replace(/[\u0000-\u0020]/g, ''))?.[1]?.toLowerCase();
  return scheme === undefined || scheme === 'http' || scheme === 'https' ? address : undefined;
}

/** Text for storage: unwanted characters dropped (text/clean-text.ts), then white space collapsed. */
function plainText(text: string): string {
  return collapseWhitespace(cleanText(text));
}

/** Up to 20 distinct categories, each of at most 60 characters. */
function categoriesOf(raw: string[]): string[] {
  const categories: string[] = [];
  for (const category of raw) {
    const name = plainText(category).slice(0, 60);
    if (name && !categories.includes(name)) categories.push(name);
    if (categories.length === 20) break;
  }
  return categories;
}

/** guid → link → a hash of title and date: the same post keeps the same id across fetches. */
async function stableId(item: ParsedItem, url: string | null, title: string): Promise<string> {
  const candidate = plainText(item.guid ?? '') || url || '';
  if (candidate && candidate.length <= MAX_GUID) return candidate;
  if (candidate) return `sha256:${await sha256Hex(candidate)}`;
  return `sha256:${await sha256Hex(`${title}\n${item.published ?? item.updated ?? ''}\n${item.contentHtml ?? item.summaryHtml ?? ''}`)}`;
}

function chooseTitle(raw: string | undefined, summary: string, imageAlt: string | undefined) {
  const given = raw ? plainText(htmlToText(raw)) : '';
  if (given) return { title: truncateWords(given, MAX_TITLE), titleDerived: false };
  const fromText = firstSentence(summary) || (imageAlt ? plainText(imageAlt) : '');
  return { title: fromText ? truncateWords(fromText, DERIVED_TITLE) : 'Untitled post', titleDerived: true };
}

function firstSentence(text: string): string {
  const withoutLinks = text
    .replace(/https?:\/\/\S+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const match = /^(.{12,}?[.!?])(\s|$)/.exec(withoutLinks);
  return (match?.[1] ?? withoutLinks).trim();
}

function isImage(media: MediaCandidate): boolean {
  if (media.medium) return media.medium === 'image';
  if (media.type) return media.type.startsWith('image/');
  if (media.origin === 'media:thumbnail' || media.origin === 'json-image') return true;
  return /\.(jpe?g|png|gif|webp|avif)(\?|$)/i.test(media.url);
}

function isVideo(media: MediaCandidate): boolean {
  return media.medium === 'video' || !!media.type?.startsWith('video/');
}

const IMAGE_PREFERENCE: MediaCandidate['origin'][] = [
  'media:content',
  'json-image',
  'enclosure',
  'link-enclosure',
  'json-attachment',
  'media:thumbnail',
];

/** Thumbnails this small (Blogger's 72-pixel squares) look broken in a digest; the post's own image is better. */
const MIN_IMAGE_SIDE = 200;

function isTooSmall(media: MediaCandidate): boolean {
  return (
    (media.width !== undefined && media.width < MIN_IMAGE_SIDE) ||
    (media.height !== undefined && media.height < MIN_IMAGE_SIDE)
  );
}

function chooseImage(
  media: MediaCandidate[],
  inContent: Sanitized['image'],
  base: string,
): { url: string; alt: string | undefined } | undefined {
  // The first usable image of the most preferred origin.
  let chosen: { url: string; alt: string | undefined; rank: number } | undefined;
  for (const m of media) {
    const rank = IMAGE_PREFERENCE.indexOf(m.origin);
    if (chosen && rank >= chosen.rank) continue;
    if (!isImage(m) || isTooSmall(m)) continue;
    const url = safeUrl(m.url, base);
    if (!url || isTrackingPixel(url, m.width?.toString(), m.height?.toString())) continue;
    chosen = { url, alt: m.alt, rank };
  }
  if (chosen)
    return {
      url: chosen.url,
      alt: chosen.alt ? collapseWhitespace(htmlToText(chosen.alt)).slice(0, 500) || undefined : undefined,
    };
  // The sanitizer has already resolved, vetted and de-tracked every <img> in the content.
  if (!inContent) return undefined;
  return { url: inContent.url, alt: inContent.alt.trim() || undefined };
}

function chooseVideo(media: MediaCandidate[], url: string | null, base: string): string | null {
  if (url && /^https:\/\/(www\.)?(youtube\.com\/watch\?v=|youtu\.be\/|vimeo\.com\/\d)/.test(url)) return url;
  const video = media.find(isVideo);
  return video ? (safeUrl(video.url, base) ?? null) : null;
}

const TRACKING_PARAMETER = /^(utm_|mc_|fbclid$|gclid$|igshid$|ref$|source$)/i;

/** A key under which the same post linked by different accounts compares equal. */
export function canonicalUrlKey(url: string): string {
  return canonicalKey(new URL(url));
}

/** canonicalUrlKey of a parsed URL; it may change the URL's query. */
function canonicalKey(parsed: URL): string {
  let search = parsed.search;
  if (search) {
    const parameters = parsed.searchParams;
    for (const key of [...parameters.keys()]) if (TRACKING_PARAMETER.test(key)) parameters.delete(key);
    search = parsed.search;
  }
  const host = parsed.hostname.replace(/^www\./, '');
  const path = parsed.pathname.replace(/\/+$/, '') || '/';
  return `${host}${parsed.port ? ':' + parsed.port : ''}${path}${search}`;
}

function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}
