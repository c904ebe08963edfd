import { describe, expect, it } from 'vitest';
import { csvLine, parseCsv } from './csv';

describe('CSV', () => {
  it('reads what spreadsheets write: quotes, doubled quotes, commas and line breaks inside, CRLF, a BOM', () => {
    const text =
      '\ufeffemail,schools\r\n"a@x.example","Lincoln; ""North"" campus"\r\nb@x.example,"one,\ntwo"\n\n';
    expect(parseCsv(text)).toEqual([
      ['email', 'schools'],
      ['a@x.example', 'Lincoln; "North" campus'],
      ['b@x.example', 'one,\ntwo'],
    ]);
    expect(parseCsv('last,row')).toEqual([['last', 'row']]);
  });

  it('writes fields back so they read the same, and defuses formulas', () => {
    const line = csvLine(['a@x.example', 'said "hi", then left', '=HYPERLINK("http://evil")', 3, null]);
    expect(line).toBe('a@x.example,"said ""hi"", then left","\'=HYPERLINK(""http://evil"")",3,\r\n');
    expect(parseCsv(line)).toEqual([
      ['a@x.example', 'said "hi", then left', '\'=HYPERLINK("http://evil")', '3', ''],
    ]);
  });
});
