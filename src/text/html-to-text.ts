// Plain text from HTML (titles, authors, image descriptions), white space collapsed, and text cut at a word.
// Linear time, no DOM. Summaries are collected by the sanitizer as it reads a post (sanitize-html.ts).
import { readHtml } from './read-html';

export const BLOCK_TAGS = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'tr', 'table',
  'figure', 'figcaption', 'section', 'article', 'header', 'footer', 'hr', 'dd', 'dt',
]); // prettier-ignore

/** Elements whose content is never text of a title or a description: raw text, metadata, svg and math (none void). */
const HIDDEN_ELEMENTS = new Set([
  'script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'title', 'textarea', 'plaintext', 'noscript',
  'template', 'head', 'svg', 'math',
]); // prettier-ignore

/** The text of `html` with tags removed, entities decoded and whitespace collapsed to single spaces. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return collapseWhitespace(html);
  let text = '';
  // Inside a hidden element, only its own end tag counts (nested ones of the same name too).
  let hiddenTag = '';
  let hiddenDepth = 0;
  readHtml(html, {
    openTag(name, _attributes, selfClosing) {
      if (hiddenDepth > 0) {
        if (name === hiddenTag && !selfClosing) hiddenDepth++;
      } else if (HIDDEN_ELEMENTS.has(name)) {
        if (!selfClosing) {
          hiddenTag = name;
          hiddenDepth = 1;
        }
      } else if (BLOCK_TAGS.has(name)) text += ' ';
    },
    closeTag(name) {
      if (hiddenDepth > 0) {
        if (name === hiddenTag) hiddenDepth--;
      } else if (BLOCK_TAGS.has(name)) text += ' ';
    },
    text(piece) {
      if (hiddenDepth === 0) text += piece;
    },
  });
  return collapseWhitespace(text);
}

export function collapseWhitespace(text: string): string {
  return collapseRuns(text).trim();
}

/**
 * Each run of white space as one plain space, the ends left as they are (a space may remain first or last), so
 * the pieces of a longer text can be collapsed one at a time and joined.
 */
export function collapseRuns(text: string): string {
  // Only runs that need changing match (two or more spaces, or any other kind of space), so ordinary text
  // with single spaces passes through without a replacement per word.
  return text.replace(
    /[\s\u00a0\u200b]{2,}|[\t\n\r\f\v\u00a0\u200b\u2028\u2029\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]/g,
    ' ',
  );
}

/** Cuts text to at most `max` characters at a word boundary, adding an ellipsis when it cut. */
export function truncateWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  const kept = lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut;
  // Trailing spaces and punctuation go before the ellipsis (a loop: an end-anchored pattern would try every
  // position of the text).
  let end = kept.length;
  while (end > 0 && TRAILING.test(kept[end - 1]!)) end--;
  return `${kept.slice(0, end)}…`;
}

/** What is dropped from the end of cut text: white space and punctuation that would sit before '…'. */
const TRAILING = /[\s,;:.\-–—]/;
