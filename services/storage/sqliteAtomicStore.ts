import type * as Sqlite3 from 'sqlite3';
import sqlite3 from 'sqlite3';
import type { AtomicStore, IndexEntry, IndexRange, RecordWrite, Versioned } from './atomicStore';
import { decodeRecord, encodeRecord } from './envelope';
import { retryWhileBusy, type Rows } from './sqliteBusy';
import { SqliteGroupCommit } from './sqliteGroupCommit';
import { SqliteGroupRead } from './sqliteGroupRead';
import { assertScore } from './sortedIndex';

/*
 * The one SQLite driver: node-sqlite3, declared in package.json in the range @keyv/sqlite asks for, so npm
 * installs a single copy that both the Keyv adapter and these records load. Chosen over better-sqlite3
 * because Keyv's adapter requires it anyway (a second native driver would be a second compile on every
 * machine without prebuilt binaries) and its statements run off the main thread, where a commit waiting
 * for another process's lock does not stop the event loop; node:sqlite needs Node 22.
 *
 * Session 29 read the records with better-sqlite3 on the main thread beside node-sqlite3's writes: a
 * one-row read took microseconds instead of a trip to the pool (the main thread's CPU a turn 2.06 → 1.51 ms
 * on the enrolment step). Withdrawn the same session: each driver links its own copy of SQLite, and two
 * copies in one process on one file do not see each other's POSIX locks (sqlite.org/howtocorrupt.html,
 * 2.2.1). Seen: the second copy's first read truncated the `-shm` file the first copy had mapped, and one
 * start-up of about 5,000 died of SIGBUS. One driver for every connection of a process is the condition for
 * trying again (both on better-sqlite3: Keyv's adapter too, the writes in a worker thread).
 */

/**
 * Copies of one prepared statement. node-sqlite3 runs the calls of one statement strictly one after
 * another, each waiting for the main thread to take the previous one's rows; a few copies let the
 * worker threads go on with the next while the main thread is busy (the outbox's many writes).
 */
const COPIES_PER_STATEMENT = 4;

interface PooledStatement {
  statement: Sqlite3.Statement;
  /** Calls handed to it and not yet answered. */
  running: number;
}

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
  busyTimeoutMs: number;
  /** `PRAGMA synchronous` in WAL mode (see openStore). */
  synchronous: 'full' | 'normal';
}

/**
 * SQLite backend: the records live in Keyv's table, in Keyv's envelope. The compare and the set are
 * one SQL statement (`UPDATE ... WHERE version = ?` / `INSERT ... ON CONFLICT`), so two processes
 * sharing the file cannot both win; `RETURNING` tells whether this one did.
 *
 * Its own connection, with each statement prepared once and run again and again. Keyv's adapter runs
 * every query as a new statement that node-sqlite3 finalizes on the main thread, and finalizing takes
 * the connection's lock: under concurrent turns the event loop stood still there behind whichever
 * statement (a commit, a wait for another process's lock) held it, a quarter of the CPU profile of a
 * state-writing turn. A prepared statement is never finalized while the store is open.
 */

export class SqliteAtomicStore implements AtomicStore {
  readonly backend = 'sqlite' as const;
  private readonly connection: Promise<Sqlite3.Database>;
  private readonly statements = new Map<string, PooledStatement[]>();
  private readonly table: string;
  /** Ordered indexes: a table of their own, read through its (name, score, member) B-tree. */
  private readonly indexTable: string;
  private indexReady?: Promise<void>;
  private closing = false;
  /** The compare-and-sets, committed in groups on a connection of their own (sqliteGroupCommit.ts). */
  private readonly group: SqliteGroupCommit;
  /** Single-record reads, several to a query under load (sqliteGroupRead.ts). */
  private readonly reads: SqliteGroupRead;

  constructor(options: SqliteRecordsOptions) {
    this.table = options.table;
    this.indexTable = `${this.table}_index`;
    let opened!: (db: Sqlite3.Database) => void;
    let failed!: (error: Error) => void;
    const open = new Promise<Sqlite3.Database>((resolve, reject) => {
      opened = resolve;
      failed = reject;
    });
    this.connection = open;
    const synchronous = options.synchronous === 'normal' ? 'NORMAL' : 'FULL';
    this.group = new SqliteGroupCommit(options.file, open, options.busyTimeoutMs, synchronous);
    this.reads = new SqliteGroupRead((sql, ...params) => this.query(sql, ...params), this.table);
    const connect = () => {
      const db: Sqlite3.Database = new sqlite3.Database(options.file, (error) => {
        if (error) return failed(error);
        // A lock held by another connection or process is waited for (up to the timeout), not an error.
        db.configure('busyTimeout', options.busyTimeoutMs);
        db.run(`PRAGMA synchronous = ${synchronous}`, (pragmaError) =>
          pragmaError ? failed(pragmaError) : opened(db),
        );
      });
    };
    options.fileReady.then(connect, failed);
    // Whoever queries first sees a failed start; nobody waiting must not crash the process.
    open.catch(() => {});
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
   * write goes there, so this connection only reads and never waits on a write lock: one of its
   * statements sleeping in the busy handler held its connection and a thread of the pool while the
   * group commit it waited for needed a thread too (seen as 2 s store timeouts under load).
   */
  /** Resolves to how many rows the write changed. */
  private groupWrite(sql: string, ...params: unknown[]): Promise<number> {
    return retryWhileBusy(
      () => this.group.write(sql, params),
      () => this.closing,
    );
  }

  private async queryOnce(sql: string, params: unknown[]): Promise<Rows> {
    const db = await this.connection;
    // After close() began, a new statement would keep the connection from closing.
    if (this.closing) throw new Error('SQLITE_MISUSE: the record store is closed');
    const pool = this.statements.get(sql) ?? [];
    this.statements.set(sql, pool);
    // The least busy copy; a new one when all are busy and the pool has room.
    let slot = pool.reduce<PooledStatement | undefined>(
      (best, s) => (!best || s.running < best.running ? s : best),
      undefined,
    );
    if (!slot || (slot.running > 0 && pool.length < COPIES_PER_STATEMENT)) slot = this.prepare(db, sql, pool);
    const chosen = slot;
    chosen.running += 1;
    return new Promise((resolve, reject) => {
      chosen.statement.all(params, (error: Error | null, rows: Rows) => {
        chosen.running -= 1;
        if (error) reject(error);
        else resolve(rows);
      });
    });
  }

  /** A new copy of `sql` in `pool`. One that fails to prepare leaves the pool (its waiting call gets the error). */
  private prepare(db: Sqlite3.Database, sql: string, pool: PooledStatement[]): PooledStatement {
    const slot: PooledStatement = {
      running: 0,
      statement: db.prepare(sql, (error) => {
        if (!error) return;
        const at = pool.indexOf(slot);
        if (at >= 0) pool.splice(at, 1);
        slot.statement.finalize();
      }),
    };
    pool.push(slot);
    return slot;
  }

  async read<T>(key: string): Promise<Versioned<T> | undefined> {
    return decodeRecord<T>(await this.reads.read(key));
  }

  /** Asked for in one tick, the reads go in one query of the group read (one json_each of every key). */
  async readMany<T>(keys: readonly string[]): Promise<Array<Versioned<T> | undefined>> {
    const raw = await Promise.all(keys.map((key) => this.reads.read(key)));
    const now = Date.now();
    return raw.map((value) => decodeRecord<T>(value, now));
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

  /**
   * One statement, so one write of the group commit: the rows are written only if no record is off its
   * expected version (a row past its TTL counts as absent, as in compareAndSet). SQLite computes the whole
   * SELECT, its check included, before it writes a row, as the SELECT reads the table written to.
   */
  async commitAll(writes: readonly RecordWrite[]): Promise<boolean> {
    if (writes.length === 0) return true;
    const now = Date.now();
    const changed = await this.groupWrite(
      `WITH new(key, value, expected) AS (VALUES ${writes.map(() => '(?, ?, ?)').join(', ')})
       INSERT INTO ${this.table} (key, value)
       SELECT key, value FROM new
       WHERE NOT EXISTS (
         SELECT 1 FROM new AS n LEFT JOIN ${this.table} AS t ON t.key = n.key
         WHERE CASE
           WHEN t.key IS NULL THEN n.expected IS NOT NULL
           WHEN json_extract(t.value, '$.expires') IS NOT NULL AND json_extract(t.value, '$.expires') <= ?
             THEN n.expected IS NOT NULL
           ELSE n.expected IS NULL OR json_extract(t.value, '$.value.v') IS NOT n.expected
         END)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value
       RETURNING key`,
      ...writes.flatMap(({ key, expectedVersion, value, ttlMs }) => [
        key,
        encodeRecord(value, (expectedVersion ?? 0) + 1, ttlMs),
        expectedVersion ?? null,
      ]),
      now,
    );
    return changed === writes.length;
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
    const db = await this.connection.catch(() => undefined);
    if (!db) return;
    const statements = [...this.statements.values()].flat();
    this.statements.clear();
    await Promise.all(statements.map((s) => new Promise<void>((resolve) => s.statement.finalize(() => resolve()))));
    await new Promise<void>((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
  }
}
