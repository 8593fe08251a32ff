/**
 * One group commit as one SQL script (issue 18), for `SqliteGroupCommit`: node-sqlite3 runs each statement
 * call as its own job on the thread pool and hands its result back through the event loop, so a batch of 30
 * writes run one by one took 30 trips through a loop busy with turns (a batch ~17 ms, of which the flush was
 * 1.5 ms). `Database.exec` runs a whole script in one job; the script records after each write how many rows
 * it changed (`changes()`) in a table of the connection's own, which one query then reads.
 *
 * exec takes no bound parameters, so the values are written into the script as SQL literals. Written here
 * because node-sqlite3 offers no quoting: only the two kinds of value the records use are inlined, each in
 * SQLite's own literal syntax (a string in single quotes with each quote doubled; an integer in decimal),
 * and a batch holding anything else (a NUL, which would end the C string exec reads; a fraction, whose
 * decimal text might not round-trip; a buffer) is not scripted: it runs statement by statement as before.
 */

/** The connection's own table of outcomes (TEMP: seen by no other connection, gone when it closes). */
export const OUTCOME_TABLE = 'temp.csp_batch_outcome';

export const CREATE_OUTCOME_TABLE = `CREATE TEMP TABLE IF NOT EXISTS csp_batch_outcome (
  i INTEGER PRIMARY KEY, changed INTEGER NOT NULL)`;

export const READ_OUTCOMES = `SELECT i, changed FROM ${OUTCOME_TABLE} ORDER BY i`;

export interface ScriptedWrite {
  sql: string;
  params: unknown[];
}

/**
 * The script for `batch` inside one IMMEDIATE transaction, or undefined when a value cannot be inlined.
 * IMMEDIATE takes the write lock first (waiting up to the busy timeout for another process's writer).
 */
export function batchScript(batch: readonly ScriptedWrite[]): string | undefined {
  const lines = ['BEGIN IMMEDIATE;', `DELETE FROM ${OUTCOME_TABLE};`];
  for (const [i, write] of batch.entries()) {
    const statement = inlineParams(write.sql, write.params);
    if (statement === undefined) return undefined;
    lines.push(`${statement};`, `INSERT INTO ${OUTCOME_TABLE} (i, changed) VALUES (${i}, changes());`);
  }
  lines.push('COMMIT;');
  return lines.join('\n');
}

/**
 * `sql` with each `?` replaced by its parameter as a literal. The records' statements are this module's
 * callers' constants, which hold `?` only as placeholders; a count that does not match is not scripted.
 */
export function inlineParams(sql: string, params: readonly unknown[]): string | undefined {
  const parts = sql.split('?');
  if (parts.length - 1 !== params.length) return undefined;
  let out = parts[0];
  for (const [i, param] of params.entries()) {
    const literal = sqlLiteral(param);
    if (literal === undefined) return undefined;
    out += literal + parts[i + 1];
  }
  return out;
}

function sqlLiteral(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return value.includes('\0') ? undefined : `'${value.replaceAll("'", "''")}'`;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}
