// The fetch stage on Cloudflare Workers, with the same limits as Node's: redirects followed one checked hop at
// a time, a total deadline over redirects and body, a body cap counted after decompression, at most N requests
// per host at once. Workers cannot see the address a name resolves to; Cloudflare's network does not route to
// private or loopback addresses, so the guard here refuses IP literals and local names, and the platform
// refuses the rest. (Local tests allow private networks, as FETCH_ALLOW_PRIVATE_NETWORKS=true does on Node.)
import { isIpLiteral, isPublicAddress } from './address-guard';
import {
  ACCEPT_FEEDS,
  conditionalHeaders,
  DEFAULT_FETCH_LIMITS,
  httpFailure,
  isPermanentRedirect,
  isRedirect,
  parseMaxAge,
  parseRetryAfter,
  userAgentFor,
  type FeedFetcher,
  type FetchLimits,
  type FetchOutcome,
  type FetchRequest,
  blockedOutcome,
  failedOutcome,
  FetchAbort,
  parseFetchableUrl,
  tooLargeOutcome,
} from './fetcher';

export interface WorkerFetcherOptions {
  publicUrl: string;
  allowPrivateNetworks: boolean;
  limits?: Partial<FetchLimits>;
  now?: () => number;
  /** The platform's fetch (tests may pass their own). */
  fetch?: typeof fetch;
}

const LOCAL_NAMES = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/i;

export function createWorkerFetcher(options: WorkerFetcherOptions): FeedFetcher {
  const limits: FetchLimits = { ...DEFAULT_FETCH_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const platformFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const userAgent = userAgentFor(options.publicUrl);
  const perHost = new Map<string, { active: number; waiting: (() => void)[] }>();

  async function withHostSlot<T>(host: string, work: () => Promise<T>): Promise<T> {
    let slot = perHost.get(host);
    if (!slot) perHost.set(host, (slot = { active: 0, waiting: [] }));
    while (slot.active >= limits.connectionsPerHost) await new Promise<void>((go) => slot!.waiting.push(go));
    slot.active++;
    try {
      return await work();
    } finally {
      slot.active--;
      slot.waiting.shift()?.();
      if (slot.active === 0 && slot.waiting.length === 0) perHost.delete(host);
    }
  }

  async function fetchFeed(feedRequest: FetchRequest): Promise<FetchOutcome> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), limits.deadlineMs);
    try {
      return await follow(feedRequest, controller.signal);
    } catch (error) {
      if (error instanceof FetchAbort) return error.outcome;
      if (controller.signal.aborted) {
        return {
          status: 'failed',
          temporary: true,
          message: `The feed took longer than ${limits.deadlineMs / 1000} seconds to download, so it was abandoned.`,
        };
      }
      return {
        status: 'failed',
        temporary: true,
        message: `The feed could not be downloaded (${(error as Error)?.message || 'network error'}).`,
      };
    } finally {
      clearTimeout(timer);
    }
  }

  async function follow(feedRequest: FetchRequest, signal: AbortSignal): Promise<FetchOutcome> {
    let url = feedRequest.url;
    let allPermanent = true;
    const seen = new Set<string>();
    for (let hop = 0; ; hop++) {
      const target = checkUrl(url);
      seen.add(target.href);
      const outcome = await withHostSlot(
        target.host,
        async (): Promise<FetchOutcome | { redirectTo: string }> => {
          const response = await platformFetch(target.href, {
            method: 'GET',
            redirect: 'manual',
            signal,
            headers: { 'user-agent': userAgent, accept: ACCEPT_FEEDS, ...conditionalHeaders(feedRequest) },
          });
          const status = response.status;
          if (isRedirect(status)) {
            await response.body?.cancel();
            const location = response.headers.get('location');
            if (!location) return failedOutcome('The site redirected without saying where to.', false);
            if (hop >= limits.maxRedirects)
              return failedOutcome(`The address redirected more than ${limits.maxRedirects} times.`, false);
            const next = new URL(location, target).href;
            if (seen.has(next)) return failedOutcome('The address redirects in a loop.', false);
            allPermanent &&= isPermanentRedirect(status);
            return { redirectTo: next };
          }
          const movedTo = allPermanent && url !== feedRequest.url ? url : undefined;
          const maxAgeMs = parseMaxAge(response.headers.get('cache-control'));
          if (status === 304) {
            await response.body?.cancel();
            return { status: 'not-modified', maxAgeMs, movedTo } as const;
          }
          if (status !== 200) {
            await response.body?.cancel();
            return httpFailure(status, parseRetryAfter(response.headers.get('retry-after'), now()));
          }
          return {
            status: 'fetched',
            finalUrl: url,
            body: await readBody(response.body),
            contentType: response.headers.get('content-type'),
            etag: response.headers.get('etag'),
            lastModified: response.headers.get('last-modified'),
            maxAgeMs,
            movedTo,
          } as const;
        },
      );
      if ('redirectTo' in outcome) {
        url = (outcome as { redirectTo: string }).redirectTo;
        continue;
      }
      return outcome;
    }
  }

  function checkUrl(url: string): URL {
    const parsed = parseFetchableUrl(url);
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    if (!options.allowPrivateNetworks) {
      if (isIpLiteral(host) ? !isPublicAddress(host) : LOCAL_NAMES.test(host) || !host.includes('.'))
        throw new FetchAbort(blockedOutcome());
    }
    return parsed;
  }

  /** The body, decompressed by the platform (or here, for gzip sent without saying so), within the cap. */
  async function readBody(body: ReadableStream<Uint8Array> | null): Promise<Uint8Array> {
    if (!body) return new Uint8Array();
    const raw = await collect(body);
    if (raw[0] === 0x1f && raw[1] === 0x8b) {
      try {
        return await collect(
          new Blob([raw as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip')),
        );
      } catch (error) {
        if (error instanceof FetchAbort) throw error;
        throw new FetchAbort({
          status: 'failed',
          temporary: true,
          message: "The feed's compressed data is damaged (gzip).",
        });
      }
    }
    return raw;
  }

  async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
    const reader = stream.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limits.maxBodyBytes) {
        await reader.cancel();
        throw new FetchAbort(tooLargeOutcome(limits.maxBodyBytes));
      }
      chunks.push(value);
    }
    const out = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return out;
  }

  return { fetch: fetchFeed, close: async () => {} };
}
