import type { AtomicStore, IndexEntry, IndexRange, Versioned } from './atomicStore';
import { decodeRecord, encodeRecord } from './envelope';
import { retryWhileBusy, type Rows } from './sqliteBusy';
import { SqliteGroupCommit } from './sqliteGroupCommit';
import { SqliteReader } from './sqliteReader';
import { assertScore } from './sortedIndex';

/*
 * Two SQLite drivers, each where its way of running fits. Writes: node-sqlite3 (the driver @keyv/sqlite
 * requires anyway, declared in package.json in its range so npm installs one copy), whose statements run
 * on libuv's thread pool, so a commit's flush and a wait for another process's lock never stop the event
 * loop (sqliteGroupCommit.ts). Reads: better-sqlite3 on the main thread, where a one-row read from the WAL
 * costs microseconds instead of a trip to the pool (sqliteReader.ts, with the figures). node:sqlite would
 * do both with no compile, but needs Node 22.
 */

export interface SqliteRecordsOptions {
  /** The database file (`DATA_DIR/csp-assistant.sqlite`), shared with the Keyv adapter. */
  file: string;
  /** Keyv's table: `key VARCHAR(255) PRIMARY KEY, value TEXT`. */
  table: string;
  /**
   * Settles when the Keyv adapter has created the table and put the file in WAL mode. Only then does
   * this connection open: switching a file to WAL while another connection writes to it fails at
   * once with SQLITE_BUSY (no busy wait), so the file is set up by one connection only.
   */
  fileReady: Promise<unknown>;
  /** How long the group commit's writes wait for another process's lock (in the thread pool, not the main thread). */
  busyTimeoutMs: number;
  /** `PRAGMA synchronous` in WAL mode (see openStore). */
  synchronous: 'full' | 'normal';
}

/**
 * SQLite backend: the records live in Keyv's table, in Keyv's envelope. The compare and the set are
 * one SQL statement (`UPDATE ... WHERE version = ?` / `INSERT ... ON CONFLICT`), so two processes
 * sharing the file cannot both win; `RETURNING` tells whether this one did.
 *
 * Connections of its own (the reader and the group commit's writer), each statement prepared once and run
 * again and again. Keyv's adapter runs
 * every query as a new statement that node-sqlite3 finalizes on the main thread, and finalizing takes
 * the connection's lock: under concurrent turns the event loop stood still there behind whichever
 * statement (a commit, a wait for another process's lock) held it, a quarter of the CPU profile of a
 * state-writing turn. A prepared statement is never finalized while the store is open.
 */

export class SqliteAtomicStore implements AtomicStore {
  readonly backend = 'sqlite' as const;
  private readonly connection: Promise<SqliteReader>;
  private readonly table: string;
  /** Ordered indexes: a table of their own, read through its (name, score, member) B-tree. */
  private readonly indexTable: string;
  private indexReady?: Promise<void>;
  private closing = false;
  /** The compare-and-sets, committed in groups on a connection of their own (sqliteGroupCommit.ts). */
  private readonly group: SqliteGroupCommit;

  constructor(options: SqliteRecordsOptions) {
    this.table = options.table;
    this.indexTable = `${this.table}_index`;
    const synchronous = options.synchronous === 'normal' ? 'NORMAL' : 'FULL';
    // Opened once the file is set up (see fileReady). The reader has no busy timeout and its opening reads
    // the schema, which WAL refuses at once while another process recovers the log (its first connection):
    // tried again, since a connection that failed once would fail every request after it.
    this.connection = options.fileReady.then(() =>
      retryWhileBusy(
        async () => new SqliteReader(options.file, synchronous),
        () => this.closing,
      ),
    );
    this.connection.catch(() => {});
    this.group = new SqliteGroupCommit(
      options.file,
      this.connection,
      options.busyTimeoutMs,
      synchronous,
      // Not `query`: a batch committing while the store closes must still learn what it changed.
      (sql, params) =>
        retryWhileBusy(
          async () => (await this.connection).all(sql, params),
          () => false,
        ),
    );
  }

  /** One statement, again after a short wait while SQLite answers SQLITE_BUSY (sqliteBusy.ts says why). */
  private query(sql: string, ...params: unknown[]): Promise<Rows> {
    return retryWhileBusy(
      () => this.queryOnce(sql, params),
      () => this.closing,
    );
  }

  /**
   * A write, in the next group commit (a batch refused as BUSY committed nothing: retried alike). Every
   * write goes there, off the main thread: a commit's flush, and a wait for another process's lock (the
   * busy timeout), take a thread of the pool and not the event loop. Resolves to how many rows it changed.
   */
  private groupWrite(sql: string, ...params: unknown[]): Promise<number> {
    return retryWhileBusy(
      () => this.group.write(sql, params),
      () => this.closing,
    );
  }

  private async queryOnce(sql: string, params: unknown[]): Promise<Rows> {
    const reader = await this.connection;
    if (this.closing) throw new Error('SQLITE_MISUSE: the record store is closed');
    return reader.all(sql, params);
  }

  async read<T>(key: string): Promise<Versioned<T> | undefined> {
    const [row] = await this.query(`SELECT value FROM ${this.table} WHERE key = ?`, key);
    return decodeRecord<T>(row?.value as string | undefined);
  }

  /** Every key in one query, answered in the order asked (a missing or expired record as undefined). */
  async readMany<T>(keys: readonly string[]): Promise<Array<Versioned<T> | undefined>> {
    if (keys.length === 0) return [];
    // One statement for the whole list: the keys as one JSON array, each row matched to its key.
    const rows = await this.query(
      `SELECT key, value FROM ${this.table} WHERE key IN (SELECT value FROM json_each(?))`,
      JSON.stringify(keys),
    );
    const byKey = new Map(rows.map((row) => [row.key as string, row.value as string]));
    const now = Date.now();
    return keys.map((key) => decodeRecord<T>(byKey.get(key), now));
  }

  async compareAndSet<T>(key: string, expected: number | undefined, value: T, options: { ttlMs?: number } = {}) {
    const version = (expected ?? 0) + 1;
    const raw = encodeRecord(value, version, options.ttlMs);
    const changed =
      expected === undefined
        ? // Create, or take over a row whose TTL has passed (Keyv treats it as absent too).
          await this.groupWrite(
            `INSERT INTO ${this.table} (key, value) VALUES (?, ?)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value
             WHERE json_extract(${this.table}.value, '$.expires') IS NOT NULL
               AND json_extract(${this.table}.value, '$.expires') <= ?
             RETURNING key`,
            key,
            raw,
            Date.now(),
          )
        : await this.groupWrite(
            `UPDATE ${this.table} SET value = ?
             WHERE key = ? AND json_extract(value, '$.value.v') = ?
               AND (json_extract(value, '$.expires') IS NULL OR json_extract(value, '$.expires') > ?)
             RETURNING key`,
            raw,
            key,
            expected,
            Date.now(),
          );
    return changed === 1 ? version : undefined;
  }

  async remove(key: string, expected?: number): Promise<boolean> {
    const changed =
      expected === undefined
        ? await this.groupWrite(`DELETE FROM ${this.table} WHERE key = ? RETURNING key`, key)
        : await this.groupWrite(
            `DELETE FROM ${this.table} WHERE key = ? AND json_extract(value, '$.value.v') = ? RETURNING key`,
            key,
            expected,
          );
    return changed > 0;
  }

  async list<T>(prefix: string) {
    // Range scan on the primary key rather than LIKE, so '%' and '_' in keys mean nothing special.
    const rows = await this.query(
      `SELECT key, value FROM ${this.table} WHERE key >= ? AND key < ? ORDER BY key`,
      prefix,
      `${prefix}\uffff`,
    );
    const now = Date.now();
    const out: Array<{ key: string } & Versioned<T>> = [];
    for (const row of rows) {
      const record = decodeRecord<T>(row.value as string, now);
      if (record) out.push({ key: row.key as string, ...record });
    }
    return out;
  }

  async indexAdd(index: string, member: string, score: number): Promise<void> {
    assertScore(score);
    await this.indexes();
    await this.groupWrite(
      `INSERT INTO ${this.indexTable} (name, member, score) VALUES (?, ?, ?)
       ON CONFLICT(name, member) DO UPDATE SET score = excluded.score`,
      index,
      member,
      score,
    );
  }

  async indexRange(index: string, { min, max, limit }: IndexRange): Promise<IndexEntry[]> {
    if (limit <= 0) return [];
    await this.indexes();
    const rows = await this.query(
      `SELECT member, score FROM ${this.indexTable}
       WHERE name = ? AND score >= ? AND score <= ?
       ORDER BY score, member LIMIT ?`,
      index,
      min ?? -Number.MAX_VALUE,
      max ?? Number.MAX_VALUE,
      Math.floor(limit),
    );
    return rows.map((row) => ({ member: row.member as string, score: Number(row.score) }));
  }

  async indexRemove(index: string, member: string): Promise<boolean> {
    await this.indexes();
    const changed = await this.groupWrite(
      `DELETE FROM ${this.indexTable} WHERE name = ? AND member = ? RETURNING member`,
      index,
      member,
    );
    return changed > 0;
  }

  /** Creates the index table once per connection (IF NOT EXISTS: another process may have made it). */
  private indexes(): Promise<void> {
    this.indexReady ??= (async () => {
      await this.groupWrite(
        `CREATE TABLE IF NOT EXISTS ${this.indexTable} (
           name TEXT NOT NULL, member TEXT NOT NULL, score REAL NOT NULL, PRIMARY KEY (name, member)
         ) WITHOUT ROWID`,
      );
      await this.groupWrite(
        `CREATE INDEX IF NOT EXISTS ${this.indexTable}_order ON ${this.indexTable} (name, score, member)`,
      );
    })().catch((error) => {
      this.indexReady = undefined;
      throw error;
    });
    return this.indexReady;
  }

  async ping() {
    await this.query('SELECT 1');
  }

  /** This connection's settings as SQLite reports them (1 = NORMAL, 2 = FULL), for the operators' tests. */
  async settings(): Promise<{ journalMode: string; synchronous: number }> {
    const [journal] = await this.query('PRAGMA journal_mode');
    const [synchronous] = await this.query('PRAGMA synchronous');
    return { journalMode: String(journal.journal_mode), synchronous: Number(synchronous.synchronous) };
  }

  async close() {
    this.closing = true;
    await this.group.close();
    const reader = await this.connection.catch(() => undefined);
    reader?.close();
  }
}
