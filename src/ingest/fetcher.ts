// The fetch stage's contract, shared by the Node (undici) and Workers fetchers: the header parsing, the
// plain-words failure messages, and the deadline and redirect rules (fetchFollowingRedirects), so each fetcher
// supplies only its transport.

export interface FetchRequest {
  url: string;
  etag?: string | null;
  lastModified?: string | null;
  /** A shorter deadline than the fetcher's own, for this fetch (the desk's look at a picture). */
  deadlineMs?: number;
}

export type FetchOutcome =
  | {
      status: 'fetched';
      /** The URL that finally answered, after redirects. */
      finalUrl: string;
      body: Uint8Array;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
      /** How long the server says the response stays fresh (Cache-Control max-age), capped at a day. */
      maxAgeMs: number | undefined;
      /** Set when every redirect on the way was permanent: where the feed now lives. */
      movedTo: string | undefined;
    }
  | { status: 'not-modified'; maxAgeMs: number | undefined; movedTo: string | undefined }
  | { status: 'failed'; message: string; temporary: boolean; retryAfterMs?: number; httpStatus?: number };

/** What a fetcher fetches: its failures name it ("The picture was not found"), and its Accept header asks for it. */
export type FetchSubject = 'feed' | 'picture';

export interface FeedFetcher {
  fetch(request: FetchRequest): Promise<FetchOutcome>;
  close(): Promise<void>;
}

export interface FetchLimits {
  /** Total time for the whole fetch, redirects and body included. */
  deadlineMs: number;
  connectTimeoutMs: number;
  /** Largest body accepted, counted after decompression. */
  maxBodyBytes: number;
  maxRedirects: number;
  /** Connections at once to one host. */
  connectionsPerHost: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  deadlineMs: 20_000,
  connectTimeoutMs: 10_000,
  maxBodyBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  connectionsPerHost: 2,
};

export const MAX_CACHE_MS = 24 * 60 * 60_000;

export const ACCEPT_FEEDS =
  'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/feed+json, application/json;q=0.8, application/xml;q=0.7, text/xml;q=0.7, */*;q=0.1';
export const ACCEPT_PICTURES = 'image/avif, image/webp, image/png, image/jpeg, image/*;q=0.8, */*;q=0.1';

/** "The feed", "The picture". */
export function theSubject(subject: FetchSubject = 'feed'): string {
  return subject === 'feed' ? 'The feed' : 'The picture';
}

export function userAgentFor(publicUrl: string): string {
  return `Yesterday/0.1 (school district daily digest; +${publicUrl})`;
}

export function conditionalHeaders(request: FetchRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  if (request.etag) headers['if-none-match'] = request.etag;
  if (request.lastModified) headers['if-modified-since'] = request.lastModified;
  return headers;
}

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP date; capped at a day. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(ms, 0), MAX_CACHE_MS);
}

export function parseMaxAge(cacheControl: string | null | undefined): number | undefined {
  const match = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i.exec(cacheControl ?? '');
  if (!match) return undefined;
  return Math.min(Number(match[1]) * 1000, MAX_CACHE_MS);
}

export function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

export function isPermanentRedirect(status: number): boolean {
  return status === 301 || status === 308;
}

/** A failure outcome for an HTTP status that is neither success, redirect nor 304. */
export function httpFailure(
  status: number,
  retryAfterMs: number | undefined,
  subject: FetchSubject = 'feed',
): FetchOutcome {
  const base = { status: 'failed' as const, httpStatus: status };
  const The = theSubject(subject);
  if (status === 404) {
    return {
      ...base,
      temporary: false,
      message: `${The} was not found (HTTP 404). The blog may have moved or been deleted; check the address.`,
    };
  }
  if (status === 410)
    return { ...base, temporary: false, message: `${The} has been removed for good (HTTP 410).` };
  if (status === 401 || status === 403) {
    return {
      ...base,
      temporary: false,
      message: `${The} is private or needs a login (HTTP ${status}). Ask the teacher for the public ${subject} address.`,
    };
  }
  if (status === 429) {
    return {
      ...base,
      temporary: true,
      retryAfterMs,
      message:
        'The site asked Yesterday to slow down (HTTP 429). Yesterday waits as long as it asks before trying again.',
    };
  }
  if (status >= 500) {
    return {
      ...base,
      temporary: true,
      retryAfterMs,
      message: `The site had a server error (HTTP ${status}). This is usually temporary on the site’s side.`,
    };
  }
  return {
    ...base,
    temporary: false,
    message: `The site answered with an unexpected status (HTTP ${status}).`,
  };
}

export type FetchFailure = FetchOutcome & { status: 'failed' };

/** Thrown inside a fetcher to end the fetch with this outcome. */
export class FetchAbort extends Error {
  constructor(readonly outcome: FetchFailure) {
    super(outcome.message);
  }
}

export function failedOutcome(message: string, temporary: boolean): FetchFailure {
  return { status: 'failed', message, temporary };
}

export function blockedOutcome(): FetchFailure {
  return failedOutcome(
    'The address points to a private or internal network, which Yesterday does not fetch (set FETCH_ALLOW_PRIVATE_NETWORKS=true to allow intranet feeds).',
    false,
  );
}

/** Said where private networks are allowed and the address is link-local all the same (`isNeverFetched`). */
export function linkLocalOutcome(): FetchFailure {
  return failedOutcome(
    'The address is a link-local or cloud metadata one (169.254.x.x, fe80::, fd00:ec2::254), where a cloud server keeps its credentials: Yesterday never fetches from there, whatever FETCH_ALLOW_PRIVATE_NETWORKS says.',
    false,
  );
}

export function tooLargeOutcome(maxBodyBytes: number, subject: FetchSubject = 'feed'): FetchFailure {
  return failedOutcome(
    `${theSubject(subject)} is larger than ${Math.round(maxBodyBytes / 1024 / 1024)} MiB (after decompression), so it was not read.`,
    false,
  );
}

/** The URL of one hop, if it is one a fetcher may request at all (the address guard comes after). */
export function parseFetchableUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchAbort(failedOutcome(`"${url}" is not a web address.`, false));
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new FetchAbort(
      failedOutcome(`Only http and https addresses can be fetched, not ${parsed.protocol}.`, false),
    );
  if (parsed.username || parsed.password)
    throw new FetchAbort(
      failedOutcome('Addresses with a user name or password in them are not fetched.', false),
    );
  return parsed;
}

/** One HTTP response as the redirect rules see it, whatever the transport. */
export interface HopResponse {
  status: number;
  header(name: string): string | null;
  /** Drops the body unread. */
  discard(): void | Promise<void>;
  /** The body, decompressed, within the size cap (throws FetchAbort past it). */
  read(): Promise<Uint8Array>;
}

/** What a runtime supplies: how to check an address and how to make one request. */
export interface FetchTransport {
  limits: FetchLimits;
  now(): number;
  userAgent: string;
  subject?: FetchSubject;
  /** Parses and vets an address before each hop (throws FetchAbort to refuse it). */
  checkUrl(url: string): URL;
  /** Requests `target` and hands the response to `use` while the connection is held. */
  exchange<T>(
    target: URL,
    headers: Record<string, string>,
    signal: AbortSignal,
    use: (response: HopResponse) => Promise<T>,
  ): Promise<T>;
  /** A transport's own error (DNS, TLS, reset…) as a sentence for the coordinator. */
  describeError(error: unknown): FetchOutcome;
}

/**
 * Fetches a feed under one deadline that covers every redirect and the body, following redirects one checked
 * hop at a time; a permanent move is reported only when every hop on the way was permanent.
 */
export async function fetchFollowingRedirects(
  feedRequest: FetchRequest,
  transport: FetchTransport,
): Promise<FetchOutcome> {
  const { limits } = transport;
  const deadlineMs = Math.min(limits.deadlineMs, feedRequest.deadlineMs ?? Infinity);
  const controller = new AbortController();
  // The deadline ends the fetch itself, not only the transport's work: undici notices an abort only once
  // a connection is made (nodejs/undici#386), so a host that never answers would otherwise hold the fetch
  // until the connect timeout, whatever the deadline left.
  const deadline = new Promise<never>((_, reject) =>
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true }),
  );
  const timer = setTimeout(() => controller.abort(), deadlineMs);
  try {
    // If the deadline wins, the race still holds the fetch's own promise, so its late failure is handled.
    return await Promise.race([follow(feedRequest, transport, controller.signal), deadline]);
  } catch (error) {
    if (error instanceof FetchAbort) return error.outcome;
    if (controller.signal.aborted) {
      return failedOutcome(
        `${theSubject(transport.subject)} took longer than ${deadlineMs / 1000} seconds to download, so it was abandoned.`,
        true,
      );
    }
    return transport.describeError(error);
  } finally {
    clearTimeout(timer);
  }
}

async function follow(
  feedRequest: FetchRequest,
  transport: FetchTransport,
  signal: AbortSignal,
): Promise<FetchOutcome> {
  const { limits } = transport;
  const headers = {
    'user-agent': transport.userAgent,
    accept: transport.subject === 'picture' ? ACCEPT_PICTURES : ACCEPT_FEEDS,
    ...conditionalHeaders(feedRequest),
  };
  let url = feedRequest.url;
  let allPermanent = true;
  const seen = new Set<string>();
  for (let hop = 0; ; hop++) {
    const target = transport.checkUrl(url);
    seen.add(target.href);
    const step = await transport.exchange(
      target,
      headers,
      signal,
      async (response): Promise<FetchOutcome | { redirectTo: string }> => {
        const status = response.status;
        if (isRedirect(status)) {
          await response.discard();
          const location = response.header('location');
          if (!location) return failedOutcome('The site redirected without saying where to.', false);
          if (hop >= limits.maxRedirects)
            return failedOutcome(`The address redirected more than ${limits.maxRedirects} times.`, false);
          const next = new URL(location, target).href;
          if (seen.has(next)) return failedOutcome('The address redirects in a loop.', false);
          allPermanent &&= isPermanentRedirect(status);
          return { redirectTo: next };
        }
        const movedTo = allPermanent && url !== feedRequest.url ? url : undefined;
        const maxAgeMs = parseMaxAge(response.header('cache-control'));
        if (status === 304) {
          await response.discard();
          return { status: 'not-modified', maxAgeMs, movedTo };
        }
        if (status !== 200) {
          await response.discard();
          return httpFailure(
            status,
            parseRetryAfter(response.header('retry-after'), transport.now()),
            transport.subject,
          );
        }
        return {
          status: 'fetched',
          finalUrl: url,
          body: await response.read(),
          contentType: response.header('content-type'),
          etag: response.header('etag'),
          lastModified: response.header('last-modified'),
          maxAgeMs,
          movedTo,
        };
      },
    );
    if (!('redirectTo' in step)) return step;
    url = step.redirectTo;
  }
}
