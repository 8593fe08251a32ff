import type { DueEntry, DueWorkShare } from './duePass';
import { fnv1a, mix32 } from './keyHash';
import type { LiveInstances } from './liveInstances';

/**
 * The share of the due entries this instance takes, so instances on one store do not all read the same
 * entries (each a GET, a claim race, a lane token taken and given back: two instances spent 21–52 % more
 * CPU than one for the same deliveries, bench/README.md). An entry belongs to the live instance that
 * rendezvous hashing picks for its first lane (the conversation): a conversation's notices stay with one
 * instance, and when an instance joins or goes only the entries it gains or held move.
 *
 * The division only saves work: the claim (a compare-and-set lease) still decides who sends, so two
 * instances that see the membership differently for a moment at worst both read an entry, as before.
 * An entry due longer ago than `graceMs` is anyone's: an owner that is live but not taking it (a kind
 * only another version knows, a stuck worker) cannot hold it back for longer than that.
 */
export class DueShare implements DueWorkShare {
  private live: string[] = [];

  constructor(
    private readonly deps: {
      instances: LiveInstances;
      self: string;
      graceMs: number;
    },
  ) {}

  /** Reads who is live now (renewing this instance's own entry when due); once per pass. */
  async refresh(): Promise<void> {
    await this.deps.instances.beatIfDue();
    this.live = await this.deps.instances.current();
  }

  /** How many instances share the due entries (at least this one). */
  get liveCount(): number {
    return Math.max(1, this.live.length);
  }

  owns(entry: DueEntry, now: number): boolean {
    if (this.live.length <= 1) return true;
    if (entry.dueAt <= now - this.deps.graceMs) return true;
    return ownerOf(entry.lanes?.[0]?.key ?? entry.id, this.live) === this.deps.self;
  }
}

/**
 * Rendezvous (highest random weight) hashing: the instance whose hash with the key is highest. Written
 * here because it is a dozen lines and no maintained npm package offers it for our use.
 */
export function ownerOf(key: string, instances: readonly string[]): string {
  let best = instances[0];
  let bestWeight = -1;
  for (const instance of instances) {
    const weight = mix32(fnv1a(key, fnv1a(instance)));
    if (weight > bestWeight || (weight === bestWeight && instance < best)) {
      best = instance;
      bestWeight = weight;
    }
  }
  return best;
}
