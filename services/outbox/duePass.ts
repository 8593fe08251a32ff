import type { AtomicStore } from '../storage/atomicStore';
import { DUE_INDEX, parseDueMember } from './dueIndex';
import { fnv1a } from './keyHash';
import { LegacyDueIndexMigration } from './legacyDueIndex';
import type { OutboxLogger } from './outboxJobs';
import type { Lane } from './rateLimiter';

export type DueEntry = { member: string; id: string; dueAt: number; lanes?: Lane[] };

/** Which due entries are this instance's to take, among the instances sharing the store (dueShare.ts). */
export interface DueWorkShare {
  /** Renews this instance's heartbeat when due and reads who is live; once per pass. */
  refresh(): Promise<void>;
  /** The live instances, at least this one. */
  readonly liveCount: number;
  owns(entry: DueEntry, now: number): boolean;
}

/**
 * What one worker pass of this process takes from the due index: the entries due now that are this
 * instance's share (dueShare.ts), less those it is delivering (in flight) or holding back until a given
 * time (a rate limit, another worker's lease, a kind only another version knows); and, when nothing wakes
 * the workers, how long they may sleep.
 */
export class DuePass {
  /** Job ids this process is working on: at most its workers' concurrency. */
  private readonly inFlight = new Set<string>();
  /**
   * Jobs held back by a rate limit or someone else's lease, until the time given. Bounded by the due
   * index: each pass drops holds that have lapsed and, when it read the whole index, those no longer in it.
   */
  private readonly notBefore = new Map<string, number>();
  /** The earliest future entry seen in the last pass. */
  private nextDueAt?: number;
  private readonly legacyIndex: LegacyDueIndexMigration;

  constructor(
    private readonly deps: {
      records: AtomicStore;
      logger: OutboxLogger;
      now: () => number;
      batchSize: number;
      /** Which due entries are this instance's to take (the others' are left to them). */
      share: DueWorkShare;
      /** Draws each pass's order of lanes (spreadByLane); Math.random by default. */
      random?: () => number;
    },
  ) {
    this.legacyIndex = new LegacyDueIndexMigration(deps.records, deps.now);
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  begin(id: string) {
    this.inFlight.add(id);
  }

  end(id: string) {
    this.inFlight.delete(id);
  }

  /** Holds a job back until `until`; true when it was not held already (a new hold, for the metrics). */
  hold(id: string, until: number): boolean {
    const fresh = !this.notBefore.has(id);
    this.notBefore.set(id, until);
    return fresh;
  }

  release(id: string) {
    this.notBefore.delete(id);
  }

  /** How long the workers may sleep: the poll, or less when an entry or a hold comes due sooner. */
  nextWakeIn(pollMs: number): number {
    const now = this.deps.now();
    let wait = pollMs;
    if (this.nextDueAt !== undefined) wait = Math.min(wait, Math.max(20, this.nextDueAt - now));
    for (const at of this.notBefore.values()) wait = Math.min(wait, Math.max(20, at - now));
    return wait;
  }

  async take(): Promise<DueEntry[]> {
    const { records, logger, batchSize, share } = this.deps;
    // Moving old entries is not worth holding back the new ones: a failed sweep is tried again next pass.
    await this.legacyIndex
      .sweepIfDue()
      .catch((error) => logger.warn({ err: error }, 'outbox could not move due entries of an older version'));
    await share.refresh();
    const now = this.deps.now();
    const dueBy = Math.floor(now);
    for (const [id, until] of this.notBefore) if (until <= now) this.notBefore.delete(id);
    // Entries this pass must pass over (held back, or in flight here) widen the read, so they never
    // hide the runnable entries behind them; so do the other instances' entries, about (n-1)/n of the rest.
    const limit = batchSize * share.liveCount + this.inFlight.size + this.notBefore.size;
    const entries = await records.indexRange(DUE_INDEX, { max: dueBy, limit });
    const complete = entries.length < limit;
    if (complete && this.notBefore.size > 0) {
      // Every due entry was read: holds on jobs not among them left the index (finished elsewhere).
      const listed = new Set(entries.map((e) => parseDueMember(e.member)?.id));
      for (const id of this.notBefore.keys()) if (!listed.has(id)) this.notBefore.delete(id);
    }
    // When to look again if nothing else wakes the workers: the first entry not yet due.
    this.nextDueAt = complete
      ? (await records.indexRange(DUE_INDEX, { min: dueBy + 1, limit: 1 }))[0]?.score
      : undefined;
    const out: DueEntry[] = [];
    for (const entry of entries) {
      const parsed = parseDueMember(entry.member);
      if (!parsed) {
        logger.warn({ member: entry.member.slice(0, 200) }, 'outbox dropped an unreadable due index entry');
        await records.indexRemove(DUE_INDEX, entry.member);
        continue;
      }
      if (this.inFlight.has(parsed.id)) continue;
      const held = this.notBefore.get(parsed.id);
      if (held !== undefined && held > now) continue;
      const due: DueEntry = { member: entry.member, id: parsed.id, dueAt: entry.score, lanes: parsed.lanes };
      if (!share.owns(due, now)) continue;
      out.push(due);
      if (out.length >= batchSize) break;
    }
    return spreadByLane(out, (this.deps.random ?? Math.random)());
  }
}

/**
 * The due entries in an order of their first lane (the conversation or channel) drawn anew each pass, due
 * order kept within a lane. Where instances still read the same entries (overdue ones, anyone's after the
 * share's grace; a moment when they see the membership differently): walked in due order, both took the
 * same jobs at once, each spending a lane token (a Teams conversation's 2 per 3 s window) on a job only one
 * of them could claim, and the other jobs of that conversation waited for the next window. In orders of
 * their own they mostly meet apart.
 */
export function spreadByLane(entries: DueEntry[], salt: number): DueEntry[] {
  const seed = Math.floor(salt * 0x100000000) >>> 0;
  const ranks = new Map<string, number>();
  const rankOf = (entry: DueEntry) => {
    const key = entry.lanes?.[0]?.key ?? entry.id;
    let rank = ranks.get(key);
    if (rank === undefined) {
      rank = fnv1a(key, seed);
      ranks.set(key, rank);
    }
    return rank;
  };
  return entries
    .map((entry, index) => ({ entry, index, rank: rankOf(entry) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ entry }) => entry);
}
