// fetch → decode → parse → normalize (sanitizing last) for one feed URL, writing nothing: shared by the
// refresh of a stored source and by "Test this feed" / `feed:check`.
import { decodeBodyInSlices } from './decode-body';
import type { NormalizedItem, ParsedFeed } from './feed-types';
import type { FeedFetcher, FetchOutcome, FetchRequest } from './fetcher';
import { normalizeItem } from './normalize-item';
import { parseFeed } from './parse-feed';
import { yieldToEventLoop } from './yield';

export type ReadOutcome =
  | {
      status: 'read';
      feed: ParsedFeed;
      items: NormalizedItem[];
      fetched: FetchOutcome & { status: 'fetched' };
    }
  | { status: 'not-modified'; fetched: FetchOutcome & { status: 'not-modified' } }
  | { status: 'failed'; message: string; retryAfterMs?: number; feedLinks?: string[] };

export async function readFeed(
  fetcher: FeedFetcher,
  request: FetchRequest,
  now: () => number,
): Promise<ReadOutcome> {
  const fetched = await fetcher.fetch(request);
  if (fetched.status === 'failed')
    return { status: 'failed', message: fetched.message, retryAfterMs: fetched.retryAfterMs };
  if (fetched.status === 'not-modified') return { status: 'not-modified', fetched };
  const decoded = await decodeBodyInSlices(fetched.body, fetched.contentType);
  if (!decoded.ok) return { status: 'failed', message: decoded.message };
  const parsed = await parseFeed(decoded.text, fetched.finalUrl);
  if (!parsed.ok) return { status: 'failed', message: parsed.message, feedLinks: parsed.feedLinks };
  const seen = new Set<string>();
  const items: NormalizedItem[] = [];
  const at = now();
  for (const entry of parsed.feed.items) {
    const item = await normalizeItem(entry, { feed: parsed.feed, feedUrl: fetched.finalUrl, now: at });
    if (!seen.has(item.guid)) items.push(item); // a feed listing one post twice stores it once
    seen.add(item.guid);
    if (items.length % 25 === 0) await yieldToEventLoop();
  }
  return { status: 'read', feed: parsed.feed, items, fetched };
}
