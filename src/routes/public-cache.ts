// A cache of public responses (pages, feeds, the embed) in front of the whole app, so a digest morning's
// crowd is answered from memory without routing or rendering. Each response is kept with the public
// revision it was made at; every publish, correction, takedown and setting change moves the revision in the
// same batch as the change (db/site-state.ts), so the next request renders afresh. This process learns of
// its own changes the moment they commit; changes made by another process (a command run next to the
// server) are seen within a second. Responses are kept under their address with only the query parameters
// the page reads (public-addresses.ts), so a query string of its own cannot make the server render.
// Conditional requests (If-None-Match, If-Modified-Since) get their 304 from the cache too. With a compressor
// (Node passes gzip), each response is also kept compressed, made once when stored, and given to clients that
// accept it: a digest page or feed is a fifth of its size on a parent's phone. The compressed variant carries
// the same entity tag marked weak, as nginx does, so either tag a client holds still gets its 304.
import type { Database } from '../db/client';
import { readPublicRevision } from '../db/site-state';
import { publicCacheKey } from './public-addresses';

/** How long a revision read from the database is trusted for changes made by other processes. */
export const REVISION_RECHECK_MS = 1000;

export interface PublicCacheOptions {
  maxEntries?: number;
  /** Even with no revision change, a response is rebuilt after this long (a feed's title changed, say). */
  maxAgeMs?: number;
  maxBodyBytes?: number;
  now?: () => number;
  /** Compresses a body for clients that send Accept-Encoding: gzip; without it, bodies go as they are. */
  gzip?: (body: Uint8Array) => Uint8Array;
}

/** Bodies smaller than this are not worth compressing (the headers cost more than the saving). */
const MIN_GZIP_BYTES = 1024;
const COMPRESSIBLE = /^(?:text\/|application\/(?:[\w.+-]*\+)?(?:xml|json|javascript)\b)/;
/** Asked of the app without these, so it answers 200 with the whole body, which is what is kept. */
const CONDITIONAL_HEADERS = [
  'if-none-match',
  'if-modified-since',
  'if-match',
  'if-unmodified-since',
  'if-range',
];

interface Variant {
  /** As sent with a 200 (Content-Length included, so a HEAD says it too) and with a 304 (without it). */
  headers: Record<string, string>;
  notModifiedHeaders: Record<string, string>;
  body: Uint8Array<ArrayBuffer>;
}

interface Entry {
  revision: number;
  storedAt: number;
  status: number;
  identity: Variant;
  gzip: Variant | undefined;
  etag: string;
  lastModified: number;
}

type Fetch = (request: Request, ...rest: never[]) => Response | Promise<Response>;

export interface PublicCache {
  /** The app's fetch with the cache in front of it. */
  wrap<F extends Fetch>(fetch: F): F;
  size(): number;
  /** The addresses held, least recently used first. */
  keys(): string[];
}

export function createPublicCache(db: Database, options: PublicCacheOptions = {}): PublicCache {
  const maxEntries = options.maxEntries ?? 1000;
  const maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
  const maxBodyBytes = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  /** The validators last served for each address from a rendering, whether or not its bytes were kept. */
  const served = new Map<string, { etag: string; lastModified: number }>();
  let known = { revision: -1, readAt: -Infinity, ticks: -1 };

  const refresh = async (at: number, ticks: number): Promise<number> => {
    known = { revision: await readPublicRevision(db), readAt: at, ticks };
    return known.revision;
  };
  /** The revision, from memory while it is fresh: the common case costs no database read and no await. */
  const currentRevision = (): number | Promise<number> => {
    const at = Date.now(); // real time: the recheck interval is about processes, not the district's clock
    if (known.ticks !== db.publicTicks || at - known.readAt >= REVISION_RECHECK_MS)
      return refresh(at, db.publicTicks);
    return known.revision;
  };

  const answer = (entry: Entry, method: string, conditions: Conditions): Response => {
    const variant = entry.gzip && acceptsGzip(conditions.acceptEncoding) ? entry.gzip : entry.identity;
    if (notModified(entry, conditions, now()))
      return new Response(null, { status: 304, headers: variant.notModifiedHeaders });
    return new Response(method === 'HEAD' ? null : variant.body, {
      status: entry.status,
      headers: variant.headers,
    });
  };

  const store = async (
    key: string,
    revision: number,
    response: Response,
    method: string,
    conditions: Conditions,
  ) => {
    const body = new Uint8Array(await response.arrayBuffer());
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    delete headers['content-length']; // each variant says its own
    headers.etag ??= `"${fingerprint(body)}"`;
    // Last-Modified against what was last served from here for this address, kept or too large to keep. The
    // same bytes rendered again (another page changed) were last modified then: a reader who asks
    // If-Modified-Since with that time gets a 304, not the same page again. Other bytes are later than those,
    // whatever the route said (a feed's time is its latest digest's; a new site title changes its bytes, not
    // that time), so no reader holding those is told they are current.
    const previous = served.get(key);
    if (previous && !Number.isNaN(previous.lastModified)) {
      const given = Date.parse(headers['last-modified'] ?? '');
      if (previous.etag === headers.etag)
        headers['last-modified'] = new Date(previous.lastModified).toUTCString();
      else if (Number.isNaN(given) || given <= previous.lastModified)
        headers['last-modified'] = new Date(Math.max(now(), previous.lastModified + 1000)).toUTCString();
    }
    const compress =
      options.gzip &&
      body.byteLength >= MIN_GZIP_BYTES &&
      !headers['content-encoding'] &&
      COMPRESSIBLE.test(headers['content-type'] ?? '');
    if (compress) headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : 'Accept-Encoding';
    const entry: Entry = {
      revision,
      storedAt: now(),
      status: response.status,
      identity: variant(headers, body),
      gzip: compress
        ? variant(
            { ...headers, 'content-encoding': 'gzip', etag: `W/${headers.etag.replace(/^W\//, '')}` },
            new Uint8Array(options.gzip!(body)),
          )
        : undefined,
      etag: headers.etag,
      lastModified: Date.parse(headers['last-modified'] ?? ''),
    };
    served.delete(key);
    served.set(key, { etag: entry.etag, lastModified: entry.lastModified });
    // A few dozen bytes an address: many more than the pages kept, so a page evicted for a while still has them.
    while (served.size > maxEntries * 10) served.delete(served.keys().next().value!);
    if (body.byteLength <= maxBodyBytes) {
      entries.delete(key);
      entries.set(key, entry);
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    }
    return answer(entry, method, conditions);
  };

  return {
    wrap<F extends Fetch>(fetch: F): F {
      /** The app renders the address as kept, asked as a plain GET: a HEAD or conditional answer has no body. */
      const fill = async (request: Request, rest: never[], origin: string, key: string, revision: number) => {
        const headers = new Headers(request.headers);
        for (const name of CONDITIONAL_HEADERS) headers.delete(name);
        const response = await fetch(new Request(origin + key, { method: 'GET', headers }), ...rest);
        if (response.status !== 200 || response.headers.has('set-cookie')) return response;
        return store(key, revision, response, request.method, conditionsOf(request, rest[0]));
      };
      // Not async: an answer from memory is returned as it is, which Node's adapter writes without waiting.
      return ((request: Request, ...rest: never[]) => {
        const method = request.method;
        if (method !== 'GET' && method !== 'HEAD') return fetch(request, ...rest);
        const url = request.url;
        const pathStart = url.indexOf('/', url.indexOf('//') + 2);
        const queryStart = url.indexOf('?', pathStart);
        const path = queryStart === -1 ? url.slice(pathStart) : url.slice(pathStart, queryStart);
        const key = publicCacheKey(path, queryStart === -1 ? '' : url.slice(queryStart + 1));
        if (key === undefined) return fetch(request, ...rest);
        const conditions = conditionsOf(request, rest[0]);
        if (conditions.authorization !== undefined) return fetch(request, ...rest);
        const fromMemory = (revision: number) => {
          const cached = entries.get(key);
          if (!cached || cached.revision !== revision || now() - cached.storedAt >= maxAgeMs)
            return fill(request, rest, url.slice(0, pathStart), key, revision);
          entries.delete(key); // most recently used goes last
          entries.set(key, cached);
          return answer(cached, method, conditions);
        };
        const current = currentRevision();
        return typeof current === 'number' ? fromMemory(current) : current.then(fromMemory);
      }) as F;
    },
    size: () => entries.size,
    keys: () => [...entries.keys()],
  };
}

function variant(headers: Record<string, string>, body: Uint8Array<ArrayBuffer>): Variant {
  return {
    headers: { ...headers, 'content-length': String(body.byteLength) },
    notModifiedHeaders: headers,
    body,
  };
}

/** RFC 9110 §12.5.3: gzip is acceptable when named (or matched by *) with a quality above zero. */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  let gzip: number | undefined;
  let any: number | undefined;
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.split(';');
    const coding = name.trim().toLowerCase();
    const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
    const quality = q === undefined ? 1 : Number(q);
    if (coding === 'gzip' || coding === 'x-gzip') gzip = quality;
    else if (coding === '*') any = quality;
  }
  return (gzip ?? any ?? 0) > 0;
}

export interface Conditions {
  ifNoneMatch: string | undefined;
  ifModifiedSince: string | undefined;
  authorization: string | undefined;
  acceptEncoding: string | undefined;
}

/**
 * The request headers the cache looks at. On Node the server hands over its own request too (as
 * @hono/node-server's second argument), whose headers are a plain object: reading them there spares
 * building a Headers object for every request.
 */
function conditionsOf(request: Request | undefined, env: unknown): Conditions {
  const raw = (env as { incoming?: { headers?: Record<string, string | string[] | undefined> } } | undefined)
    ?.incoming?.headers;
  if (raw) {
    const one = (name: string) => {
      const value = raw[name];
      return Array.isArray(value) ? value.join(', ') : value;
    };
    return {
      ifNoneMatch: one('if-none-match'),
      ifModifiedSince: one('if-modified-since'),
      authorization: one('authorization'),
      acceptEncoding: one('accept-encoding'),
    };
  }
  return {
    ifNoneMatch: request?.headers.get('if-none-match') ?? undefined,
    ifModifiedSince: request?.headers.get('if-modified-since') ?? undefined,
    authorization: request?.headers.get('authorization') ?? undefined,
    acceptEncoding: request?.headers.get('accept-encoding') ?? undefined,
  };
}

/**
 * Whether an If-None-Match value names this entity tag: any tag of its list, by the weak comparison GET and
 * HEAD use (RFC 9110 §13.1.2, so `W/"x"` matches `"x"`), or `*`.
 */
export function etagMatches(ifNoneMatch: string, etag: string): boolean {
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

/**
 * Whether a response last modified at `lastModified` is unchanged since an If-Modified-Since value. A date
 * that is not one says nothing, nor does one later than now (RFC 9110 §13.1.3): a reader whose clock runs ahead
 * must not be kept on an old copy. The Last-Modified this server sent is always taken back, even if the
 * server's clock has since been set back before it. HTTP dates have whole seconds, so `lastModified` is
 * compared at that precision.
 */
export function unmodifiedSince(
  ifModifiedSince: string | undefined,
  lastModified: number,
  now: number,
): boolean {
  const since = Date.parse(ifModifiedSince ?? '');
  if (Number.isNaN(since) || Number.isNaN(lastModified)) return false;
  const sent = Math.floor(lastModified / 1000) * 1000;
  return since === sent || (since <= now && sent <= since);
}

/** RFC 9110 §13.2.2: If-None-Match decides when present; otherwise If-Modified-Since against Last-Modified. */
function notModified(entry: Entry, conditions: Conditions, now: number): boolean {
  if (conditions.ifNoneMatch !== undefined) return etagMatches(conditions.ifNoneMatch, entry.etag);
  return unmodifiedSince(conditions.ifModifiedSince, entry.lastModified, now);
}

/** FNV-1a over the bytes, twice with different primes: a validator that is cheap to compute. */
function fingerprint(body: Uint8Array): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ body.byteLength;
  for (let i = 0; i < body.length; i++) {
    a = Math.imul(a ^ body[i]!, 0x01000193);
    b = Math.imul(b ^ body[i]!, 0x5bd1e995);
  }
  return (a >>> 0).toString(36) + (b >>> 0).toString(36) + body.byteLength.toString(36);
}
