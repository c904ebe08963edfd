// Reading the office's list of students without a media release into first names, the way posts name students.
// Names typed in are one student a line ("Maya", "Maya Lopez", or "Lopez, Maya"); a spreadsheet saved as CSV
// gives its first-name column when its header names one, or its name column, whatever order the name is in.
// What holds no name is counted and left out. A file whose header has a last-name column but no first-name one,
// or that has several columns and no header at all, is refused: a list of surnames would hold nothing and look
// as if it did.
import { readCsv } from '../text/csv';

export type FirstNamesRead =
  | { ok: true; names: string[]; skipped: number }
  | { ok: false; problem: 'noFirstNames' | 'surnamesOnly' | 'unreadable' | 'noHeader' | 'tooLong' };

export const FIRST_NAME_HEADER =
  /^(first|given|preferred|child'?s?|student'?s?)[ _-]?(first[ _-]?)?name$|^nombre$/i;
export const NAME_HEADER =
  /^((full|student'?s?|child'?s?)[ _-]?)?names?$|^students?$|^(nombre[ _-]?completo|alumnos?|estudiantes?)$/i;
export const SURNAME_HEADER = /^(last|family|sur)[ _-]?name$|^surname$|^apellidos?$/i;
const HEADERS = [FIRST_NAME_HEADER, NAME_HEADER, SURNAME_HEADER];
const MAX_ROWS = 20_000;

export async function readFirstNames(file: string | undefined, typed: string): Promise<FirstNamesRead> {
  const names: string[] = [];
  let skipped = 0;
  const keep = (cell: string) => {
    const name = firstNameIn(cell);
    if (name) names.push(name);
    else if (cell.trim()) skipped++;
  };
  // Names typed in, one a line, under a heading or not; pasted with a heading row of several columns (from a
  // spreadsheet, with tabs or commas), a table, read as a file is.
  const lines = typed.split(/\r\n?|\n/);
  const firstLine = lines.find((line) => line.trim()) ?? '';
  const headings = firstLine.split(/[,\t]/).map((cell) => cell.trim());
  const headed = headings.some((cell) => HEADERS.some((header) => header.test(cell)));
  const pastedTable = headed && headings.length > 1;
  const tables = [file, pastedTable ? typed : undefined];
  if (!pastedTable) for (const line of lines) if (!(headed && line === firstLine)) keep(line);
  for (const table of tables) {
    if (!table?.trim()) continue;
    const read = await readCsv(table, { maxRows: MAX_ROWS });
    if (!read.ok) return { ok: false, problem: 'unreadable' };
    if (read.more) return { ok: false, problem: 'tooLong' };
    const [head, ...rest] = read.rows;
    const header = head?.cells.map((cell) => cell.trim()) ?? [];
    const firstColumn = header.findIndex((cell) => FIRST_NAME_HEADER.test(cell));
    const nameColumn = header.findIndex((cell) => NAME_HEADER.test(cell));
    const hasHeader = firstColumn >= 0 || nameColumn >= 0 || header.some((cell) => SURNAME_HEADER.test(cell));
    if (hasHeader && firstColumn < 0 && nameColumn < 0) return { ok: false, problem: 'surnamesOnly' };
    // Several columns and no heading to tell which holds first names: the first could be surnames.
    if (!hasHeader && read.rows.some((row) => row.cells.filter((cell) => cell.trim()).length > 1))
      return { ok: false, problem: 'noHeader' };
    // A first-name column holds first names only: "Maya Rose" there is Maya Rose's first name, Maya.
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
