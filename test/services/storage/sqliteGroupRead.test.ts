import { expect } from 'chai';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import type { Rows } from '../../../services/storage/sqliteBusy';
import { SqliteGroupRead } from '../../../services/storage/sqliteGroupRead';
import { tempDataDir } from '../../support/drivers/testAssistant';

/**
 * The SQLite records' single-record reads (issue 18): the reads asked for while a query is under way go
 * together in the next one, and each caller gets its own record as if it had been read alone.
 */
describe('SQLite group read', () => {
  let db: sqlite3.Database;
  let queries: string[];
  let reads: SqliteGroupRead;

  const all = (sql: string, ...params: unknown[]) =>
    new Promise<Rows>((resolve, reject) =>
      db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as Rows))),
    );

  beforeEach(async () => {
    db = new sqlite3.Database(path.join(tempDataDir(), 'reads.sqlite'));
    await new Promise<void>((resolve, reject) =>
      db.exec(
        `CREATE TABLE t (key TEXT PRIMARY KEY, value TEXT);
         INSERT INTO t VALUES ('a', 'alpha'), ('b', 'beta'), ('c', 'gamma'), ('zażółć', 'unicode');`,
        (error) => (error ? reject(error) : resolve()),
      ),
    );
    queries = [];
    reads = new SqliteGroupRead((sql, ...params) => {
      queries.push(sql);
      return all(sql, ...params);
    }, 't');
  });
  afterEach(() => new Promise((resolve) => db.close(resolve)));

  it('reads a lone record at once, in a query of its own', async () => {
    expect(await reads.read('a')).to.equal('alpha');
    expect(queries).to.have.length(1);
  });

  it('answers reads asked for together with one query, each with its own record, a missing one as absent', async () => {
    const keys = ['a', 'b', 'missing', 'a', 'zażółć'];
    expect(await Promise.all(keys.map((key) => reads.read(key)))).to.deep.equal([
      'alpha',
      'beta',
      undefined,
      'alpha',
      'unicode',
    ]);
    expect(queries).to.have.length(1);
  });

  it('sends the reads asked for while a query is under way together in the next', async () => {
    const first = reads.read('a');
    await Promise.resolve(); // The first query has begun.
    await Promise.resolve();
    const meanwhile = ['b', 'c', 'missing'].map((key) => reads.read(key));
    expect(await first).to.equal('alpha');
    expect(await Promise.all(meanwhile)).to.deep.equal(['beta', 'gamma', undefined]);
    expect(queries).to.have.length(2);
  });

  it('fails only the reads of a query that failed; the next reads are answered', async () => {
    let fail = true;
    reads = new SqliteGroupRead((sql, ...params) => {
      if (fail) return Promise.reject(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' }));
      return all(sql, ...params);
    }, 't');
    const failed = await Promise.allSettled([reads.read('a'), reads.read('b')]);
    expect(failed.map((outcome) => outcome.status)).to.deep.equal(['rejected', 'rejected']);
    fail = false;
    expect(await reads.read('c')).to.equal('gamma');
  });
});
