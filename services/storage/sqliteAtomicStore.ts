import type KeyvSqlite from '@keyv/sqlite';
import type { AtomicStore, Versioned } from './atomicStore';
import { decodeRecord, encodeRecord } from './envelope';

type Query = (sql: string, ...params: unknown[]) => Promise<Array<Record<string, unknown>>>;

/**
 * SQLite backend, on the very connection and table of the `@keyv/sqlite` adapter. The compare and
 * the set are one SQL statement (`UPDATE ... WHERE version = ?` / `INSERT ... ON CONFLICT`), so two
 * processes sharing the file cannot both win; `RETURNING` tells whether this one did.
 */
export class SqliteAtomicStore implements AtomicStore {
  readonly backend = 'sqlite' as const;
  private readonly adapterQuery: Query;
  private readonly table: string;
  /** The last statement handed to the connection; the next one starts when it has settled. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly adapter: KeyvSqlite) {
    this.adapterQuery = adapter.query as unknown as Query;
    this.table = (adapter.opts as { table: string }).table;
  }

  /**
   * One statement at a time on the connection. node-sqlite3 runs a statement on a worker thread but
   * finalizes it on the main thread, and finalizing takes the connection's lock: with several
   * statements in flight the event loop stalled there behind whichever statement (a commit, a wait
   * for another process's lock) held it, a quarter of the CPU profile under 16 concurrent turns. In
   * a queue, a statement is finalized before the next one starts, so the lock is always free. The
   * connection runs one statement at a time anyway; nothing is lost.
   */
  private query(sql: string, ...params: unknown[]): Promise<Array<Record<string, unknown>>> {
    const result = this.tail.then(() => this.adapterQuery(sql, ...params));
    this.tail = result.catch(() => undefined);
    return result;
  }

  async read<T>(key: string): Promise<Versioned<T> | undefined> {
    const rows = await this.query(`SELECT value FROM ${this.table} WHERE key = ?`, key);
    return decodeRecord<T>(rows[0]?.value as string | undefined);
  }

  async compareAndSet<T>(key: string, expected: number | undefined, value: T, options: { ttlMs?: number } = {}) {
    const version = (expected ?? 0) + 1;
    const raw = encodeRecord(value, version, options.ttlMs);
    const rows =
      expected === undefined
        ? // Create, or take over a row whose TTL has passed (Keyv treats it as absent too).
          await this.query(
            `INSERT INTO ${this.table} (key, value) VALUES (?, ?)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value
             WHERE json_extract(${this.table}.value, '$.expires') IS NOT NULL
               AND json_extract(${this.table}.value, '$.expires') <= ?
             RETURNING key`,
            key,
            raw,
            Date.now(),
          )
        : await this.query(
            `UPDATE ${this.table} SET value = ?
             WHERE key = ? AND json_extract(value, '$.value.v') = ?
               AND (json_extract(value, '$.expires') IS NULL OR json_extract(value, '$.expires') > ?)
             RETURNING key`,
            raw,
            key,
            expected,
            Date.now(),
          );
    return rows.length === 1 ? version : undefined;
  }

  async remove(key: string, expected?: number): Promise<boolean> {
    const rows =
      expected === undefined
        ? await this.query(`DELETE FROM ${this.table} WHERE key = ? RETURNING key`, key)
        : await this.query(
            `DELETE FROM ${this.table} WHERE key = ? AND json_extract(value, '$.value.v') = ? RETURNING key`,
            key,
            expected,
          );
    return rows.length > 0;
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

  async ping() {
    await this.query('SELECT 1');
  }

  async close() {
    await this.adapter.disconnect?.();
  }
}
