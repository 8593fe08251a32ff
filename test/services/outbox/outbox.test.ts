import { createHash, randomUUID } from 'node:crypto';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { expect } from 'chai';
import { createLogger } from '../../../bot/logger';
import { DurableNotifier } from '../../../bot/proactive/durableNotifier';
import { NoticeRenderers } from '../../../bot/proactive/noticeRenderers';
import { ConversationReferenceStore } from '../../../bot/teams/conversationReferences';
import { DUE_INDEX } from '../../../services/outbox/dueIndex';
import { Outbox } from '../../../services/outbox/outbox';
import { jobIdOf, type OutboxJob } from '../../../services/outbox/outboxJobs';
import { openStore, type Store } from '../../../services/storage/openStore';
import { ConnectorStub } from '../../support/fakes/connectorStub';
import { UNIT_REDIS_URL, requireRedis, tempDataDir } from '../../support/drivers/testAssistant';

const logger = createLogger('silent');

function renderers() {
  const r = new NoticeRenderers();
  r.add({ hello: (t, params) => ({ type: 'message', text: `hello ${String(params.n)} ${t('common:app.name')}` }) });
  return r;
}

/** A notifier on a real CloudAdapter talking to the connector stub, with a clock the test moves. */
async function notifierOn(store: Store, connector: ConnectorStub, clock: { now: number }) {
  const references = new ConversationReferenceStore(store.records);
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const notifier = new DurableNotifier({
    adapter,
    appId: '',
    references,
    renderers: renderers(),
    records: store.records,
    logger,
    outbox: { now: () => clock.now, pollMs: 20, random: () => 0.5 },
  });
  // A tenant of its own per test: Redis keeps earlier tests' people, and a tenant-wide notice reaches them all.
  const tenant = randomUUID();
  const aad = `aad-${randomUUID()}`;
  await references.remember(tenant, aad, {
    serviceUrl: connector.url,
    channelId: 'msteams',
    conversation: { id: `a:conv-${aad}`, conversationType: 'personal', isGroup: false, name: '' },
    bot: { id: '28:bot', name: 'bot' },
    user: { id: `29:${aad}`, name: 'Anna' },
  });
  return { notifier, references, aad, tenant };
}

const RUN_PREFIX = `outbox-test-${randomUUID().slice(0, 8)}:`;

const backends = [
  { name: 'SQLite', open: (dir = tempDataDir()) => openStore({ backend: 'sqlite', dataDir: dir }) },
  {
    name: 'Redis',
    redis: true,
    // A key prefix of this run's own: other checkouts run this suite on the same Redis at the same time.
    open: (_dir?: string) => openStore({ backend: 'redis', redisUrl: UNIT_REDIS_URL, redisKeyPrefix: RUN_PREFIX }),
  },
];

for (const backend of backends) {
  describe(`durable outbox (${backend.name})`, () => {
    let connector: ConnectorStub;
    const stores: Store[] = [];
    before(function () {
      if (backend.redis) requireRedis(this);
    });
    beforeEach(async () => {
      connector = await new ConnectorStub().start();
    });
    afterEach(async () => {
      await connector.stop();
      for (const store of stores.splice(0)) await store.close();
    });

    it('retries a 429 after its Retry-After and delivers once', async () => {
      const store = backend.open();
      stores.push(store);
      const clock = { now: 1_000_000 };
      const { notifier, aad, tenant } = await notifierOn(store, connector, clock);
      connector.script({ status: 429, headers: { 'Retry-After': '7' } });
      const key = `n-${randomUUID()}`;
      await notifier.teamsTenant(tenant, { renderer: 'hello', params: { n: 1 } }, key);
      await notifier.outbox.drain();
      expect(connector.received).to.have.length(0);
      const job = await notifier.outbox.job<unknown>(`${key}:${tenant}:${aad}`, 'teams');
      expect(job?.state).to.equal('pending');
      expect((job as OutboxJob).dueAt - clock.now).to.be.at.least(7000);
      // Not yet due: nothing is sent before the Retry-After has passed.
      clock.now += 6000;
      await notifier.outbox.drain();
      expect(connector.received).to.have.length(0);
      clock.now += 1500;
      await notifier.outbox.drain();
      expect((await notifier.outbox.job<unknown>(`${key}:${tenant}:${aad}`, 'teams'))?.state).to.equal('done');
      expect(connector.texts()).to.have.length(1);
      expect(connector.texts()[0]).to.include('hello 1');
      // The same notice again (another instance, a repeated poll) is not sent again.
      await notifier.teamsTenant(tenant, { renderer: 'hello', params: { n: 1 } }, key);
      clock.now += 60_000;
      await notifier.outbox.drain();
      expect(connector.received).to.have.length(1);
    });

    it('forgets a person on 403 and sends nothing more to them', async () => {
      const store = backend.open();
      stores.push(store);
      const clock = { now: 2_000_000 };
      const { notifier, references, aad, tenant } = await notifierOn(store, connector, clock);
      connector.script({ status: 403, body: { error: { code: 'BotDisabledByAdmin', message: 'blocked' } } });
      await notifier.teamsTenant(tenant, { renderer: 'hello', params: { n: 2 } }, `n-${randomUUID()}`);
      await notifier.outbox.drain();
      expect(await references.get(tenant, aad)).to.equal(undefined);
      await notifier.teamsUser(tenant, aad, { renderer: 'hello', params: { n: 3 } }, `n-${randomUUID()}`);
      clock.now += 60_000;
      await notifier.outbox.drain();
      expect(connector.received).to.have.length(0);
    });

    it('asks Teams, before a notice to the organisation, whether someone remembered without an answer is a guest; waits out a lookup that fails for now', async () => {
      const store = backend.open();
      stores.push(store);
      const clock = { now: 2_500_000 };
      const { notifier, references, aad, tenant } = await notifierOn(store, connector, clock);
      const key = `n-${randomUUID()}`;
      connector.memberFails(`29:${aad}`, 503);
      await notifier.teamsTenant(tenant, { renderer: 'hello', params: { n: 4 } }, key);
      await notifier.outbox.drain();
      expect(connector.received, 'nothing sent while Teams cannot answer').to.have.length(0);
      expect((await notifier.outbox.job<unknown>(`${key}:${tenant}:${aad}`, 'teams'))?.state).to.equal('pending');

      connector.member(`29:${aad}`, { userPrincipalName: 'jan_contoso.com#EXT#@t.onmicrosoft.com', userRole: 'guest' });
      clock.now += 60_000;
      await notifier.outbox.drain();
      expect(connector.received, 'not the organisation’s notice').to.have.length(0);
      expect((await notifier.outbox.job<unknown>(`${key}:${tenant}:${aad}`, 'teams'))?.state).to.equal('gone');
      expect((await references.get(tenant, aad))?.standing, 'kept for the next notice').to.equal('guest');
      // A notice addressed to the guest themself (their own request's answer) still reaches them.
      await notifier.teamsUser(tenant, aad, { renderer: 'hello', params: { n: 5 } }, `n-${randomUUID()}`);
      await notifier.outbox.drain();
      expect(connector.texts()).to.have.length(1);
    });

    it('dead-letters a job after the last attempt on 5xx', async () => {
      const store = backend.open();
      stores.push(store);
      const clock = { now: 3_000_000 };
      const outbox = new Outbox({
        records: store.records,
        logger,
        now: () => clock.now,
        maxAttempts: 3,
        handlers: { [`fail-${backend.name}`]: async () => ({ kind: 'retry', reason: 'HTTP 503' }) },
      });
      const dedupeKey = `d-${randomUUID()}`;
      await outbox.enqueue({ kind: `fail-${backend.name}`, dedupeKey, payload: {}, lanes: [] });
      for (let i = 0; i < 3; i++) {
        await outbox.drain();
        clock.now += 10 * 60_000;
      }
      const job = await outbox.job(dedupeKey, `fail-${backend.name}`);
      expect(job?.state).to.equal('dead');
      expect(job?.attempts).to.equal(3);
    });

    it('delivers a notice to the same object id in two tenants to both: the dedupe key names the tenant', async () => {
      const store = backend.open();
      stores.push(store);
      const clock = { now: 4_000_000 };
      const { notifier, references, aad, tenant } = await notifierOn(store, connector, clock);
      const otherTenant = randomUUID();
      await references.remember(otherTenant, aad, {
        serviceUrl: connector.url,
        channelId: 'msteams',
        conversation: { id: `a:conv-other-${aad}`, conversationType: 'personal', isGroup: false, name: '' },
        bot: { id: '28:bot', name: 'bot' },
        user: { id: `29:other-${aad}`, name: 'Anna' },
      });
      const key = `n-${randomUUID()}`;
      await notifier.teamsUser(tenant, aad, { renderer: 'hello', params: { n: 5 } }, key);
      await notifier.teamsUser(otherTenant, aad, { renderer: 'hello', params: { n: 5 } }, key);
      await notifier.outbox.drain();
      expect(connector.received.map((r) => r.conversationId).sort()).to.deep.equal(
        [`a:conv-${aad}`, `a:conv-other-${aad}`].sort(),
      );
    });

    it('does not send again a notice an earlier version recorded under its unscoped key', async () => {
      const store = backend.open();
      stores.push(store);
      const clock = { now: 5_000_000 };
      const { notifier, aad, tenant } = await notifierOn(store, connector, clock);
      const key = `n-${randomUUID()}`;
      // What the version before the tenant scope left: a delivered job under `<key>:<aadObjectId>`.
      await store.records.compareAndSet(`outbox:job:${jobIdOf(`teams:${key}:${aad}`)}`, undefined, {
        kind: 'teams',
        dedupeKey: `${key}:${aad}`,
        state: 'done',
      });
      await notifier.teamsUser(tenant, aad, { renderer: 'hello', params: { n: 6 } }, key);
      await notifier.outbox.drain();
      expect(connector.received).to.have.length(0);
    });

    it('delivers a job whose due entry the version before the ordered index wrote, once', async () => {
      const dir = tempDataDir();
      const store = backend.open(dir);
      const second = backend.open(dir);
      stores.push(store, second);
      const clock = { now: 6_000_000 };
      const kind = `legacy-${randomUUID()}`;
      const delivered: unknown[] = [];
      const handlers = {
        [kind]: async (payload: unknown) => {
          delivered.push(payload);
          return { kind: 'delivered' as const };
        },
      };
      // The records an older version wrote for a pending job: the job, and an `outbox:due:*` entry.
      const id = jobIdOf(`${kind}:old-notice`);
      const dueAt = clock.now - 1_000;
      const legacyKey = `outbox:due:${String(dueAt).padStart(15, '0')}:${id}:0a1b2c3d`;
      await store.records.compareAndSet(legacyKey, undefined, { id, at: dueAt, lanes: [] });
      await store.records.compareAndSet(`outbox:job:${id}`, undefined, {
        kind,
        dedupeKey: 'old-notice',
        payload: { n: 7 },
        lanes: [],
        id,
        state: 'pending',
        attempts: 0,
        dueAt,
        createdAt: dueAt,
      });
      // Two upgraded instances start on the same store.
      const workers = [store, second].map(
        (s) => new Outbox({ records: s.records, logger, now: () => clock.now, handlers }),
      );
      await Promise.all(workers.map((w) => w.drain()));
      await Promise.all(workers.map((w) => w.drain()));
      expect(delivered).to.deep.equal([{ n: 7 }]);
      expect(await store.records.read(legacyKey)).to.equal(undefined);
      expect((await workers[0].job(`old-notice`, kind))?.state).to.equal('done');
    });

    it('reaches a recipient queued behind more held-back jobs than one pass takes', async () => {
      const store = backend.open();
      stores.push(store);
      const clock = { now: 7_000_000 };
      const kind = `lanes-${randomUUID()}`;
      const delivered: string[] = [];
      const outbox = new Outbox({
        records: store.records,
        logger,
        now: () => clock.now,
        batchSize: 1,
        handlers: {
          [kind]: async (payload: { name: string }) => {
            delivered.push(payload.name);
            return { kind: 'delivered' as const };
          },
        },
      });
      // One conversation allowed a single message for now, then a different recipient due just after.
      const slow = { key: `slow-${randomUUID()}`, perSecond: 0.0001, burst: 1 };
      for (const name of ['slow-1', 'slow-2', 'slow-3', 'slow-4']) {
        await outbox.enqueue({ kind, dedupeKey: name, payload: { name }, lanes: [slow] });
        clock.now += 1;
      }
      await outbox.enqueue({ kind, dedupeKey: 'other', payload: { name: 'other' }, lanes: [] });
      clock.now += 1;
      try {
        for (let pass = 0; pass < 50 && !delivered.includes('other'); pass++) await outbox.drain();
        expect(delivered).to.deep.equal(['slow-1', 'other']);
      } finally {
        // The held-back jobs stay due in the store's one due index, ahead of the next run's own on a shared
        // Redis: enough runs left behind and a later run's 50 passes never reach 'other'.
        for (const { member } of await store.records.indexRange(DUE_INDEX, { limit: 100_000 })) {
          if (member.includes(slow.key)) await store.records.indexRemove(DUE_INDEX, member);
        }
      }
    });

    it('two workers racing over 50 jobs deliver each exactly once', async () => {
      const dir = tempDataDir();
      const a = backend.open(dir);
      const b = backend.open(dir);
      stores.push(a, b);
      const kind = `race-${randomUUID()}`;
      const delivered: string[] = [];
      let allDone!: () => void;
      const all = new Promise<void>((resolve) => {
        allDone = resolve;
      });
      const handler = async (payload: { n: number }) => {
        delivered.push(String(payload.n));
        if (new Set(delivered).size === 50) allDone();
        await new Promise((r) => setImmediate(r));
        return { kind: 'delivered' as const };
      };
      const workers = [a, b].map(
        (store) =>
          new Outbox({ records: store.records, logger, pollMs: 10, concurrency: 8, handlers: { [kind]: handler } }),
      );
      // Both instances enqueue every notice (each saw the same change): one job per key.
      for (let n = 0; n < 50; n++) {
        const job = {
          kind,
          dedupeKey: `job-${n}`,
          payload: { n },
          lanes: [{ key: `lane-${n % 5}`, perSecond: 1000, burst: 50 }],
        };
        await Promise.all(workers.map((w) => w.enqueue(job)));
      }
      for (const w of workers) w.start();
      await all;
      await Promise.all(workers.map((w) => w.stop()));
      expect(delivered).to.have.length(50);
      expect(new Set(delivered).size).to.equal(50);
    });
  });
}

describe('outbox job ids', () => {
  it('stay the ids earlier versions gave (SHA-256 of the dedupe key), so a notice queued before an upgrade is not queued twice', () => {
    const key = 'partnership.invited:tenant-1:aad-anna';
    expect(jobIdOf(key)).to.equal(createHash('sha256').update(key).digest('hex').slice(0, 32));
  });
});
