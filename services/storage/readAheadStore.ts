import type { RecordWrite, Versioned } from './atomicStore';
import { PassThroughStore } from './passThroughStore';

/** A read started ahead, and which `readAhead` call it belongs to (so only that call's drop removes it). */
interface EarlyRead {
  record: Promise<Versioned<unknown> | undefined>;
  owner: object;
}

/**
 * The record store, with reads started ahead of the code that will ask for them: the Teams edge knows,
 * before a turn runs, which records its first reads will be (the conversation's state, the organisation's
 * record), and reads them all in one trip (`readMany`: one MGET on Redis, one query on SQLite) beside the
 * delivery's claim. The turn's own `read` of such a key takes the answer up, once; any other key, or the
 * same key again, is read as usual (issue 18: a step turn made two store reads one after the other, the
 * dialog state's and then the draft's).
 *
 * A read taken up is as old as the request, not a few milliseconds younger. Nothing relies on a read being
 * fresh: every write is a compare-and-set at the version read, and one that loses reads again. What must
 * hold is that a read never goes back behind a write this process made: a write to a key forgets the
 * key's early read once it has landed, so an early read still kept was started after the write landed and
 * sees it (one started while the write was on its way may have read the record before it).
 *
 * Hand-written rather than a caching library's: this is no cache (each answer is used once, by the next
 * reader, and dropped with its request), and the write rule above is the whole point.
 */
export class ReadAheadStore extends PassThroughStore {
  private readonly early = new Map<string, EarlyRead>();

  /**
   * Reads `keys` now, in one trip, for the next `read` of each to take up. Returns what drops the reads
   * nobody took (the request is over: a redelivery, a repeated press, a turn that read something else).
   */
  readAhead(keys: readonly string[]): () => void {
    const owner = {};
    const all = this.inner.readMany(keys);
    // A read ahead that fails fails no request by itself: the reader that takes it up gets its error, as
    // its own read at that moment would have; a request that never takes it up is not disturbed.
    all.catch(() => {});
    keys.forEach((key, i) => {
      const record = all.then((records) => records[i]);
      record.catch(() => {});
      this.early.set(key, { record, owner });
    });
    return () => {
      for (const key of keys) if (this.early.get(key)?.owner === owner) this.early.delete(key);
    };
  }

  override read<T>(key: string): Promise<Versioned<T> | undefined> {
    const early = this.early.get(key);
    if (!early) return this.inner.read<T>(key);
    this.early.delete(key);
    return early.record as Promise<Versioned<T> | undefined>;
  }

  override compareAndSet<T>(key: string, expectedVersion: number | undefined, value: T, options?: { ttlMs?: number }) {
    return this.writing([key], this.inner.compareAndSet(key, expectedVersion, value, options));
  }

  override remove(key: string, expectedVersion?: number): Promise<boolean> {
    return this.writing([key], this.inner.remove(key, expectedVersion));
  }

  override commitAll(writes: readonly RecordWrite[]): Promise<boolean> {
    return this.writing(
      writes.map(({ key }) => key),
      this.inner.commitAll(writes),
    );
  }

  override close(): Promise<void> {
    this.early.clear();
    return super.close();
  }

  /** A write to `keys`: their early reads are forgotten once the write has landed (or failed). */
  private writing<R>(keys: readonly string[], write: Promise<R>): Promise<R> {
    return write.finally(() => {
      for (const key of keys) this.early.delete(key);
    });
  }
}
