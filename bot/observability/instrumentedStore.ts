import type { AtomicStore, IndexEntry, IndexRange, RecordWrite, Versioned } from '../../services/storage/atomicStore';
import type { Metrics } from './metrics';

/**
 * The record store as the product uses it, each call timed and its failures counted, whatever the
 * backend. A decorator rather than code in each backend: the three backends stay free of metrics.
 */
export class InstrumentedStore implements AtomicStore {
  constructor(
    private readonly inner: AtomicStore,
    private readonly metrics: Metrics,
  ) {}

  get backend() {
    return this.inner.backend;
  }

  read<T>(key: string): Promise<Versioned<T> | undefined> {
    return this.timed('read', () => this.inner.read<T>(key));
  }
  readMany<T>(keys: readonly string[]): Promise<Array<Versioned<T> | undefined>> {
    return this.timed('readMany', () => this.inner.readMany<T>(keys));
  }
  compareAndSet<T>(key: string, expectedVersion: number | undefined, value: T, options?: { ttlMs?: number }) {
    return this.timed('compareAndSet', () => this.inner.compareAndSet(key, expectedVersion, value, options));
  }
  commitAll(writes: readonly RecordWrite[]): Promise<boolean> {
    return this.timed('commitAll', () => this.inner.commitAll(writes));
  }
  remove(key: string, expectedVersion?: number): Promise<boolean> {
    return this.timed('remove', () => this.inner.remove(key, expectedVersion));
  }
  list<T>(prefix: string): Promise<Array<{ key: string } & Versioned<T>>> {
    return this.timed('list', () => this.inner.list<T>(prefix));
  }
  indexAdd(index: string, member: string, score: number): Promise<void> {
    return this.timed('indexAdd', () => this.inner.indexAdd(index, member, score));
  }
  indexRange(index: string, range: IndexRange): Promise<IndexEntry[]> {
    return this.timed('indexRange', () => this.inner.indexRange(index, range));
  }
  indexRemove(index: string, member: string): Promise<boolean> {
    return this.timed('indexRemove', () => this.inner.indexRemove(index, member));
  }
  ping(): Promise<void> {
    return this.timed('ping', () => this.inner.ping());
  }
  close(): Promise<void> {
    return this.inner.close();
  }

  private async timed<T>(operation: string, work: () => Promise<T>): Promise<T> {
    const stop = this.metrics.storeSeconds.startTimer({ operation });
    try {
      return await work();
    } catch (error) {
      this.metrics.storeErrors.inc({ operation });
      throw error;
    } finally {
      stop();
    }
  }
}
