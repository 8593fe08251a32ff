import type { AtomicStore } from './atomicStore';

/** More records than one listing could hold: a read of an index is bounded, never the whole of it. */
const MAX_LISTED = 100_000;
/** Records read at once (`readMany`: one MGET on Redis, one query on SQLite). */
const PAGE = 200;
/** How long an entry without its record may be a write in progress rather than debris of a crash. */
const ORPHAN_GRACE_MS = 60_000;

export interface IndexedRecord<T> {
  key: string;
  value: T;
  version: number;
}

/**
 * The keys of one collection of records (or of the part of it a reader asks for) in an ordered index of
 * the store (a Redis sorted set, the SQLite index table), so listing them costs the records listed. A
 * listing by prefix walked the whole Redis keyspace (SCAN) at every pass and App Home refresh, and grew
 * with every delivery-ledger record and conversation state the assistant keeps, not with what it listed.
 *
 * As in customers/openRequests.ts: an entry is added (scored by when) before its record becomes what the
 * index lists and removed after it stops being that, so a crash between the two leaves an entry whose
 * record is absent or does not belong: a listing skips it and removes it (an absent record only after a
 * grace, as it may be a write under way). Records stored before the index are added by the owner's
 * `indexExisting` sweep (services/storage/indexSweeps.ts).
 *
 * Where the index lists every record under one key prefix (`range`), SQLite and memory read that prefix
 * instead: there a listing by prefix is one range of the key order holding exactly those records, where
 * the index reads its entries, then their records (200 records on SQLite: 0.6–3.1 ms by prefix, 1.2–7.8 ms
 * by index, bench/README.md). The index is kept on every backend all the same, so one code writes it.
 */
export class RecordIndex<T> {
  constructor(
    private readonly records: AtomicStore,
    private readonly index: string,
    private readonly keyOf: (member: string) => string,
    private readonly now: () => Date,
    private readonly range?: string,
  ) {}

  /** Before the record of `member` is written as what the index lists. */
  async add(member: string): Promise<void> {
    await this.records.indexAdd(this.index, member, this.now().getTime());
  }

  /** After the record of `member` stopped being what the index lists. */
  async remove(member: string): Promise<void> {
    await this.records.indexRemove(this.index, member);
  }

  /**
   * The indexed records that `belong`, in key order (the order a listing by prefix gave, which callers
   * keep for ties); entries found not to belong are removed.
   */
  async list(belongs: (value: T) => boolean = () => true): Promise<Array<IndexedRecord<T>>> {
    if (this.range !== undefined && this.records.backend !== 'redis') {
      const stored = await this.records.list<T>(this.range);
      return stored.filter((record) => belongs(record.value));
    }
    const entries = await this.records.indexRange(this.index, { limit: MAX_LISTED });
    const listed: Array<IndexedRecord<T>> = [];
    for (let at = 0; at < entries.length; at += PAGE) {
      const slice = entries.slice(at, at + PAGE);
      const found = await this.records.readMany<T>(slice.map((entry) => this.keyOf(entry.member)));
      for (const [i, entry] of slice.entries()) {
        const record = found[i];
        const value = record?.value;
        if (record !== undefined && value !== undefined && belongs(value)) {
          listed.push({ key: this.keyOf(entry.member), value, version: record.version });
          continue;
        }
        if (value === undefined && this.now().getTime() - entry.score < ORPHAN_GRACE_MS) continue;
        await this.records.indexRemove(this.index, entry.member);
      }
    }
    return listed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** The values of `list`. */
  async values(belongs?: (value: T) => boolean): Promise<T[]> {
    return (await this.list(belongs)).map((record) => record.value);
  }
}
