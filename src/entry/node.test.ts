import BetterSqlite3 from 'better-sqlite3';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../config';
import { silentLogger } from '../log';
import { createNodeRuntime, databaseProblem, probeWritable, withEarlierOutbox } from './node';

describe('databaseProblem', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /**
   * What the probe meets on a file this user may only read. Tests run as root, who may write any file, so the
   * file is opened read-only, which is how SQLite opens it for a user without write permission.
   */
  function readOnlyError(): unknown {
    const dir = mkdtempSync(join(tmpdir(), 'yesterday-readonly-'));
    dirs.push(dir);
    const path = join(dir, 'y.db');
    new BetterSqlite3(path).exec('CREATE TABLE t (x)').close();
    const sqlite = new BetterSqlite3(path, { readonly: true });
    try {
      probeWritable({ sqlite });
    } catch (error) {
      return error;
    } finally {
      sqlite.close();
    }
    throw new Error('the probe wrote to a read-only file');
  }

  it('says a database that cannot be written belongs to someone else, naming DATABASE_PATH', () => {
    const problem = databaseProblem(readOnlyError(), '/var/lib/yesterday/yesterday.db');
    expect(problem).toBeInstanceOf(ConfigError);
    expect(problem!.message).toBe(
      'DATABASE_PATH: the database at /var/lib/yesterday/yesterday.db can be read but not written (attempt to write a readonly database). Give the user running Yesterday the file and the folder it is in (after a restore done as root: chown them back to that user).',
    );
  });

  it('says a database another user owns cannot be opened by this one, and who should run the command', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yesterday-owned-'));
    dirs.push(dir);
    const path = join(dir, 'y.db');
    new BetterSqlite3(path).close();
    const owner = statSync(path).uid;
    const cantOpen = Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' });
    // Run by someone else than the file's owner (a command as root on the service's file, say).
    const problem = databaseProblem(cantOpen, path, owner + 1);
    expect(problem).toBeInstanceOf(ConfigError);
    expect(problem!.message).toMatch(
      new RegExp(
        `^DATABASE_PATH: the database at ${path} belongs to (the user \\S+ \\(uid ${owner}\\)|uid ${owner}), not to (the user \\S+ \\(uid ${owner + 1}\\)|uid ${owner + 1}), who is running this and may not open it \\(unable to open database file\\)\\. ${owner === 0 ? 'After a restore or a copy made as root' : 'Run the commands as the user the service runs as'}`,
      ),
    );
    // By its owner, it is what the folder allows that is in question; by root, whom no owner refuses, too.
    expect(databaseProblem(cantOpen, path, owner)!.message).toContain('cannot be made or opened');
    expect(databaseProblem(cantOpen, path, 0)!.message).toContain('cannot be made or opened');
    // Owned by another user than root (the service's), opened by a third: run as the service's user.
    chownSync(path, 4242, 4242);
    expect(databaseProblem(cantOpen, path, 4243)!.message).toMatch(
      /belongs to uid 4242, not to uid 4243, who is running this and may not open it \(unable to open database file\)\. Run the commands as the user the service runs as; if the service itself runs as uid 4243, give it the file and its folder with chown\.$/,
    );
  });

  it('says a file that is no database, or a damaged one, is so, naming DATABASE_PATH and what to do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yesterday-notadb-'));
    dirs.push(dir);
    const export_ = join(dir, 'rows.sql');
    writeFileSync(export_, 'PRAGMA defer_foreign_keys=TRUE;\n'.repeat(300));
    await expect(
      createNodeRuntime(parseConfig({ DATABASE_PATH: export_, OUTBOX_DIR: dir }), {
        log: silentLogger,
        processWorkers: 0,
      }),
    ).rejects.toThrow(`DATABASE_PATH: ${export_} is not a SQLite database (file is not a database).`);
    // A backup cut short: the first pages of a real database.
    const whole = join(dir, 'whole.db');
    const db = new BetterSqlite3(whole);
    db.exec('CREATE TABLE t (x TEXT)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    for (let n = 0; n < 2000; n++) insert.run('x'.repeat(200));
    db.close();
    const cut = join(dir, 'cut.db');
    writeFileSync(cut, readFileSync(whole).subarray(0, 8192));
    const problem = await createNodeRuntime(parseConfig({ DATABASE_PATH: cut, OUTBOX_DIR: dir }), {
      log: silentLogger,
      processWorkers: 0,
    }).catch((error: unknown) => error);
    expect(problem).toBeInstanceOf(ConfigError);
    expect((problem as Error).message).toMatch(
      new RegExp(`^DATABASE_PATH: the database at ${cut} is damaged \\(.+\\): a copy cut short`),
    );
  });

  it('names DATABASE_PATH when a file stands where its folder should be', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yesterday-file-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'file'), 'x');
    const config = parseConfig({ DATABASE_PATH: join(dir, 'file', 'y.db'), OUTBOX_DIR: dir });
    return expect(createNodeRuntime(config, { log: silentLogger, processWorkers: 0 })).rejects.toThrow(
      `DATABASE_PATH: the database cannot be made or opened at ${join(dir, 'file', 'y.db')}`,
    );
  });

  it('refuses a database in a folder that is not there, and makes neither', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yesterday-typo-'));
    dirs.push(dir);
    const config = parseConfig({ DATABASE_PATH: join(dir, 'yesterdy', 'y.db'), OUTBOX_DIR: dir });
    await expect(createNodeRuntime(config, { log: silentLogger, processWorkers: 0 })).rejects.toThrow(
      `DATABASE_PATH: the folder ${join(dir, 'yesterdy')} does not exist. Check the path for a typing mistake;`,
    );
    expect(existsSync(join(dir, 'yesterdy'))).toBe(false);
  });

  it('refuses a database a newer version migrated, rather than run older code on it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yesterday-newer-'));
    dirs.push(dir);
    const config = parseConfig({ DATABASE_PATH: join(dir, 'y.db'), OUTBOX_DIR: dir });
    await (await createNodeRuntime(config, { log: silentLogger, processWorkers: 0 })).close();
    // As a later version's migration would leave it: one more row, from after every migration this one has.
    const sqlite = new BetterSqlite3(join(dir, 'y.db'));
    sqlite
      .prepare(
        'insert into __drizzle_migrations (hash, created_at) select ?, max(created_at) + 1000 from __drizzle_migrations',
      )
      .run('from-a-later-version');
    sqlite.close();
    await expect(createNodeRuntime(config, { log: silentLogger, processWorkers: 0 })).rejects.toThrow(
      `DATABASE_PATH: ${join(dir, 'y.db')} was brought up to date by a newer version of Yesterday than this one`,
    );
  });

  it('leaves other errors as they are', () => {
    expect(databaseProblem(new Error('no such table: items'), '/tmp/y.db')).toBeUndefined();
  });
});

describe('createNodeRuntime', () => {
  it('says an outbox folder that cannot be made, naming OUTBOX_DIR, and makes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yesterday-outbox-'));
    try {
      writeFileSync(join(dir, 'file'), 'x');
      const config = parseConfig({
        DATABASE_PATH: join(dir, 'y.db'),
        OUTBOX_DIR: join(dir, 'file', 'outbox'),
      });
      await expect(createNodeRuntime(config, { log: silentLogger, processWorkers: 0 })).rejects.toThrow(
        `OUTBOX_DIR: cannot be used (ENOTDIR): ${join(dir, 'file', 'outbox')}. Name a folder`,
      );
      expect(existsSync(join(dir, 'y.db'))).toBe(false);
      // A folder still to be made, inside one that can be written, is fine.
      const fine = parseConfig({ DATABASE_PATH: join(dir, 'y.db'), OUTBOX_DIR: join(dir, 'new', 'outbox') });
      await (await createNodeRuntime(fine, { log: silentLogger, processWorkers: 0 })).close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says a DKIM key file it cannot read at start, even while email goes to the outbox folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yesterday-dkim-'));
    try {
      const config = parseConfig({
        PUBLIC_URL: 'https://digest.district.example',
        DATABASE_PATH: join(dir, 'y.db'),
        OUTBOX_DIR: join(dir, 'outbox'),
        DKIM_DOMAIN: 'district.example',
        DKIM_SELECTOR: 'yesterday',
        DKIM_PRIVATE_KEY_FILE: join(dir, 'missing.pem'),
      });
      const started = createNodeRuntime(config, { log: silentLogger, processWorkers: 0 });
      await expect(started).rejects.toThrow(ConfigError);
      await expect(started).rejects.toThrow(
        `DKIM_PRIVATE_KEY_FILE: cannot be read (ENOENT): ${join(dir, 'missing.pem')}`,
      );
      // Nothing was left half made: the database was not even created.
      expect(existsSync(join(dir, 'y.db'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('withEarlierOutbox', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  function district() {
    const dir = mkdtempSync(join(tmpdir(), 'yesterday-outbox-'));
    dirs.push(dir);
    const earlier = join(dir, 'install', 'data', 'outbox');
    mkdirSync(earlier, { recursive: true });
    mkdirSync(join(dir, 'var'));
    return { earlier, database: join(dir, 'var', 'y.db'), beside: join(dir, 'var', 'outbox') };
  }

  it('keeps writing where the emails already are, until OUTBOX_DIR says or the folder beside the database has some', () => {
    const { earlier, database, beside } = district();
    const config = parseConfig({ DATABASE_PATH: database });
    expect(config.outboxDir).toBe(beside);
    // An empty earlier folder is nothing to keep.
    expect(withEarlierOutbox(config, earlier)).toBe(config);
    writeFileSync(join(earlier, 'a.eml'), 'Subject: a\n');
    expect(withEarlierOutbox(config, earlier)).toEqual({
      ...config,
      outboxDir: earlier,
      outboxFromEarlier: beside,
    });
    const given = parseConfig({ DATABASE_PATH: database, OUTBOX_DIR: beside });
    expect(withEarlierOutbox(given, earlier)).toBe(given);
    const smtp = parseConfig({ DATABASE_PATH: database, SMTP_URL: 'smtp://127.0.0.1:2525' });
    expect(withEarlierOutbox(smtp, earlier)).toBe(smtp);
    mkdirSync(beside);
    writeFileSync(join(beside, 'b.eml'), 'Subject: b\n');
    expect(withEarlierOutbox(config, earlier)).toBe(config);
  });

  it('changes nothing where the folder beside the database is the earlier one, however each is written', () => {
    const { earlier } = district();
    writeFileSync(join(earlier, 'a.eml'), 'Subject: a\n');
    // The same folder, relative to where Yesterday runs and written out in full.
    const config = { ...parseConfig({}), outboxDir: relative(process.cwd(), earlier) };
    expect(withEarlierOutbox(config, earlier)).toBe(config);
  });
});
