// Mac OS Roman, the encoding Excel on a Mac writes for "Comma Separated Values (.csv)" (Excel on Windows writes
// Windows-1252 for the same choice). Both give every byte a character, so a file that is not UTF-8 cannot say
// which it is: `likelierMacRoman` goes by how its lines end, and where they do not tell, by how each encoding
// would read its bytes inside words; only a file whose accented letters read better as Mac OS Roman is read so.
import { decodeSingleByte, decodeWindows1252 } from '../ingest/decode-body';
import { yieldToEventLoop } from '../ingest/yield';

// WHATWG index-macintosh for bytes 0x80-0xFF (the euro sign at 0xDB); every other byte is its own code point.
// prettier-ignore
const MAC_ROMAN_HIGH = [
  0xc4, 0xc5, 0xc7, 0xc9, 0xd1, 0xd6, 0xdc, 0xe1, 0xe0, 0xe2, 0xe4, 0xe3, 0xe5, 0xe7, 0xe9, 0xe8,
  0xea, 0xeb, 0xed, 0xec, 0xee, 0xef, 0xf1, 0xf3, 0xf2, 0xf4, 0xf6, 0xf5, 0xfa, 0xf9, 0xfb, 0xfc,
  0x2020, 0xb0, 0xa2, 0xa3, 0xa7, 0x2022, 0xb6, 0xdf, 0xae, 0xa9, 0x2122, 0xb4, 0xa8, 0x2260, 0xc6, 0xd8,
  0x221e, 0xb1, 0x2264, 0x2265, 0xa5, 0xb5, 0x2202, 0x2211, 0x220f, 0x3c0, 0x222b, 0xaa, 0xba, 0x3a9, 0xe6, 0xf8,
  0xbf, 0xa1, 0xac, 0x221a, 0x192, 0x2248, 0x2206, 0xab, 0xbb, 0x2026, 0xa0, 0xc0, 0xc3, 0xd5, 0x152, 0x153,
  0x2013, 0x2014, 0x201c, 0x201d, 0x2018, 0x2019, 0xf7, 0x25ca, 0xff, 0x178, 0x2044, 0x20ac, 0x2039, 0x203a, 0xfb01, 0xfb02,
  0x2021, 0xb7, 0x201a, 0x201e, 0x2030, 0xc2, 0xca, 0xc1, 0xcb, 0xc8, 0xcd, 0xce, 0xcf, 0xcc, 0xd3, 0xd4,
  0xf8ff, 0xd2, 0xda, 0xdb, 0xd9, 0x131, 0x2c6, 0x2dc, 0xaf, 0x2d8, 0x2d9, 0x2da, 0xb8, 0x2dd, 0x2db, 0x2c7,
];

export function decodeMacRoman(bytes: Uint8Array): string {
  return decodeSingleByte(bytes, MAC_ROMAN_HIGH);
}

/** Accented letters names and words in Western European languages are written with, in lower case. */
const COMMON_LOWER = new Set('àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœß');
/** The apostrophe of O’Brien, as each encoding writes it. */
const APOSTROPHE = '’';

/**
 * How well a byte above 0x7F reads as `character` between the bytes `before` and `after`: one of the common
 * accented letters 2 (the curly apostrophe too), but 0 right before a capital ("óBobby", "ANAœS"); its
 * capital 2 among capitals ("JOSÉ"), 0 after a small letter ("JosŽ") or between a capital and a small one
 * ("MŸller"), 1 elsewhere; another letter 0 (ƒ, ﬁ, ı); anything else -1 inside a word (a dash between
 * letters) and 0 at its edge (a quotation mark).
 */
function weight(character: string, before: number, after: number): number {
  const capital = (byte: number) => byte >= 0x41 && byte <= 0x5a;
  const small = (byte: number) => byte >= 0x61 && byte <= 0x7a;
  if (character === APOSTROPHE) return 2;
  if (COMMON_LOWER.has(character)) return capital(after) ? 0 : 2;
  const lower = character.toLowerCase();
  if (lower !== character) {
    if (!COMMON_LOWER.has(lower) || small(before)) return 0;
    if (capital(before)) return small(after) ? 0 : 2;
    return 1;
  }
  if (/\p{L}/u.test(character)) return 0;
  return isWordByte(before) && isWordByte(after) ? -1 : 0;
}

/** A letter of ASCII, or a byte above 0x7F (which may be one). */
function isWordByte(byte: number | undefined): boolean {
  if (byte === undefined) return false;
  const lower = byte | 0x20;
  return byte >= 0x80 || (lower >= 0x61 && lower <= 0x7a);
}

/**
 * Whether bytes that are not UTF-8 are Mac OS Roman rather than Windows-1252. Lines ended by CR and LF are
 * Windows (Excel there writes them so), lines ended by CR alone a Mac's Excel. A file with neither (lines ended
 * by LF, or one line) is weighed: each byte above 0x7F beside a letter as both would read it (`weight`), and
 * Mac OS Roman must score higher; a tie stays with Windows-1252.
 */
export async function likelierMacRoman(
  slices: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): Promise<boolean> {
  let score = 0;
  let windowsLines = 0;
  let macLines = 0;
  let carriageReturn = false;
  for await (const bytes of slices) {
    const mac = decodeMacRoman(bytes);
    const windows = decodeWindows1252(bytes);
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i]!;
      if (carriageReturn) {
        if (byte === 0x0a) windowsLines++;
        else macLines++;
      }
      carriageReturn = byte === 0x0d;
      if (byte < 0x80 || !(isWordByte(bytes[i - 1]) || isWordByte(bytes[i + 1]))) continue;
      const before = bytes[i - 1] ?? 0;
      const after = bytes[i + 1] ?? 0;
      score += weight(mac[i]!, before, after) - weight(windows[i]!, before, after);
    }
    await yieldToEventLoop();
  }
  if (carriageReturn) macLines++;
  if (windowsLines > 0) return false;
  if (macLines > 0) return true;
  return score > 0;
}
