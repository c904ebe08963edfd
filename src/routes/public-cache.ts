// A cache of public responses (pages, feeds, the embed), so a digest morning's crowd is served from memory.
// Each response is kept with the public revision it was made at; every publish, correction, takedown and
// setting change moves the revision (in the same batch as the change), so the next request after one
// renders afresh, in this process and any other. Conditional requests get 304 from the cache too.
import type { MiddlewareHandler } from 'hono';
import type { Database } from '../db/client';
import { readPublicRevision } from '../db/site-state';

const CACHEABLE =
  /^\/(?:$|digests\/[^/]+$|archive$|schools(?:\/[^/]+(?:\/feed\.(?:xml|atom|json))?)?$|feed\.(?:xml|atom|json)$|embed(?:\.js)?$|oembed$|sitemap\.xml$|robots\.txt$)/;

export interface PublicCacheOptions {
  maxEntries?: number;
  /** Even with no revision change, a response is rebuilt after this long (a feed's title changed, say). */
  maxAgeMs?: number;
  maxBodyBytes?: number;
  now?: () => number;
}

interface Entry {
  revision: number;
  storedAt: number;
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

export interface PublicCache {
  middleware: MiddlewareHandler;
  /** Entries held, for tests and the health page. */
  size(): number;
}

export function createPublicCache(db: Database, options: PublicCacheOptions = {}): PublicCache {
  const maxEntries = options.maxEntries ?? 1000;
  const maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
  const maxBodyBytes = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();

  const answer = (entry: Entry, method: string, conditions: Conditions): Response => {
    const headers = new Headers(entry.headers);
    if (notModified(entry, headers, conditions)) return new Response(null, { status: 304, headers });
    return new Response(method === 'HEAD' ? null : entry.body, { status: entry.status, headers });
  };

  const middleware: MiddlewareHandler = async (c, next) => {
    const method = c.req.method;
    const url = new URL(c.req.url);
    if ((method !== 'GET' && method !== 'HEAD') || !CACHEABLE.test(url.pathname) || url.search.length > 200) {
      return next();
    }
    const key = url.pathname + url.search;
    const revision = await readPublicRevision(db);
    const cached = entries.get(key);
    if (cached && cached.revision === revision && now() - cached.storedAt < maxAgeMs) {
      entries.delete(key); // most recently used goes last
      entries.set(key, cached);
      return answer(cached, method, conditionsOf(c.req.raw.headers));
    }
    await next();
    const response = c.res;
    if (response.status !== 200 || response.headers.has('set-cookie')) return;
    const body = new Uint8Array(await response.arrayBuffer());
    const etag = response.headers.get('etag') ?? `"${fingerprint(body)}"`;
    const headers = [...response.headers.entries()].filter(([name]) => name !== 'etag');
    headers.push(['etag', etag]);
    const entry: Entry = { revision, storedAt: now(), status: response.status, headers, body, etag };
    if (body.byteLength <= maxBodyBytes) {
      entries.delete(key);
      entries.set(key, entry);
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    }
    c.res = undefined;
    c.res = answer(entry, method, conditionsOf(c.req.raw.headers));
  };

  return { middleware, size: () => entries.size };
}

interface Conditions {
  ifNoneMatch: string | null;
  ifModifiedSince: string | null;
}

function conditionsOf(headers: Headers): Conditions {
  return { ifNoneMatch: headers.get('if-none-match'), ifModifiedSince: headers.get('if-modified-since') };
}

/** RFC 9110 §13.2.2: If-None-Match decides when present; otherwise If-Modified-Since against Last-Modified. */
function notModified(entry: Entry, headers: Headers, conditions: Conditions): boolean {
  if (conditions.ifNoneMatch !== null) {
    const bare = (tag: string) => tag.trim().replace(/^W\//, '');
    return conditions.ifNoneMatch
      .split(',')
      .some((tag) => tag.trim() === '*' || bare(tag) === bare(entry.etag));
  }
  const modified = Date.parse(headers.get('last-modified') ?? '');
  const since = Date.parse(conditions.ifModifiedSince ?? '');
  return !Number.isNaN(modified) && !Number.isNaN(since) && modified <= since;
}

/** FNV-1a over the bytes, twice with different seeds: a strong enough validator, cheap to compute. */
function fingerprint(body: Uint8Array): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ body.byteLength;
  for (let i = 0; i < body.length; i++) {
    a = Math.imul(a ^ body[i]!, 0x01000193);
    b = Math.imul(b ^ body[i]!, 0x5bd1e995);
  }
  return (a >>> 0).toString(36) + (b >>> 0).toString(36) + body.byteLength.toString(36);
}
