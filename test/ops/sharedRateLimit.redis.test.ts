import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createClient } from '@redis/client';
import { Outbox } from '../../services/outbox/outbox';
import type { Lane } from '../../services/outbox/rateLimiter';
import { SharedLaneLimiter } from '../../services/outbox/sharedLaneLimiter';
import { openStore, type Store } from '../../services/storage/openStore';
import { UNIT_REDIS_URL, requireRedis } from '../support/drivers/testAssistant';

const QUIET = { info() {}, warn() {}, error() {}, debug() {} };

/** One assistant instance's outbox: its own Redis connection, its own limiter, the shared prefix. */
function instance(prefix: string, delivered: string[]) {
  const store = openStore({ backend: 'redis', redisUrl: UNIT_REDIS_URL, redisKeyPrefix: prefix });
  const outbox = new Outbox({
    records: store.records,
    logger: QUIET,
    limiter: new SharedLaneLimiter({ client: store.redisClient!, keyPrefix: prefix }),
    handlers: {
      teams: async (payload: { n: number }) => {
        delivered.push(`#${payload.n}`);
        return { kind: 'delivered' };
      },
    },
  });
  return { store, outbox };
}

async function removeKeys(prefix: string) {
  const client = createClient({ url: UNIT_REDIS_URL });
  await client.connect();
  for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    const keys = Array.isArray(batch) ? batch : [batch];
    if (keys.length > 0) await client.del(keys);
  }
  await client.quit();
}

describe('Scale-out on Redis: one rate limit across instances, an application key prefix (issue 17)', function () {
  let prefix: string;
  const stores: Store[] = [];

  before(function () {
    requireRedis(this);
  });
  beforeEach(() => {
    // A prefix of this run's own: other checkouts test on the same Redis at the same time.
    prefix = `csp-test-${randomUUID().slice(0, 8)}:`;
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    if (UNIT_REDIS_URL) await removeKeys(prefix);
  });

  // A lane of three messages per 300 s: nothing refills while the test runs.
  const lane: Lane = { key: 'teams:conv:shared', perSecond: 0.01, burst: 3 };

  it('holds one lane to its limit when two instances deliver from it', async () => {
    const delivered: string[] = [];
    const first = instance(prefix, delivered);
    const second = instance(prefix, delivered);
    stores.push(first.store, second.store);
    for (let n = 1; n <= 6; n++) {
      await first.outbox.enqueue({ kind: 'teams', dedupeKey: `notice-${n}`, payload: { n }, lanes: [lane] });
    }
    // The first instance sends what the lane allows; the second, sharing the budget, sends nothing more.
    await first.outbox.drain();
    expect(delivered).to.have.length(3);
    await second.outbox.drain();
    expect(delivered).to.have.length(3);
    // Both at once, again: still the same three.
    await Promise.all([first.outbox.drain(), second.outbox.drain()]);
    expect(delivered).to.have.length(3);
  });

  it('pauses a lane for every instance after a 429 (Retry-After)', async () => {
    const first = instance(prefix, []);
    const second = instance(prefix, []);
    stores.push(first.store, second.store);
    const limiter = (i: typeof first) => new SharedLaneLimiter({ client: i.store.redisClient!, keyPrefix: prefix });
    const fresh: Lane = { key: 'slack:C0PAUSED', perSecond: 10, burst: 10 };
    await limiter(first).block([fresh], Date.now() + 30_000);
    expect(await limiter(second).tryTake([fresh])).to.be.greaterThan(0);
  });

  it('takes from every lane of a job or from none', async () => {
    const only = instance(prefix, []);
    stores.push(only.store);
    const limiter = new SharedLaneLimiter({ client: only.store.redisClient!, keyPrefix: prefix });
    const tenant: Lane = { key: 'teams:tenant:t', perSecond: 0.01, burst: 2 };
    const full: Lane = { key: 'teams:conv:full', perSecond: 0.01, burst: 1 };
    expect(await limiter.tryTake([full])).to.equal(0);
    // The conversation is spent: the tenant's token taken on the way is given back.
    expect(await limiter.tryTake([tenant, full])).to.be.greaterThan(0);
    expect(await limiter.tryTake([tenant])).to.equal(0);
    expect(await limiter.tryTake([tenant])).to.equal(0);
    expect(await limiter.tryTake([tenant])).to.be.greaterThan(0);
  });

  it('writes every key, records and indexes alike, under REDIS_KEY_PREFIX', async () => {
    const store = openStore({ backend: 'redis', redisUrl: UNIT_REDIS_URL, redisKeyPrefix: prefix });
    stores.push(store);
    await store.records.compareAndSet('partner:contoso', undefined, { name: 'Contoso' });
    await store.records.indexAdd('outbox:due', 'job-1', 5);
    const client = createClient({ url: UNIT_REDIS_URL });
    await client.connect();
    try {
      expect(await client.exists(`${prefix}partner:contoso`)).to.equal(1);
      expect(await client.exists('partner:contoso')).to.equal(0);
      expect(await client.exists(`${prefix}idx:outbox:due`)).to.equal(1);
    } finally {
      await client.quit();
    }
    // Read back through the prefix, and listed without it.
    expect((await store.records.read<{ name: string }>('partner:contoso'))?.value.name).to.equal('Contoso');
    expect((await store.records.list('partner:')).map((r) => r.key)).to.deep.equal(['partner:contoso']);
    expect(await store.records.readMany(['partner:none', 'partner:contoso'])).to.deep.equal([
      undefined,
      { value: { name: 'Contoso' }, version: 1 },
    ]);
    // Keyv, the one storage interface, addresses the same prefixed key (the record in its envelope).
    expect(await store.keyv.get('partner:contoso')).to.deep.include({ d: { name: 'Contoso' } });
  });
});
