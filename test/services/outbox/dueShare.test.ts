import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createLogger } from '../../../bot/logger';
import { ownerOf } from '../../../services/outbox/dueShare';
import { Outbox } from '../../../services/outbox/outbox';
import { JOB, jobIdOf } from '../../../services/outbox/outboxJobs';
import type { AtomicStore } from '../../../services/storage/atomicStore';
import { openStore, type Store } from '../../../services/storage/openStore';
import { requireRedis, tempDataDir, UNIT_REDIS_URL } from '../../support/drivers/testAssistant';

const logger = createLogger('silent');
/** The defaults: a beat every 2 s, gone after five missed; an entry overdue by 30 s is anyone's. */
const LAPSE_MS = 10_000;
const GRACE_MS = 30_000;

/** The store as one instance sees it, counting its reads of outbox jobs (a GET each on Redis). */
function countingJobReads(records: AtomicStore) {
  const jobReads: string[] = [];
  const counting = new Proxy(records, {
    get(target, property) {
      if (property === 'read') {
        return (key: string) => {
          if (key.startsWith(JOB)) jobReads.push(key.slice(JOB.length));
          return target.read(key);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { records: counting, jobReads };
}

const backends = [
  { name: 'SQLite', open: () => openStore({ backend: 'sqlite', dataDir: tempDataDir() }) },
  {
    name: 'Redis',
    redis: true,
    // A key prefix per test: the instances announced in one test must not be live in the next. The run's own
    // database (emptied as it starts), not database 0: the outbox's jobs are kept for days.
    open: () =>
      openStore({ backend: 'redis', redisUrl: UNIT_REDIS_URL, redisKeyPrefix: `outbox-share-${randomUUID()}:` }),
  },
];

for (const backend of backends) {
  describe(`outbox instances on one store divide the due work (${backend.name})`, () => {
    const stores: Store[] = [];
    before(function () {
      if (backend.redis) requireRedis(this);
    });
    afterEach(async () => {
      for (const store of stores.splice(0)) await store.close();
    });

    /** Two instances on one store and one clock; b may lack the jobs' kind (another version of the assistant). */
    async function twoInstances(options: { bKnowsTheKind?: boolean } = {}) {
      const store = backend.open();
      stores.push(store);
      // Connected first: @keyv/redis opens its client on first use, and two first uses at once close it again.
      await store.records.ping();
      const clock = { now: 10_000_000 };
      const kind = `share-${randomUUID()}`;
      const delivered: Array<{ by: string; n: number }> = [];
      const instance = (name: string, knowsTheKind = true) => {
        const seen = countingJobReads(store.records);
        const outbox = new Outbox({
          records: seen.records,
          logger,
          now: () => clock.now,
          handlers: knowsTheKind
            ? {
                [kind]: async (payload: { n: number }) => {
                  delivered.push({ by: name, n: payload.n });
                  return { kind: 'delivered' as const };
                },
              }
            : {},
        });
        return { name, outbox, jobReads: seen.jobReads };
      };
      const a = instance('a');
      const b = instance('b', options.bKnowsTheKind ?? true);
      let next = 0;
      /** `count` notices, each to a conversation of its own, enqueued through both instances in turn. */
      const enqueue = async (count: number) => {
        for (let i = 0; i < count; i++, next++) {
          const via = next % 2 === 0 ? a : b;
          const conversation = `teams:conv:c-${next}`;
          await via.outbox.enqueue({
            kind,
            dedupeKey: `notice-${next}`,
            payload: { n: next },
            lanes: [{ key: conversation, perSecond: 1000, burst: 100 }],
          });
        }
        // The enqueues' own reads (is the notice known?) are not the workers'.
        a.jobReads.length = 0;
        b.jobReads.length = 0;
      };
      /** Who owns notice `n` while both are live: rendezvous over the two ids, by its conversation. */
      const ownerName = (n: number) =>
        ownerOf(`teams:conv:c-${n}`, [a.outbox.instanceId, b.outbox.instanceId].sort()) === a.outbox.instanceId
          ? 'a'
          : 'b';
      const jobIdsOf = (ns: number[]) => ns.map((n) => jobIdOf(`${kind}:notice-${n}`));
      return { clock, a, b, delivered, enqueue, ownerName, jobIdsOf };
    }

    const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
    const deliveredOnce = (delivered: Array<{ n: number }>, ns: number[]) =>
      expect(delivered.map((d) => d.n).sort((x, y) => x - y)).to.deep.equal(ns);

    it('delivers every job exactly once, each instance reading only the jobs it owns while both are live', async () => {
      const { a, b, delivered, enqueue, ownerName, jobIdsOf } = await twoInstances();
      // Each announces itself at its first pass.
      await Promise.all([a.outbox.drain(), b.outbox.drain()]);
      await enqueue(40);
      for (let pass = 0; pass < 2; pass++) await Promise.all([a.outbox.drain(), b.outbox.drain()]);

      deliveredOnce(delivered, range(0, 40));
      for (const { by, n } of delivered) expect(by, `notice ${n}`).to.equal(ownerName(n));
      for (const instance of [a, b]) {
        const own = jobIdsOf(range(0, 40).filter((n) => ownerName(n) === instance.name));
        expect(own.length, `${instance.name} owns some of the 40`).to.be.greaterThan(0);
        expect([...instance.jobReads].sort(), `${instance.name}'s reads`).to.deep.equal([...own].sort());
      }
    });

    it('takes the share of an instance that stops at once, with no clock moved', async () => {
      const { a, b, delivered, enqueue, jobIdsOf } = await twoInstances();
      await Promise.all([a.outbox.drain(), b.outbox.drain()]);
      await enqueue(40);
      await b.outbox.stop();
      await a.outbox.drain();

      deliveredOnce(delivered, range(0, 40));
      expect(delivered.every((d) => d.by === 'a')).to.equal(true);
      expect(b.jobReads).to.deep.equal([]);
      expect([...a.jobReads].sort()).to.deep.equal(jobIdsOf(range(0, 40)).sort());
    });

    it('takes the share of an instance that stopped heart-beating once it lapses, not before', async () => {
      const { clock, a, b, delivered, enqueue, ownerName } = await twoInstances();
      await Promise.all([a.outbox.drain(), b.outbox.drain()]);
      await enqueue(40);
      const ofB = range(0, 40).filter((n) => ownerName(n) === 'b');
      // b died without leaving: it neither beats nor takes anything from here on.
      clock.now += LAPSE_MS - 1;
      await a.outbox.drain();
      expect(delivered.map((d) => d.n).sort((x, y) => x - y)).to.deep.equal(
        range(0, 40).filter((n) => ownerName(n) === 'a'),
      );

      clock.now += 2;
      await a.outbox.drain();
      deliveredOnce(delivered, range(0, 40));
      expect(delivered.filter((d) => ofB.includes(d.n)).every((d) => d.by === 'a')).to.equal(true);
      expect(b.jobReads).to.deep.equal([]);
    });

    it('gives a new instance its share from its first pass', async () => {
      const { a, b, delivered, enqueue, ownerName, jobIdsOf } = await twoInstances();
      await a.outbox.drain();
      await enqueue(20);
      await a.outbox.drain();
      deliveredOnce(delivered, range(0, 20));
      expect(delivered.every((d) => d.by === 'a')).to.equal(true);

      await b.outbox.drain();
      await enqueue(40);
      for (let pass = 0; pass < 2; pass++) await Promise.all([a.outbox.drain(), b.outbox.drain()]);
      deliveredOnce(delivered, range(0, 60));
      for (const instance of [a, b]) {
        const own = jobIdsOf(range(20, 60).filter((n) => ownerName(n) === instance.name));
        expect(own.length, `${instance.name} owns some of the 40`).to.be.greaterThan(0);
        expect([...instance.jobReads].sort(), `${instance.name}'s reads`).to.deep.equal([...own].sort());
      }
    });

    it('lets anyone take an entry its live owner leaves overdue past the grace (a kind only another version knows)', async () => {
      const { clock, a, b, delivered, enqueue, ownerName } = await twoInstances({ bKnowsTheKind: false });
      await Promise.all([a.outbox.drain(), b.outbox.drain()]);
      await enqueue(40);
      await Promise.all([a.outbox.drain(), b.outbox.drain()]);
      const ofA = range(0, 40).filter((n) => ownerName(n) === 'a');
      deliveredOnce(delivered, ofA);

      // b stays live (it beats at its passes) but cannot deliver this kind.
      clock.now += GRACE_MS + 1;
      await b.outbox.drain();
      await a.outbox.drain();
      deliveredOnce(delivered, range(0, 40));
    });
  });
}
