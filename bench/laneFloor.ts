import { TEAMS_LIMITS } from '../bot/proactive/durableNotifier';
import { laneWindowSeconds } from '../services/outbox/sharedLaneLimiter';

/** A fan-out's shape: every notice goes to each of a tenant's people (bench/target.ts). */
export interface FanoutShape {
  users: number;
  perTenant: number;
}

/**
 * The least time Teams' lanes give a fan-out of `shape` on Redis, however many instances send it (session 38).
 * The shared limiter gives a lane `burst` sends a window of `laneWindowSeconds`
 * (services/outbox/sharedLaneLimiter.ts), so n notices on one lane need ceil(n / burst) - 1 windows after the
 * first. A conversation gets `perTenant` notices, a tenant `users × perTenant`. A fan-out that takes about this
 * long measures Teams' limits, not the instances: with 5 notices a conversation it is 6 s, so where one
 * instance delivers 10,000 in 7.7 s (session 38) a second can make it at most ×1.3 as fast.
 */
export function laneFloorSeconds(shape: FanoutShape): number {
  return Math.max(
    windowsAfterFirst(shape.perTenant, TEAMS_LIMITS.perConversation),
    windowsAfterFirst(shape.users * shape.perTenant, TEAMS_LIMITS.perTenant),
  );
}

function windowsAfterFirst(sends: number, lane: { perSecond: number; burst: number }): number {
  return (Math.ceil(sends / lane.burst) - 1) * laneWindowSeconds(lane);
}
