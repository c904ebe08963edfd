// An HTML tokenizer for the sanitizer: start tags with their attributes, end tags and decoded text, in
// document order, following the WHATWG tokenizer where it matters for what a browser would show (raw-text
// elements, comments, bogus markup, attribute quoting, a tag cut off by the end of input is dropped). Tree
// building (which open element a new one closes) is the caller's business. It jumps with indexOf between
// markup instead of stepping a state machine per character: posts are mostly text, so this is several
// times faster than a general-purpose parser, and every step moves forward, so time is linear.
import { decodeHTML, decodeHTMLAttribute } from 'entities/decode';

export interface HtmlTokenHandler {
  /** Names are lower-cased; attributes too, first occurrence kept, values decoded. */
  openTag(name: string, attributes: Record<string, string>, selfClosing: boolean): void;
  text(text: string): void;
  closeTag(name: string): void;
}

export interface HtmlTokenizer {
  /** Reads the tokens that start before `until`; answers true when the end of the input is reached. */
  run(until: number): boolean;
}

/** Elements that never have content or an end tag. */
export const VOID_ELEMENTS: ReadonlySet<string> = new Set([
  'area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'img', 'input', 'keygen', 'link',
  'meta', 'param', 'source', 'track', 'wbr',
]); // prettier-ignore

/** Elements whose content is text up to their own end tag (title and textarea decode entities in it). */
const RAW_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'title', 'textarea']);
const ESCAPABLE_RAW_TEXT = new Set(['title', 'textarea']);

const rawTextEnds = new Map<string, RegExp>();
function rawTextEnd(name: string): RegExp {
  let pattern = rawTextEnds.get(name);
  if (!pattern) {
    pattern = new RegExp(`</${name}[\\t\\n\\f\\r />]`, 'gi');
    rawTextEnds.set(name, pattern);
  }
  return pattern;
}

const isAsciiLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 12 || c === 13;
/** Characters that end a tag or attribute name. */
const endsName = (c: number) => isSpace(c) || c === 47 || c === 62;

const decodeText = (text: string) => (text.includes('&') ? decodeHTML(text) : text);

export function createHtmlTokenizer(html: string, handler: HtmlTokenHandler): HtmlTokenizer {
  return new Tokenizer(html, handler);
}

// A class rather than closures: a tokenizer is made for every post, and methods on a prototype cost nothing
// to create (tsx also wraps every closure made per call to keep its name, which showed in profiles).
class Tokenizer implements HtmlTokenizer {
  private at = 0;
  /** Where pending text starts: a '<' that begins no markup is text, joined with what follows it. */
  private textStart = 0;
  private readonly length: number;

  constructor(
    private readonly html: string,
    private readonly handler: HtmlTokenHandler,
  ) {
    this.length = html.length;
  }

  run(until: number): boolean {
    const { html, length } = this;
    let at = this.at;
    while (at < length && at < until) {
      const lt = html.indexOf('<', at);
      if (lt === -1) {
        at = length;
        break;
      }
      const c = html.charCodeAt(lt + 1);
      let next: number;
      if (isAsciiLetter(c)) {
        this.flushText(lt);
        next = this.readStartTag(lt + 1);
      } else if (c === 47) {
        const d = html.charCodeAt(lt + 2);
        if (isAsciiLetter(d)) {
          this.flushText(lt);
          next = this.readEndTag(lt + 2);
        } else if (d === 62) {
          this.flushText(lt);
          next = lt + 3; // </> is nothing
        } else if (Number.isNaN(d)) {
          at = length; // a trailing '</' is text
          break;
        } else {
          this.flushText(lt);
          next = this.skipComment(lt);
        }
      } else if (c === 33 || c === 63) {
        this.flushText(lt);
        next = this.skipComment(lt);
      } else {
        at = lt + 1; // a lone '<' is text
        continue;
      }
      at = this.textStart = next;
    }
    this.at = at;
    if (at < length) return false;
    this.flushText(length);
    this.textStart = length;
    return true;
  }

  private flushText(end: number): void {
    if (end > this.textStart) this.handler.text(decodeText(this.html.slice(this.textStart, end)));
  }

  /** Skips a comment or bogus comment starting at `lt`; answers where reading goes on. */
  private skipComment(lt: number): number {
    const { html, length } = this;
    if (html.startsWith('<!--', lt)) {
      // <!--> and <!---> end at once; otherwise at the first --> or --!>.
      if (html.charCodeAt(lt + 4) === 62) return lt + 5;
      if (html.startsWith('->', lt + 4)) return lt + 6;
      for (let dash = html.indexOf('--', lt + 4); dash !== -1; dash = html.indexOf('--', dash + 1)) {
        if (html.charCodeAt(dash + 2) === 62) return dash + 3;
        if (html.charCodeAt(dash + 2) === 33 && html.charCodeAt(dash + 3) === 62) return dash + 4;
      }
      return length;
    }
    const gt = html.indexOf('>', lt + 2);
    return gt === -1 ? length : gt + 1;
  }

  /** Reads a start tag whose name begins at `start`; answers where reading goes on. */
  private readStartTag(start: number): number {
    const { html, length, handler } = this;
    let p = start;
    while (p < length && !endsName(html.charCodeAt(p))) p++;
    const name = html.slice(start, p).toLowerCase();
    // A plain object: keys are only ever read for allowlisted names, and a string assigned to __proto__ is
    // ignored, so the prototype does no harm, while a null-prototype object is several times slower to fill.
    const attributes: Record<string, string> = {};
    let selfClosing = false;
    for (;;) {
      let slash = false;
      while (p < length) {
        const c = html.charCodeAt(p);
        if (c === 47) slash = true;
        else if (isSpace(c)) slash = false;
        else break;
        p++;
      }
      if (p >= length) return length; // cut off by the end of input: dropped
      if (html.charCodeAt(p) === 62) {
        selfClosing = slash && html.charCodeAt(p - 1) === 47;
        p++;
        break;
      }
      // An attribute name may start with '=' (a parse error browsers accept); it ends at space, / > or =.
      const nameStart = p++;
      while (p < length) {
        const c = html.charCodeAt(p);
        if (endsName(c) || c === 61) break;
        p++;
      }
      const attributeName = html.slice(nameStart, p).toLowerCase();
      let q = p;
      while (q < length && isSpace(html.charCodeAt(q))) q++;
      let value = '';
      if (html.charCodeAt(q) === 61) {
        q++;
        while (q < length && isSpace(html.charCodeAt(q))) q++;
        const quote = html.charCodeAt(q);
        if (quote === 34 || quote === 39) {
          const close = html.indexOf(quote === 34 ? '"' : "'", q + 1);
          if (close === -1) return length;
          value = html.slice(q + 1, close);
          p = close + 1;
        } else {
          const valueStart = q;
          while (q < length) {
            const c = html.charCodeAt(q);
            if (isSpace(c) || c === 62) break;
            q++;
          }
          value = html.slice(valueStart, q);
          p = q;
        }
        if (value.includes('&')) value = decodeHTMLAttribute(value);
      }
      if (!Object.hasOwn(attributes, attributeName)) attributes[attributeName] = value;
    }
    handler.openTag(name, attributes, selfClosing);
    if (name === 'plaintext') {
      if (p < length) handler.text(html.slice(p));
      return length;
    }
    if (!RAW_TEXT.has(name) || selfClosing) return p;
    const end = rawTextEnd(name);
    end.lastIndex = p;
    const found = end.exec(html);
    const contentEnd = found ? found.index : length;
    if (contentEnd > p) {
      const content = html.slice(p, contentEnd);
      handler.text(ESCAPABLE_RAW_TEXT.has(name) ? decodeText(content) : content);
    }
    if (!found) return length;
    handler.closeTag(name);
    const gt = html.indexOf('>', contentEnd);
    return gt === -1 ? length : gt + 1;
  }

  /** Reads an end tag whose name begins at `start`; answers where reading goes on. */
  private readEndTag(start: number): number {
    const { html, length } = this;
    let p = start;
    while (p < length && !endsName(html.charCodeAt(p))) p++;
    const gt = html.indexOf('>', p);
    if (gt === -1) return length; // cut off: dropped
    this.handler.closeTag(html.slice(start, p).toLowerCase());
    return gt + 1;
  }
}
