import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Lane, LaneLimiter } from './rateLimiter';

export interface SharedLaneLimiterOptions {
  /** A connected node-redis client (the store's own connection), resolved on first use. */
  client: () => Promise<unknown>;
  /** The application's Redis prefix (REDIS_KEY_PREFIX): lanes live under `<prefix>rl:<perSecond>/<burst>:`. */
  keyPrefix: string;
  now?: () => number;
}

/**
 * How long one window of a lane is on Redis: `burst` sends a window, in whole seconds (rate-limiter-flexible
 * counts whole seconds), so a lane never goes faster than its rate.
 */
export function laneWindowSeconds(lane: Pick<Lane, 'perSecond' | 'burst'>): number {
  return Math.max(1, Math.ceil(lane.burst / lane.perSecond));
}

/**
 * The outbox's lane limits kept in Redis by rate-limiter-flexible, so every instance draws on one budget
 * per conversation, tenant or channel: two instances send what one would. Its windows are whole seconds,
 * so a lane becomes `burst` messages per ceil(burst / perSecond) s: never faster than the lane's rate.
 */
export class SharedLaneLimiter implements LaneLimiter {
  /** One per lane shape (rate and burst): the handful the outbox's lanes are made with. */
  private readonly limiters = new Map<string, Promise<RateLimiterRedis>>();
  private readonly now: () => number;

  constructor(private readonly options: SharedLaneLimiterOptions) {
    this.now = options.now ?? Date.now;
  }

  async tryTake(lanes: Lane[]): Promise<number> {
    const taken: Array<{ limiter: RateLimiterRedis; key: string }> = [];
    for (const lane of lanes) {
      const limiter = await this.limiterFor(lane);
      try {
        await limiter.consume(lane.key);
        taken.push({ limiter, key: lane.key });
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        // All lanes or none: give back what this call took from the lanes before the full one.
        await Promise.all(taken.map(({ limiter: l, key }) => l.reward(key)));
        return Math.max(1, refusal.msBeforeNext);
      }
    }
    return 0;
  }

  async giveBack(lanes: Lane[]): Promise<void> {
    await Promise.all(lanes.map(async (lane) => (await this.limiterFor(lane)).reward(lane.key)));
  }

  async block(lanes: Lane[], untilMs: number): Promise<void> {
    const seconds = Math.max(1, Math.ceil((untilMs - this.now()) / 1000));
    await Promise.all(lanes.map(async (lane) => (await this.limiterFor(lane)).block(lane.key, seconds)));
  }

  private limiterFor(lane: Lane): Promise<RateLimiterRedis> {
    const shape = `${lane.perSecond}/${lane.burst}`;
    let limiter = this.limiters.get(shape);
    if (!limiter) {
      limiter = this.options.client().then(
        (storeClient) =>
          new RateLimiterRedis({
            storeClient,
            useRedisPackage: true,
            keyPrefix: `${this.options.keyPrefix}rl:${shape}`,
            points: lane.burst,
            duration: laneWindowSeconds(lane),
          }),
      );
      this.limiters.set(shape, limiter);
    }
    return limiter;
  }
}
