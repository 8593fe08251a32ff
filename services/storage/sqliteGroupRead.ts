import type { Rows } from './sqliteBusy';

interface Waiter {
  resolve(value: string | undefined): void;
  reject(error: Error): void;
}

/**
 * Reads of single records, for the SQLite records (issue 18): the reads asked for while one query is under
 * way go together in the next, one trip to node-sqlite3's thread pool for all of them.
 *
 * Under the enrolment-step load the assistant's main thread is its bound (event-loop utilisation
 * 0.95–0.97), and a trip costs it far more than the query: the worker woken for it takes a core from the
 * main thread on this 2-core machine, and its answer waits for a turn of the loop. Reading every record
 * twice (a `-r` preload patching the store, not kept; alternated runs) took the enrolment step from 2.1–2.2 to 2.7–4.2 ms of main thread
 * a turn. Grouped, 3.5–3.7 reads share a query under that load, and the step takes 1.9–2.1 ms a turn
 * against 2.2–2.7 before (bench/README.md, session 28). More than one query under way at once made smaller
 * groups and no faster turns.
 *
 * A lone read goes at once (after the tick's microtasks, so reads asked for together go together). Each
 * read sees every write committed before its query began, as it would alone.
 */
export class SqliteGroupRead {
  private waiting = new Map<string, Waiter[]>();
  /** A query is under way: reads asked for now wait for the next. */
  private running = false;

  /** `query`: a statement on the reading connection (retried while busy by the store). */
  constructor(
    private readonly query: (sql: string, ...params: unknown[]) => Promise<Rows>,
    private readonly table: string,
  ) {}

  /** The stored text of `key` (Keyv's envelope), or undefined when there is none. */
  read(key: string): Promise<string | undefined> {
    return new Promise((resolve, reject) => {
      const waiters = this.waiting.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
      if (!this.running) {
        this.running = true;
        queueMicrotask(() => void this.run());
      }
    });
  }

  /** Queries while reads wait; `running` turns false in the tick the queue is found empty. */
  private async run(): Promise<void> {
    try {
      while (this.waiting.size > 0) {
        const batch = this.waiting;
        this.waiting = new Map();
        await this.answer(batch);
      }
    } finally {
      this.running = false;
    }
  }

  private async answer(batch: Map<string, Waiter[]>): Promise<void> {
    const keys = [...batch.keys()];
    let rows: Rows;
    try {
      rows =
        keys.length === 1
          ? await this.query(`SELECT key, value FROM ${this.table} WHERE key = ?`, keys[0])
          : // One statement for any number of keys: they travel as one JSON array (SQLite's json_each).
            await this.query(
              `SELECT key, value FROM ${this.table} WHERE key IN (SELECT value FROM json_each(?))`,
              JSON.stringify(keys),
            );
    } catch (error) {
      for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error as Error);
      return;
    }
    const found = new Map(rows.map((row) => [row.key as string, row.value as string]));
    for (const [key, waiters] of batch) for (const waiter of waiters) waiter.resolve(found.get(key));
  }
}
