import { expect } from 'chai';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { openStore, SQLITE_FILE_NAME, type Store } from '../../../services/storage/openStore';
import { tempDataDir } from '../../support/drivers/testAssistant';

/**
 * The SQLite records beside other connections to their file (another process's, Keyv's): a read must never
 * wait behind another connection's write, and must see every commit made before it, whoever made it; a
 * write under way when the store closes is answered with what it did.
 */
describe('SQLite records beside other connections, and at close', () => {
  let store: Store;
  let other: sqlite3.Database;
  let dataDir: string;

  const run = (sql: string, ...params: unknown[]) =>
    new Promise<void>((resolve, reject) => other.run(sql, params, (error) => (error ? reject(error) : resolve())));

  beforeEach(async () => {
    dataDir = tempDataDir();
    store = openStore({ backend: 'sqlite', dataDir });
    await store.records.ping();
    // Another process's connection to the same file.
    other = new sqlite3.Database(path.join(dataDir, SQLITE_FILE_NAME));
  });
  afterEach(async () => {
    await new Promise((resolve) => other.close(resolve));
    await store.close();
  });

  it('answers at once while another connection holds the write lock mid-transaction, with what was committed', async () => {
    await store.records.compareAndSet('org:1', undefined, { name: 'Tailspin Toys' });
    await run('BEGIN IMMEDIATE');
    await run(`UPDATE keyv SET value = 'uncommitted' WHERE key = 'org:1'`);
    const started = Date.now();
    const read = await store.records.read<{ name: string }>('org:1');
    // Not the busy timeout (5 s) nor a retry's wait: WAL lets the reader go on beside the writer.
    expect(Date.now() - started).to.be.below(500);
    expect(read).to.deep.equal({ value: { name: 'Tailspin Toys' }, version: 1 });
    await run('ROLLBACK');
  });

  it('sees a record another connection committed just before, and the next version this store wrote after it', async () => {
    const raw = JSON.stringify({ value: { v: 3, d: { name: 'Fabrikam AB' } } });
    await run(`INSERT INTO keyv (key, value) VALUES ('org:2', ?)`, raw);
    expect(await store.records.read('org:2')).to.deep.equal({ value: { name: 'Fabrikam AB' }, version: 3 });
    expect(await store.records.compareAndSet('org:2', 3, { name: 'Fabrikam AB', verified: true })).to.equal(4);
    expect(await store.records.read('org:2')).to.deep.equal({
      value: { name: 'Fabrikam AB', verified: true },
      version: 4,
    });
  });

  it('answers the writes under way when the store closes with what they changed, and keeps them', async () => {
    const writes = [
      store.records.compareAndSet('org:4', undefined, { name: 'Northwind' }),
      store.records.compareAndSet('org:5', undefined, { name: 'Adatum' }),
    ];
    // Shutdown begins while the group commit holds them: the batch's outcomes are still read.
    const closing = store.close();
    expect(await Promise.all(writes)).to.deep.equal([1, 1]);
    await closing;
    store = openStore({ backend: 'sqlite', dataDir });
    expect(await store.records.read('org:4')).to.deep.equal({ value: { name: 'Northwind' }, version: 1 });
    expect(await store.records.read('org:5')).to.deep.equal({ value: { name: 'Adatum' }, version: 1 });
  });
});
