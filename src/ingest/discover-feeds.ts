// Feed autodiscovery: the <link rel="alternate"> feed URLs a web page advertises in its markup.
import { Parser } from 'htmlparser2';

const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/rdf+xml',
  'application/json',
]);

export function discoverFeedLinks(html: string, pageUrl: string | undefined): string[] {
  const found: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name !== 'link' || !attrs.href) return;
        const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
        const type = (attrs.type ?? '').toLowerCase().split(';')[0]!.trim();
        if (!rel.includes('alternate') || !FEED_TYPES.has(type)) return;
        try {
          const url = new URL(attrs.href, pageUrl);
          if ((url.protocol === 'http:' || url.protocol === 'https:') && !found.includes(url.href))
            found.push(url.href);
        } catch {
          // an unusable href is simply not offered
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return found;
}
