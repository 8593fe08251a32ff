import type KeyvSqlite from '@keyv/sqlite';
import type { AtomicStore, IndexEntry, IndexRange, Versioned } from './atomicStore';
import { decodeRecord, encodeRecord } from './envelope';
import { assertScore } from './sortedIndex';

type Query = (sql: string, ...params: unknown[]) => Promise<Array<Record<string, unknown>>>;

/**
 * SQLite backend, on the very connection and table of the `@keyv/sqlite` adapter. The compare and
 * the set are one SQL statement (`UPDATE ... WHERE version = ?` / `INSERT ... ON CONFLICT`), so two
 * processes sharing the file cannot both win; `RETURNING` tells whether this one did.
 */
export class SqliteAtomicStore implements AtomicStore {
  readonly backend = 'sqlite' as const;
  private readonly query: Query;
  private readonly table: string;
  /** Ordered indexes: a table of their own, read through its (name, score, member) B-tree. */
  private readonly indexTable: string;
  private indexReady?: Promise<void>;

  constructor(private readonly adapter: KeyvSqlite) {
    this.query = adapter.query as unknown as Query;
    this.table = (adapter.opts as { table: string }).table;
    this.indexTable = `${this.table}_index`;
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

  async indexAdd(index: string, member: string, score: number): Promise<void> {
    assertScore(score);
    await this.indexes();
    await this.query(
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
    const rows = await this.query(
      `DELETE FROM ${this.indexTable} WHERE name = ? AND member = ? RETURNING member`,
      index,
      member,
    );
    return rows.length > 0;
  }

  /** Creates the index table once per connection (IF NOT EXISTS: another process may have made it). */
  private indexes(): Promise<void> {
    this.indexReady ??= (async () => {
      await this.query(
        `CREATE TABLE IF NOT EXISTS ${this.indexTable} (
           name TEXT NOT NULL, member TEXT NOT NULL, score REAL NOT NULL, PRIMARY KEY (name, member)
         ) WITHOUT ROWID`,
      );
      await this.query(
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

  async close() {
    await this.adapter.disconnect?.();
  }
}
