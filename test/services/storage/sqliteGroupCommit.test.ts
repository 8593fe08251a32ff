import { expect } from 'chai';
import path from 'node:path';
import sinon from 'sinon';
import sqlite3 from 'sqlite3';
import { inlineParams } from '../../../services/storage/sqliteBatchScript';
import { SqliteGroupCommit } from '../../../services/storage/sqliteGroupCommit';
import { tempDataDir } from '../../support/drivers/testAssistant';

/**
 * The SQLite records' group commit (issue 18): writes that arrive together share one transaction, run as
 * one script where their values allow it, and each caller is answered as if its write had run alone.
 */
describe('SQLite group commit', () => {
  let file: string;
  let reader: sqlite3.Database;
  let group: SqliteGroupCommit;

  const query = (sql: string, ...params: unknown[]) =>
    new Promise<Array<Record<string, unknown>>>((resolve, reject) =>
      reader.all(sql, params, (error, rows) =>
        error ? reject(error) : resolve(rows as Array<Record<string, unknown>>),
      ),
    );

  beforeEach(async () => {
    file = path.join(tempDataDir(), 'group.sqlite');
    reader = new sqlite3.Database(file);
    const ready = new Promise<void>((resolve, reject) =>
      reader.exec(
        `PRAGMA journal_mode = WAL;
         CREATE TABLE t (key TEXT PRIMARY KEY, value TEXT NOT NULL, n REAL);`,
        (error) => (error ? reject(error) : resolve()),
      ),
    );
    group = new SqliteGroupCommit(file, ready, 2000, 'FULL');
  });
  afterEach(async () => {
    sinon.restore();
    await group.close();
    await new Promise((resolve) => reader.close(resolve));
  });

  const insert = (key: string, value: unknown) =>
    group.write('INSERT INTO t (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING RETURNING key', [key, value]);

  it('answers each of 40 writes arriving together with what it changed: of two creates of one key, the first wins', async () => {
    const keys = Array.from({ length: 20 }, (_, i) => `k${i}`);
    const first = keys.map((key) => insert(key, 'first'));
    const second = keys.map((key) => insert(key, 'second'));
    expect(await Promise.all(first)).to.deep.equal(keys.map(() => 1));
    expect(await Promise.all(second)).to.deep.equal(keys.map(() => 0));
    const rows = await query('SELECT DISTINCT value FROM t');
    expect(rows).to.deep.equal([{ value: 'first' }]);
  });

  it('sends a batch to SQLite as one script, one trip to the thread pool instead of one a write', async () => {
    const exec = sinon.spy(sqlite3.Database.prototype, 'exec');
    await Promise.all(Array.from({ length: 30 }, (_, i) => insert(`s${i}`, 'v')));
    const scripts = exec.getCalls().filter((call) => String(call.args[0]).includes('csp_batch_outcome'));
    // The first write commits alone (nothing waited when it came); the 29 that came meanwhile go together.
    expect(scripts.length).to.be.within(1, 2);
    expect((await query('SELECT count(*) AS n FROM t'))[0].n).to.equal(30);
  });

  it('commits a write that comes alone as one prepared statement, no script, visible to the other connection', async () => {
    const exec = sinon.spy(sqlite3.Database.prototype, 'exec');
    expect(await insert('alone', 'v')).to.equal(1);
    expect(await insert('alone', 'again')).to.equal(0);
    expect(exec.getCalls().filter((call) => String(call.args[0]).includes('csp_batch_outcome'))).to.have.length(0);
    expect(await query("SELECT value FROM t WHERE key = 'alone'")).to.deep.equal([{ value: 'v' }]);
    const refused = await group.write('INSERT INTO t (key, value) VALUES (?, ?)', ['bad', null]).catch((e: Error) => e);
    expect(String(refused)).to.match(/NOT NULL/);
  });

  it('waits for another connection that holds the write lock before a lone write commits, as BEGIN IMMEDIATE did', async () => {
    const run = (sql: string) =>
      new Promise<void>((resolve, reject) => reader.exec(sql, (error) => (error ? reject(error) : resolve())));
    await insert('first', 'v');
    await run("BEGIN IMMEDIATE; INSERT INTO t (key, value) VALUES ('held', 'by the other connection')");
    const waiting = insert('second', 'v');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await run('COMMIT');
    expect(await waiting).to.equal(1);
    expect(await query('SELECT key FROM t ORDER BY key')).to.deep.equal([
      { key: 'first' },
      { key: 'held' },
      { key: 'second' },
    ]);
  });

  it('fails a write that breaks a constraint alone: the others in its batch are kept', async () => {
    const writes = [
      insert('good-1', 'kept'),
      group.write('INSERT INTO t (key, value) VALUES (?, ?)', ['bad', null]),
      insert('good-2', 'kept'),
    ];
    const [good1, bad, good2] = await Promise.allSettled(writes);
    expect(good1).to.deep.equal({ status: 'fulfilled', value: 1 });
    expect(good2).to.deep.equal({ status: 'fulfilled', value: 1 });
    expect(bad.status).to.equal('rejected');
    expect(String((bad as PromiseRejectedResult).reason)).to.match(/NOT NULL/);
    expect(await query('SELECT key FROM t ORDER BY key')).to.deep.equal([{ key: 'good-1' }, { key: 'good-2' }]);
  });

  it('stores quotes, NULs, Unicode and fractions exactly as given', async () => {
    const odd = ["O'Brien's ''quoted'' name; DROP TABLE t; --", 'a\0b', 'Zażółć gęślą jaźń – 🇸🇪'];
    await Promise.all([
      ...odd.map((value, i) => insert(`odd-${i}`, value)),
      group.write('INSERT INTO t (key, value, n) VALUES (?, ?, ?)', ['fraction', 'f', 0.1 + 0.2]),
    ]);
    const rows = await query("SELECT key, value, n FROM t WHERE key LIKE 'odd-%' OR key = 'fraction' ORDER BY key");
    expect(rows).to.deep.equal([
      { key: 'fraction', value: 'f', n: 0.1 + 0.2 },
      ...odd.map((value, i) => ({ key: `odd-${i}`, value, n: null })),
    ]);
  });

  it('writes strings into a script in SQLite’s literal syntax, and declines what it cannot write exactly', () => {
    expect(inlineParams('UPDATE t SET value = ? WHERE key = ? AND n = ?', ["it's", 'k', 42])).to.equal(
      "UPDATE t SET value = 'it''s' WHERE key = 'k' AND n = 42",
    );
    expect(inlineParams('SELECT ?', [null])).to.equal('SELECT NULL');
    expect(inlineParams('SELECT ?', ['a\0b'])).to.equal(undefined);
    expect(inlineParams('SELECT ?', [0.5])).to.equal(undefined);
    expect(inlineParams('SELECT ?, ?', ['one'])).to.equal(undefined);
  });
});
