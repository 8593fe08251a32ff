/**
 * A Map that keeps at most `capacity` entries, forgetting the least recently used first. For the
 * per-person caches of the edges (reference fingerprints, Slack languages, admin checks): without a
 * bound each grows by one entry per person who ever wrote, for the life of the process.
 *
 * Our own rather than `lru-cache` because that is not a dependency of ours (only an old copy hoisted
 * from another package), and a Map's insertion order is all an LRU of this size needs.
 */
export class LruMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Most recently used last: delete and insert again.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): this {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    return this;
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }
}
