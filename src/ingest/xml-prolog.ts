// What stands before a feed's root element (XML declaration, processing instructions, comments, a DOCTYPE),
// passed over here, and what a reference to an entity the feed declares itself becomes: nothing. A DOCTYPE's
// internal subset ([…]) is skipped whole, so its declarations never reach the tokenizer as markup and their
// entities are never expanded; nothing a DTD names is ever fetched.
import { decodeHTMLStrict, decodeXML } from 'entities/decode';

export interface Prolog {
  /** Where reading the document goes on: at its root element, or whatever stands there instead. */
  end: number;
  /** The DOCTYPE declares entities of the feed's own (any but HTML's named characters). */
  declaresOwnEntities: boolean;
  /** The root element the DOCTYPE names, as written (`html` for a web page), if there is one. */
  doctype?: string;
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13 || c === 0xfeff;

/**
 * Every step moves past what it looked at, and a DOCTYPE is read once, so time is linear. A processing
 * instruction ends at its first '>': a broken XML declaration (`<?xml version="1.0">`) costs nothing, where
 * the tokenizer would look for '?>' to the end of the feed and read nothing.
 */
export function readProlog(text: string): Prolog {
  let at = 0;
  let declaresOwnEntities = false;
  let doctype: string | undefined;
  for (;;) {
    while (at < text.length && isSpace(text.charCodeAt(at))) at++;
    if (text.startsWith('<?', at)) {
      const gt = text.indexOf('>', at + 2);
      if (gt === -1) break;
      at = gt + 1;
    } else if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at + 4);
      if (end === -1) break;
      at = end + 3;
    } else if (doctype === undefined && text.slice(at, at + 9).toUpperCase() === '<!DOCTYPE') {
      const gt = text.indexOf('>', at + 9);
      if (gt === -1) break;
      const declaration = text.slice(at + 9, gt);
      doctype = /^\s*([^\s[>]*)/.exec(declaration)![1]!;
      const bracket = declaration.indexOf('[');
      if (bracket === -1) {
        at = gt + 1;
        continue;
      }
      const subsetStart = at + 9 + bracket + 1;
      const close = /\]\s*>/g;
      close.lastIndex = subsetStart;
      const end = close.exec(text);
      // A subset that never closes is read as the tokenizer would: the declaration ends at its first '>'.
      const subsetEnd = end ? end.index : gt;
      declaresOwnEntities = declaresEntities(text.slice(subsetStart, subsetEnd));
      at = end ? end.index + end[0].length : gt + 1;
    } else break;
  }
  return { end: at, declaresOwnEntities, doctype };
}

/**
 * Whether a DOCTYPE's internal subset, or one declaration as the tokenizer hands it over (`!ENTITY x "…"`),
 * declares an entity of the feed's own: any but one of HTML's named characters (XML's five among them).
 */
export function declaresEntities(declarations: string): boolean {
  if (!declarations.includes('!ENTITY')) return false; // XML names are case-sensitive
  for (const [, parameter, name] of declarations.matchAll(/(?:^|<)!ENTITY\s+(%\s*)?([^\s"'<>%]+)/g)) {
    // A parameter entity can declare any others, from anywhere.
    if (parameter || !isHtmlCharacterName(name!)) return true;
  }
  return false;
}

const htmlNames = new Map<string, boolean>();

function isHtmlCharacterName(name: string): boolean {
  let known = htmlNames.get(name);
  if (known === undefined) {
    known = decodeHTMLStrict(`&${name};`) !== `&${name};`;
    if (htmlNames.size < 4096) htmlNames.set(name, known);
  }
  return known;
}

/** A named reference: '&', a name, ';'. An '&' that starts none (`Fish & Chips`) is text, as it is. */
const REFERENCE = /&([^\s&;<>#][^\s&;<>]*);/g;

/**
 * How raw text and attribute values are decoded: XML's five entities and numeric references. In a feed that
 * declares entities of its own, a reference to any name but HTML's is dropped (it would otherwise stand in a
 * title as `&x;`); HTML's names are left as written for the HTML reading of titles and posts that follows.
 */
export function xmlTextDecoder(declaresOwnEntities: boolean): (raw: string) => string {
  if (!declaresOwnEntities) return (raw) => (raw.includes('&') ? decodeXML(raw) : raw);
  return (raw) =>
    raw.includes('&')
      ? decodeXML(
          raw.replace(REFERENCE, (reference, name: string) => (isHtmlCharacterName(name) ? reference : '')),
        )
      : raw;
}
