// The fetch stage on Cloudflare Workers, with the same limits as Node's (the deadline and redirect rules are
// fetcher.ts's): a body cap counted after decompression, at most N requests per host at once. Workers cannot
// see the address a name resolves to; Cloudflare's network does not route to private or loopback addresses, so
// the guard here refuses IP literals and local names, and the platform refuses the rest. (Local tests allow
// private networks, as FETCH_ALLOW_PRIVATE_NETWORKS=true does on Node.)
import { isIpLiteral, isNeverFetched, isPublicAddress } from './address-guard';
import {
  blockedOutcome,
  linkLocalOutcome,
  DEFAULT_FETCH_LIMITS,
  failedOutcome,
  FetchAbort,
  fetchFollowingRedirects,
  parseFetchableUrl,
  tooLargeOutcome,
  userAgentFor,
  type FeedFetcher,
  type FetchLimits,
  type FetchSubject,
  type FetchTransport,
  theSubject,
} from './fetcher';

export interface WorkerFetcherOptions {
  publicUrl: string;
  allowPrivateNetworks: boolean;
  limits?: Partial<FetchLimits>;
  now?: () => number;
  /** What is fetched (default feeds): its name in failures, and the Accept header. */
  subject?: FetchSubject;
  /** The platform's fetch (tests may pass their own). */
  fetch?: typeof fetch;
}

const LOCAL_NAMES = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/i;

export function createWorkerFetcher(options: WorkerFetcherOptions): FeedFetcher {
  const limits: FetchLimits = { ...DEFAULT_FETCH_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const subject = options.subject ?? 'feed';
  const The = theSubject(subject);
  const platformFetch = options.fetch ?? ((input, init) => fetch(input, init));
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

  const transport: FetchTransport = {
    limits,
    now,
    userAgent: userAgentFor(options.publicUrl),
    subject,
    checkUrl,
    // The host slot is held until the body is read: that is when the connection is free again.
    exchange: (target, headers, signal, use) =>
      withHostSlot(target.host, async () => {
        const response = await platformFetch(target.href, {
          method: 'GET',
          redirect: 'manual',
          signal,
          headers,
        });
        return use({
          status: response.status,
          header: (name) => response.headers.get(name),
          discard: () => response.body?.cancel(),
          read: () => readBody(response.body),
        });
      }),
    describeError: (error) =>
      failedOutcome(
        `${The} could not be downloaded (${(error as Error)?.message || 'network error'}).`,
        true,
      ),
  };

  function checkUrl(url: string): URL {
    const parsed = parseFetchableUrl(url);
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    if (isNeverFetched(host)) throw new FetchAbort(linkLocalOutcome());
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
          message: `${The}'s compressed data is damaged (gzip).`,
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
        throw new FetchAbort(tooLargeOutcome(limits.maxBodyBytes, subject));
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

  return { fetch: (feedRequest) => fetchFollowingRedirects(feedRequest, transport), close: async () => {} };
}
