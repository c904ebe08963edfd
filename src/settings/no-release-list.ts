// Reading the office's list of students without a media release into first names, the way posts name students.
// Names typed in are one student a line ("Maya", "Maya Lopez", or "Lopez, Maya"); a spreadsheet saved as CSV
// gives its first-name column when its header names one, or its name column, whatever order the name is in.
// What holds no name is counted and left out, and a file whose header has a last-name column but no first-name
// one is refused: a list of surnames would hold nothing and look as if it did.
import { readCsv } from '../text/csv';

export type FirstNamesRead =
  | { ok: true; names: string[]; skipped: number }
  | { ok: false; problem: 'noFirstNames' | 'surnamesOnly' | 'unreadable' };

const FIRST_NAME_HEADER = /^(first|given|preferred|child'?s?|student'?s?)[ _-]?(first[ _-]?)?name$/i;
const NAME_HEADER = /^((full|student'?s?|child'?s?)[ _-]?)?names?$|^students?$/i;
const SURNAME_HEADER = /^(last|family|sur)[ _-]?name$|^surname$/i;
const MAX_ROWS = 20_000;

export async function readFirstNames(file: string | undefined, typed: string): Promise<FirstNamesRead> {
  const names: string[] = [];
  let skipped = 0;
  const keep = (cell: string) => {
    const name = firstNameIn(cell);
    if (name) names.push(name);
    else if (cell.trim()) skipped++;
  };
  for (const line of typed.split(/\r\n?|\n/))
    if (![FIRST_NAME_HEADER, NAME_HEADER, SURNAME_HEADER].some((header) => header.test(line.trim())))
      keep(line);
  if (file?.trim()) {
    const read = await readCsv(file, { maxRows: MAX_ROWS });
    if (!read.ok) return { ok: false, problem: 'unreadable' };
    const [head, ...rest] = read.rows;
    const header = head?.cells.map((cell) => cell.trim()) ?? [];
    const firstColumn = header.findIndex((cell) => FIRST_NAME_HEADER.test(cell));
    const nameColumn = header.findIndex((cell) => NAME_HEADER.test(cell));
    const hasHeader = firstColumn >= 0 || nameColumn >= 0 || header.some((cell) => SURNAME_HEADER.test(cell));
    if (hasHeader && firstColumn < 0 && nameColumn < 0) return { ok: false, problem: 'surnamesOnly' };
    const column = firstColumn >= 0 ? firstColumn : Math.max(nameColumn, 0);
    for (const row of hasHeader ? rest : read.rows) keep(row.cells[column] ?? '');
  }
  return names.length ? { ok: true, names, skipped } : { ok: false, problem: 'noFirstNames' };
}

/** The first name in one cell or typed line: "Maya", "Maya Lopez" and "Lopez, Maya" are all Maya. */
function firstNameIn(cell: string): string | undefined {
  const text = cell.normalize('NFC').trim();
  const comma = text.indexOf(',');
  const given = (comma >= 0 ? text.slice(comma + 1) : text).trim().split(/\s+/)[0] ?? '';
  return /^\p{L}[\p{L}\p{M}'’-]{0,40}$/u.test(given) ? given : undefined;
}
