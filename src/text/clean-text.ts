// The one text sanitizer: every string that enters storage (from a feed, a form, the API, an import) and
// everything written as XML drops the characters XML 1.0 forbids, the Unicode non-characters, and the bidi
// controls that can reorder a headline.

/*
 * What goes:
 * - C0 controls except tab, line feed and carriage return: XML 1.0 forbids them, and one in a feed makes the
 *   whole document unreadable.
 * - Lone surrogates (a surrogate is fine in a pair: an emoji is one), which no encoder can write.
 * - The non-characters: U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF,
 *   U+1FFFE, …), which Unicode reserves for a program's internal use, never for interchange.
 * - Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they reorder the text around
 *   them until a matching pop, so a post can make a headline or a link read as something else. The marks
 *   U+200E, U+200F and U+061C stay: they only steer neutral characters next to them, and Arabic and Hebrew
 *   text needs them.
 */
/* eslint-disable no-control-regex -- matching control characters is the point */
const UNWANTED =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFDD0-\uFDEF\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069]/g;
/* eslint-enable no-control-regex */
/** Non-characters beyond the first plane: U+1FFFE, U+1FFFF, … U+10FFFF, written as surrogate pairs. */
const ASTRAL_NONCHARACTER =
  /[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** A quick test that lets ordinary text through without a replacement. */
/* eslint-disable no-control-regex -- matching control characters is the point */
const MAYBE_UNWANTED =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFDD0-\uFDEF\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069]/;
/* eslint-enable no-control-regex */

/** `text` without the characters above; everything else, white space included, as it was. */
export function cleanText(text: string): string {
  if (!MAYBE_UNWANTED.test(text)) return text;
  let cleaned = text.replace(UNWANTED, '').replace(ASTRAL_NONCHARACTER, '');
  // Looking around every surrogate is slow on a text full of emoji; one check that all are paired skips it.
  if (!cleaned.isWellFormed()) cleaned = cleaned.replace(LONE_SURROGATE, '');
  return cleaned;
}

/** cleanText for a value that may be absent. */
export function cleanOptional<T extends string | null | undefined>(text: T): T {
  return (typeof text === 'string' ? cleanText(text) : text) as T;
}

/** Every string inside parsed JSON cleaned, keys included; other values as they were. */
export function cleanJson(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map(cleanJson);
  // fromEntries defines each key as its own property, so a "__proto__" key stays data, as JSON.parse left it.
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [cleanText(key), cleanJson(inner)]),
    );
  return value;
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Text as XML character data or an attribute value: cleaned, then escaped. Every XML writer uses it, so a row
 * stored before text was cleaned on the way in still cannot make a feed unreadable.
 */
export function escapeXml(text: string): string {
  return cleanText(text).replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch]!);
}
