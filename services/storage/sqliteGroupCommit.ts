import type * as Sqlite3 from 'sqlite3';
import sqlite3 from 'sqlite3';
import type { Rows } from './sqliteBusy';
import { batchScript, CREATE_OUTCOME_TABLE, READ_OUTCOMES } from './sqliteBatchScript';

/**
 * Group commit for the SQLite records' compare-and-sets (issue 18). With `synchronous = FULL` every commit
 * waits for the disk to flush (1.7 ms for a 4 KB synced write on the bench machine, `dd oflag=dsync`), one
 * after another on a connection: a Teams turn's three writes cost ~5 ms of flushes whatever its CPU, which
 * capped the enrolment step on SQLite near 200 turns/s. Writes that arrive while a commit is under way wait
 * and go together into the next transaction, flushed once. Each write is answered only after the commit that
 * holds it returned, so what a caller is told is on disk is on disk, exactly as before: no durability setting
 * changes; only the number of flushes under concurrency does. A lone write is its own transaction, as before.
 *
 * Its own connection: the store's other connection (reads, and the rarer writes) sees a batch only once it
 * is committed, as WAL shows every other connection's commits. A batch runs as one script in one trip to
 * the thread pool where it can (sqliteBatchScript.ts says why), statement by statement where it cannot.
 */
interface PendingWrite {
  sql: string;
  params: unknown[];
  /** How many rows the statement changed (RETURNING rows are not read: their count is the answer). */
  resolve(changed: number): void;
  reject(error: Error): void;
}

/** Enough to take every turn in flight at once; a longer queue waits for the next commit. */
const MAX_BATCH = 64;

export class SqliteGroupCommit {
  private readonly connection: Promise<Sqlite3.Database>;
  private readonly statements = new Map<string, Sqlite3.Statement>();
  private queue: PendingWrite[] = [];
  private flushing?: Promise<void>;
  private active = false;
  private closed = false;

  /** `ready` settles when the file is set up (see SqliteRecordsOptions.fileReady). */
  constructor(file: string, ready: Promise<unknown>, busyTimeoutMs: number, synchronous: 'FULL' | 'NORMAL') {
    this.connection = ready.then(
      () =>
        new Promise<Sqlite3.Database>((resolve, reject) => {
          const db: Sqlite3.Database = new sqlite3.Database(file, (error) => {
            if (error) return reject(error);
            db.configure('busyTimeout', busyTimeoutMs);
            db.run(`PRAGMA synchronous = ${synchronous}`, (pragma) => {
              if (pragma) return reject(pragma);
              db.run(CREATE_OUTCOME_TABLE, (table) => (table ? reject(table) : resolve(db)));
            });
          });
        }),
    );
    this.connection.catch(() => {});
  }

  /** Runs one write statement in the next group commit; how many rows it changed once that commit is done. */
  write(sql: string, params: unknown[]): Promise<number> {
    if (this.closed) return Promise.reject(new Error('SQLITE_MISUSE: the record store is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ sql, params, resolve, reject });
      if (!this.active) this.flushing = this.flush();
    });
  }

  /** Commits batches while writes wait. `active` changes in the same tick the queue is found empty, so no write is left behind. */
  private async flush(): Promise<void> {
    this.active = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        await this.commit(batch).catch((error: Error) => {
          for (const write of batch) write.reject(error);
        });
      }
    } finally {
      this.active = false;
    }
  }

  /**
   * One transaction for the batch: one script where every value can be inlined, else statement by
   * statement. Either way a transaction that cannot begin or commit fails every write in it, and
   * nothing of it is kept (retried alike by the store, see sqliteBusy.ts). A write that came alone is
   * its own transaction as one prepared statement.
   */
  private async commit(batch: PendingWrite[]): Promise<void> {
    const db = await this.connection;
    if (batch.length === 1) return this.commitAlone(db, batch[0]);
    const script = batchScript(batch);
    if (script === undefined) return this.commitOneByOne(db, batch);
    try {
      await exec(db, script);
    } catch (error) {
      await exec(db, 'ROLLBACK').catch(() => {});
      // A write that fails must fail alone, as it does one by one; a busy database fails the whole batch.
      if ((error as { code?: string }).code === 'SQLITE_BUSY') throw error;
      return this.commitOneByOne(db, batch);
    }
    const changed = new Map<number, number>();
    for (const row of await this.all(db, READ_OUTCOMES, [])) changed.set(Number(row.i), Number(row.changed));
    batch.forEach((write, i) => write.resolve(changed.get(i) ?? 0));
  }

  /**
   * A lone write: its statement in autocommit, which is a transaction of its own, committed (and, with
   * `synchronous = FULL`, flushed) before SQLite answers, as the script's COMMIT is. A writing statement
   * takes the write lock as it starts, waiting for another process's writer like BEGIN IMMEDIATE does.
   * One trip to the thread pool and a statement prepared once, where the script took two trips (the
   * script, then its outcome) and was parsed anew each time (session 33: the parsing alone was about
   * 1 % of the enrolment step's instructions; bench/README.md).
   */
  private async commitAlone(db: Sqlite3.Database, write: PendingWrite): Promise<void> {
    const rows = await this.all(db, write.sql, write.params);
    write.resolve(rows.length);
  }

  /** A statement that fails fails alone (SQLite undoes that statement, the others stand). */
  private async commitOneByOne(db: Sqlite3.Database, batch: PendingWrite[]): Promise<void> {
    await exec(db, 'BEGIN IMMEDIATE');
    const outcomes: Array<{ changed?: number; error?: Error }> = [];
    for (const write of batch) {
      outcomes.push(
        await this.all(db, write.sql, write.params).then(
          (rows) => ({ changed: rows.length }),
          (error: Error) => ({ error }),
        ),
      );
    }
    try {
      await exec(db, 'COMMIT');
    } catch (error) {
      await exec(db, 'ROLLBACK').catch(() => {});
      throw error;
    }
    batch.forEach((write, i) => {
      const { changed, error } = outcomes[i];
      if (error) write.reject(error);
      else write.resolve(changed ?? 0);
    });
  }

  private all(db: Sqlite3.Database, sql: string, params: unknown[]): Promise<Rows> {
    let statement = this.statements.get(sql);
    if (!statement) {
      // A statement that fails to prepare is forgotten; the call below gets its error.
      statement = db.prepare(sql, (error) => {
        if (error) this.statements.delete(sql);
      });
      this.statements.set(sql, statement);
    }
    const prepared = statement;
    return new Promise((resolve, reject) => {
      prepared.all(params, (error: Error | null, rows: Rows) => (error ? reject(error) : resolve(rows)));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flushing;
    const db = await this.connection.catch(() => undefined);
    if (!db) return;
    const statements = [...this.statements.values()];
    this.statements.clear();
    await Promise.all(statements.map((s) => new Promise<void>((resolve) => s.finalize(() => resolve()))));
    await new Promise<void>((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
  }
}

function exec(db: Sqlite3.Database, sql: string): Promise<void> {
  return new Promise((resolve, reject) => db.exec(sql, (error) => (error ? reject(error) : resolve())));
}
