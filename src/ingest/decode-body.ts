// Bytes to text: the charset comes from a byte-order mark (which cannot lie), then the HTTP header, then the
// XML prolog; UTF-8 that does not decode falls back to the prolog's charset or windows-1252. Characters XML
// forbids are removed so one stray control byte cannot reject a whole feed.
import { yieldToEventLoop } from './yield';
import { cleanText } from '../text/clean-text';

export type DecodeResult = { ok: true; text: string; charset: string } | { ok: false; message: string };

/**
 * The charsets to try, in order: [label, fatal]. Only a declared UTF-8 is tried strictly, with fallbacks;
 * the prolog is read only when it decides the charset or the declared UTF-8 does not decode.
 */
function* charsetPlan(body: Uint8Array, contentType: string | null): Generator<[string, boolean]> {
  const bom = charsetFromBom(body);
  const fromHeader = bom ? undefined : charsetFromContentType(contentType);
  let fromProlog = bom || fromHeader ? undefined : charsetFromProlog(body);
  const first = bom ?? fromHeader ?? fromProlog ?? 'utf-8';
  if (!isUtf8(first)) {
    yield [first, false];
    yield ['utf-8', false];
    return;
  }
  // A declared UTF-8 that does not decode usually means a misconfigured server: try the prolog's charset,
  // then windows-1252, then UTF-8 with replacement characters.
  yield [first, true];
  if (!bom) fromProlog ??= charsetFromProlog(body);
  if (fromProlog && !isUtf8(fromProlog)) yield [fromProlog, false];
  yield ['windows-1252', false];
  yield ['utf-8', false];
}

export function decodeBody(body: Uint8Array, contentType: string | null): DecodeResult {
  let declared: string | undefined;
  for (const [charset, fatal] of charsetPlan(body, contentType)) {
    declared ??= charset;
    const text = tryDecode(body, charset, fatal);
    if (text !== undefined) return finish(text, charset);
  }
  return unreadable(declared!);
}

const SLICE = 1024 * 1024;

/** The same as decodeBody, but a large body is decoded a slice at a time with yields in between. */
export async function decodeBodyInSlices(
  body: Uint8Array,
  contentType: string | null,
): Promise<DecodeResult> {
  if (body.length <= SLICE) return decodeBody(body, contentType);
  let declared: string | undefined;
  for (const [charset, fatal] of charsetPlan(body, contentType)) {
    declared ??= charset;
    const text = await decodeStreaming(body, charset, fatal);
    if (text !== undefined) return { ok: true, text, charset };
  }
  return unreadable(declared!);
}

async function decodeStreaming(
  body: Uint8Array,
  charset: string,
  fatal: boolean,
): Promise<string | undefined> {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal, ignoreBOM: false });
  } catch {
    return undefined;
  }
  const parts: string[] = [];
  try {
    for (let at = 0; at < body.length; at += SLICE) {
      const slice = body.subarray(at, at + SLICE);
      const text =
        decoder.encoding === 'windows-1252'
          ? decodeWindows1252(slice)
          : decoder.decode(slice, { stream: true });
      // Stream decoding never splits a code point across slices, so each slice can be cleaned on its own.
      parts.push(cleanText(at === 0 ? text.replace(/^\uFEFF/, '') : text));
      await yieldToEventLoop();
    }
    if (decoder.encoding !== 'windows-1252') parts.push(cleanText(decoder.decode()));
  } catch {
    return undefined;
  }
  return parts.join('');
}

function unreadable(charset: string): DecodeResult {
  return { ok: false, message: `The feed declares the character set "${charset}", which cannot be read.` };
}

function finish(text: string, charset: string): DecodeResult {
  return { ok: true, text: cleanText(text.replace(/^\uFEFF/, '')), charset };
}

function tryDecode(body: Uint8Array, charset: string, fatal: boolean): string | undefined {
  try {
    const decoder = new TextDecoder(charset, { fatal, ignoreBOM: false });
    // Node 20.18.3+ and workerd decode windows-1252 (and the latin1/ascii labels that mean it) as if it were
    // ISO-8859-1, turning curly quotes and the euro sign into control characters (nodejs/node#60888,
    // cloudflare/workerd#6027). That family is decoded here with the WHATWG table instead.
    if (decoder.encoding === 'windows-1252') return decodeWindows1252(body);
    return decoder.decode(body);
  } catch {
    return undefined; // unknown label, or invalid bytes in fatal mode
  }
}

// WHATWG index-windows-1252 for bytes 0x80-0x9F; every other byte is its own code point.
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(body: Uint8Array): string {
  return decodeSingleByte(body, WINDOWS_1252_HIGH);
}

/**
 * Bytes of an encoding that writes a character a byte: from 0x80, as far as `high` goes, the code point it
 * gives; every other byte is its own code point.
 */
export function decodeSingleByte(body: Uint8Array, high: readonly number[]): string {
  const parts: string[] = [];
  const chunk = new Uint16Array(Math.min(body.length, 8192));
  const last = 0x80 + high.length;
  for (let start = 0; start < body.length; start += chunk.length) {
    const end = Math.min(start + chunk.length, body.length);
    for (let i = start; i < end; i++) {
      const byte = body[i]!;
      chunk[i - start] = byte >= 0x80 && byte < last ? high[byte - 0x80]! : byte;
    }
    parts.push(String.fromCharCode(...chunk.subarray(0, end - start)));
  }
  return parts.join('');
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
  const head = String.fromCharCode(...body.subarray(0, 256));
  return /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1]?.toLowerCase();
}
