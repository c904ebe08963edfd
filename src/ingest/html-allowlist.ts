// What the sanitizer keeps of a post: the allowed tags and attributes, URLs resolved and kept only for http(s)
// (and mailto links), players only from known hosts, and no tracking pixels.
import { escapeHtml } from '../text/escape';

export const ALLOWED_TAGS: ReadonlySet<string> = new Set([
  'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'cite', 'code', 'dd', 'del', 'details', 'dfn', 'div', 'dl',
  'dt', 'em', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'iframe', 'img', 'ins',
  'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'summary',
  'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul',
]); // prettier-ignore

/** Tags dropped together with everything inside them. */
export const DROPPED_WITH_CONTENT: ReadonlySet<string> = new Set([
  'script', 'style', 'noscript', 'template', 'object', 'embed', 'applet', 'form', 'button', 'select', 'textarea',
  'svg', 'math', 'head', 'title', 'frameset', 'frame', 'noframes', 'audio', 'video', 'canvas', 'map', 'xmp',
  'plaintext', 'noembed',
]); // prettier-ignore

const ALLOWED_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ['href', 'title'],
  abbr: ['title'],
  blockquote: ['cite'],
  q: ['cite'],
  del: ['cite', 'datetime'],
  ins: ['cite', 'datetime'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  iframe: ['src', 'width', 'height', 'title'],
  ol: ['start', 'reversed', 'type'],
  li: ['value'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan', 'scope'],
  time: ['datetime'],
};

const URL_ATTRIBUTES = new Set(['href', 'src', 'cite']);
const NUMERIC_ATTRIBUTES = new Set(['width', 'height', 'colspan', 'rowspan', 'start', 'value']);

/**
 * Hosts whose players may be embedded; each maps to the embed URL form we keep. A Map, not an object: a post's
 * iframe names the host, and https://constructor/ must not find Object's constructor.
 */
const IFRAME_HOSTS = new Map<string, (url: URL) => string | undefined>([
  ['www.youtube.com', youtubeEmbed],
  ['youtube.com', youtubeEmbed],
  ['www.youtube-nocookie.com', youtubeEmbed],
  ['youtube-nocookie.com', youtubeEmbed],
  [
    'player.vimeo.com',
    (url) =>
      /^\/video\/\d+$/.test(url.pathname)
        ? `https://player.vimeo.com${url.pathname}${url.search}`
        : undefined,
  ],
]);

function youtubeEmbed(url: URL): string | undefined {
  const match = /^\/embed\/([\w-]{6,20})$/.exec(url.pathname);
  return match ? `https://www.youtube-nocookie.com/embed/${match[1]}` : undefined;
}

/** Image hosts and paths that exist only to count readers, as one pattern (tested once per image). */
const TRACKERS = new RegExp(
  [
    String.raw`^https?://(pixel|stats)\.wp\.com/`,
    String.raw`^https?://feeds\.feedburner\.com/~r/`,
    String.raw`^https?://feeds\.feedblitz\.com/`,
    String.raw`^https?://[^/]*\.?(doubleclick\.net|google-analytics\.com|facebook\.com/tr)\b`,
    String.raw`^https?://www\.assoc-amazon\.com/`,
    String.raw`^https?://[^/]+/[^?]*\b(pixel|beacon|tracker)\.(gif|png)\b`,
  ].join('|'),
  'i',
);

const ABSOLUTE_HTTP = /^https?:\/\//i;

/** Resolves `value` against `baseUrl` and answers it only if it is http(s) (or mailto where allowed). */
export function safeUrl(value: string, baseUrl: string | undefined, allowMailto = false): string | undefined {
  return resolveSafeUrl(value, baseUrl, allowMailto)?.href;
}

/** The same as safeUrl, as a parsed URL, for callers that go on to read its parts. */
export function resolveSafeUrl(
  value: string,
  baseUrl: string | undefined,
  allowMailto = false,
): URL | undefined {
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  let url: URL;
  try {
    // An absolute http(s) URL ignores its base; parsing it alone is a quarter faster (this runs for every
    // link and image of every post).
    url = ABSOLUTE_HTTP.test(trimmed) ? new URL(trimmed) : new URL(trimmed, baseUrl);
  } catch {
    return undefined;
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') return url;
  if (allowMailto && url.protocol === 'mailto:') return url;
  return undefined;
}

export function isTrackingPixel(src: string, width?: string, height?: string): boolean {
  if ((width !== undefined && Number(width) <= 1) || (height !== undefined && Number(height) <= 1))
    return true;
  return TRACKERS.test(src);
}

export interface AllowedElement {
  /** The allowed attributes, serialized: ' href="…" rel="…"'. */
  attributes: string;
  /** The resolved src or href, when it was kept. */
  url: string | undefined;
}

/**
 * The allowed attributes of one allowed element, or undefined when the element must go: an image with no safe
 * source or a tracking pixel, an iframe from a host we do not embed. Built as one string per element: this runs
 * for every element of every post.
 */
export function allowedElement(
  name: string,
  attributes: Record<string, string>,
  baseUrl?: string,
): AllowedElement | undefined {
  const allowed = ALLOWED_ATTRIBUTES[name];
  let out = '';
  let url: string | undefined;
  if (allowed) {
    for (const key of allowed) {
      const value = attributes[key];
      if (value === undefined) continue;
      if (URL_ATTRIBUTES.has(key)) {
        const safe = safeUrl(value, baseUrl, name === 'a' && key === 'href');
        if (safe === undefined) continue;
        if (key === 'src' || key === 'href') url = safe;
        if (name === 'iframe' && key === 'src') continue; // replaced by the embed URL below
        out += ` ${key}="${escapeHtml(safe)}"`;
      } else if (NUMERIC_ATTRIBUTES.has(key)) {
        const number = value.trim();
        if (/^\d{1,5}$/.test(number)) out += ` ${key}="${number}"`;
      } else if (key === 'reversed') {
        out += ' reversed';
      } else {
        out += ` ${key}="${escapeHtml(value)}"`;
      }
    }
  }
  if (name === 'img') {
    if (!url || isTrackingPixel(url, attributes.width, attributes.height)) return undefined;
    return { attributes: `${out} loading="lazy" decoding="async" referrerpolicy="no-referrer"`, url };
  }
  if (name === 'a') {
    const rel = url ? ' rel="noopener noreferrer nofollow" referrerpolicy="no-referrer"' : '';
    return { attributes: out + rel, url };
  }
  if (name === 'iframe') {
    const embed = embedUrl(url);
    if (!embed) return undefined;
    return {
      attributes:
        ` src="${escapeHtml(embed)}"${out}` +
        ' sandbox="allow-scripts allow-same-origin allow-presentation allow-popups" allow="fullscreen; picture-in-picture"' +
        ' loading="lazy" referrerpolicy="strict-origin-when-cross-origin"',
      url: embed,
    };
  }
  return { attributes: out, url };
}

function embedUrl(src: string | undefined): string | undefined {
  if (!src) return undefined;
  const url = new URL(src);
  if (url.protocol !== 'https:') url.protocol = 'https:';
  return IFRAME_HOSTS.get(url.hostname)?.(url);
}
