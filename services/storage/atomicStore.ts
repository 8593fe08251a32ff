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
   * The records of `keys`, one answer per key in the order given (`undefined` where `read` finds none,
   * expired ones included), in one trip to the backend: a listing from an index reads its page at once.
   */
  readMany<T>(keys: readonly string[]): Promise<Array<Versioned<T> | undefined>>;
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
  /**
   * Writes each of `writes` only if its record is still at its `expectedVersion`, as `compareAndSet` does,
   * all of them or none, in one trip and one atomic step: a turn's records committed together (issue 18,
   * bot/teams/turnCommit.ts). True when all landed; each record is then at its expected version plus one.
   */
  commitAll(writes: readonly RecordWrite[]): Promise<boolean>;
  /** Deletes the record (only at `expectedVersion` when given). True when something was deleted. */
  remove(key: string, expectedVersion?: number): Promise<boolean>;
  /**
   * All live records whose key starts with `prefix`, in key order. On Redis this walks the whole
   * keyspace (SCAN): for anything read often, keep an ordered index instead.
   */
  list<T>(prefix: string): Promise<Array<{ key: string } & Versioned<T>>>;
  /**
   * Ordered index `index`: puts `member` at `score`, or moves it there (one entry per member). Kept in
   * each backend's native sorted structure, apart from the records, so reading it never walks the keyspace.
   */
  indexAdd(index: string, member: string, score: number): Promise<void>;
  /**
   * Entries of `index` with `min <= score <= max` (unbounded when left out), in (score, member) order,
   * at most `limit` of them: the cost is the entries returned, not the size of the store.
   */
  indexRange(index: string, range: IndexRange): Promise<IndexEntry[]>;
  /** Takes `member` out of `index`. True when it was there. */
  indexRemove(index: string, member: string): Promise<boolean>;
  /** Resolves when the backend answers; throws otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** One record of a `commitAll`: its new value, written only at `expectedVersion` (undefined: only if absent). */
export interface RecordWrite<T = unknown> {
  key: string;
  expectedVersion: number | undefined;
  value: T;
  ttlMs?: number;
}

export interface IndexEntry {
  member: string;
  score: number;
}

export interface IndexRange {
  min?: number;
  max?: number;
  limit: number;
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

/** Where a unit of work keeps the writes it commits together (unitOfWork.ts). */
export interface StagedWrites {
  stage(write: RecordWrite): void;
}

/** What an updater returns: the new value, or `undefined` to leave the record as it is. */
export type Updater<T> = (current: T | undefined) => T | undefined | Promise<T | undefined>;

/**
 * What the caller already read of a record in this unit of work (`version` undefined: it did not
 * exist). A guess, never trusted: the write lands only at that version.
 */
export interface SeenRecord<T> {
  value: T | undefined;
  version: number | undefined;
}

/**
 * Optimistic read-modify-write: the write only lands if nobody wrote in between; otherwise the
 * updater runs again on the fresh value. The updater must be free of side effects.
 * With `unit`, the write is staged there instead, at the version read, and lands with the unit's commit
 * (or not at all, and the unit's turn runs again): the value returned is the one staged.
 * With `seen` (the record as the caller read it moments ago), the first attempt starts from it instead
 * of reading again: one store read less when nobody wrote since, the same compare-and-set otherwise.
 * Returns the value that ended up stored (or the unchanged one when the updater declined).
 */
export async function updateRecord<T>(
  store: AtomicStore,
  key: string,
  updater: Updater<T>,
  options: { ttlMs?: number; maxAttempts?: number; seen?: SeenRecord<T>; unit?: StagedWrites } = {},
): Promise<{ value: T | undefined; changed: boolean; version?: number }> {
  if (options.unit) {
    const current = options.seen ? seenAsRead(options.seen) : await store.read<T>(key);
    const next = await updater(current?.value);
    if (next === undefined) return { value: current?.value, changed: false, version: current?.version };
    options.unit.stage({ key, expectedVersion: current?.version, value: next, ttlMs: options.ttlMs });
    return { value: next, changed: true };
  }
  const maxAttempts = options.maxAttempts ?? 200;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const current = attempt === 1 && options.seen ? seenAsRead(options.seen) : await store.read<T>(key);
    const next = await updater(current?.value);
    if (next === undefined) return { value: current?.value, changed: false, version: current?.version };
    const version = await store.compareAndSet(key, current?.version, next, { ttlMs: options.ttlMs });
    if (version !== undefined) return { value: next, changed: true, version };
    // Lost the race: back off a little (with jitter) so many writers do not retry in lockstep.
    if (attempt > 3) await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, attempt * 2)));
  }
  throw new ConcurrentUpdateError(key, maxAttempts);
}

function seenAsRead<T>(seen: SeenRecord<T>): Versioned<T> | undefined {
  return seen.version === undefined ? undefined : { value: seen.value as T, version: seen.version };
}
