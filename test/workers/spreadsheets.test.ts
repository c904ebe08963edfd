// In workerd as in Node: a spreadsheet saved by Excel on Windows (Windows-1252) or as UTF-16 reads as written.
import { describe, expect, it } from 'vitest';
import { readCsv, spreadsheetText } from '../../src/text/csv';

describe('spreadsheets in workerd', () => {
  it('reads Windows-1252 and UTF-16 uploads as written', async () => {
    // "Núñez,O’Brien" in Windows-1252: ú, ñ and the curly apostrophe (0x92) are one byte each.
    const windows1252 = new Uint8Array([
      0x4e, 0xfa, 0xf1, 0x65, 0x7a, 0x2c, 0x4f, 0x92, 0x42, 0x72, 0x69, 0x65, 0x6e,
    ]);
    const read = await readCsv(new File([windows1252], 'roster.csv'), { maxRows: 10 });
    expect(read).toMatchObject({
      ok: true,
      encoding: 'windows-1252',
      rows: [{ cells: ['Núñez', 'O’Brien'] }],
    });
    const text = 'Zoë\r\nJosé';
    const utf16be = new Uint8Array([0xfe, 0xff, ...[...text].flatMap((ch) => [0, ch.charCodeAt(0)])]);
    expect(await spreadsheetText(new File([utf16be], 'names.txt'))).toEqual({
      ok: true,
      text,
      encoding: 'utf-16be',
    });
  });
});
