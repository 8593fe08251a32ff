import type { AtomicStore } from '../storage/atomicStore';
import { DUE_INDEX, dueMember } from './dueIndex';
import type { Lane } from './rateLimiter';

/**
 * Versions before the ordered index kept the due index as records `outbox:due:<15-digit ms>:<id>:<nonce>`,
 * found by listing a prefix (a keyspace SCAN on Redis). An upgraded instance moves any such record into
 * the ordered index, so jobs enqueued or retried by an old version are still delivered.
 *
 * It sweeps at its first pass, then every `everyMs` for `forMs` (a rolling deploy runs both versions side
 * by side for a while, and an old instance keeps writing old entries until it stops), and for as long
 * after that as a sweep still finds something. A sweep is idempotent and safe on several instances at
 * once: the member is derived from the old key (the same on every instance), it is added before the old
 * record is removed, and a duplicate entry for a job costs one read (delivery is decided by the job's
 * lease, never by its entry).
 */
export const LEGACY_DUE_PREFIX = 'outbox:due:';

interface LegacyEntry {
  id: string;
  at: number;
  lanes?: Lane[];
}

export class LegacyDueIndexMigration {
  private firstSweepAt?: number;
  private nextSweepAt = -Infinity;
  private done = false;

  constructor(
    private readonly records: AtomicStore,
    private readonly now: () => number,
    private readonly options: { everyMs: number; forMs: number } = { everyMs: 5 * 60_000, forMs: 60 * 60_000 },
  ) {}

  /** Sweeps when one is due; returns how many old entries it moved. */
  async sweepIfDue(): Promise<number> {
    const now = this.now();
    if (this.done || now < this.nextSweepAt) return 0;
    this.firstSweepAt ??= now;
    const moved = await this.sweep();
    this.nextSweepAt = now + this.options.everyMs;
    if (moved === 0 && now - this.firstSweepAt >= this.options.forMs) this.done = true;
    return moved;
  }

  private async sweep(): Promise<number> {
    let moved = 0;
    for (const record of await this.records.list<LegacyEntry>(LEGACY_DUE_PREFIX)) {
      const rest = record.key.slice(LEGACY_DUE_PREFIX.length);
      const dueAt = Number(rest.slice(0, 15));
      const [id, nonce] = rest.slice(16).split(':');
      if (Number.isFinite(dueAt) && id && nonce) {
        await this.records.indexAdd(DUE_INDEX, dueMember(id, record.value?.lanes, nonce), dueAt);
        moved += 1;
      }
      await this.records.remove(record.key, record.version);
    }
    return moved;
  }
}
