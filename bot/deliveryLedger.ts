import type { AtomicStore } from '../services/storage/atomicStore';
import type { Logger } from './logger';

/** What the first delivery of a request answered: a replay gets the same status and no second effect. */
interface Entry {
  state: 'started' | 'done';
  status?: number;
  /** The instance running a started delivery: one that stopped without finishing leaves it to a retry. */
  by?: string;
}

/** Which instances are running (the outbox's heartbeats), to tell a slow first delivery from an orphan. */
export interface Liveness {
  self: string;
  live(): Promise<string[]>;
}

export type Claim = { first: true; version: number } | { first: false; status?: number };

/** How long a delivery's outcome is kept: longer than Slack's and Teams' retries and a replay's five minutes. */
const TTL_MS = 60 * 60_000;
/** The claim runs before Slack's acknowledgement: a slow store may not eat Slack's three seconds. */
const CLAIM_WITHIN_MS = 1000;

/**
 * Idempotent deliveries (issue 13 point 5): Slack retries an event (same event id) and anyone can replay a
 * signed request inside its five minutes; Teams re-sends a slow activity (same activity id). The first
 * delivery claims its key with a compare-and-set, so of two instances exactly one runs it; a later one is
 * answered with what the first answered. A first delivery that failed gives its key back, so Slack's or
 * Teams' retry runs again: at-least-once delivery, with the duplicates removed.
 * When the store cannot be asked, the delivery runs (the work itself then meets the same store and
 * apologises): a lost dedupe is better than a lost request. For the same reason a delivery started by an
 * instance that has since stopped (a crash mid-turn: it never settled its claim) is taken over by the
 * retry, which would otherwise be told "done" for work nobody finished.
 * A Teams card press is not claimed here: the double-click guard's record of the person's presses keeps
 * its delivery and answers Teams sending it again the same way (`teams/pressRecord.ts`), so a press costs
 * one claim, not two (issue 18).
 */
export class DeliveryLedger {
  constructor(
    private readonly records: AtomicStore,
    private readonly logger: Logger,
    private readonly liveness?: Liveness,
  ) {}

  async claim(key: string): Promise<Claim | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => {
        this.logger.warn({ key }, 'delivery ledger slow: handling the delivery without dedupe');
        resolve(undefined);
      }, CLAIM_WITHIN_MS);
    });
    try {
      return await Promise.race([this.tryClaim(key), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async tryClaim(key: string): Promise<Claim | undefined> {
    try {
      const started: Entry = { state: 'started', by: this.liveness?.self };
      const version = await this.records.compareAndSet<Entry>(key, undefined, started, { ttlMs: TTL_MS });
      if (version !== undefined) return { first: true, version };
      const seen = await this.records.read<Entry>(key);
      if (seen && (await this.orphaned(seen.value))) {
        const taken = await this.records.compareAndSet<Entry>(key, seen.version, started, { ttlMs: TTL_MS });
        if (taken !== undefined) {
          this.logger.warn({ key, stopped: seen.value.by }, 'delivery started by a stopped instance: running it again');
          return { first: true, version: taken };
        }
      }
      return { first: false, status: seen?.value.status };
    } catch (error) {
      this.logger.warn({ err: error, key }, 'delivery ledger unavailable: handling the delivery without dedupe');
      return undefined;
    }
  }

  /** Started by another instance that no longer runs. */
  private async orphaned(entry: Entry): Promise<boolean> {
    return entry.state === 'started' && ranOnStoppedInstance(this.liveness, entry.by);
  }

  /**
   * The first delivery answered `status`: a 2xx stands, anything else gives the key back for a retry.
   * A 200 writes nothing: the claim already answers a replay with 200 (`status` unset), so recording it
   * would be a store write a turn that changes nothing a replay sees (issue 18).
   */
  async settle(key: string, claim: Claim | undefined, status: number): Promise<void> {
    if (!claim?.first || status === 200) return;
    try {
      if (status >= 300) await this.records.remove(key, claim.version);
      else await this.records.compareAndSet<Entry>(key, claim.version, { state: 'done', status }, { ttlMs: TTL_MS });
    } catch (error) {
      this.logger.warn({ err: error, key }, 'delivery ledger unavailable: the outcome of a delivery is not recorded');
    }
  }
}

/**
 * Whether a delivery ran on another instance that no longer runs (its outbox no longer beats), so its
 * retry must run it again: it may have died mid-turn. When liveness cannot be read, it has not stopped.
 */
export async function ranOnStoppedInstance(liveness: Liveness | undefined, by: string | undefined): Promise<boolean> {
  if (!liveness || !by || by === liveness.self) return false;
  const live = await liveness.live().catch(() => undefined);
  return live !== undefined && !live.includes(by);
}

export const DELIVERY_KEYS = {
  teamsActivity: (conversationId: string, activityId: string) => `delivery:teams:${conversationId}:${activityId}`,
  slackEvent: (eventId: string) => `delivery:slack:event:${eventId}`,
  slackSigned: (signature: string) => `delivery:slack:signed:${signature}`,
};
