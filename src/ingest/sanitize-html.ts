// The last stage before storage: feed HTML rebuilt from an allowlist of tags, attributes and URL schemes.
// Everything rendered later trusts only this output, which is built afresh from the tokens (every tag from the
// allowlist, every text and attribute escaped), so however odd the input, nothing else gets through. One pass
// over the tokens, so time is linear.
import { escapeHtml } from '../text/escape';
import {
  createHtmlTokenizer,
  VOID_ELEMENTS,
  type HtmlTokenHandler,
  type HtmlTokenizer,
} from '../text/html-tokenizer';
import { BLOCK_TAGS, collapseRuns } from '../text/html-to-text';
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

/** An element opening closes the open elements named here, while they are innermost (as browsers do). */
const IMPLIED_CLOSES = new Map<string, ReadonlySet<string>>();
{
  const paragraph = new Set(['p']);
  const headings = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p']);
  const cells = new Set(['td', 'th']);
  const definitions = new Set(['dd', 'dt']);
  const sections = new Set(['thead', 'tbody']);
  for (const [names, closes] of [
    [['tr'], new Set(['tr', 'td', 'th'])],
    [['td', 'th'], cells],
    [['a'], new Set(['a'])],
    [['li'], new Set(['li'])],
    [['h1', 'h2', 'h3', 'h4', 'h5', 'h6'], headings],
    [['dd', 'dt'], definitions],
    [['tbody', 'tfoot'], sections],
    [
      [
        'p', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption',
        'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul',
      ], // prettier-ignore
      paragraph,
    ],
  ] as const)
    for (const name of names) IMPLIED_CLOSES.set(name, closes);
}

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

export function sanitizeHtml(html: string, options: SanitizeOptions = {}): string {
  const sanitizer = new Sanitizer(html, options);
  sanitizer.run(Infinity);
  return sanitizer.html();
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
  const sanitizer = new Sanitizer(html, options);
  for (let until = SLICE; !sanitizer.run(until); until += SLICE) await yieldToEventLoop();
  return { html: sanitizer.html(), text: sanitizer.visibleText() };
}

/** Two texts with collapsed white space as one: no space first, and one space where both have one. */
function joinCollapsed(start: string, end: string): string {
  return end.startsWith(' ') && (start === '' || start.endsWith(' ')) ? start + end.slice(1) : start + end;
}

/** Builds the output from the tokens; a class because one is made per post (see html-tokenizer.ts). */
class Sanitizer implements HtmlTokenHandler {
  // Strings built with += (V8 joins them lazily, which measured faster here than pushing to arrays and joining).
  private out = '';
  private visible = ''; // the visible text read so far (up to textLimit characters of it)
  private collapsedLength = 0; // white space is collapsed in this many characters at the start of `visible`
  private textFull: boolean; // `visible` holds textLimit characters, collapsed
  private readonly textLimit: number;
  private readonly open: string[] = []; // allowed tags we emitted and have not closed
  private dropDepth = 0; // > 0 while inside a tag dropped with its content
  private dropTag = '';
  private depth = 0; // nesting of all real elements, to flatten pathological nesting
  private readonly tokenizer: HtmlTokenizer;

  constructor(
    input: string,
    private readonly options: SanitizeOptions & { textLimit?: number },
  ) {
    this.textLimit = options.textLimit ?? 0;
    this.textFull = this.textLimit <= 0;
    this.tokenizer = createHtmlTokenizer(input, this);
  }

  /** Sanitizes the markup that starts before `until`; answers true when all of it is done. */
  run(until: number): boolean {
    if (!this.tokenizer.run(until)) return false;
    while (this.open.length) this.out += `</${this.open.pop()}>`;
    return true;
  }

  html(): string {
    return this.out.trim();
  }

  /** The visible text, white space collapsed: at least textLimit characters of it, when there is that much. */
  visibleText(): string {
    const { visible, collapsedLength } = this;
    return joinCollapsed(
      visible.slice(0, collapsedLength),
      collapseRuns(visible.slice(collapsedLength)),
    ).trimEnd();
  }

  openTag(name: string, attributes: Record<string, string>, selfClosing: boolean): void {
    const { open } = this;
    const empty = selfClosing || VOID_ELEMENTS.has(name);
    if (this.dropDepth > 0) {
      if (name === this.dropTag && !empty) this.dropDepth++;
      return;
    }
    // As browsers do: a new paragraph ends the open one, a list item the previous item, and so on.
    const closes = IMPLIED_CLOSES.get(name);
    while (closes && open.length && closes.has(open[open.length - 1]!)) {
      const innermost = open[open.length - 1]!;
      this.blockBoundary(innermost);
      this.close(innermost);
    }
    if (DROPPED_WITH_CONTENT.has(name)) {
      if (!empty) this.drop(name);
      return;
    }
    this.blockBoundary(name);
    if (!ALLOWED_TAGS.has(name) || this.depth >= MAX_DEPTH) return;
    const attrs = allowedAttributes(name, attributes, this.options.baseUrl);
    if (attrs === undefined) {
      // iframe from a host we do not embed: drop it with anything inside.
      if (!empty) this.drop(name);
      return;
    }
    this.out += `<${name}${attrs}>`;
    if (VOID_ELEMENTS.has(name)) return;
    if (selfClosing) this.out += `</${name}>`;
    else {
      open.push(name);
      this.depth++;
    }
  }

  text(text: string): void {
    // An iframe's content is never shown (a browser reads it as raw text): it is not kept either.
    if (this.dropDepth > 0 || this.open[this.open.length - 1] === 'iframe') return;
    this.out += escapeHtml(text);
    if (!this.textFull) this.addVisible(text);
  }

  closeTag(name: string): void {
    if (this.dropDepth > 0) {
      if (name === this.dropTag) this.dropDepth--;
      // An end tag for an element open around the dropped one closes the dropped one too (</p> after an
      // unclosed <svg> inside that paragraph), and what follows is kept.
      if (this.dropDepth === 0 || !this.open.includes(name)) return;
      this.dropDepth = 0;
    }
    // Browsers read a stray </br> as <br>, and a stray </p> as an empty paragraph.
    if (name === 'br') return this.openTag('br', {}, false);
    this.blockBoundary(name);
    if (VOID_ELEMENTS.has(name)) return;
    if (!this.close(name) && name === 'p' && this.depth < MAX_DEPTH) this.out += '<p></p>';
  }

  private drop(name: string): void {
    this.dropDepth = 1;
    this.dropTag = name;
  }

  private blockBoundary(name: string): void {
    if (!this.textFull && BLOCK_TAGS.has(name)) this.addVisible(' ');
  }

  /**
   * Adds a text to the visible text. Texts are joined as they come; white space is collapsed once the text
   * reaches the limit, with only as much of the last text as the limit needs (the part taken doubles while
   * white space collapses it short), and reading goes on while the collapsed text falls short. What was
   * collapsed before is not read again.
   */
  private addVisible(text: string): void {
    const room = this.textLimit - this.visible.length;
    if (text.length < room) {
      this.visible += text;
      return;
    }
    const done = this.visible.slice(0, this.collapsedLength);
    const pending = this.visible.slice(this.collapsedLength);
    for (let take = Math.max(room, 1); ; take *= 2) {
      const joined = joinCollapsed(done, collapseRuns(pending + text.slice(0, take)));
      // Collapsed, the text ends in at most one space.
      this.textFull = joined.length - (joined.endsWith(' ') ? 1 : 0) >= this.textLimit;
      if (this.textFull || take >= text.length) {
        this.visible = joined;
        this.collapsedLength = joined.length;
        return;
      }
    }
  }

  /** Closes the open element `name` and anything left open inside it, so the output stays well nested. */
  private close(name: string): boolean {
    const at = this.open.lastIndexOf(name);
    if (at === -1) return false;
    while (this.open.length > at) {
      this.out += `</${this.open.pop()}>`;
      this.depth--;
    }
    return true;
  }
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
  return IFRAME_HOSTS.get(url.hostname)?.(url);
}
