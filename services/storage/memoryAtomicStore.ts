import type { AtomicStore, Versioned } from './atomicStore';
import { decodeRecord, encodeRecord } from './envelope';

/**
 * In-process backend: the compare and the set run in one synchronous step, which is atomic on
 * Node's single thread. Shares its Map with a Keyv instance for tests and local experiments.
 */
export class MemoryAtomicStore implements AtomicStore {
  readonly backend = 'memory' as const;
  constructor(private readonly map: Map<string, unknown> = new Map()) {}

  async read<T>(key: string): Promise<Versioned<T> | undefined> {
    return decodeRecord<T>(this.map.get(key) as string | undefined);
  }

  async compareAndSet<T>(key: string, expected: number | undefined, value: T, options: { ttlMs?: number } = {}) {
    const current = decodeRecord(this.map.get(key) as string | undefined);
    if ((current?.version ?? undefined) !== expected) return undefined;
    const version = (expected ?? 0) + 1;
    this.map.set(key, encodeRecord(value, version, options.ttlMs));
    return version;
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

  async ping() {}
  async close() {}
}
