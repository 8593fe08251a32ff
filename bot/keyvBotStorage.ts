import type { Storage, StoreItems } from 'botbuilder';
import type { AtomicStore, StagedWrites } from '../services/storage/atomicStore';

/**
 * botbuilder `Storage` on the atomic record store, with the eTag semantics of botbuilder's own
 * `MemoryStorage`: no eTag or `*` writes unconditionally; a stale eTag fails with the same error.
 * The eTag is the record's version, so the check and the write are one atomic compare-and-set.
 */
export class KeyvBotStorage implements Storage {
  /**
   * The version each item handed out by `read` was at. botbuilder's BotState saves the very object it
   * read, with its eTag replaced by `*`, so this is how a turn's save knows the version it started from
   * and writes with one compare-and-set instead of reading the record again first. Weak: an item is
   * forgotten with its turn. Nothing is trusted: a write that does not land re-reads (see `writeOne`).
   */
  private readonly readVersions = new WeakMap<object, number>();
  /** Items whose save lands in a turn's unit of work (`stageSavesOf`); weak, as above. */
  private readonly stagedIn = new WeakMap<object, StagedWrites>();

  constructor(
    private readonly records: AtomicStore,
    private readonly prefix = 'bot:',
  ) {}

  /**
   * The record a botbuilder storage key is kept under: the edge reads it ahead of the turn
   * (`ReadAheadStore.readAhead`), whose `read` below takes that read up.
   */
  recordKey(key: string): string {
    return this.prefix + key;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        const record = await this.records.read<Record<string, unknown>>(this.prefix + key);
        if (!record) return;
        const item = { ...record.value, eTag: String(record.version) };
        this.readVersions.set(item, record.version);
        items[key] = item;
      }),
    );
    return items;
  }

  /**
   * Saving `item` (a state as `read` handed it out) stages it in `unit` instead of writing it: a turn that
   * commits once (turnCommit.ts) lets botbuilder decide whether its state changed and save it as usual, and
   * the save lands with the turn's commit, at the version the item was read at (a new record for an item
   * never read from the store).
   */
  stageSavesOf(item: object, unit: StagedWrites): void {
    this.stagedIn.set(item, unit);
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    await Promise.all(Object.entries(changes).map(([key, item]) => this.writeOne(key, item)));
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.records.remove(this.prefix + key)));
  }

  private async writeOne(key: string, item: Record<string, unknown>): Promise<void> {
    const { eTag, ...value } = item as { eTag?: string } & Record<string, unknown>;
    const storeKey = this.prefix + key;
    const unit = this.stagedIn.get(item);
    if (unit) {
      unit.stage({ key: storeKey, expectedVersion: this.readVersions.get(item), value });
      return;
    }
    const unconditional = !eTag || eTag === '*';
    // The usual case, a turn saving the state it read: try the version it read (its eTag, or the one
    // remembered for an unconditional save) with the compare-and-set alone, one round trip. Should that
    // not land (a stale eTag, someone wrote since, the item deleted), the loop below reads and decides.
    const started = unconditional ? this.readVersions.get(item) : Number(eTag);
    if (started !== undefined && Number.isSafeInteger(started) && started > 0) {
      const written = await this.records.compareAndSet(storeKey, started, value);
      if (written !== undefined) {
        this.readVersions.set(item, written);
        return;
      }
    }
    for (;;) {
      const current = await this.records.read(storeKey);
      if (!unconditional && current && String(current.version) !== eTag) throw conflict(key);
      const written = await this.records.compareAndSet(storeKey, current?.version, value);
      if (written !== undefined) {
        this.readVersions.set(item, written);
        return;
      }
      // Someone wrote between our read and our write: a conditional write has lost; an
      // unconditional one simply tries again on top of the newer version.
      if (!unconditional) throw conflict(key);
    }
  }
}

function conflict(key: string): Error {
  return new Error(`Storage: error writing "${key}" due to eTag conflict.`);
}
