import type { AtomicStore, RecordWrite, Versioned } from './atomicStore';
import { PassThroughStore } from './passThroughStore';
import { RecordIndex } from './recordIndex';

/**
 * A collection of records listed by key prefix: all of it (`whole`), and/or the part of each owner, the
 * first segment after `root` up to its `:` (`byOwner`: `pc:rel:<provider>:<reseller>` listed by provider).
 */
export interface ListedCollection {
  root: string;
  whole?: boolean;
  byOwner?: boolean;
}

/**
 * The store as a component that lists its collections by prefix sees it (the Partner Center and GDAP
 * sandboxes): each listing of a declared collection reads an ordered index (RecordIndex) instead of the
 * keyspace, which on Redis was a SCAN of the whole of it at every listing. A record created under a
 * collection is indexed first (RecordIndex's order: an entry without its record reads as nothing); records
 * created before, or by an older instance, are indexed by `indexExisting` (IndexSweeps). Everything else
 * passes through, so the component's code is the same whether it lists from an index or not.
 */
export class IndexedListings extends PassThroughStore {
  constructor(
    inner: AtomicStore,
    private readonly collections: readonly ListedCollection[],
    private readonly now: () => Date = () => new Date(),
  ) {
    super(inner);
  }

  /** A create is indexed first; an update is already (or by the sweep), so it costs no index write. */
  override async compareAndSet<T>(key: string, expected: number | undefined, value: T, options?: { ttlMs?: number }) {
    if (expected === undefined) await Promise.all(this.listingsOf(key).map((prefix) => this.listing(prefix).add(key)));
    return this.inner.compareAndSet(key, expected, value, options);
  }

  /** As compareAndSet: each record created is indexed first. */
  override async commitAll(writes: readonly RecordWrite[]): Promise<boolean> {
    const created = writes.filter(({ expectedVersion }) => expectedVersion === undefined);
    await Promise.all(
      created.flatMap(({ key }) => this.listingsOf(key).map((prefix) => this.listing(prefix).add(key))),
    );
    return this.inner.commitAll(writes);
  }

  override async remove(key: string, expected?: number): Promise<boolean> {
    const removed = await this.inner.remove(key, expected);
    if (removed) await Promise.all(this.listingsOf(key).map((prefix) => this.listing(prefix).remove(key)));
    return removed;
  }

  /** From the listing's index when a collection declares `prefix`; a walk of the keyspace otherwise. */
  override async list<T>(prefix: string): Promise<Array<{ key: string } & Versioned<T>>> {
    if (!this.declares(prefix)) return this.inner.list<T>(prefix);
    return this.listing<T>(prefix).list();
  }

  /** Indexes every record of the collections (stored before their indexes); returns how many it read. */
  async indexExisting(): Promise<number> {
    let seen = 0;
    for (const { root } of this.collections) {
      const stored = await this.inner.list(root);
      seen += stored.length;
      for (const { key } of stored) {
        await Promise.all(this.listingsOf(key).map((prefix) => this.listing(prefix).add(key)));
      }
    }
    return seen;
  }

  /** The listings `key` belongs to, each named by its prefix. */
  private listingsOf(key: string): string[] {
    const prefixes: string[] = [];
    for (const { root, whole, byOwner } of this.collections) {
      if (!key.startsWith(root)) continue;
      if (whole) prefixes.push(root);
      const ownerEnds = key.indexOf(':', root.length);
      if (byOwner && ownerEnds > root.length && ownerEnds < key.length - 1) prefixes.push(key.slice(0, ownerEnds + 1));
    }
    return prefixes;
  }

  private declares(prefix: string): boolean {
    return this.collections.some(({ root, whole, byOwner }) => {
      if (prefix === root) return Boolean(whole);
      const owner = prefix.slice(root.length);
      return Boolean(byOwner) && prefix.startsWith(root) && owner.indexOf(':') === owner.length - 1 && owner.length > 1;
    });
  }

  /**
   * The index of one listing: its members are the record keys (whole keys, so a key read from it needs no
   * rebuilding), and on SQLite and memory RecordIndex reads the prefix itself, a range of the key order.
   */
  private listing<T>(prefix: string): RecordIndex<T> {
    return new RecordIndex<T>(this.inner, `listing:${prefix}`, (key) => key, this.now, prefix);
  }
}
