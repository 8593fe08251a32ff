// How many store operations a turn makes: the assistant's csp_store_operation_duration_seconds_count by
// operation, read from its /metrics before and after a load, over the load's turns (issue 18 asks for one
// read and one compare-and-set a state turn at most). The outbox's heartbeat and polls count too: a few a
// second, against thousands of turns.
import { metricsText } from './benchFeature';

/** Operations so far, by name (`read`, `compareAndSet`, ...). */
export type StoreOperationCounts = Record<string, number>;

export async function readStoreOperations(port: number): Promise<StoreOperationCounts> {
  return storeOperationsIn(await metricsText(port));
}

export function storeOperationsIn(metricsText: string): StoreOperationCounts {
  const counts: StoreOperationCounts = {};
  for (const m of metricsText.matchAll(/^csp_store_operation_duration_seconds_count\{operation="(\w+)"\} (\d+)/gm)) {
    counts[m[1]] = Number(m[2]);
  }
  return counts;
}

/** The operations a turn makes: reads and writes; the outbox's passes list and range over indexes. */
const TURN_OPERATIONS = ['read', 'readMany', 'compareAndSet', 'commitAll'];

/**
 * The operations so far, once the turns still in flight have finished: a load stops with up to one request
 * a connection unanswered, which the target runs to the end, and their reads and commits would otherwise
 * fall into the next reading (16 turns either side of a 5 s load at 400 turns/s: 1.5 % more a turn).
 * Read until two readings 100 ms apart agree on a turn's operations, 2 s at most.
 */
export async function settledStoreOperations(port: number): Promise<StoreOperationCounts> {
  let last = await readStoreOperations(port);
  for (let tries = 0; tries < 20; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = await readStoreOperations(port);
    if (TURN_OPERATIONS.every((operation) => now[operation] === last[operation])) return now;
    last = now;
  }
  return last;
}

/** The operations between two readings, a turn. */
export function operationsPerTurn(
  before: StoreOperationCounts,
  after: StoreOperationCounts,
  turns: number,
): StoreOperationCounts {
  const perTurn: StoreOperationCounts = {};
  for (const [operation, count] of Object.entries(after)) {
    const made = count - (before[operation] ?? 0);
    if (made > 0) perTurn[operation] = made / Math.max(turns, 1);
  }
  return perTurn;
}

/**
 * Whether a state turn meets issue 18's "one store read and one compare-and-set write a turn at most", from
 * its operations a turn by name. A `readMany` is one read (one trip, whatever its keys), a `commitAll` one
 * write (one atomic step, whatever its records). The outbox's heartbeat and polls add a few a second, a
 * thousandth of a turn's: that much is let through.
 */
export function meetsOneReadOneWrite(perTurn: (operation: string) => number): boolean {
  const reads = perTurn('read') + perTurn('readMany');
  const writes = perTurn('compareAndSet') + perTurn('commitAll');
  return reads <= 1.01 && writes <= 1.01;
}
