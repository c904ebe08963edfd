// Moving a district between a server and Cloudflare with the real tools: the server's rows exported by
// `npx yesterday d1:export-sql`, loaded into a D1 database (local, migrated from drizzle/ by wrangler) with
// `wrangler d1 execute --file`, exported again with `wrangler d1 export --no-schema`, and loaded into a new
// server database by `npx yesterday d1:import-sql`: every row arrives unchanged. Also the first-administrator
// link for a Worker, stored in D1 by `npx yesterday d1:setup-link`.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { deskDepsOf, publishDesk, saveDesk, type DeskActor } from '../src/curate/desk';
import { listItemsPublishedBetween } from '../src/db/items';
import { NOT_EMPTY_D1, restoreStatements } from '../src/db/sql-transfer-node';
import { writeSetting } from '../src/db/settings';
import { addConfirmedSubscriber, addSchoolWithSource, item, storeItems } from './fixtures';
import { serveBody, startTestServer } from './http-server';
import { solidPng } from './png';
import { addUser, startTestApp } from './test-app';

const run = promisify(execFile);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const WRANGLER = resolve('node_modules/wrangler/bin/wrangler.js');
const BIN = resolve('bin/yesterday.mjs');
const dir = mkdtempSync(join(tmpdir(), 'yesterday-d1-'));
const env = {
  ...process.env,
  CI: '1',
  WRANGLER_SEND_METRICS: 'false',
  LOG_LEVEL: 'silent',
  PUBLIC_URL: 'https://digest.district.example',
};
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * wrangler against a local D1 kept in `project` (a copy of wrangler.toml beside a link to drizzle/): local
 * state lives next to the configuration, and `d1 export` has no other way to be pointed at it.
 */
function localProject(name: string): string {
  const project = join(dir, name);
  mkdirSync(project);
  copyFileSync('wrangler.toml', join(project, 'wrangler.toml'));
  symlinkSync(resolve('drizzle'), join(project, 'drizzle'));
  return project;
}

const wrangler = (project: string, ...args: string[]) =>
  run(process.execPath, [WRANGLER, 'd1', ...args, '--local'], { env, cwd: project, maxBuffer: 1 << 26 });

async function d1Rows(persist: string, sql: string) {
  const { stdout } = await wrangler(persist, 'execute', 'yesterday', '--json', '--command', sql);
  return (JSON.parse(stdout) as { results: Record<string, unknown>[] }[])[0]!.results;
}

const DATA_TABLES = [
  'schools',
  'sources',
  'items',
  'digests',
  'digest_entries',
  'subscribers',
  'subscriber_schools',
  'deliveries',
  'users',
  'audit_log',
  'settings',
  'pictures',
  'picture_files',
];

function snapshot(path: string) {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    return Object.fromEntries(
      DATA_TABLES.map((t) => [t, db.prepare(`select * from "${t}" order by rowid`).all()]),
    );
  } finally {
    db.close();
  }
}

/**
 * One of the scripts the commands write, run as written (by sh, xargs and all) against the local R2 of
 * `project` instead of Cloudflare's: an `npx` first on PATH hands `wrangler` its arguments with --local for
 * --remote, in `project`, one at a time (each local wrangler opens the same files on disk, which two cannot
 * share; Cloudflare's bucket takes the script's four at once).
 */
async function runScript(script: string, project: string) {
  const shims = join(dir, 'shims');
  mkdirSync(shims, { recursive: true });
  writeFileSync(
    join(shims, 'npx'),
    `#!${process.execPath}
const { spawnSync } = require('node:child_process');
const [tool, ...args] = process.argv.slice(2);
if (tool !== 'wrangler') process.exit(2);
const mapped = args.map((a) => (a === '--remote' ? '--local' : a));
const { mkdirSync, rmdirSync } = require('node:fs');
const lock = ${JSON.stringify(join(dir, 'shims'))} + '/lock';
for (;;) {
  try { mkdirSync(lock); break; } catch { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50); }
}
let status = 1;
try {
  status = spawnSync(process.execPath, [${JSON.stringify(WRANGLER)}, ...mapped], { cwd: process.env.SHIM_PROJECT, stdio: 'inherit' }).status ?? 1;
} finally {
  rmdirSync(lock);
}
process.exit(status);
`,
    { mode: 0o755 },
  );
  await run('sh', [script], {
    env: { ...env, PATH: `${shims}:${process.env.PATH}`, SHIM_PROJECT: project },
    maxBuffer: 1 << 26,
  });
}

describe('moving between a server and Cloudflare', () => {
  it('carries every row to D1 and back unchanged', async () => {
    // A server with a published day, a subscriber who got it, and an editor.
    const images = await startTestServer();
    images.route('/garden.png', serveBody(Buffer.from(solidPng(800, 500, [40, 140, 60])), 'image/png'));
    const app = await startTestApp();
    const db = app.runtime.deps.db;
    const noon = Date.parse('2026-11-20T18:00:00Z');
    const { source, school } = await addSchoolWithSource(
      db,
      'Lincoln Elementary',
      'https://lincoln.example/feed',
    );
    await storeItems(db, source.id, [
      item({
        guid: 'quotes',
        title: 'Apostrophes aren\'t a problem; nor are "quotes" or\nnew lines',
        publishedAt: noon,
      }),
      // A post too long for one of D1's statements (100 KB at most): emoji, accents and quotes throughout.
      item({
        guid: 'long',
        title: 'A long post',
        publishedAt: noon - 1000,
        contentHtml: `<p>${'Día de la Tierra 🌍, it\'s "ours". '.repeat(8000)}</p>`,
      }),
      item({
        guid: 'unicode',
        title: 'Día de la Tierra 🌍',
        publishedAt: noon + 1000,
        imageUrl: `${images.url}/garden.png`,
        imageAlt: 'Seedlings on a windowsill',
      }),
    ]);
    await addConfirmedSubscriber(db, 'parent@family.example', [school.id]);
    // A logo near its 500 KB limit, kept in the settings as a data: address.
    await writeSetting(db, 'logo', `data:image/png;base64,${Buffer.alloc(360_000, 7).toString('base64')}`, 1);
    const editor = await addUser(app, 'dana@district.example', 'editor');
    const actor: DeskActor = {
      type: 'user',
      id: editor.id,
      userId: editor.id,
      label: 'dana',
      role: 'editor',
    };
    const items = await listItemsPublishedBetween(db, noon - 12 * 3600_000, noon + 12 * 3600_000);
    await saveDesk(deskDepsOf(app.runtime.deps), actor, '2026-11-20', {
      entries: items.map((i) => ({ itemId: i.id })),
    });
    await publishDesk(deskDepsOf(app.runtime.deps), actor, '2026-11-20');
    const original = app.config.databasePath;
    await app.runtime.close();
    const before = snapshot(original);
    expect(before.digest_entries).toHaveLength(3);
    expect(before.picture_files).toHaveLength(5);
    await images.close();

    const rowsFile = join(dir, 'to-d1.sql');
    const exported = await run(process.execPath, [BIN, 'd1:export-sql', rowsFile], {
      env: { ...env, DATABASE_PATH: original },
    });
    expect(exported.stdout).toMatch(/Wrote \d+ rows/);
    // Every statement within D1's limit: the long rows went in pieces.
    const statements = readFileSync(rowsFile, 'utf8').split(/;\n(?=INSERT|UPDATE|PRAGMA)/);
    expect(Math.max(...statements.map((s) => Buffer.byteLength(s)))).toBeLessThan(100_000);
    expect(statements.filter((s) => s.startsWith('UPDATE')).length).toBeGreaterThan(4);
    // The pictures go beside the rows, with the commands that put them in R2 (run here against local R2).
    expect(exported.stdout).toContain(`Wrote 5 picture files to ${join(dir, 'to-d1-media')}`);
    const upload = join(dir, 'to-d1-media', 'upload.sh');
    // One line for each of the five files, put four at a time.
    expect(
      readFileSync(upload, 'utf8').match(/^[0-9a-f]+-\w+\.(webp|jpg) image\/(webp|jpeg)$/gm),
    ).toHaveLength(5);

    const persist = localProject('d1');
    await wrangler(persist, 'migrations', 'apply', 'yesterday');
    // The Worker deployed first, as the Cloudflare steps do, has run: its cron and first page wrote a signing
    // key of its own, a counter and a mark, someone tried to sign in, and a first-administrator link waits. The
    // server's rows replace them (ids that would clash included), so the links in emails it sent keep working.
    await run(process.execPath, [BIN, 'd1:setup-link', '--local'], { env, cwd: persist });
    await wrangler(
      persist,
      'execute',
      'yesterday',
      '--command',
      "INSERT INTO settings (key, value, updated_at) VALUES ('signing_key', 'the Worker''s own', 1); INSERT INTO site_state (key, value) VALUES ('public_revision', 3); INSERT INTO job_marks (key, at) VALUES ('a-mark', 1); INSERT INTO rate_events (id, key, at) VALUES (1, 'login:203.0.113.9', 1); INSERT INTO audit_log (id, at, actor_type, actor_label, action) VALUES (1, 1, 'public', '203.0.113.9', 'user.login_failed')",
    );
    await wrangler(persist, 'execute', 'yesterday', '--file', rowsFile);
    expect(await d1Rows(persist, "select value from settings where key = 'signing_key'")).toEqual(
      (before.settings as { key: string; value: string }[])
        .filter((row) => row.key === 'signing_key')
        .map(({ value }) => ({ value })),
    );
    expect(await d1Rows(persist, 'select count(*) as n from user_tokens')).toEqual([{ n: 0 }]);
    // Loaded again, into a D1 database that now holds a district, it is refused in a sentence and changes nothing.
    const counts = () =>
      d1Rows(
        persist,
        `select ${DATA_TABLES.map((t) => `(select count(*) from "${t}") as "${t}"`).join(', ')}`,
      );
    const loaded = await counts();
    const twice = await wrangler(persist, 'execute', 'yesterday', '--file', rowsFile).catch(
      (error: { code: number; stderr: string; stdout: string }) => error,
    );
    expect((twice as { code: number }).code).toBe(1);
    expect(
      (twice as { stderr: string; stdout: string }).stderr + (twice as { stdout: string }).stdout,
    ).toContain(NOT_EMPTY_D1);
    expect(await counts()).toEqual(loaded);
    expect(
      await d1Rows(
        persist,
        "select name from sqlite_master where name in ('_yesterday_move_check', '_yesterday_move_refused')",
      ),
    ).toEqual([]);
    expect(await d1Rows(persist, 'select count(*) as n from picture_files where bytes is null')).toEqual([
      { n: 5 },
    ]);
    await runScript(upload, persist);
    expect(await d1Rows(persist, 'select title from items order by id')).toEqual([
      { title: 'Apostrophes aren\'t a problem; nor are "quotes" or\nnew lines' },
      { title: 'A long post' },
      { title: 'Día de la Tierra 🌍' },
    ]);
    expect(await d1Rows(persist, "select status from digests where date = '2026-11-20'")).toEqual([
      { status: 'published' },
    ]);

    // A copy kept with wrangler d1 export (schema and rows) goes back into a new D1 database through
    // d1:restore-sql: wrangler's own file fills each table as it makes it, so a row can come before a table it
    // refers to, which D1 refuses.
    const copyFile = join(dir, 'd1-copy.sql');
    await wrangler(persist, 'export', 'yesterday', '--output', copyFile);
    const restoreFile = join(dir, 'restore.sql');
    const restore = await run(process.execPath, [BIN, 'd1:restore-sql', copyFile, restoreFile], { env });
    expect(restore.stdout).toMatch(/Wrote \d+ rows to .*restore\.sql/);
    const restored = localProject('d1-restored');
    await wrangler(restored, 'execute', 'yesterday', '--file', restoreFile);
    // The copy's record of its migrations came with it: this release's apply finds nothing to do.
    expect((await wrangler(restored, 'migrations', 'apply', 'yesterday')).stdout).toContain(
      'No migrations to apply',
    );
    for (const table of DATA_TABLES)
      expect(await d1Rows(restored, `select * from "${table}" order by rowid`), table).toEqual(
        await d1Rows(persist, `select * from "${table}" order by rowid`),
      );

    const backFile = join(dir, 'from-d1.sql');
    await wrangler(persist, 'export', 'yesterday', '--no-schema', '--output', backFile);
    const fresh = join(dir, 'back.db');
    // The server was started on the new file first (its own signing key) and someone tried to sign in: what it
    // wrote with nobody signed in is replaced by the district's rows.
    await run(process.execPath, [BIN, 'migrate'], { env: { ...env, DATABASE_PATH: fresh } });
    const started = new BetterSqlite3(fresh);
    started.exec(
      "insert into rate_events (key, at) values ('login:203.0.113.9', 1); insert into audit_log (at, actor_type, actor_label, action) values (1, 'public', '203.0.113.9', 'user.login_failed')",
    );
    started.close();
    // The pictures are in R2, not in the export: the import says how to fetch them and loads nothing yet.
    const withoutPictures = await run(process.execPath, [BIN, 'd1:import-sql', backFile], {
      env: { ...env, DATABASE_PATH: fresh },
    }).catch((error: { code: number; stderr: string }) => error);
    expect((withoutPictures as { code: number }).code).toBe(1);
    expect((withoutPictures as { stderr: string }).stderr).toContain(
      '5 pictures are not in the file (on Workers they live in R2). Nothing was imported. Download them from the MEDIA bucket with:',
    );
    await runScript(join(dir, 'from-d1-media', 'download.sh'), persist);
    const imported = await run(process.execPath, [BIN, 'd1:import-sql', backFile], {
      env: { ...env, DATABASE_PATH: fresh },
    });
    expect(imported.stdout).toMatch(/Imported \d+ rows and 5 picture files/);
    expect(snapshot(fresh)).toEqual(before);

    // A second import into a database that has data is refused, and changes nothing.
    const again = await run(process.execPath, [BIN, 'd1:import-sql', backFile], {
      env: { ...env, DATABASE_PATH: fresh },
    }).catch((error: { code: number; stderr: string }) => error);
    expect((again as { code: number }).code).toBe(1);
    expect((again as { stderr: string }).stderr).toContain('already holds data');
    expect(snapshot(fresh)).toEqual(before);
    await app.close().catch(() => undefined);
  }, 240_000);

  it('restores a copy an older release kept, and migrations bring it up to date', async () => {
    // The first district day's database (test/upgrade/c1170ed.sql, migrations 0000-0006) as it would sit in D1:
    // D1 records migrations in d1_migrations, by file name.
    const old = new BetterSqlite3(':memory:');
    old.pragma('foreign_keys = OFF');
    old.exec(readFileSync('test/upgrade/c1170ed.sql', 'utf8'));
    old.exec(
      'drop table __drizzle_migrations; create table d1_migrations (id integer primary key autoincrement, name text unique, applied_at timestamp default current_timestamp not null)',
    );
    const journal = JSON.parse(readFileSync('drizzle/meta/_journal.json', 'utf8')) as {
      entries: { tag: string }[];
    };
    for (const { tag } of journal.entries.slice(0, 7))
      old.prepare('insert into d1_migrations (name) values (?)').run(`${tag}.sql`);
    const oldD1 = localProject('d1-old');
    writeFileSync(join(dir, 'old-d1.sql'), [...restoreStatements(old)].join(''));
    old.close();
    await wrangler(oldD1, 'execute', 'yesterday', '--file', join(dir, 'old-d1.sql'));
    // The copy that release's district kept, and its restore into a new database of this release.
    const copyFile = join(dir, 'old-copy.sql');
    await wrangler(oldD1, 'export', 'yesterday', '--output', copyFile);
    const restoreFile = join(dir, 'old-restore.sql');
    await run(process.execPath, [BIN, 'd1:restore-sql', copyFile, restoreFile], { env });
    const restored = localProject('d1-old-restored');
    await wrangler(restored, 'execute', 'yesterday', '--file', restoreFile);
    await wrangler(restored, 'migrations', 'apply', 'yesterday');
    expect(await d1Rows(restored, 'select count(*) as n from d1_migrations')).toEqual([
      { n: journal.entries.length },
    ]);
    // The district's data, brought forward by the later migrations as an upgrade brings a server's.
    expect(await d1Rows(restored, "select title, version from digests where date = '2026-12-04'")).toEqual([
      { title: 'Sprouts, robots and volcanoes', version: 4 },
    ]);
    expect(
      await d1Rows(restored, 'select count(*) as n from sources where authorized_by is not null'),
    ).toEqual([{ n: 0 }]);
    expect(
      await d1Rows(
        restored,
        "select count(*) as n from deliveries where kind = 'correction' and correction_id is null",
      ),
    ).toEqual([{ n: 0 }]);
    expect(await d1Rows(restored, 'select status from subscribers order by id')).toEqual([
      { status: 'confirmed' },
      { status: 'unsubscribed' },
    ]);
  }, 240_000);

  it('stores a first-administrator link for the Worker in D1 and prints it', async () => {
    const persist = localProject('d1-setup');
    // Before the migrations, it says to apply them, and stores nothing.
    const early = await run(process.execPath, [BIN, 'd1:setup-link', '--local'], { env, cwd: persist }).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(early).toMatchObject({ code: 1, stdout: '' });
    expect((early as { stderr: string }).stderr).toContain(
      'The D1 database "yesterday" has no tables yet; nothing was changed. Create them first with npx wrangler d1 migrations apply yesterday --local, then run this again.',
    );
    await wrangler(persist, 'migrations', 'apply', 'yesterday');
    const make = async () => {
      const { stdout } = await run(process.execPath, [BIN, 'd1:setup-link', '--local'], {
        env,
        cwd: persist,
      });
      const link = /https:\/\/digest\.district\.example\/setup\?token=([\w-]+)/.exec(stdout);
      expect(link, stdout).not.toBeNull();
      return link![1]!;
    };
    const first = await make();
    const second = await make();
    expect(first).not.toBe(second);
    expect(
      await d1Rows(
        persist,
        "select token_hash, purpose, user_id, used_at from user_tokens where purpose = 'setup'",
      ),
    ).toEqual([
      {
        token_hash: createHash('sha256').update(second).digest('hex'),
        purpose: 'setup',
        user_id: null,
        used_at: null,
      },
    ]);
    // Once an account exists, it stores nothing and says what to do instead.
    await d1Rows(
      persist,
      "insert into users (email, name, role, created_at, password_hash) values ('o''brien@district.example', 'A', 'admin', 1, 'scrypt$131072$8$1$c2FsdA$a2V5')",
    );
    await d1Rows(persist, 'delete from user_tokens');
    const refused = await run(process.execPath, [BIN, 'd1:setup-link', '--local'], {
      env,
      cwd: persist,
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect((refused as { stderr: string }).stderr).toContain(
      'The D1 database "yesterday" already has accounts, so a setup link would not work; nothing was stored. For someone who has an account (a password set on a server cannot be checked on Workers), make a password link: npx yesterday d1:password-link --email ADDRESS --local.',
    );
    expect(await d1Rows(persist, 'select count(*) as n from user_tokens')).toEqual([{ n: 0 }]);
  }, 180_000);

  it('stores a password link for an existing account in D1, the way in after a move from a server', async () => {
    const persist = localProject('d1-password');
    await wrangler(persist, 'migrations', 'apply', 'yesterday');
    await d1Rows(
      persist,
      "insert into users (email, name, role, created_at, password_hash) values ('o''brien@district.example', 'O', 'admin', 1, 'scrypt$131072$8$1$c2FsdA$a2V5'), ('gone@district.example', 'G', 'editor', 1, null)",
    );
    await d1Rows(persist, "update users set disabled = 1 where email = 'gone@district.example'");
    const link = async (email: string) => {
      const { stdout } = await run(process.execPath, [BIN, 'd1:password-link', '--email', email, '--local'], {
        env,
        cwd: persist,
      });
      const token = /https:\/\/digest\.district\.example\/set-password\?token=([\w-]+)/.exec(stdout);
      expect(token, stdout).not.toBeNull();
      return token![1]!;
    };
    // The address as typed (case and an apostrophe); a second link spends the first.
    const first = await link("O'Brien@District.example");
    const second = await link("o'brien@district.example");
    expect(
      await d1Rows(
        persist,
        'select token_hash, purpose, used_at is not null as spent, (select email from users where id = user_id) as email from user_tokens order by id',
      ),
    ).toEqual([
      { token_hash: sha256(first), purpose: 'set-password', spent: 1, email: "o'brien@district.example" },
      { token_hash: sha256(second), purpose: 'set-password', spent: 0, email: "o'brien@district.example" },
    ]);
    // No such account, or a disabled one: a sentence, and nothing stored.
    for (const [email, words] of [
      [
        'nobody@district.example',
        'There is no account for nobody@district.example in the D1 database "yesterday"; nothing was stored.',
      ],
      ['gone@district.example', 'The account of gone@district.example is disabled; nothing was stored.'],
    ] as const) {
      const refused = await run(process.execPath, [BIN, 'd1:password-link', '--email', email, '--local'], {
        env,
        cwd: persist,
      }).catch((error: { code: number; stdout: string; stderr: string }) => error);
      expect(refused).toMatchObject({ code: 1, stdout: '' });
      expect((refused as { stderr: string }).stderr).toContain(words);
    }
    expect(await d1Rows(persist, 'select count(*) as n from user_tokens')).toEqual([{ n: 2 }]);
  }, 180_000);
});
