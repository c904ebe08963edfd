// Reading CSV with csv-parse in slices, and writing it back with formulas defused.
import { describe, expect, it } from 'vitest';
import { decodeWindows1252 } from '../ingest/decode-body';
import { csvLine, readCsv, sniffSpreadsheet, spreadsheetText } from './csv';
import { decodeMacRoman } from './mac-roman';

/** Text written in a single-byte encoding, given the encoding's decoder. */
function encodeIn(decode: (bytes: Uint8Array) => string, text: string): Uint8Array<ArrayBuffer> {
  const byteOf = new Map([...decode(Uint8Array.from({ length: 256 }, (_, i) => i))].map((c, i) => [c, i]));
  return Uint8Array.from([...text], (c) => byteOf.get(c)!);
}

const textOf = async (file: File) => {
  const read = await spreadsheetText(file);
  if (!read.ok) throw new Error(read.message);
  return read.text;
};

const cellsOf = async (text: string | Uint8Array, maxRowChars?: number) => {
  const read = await readCsv(text, { maxRows: 1000, maxRowChars });
  if (!read.ok) throw new Error(read.message);
  return read.rows.map((row) => row.cells);
};

describe('CSV', () => {
  it('reads what spreadsheets write: quotes, doubled quotes, commas and line breaks inside, CRLF, a BOM', async () => {
    const text =
      '\ufeffemail,schools\r\n"a@x.example","Lincoln; ""North"" campus"\r\nb@x.example,"one,\ntwo"\n\n';
    expect(await cellsOf(text)).toEqual([
      ['email', 'schools'],
      ['a@x.example', 'Lincoln; "North" campus'],
      ['b@x.example', 'one,\ntwo'],
    ]);
    expect(await cellsOf('last,row')).toEqual([['last', 'row']]);
    expect(await cellsOf('one\rtwo\r\nthree\nfour')).toEqual([['one'], ['two'], ['three'], ['four']]);
    expect(await cellsOf('he said "hi",x')).toEqual([['he said "hi"', 'x']]);
  });

  it('names the line each row starts on, past blank rows and line breaks inside cells', async () => {
    const read = await readCsv('email\n\n , ,\n"a@x.example","one\ntwo"\nb@x.example\n', { maxRows: 10 });
    expect(read).toEqual({
      ok: true,
      more: false,
      encoding: 'utf-8',
      delimiter: ',',
      rows: [
        { line: 1, cells: ['email'] },
        { line: 4, cells: ['a@x.example', 'one\ntwo'] },
        { line: 6, cells: ['b@x.example'] },
      ],
    });
  });

  it('keeps characters whole where a slice of the file ends inside one', async () => {
    const cell = `${'x'.repeat(64 * 1024 - 1)}é学🎉`;
    expect(await cellsOf(new TextEncoder().encode(`${cell}\nnext`), 100_000)).toEqual([[cell], ['next']]);
  });

  it('reads an uploaded file as a stream', async () => {
    const file = new File([`email\n${'a@x.example\n'.repeat(20_000)}`], 'parents.csv');
    const read = await readCsv(file, { maxRows: 30_000 });
    expect(read).toMatchObject({ ok: true, more: false });
    expect(read.ok && read.rows.at(-1)).toEqual({ line: 20_001, cells: ['a@x.example'] });
  });

  it('reads what Excel on Windows saves as "CSV (Comma delimited)": Windows-1252, not UTF-8', async () => {
    // Núñez, O’Brien (0x92, a curly apostrophe) and Zoë as Windows-1252 writes them.
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('name,school\r\nN'),
      0xfa, 0xf1, 0x65, 0x7a, 0x2c, 0x4d, 0x6f, 0x6e, 0x74, 0x61, 0xf1, 0x61, 0x0d, 0x0a,
      0x4f, 0x92, 0x42, 0x72, 0x69, 0x65, 0x6e, 0x2c, 0x5a, 0x6f, 0xeb,
    ]); // prettier-ignore
    const expected = [
      ['name', 'school'],
      ['Núñez', 'Montaña'],
      ['O’Brien', 'Zoë'],
    ];
    const read = await readCsv(bytes, { maxRows: 10 });
    expect(read).toMatchObject({ ok: true, encoding: 'windows-1252' });
    expect(await cellsOf(bytes)).toEqual(expected);
    // An upload read as a stream, with the one byte that is not UTF-8 far past the first slice.
    const file = new File(['x\n'.repeat(50_000), bytes], 'roster.csv');
    const streamed = await readCsv(file, { maxRows: 60_000 });
    expect(streamed.ok && streamed.rows.slice(-3).map((row) => row.cells)).toEqual(expected);
    expect(await textOf(new File([bytes], 'names.csv'))).toBe('name,school\r\nNúñez,Montaña\r\nO’Brien,Zoë');
  });

  it('reads what Excel on a Mac saves as "Comma Separated Values": Mac OS Roman, lines ended by CR', async () => {
    const names = ['name,school', 'José,Montaña', 'Núñez,Zoë', 'O’Brien,Søren', 'JOSÉ,François'];
    const bytes = encodeIn(decodeMacRoman, names.join('\r'));
    expect(await readCsv(bytes, { maxRows: 10 })).toMatchObject({ ok: true, encoding: 'macintosh' });
    expect(await cellsOf(bytes)).toEqual(names.map((line) => line.split(',')));
    expect(await textOf(new File([bytes], 'names.csv'))).toBe(names.join('\r'));
    // Far past the first slice, in a stream.
    const file = new File(['x\n'.repeat(50_000), bytes], 'roster.csv');
    const streamed = await readCsv(file, { maxRows: 60_000 });
    expect(streamed.ok && streamed.encoding).toBe('macintosh');
    expect(streamed.ok && streamed.rows.at(-1)!.cells).toEqual(['JOSÉ', 'François']);
  });

  it('reads a file as Windows-1252 unless its lines or its accented letters say Mac OS Roman', async () => {
    const read = async (decode: (bytes: Uint8Array) => string, text: string) =>
      spreadsheetText(new File([encodeIn(decode, text)], 'names.csv'));
    const windows = ['José', 'O’Brien', 'JOSÉ', 'Müller', 'Zoë', 'Ana María,Niño', 'Søren', 'ANAÏS', 'LOÏC'];
    const more = ['SØREN', 'NOËL', 'SŒUR', '“Bobby” Núñez', 'Saint–Exupéry', 'Gonçalves', 'Ñuñoa'];
    // One line each, with nothing to go by but the letters, as Windows-1252 writes them.
    for (const text of [...windows, ...more])
      expect(await read(decodeWindows1252, text), text).toEqual({ ok: true, text, encoding: 'windows-1252' });
    // And as a Mac writes them, where the letters tell.
    for (const text of ['José', 'JOSÉ', 'Müller', 'Zoë', 'Ana María,Niño', 'Søren', 'François'])
      expect(await read(decodeMacRoman, text), text).toEqual({ ok: true, text, encoding: 'macintosh' });
    // Lines ended by CR and LF are Windows's, whatever the letters; by CR alone, a Mac's.
    const listed = (lines: string[], end: string) => lines.join(end) + end;
    for (const lines of [windows, more]) {
      expect(await read(decodeWindows1252, listed(lines, '\r\n'))).toMatchObject({
        encoding: 'windows-1252',
      });
      expect(await read(decodeMacRoman, listed(lines, '\r'))).toMatchObject({ encoding: 'macintosh' });
    }
    // Bytes that read no better one way than the other stay Windows-1252.
    expect(await read(decodeWindows1252, 'NOËL')).toMatchObject({ encoding: 'windows-1252' });
  });

  it('reads UTF-8 with or without its byte-order mark, and UTF-16 by its mark', async () => {
    const text = 'name\nNúñez\n';
    const utf8 = new TextEncoder().encode(text);
    expect(await sniffSpreadsheet(utf8)).toEqual({
      ok: true,
      encoding: 'utf-8',
      delimiter: ',',
      sepLine: false,
    });
    // The mark is believed: one stray byte further on costs that byte, not every accent and the heading.
    const marked = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...new TextEncoder().encode('email,school\nana@x.example,Montaña\n'),
      0x92,
    ]);
    expect(await cellsOf(marked)).toEqual([['email', 'school'], ['ana@x.example', 'Montaña'], ['\ufffd']]);
    const utf16le = new Uint8Array([
      0xff,
      0xfe,
      ...[...text].flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8]),
    ]);
    const utf16be = new Uint8Array([
      0xfe,
      0xff,
      ...[...text].flatMap((ch) => [ch.charCodeAt(0) >> 8, ch.charCodeAt(0) & 0xff]),
    ]);
    for (const bytes of [utf16le, utf16be]) {
      expect(await cellsOf(bytes)).toEqual([['name'], ['Núñez']]);
      expect(await textOf(new File([bytes], 'names.txt'))).toBe(text);
    }
    expect(await textOf(new File([new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])], 'n.csv'))).toBe(text);
  });

  it('separates cells as the first line does: tabs (Excel’s “Unicode Text”), commas, or semicolons', async () => {
    // Excel's "Unicode Text": UTF-16 with its mark, a tab between cells.
    const unicodeText = 'Last Name\tFirst Name\r\nLopez, Jr.\tMaya\r\n';
    const bytes = new Uint8Array([0xff, 0xfe, ...[...unicodeText].flatMap((ch) => [ch.charCodeAt(0), 0])]);
    expect(await cellsOf(bytes)).toEqual([
      ['Last Name', 'First Name'],
      ['Lopez, Jr.', 'Maya'],
    ]);
    // Excel where a comma writes decimals separates with semicolons; a comma in the first line means commas.
    expect(await cellsOf('email;schools\nana@x.example;Lincoln\n')).toEqual([
      ['email', 'schools'],
      ['ana@x.example', 'Lincoln'],
    ]);
    expect(await cellsOf('\n\nemail,schools\nana@x.example,Lincoln;Washington\n')).toEqual([
      ['email', 'schools'],
      ['ana@x.example', 'Lincoln;Washington'],
    ]);
    expect(await cellsOf('ana@x.example\nben@x.example,Lincoln\n')).toEqual([
      ['ana@x.example'],
      ['ben@x.example', 'Lincoln'],
    ]);
    // Semicolons after an address separate its schools; a stray tab among commas is a character of its cell;
    // Excel's "sep=;" line says what separates and is no row.
    expect(await cellsOf('ana@x.example;Lincoln;Washington\n')).toEqual([
      ['ana@x.example;Lincoln;Washington'],
    ]);
    expect(await cellsOf('First Name,Last Name\t\nMaya,Lopez\n')).toEqual([
      ['First Name', 'Last Name\t'],
      ['Maya', 'Lopez'],
    ]);
    const sep = await readCsv('sep=;\r\nemail;schools\r\nana@x.example;Lincoln\r\n', { maxRows: 10 });
    expect(sep.ok && sep.rows).toEqual([
      { line: 2, cells: ['email', 'schools'] },
      { line: 3, cells: ['ana@x.example', 'Lincoln'] },
    ]);
  });

  it('refuses a workbook or a file that is not text, saying to save it as CSV', async () => {
    const xlsx = new Uint8Array([
      0x50,
      0x4b,
      0x03,
      0x04,
      0x14,
      0x00,
      0x06,
      0x00,
      ...new TextEncoder().encode('[Content_Types].xml'),
    ]);
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    for (const bytes of [xlsx, xls]) {
      const read = await readCsv(new File([bytes], 'roster.xlsx'), { maxRows: 10 });
      expect(read).toEqual({
        ok: false,
        message: expect.stringContaining('That file is a workbook (.xlsx, .xls or .ods), not CSV'),
      });
    }
    // UTF-16 saved without its mark is read by where its zeros fall; one stray control character is no matter.
    const unmarked = new Uint8Array([...'name\nZoë\n'].flatMap((ch) => [ch.charCodeAt(0), 0]));
    expect(await cellsOf(unmarked)).toEqual([['name'], ['Zoë']]);
    expect(
      await cellsOf(
        new Uint8Array([
          ...new TextEncoder().encode('name\nMaya'),
          0,
          ...new TextEncoder().encode('\nLeo\n'),
        ]),
      ),
    ).toEqual([['name'], ['Maya\u0000'], ['Leo']]);
    const binary = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(await spreadsheetText(new File([binary], 'photo.csv'))).toEqual({
      ok: false,
      message:
        'That file is not text, so it cannot be read as CSV: save the list from the spreadsheet as “CSV UTF-8” and choose that file.',
    });
  });

  it('stops reading at the row limit and says there is more', async () => {
    const read = await readCsv('a\nb\nc\nd\n', { maxRows: 2 });
    expect(read).toEqual({
      ok: true,
      more: true,
      encoding: 'utf-8',
      delimiter: ',',
      rows: [
        { line: 1, cells: ['a'] },
        { line: 2, cells: ['b'] },
      ],
    });
  });

  it('refuses a quote that never closes, or a row past the row length limit, with a sentence', async () => {
    const unclosed = await readCsv('email\n"a@x.example\nb@x.example\n', { maxRows: 10 });
    expect(unclosed).toEqual({
      ok: false,
      message: expect.stringMatching(/^The file could not be read as CSV: a quoted cell is never closed/),
    });
    const long = await readCsv(`"${'x'.repeat(2000)}"\n`, { maxRows: 10, maxRowChars: 1024 });
    expect(long).toMatchObject({ ok: false, message: expect.stringContaining('longer than 1 KB') });
  });

  it('writes fields back so they read the same, and defuses formulas', async () => {
    const line = csvLine(['a@x.example', 'said "hi", then left', '=HYPERLINK("http://evil")', 3, null]);
    expect(line).toBe('a@x.example,"said ""hi"", then left","\'=HYPERLINK(""http://evil"")",3,\r\n');
    expect(await cellsOf(line)).toEqual([
      ['a@x.example', 'said "hi", then left', '\'=HYPERLINK("http://evil")', '3', ''],
    ]);
  });
});
