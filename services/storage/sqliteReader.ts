import Database from 'better-sqlite3';
import type { Rows } from './sqliteBusy';

/**
 * The SQLite records' reading connection (issue 18): better-sqlite3, whose statements run on the calling
 * thread. A read of one row from the WAL takes about 6 µs here; through node-sqlite3's thread pool the same
 * read cost the main thread about 250 µs under load (the worker woken for it takes a core on this 2-core
 * machine, and its answer waits for a turn of the loop), and grouping reads only shared that trip among
 * 3–4 of them (bench/README.md, session 29). Writes stay on node-sqlite3's group commit
 * (sqliteGroupCommit.ts), off the main thread: a commit's flush to disk and a wait for another process's
 * lock must not stop the event loop. A read never waits on a writer in WAL mode.
 *
 * No busy timeout: SQLite's busy handler would sleep on the main thread. The rare read that WAL refuses at
 * once (another process recovering or restarting the log) throws SQLITE_BUSY, and the store retries it
 * after a short wait without blocking (sqliteBusy.ts). Every statement ends with its call (`all`, never an
 * open iterator), so no read transaction stays open and the next read sees every commit before it.
 */
export class SqliteReader {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(file: string, synchronous: 'FULL' | 'NORMAL') {
    this.db = new Database(file, { timeout: 0 });
    try {
      // Reads only, but `PRAGMA synchronous` is per connection and the operators' check reads it here.
      this.db.pragma(`synchronous = ${synchronous}`);
    } catch (error) {
      // Refused (SQLITE_BUSY: it reads the schema): closed, so the store's next try opens a new one.
      this.db.close();
      throw error;
    }
  }

  /** Every row of one statement, run now. */
  all(sql: string, params: unknown[]): Rows {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement.all(...params) as Rows;
  }

  close(): void {
    this.statements.clear();
    this.db.close();
  }
}
