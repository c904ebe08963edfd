// The fetch stage on Node: undici with a DNS lookup that refuses non-public addresses, so the address checked
// is the address connected to, on every hop (the deadline and redirect rules are fetcher.ts's). The body is
// capped after decompression; at most N sockets per host.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { Agent, errors as undiciErrors, request } from 'undici';
import { isNeverFetched, isPublicAddress } from './address-guard';
import { errorCause } from './error-cause';
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
  type FetchOutcome,
  type FetchSubject,
  type FetchTransport,
  theSubject,
} from './fetcher';

export interface NodeFetcherOptions {
  publicUrl: string;
  allowPrivateNetworks: boolean;
  limits?: Partial<FetchLimits>;
  now?: () => number;
  /** What is fetched (default feeds): its name in failures, and the Accept header. */
  subject?: FetchSubject;
  /**
   * Origins (`http://127.0.0.1:4501`) that may be fetched although their address is private: the demo's own
   * server, whose sample feeds are on this machine. Read at every fetch, as the demo knows its port only once
   * it listens. Only an origin whose host is an address written out is honoured: a name would be resolved
   * without its port, so it could not be told from the rest of the machine.
   */
  privateOrigins?: () => readonly string[];
  /** Which addresses may be connected to (default: the public internet only). Tests narrow it. */
  isAllowedAddress?: (address: string) => boolean;
  /** DNS resolution (default: the system resolver). Tests answer with chosen addresses. */
  lookup?: typeof dnsLookup;
}

class BlockedAddressError extends Error {
  readonly code = 'EBLOCKEDADDRESS';
}

/** A name that resolves to a link-local address, refused even where private networks are allowed. */
class LinkLocalAddressError extends Error {
  readonly code = 'ELINKLOCALADDRESS';
}

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotli = promisify(zlib.brotliDecompress);

export function createNodeFetcher(options: NodeFetcherOptions): FeedFetcher {
  const limits: FetchLimits = { ...DEFAULT_FETCH_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const subject = options.subject ?? 'feed';
  const The = theSubject(subject);
  const allowPrivate = options.allowPrivateNetworks;
  const isAllowed = options.isAllowedAddress ?? isPublicAddress;
  const resolve = options.lookup ?? dnsLookup;
  const privateOrigins = options.privateOrigins ?? (() => []);

  const guardedLookup: LookupFunction = (hostname, lookupOptions, callback) => {
    resolve(hostname, { ...lookupOptions, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 4);
      // Said as such with the setting or without: turning it on would not help.
      if (addresses.some((a) => isNeverFetched(a.address)))
        return callback(
          new LinkLocalAddressError(`${hostname} resolves to a link-local or cloud metadata address`),
          '',
          4,
        );
      const usable = allowPrivate ? addresses : addresses.filter((a) => isAllowed(a.address));
      if (usable.length === 0 || usable.length !== addresses.length) {
        // Mixed answers are refused too: a rebinding attacker would answer with one public, one private.
        const blocked = new BlockedAddressError(`${hostname} resolves to a non-public address`);
        return callback(blocked, '', 4);
      }
      if (lookupOptions.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, usable);
      return callback(null, usable[0]!.address, usable[0]!.family);
    });
  };

  const agent = new Agent({
    connections: limits.connectionsPerHost,
    pipelining: 1,
    keepAliveTimeout: 4_000,
    connect: { timeout: limits.connectTimeoutMs, lookup: guardedLookup },
    headersTimeout: limits.deadlineMs,
    bodyTimeout: limits.deadlineMs,
  });

  const transport: FetchTransport = {
    limits,
    now,
    userAgent: userAgentFor(options.publicUrl),
    subject,
    checkUrl,
    async exchange(target, headers, signal, use) {
      const response = await request(target, {
        dispatcher: agent,
        method: 'GET',
        signal,
        headers: { ...headers, 'accept-encoding': 'gzip, deflate, br' },
      });
      const header = (name: string) => {
        const value = response.headers[name];
        return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
      };
      return use({
        status: response.statusCode,
        header,
        discard: () => discard(response.body),
        read: () => readBody(response.body, header('content-encoding')),
      });
    },
    describeError: (error) => describeNetworkError(error, subject),
  };

  function checkUrl(url: string): URL {
    const parsed = parseFetchableUrl(url);
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    if (isNeverFetched(host)) throw new FetchAbort(linkLocalOutcome());
    if (!allowPrivate && isIP(host) && !isAllowed(host) && !privateOrigins().includes(parsed.origin)) {
      throw new FetchAbort(blockedOutcome());
    }
    return parsed;
  }

  async function readBody(
    stream: Parameters<typeof discard>[0] & AsyncIterable<Uint8Array>,
    encoding: string | null,
  ): Promise<Uint8Array> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream) {
      size += chunk.byteLength;
      if (size > limits.maxBodyBytes) {
        discard(stream);
        throw new FetchAbort(tooLargeOutcome(limits.maxBodyBytes, subject));
      }
      chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    }
    const raw = Buffer.concat(chunks, size);
    const coding = (encoding ?? '').trim().toLowerCase();
    const sniffedGzip = raw[0] === 0x1f && raw[1] === 0x8b;
    const cap = { maxOutputLength: limits.maxBodyBytes };
    try {
      if (
        coding === 'gzip' ||
        coding === 'x-gzip' ||
        (sniffedGzip && (coding === '' || coding === 'identity'))
      ) {
        return await gunzip(raw, cap);
      }
      if (coding === 'deflate')
        return await (raw[0] !== undefined && (raw[0] & 0x0f) === 8
          ? inflate(raw, cap)
          : inflateRaw(raw, cap));
      if (coding === 'br') return await brotli(raw, cap);
      if (coding === '' || coding === 'identity') return raw;
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError)
        throw new FetchAbort(tooLargeOutcome(limits.maxBodyBytes, subject));
      throw new FetchAbort({
        status: 'failed',
        temporary: true,
        message: `${The}'s compressed data is damaged (${coding || 'gzip'}).`,
      });
    }
    throw new FetchAbort({
      status: 'failed',
      temporary: false,
      message: `The site compressed the ${subject} with "${coding}", which Yesterday cannot read.`,
    });
  }

  return {
    fetch: (feedRequest) => fetchFollowingRedirects(feedRequest, transport),
    async close() {
      await agent.destroy();
    },
  };
}

/** Drops a body we will not read; undici reports the abort as an error event, which is expected here. */
function discard(body: { on(event: 'error', listener: () => void): unknown; destroy(): void }): void {
  body.on('error', () => {});
  body.destroy();
}

function describeNetworkError(error: unknown, subject: FetchSubject): FetchOutcome {
  const The = theSubject(subject);
  const found = errorCause(error);
  const code = found.code ?? '';
  if (code === 'EBLOCKEDADDRESS') return blockedOutcome();
  if (code === 'ELINKLOCALADDRESS') return linkLocalOutcome();
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NODATA') {
    return failedOutcome(
      `${The}'s host name could not be found (DNS lookup failed). Check the address for typos.`,
      code === 'EAI_AGAIN',
    );
  }
  if (code === 'ECONNREFUSED') return failedOutcome('The site refused the connection.', true);
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET')
    return failedOutcome(`The site closed the connection before the ${subject} arrived.`, true);
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT')
    return failedOutcome('The site did not answer the connection in time.', true);
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT')
    return failedOutcome(`The site stopped sending the ${subject} part-way.`, true);
  if (code.startsWith('ERR_TLS') || /CERT|SSL|self.signed/i.test(code + found.message)) {
    return failedOutcome(`The site's security certificate could not be verified (${found.message}).`, true);
  }
  if (error instanceof undiciErrors.UndiciError)
    return failedOutcome(`${The} could not be downloaded (${found.message}).`, true);
  return failedOutcome(`${The} could not be downloaded (${found.message || 'network error'}).`, true);
}
