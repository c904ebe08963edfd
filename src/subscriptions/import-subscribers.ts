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

export type ImportOutcome =
  | {
      ok: true;
      added: number;
      confirmed: number;
      waiting: number;
      alreadyIn: number;
      leftAlone: number;
      /** Addresses the district deleted at their owner's request: never added again by an import. */
      forgotten: number;
    }
  | { ok: false; message: string };

interface Row {
  line: number;
  email: string;
  schoolIds: number[];
  schoolSlugs: string[];
  /** The language column's code; the district's own where the file has no such column or the cell is empty. */
  language: Language;
}

export async function importSubscribers(
  db: Database,
  signingKey: string,
  actor: Actor,
  request: ImportRequest,
  now: number,
): Promise<ImportOutcome> {
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
  const statements: Statement[] = addSubscribersStatements(db, added);
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
          rows: rows.length,
          added: fresh.length,
          confirmed: attestation ? fresh.length + pendingToConfirm.length : 0,
          attestation: attestation || null,
        },
      },
      now,
    ),
  );
  await db.batch(statements);
  return {
    ok: true,
    added: fresh.length,
    confirmed: attestation ? fresh.length + pendingToConfirm.length : 0,
    waiting: attestation ? 0 : fresh.length,
    alreadyIn,
    leftAlone,
    forgotten: unknown.length - fresh.length,
  };
}

/** Rows of the file, each checked; or every problem, by line, and nothing else. */
async function readRows(
  db: Database,
  csv: string | Blob,
): Promise<{ ok: true; rows: Row[] } | { ok: false; message: string }> {
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
  const rows: Row[] = [];
  const seen = new Set<string>();
  for (const [index, { line, cells }] of body.entries()) {
    // Checking a hundred thousand rows takes a while: other requests are answered between batches.
    if (index % 2000 === 1999) await yieldToEventLoop();
    const checked = checkEmailAddress(cells[emailColumn] ?? '');
    if (!checked.ok) {
      problems.push(
        t('desk.importOutcomes.line.badAddress', {
          line,
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
    return {
      ok: false,
      message: t('desk.importOutcomes.problems', {
        count: problems.length,
        problems: more > 0 ? t('desk.importOutcomes.andMore', { problems: shown, more }) : shown,
      }),
    };
  }
  if (rows.length === 0) return { ok: false, message: t('desk.importOutcomes.noAddresses') };
  return { ok: true, rows };
}
