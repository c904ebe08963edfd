// The parse stage: decoded text in, ParsedFeed out, whatever the format. Bounded in time and size (see
// xml-entries.ts); a web page or other non-feed answers a plain sentence, with feed links found on the page.
import type { ParsedFeed } from './feed-types';
import { discoverFeedLinks } from './discover-feeds';
import { parseJsonFeed } from './parse-json-feed';
import { NotAFeedError, parseXmlFeed } from './parse-xml-feed';
import { DEFAULT_LIMITS, XmlReadError, type StreamLimits } from './xml-entries';
import { readProlog } from './xml-prolog';

export type ParseOutcome =
  { ok: true; feed: ParsedFeed } | { ok: false; message: string; feedLinks?: string[] };

export async function parseFeed(
  text: string,
  documentUrl: string | undefined,
  limits: StreamLimits = DEFAULT_LIMITS,
): Promise<ParseOutcome> {
  const start = text.trimStart().slice(0, 512);
  if (!start) return { ok: false, message: 'The address returned an empty response instead of a feed.' };
  try {
    if (start.startsWith('{')) return { ok: true, feed: parseJsonFeed(text, limits.maxEntries) };
    if (!start.startsWith('<')) {
      return {
        ok: false,
        message: `The address returned plain text, not a feed (it begins "${preview(start)}").`,
      };
    }
    // The prolog is read the way the XML reader skips it, in linear time: a regular expression for "comments,
    // then <!doctype html" backtracked exponentially on a feed that begins with a few dozen comments.
    if (readProlog(text).doctype?.toLowerCase() === 'html' || /^<html[\s>]/i.test(start)) {
      return webPage(text, documentUrl);
    }
    return { ok: true, feed: await parseXmlFeed(text, documentUrl, limits) };
  } catch (error) {
    if (error instanceof NotAFeedError && /web page/.test(error.message)) return webPage(text, documentUrl);
    if (error instanceof NotAFeedError || error instanceof XmlReadError)
      return { ok: false, message: error.message };
    throw error;
  }
}

function webPage(text: string, documentUrl: string | undefined): ParseOutcome {
  const feedLinks = discoverFeedLinks(text.slice(0, 256 * 1024), documentUrl);
  const message =
    feedLinks.length > 0
      ? feedLinks.length === 1
        ? `The address is a web page, not a feed. The page links to this feed: ${feedLinks[0]}`
        : `The address is a web page, not a feed. The page links to ${feedLinks.length} feeds, the first of them: ${feedLinks[0]}`
      : 'The address is a web page, not a feed (perhaps a login page or an error page). Look for a link labelled RSS or Feed on the site.';
  return { ok: false, message, feedLinks };
}

function preview(text: string): string {
  return text.replace(/\s+/g, ' ').slice(0, 40);
}
