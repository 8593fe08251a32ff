import type { AtomicStore, IndexEntry, IndexRange, RecordWrite, Versioned } from './atomicStore';

export class StoreTimeoutError extends Error {
  constructor(
    readonly operation: string,
    readonly ms: number,
  ) {
    super(`The store did not answer ${operation} within ${ms} ms.`);
    this.name = 'StoreTimeoutError';
  }
}

/**
 * Every store operation fails within `ms` (STORE_TIMEOUT_MS) instead of waiting on a slow or cut
 * backend, so a person gets an apology within seconds rather than no answer. A write that timed out
 * may still land later: each is one compare-and-set, so it lands whole or not at all, never half.
 */
export class TimeBoundedStore implements AtomicStore {
  constructor(
    private readonly inner: AtomicStore,
    private readonly ms: number,
  ) {}

  get backend() {
    return this.inner.backend;
  }

  private bounded<T>(operation: string, work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreTimeoutError(operation, this.ms)), this.ms);
    });
    // A late failure of the abandoned operation must not become an unhandled rejection.
    work.catch(() => {});
    return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
  }

  read<T>(key: string): Promise<Versioned<T> | undefined> {
    return this.bounded('read', this.inner.read<T>(key));
  }

  readMany<T>(keys: readonly string[]): Promise<Array<Versioned<T> | undefined>> {
    return this.bounded('readMany', this.inner.readMany<T>(keys));
  }

  compareAndSet<T>(key: string, expected: number | undefined, value: T, options?: { ttlMs?: number }) {
    return this.bounded('compareAndSet', this.inner.compareAndSet(key, expected, value, options));
  }

  commitAll(writes: readonly RecordWrite[]): Promise<boolean> {
    return this.bounded('commitAll', this.inner.commitAll(writes));
  }

  remove(key: string, expected?: number): Promise<boolean> {
    return this.bounded('remove', this.inner.remove(key, expected));
  }

  list<T>(prefix: string): Promise<Array<{ key: string } & Versioned<T>>> {
    return this.bounded('list', this.inner.list<T>(prefix));
  }

  indexAdd(index: string, member: string, score: number): Promise<void> {
    return this.bounded('indexAdd', this.inner.indexAdd(index, member, score));
  }

  indexRange(index: string, range: IndexRange): Promise<IndexEntry[]> {
    return this.bounded('indexRange', this.inner.indexRange(index, range));
  }

  indexRemove(index: string, member: string): Promise<boolean> {
    return this.bounded('indexRemove', this.inner.indexRemove(index, member));
  }

  ping(): Promise<void> {
    return this.bounded('ping', this.inner.ping());
  }

  /** Closing is not bounded: shutting down waits for the backend to let go of its file or socket. */
  close(): Promise<void> {
    return this.inner.close();
  }
}
