// The last stage before storage: feed HTML rebuilt from an allowlist of tags, attributes and URL schemes.
// Everything rendered later trusts only this output. One pass over htmlparser2's tokens, so time is linear.
import { Parser } from 'htmlparser2';
import { escapeHtml } from '../text/escape';
import { BLOCK_TAGS, collapseWhitespace } from '../text/html-to-text';
import { yieldToEventLoop } from './yield';

const ALLOWED_TAGS = new Set([
  'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'cite', 'code', 'dd', 'del', 'details', 'dfn', 'div', 'dl',
  'dt', 'em', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'iframe', 'img', 'ins',
  'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'summary',
  'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul',
]); // prettier-ignore

/** Tags dropped together with everything inside them. */
const DROPPED_WITH_CONTENT = new Set([
  'script', 'style', 'noscript', 'template', 'object', 'embed', 'applet', 'form', 'button', 'select', 'textarea',
  'svg', 'math', 'head', 'title', 'frameset', 'frame', 'noframes', 'audio', 'video', 'canvas', 'map', 'xmp',
  'plaintext', 'noembed',
]); // prettier-ignore

const VOID_TAGS = new Set(['br', 'hr', 'img']);

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

/** Hosts whose players may be embedded; each maps to the embed URL form we keep. */
const IFRAME_HOSTS: Record<string, (url: URL) => string | undefined> = {
  'www.youtube.com': youtubeEmbed,
  'youtube.com': youtubeEmbed,
  'www.youtube-nocookie.com': youtubeEmbed,
  'youtube-nocookie.com': youtubeEmbed,
  'player.vimeo.com': (url) =>
    /^\/video\/\d+$/.test(url.pathname) ? `https://player.vimeo.com${url.pathname}${url.search}` : undefined,
};

function youtubeEmbed(url: URL): string | undefined {
  const match = /^\/embed\/([\w-]{6,20})$/.exec(url.pathname);
  return match ? `https://www.youtube-nocookie.com/embed/${match[1]}` : undefined;
}

/** Image hosts and paths that exist only to count readers. */
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

const MAX_DEPTH = 64;

export interface SanitizeOptions {
  /** Base for resolving relative URLs: the entry's xml:base or the feed's own URL. */
  baseUrl?: string;
}

/** Resolves `value` against `baseUrl` and answers it only if it is http(s) (or mailto where allowed). */
export function safeUrl(value: string, baseUrl: string | undefined, allowMailto = false): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed, baseUrl);
  } catch {
    return undefined;
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  if (allowMailto && url.protocol === 'mailto:') return url.href;
  return undefined;
}

export function isTrackingPixel(src: string, width?: string, height?: string): boolean {
  if ((width !== undefined && Number(width) <= 1) || (height !== undefined && Number(height) <= 1))
    return true;
  return TRACKERS.test(src);
}

export function sanitizeHtml(html: string, options: SanitizeOptions = {}): string {
  const sanitizer = createSanitizer(options);
  sanitizer.write(html);
  return sanitizer.end();
}

/** Slices of this many characters are sanitized between yields to the event loop. */
const SLICE = 8 * 1024;

export interface Sanitized {
  html: string;
  /** The visible text, whitespace collapsed, at least `textLimit` characters of it when there is that much. */
  text: string;
}

/**
 * Sanitizes and, in the same pass, collects the visible text (for summaries), so the post's HTML is read once.
 * Large inputs are fed in slices with a yield between them.
 */
export async function sanitizeWithText(
  html: string,
  options: SanitizeOptions & { textLimit: number },
): Promise<Sanitized> {
  const sanitizer = createSanitizer(options);
  for (let at = 0; at < html.length; at += SLICE) {
    sanitizer.write(html.slice(at, at + SLICE));
    if (at + SLICE < html.length) await yieldToEventLoop();
  }
  return { html: sanitizer.end(), text: collapseWhitespace(sanitizer.text()) };
}

function createSanitizer(options: SanitizeOptions & { textLimit?: number }): {
  write(chunk: string): void;
  end(): string;
  text(): string;
} {
  const textLimit = options.textLimit ?? 0;
  const textParts: string[] = [];
  let textLength = 0;
  const out: string[] = [];
  const open: string[] = []; // allowed tags we emitted and have not closed
  let dropDepth = 0; // > 0 while inside a tag dropped with its content
  let dropTag = '';
  let depth = 0; // nesting of all real elements, to flatten pathological nesting

  const parser = new Parser(
    {
      onopentag(rawName, attributes) {
        const name = rawName; // the parser lower-cases tag names
        if (dropDepth > 0) {
          if (name === dropTag) dropDepth++;
          return;
        }
        if (DROPPED_WITH_CONTENT.has(name)) {
          dropDepth = 1;
          dropTag = name;
          return;
        }
        if (textLength < textLimit && BLOCK_TAGS.has(name)) textParts.push(' ');
        if (!ALLOWED_TAGS.has(name) || depth >= MAX_DEPTH) return;
        const attrs = allowedAttributes(name, attributes, options.baseUrl);
        if (attrs === undefined) {
          // iframe from a host we do not embed: drop it with anything inside.
          if (!VOID_TAGS.has(name)) {
            dropDepth = 1;
            dropTag = name;
          }
          return;
        }
        out.push(`<${name}${attrs}>`);
        if (!VOID_TAGS.has(name)) {
          open.push(name);
          depth++;
        }
      },
      ontext(text) {
        if (dropDepth > 0) return;
        out.push(escapeHtml(text));
        if (textLength < textLimit) {
          textParts.push(text);
          textLength += text.length;
        }
      },
      onclosetag(rawName) {
        const name = rawName; // the parser lower-cases tag names
        if (dropDepth > 0) {
          if (name === dropTag) dropDepth--;
          return;
        }
        if (textLength < textLimit && BLOCK_TAGS.has(name)) textParts.push(' ');
        if (VOID_TAGS.has(name)) return;
        const at = open.lastIndexOf(name);
        if (at === -1) return;
        // Close anything left open inside it, so the output stays well nested.
        while (open.length > at) {
          out.push(`</${open.pop()}>`);
          depth--;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  // Output is joined once per write, so the final join is over a few segments, not every tag and text.
  const segments: string[] = [];
  return {
    write(chunk) {
      parser.write(chunk);
      segments.push(out.join(''));
      out.length = 0;
    },
    end() {
      parser.end();
      while (open.length) out.push(`</${open.pop()}>`);
      segments.push(out.join(''));
      return segments.join('').trim();
    },
    text: () => textParts.join(''),
  };
}

/**
 * The allowed attributes of one element, serialized (' href="…" rel="…"'), or undefined when the element must
 * go: an image with no safe source or a tracking pixel, an iframe from a host we do not embed. Built as one
 * string per element: this runs for every element of every post.
 */
function allowedAttributes(
  name: string,
  attributes: Record<string, string>,
  baseUrl?: string,
): string | undefined {
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
    return `${out} loading="lazy" decoding="async" referrerpolicy="no-referrer"`;
  }
  if (name === 'a')
    return url ? `${out} rel="noopener noreferrer nofollow" referrerpolicy="no-referrer"` : out;
  if (name === 'iframe') {
    const embed = embedUrl(url);
    if (!embed) return undefined;
    return (
      ` src="${escapeHtml(embed)}"${out}` +
      ' sandbox="allow-scripts allow-same-origin allow-presentation allow-popups" allow="fullscreen; picture-in-picture"' +
      ' loading="lazy" referrerpolicy="strict-origin-when-cross-origin"'
    );
  }
  return out;
}

function embedUrl(src: string | undefined): string | undefined {
  if (!src) return undefined;
  const url = new URL(src);
  if (url.protocol !== 'https:') url.protocol = 'https:';
  return IFRAME_HOSTS[url.hostname]?.(url);
}
