// Bytes to text: the charset comes from a byte-order mark (which cannot lie), then the HTTP header, then the
// XML prolog; UTF-8 that does not decode falls back to the prolog's charset or windows-1252. Characters XML
// forbids are removed so one stray control byte cannot reject a whole feed.

export type DecodeResult = { ok: true; text: string; charset: string } | { ok: false; message: string };

export function decodeBody(body: Uint8Array, contentType: string | null): DecodeResult {
  const bom = charsetFromBom(body);
  const fromHeader = charsetFromContentType(contentType);
  const fromProlog = bom ? undefined : charsetFromProlog(body);
  const candidates = [bom, fromHeader, fromProlog].filter((c): c is string => !!c);
  const first = candidates[0] ?? 'utf-8';

  const decoded = tryDecode(body, first, isUtf8(first));
  if (decoded !== undefined) return finish(decoded, first);
  // The declared charset was UTF-8 but the bytes are not: the usual culprit is a misconfigured server.
  for (const fallback of [fromProlog, 'windows-1252']) {
    if (!fallback || isUtf8(fallback)) continue;
    const text = tryDecode(body, fallback, false);
    if (text !== undefined) return finish(text, fallback);
  }
  const lenient = tryDecode(body, 'utf-8', false);
  if (lenient !== undefined) return finish(lenient, 'utf-8');
  return { ok: false, message: `The feed declares the character set "${first}", which cannot be read.` };
}

function finish(text: string, charset: string): DecodeResult {
  return { ok: true, text: removeInvalidXmlCharacters(text.replace(/^\uFEFF/, '')), charset };
}

function tryDecode(body: Uint8Array, charset: string, fatal: boolean): string | undefined {
  try {
    return new TextDecoder(charset, { fatal, ignoreBOM: false }).decode(body);
  } catch {
    return undefined; // unknown label, or invalid bytes in fatal mode
  }
}

function isUtf8(charset: string): boolean {
  return /^utf-?8$/i.test(charset);
}

function charsetFromBom(body: Uint8Array): string | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  return undefined;
}

export function charsetFromContentType(contentType: string | null): string | undefined {
  const match = /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}

function charsetFromProlog(body: Uint8Array): string | undefined {
  // UTF-16 without a BOM still starts with '<' '\0' or '\0' '<'.
  if (body[0] === 0x3c && body[1] === 0x00) return 'utf-16le';
  if (body[0] === 0x00 && body[1] === 0x3c) return 'utf-16be';
  const head = new TextDecoder('latin1').decode(body.subarray(0, 256));
  return /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1]?.toLowerCase();
}

// XML 1.0 allows tab, newline, carriage return and everything from U+0020 except surrogates, U+FFFE, U+FFFF.
const INVALID_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function removeInvalidXmlCharacters(text: string): string {
  return text.replace(INVALID_XML, '');
}
