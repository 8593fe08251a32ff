/**
 * Versioned records with an atomic compare-and-set, for data that two writers can race on
 * (approvals, invitations, enrolment progress, outbox claims). Keyv offers no compare-and-set,
 * so each backend implements it with what it really has: a conditional SQL statement on SQLite,
 * a Lua script on Redis. Records live in the same table / keyspace Keyv uses, in Keyv's own
 * serialised envelope, so a plain `keyv.get(key)` reads them too.
 */
export interface Versioned<T> {
  value: T;
  /** Starts at 1 on create; grows by one on every successful write. */
  version: number;
}

export interface AtomicStore {
  /** The kind of backend, for logs and /readyz. */
  readonly backend: 'memory' | 'sqlite' | 'redis';
  read<T>(key: string): Promise<Versioned<T> | undefined>;
  /**
   * Writes `value` only if the record is still at `expectedVersion` (`undefined`: only if it does
   * not exist, or has expired). Returns the new version, or `undefined` when someone else won.
   */
  compareAndSet<T>(
    key: string,
    expectedVersion: number | undefined,
    value: T,
    options?: { ttlMs?: number },
  ): Promise<number | undefined>;
  /** Deletes the record (only at `expectedVersion` when given). True when something was deleted. */
  remove(key: string, expectedVersion?: number): Promise<boolean>;
  /** All live records whose key starts with `prefix`, in key order. */
  list<T>(prefix: string): Promise<Array<{ key: string } & Versioned<T>>>;
  /** Resolves when the backend answers; throws otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class ConcurrentUpdateError extends Error {
  constructor(
    readonly key: string,
    attempts: number,
  ) {
    super(`Gave up updating "${key}" after ${attempts} conflicting attempts.`);
    this.name = 'ConcurrentUpdateError';
  }
}

/** What an updater returns: the new value, or `undefined` to leave the record as it is. */
export type Updater<T> = (current: T | undefined) => T | undefined | Promise<T | undefined>;

/**
 * Optimistic read-modify-write: the write only lands if nobody wrote in between; otherwise the
 * updater runs again on the fresh value. The updater must be free of side effects.
 * Returns the value that ended up stored (or the unchanged one when the updater declined).
 */
export async function updateRecord<T>(
  store: AtomicStore,
  key: string,
  updater: Updater<T>,
  options: { ttlMs?: number; maxAttempts?: number } = {},
): Promise<{ value: T | undefined; changed: boolean; version?: number }> {
  const maxAttempts = options.maxAttempts ?? 200;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const current = await store.read<T>(key);
    const next = await updater(current?.value);
    if (next === undefined) return { value: current?.value, changed: false, version: current?.version };
    const version = await store.compareAndSet(key, current?.version, next, { ttlMs: options.ttlMs });
    if (version !== undefined) return { value: next, changed: true, version };
    // Lost the race: back off a little (with jitter) so many writers do not retry in lockstep.
    if (attempt > 3) await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, attempt * 2)));
  }
  throw new ConcurrentUpdateError(key, maxAttempts);
}
