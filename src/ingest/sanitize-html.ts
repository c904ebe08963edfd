// The last stage before storage: feed HTML rebuilt from an allowlist of tags, attributes and URL schemes.
// Everything rendered later trusts only this output, which is built afresh from what htmlparser2's tokenizer
// reads (every tag from the allowlist, every text and attribute escaped), so however odd the input, nothing
// else gets through. One pass, so time is linear; the same pass collects the visible text and the first picture.
import { escapeHtml } from '../text/escape';
import { BLOCK_TAGS } from '../text/html-to-text';
import { createHtmlReader, VOID_ELEMENTS, type HtmlHandler } from '../text/read-html';
import { createVisibleText } from '../text/visible-text';
import { ALLOWED_TAGS, allowedElement, DROPPED_WITH_CONTENT } from './html-allowlist';
import { yieldToEventLoop } from './yield';

/**
 * An element opening closes the kept elements named here, while they are innermost (as browsers do). Applied
 * to what is kept, not to what was read, so sanitizing the output again changes nothing.
 */
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

/** Deeper nesting is flattened: its elements go, their text stays. */
const MAX_DEPTH = 64;
/**
 * Characters of HTML kept, at most. Rebuilt HTML can be far longer than what came (a relative `<img src=x>`
 * is written out with the post's whole address and its attributes), so the cap is on what is kept, not only
 * on what is read: a hostile feed cannot turn 1 MiB into hundreds of MB per post. What comes after it is
 * dropped, and what is open is closed, so the HTML kept is still well formed.
 */
export const MAX_KEPT_HTML = 256 * 1024;

export interface SanitizeOptions {
  /** Base for resolving relative URLs: the entry's xml:base or the feed's own URL. */
  baseUrl?: string;
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
  /** The first picture kept, its address resolved and checked, its description as written. */
  image: { url: string; alt: string } | undefined;
}

/**
 * Sanitizes and, in the same pass, collects the visible text (for summaries) and the first picture, so the
 * post's HTML is read once. Large inputs are read in slices with a yield between them.
 */
export async function sanitizeWithText(
  html: string,
  options: SanitizeOptions & { textLimit: number },
): Promise<Sanitized> {
  const sanitizer = new Sanitizer(html, options);
  for (let until = SLICE; !sanitizer.run(until); until += SLICE) await yieldToEventLoop();
  return { html: sanitizer.html(), text: sanitizer.visible.text(), image: sanitizer.image };
}

/** Builds the output from what the reader hands over, keeping its own stack of the elements it kept. */
class Sanitizer implements HtmlHandler {
  // Built with += (V8 joins such strings lazily, which measured faster here than pushing to arrays and joining).
  private out = '';
  readonly visible;
  image: Sanitized['image'];
  private readonly open: string[] = []; // allowed tags we emitted and have not closed
  private dropDepth = 0; // > 0 while inside a tag dropped with its content
  private dropTag = '';
  private depth = 0; // nesting of kept elements, to flatten pathological nesting
  private readonly reader;

  constructor(
    input: string,
    private readonly options: SanitizeOptions & { textLimit?: number },
  ) {
    this.visible = createVisibleText(options.textLimit ?? 0);
    this.reader = createHtmlReader(input, this);
  }

  /** Sanitizes the input up to `until` characters; answers true when all of it is done. */
  run(until: number): boolean {
    if (!this.reader.read(until)) return false;
    while (this.open.length) this.out += `</${this.open.pop()}>`;
    return true;
  }

  html(): string {
    return this.out.trim();
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
    const element = allowedElement(name, attributes, this.options.baseUrl);
    if (element === undefined) {
      // An image that may not be shown, or an iframe from a host we do not embed: gone with anything inside.
      if (!empty) this.drop(name);
      return;
    }
    if (name === 'img' && !this.image) this.image = { url: element.url!, alt: attributes.alt ?? '' };
    if (this.out.length >= MAX_KEPT_HTML) return;
    this.out += `<${name}${element.attributes}>`;
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
    this.visible.add(text);
    const room = MAX_KEPT_HTML - this.out.length;
    if (room <= 0) return;
    const escaped = escapeHtml(text.length > room ? text.slice(0, room) : text);
    // Cut at the cap, but never inside a character reference.
    this.out += escaped.length > room ? escaped.slice(0, room).replace(/&[a-z#0-9]*$/, '') : escaped;
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
    if (!this.close(name) && name === 'p' && this.depth < MAX_DEPTH && this.out.length < MAX_KEPT_HTML)
      this.out += '<p></p>';
  }

  private drop(name: string): void {
    this.dropDepth = 1;
    this.dropTag = name;
  }

  private blockBoundary(name: string): void {
    if (BLOCK_TAGS.has(name)) this.visible.add(' ');
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
