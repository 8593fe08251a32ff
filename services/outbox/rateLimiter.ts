/** A rate limit on one lane of traffic (a conversation, a tenant, a Slack channel). */
export interface Lane {
  /** `conv:<id>`, `tenant:<id>`, ... Jobs sharing a key share the budget. */
  key: string;
  /** Sustained rate. */
  perSecond: number;
  /** How many may go at once after a quiet spell. */
  burst: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
  /** Nothing goes before this (a 429's Retry-After pushes it). */
  blockedUntil: number;
}

/**
 * Where the outbox asks before each delivery. In one process (SQLite, memory) the token buckets below;
 * with instances sharing Redis, sharedLaneLimiter.ts, so N instances together keep one lane's limit.
 */
export interface LaneLimiter {
  /** Takes a token from every lane and resolves 0, or leaves them all and resolves how long to wait (ms). */
  tryTake(lanes: Lane[]): Promise<number>;
  /** A 429 on a lane: nothing more on it until `untilMs`. */
  block(lanes: Lane[], untilMs: number): Promise<void>;
  /** Returns the token `tryTake` took when nothing was sent with it (the job was not there to run). */
  giveBack(lanes: Lane[]): Promise<void>;
}

/**
 * Token buckets per lane, in this process, on the outbox's clock (tests move it). Only right while one
 * process delivers: with several instances on Redis the assistant uses the shared limiter instead.
 */
export class RateLimiter implements LaneLimiter {
  /** About 50,000 buckets (~150 B each) at most, plus lanes used in the last minute: see prune. */
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number) {}

  async tryTake(lanes: Lane[]): Promise<number> {
    const now = this.now();
    let wait = 0;
    const buckets = lanes.map((lane) => {
      const bucket = this.refill(lane, now);
      if (bucket.blockedUntil > now) wait = Math.max(wait, bucket.blockedUntil - now);
      else if (bucket.tokens < 1) wait = Math.max(wait, Math.ceil(((1 - bucket.tokens) / lane.perSecond) * 1000));
      return bucket;
    });
    if (wait > 0) return wait;
    for (const bucket of buckets) bucket.tokens -= 1;
    return 0;
  }

  async giveBack(lanes: Lane[]): Promise<void> {
    const now = this.now();
    for (const lane of lanes) {
      const bucket = this.refill(lane, now);
      bucket.tokens = Math.min(lane.burst, bucket.tokens + 1);
    }
  }

  async block(lanes: Lane[], untilMs: number): Promise<void> {
    const now = this.now();
    for (const lane of lanes) {
      const bucket = this.refill(lane, now);
      bucket.blockedUntil = Math.max(bucket.blockedUntil, untilMs);
      bucket.tokens = 0;
    }
  }

  private refill(lane: Lane, now: number): Bucket {
    let bucket = this.buckets.get(lane.key);
    if (!bucket) {
      bucket = { tokens: lane.burst, updatedAt: now, blockedUntil: 0 };
      this.buckets.set(lane.key, bucket);
      if (this.buckets.size > 50_000) this.prune(now);
      return bucket;
    }
    const elapsed = Math.max(0, now - bucket.updatedAt);
    bucket.tokens = Math.min(lane.burst, bucket.tokens + (elapsed / 1000) * lane.perSecond);
    bucket.updatedAt = now;
    return bucket;
  }

  /** Full, unblocked buckets carry no information: drop them so memory stays bounded. */
  private prune(now: number) {
    for (const [key, bucket] of this.buckets) {
      if (bucket.blockedUntil <= now && now - bucket.updatedAt > 60_000) this.buckets.delete(key);
    }
  }
}
