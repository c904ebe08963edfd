// fetch → decode → parse → normalize (sanitizing last) for one feed URL, writing nothing: shared by the
// refresh of a stored source and by "Test this feed" / `feed:check`. The steps after the fetch are a
// FeedProcessor, so Node can run them in worker threads (see process-pool-node.ts).
import { decodeBodyInSlices } from './decode-body';
import type { NormalizedItem, ParsedFeed } from './feed-types';
import type { FeedFetcher, FetchOutcome, FetchRequest } from './fetcher';
import { normalizeFeedInfo, normalizeItem } from './normalize-item';
import { parseFeed } from './parse-feed';
import type { PassLimits } from './poll';
import { yieldToEventLoop } from './yield';

/** What a feed says about itself once read, without its entries. */
export type FeedInfo = Omit<ParsedFeed, 'items'>;

export type Processed =
  | { ok: true; feed: FeedInfo; items: NormalizedItem[] }
  | { ok: false; message: string; feedLinks?: string[] };

export interface ProcessRequest {
  body: Uint8Array;
  contentType: string | null;
  finalUrl: string;
  now: number;
}

/** Bytes of a fetched feed in, stored-ready items out. */
export type FeedProcessor = (request: ProcessRequest) => Promise<Processed>;

export const processInProcess: FeedProcessor = async ({ body, contentType, finalUrl, now }) => {
  const decoded = await decodeBodyInSlices(body, contentType);
  if (!decoded.ok) return { ok: false, message: decoded.message };
  const parsed = await parseFeed(decoded.text, finalUrl);
  if (!parsed.ok) return { ok: false, message: parsed.message, feedLinks: parsed.feedLinks };
  const { items: entries, ...info } = parsed.feed;
  const feed = normalizeFeedInfo(info);
  const seen = new Set<string>();
  const items: NormalizedItem[] = [];
  for (const entry of entries) {
    const item = await normalizeItem(entry, { feed: parsed.feed, feedUrl: finalUrl, now });
    if (!seen.has(item.guid)) items.push(item); // a feed listing one post twice stores it once
    seen.add(item.guid);
    if (items.length % 25 === 0) await yieldToEventLoop();
  }
  return { ok: true, feed, items };
};

export type ReadOutcome =
  | { status: 'read'; feed: FeedInfo; items: NormalizedItem[]; fetched: FetchOutcome & { status: 'fetched' } }
  | { status: 'not-modified'; fetched: FetchOutcome & { status: 'not-modified' } }
  | {
      status: 'failed';
      message: string;
      retryAfterMs?: number;
      feedLinks?: string[];
      /** The address answered, with something that cannot be read as a feed (a web page, a broken file). */
      notAFeed?: true;
      /** A failure that trying again will not mend (not found, removed, private), as far as the answer says. */
      lasting?: true;
    };

export async function readFeed(
  fetcher: FeedFetcher,
  request: FetchRequest,
  now: () => number,
  process: FeedProcessor = processInProcess,
  limits?: PassLimits,
): Promise<ReadOutcome> {
  let giveBack: (() => void) | undefined;
  const download = async () => {
    const outcome = await fetcher.fetch(request);
    // The download place is kept until the body has room in the backlog, so downloads cannot outrun reading.
    if (outcome.status === 'fetched' && limits) giveBack = await limits.backlog.take(outcome.body.byteLength);
    return outcome;
  };
  const fetched = await (limits ? limits.downloads.run(hostOf(request.url), download) : download());
  if (fetched.status === 'failed')
    return {
      status: 'failed',
      message: fetched.message,
      retryAfterMs: fetched.retryAfterMs,
      ...(fetched.temporary ? {} : { lasting: true as const }),
    };
  if (fetched.status === 'not-modified') return { status: 'not-modified', fetched };
  let processed: Processed;
  try {
    processed = await process({
      body: fetched.body,
      contentType: fetched.contentType,
      finalUrl: fetched.finalUrl,
      now: now(),
    });
  } finally {
    giveBack?.();
  }
  if (!processed.ok)
    return {
      status: 'failed',
      message: processed.message,
      feedLinks: processed.feedLinks,
      notAFeed: true,
      lasting: true,
    };
  return { status: 'read', feed: processed.feed, items: processed.items, fetched };
}

/** The host a feed is downloaded from, as the pass counts its downloads (an unreadable address: itself). */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
