import type { AtomicStore, IndexEntry, IndexRange, RecordWrite, Versioned } from './atomicStore';

/**
 * Where a decorator of the record store starts: every operation goes to `inner` as it is, and the decorator
 * overrides only what it changes (IndexedListings: creates and listings; ReadAheadStore: reads and writes).
 */
export class PassThroughStore implements AtomicStore {
  constructor(protected readonly inner: AtomicStore) {}

  get backend() {
    return this.inner.backend;
  }

  read<T>(key: string): Promise<Versioned<T> | undefined> {
    return this.inner.read<T>(key);
  }

  readMany<T>(keys: readonly string[]): Promise<Array<Versioned<T> | undefined>> {
    return this.inner.readMany<T>(keys);
  }

  compareAndSet<T>(
    key: string,
    expectedVersion: number | undefined,
    value: T,
    options?: { ttlMs?: number },
  ): Promise<number | undefined> {
    return this.inner.compareAndSet(key, expectedVersion, value, options);
  }

  commitAll(writes: readonly RecordWrite[]): Promise<boolean> {
    return this.inner.commitAll(writes);
  }

  remove(key: string, expectedVersion?: number): Promise<boolean> {
    return this.inner.remove(key, expectedVersion);
  }

  list<T>(prefix: string): Promise<Array<{ key: string } & Versioned<T>>> {
    return this.inner.list<T>(prefix);
  }

  indexAdd(index: string, member: string, score: number): Promise<void> {
    return this.inner.indexAdd(index, member, score);
  }

  indexRange(index: string, range: IndexRange): Promise<IndexEntry[]> {
    return this.inner.indexRange(index, range);
  }

  indexRemove(index: string, member: string): Promise<boolean> {
    return this.inner.indexRemove(index, member);
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
