// Maps a JSON Feed 1.0 / 1.1 document onto ParsedFeed; a malformed item becomes a warning, not a failure.
import type { MediaCandidate, ParsedFeed, ParsedItem } from './feed-types';
import { NotAFeedError } from './parse-xml-feed';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim()
    ? value.trim()
    : typeof value === 'number'
      ? String(value)
      : undefined;

export function parseJsonFeed(text: string, maxItems: number): ParsedFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new NotAFeedError('The address returned JSON that cannot be read (it is not valid JSON).');
  }
  if (
    !isObject(doc) ||
    typeof doc.version !== 'string' ||
    !/^https:\/\/jsonfeed\.org\/version\/1(\.1)?$/.test(doc.version)
  ) {
    throw new NotAFeedError('The address returned JSON, but not a JSON Feed (no jsonfeed.org version).');
  }
  const rawItems = Array.isArray(doc.items) ? doc.items : [];
  const warnings: string[] = [];
  if (rawItems.length > maxItems) {
    warnings.push(`The feed has ${rawItems.length - maxItems} more entries than the ${maxItems} read.`);
  }
  const items: ParsedItem[] = [];
  for (const [index, raw] of rawItems.slice(0, maxItems).entries()) {
    if (!isObject(raw)) {
      warnings.push(`Entry ${index + 1} could not be read: it is not an object.`);
      continue;
    }
    items.push(readJsonItem(raw, authorName(doc)));
  }
  return {
    format: 'json',
    title: str(doc.title),
    siteUrl: str(doc.home_page_url),
    items,
    warnings,
  };
}

function authorName(holder: Json): string | undefined {
  const authors = Array.isArray(holder.authors) ? holder.authors : holder.author ? [holder.author] : [];
  const names = authors
    .filter(isObject)
    .map((a) => str(a.name))
    .filter(Boolean);
  return names.length ? names.join(', ') : undefined;
}

function readJsonItem(item: Json, feedAuthor: string | undefined): ParsedItem {
  const media: MediaCandidate[] = [];
  for (const key of ['image', 'banner_image'] as const) {
    const url = str(item[key]);
    if (url) media.push({ url, medium: 'image', origin: 'json-image' });
  }
  for (const attachment of Array.isArray(item.attachments) ? item.attachments.filter(isObject) : []) {
    const url = str(attachment.url);
    if (url)
      media.push({
        url,
        type: str(attachment.mime_type),
        alt: str(attachment.title),
        origin: 'json-attachment',
      });
  }
  const contentHtml = str(item.content_html);
  const contentText = str(item.content_text);
  return {
    guid: str(item.id),
    link: str(item.url) ?? str(item.external_url),
    title: str(item.title),
    contentHtml: contentHtml ?? contentText,
    summaryHtml: str(item.summary),
    contentIsText: !contentHtml && !!contentText,
    published: str(item.date_published),
    updated: str(item.date_modified),
    author: authorName(item) ?? feedAuthor,
    categories: Array.isArray(item.tags) ? item.tags.map(str).filter((t): t is string => !!t) : [],
    media,
  };
}
