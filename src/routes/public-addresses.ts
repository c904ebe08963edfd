// The public addresses (pages, feeds, the embed) in one place: which query parameters each one reads, and how
// long a browser or a shared cache in front (nginx, Caddy, a CDN) may keep its answer. The public cache keys
// on the address with only the parameters its page reads, in one spelling each, so `/?r=1`, `/?utm_source=x`
// and `/?page=1` are all `/` and cannot make the server render or push a page out of memory.

import { isLanguage } from '../i18n/languages';

/** Pages and feeds: short, so a correction or a photo taken down reaches parents within a minute. */
const PAGE_CACHING = 'public, max-age=60';

interface PublicAddress {
  pattern: RegExp;
  /**
   * The query string this address's page reads, in one spelling ('' for none), or undefined when the
   * answer depends on the request in a way not worth keeping in memory (it is then rendered each time).
   */
  canonicalQuery(query: URLSearchParams): string | undefined;
  cacheControl: string;
}

const noQuery = () => '';

/** `?page=N` from 1; undefined for anything that is not a plain page number (the page answers 404). */
export function pageNumber(value: string | null | undefined): number | undefined {
  if (value === undefined || value === null) return 1;
  if (!/^[1-9]\d{0,4}$/.test(value)) return undefined;
  return Number(value);
}

const pagination = (query: URLSearchParams) => {
  const page = query.get('page');
  // A page number in any other spelling is a 404, which is never kept: it may stay as it came.
  return page === null || page === '1' ? '' : search([['page', page]]);
};

/** How many digests the embed shows: `?count=` from 1 to MAX_EMBED_COUNT, 1 when absent or unreadable. */
export const MAX_EMBED_COUNT = 5;
export function embedCount(value: string | null | undefined): number {
  return Math.min(MAX_EMBED_COUNT, Math.max(1, Math.floor(Number(value)) || 1));
}

/** The embed reads `date` (one digest), else `count`; `school`, `theme` (only `plain`) and `lang` either way. */
const embedOptions = (query: URLSearchParams) => {
  const date = query.get('date');
  const school = query.get('school');
  const count = date === null ? embedCount(query.get('count')) : 1;
  return search([
    ['date', date],
    ['count', count === 1 ? null : String(count)],
    ['school', school],
    ['theme', query.get('theme') === 'plain' ? 'plain' : null],
    // Only a language Yesterday has words for: any other is the district's own, kept once.
    ['lang', isLanguage(query.get('lang') ?? '') ? query.get('lang') : null],
  ]);
};

/**
 * oEmbed reads `url` and `format`. A consumer that asks for a size (`maxwidth`, `maxheight`) gets an answer
 * made for it and not kept: there are thousands of sizes, and CMSes ask once when an editor pastes a link.
 */
const oembedOptions = (query: URLSearchParams) => {
  if (query.has('maxwidth') || query.has('maxheight')) return undefined;
  const format = query.get('format');
  return search([
    ['url', oembedTarget(query.get('url'))],
    ['format', format === 'json' ? null : format],
  ]);
};

/**
 * The address an oEmbed request names, in the one spelling its answer is kept under. The answer reads only
 * the address's host, port and path (`pathOnThisSite`), so a query, a fragment, a name and password and a
 * slash at the end are left out, and a thousand spellings of one digest's address are one entry. Anything
 * that is not an http(s) address stays as it came: its answer is a 404, which is never kept.
 */
export function oembedTarget(url: string | null): string | null {
  if (url === null) return null;
  let asked: URL;
  try {
    asked = new URL(url);
  } catch {
    return url;
  }
  if (asked.protocol !== 'http:' && asked.protocol !== 'https:') return url;
  // One slash at the end is the same page to the route; more are not (a 404, never kept).
  return `${asked.protocol}//${asked.host}${asked.pathname.replace(/([^/])\/$/, '$1')}`;
}

const ADDRESSES: PublicAddress[] = [
  // Pages, at the root in the district's own language and under /LANG in each other one it offers.
  { pattern: /^(?:\/|\/[a-z]{2})$/, canonicalQuery: pagination, cacheControl: PAGE_CACHING },
  { pattern: /^(?:\/[a-z]{2})?\/digests\/[^/]+$/, canonicalQuery: noQuery, cacheControl: PAGE_CACHING },
  { pattern: /^(?:\/[a-z]{2})?\/archive(?:\/\d{4})?$/, canonicalQuery: noQuery, cacheControl: PAGE_CACHING },
  { pattern: /^(?:\/[a-z]{2})?\/schools$/, canonicalQuery: noQuery, cacheControl: PAGE_CACHING },
  { pattern: /^(?:\/[a-z]{2})?\/teachers$/, canonicalQuery: noQuery, cacheControl: PAGE_CACHING },
  { pattern: /^(?:\/[a-z]{2})?\/feeds$/, canonicalQuery: noQuery, cacheControl: PAGE_CACHING },
  { pattern: /^(?:\/[a-z]{2})?\/schools\/[^/]+$/, canonicalQuery: pagination, cacheControl: PAGE_CACHING },
  {
    pattern: /^(?:\/[a-z]{2})?\/(?:schools\/[^/]+\/)?feed\.(?:xml|atom|json)$/,
    canonicalQuery: noQuery,
    cacheControl: PAGE_CACHING,
  },
  { pattern: /^(?:\/[a-z]{2})?\/embed$/, canonicalQuery: embedOptions, cacheControl: PAGE_CACHING },
  { pattern: /^\/oembed$/, canonicalQuery: oembedOptions, cacheControl: PAGE_CACHING },
  // The loader script's address is pasted into the district's site, so it cannot carry a version; it
  // changes only with PUBLIC_URL, the site's title or the sites allowed to embed, and an hour keeps the
  // district's pages quick.
  { pattern: /^\/embed\.js$/, canonicalQuery: noQuery, cacheControl: 'public, max-age=3600' },
  // For search engines, which come back daily at most.
  { pattern: /^\/sitemap\.xml$/, canonicalQuery: noQuery, cacheControl: 'public, max-age=3600' },
  { pattern: /^\/robots\.txt$/, canonicalQuery: noQuery, cacheControl: 'public, max-age=86400' },
];

/** Longer paths are no public page (slugs and dates are short); they go to the app unkept. */
const MAX_PATH_LENGTH = 300;

function addressOf(path: string): PublicAddress | undefined {
  if (path.length > MAX_PATH_LENGTH) return undefined;
  return ADDRESSES.find((address) => address.pattern.test(path));
}

/** How long a shared cache may keep the answer at `path`, or undefined when it is no public address. */
export function publicCacheControl(path: string): string | undefined {
  return addressOf(path)?.cacheControl;
}

/**
 * The address a public answer is kept under: the path and the query parameters its page reads, in one
 * spelling; undefined when the answer is not to be kept (not a public address, or a one-off such as a sized
 * oEmbed answer).
 */
export function publicCacheKey(path: string, query: string): string | undefined {
  // No public page's address needs an escape (slugs, dates and languages are plain): one written with them is
  // sent on to its plain spelling (plainPublicPath), and kept under that one.
  if (path.includes('%')) return undefined;
  const address = addressOf(path);
  if (!address) return undefined;
  if (query === '') return path; // the common case: every page reads its parameters as absent
  const canonical = address.canonicalQuery(new URLSearchParams(query));
  if (canonical === undefined) return undefined;
  return canonical === '' ? path : `${path}?${canonical}`;
}

/**
 * A public page's address written with escapes for plain characters (`/digests/2026-12-0%34`, `/%65s`), which
 * the router reads as the page: its plain spelling, to be redirected to; undefined when the path has no
 * escapes, does not decode, or is no public page in plain characters.
 */
export function plainPublicPath(path: string): string | undefined {
  if (!path.includes('%')) return undefined;
  let plain: string;
  try {
    plain = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  // Plain characters only, so the Location is the page itself and nothing else (never `//host`).
  if (!/^\/[a-z0-9][a-z0-9/._-]*$/i.test(plain) && plain !== '/') return undefined;
  return addressOf(plain) ? plain : undefined;
}

function search(pairs: [string, string | null][]): string {
  const kept = pairs.filter((pair): pair is [string, string] => pair[1] !== null);
  return new URLSearchParams(kept).toString();
}
