import type { AtomicStore, IndexEntry, IndexRange, RecordWrite, Versioned } from './atomicStore';
import { decodeRecord, encodeRecord } from './envelope';
import { SortedIndex } from './sortedIndex';

/**
 * In-process backend: the compare and the set run in one synchronous step, which is atomic on
 * Node's single thread. Shares its Map with a Keyv instance for tests and local experiments.
 */
export class MemoryAtomicStore implements AtomicStore {
  readonly backend = 'memory' as const;
  /** Ordered indexes live beside the records, as they do in a Redis sorted set or an SQLite table. */
  private readonly indexes = new Map<string, SortedIndex>();
  constructor(private readonly map: Map<string, unknown> = new Map()) {}

  async read<T>(key: string): Promise<Versioned<T> | undefined> {
    return decodeRecord<T>(this.map.get(key) as string | undefined);
  }

  async readMany<T>(keys: readonly string[]): Promise<Array<Versioned<T> | undefined>> {
    return keys.map((key) => decodeRecord<T>(this.map.get(key) as string | undefined));
  }

  async compareAndSet<T>(key: string, expected: number | undefined, value: T, options: { ttlMs?: number } = {}) {
    const current = decodeRecord(this.map.get(key) as string | undefined);
    if ((current?.version ?? undefined) !== expected) return undefined;
    const version = (expected ?? 0) + 1;
    this.map.set(key, encodeRecord(value, version, options.ttlMs));
    return version;
  }

  /** Every compare first, then every set, in one synchronous step. */
  async commitAll(writes: readonly RecordWrite[]): Promise<boolean> {
    for (const { key, expectedVersion } of writes) {
      if (decodeRecord(this.map.get(key) as string | undefined)?.version !== expectedVersion) return false;
    }
    for (const { key, expectedVersion, value, ttlMs } of writes) {
      this.map.set(key, encodeRecord(value, (expectedVersion ?? 0) + 1, ttlMs));
    }
    return true;
  }

  async remove(key: string, expected?: number): Promise<boolean> {
    const current = decodeRecord(this.map.get(key) as string | undefined);
    if (!current) return false;
    if (expected !== undefined && current.version !== expected) return false;
    return this.map.delete(key);
  }

  async list<T>(prefix: string) {
    const out: Array<{ key: string } & Versioned<T>> = [];
    for (const key of [...this.map.keys()].sort()) {
      if (!key.startsWith(prefix)) continue;
      const record = decodeRecord<T>(this.map.get(key) as string);
      if (record) out.push({ key, ...record });
    }
    return out;
  }

  async indexAdd(index: string, member: string, score: number): Promise<void> {
    let sorted = this.indexes.get(index);
    if (!sorted) this.indexes.set(index, (sorted = new SortedIndex()));
    sorted.add(member, score);
  }

  async indexRange(index: string, range: IndexRange): Promise<IndexEntry[]> {
    return this.indexes.get(index)?.range(range) ?? [];
  }

  async indexRemove(index: string, member: string): Promise<boolean> {
    return this.indexes.get(index)?.remove(member) ?? false;
  }

  async ping() {}
  async close() {}
}
