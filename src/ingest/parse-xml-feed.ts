// Maps the element trees of RSS 2.0, RSS 1.0 (RDF) and Atom 1.0/0.3 documents onto ParsedFeed. Each entry is
// read on its own, so one odd entry is reported as a warning and never costs the rest of the feed.
import { collapseWhitespace, htmlToText } from '../text/html-to-text';
import type { MediaCandidate, ParsedFeed, ParsedItem } from './feed-types';
import { readXmlEntries, type StreamLimits } from './xml-entries';
import { childrenNamed, firstChild, hasElementChildren, innerMarkup, textOf, type XNode } from './xml-nodes';

export class NotAFeedError extends Error {}

const OWN_ENTITIES_WARNING =
  'This feed defines its own abbreviations (XML entities), which Yesterday does not expand for safety; some words in its titles or text may be missing.';

export async function parseXmlFeed(
  text: string,
  documentUrl: string | undefined,
  limits?: StreamLimits,
): Promise<ParsedFeed> {
  const doc = await readXmlEntries(text, documentUrl, limits);
  const rootName = doc.root.name;
  const format =
    rootName === 'rss'
      ? 'rss2'
      : rootName === 'rdf:RDF'
        ? 'rss1'
        : rootName === 'atom:feed'
          ? 'atom'
          : undefined;
  if (!format) {
    if (/^(xhtml:)?html$/i.test(rootName) || /^\?:html$/i.test(rootName)) {
      throw new NotAFeedError('The address returned a web page, not a feed.');
    }
    if (!rootName)
      throw new NotAFeedError('The address returned an XML document with no elements in it, not a feed.');
    const name = rootName.replace(/^\?:/, '');
    const where = name === rootName ? '' : ' in a namespace Yesterday does not read';
    throw new NotAFeedError(`The address returned an XML document of type <${name}>${where}, not a feed.`);
  }
  const warnings: string[] = [];
  if (doc.declaresOwnEntities) warnings.push(OWN_ENTITIES_WARNING);
  if (doc.truncatedEntries > 0) {
    warnings.push(`The feed has ${doc.truncatedEntries} more entries than the ${doc.entries.length} read.`);
  }
  const items: ParsedItem[] = [];
  for (const [index, entry] of doc.entries.entries()) {
    try {
      items.push(format === 'atom' ? readAtomEntry(entry) : readRssItem(entry));
    } catch (error) {
      warnings.push(`Entry ${index + 1} could not be read: ${(error as Error).message}`);
    }
  }
  const channel = (name: string) => doc.channel.find((node) => node.name === name);
  const title = feedTitle(
    channel(format === 'atom' ? 'atom:title' : format === 'rss1' ? 'rss1:title' : 'title'),
    format === 'atom',
  );
  const siteUrl =
    format === 'atom'
      ? alternateLink(doc.channel.filter((node) => node.name === 'atom:link'))
      : textOf(channel(format === 'rss1' ? 'rss1:link' : 'link')).trim() ||
        doc.channel.find((n) => n.name === 'atom:link' && n.attrs.rel === 'alternate')?.attrs.href;
  const ttl = Number(textOf(channel('ttl')).trim());
  const generator = textOf(channel(format === 'atom' ? 'atom:generator' : 'generator')).trim();
  return {
    format,
    title: title || undefined,
    siteUrl: siteUrl || undefined,
    generator: generator || undefined,
    baseUrl: doc.root.base,
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : undefined,
    items,
    warnings,
  };
}

/**
 * The feed's own name as plain text. An Atom title says whether it is text or HTML; an RSS title is read as
 * HTML, as the titles of its items are (normalize-item.ts), so markup in it never shows as tags.
 */
function feedTitle(node: XNode | undefined, isAtom: boolean): string {
  if (!node) return '';
  if (!isAtom) return htmlToText(textOf(node));
  const value = atomText(node);
  if (!value) return '';
  return value.isText ? collapseWhitespace(value.value) : htmlToText(value.value);
}

function text(node: XNode, ...names: string[]): string | undefined {
  const found = firstChild(node, ...names);
  const value = found ? textOf(found).trim() : '';
  return value || undefined;
}

/** HTML from an RSS element: escaped or CDATA text is HTML already; unescaped child markup is serialized. */
function html(node: XNode | undefined): string | undefined {
  if (!node) return undefined;
  const value = hasElementChildren(node) ? innerMarkup(node) : textOf(node);
  return value.trim() || undefined;
}

function readRssItem(item: XNode): ParsedItem {
  const guidNode = firstChild(item, 'guid');
  const permalink = guidNode && guidNode.attrs.isPermaLink !== 'false' ? textOf(guidNode).trim() : undefined;
  const link =
    text(item, 'link', 'rss1:link') ??
    childrenNamed(item, 'atom:link').find((l) => !l.attrs.rel || l.attrs.rel === 'alternate')?.attrs.href ??
    (permalink && /^https?:/i.test(permalink) ? permalink : undefined);
  const contentNode = firstChild(item, 'content:encoded');
  const summaryNode = firstChild(item, 'description', 'rss1:description', 'dc:description');
  const contentHtml = html(contentNode);
  return {
    guid: (guidNode ? textOf(guidNode).trim() : undefined) || item.attrs['rdf:about'] || undefined,
    link,
    title: text(item, 'title', 'rss1:title', 'dc:title'),
    contentHtml,
    summaryHtml: html(summaryNode),
    published: text(item, 'pubDate', 'dc:date', 'dcterms:issued', 'dcterms:created', 'atom:published'),
    updated: text(item, 'dcterms:modified', 'atom:updated'),
    author: text(item, 'dc:creator', 'author', 'itunes:author'),
    categories: textsOf(item, 'category', 'dc:subject'),
    media: mediaOf(item),
    baseUrl: item.base,
    htmlBaseUrl: (contentHtml ? contentNode : summaryNode)?.base,
  };
}

/** The texts of the children with these names, trimmed, empty ones left out. */
function textsOf(node: XNode, ...names: string[]): string[] {
  const texts: string[] = [];
  for (const name of names)
    for (const child of childrenNamed(node, name)) {
      const value = textOf(child).trim();
      if (value) texts.push(value);
    }
  return texts;
}

function readAtomEntry(entry: XNode): ParsedItem {
  const links = childrenNamed(entry, 'atom:link');
  const content = firstChild(entry, 'atom:content');
  const summary = firstChild(entry, 'atom:summary');
  const contentValue = content && !content.attrs.src ? atomText(content) : undefined;
  const summaryValue = summary ? atomText(summary) : undefined;
  const htmlFrom = contentValue ?? summaryValue;
  const media = mediaOf(entry);
  for (const link of links) {
    if (link.attrs.rel === 'enclosure' && link.attrs.href) {
      media.push({ url: link.attrs.href, type: link.attrs.type, origin: 'link-enclosure' });
    }
  }
  const videoId = text(entry, 'yt:videoId');
  return {
    guid: text(entry, 'atom:id'),
    link: alternateLink(links) ?? (videoId ? `https://www.youtube.com/watch?v=${videoId}` : undefined),
    title: firstChild(entry, 'atom:title') ? atomText(firstChild(entry, 'atom:title')!)?.value : undefined,
    contentHtml: contentValue?.value,
    summaryHtml: summaryValue?.value ?? (contentValue ? undefined : mediaDescription(entry)),
    contentIsText: (contentValue ?? summaryValue)?.isText ?? !!mediaDescription(entry),
    published: text(entry, 'atom:published', 'atom:issued', 'atom:created', 'dc:date'),
    updated: text(entry, 'atom:updated', 'atom:modified'),
    author: text(firstChild(entry, 'atom:author') ?? entry, 'atom:name') ?? text(entry, 'dc:creator'),
    categories: childrenNamed(entry, 'atom:category')
      .map((c) => (c.attrs.label ?? c.attrs.term ?? '').trim())
      .filter(Boolean),
    media,
    baseUrl: entry.base,
    htmlBaseUrl: htmlFrom?.base,
  };
}

/**
 * An Atom text construct: type text (the default), html, or xhtml (a div of inline markup); `base` is the
 * xml:base in force where its markup stands, for its relative links.
 */
function atomText(node: XNode): { value: string; isText: boolean; base?: string } | undefined {
  const type = (node.attrs.type ?? 'text').toLowerCase();
  if (type === 'xhtml' || type === 'application/xhtml+xml') {
    const holder = firstChild(node, 'xhtml:div') ?? node;
    const value = innerMarkup(holder).trim();
    return value ? { value, isText: false, base: holder.base } : undefined;
  }
  if (node.attrs.mode === 'base64') return undefined; // Atom 0.3 binary content: nothing a digest can use
  const isHtml = type === 'html' || type === 'text/html' || node.attrs.mode === 'escaped';
  const value = (hasElementChildren(node) ? innerMarkup(node) : textOf(node)).trim();
  return value ? { value, isText: !isHtml && !hasElementChildren(node), base: node.base } : undefined;
}

function alternateLink(links: XNode[]): string | undefined {
  const preferred =
    links.find(
      (l) => (l.attrs.rel ?? 'alternate') === 'alternate' && /html/.test(l.attrs.type ?? 'text/html'),
    ) ?? links.find((l) => (l.attrs.rel ?? 'alternate') === 'alternate');
  const href = preferred?.attrs.href?.trim();
  if (!href) return undefined;
  try {
    return new URL(href, preferred!.base).href;
  } catch {
    return href;
  }
}

function mediaDescription(entry: XNode): string | undefined {
  const group = firstChild(entry, 'media:group');
  return text(group ?? entry, 'media:description');
}

/** Images and videos from Media RSS (also inside media:group, as YouTube writes it) and enclosures. */
function mediaOf(item: XNode): MediaCandidate[] {
  const found: MediaCandidate[] = [];
  const scopes = [item, ...childrenNamed(item, 'media:group')];
  for (const scope of scopes) {
    const scopeAlt = text(scope, 'media:description', 'media:title');
    for (const content of childrenNamed(scope, 'media:content')) {
      const url = content.attrs.url?.trim();
      if (!url) continue;
      found.push({
        url,
        type: content.attrs.type,
        medium: content.attrs.medium,
        alt: text(content, 'media:description', 'media:title') ?? scopeAlt,
        width: numberOr(content.attrs.width),
        height: numberOr(content.attrs.height),
        origin: 'media:content',
      });
      for (const thumb of childrenNamed(content, 'media:thumbnail')) {
        if (thumb.attrs.url)
          found.push({
            url: thumb.attrs.url.trim(),
            medium: 'image',
            alt: scopeAlt,
            origin: 'media:thumbnail',
          });
      }
    }
    for (const thumb of childrenNamed(scope, 'media:thumbnail')) {
      const url = thumb.attrs.url?.trim();
      if (url) {
        found.push({
          url,
          medium: 'image',
          alt: scopeAlt,
          width: numberOr(thumb.attrs.width),
          height: numberOr(thumb.attrs.height),
          origin: 'media:thumbnail',
        });
      }
    }
  }
  for (const enclosure of childrenNamed(item, 'enclosure')) {
    const url = enclosure.attrs.url?.trim();
    if (url) found.push({ url, type: enclosure.attrs.type, origin: 'enclosure' });
  }
  const itunesImage = firstChild(item, 'itunes:image')?.attrs.href;
  if (itunesImage) found.push({ url: itunesImage.trim(), medium: 'image', origin: 'media:thumbnail' });
  return found;
}

function numberOr(value: string | undefined): number | undefined {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) ? n : undefined;
}
