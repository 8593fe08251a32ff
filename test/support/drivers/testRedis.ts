import { createClient } from '@redis/client';

/** Redis for this run, when configured (test/setup.ts says how to run without it). */
export const REDIS_URL = process.env.REDIS_URL;

/** The Redis database of this run's unit suites and customer worlds; TEST_REDIS_DB keeps parallel checkouts on one Redis apart. */
export const TEST_REDIS_DB = Number(process.env.TEST_REDIS_DB ?? 13);

/**
 * Where the unit suites keep their Redis records: the run's own database, emptied when the run starts
 * (test/setup.ts), never database 0. A database every run added to and none emptied grew to 12,600 keys,
 * and each suite that lists across the store (a reseller's partnerships, a tenant's people) grew slower
 * with every run.
 */
export const UNIT_REDIS_URL = REDIS_URL ? `${REDIS_URL}/${TEST_REDIS_DB}` : undefined;

/** Empties the unit suites' Redis database: once, as the run starts. */
export async function emptyUnitRedis() {
  if (!UNIT_REDIS_URL) return;
  const redis = createClient({ url: UNIT_REDIS_URL });
  await redis.connect();
  await redis.flushDb();
  await redis.quit();
}
