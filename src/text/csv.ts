// CSV as spreadsheets write it (RFC 4180 and its looser cousins), read with csv-parse in slices so a large
// upload never holds the server: other requests are answered between slices. A file is read in the encoding its
// byte-order mark names (UTF-8, or UTF-16 from Excel's "Unicode Text"), as UTF-8 when it is UTF-8, and otherwise
// as Windows-1252, which Excel on Windows writes for "CSV (Comma delimited)" (or Mac OS Roman, Excel on a Mac's
// "Comma Separated Values", told by its lines or its accents); its cells are separated by commas,
// or by what its first line uses instead (tabs, or the semicolons of Excel in much of Europe and Latin America).
// A workbook or other file that is not text is refused with a sentence. The writer quotes only when needed and
// defuses cells a spreadsheet would run as a formula (OWASP's advice).
import { parse, type CsvError, type Info } from 'csv-parse';
import { decodeWindows1252 } from '../ingest/decode-body';
import { yieldToEventLoop } from '../ingest/yield';
import { decodeMacRoman, likelierMacRoman } from './mac-roman';

/** One row that has something in it, with the line of the file it starts on. */
export interface CsvRow {
  line: number;
  cells: string[];
}

export type CsvRead =
  | {
      ok: true;
      rows: CsvRow[];
      /** The file has more rows than were read (`maxRows`). */
      more: boolean;
      /** How the file's bytes were read (text given as a string: utf-8). */
      encoding: SpreadsheetEncoding;
      /** What separates its cells. */
      delimiter: Delimiter;
    }
  | { ok: false; message: string };

export interface CsvLimits {
  /** Rows (with something in them) to read at most; reading stops there. */
  maxRows: number;
  /** The longest row, in characters; longer is a mistake (a quote never closed), not a row. */
  maxRowChars?: number;
}

/** Bytes handed to the parser at a time; between slices, other work runs. */
const SLICE_BYTES = 64 * 1024;
const DEFAULT_MAX_ROW_CHARS = 64 * 1024;

/** Rows of fields; a quoted field may hold commas, quotes and line breaks. Rows of only blanks are skipped. */
export async function readCsv(input: string | Uint8Array | Blob, limits: CsvLimits): Promise<CsvRead> {
  const maxRowChars = limits.maxRowChars ?? DEFAULT_MAX_ROW_CHARS;
  const sniffed = await sniffSpreadsheet(input);
  if (!sniffed.ok) return sniffed;
  const { encoding, delimiter, sepLine } = sniffed;
  const parser = parse({
    bom: true,
    delimiter,
    from_line: sepLine ? 2 : 1,
    // Spreadsheets end lines either way, sometimes both in one file.
    record_delimiter: ['\r\n', '\n', '\r'],
    // A quote inside an unquoted field is a character, and rows may have fewer or more cells than the first.
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: maxRowChars,
    info: true,
  });
  const rows: CsvRow[] = [];
  let more = false;
  let failure: CsvError | Error | undefined;
  const done = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('close', resolve);
  });
  parser.on('error', (error: CsvError) => {
    failure ??= error;
  });
  parser.on('data', ({ record, info }: { record: string[]; info: Info }) => {
    if (more || !record.some((cell) => cell.trim() !== '')) return;
    if (rows.length === limits.maxRows) {
      more = true;
      parser.destroy();
      return;
    }
    rows.push({ line: startLine(record, info.lines), cells: record });
  });

  for await (const slice of utf8SlicesOf(input, encoding)) {
    parser.write(slice);
    await yieldToEventLoop();
    if (more || failure) break;
  }
  if (!more && !failure) parser.end();
  // Ended, it emits 'end'; destroyed (enough rows, or an error), it emits 'close'.
  await done;
  if (failure) return { ok: false, message: describeCsvError(failure, maxRowChars) };
  return { ok: true, rows, more, encoding, delimiter };
}

/** How a spreadsheet's bytes are written (`sniffSpreadsheet`). */
export type SpreadsheetEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'macintosh';
export type Delimiter = ',' | '\t' | ';';

/**
 * How an upload is written: in the encoding a byte-order mark names; else UTF-8 when its bytes read as UTF-8,
 * and otherwise Windows-1252 (Excel on Windows, older exports from student information systems) or Mac OS
 * Roman (Excel on a Mac: lines ended by CR alone, or accented letters that read better so; `likelierMacRoman`).
 * Both give every byte a character, so nothing
 * is skipped as unreadable. Its cells are separated as its first line shows. A workbook, or a file with bytes
 * no text has, is refused with what to do.
 */
export async function sniffSpreadsheet(input: string | Uint8Array | Blob): Promise<
  | {
      ok: true;
      encoding: SpreadsheetEncoding;
      delimiter: Delimiter;
      /** The file's first line is Excel's "sep=;", which is not a row. */
      sepLine: boolean;
    }
  | { ok: false; message: string }
> {
  if (typeof input === 'string') return { ok: true, encoding: 'utf-8', ...delimiterOf(input) };
  const head = new Uint8Array(
    input instanceof Uint8Array
      ? input.subarray(0, SLICE_BYTES)
      : await input.slice(0, SLICE_BYTES).arrayBuffer(),
  );
  const marked: SpreadsheetEncoding | undefined =
    head[0] === 0xff && head[1] === 0xfe
      ? 'utf-16le'
      : head[0] === 0xfe && head[1] === 0xff
        ? 'utf-16be'
        : head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf
          ? 'utf-8'
          : undefined;
  if (!marked && isWorkbook(head)) return { ok: false, message: WORKBOOK };
  const known = marked ?? utf16Unmarked(head);
  if (!known && notText(head)) return { ok: false, message: NOT_TEXT };
  const encoding =
    known ??
    ((await readsAsUtf8(input))
      ? 'utf-8'
      : (await likelierMacRoman(slicesOf(input)))
        ? 'macintosh'
        : 'windows-1252');
  const text =
    singleByte(encoding)?.(head) ??
    new TextDecoder(encoding, { fatal: false, ignoreBOM: false }).decode(head);
  return { ok: true, encoding, ...delimiterOf(text) };
}

/**
 * UTF-16 saved without its byte-order mark: in text of Latin letters every other byte is a zero, the second of
 * each pair (little-endian) or the first (big-endian).
 */
function utf16Unmarked(head: Uint8Array): SpreadsheetEncoding | undefined {
  const pairs = Math.floor(head.length / 2);
  if (pairs < 2) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i] === 0) evenZeros++;
    if (head[i + 1] === 0) oddZeros++;
  }
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** An uploaded text file (a list of names), whole, read as `sniffSpreadsheet` says, without a byte-order mark. */
export async function spreadsheetText(
  file: Blob,
): Promise<{ ok: true; text: string; encoding: SpreadsheetEncoding } | { ok: false; message: string }> {
  const sniffed = await sniffSpreadsheet(file);
  if (!sniffed.ok) return sniffed;
  const parts: string[] = [];
  const decoder = new TextDecoder();
  for await (const slice of utf8SlicesOf(file, sniffed.encoding))
    parts.push(decoder.decode(slice, { stream: true }));
  parts.push(decoder.decode());
  return { ok: true, text: parts.join(''), encoding: sniffed.encoding };
}

/** The decoder of an encoding that writes a character a byte, which a slice decodes on its own. */
function singleByte(encoding: SpreadsheetEncoding): ((bytes: Uint8Array) => string) | undefined {
  return encoding === 'windows-1252'
    ? decodeWindows1252
    : encoding === 'macintosh'
      ? decodeMacRoman
      : undefined;
}

async function readsAsUtf8(input: Uint8Array | Blob): Promise<boolean> {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  try {
    for await (const slice of slicesOf(input)) {
      strict.decode(slice, { stream: true });
      await yieldToEventLoop();
    }
    strict.decode();
    return true;
  } catch {
    return false;
  }
}

const WORKBOOK =
  'That file is a workbook (.xlsx, .xls or .ods), not CSV: open it in the spreadsheet, save it as “CSV UTF-8” (or “CSV (Comma delimited)”) and choose that file.';
const NOT_TEXT =
  'That file is not text, so it cannot be read as CSV: save the list from the spreadsheet as “CSV UTF-8” and choose that file.';

/** A workbook: .xlsx and .ods are zip files, .xls an OLE file. */
function isWorkbook(head: Uint8Array): boolean {
  const starts = (...bytes: number[]) => bytes.every((byte, i) => head[i] === byte);
  return starts(0x50, 0x4b, 0x03, 0x04) || starts(0xd0, 0xcf, 0x11, 0xe0);
}

/** Control characters in numbers no text has: one in twenty bytes, four at least. */
function notText(head: Uint8Array): boolean {
  let control = 0;
  for (const byte of head) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) control++;
  return control >= 4 && control * 20 > head.length;
}

/**
 * What separates cells, from the first line with something in it: the separator it uses most, commas on a tie
 * (tabs: Excel's "Unicode Text", a table pasted from a spreadsheet; semicolons: Excel where the comma writes
 * decimals), or the one Excel's "sep=" line names.
 */
function delimiterOf(text: string): { delimiter: Delimiter; sepLine: boolean } {
  const line =
    text
      .replace(/^\uFEFF/, '')
      .split(/\r\n|\n|\r/)
      .find((l) => l.trim()) ?? '';
  // Excel's own note of its separator, a first line of its own.
  const declared = /^sep=([,;\t]) *$/i.exec(line);
  if (declared) return { delimiter: declared[1] as Delimiter, sepLine: true };
  const count = (character: string) => line.split(character).length - 1;
  const [tabs, commas] = [count('\t'), count(',')];
  // Semicolons only in a heading row ("email;schools"): in a first row of data, an address with its schools
  // ("ana@example.com,Lincoln;Washington"), they separate schools.
  const semicolons = line.includes('@') ? 0 : count(';');
  const most = Math.max(tabs, commas, semicolons);
  const delimiter = most === 0 || commas === most ? ',' : tabs === most ? '\t' : ';';
  return { delimiter, sepLine: false };
}

/**
 * The input in slices of at most SLICE_BYTES. An upload is read as a stream, so it is never decoded whole in
 * one step; a slice may end inside a character, which csv-parse joins up again.
 */
async function* slicesOf(input: string | Uint8Array | Blob): AsyncGenerator<Uint8Array> {
  const chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array> =
    typeof input === 'string'
      ? [new TextEncoder().encode(input)]
      : input instanceof Uint8Array
        ? [input]
        : (input.stream() as unknown as AsyncIterable<Uint8Array>);
  for await (const chunk of chunks)
    for (let at = 0; at < chunk.length; at += SLICE_BYTES) yield chunk.subarray(at, at + SLICE_BYTES);
}

/** The input's slices as UTF-8, which csv-parse reads (a BOM stays for it to drop). */
async function* utf8SlicesOf(
  input: string | Uint8Array | Blob,
  encoding: SpreadsheetEncoding,
): AsyncGenerator<Uint8Array> {
  if (encoding === 'utf-8') {
    yield* slicesOf(input);
    return;
  }
  const encoder = new TextEncoder();
  // UTF-16 keeps a half character for the next slice.
  const bytewise = singleByte(encoding);
  const decoder = bytewise ? undefined : new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
  for await (const slice of slicesOf(input))
    yield encoder.encode(decoder ? decoder.decode(slice, { stream: true }) : bytewise!(slice));
  if (decoder) yield encoder.encode(decoder.decode());
}

/** The line a row starts on: csv-parse counts to its end, and a quoted field may hold line breaks. */
function startLine(record: string[], endLine: number): number {
  let breaks = 0;
  for (const cell of record) breaks += cell.match(/\r\n|\r|\n/g)?.length ?? 0;
  return endLine - breaks;
}

function describeCsvError(error: CsvError | Error, maxRowChars: number): string {
  const code = 'code' in error ? error.code : undefined;
  const line = 'lines' in error && typeof error.lines === 'number' ? error.lines : undefined;
  const at = line ? ` (by line ${line})` : '';
  if (code === 'CSV_QUOTE_NOT_CLOSED' || code === 'CSV_MAX_RECORD_SIZE')
    return `The file could not be read as CSV: a quoted cell is never closed or a row is longer than ${Math.round(maxRowChars / 1024)} KB${at}. Check the quotation marks in the spreadsheet and save it as CSV again.`;
  return `The file could not be read as CSV${at}. Save it from the spreadsheet as “CSV (comma-separated)” and try again.`;
}

/** One CSV line (with CRLF). */
export function csvLine(fields: readonly (string | number | null | undefined)[]): string {
  return `${fields.map((value) => csvField(value)).join(',')}\r\n`;
}

function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // A cell starting with = + - @ (or a tab or carriage return) is a formula to a spreadsheet.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
