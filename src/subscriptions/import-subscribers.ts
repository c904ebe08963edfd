// Importing parents' addresses from a spreadsheet (CSV): every row is checked first and the file goes in
// whole or not at all, with each problem named by its line. Imported addresses must confirm, as if they had
// used the form, unless an administrator attests in writing that these people already agreed; then that
// attestation is their recorded consent. Nobody who unsubscribed or bounced is signed up again, nor anyone the
// district deleted at their request.
import { t } from '../i18n/desk-text';
import { isLanguage, type Language } from '../i18n/languages';
import { readDistrictSettings } from '../settings/district-settings';
import { auditStatement, type Actor } from '../db/audit';
import type { Database, Statement } from '../db/client';
import { jobMarks } from '../db/schema';
import { listSchools } from '../db/schools';
import {
  addSubscribersStatements,
  confirmPendingStatement,
  emailKeyOf,
  findForgotten,
  findStatusesByEmailKey,
  forgottenKeyOf,
} from '../db/subscribers';
import { checkEmailAddress } from '../email/email-address';
import { randomToken } from '../auth/tokens';
import { yieldToEventLoop } from '../ingest/yield';
import { readCsv } from '../text/csv';
import { suggestAddress } from './address-typos';
import { truncateWords } from '../text/html-to-text';

export const MAX_IMPORT_ROWS = 100_000;
/** Problems named in the refusal; the count says how many more, so the message stays short enough to show. */
const SHOWN_PROBLEMS = 5;

export interface ImportRequest {
  /** The file's text, or the uploaded file itself (read as a stream). */
  csv: string | Blob;
  /** Who agreed, when and how, in the administrator's words; without it, every new address must confirm. */
  attestation?: string;
}

/** What an import does, counted before anything is written: the page that asks to go ahead shows it. */
export interface ImportFigures {
  /** Addresses in the file, each counted once. */
  rows: number;
  added: number;
  confirmed: number;
  waiting: number;
  alreadyIn: number;
  leftAlone: number;
  /** Addresses the district deleted at their owner's request: never added again by an import. */
  forgotten: number;
}

/** An import checked and counted, with what writing it takes; nothing is written until `writeImport`. */
export interface ImportPlan {
  figures: ImportFigures;
  /** The new addresses, as the file gives them (the first few are shown before going ahead). */
  fresh: readonly ImportRow[];
  /**
   * New addresses whose provider looks mistyped (gmial.com), with the address probably meant, as the sign-up
   * form asks about one: an import sends to them as written, so the page that asks to go ahead names them.
   */
  misspelt: readonly { line: number; email: string; meant: string }[];
  /** New addresses by school id (0: every school), for the page that asks to go ahead. */
  bySchool: Map<number, number>;
  /** New addresses by language, likewise. */
  byLanguage: Map<Language, number>;
  attestation: string;
  pendingToConfirm: readonly ImportRow[];
  /**
   * The file as it was read, for the page that asks to go ahead to carry back: every address once with its
   * schools and language, as CSV, and none of the file's other columns (which can hold more about a family).
   */
  carried: string;
}

export interface ImportRow {
  line: number;
  email: string;
  schoolIds: number[];
  schoolSlugs: string[];
  /** The language column's code; the district's own where the file has no such column or the cell is empty. */
  language: Language;
}

/** Every row checked and every address's fate counted, against the subscribers as they are now. */
export async function planImport(
  db: Database,
  signingKey: string,
  request: ImportRequest,
): Promise<{ ok: true; plan: ImportPlan } | { ok: false; message: string }> {
  const attestation = request.attestation?.trim() ?? '';
  if (request.attestation !== undefined && attestation.length < 20)
    return {
      ok: false,
      message: t('desk.importOutcomes.attestationTooShort'),
    };
  const parsed = await readRows(db, request.csv);
  if (!parsed.ok) return parsed;
  const rows = parsed.rows;

  // What is already there decides what happens to each address.
  const existing = await findStatusesByEmailKey(
    db,
    rows.map((r) => emailKeyOf(r.email)),
  );
  const unknown = rows.filter((r) => !existing.has(emailKeyOf(r.email)));
  // Deleted at their request: known only by a keyed hash, and left out as if they had unsubscribed.
  const hashes: string[] = [];
  for (const [index, row] of unknown.entries()) {
    if (index % 2000 === 1999) await yieldToEventLoop();
    hashes.push(await forgottenKeyOf(signingKey, row.email));
  }
  const forgotten = await findForgotten(db, hashes);
  const fresh = unknown.filter((_, index) => !forgotten.has(hashes[index]!));
  const pendingToConfirm = attestation
    ? rows.filter((r) => existing.get(emailKeyOf(r.email)) === 'pending')
    : [];
  const alreadyIn =
    rows.filter((r) => ['confirmed', 'pending'].includes(existing.get(emailKeyOf(r.email)) ?? '')).length -
    pendingToConfirm.length;
  const leftAlone = rows.filter((r) =>
    ['unsubscribed', 'suspended'].includes(existing.get(emailKeyOf(r.email)) ?? ''),
  ).length;
  const misspelt = await misspeltAmong(fresh);
  const bySchool = new Map<number, number>();
  const byLanguage = new Map<Language, number>();
  for (const row of fresh) {
    for (const id of row.schoolIds.length ? row.schoolIds : [0])
      bySchool.set(id, (bySchool.get(id) ?? 0) + 1);
    byLanguage.set(row.language, (byLanguage.get(row.language) ?? 0) + 1);
  }
  return {
    ok: true,
    plan: {
      figures: {
        rows: rows.length,
        added: fresh.length,
        confirmed: attestation ? fresh.length + pendingToConfirm.length : 0,
        waiting: attestation ? 0 : fresh.length,
        alreadyIn,
        leftAlone,
        forgotten: unknown.length - fresh.length,
      },
      fresh,
      misspelt,
      bySchool,
      byLanguage,
      attestation,
      pendingToConfirm,
      carried: [
        'email,schools,language',
        ...rows.map((row) => [row.email, row.schoolSlugs.join(';'), row.language].map(csvCell).join(',')),
      ].join('\n'),
    },
  };
}

/** The rows whose provider looks mistyped, each provider asked about once (a file has few of them). */
async function misspeltAmong(rows: readonly ImportRow[]): Promise<ImportPlan['misspelt']> {
  const meantDomain = new Map<string, string | undefined>();
  const found: { line: number; email: string; meant: string }[] = [];
  for (const [index, row] of rows.entries()) {
    if (index % 2000 === 1999) await yieldToEventLoop();
    const at = row.email.lastIndexOf('@');
    const domain = row.email.slice(at + 1).toLowerCase();
    if (!meantDomain.has(domain)) meantDomain.set(domain, suggestAddress(`parent@${domain}`)?.split('@')[1]);
    const meant = meantDomain.get(domain);
    if (meant) found.push({ line: row.line, email: row.email, meant: `${row.email.slice(0, at)}@${meant}` });
  }
  return found;
}

/** A cell as CSV writes it: quoted when it holds a comma, a quote or a line break. */
function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Writes a planned import in one batch with its audit entry: every address or none. With `once` (the question
 * page's own key), the batch first claims that key: a second press of the same page's button is refused by the
 * database as a key already taken (`isUniqueTaken(error, 'job_marks')`), even when all it would do is confirm
 * addresses again, which no unique address would stop.
 */
export async function writeImport(
  db: Database,
  actor: Actor,
  plan: ImportPlan,
  now: number,
  once?: string,
): Promise<void> {
  const { attestation, fresh, pendingToConfirm, figures } = plan;
  const status = attestation ? ('confirmed' as const) : ('pending' as const);
  const consentText = attestation
    ? `Imported with the attestation: ${attestation}`
    : 'Imported from a list; asked to confirm by email.';
  const added: Parameters<typeof addSubscribersStatements>[1] = [];
  for (const [index, row] of fresh.entries()) {
    // A token for each of a hundred thousand addresses takes a while: requests are answered between batches.
    if (index % 2000 === 1999) await yieldToEventLoop();
    added.push({
      subscriber: {
        email: row.email,
        emailKey: emailKeyOf(row.email),
        status,
        tokenNonce: randomToken(12),
        consentAt: now,
        consentText,
        consentSource: 'import',
        consentSchools: JSON.stringify(row.schoolSlugs),
        language: row.language,
        confirmedAt: attestation ? now : null,
        createdAt: now,
        updatedAt: now,
      },
      schoolIds: row.schoolIds,
    });
  }
  const statements: Statement[] = once
    ? [db.orm.insert(jobMarks).values({ key: `subscribers.import:${once}`, at: now })]
    : [];
  statements.push(...addSubscribersStatements(db, added));
  if (pendingToConfirm.length)
    statements.push(
      confirmPendingStatement(
        db,
        pendingToConfirm.map((r) => emailKeyOf(r.email)),
        consentText,
        now,
      ),
    );
  statements.push(
    auditStatement(
      db,
      actor,
      {
        action: 'subscribers.import',
        subjectType: 'subscribers',
        details: {
          rows: figures.rows,
          added: figures.added,
          confirmed: figures.confirmed,
          attestation: attestation || null,
        },
      },
      now,
    ),
  );
  await db.batch(statements);
}

/** Rows of the file, each checked; or every problem, by line, and nothing else. */
async function readRows(
  db: Database,
  csv: string | Blob,
): Promise<{ ok: true; rows: ImportRow[] } | { ok: false; message: string }> {
  // One row more than the limit (a header may take one) is enough to know the file is too long.
  const read = await readCsv(csv, { maxRows: MAX_IMPORT_ROWS + 1 });
  if (!read.ok) return { ok: false, message: t('desk.importOutcomes.unreadable', { problem: read.message }) };
  const table = read.rows;
  if (table.length === 0) return { ok: false, message: t('desk.importOutcomes.noRows') };
  const header = table[0]!.cells.map((cell) => cell.trim().toLowerCase());
  const hasHeader = header.some((cell) => /^e-?mail( address)?$/.test(cell));
  const emailColumn = hasHeader ? header.findIndex((cell) => /^e-?mail( address)?$/.test(cell)) : 0;
  const schoolColumn = hasHeader ? header.findIndex((cell) => /^schools?$/.test(cell)) : 1;
  // A language column (as the export writes it) sets each address's language: a code the district offers.
  const languageColumn = hasHeader ? header.findIndex((cell) => /^(language|lang)$/.test(cell)) : -1;
  const { languages: offered } = await readDistrictSettings(db);
  const body = hasHeader ? table.slice(1) : table;
  if (read.more || body.length > MAX_IMPORT_ROWS)
    return {
      ok: false,
      message: t('desk.importOutcomes.tooManyRows', { max: MAX_IMPORT_ROWS }),
    };
  const schools = await listSchools(db);
  const bySlugOrName = new Map<string, { id: number; slug: string }>();
  for (const school of schools) {
    bySlugOrName.set(school.slug, school);
    bySlugOrName.set(school.name.toLowerCase(), school);
  }
  const problems: string[] = [];
  const rows: ImportRow[] = [];
  const seen = new Set<string>();
  for (const [index, { line, cells }] of body.entries()) {
    // Checking a hundred thousand rows takes a while: other requests are answered between batches.
    if (index % 2000 === 1999) await yieldToEventLoop();
    const checked = checkEmailAddress(cells[emailColumn] ?? '');
    if (!checked.ok) {
      problems.push(
        t('desk.importOutcomes.line.badAddress', {
          line,
          address: truncateWords((cells[emailColumn] ?? '').trim(), 60),
          // A sentence of its own becomes a clause of the list: lower case, and without its full stop.
          problem: checked.message.replace(/^./, (ch) => ch.toLowerCase()).replace(/\.$/, ''),
        }),
      );
      continue;
    }
    const names =
      schoolColumn >= 0
        ? (cells[schoolColumn] ?? '')
            .split(/[;|]/)
            .map((s) => s.trim())
            .filter(Boolean)
        : [];
    const schoolIds: number[] = [];
    const schoolSlugs: string[] = [];
    for (const name of names) {
      const school = bySlugOrName.get(name.toLowerCase());
      if (school === undefined)
        problems.push(t('desk.importOutcomes.line.unknownSchool', { line, school: truncateWords(name, 40) }));
      else if (!schoolIds.includes(school.id)) {
        schoolIds.push(school.id);
        schoolSlugs.push(school.slug);
      }
    }
    const code = languageColumn >= 0 ? (cells[languageColumn] ?? '').trim().toLowerCase() : '';
    const language = code && isLanguage(code) && offered.includes(code) ? code : undefined;
    if (code && !language)
      problems.push(
        t('desk.importOutcomes.line.unknownLanguage', {
          line,
          code: truncateWords(code, 20),
          offered: offered.join(', '),
        }),
      );
    const key = emailKeyOf(checked.address);
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({ line, email: checked.address, schoolIds, schoolSlugs, language: language ?? offered[0]! });
  }
  if (problems.length) {
    const shown = problems.slice(0, SHOWN_PROBLEMS).join('; ');
    const more = problems.length - SHOWN_PROBLEMS;
    const message = t('desk.importOutcomes.problems', {
      count: problems.length,
      problems: more > 0 ? t('desk.importOutcomes.andMore', { problems: shown, more }) : shown,
    });
    // What a misread file gets wrong shows in the problems: a school's name, an address with an accent.
    return {
      ok: false,
      message:
        read.encoding === 'windows-1252'
          ? `${message} ${t('desk.importOutcomes.readAsWindows1252')}`
          : read.encoding === 'macintosh'
            ? `${message} ${t('desk.importOutcomes.readAsMacRoman')}`
            : message,
    };
  }
  if (rows.length === 0) return { ok: false, message: t('desk.importOutcomes.noAddresses') };
  return { ok: true, rows };
}
