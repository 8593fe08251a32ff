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
 * Token buckets per lane, in this process. With several instances each has its own buckets, so the
 * combined rate for one conversation or tenant can reach N times the limit: the 429s that follow are
 * handled (Retry-After pauses the lane for everyone in this process), and the fan-out of one notice is
 * usually worked by one instance anyway because it enqueues and wakes its own workers first. A shared
 * limiter (a Redis script) would be the next step for a large fleet.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number) {}

  /** Takes a token from every lane and returns 0, or leaves them all and returns how long to wait. */
  tryTake(lanes: Lane[]): number {
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

  /** A 429 on a lane: nothing more on it until `untilMs`. */
  block(lanes: Lane[], untilMs: number) {
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
