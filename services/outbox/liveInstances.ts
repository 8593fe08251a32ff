import type { AtomicStore } from '../storage/atomicStore';
import type { OutboxLogger } from './outboxJobs';

/** The outbox instances that announced themselves: an ordered index of instance ids scored by last-seen time. */
export const INSTANCES_INDEX = 'outbox:instances';

/** Old announcements removed per heartbeat, so the index stays small after many crashes. */
const SWEEP_LIMIT = 50;

/**
 * Which outbox instances share the store now. Each instance renews its entry every `heartbeatMs`; one not
 * seen for `lapseMs` counts as gone (it died without leaving), and one that stops leaves at once.
 * Announcements from further ahead than `lapseMs` are not counted either: a clock that far off is a test's
 * or a broken host's, and would otherwise look live for ever.
 */
export class LiveInstances {
  private lastBeatAt?: number;
  private left = false;

  constructor(
    private readonly deps: {
      records: AtomicStore;
      logger: OutboxLogger;
      now: () => number;
      self: string;
      heartbeatMs: number;
      lapseMs: number;
    },
  ) {}

  /** Renews this instance's entry when it is due; a missed renewal is tried again at the next call. */
  async beatIfDue(): Promise<void> {
    const now = Math.floor(this.deps.now());
    if (this.left) return;
    if (this.lastBeatAt !== undefined && Math.abs(now - this.lastBeatAt) < this.deps.heartbeatMs) return;
    const { records, self, lapseMs } = this.deps;
    await records.indexAdd(INSTANCES_INDEX, self, now);
    this.lastBeatAt = now;
    const gone = await records.indexRange(INSTANCES_INDEX, { max: now - 10 * lapseMs, limit: SWEEP_LIMIT });
    await Promise.all(gone.map(({ member }) => records.indexRemove(INSTANCES_INDEX, member)));
  }

  /** The live instances' ids, in a stable order; this one always among them while it works. */
  async current(): Promise<string[]> {
    const now = Math.floor(this.deps.now());
    const { records, self, lapseMs } = this.deps;
    const seen = await records.indexRange(INSTANCES_INDEX, {
      min: now - lapseMs,
      max: now + lapseMs,
      limit: 1_000,
    });
    const ids = new Set(seen.map(({ member }) => member));
    ids.add(self);
    return [...ids].sort();
  }

  /** Announces this instance again after a `leave` (a restarted worker). */
  join() {
    this.left = false;
    this.lastBeatAt = undefined;
  }

  /** Takes this instance out, so the others take its share at their next pass. */
  async leave(): Promise<void> {
    this.left = true;
    await this.deps.records
      .indexRemove(INSTANCES_INDEX, this.deps.self)
      .catch((error) => this.deps.logger.warn({ err: error }, 'outbox instance could not take itself out'));
  }
}
