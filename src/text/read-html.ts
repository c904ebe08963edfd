// Reads HTML with htmlparser2's tokenizer and hands its start tags (with attributes), text and end tags to a
// handler, in document order; which open element a new one closes is the handler's business.
import { decodeHTML, decodeHTMLAttribute } from 'entities';
import type { TokenizerCallbacks } from 'htmlparser2';
import { ScanningTokenizer } from './scanning-tokenizer';
import { scriptEnd } from './script-end';

export interface HtmlHandler {
  /** Names are lower-cased, attribute names too; the first of two attributes wins; values are decoded. */
  openTag(name: string, attributes: Record<string, string>, selfClosing: boolean): void;
  /** Decoded text; raw text (a script's, a style's) arrives as it was written, inside its element. */
  text(text: string): void;
  closeTag(name: string): void;
}

export interface HtmlReader {
  /** Reads the input up to `until` characters; answers true once all of it has been read. */
  read(until: number): boolean;
}

/** Elements that never have content or an end tag. */
export const VOID_ELEMENTS: ReadonlySet<string> = new Set([
  'area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'img', 'input', 'keygen', 'link',
  'meta', 'param', 'source', 'track', 'wbr',
]); // prettier-ignore

/**
 * The elements htmlparser2's tokenizer reads as text up to their own end tag, as browsers do, even when their
 * start tag ends in a slash (`<script/>x()</script>` is a script holding `x()`).
 */
const RAW_TEXT = new Set([
  'script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'title', 'textarea', 'plaintext',
]); // prettier-ignore

/** Raw-text elements whose character references a browser still decodes. */
const ESCAPABLE_RAW_TEXT = new Set(['title', 'textarea']);

/** Reads all of `html`. */
export function readHtml(html: string, handler: HtmlHandler): void {
  createHtmlReader(html, handler).read(html.length);
}

/**
 * A reader that can stop between slices of the input, so a long post can be read with yields between them.
 * Names and values are sliced from the input: the tokenizer's callbacks carry positions in what it was given,
 * which starts at `base` (a script that ends later than htmlparser2 thinks is read on by a new tokenizer).
 */
export function createHtmlReader(html: string, handler: HtmlHandler): HtmlReader {
  let base = 0;
  let tagName = '';
  let attributes: Record<string, string> = {};
  let attributeName = '';
  let attributeValue = '';
  // Character references are decoded here, not by the tokenizer: with its decoding off, it skips to the next
  // `<` (or quote) instead of stepping through every character, which more than halves the time a post takes.
  // Text arrives in pieces (at each slice's end) and is decoded and handed over in one piece, so a reference
  // cut by a slice still decodes; a raw-text element's text (a script's, a style's) is never decoded.
  let text = '';
  let rawText = false;
  const flushText = () => {
    if (text) handler.text(rawText || !text.includes('&') ? text : decodeHTML(text));
    text = '';
  };
  let scriptStart = -1; // where the text of the script being read starts
  let restartAt = -1; // where a new tokenizer takes over, once the current one is paused
  const ignore = () => {};
  const callbacks: TokenizerCallbacks = {
    ontext(start, end) {
      text += html.slice(base + start, base + end);
    },
    ontextentity() {}, // decoding is off
    onopentagname(start, end) {
      flushText();
      tagName = html.slice(base + start, base + end).toLowerCase();
      attributes = {};
    },
    onattribname(start, end) {
      attributeName = html.slice(base + start, base + end).toLowerCase();
      attributeValue = '';
    },
    onattribdata(start, end) {
      attributeValue += html.slice(base + start, base + end);
    },
    onattribentity() {}, // decoding is off
    onattribend() {
      // A plain object: only allowlisted names are ever read from it, and a value given to __proto__ is a
      // string, which an assignment to __proto__ ignores.
      if (!Object.hasOwn(attributes, attributeName)) {
        attributes[attributeName] = attributeValue.includes('&')
          ? decodeHTMLAttribute(attributeValue)
          : attributeValue;
      }
    },
    onopentagend(end) {
      if (tagName === 'script') scriptStart = base + end + 1;
      rawText = RAW_TEXT.has(tagName) && !ESCAPABLE_RAW_TEXT.has(tagName);
      handler.openTag(tagName, attributes, false);
    },
    onselfclosingtag(end) {
      if (tagName === 'script') scriptStart = base + end + 1;
      rawText = RAW_TEXT.has(tagName) && !ESCAPABLE_RAW_TEXT.has(tagName);
      handler.openTag(tagName, attributes, !RAW_TEXT.has(tagName));
    },
    onclosetag(start, end) {
      const name = html.slice(base + start, base + end).toLowerCase();
      if (name === 'script' && scriptStart !== -1) {
        const found = base + start - 2;
        const textEnd = scriptEnd(html, scriptStart);
        scriptStart = -1;
        if (textEnd !== found) {
          // The end tag htmlparser2 found is inside the script's text: the text goes on to its real end tag, and
          // a new tokenizer reads on after that.
          text += html.slice(found, textEnd);
          const tagEnd = html.indexOf('>', textEnd);
          restartAt = tagEnd === -1 ? html.length : tagEnd + 1;
          tokenizer.pause();
          if (textEnd === html.length) {
            flushText(); // no end tag: the rest of the input was the script's
            return;
          }
        }
      }
      flushText();
      rawText = false;
      handler.closeTag(name);
    },
    // HTML has no CDATA sections (a browser reads `<![CDATA[` as a comment that ends at the first `>`), and
    // htmlparser2 hides everything up to `]]>`: a post whose HTML was wrapped in CDATA twice would be lost. Its
    // content is read as HTML instead. It holds no `]]>`, so this goes one level deep at most.
    oncdata(start, end, endOffset) {
      flushText();
      readHtml(html.slice(base + start, base + end - endOffset), handler);
    },
    onend: flushText,
    // Comments, doctypes and processing instructions show nothing.
    oncomment: ignore,
    ondeclaration: ignore,
    onprocessinginstruction: ignore,
    // No isInForeignContext: inside svg and math a browser reads <script> and <style> as markup, but a
    // paragraph breaks out of svg without an end tag, and a tree builder that missed that would read the script
    // after it as markup too, and show its text. Read as raw text everywhere, a script's text never shows.
  };
  let tokenizer = new ScanningTokenizer({ decodeEntities: false }, callbacks);
  let written = 0;
  let ended = false;
  return {
    read(until) {
      const end = Math.min(until, html.length);
      while (written < end) {
        tokenizer.write(html.slice(written, end));
        written = end;
        if (restartAt !== -1) {
          tokenizer = new ScanningTokenizer({ decodeEntities: false }, callbacks);
          base = written = restartAt;
          restartAt = -1;
        }
      }
      if (written < html.length) return false;
      if (!ended) tokenizer.end();
      ended = true;
      return true;
    },
  };
}
