import { expect } from 'chai';
import { type AtomicStore, updateRecord } from '../../../services/storage/atomicStore';
import { openStore, type Store } from '../../../services/storage/openStore';
import type { SqliteAtomicStore } from '../../../services/storage/sqliteAtomicStore';
import { REDIS_URL, requireRedis, tempDataDir } from '../../helpers/testAssistant';

/**
 * One contract, every backend (as Keyv's own compliance suite does): what the product relies on
 * from its store must hold the same on memory, SQLite and Redis.
 */
const backends: Array<{ name: string; needsRedis?: boolean; open: () => Store }> = [
  { name: 'memory', open: () => openStore({ backend: 'memory' }) },
  { name: 'SQLite', open: () => openStore({ backend: 'sqlite', dataDir: tempDataDir() }) },
  { name: 'Redis', needsRedis: true, open: () => openStore({ backend: 'redis', redisUrl: REDIS_URL }) },
];

for (const backend of backends) {
  describe(`atomic record store contract: ${backend.name}`, () => {
    let store: Store;
    let records: AtomicStore;
    let prefix: string;

    before(function () {
      if (backend.needsRedis) requireRedis(this);
      store = backend.open();
      records = store.records;
    });
    after(async () => {
      if (store) await store.close();
    });
    beforeEach(() => {
      prefix = `test:${Date.now()}:${Math.random().toString(36).slice(2)}:`;
    });

    it('reads back what it wrote, at version 1', async () => {
      expect(await records.compareAndSet(`${prefix}a`, undefined, { name: 'Contoso' })).to.equal(1);
      expect(await records.read(`${prefix}a`)).to.deep.equal({ value: { name: 'Contoso' }, version: 1 });
    });

    it('reads nothing for a key never written', async () => {
      expect(await records.read(`${prefix}missing`)).to.equal(undefined);
    });

    it('refuses to create a record that already exists', async () => {
      await records.compareAndSet(`${prefix}a`, undefined, 1);
      expect(await records.compareAndSet(`${prefix}a`, undefined, 2)).to.equal(undefined);
      expect((await records.read(`${prefix}a`))?.value).to.equal(1);
    });

    it('refuses a write at a stale version and keeps the newer value', async () => {
      await records.compareAndSet(`${prefix}a`, undefined, 'first');
      expect(await records.compareAndSet(`${prefix}a`, 1, 'second')).to.equal(2);
      expect(await records.compareAndSet(`${prefix}a`, 1, 'stale')).to.equal(undefined);
      expect(await records.read(`${prefix}a`)).to.deep.equal({ value: 'second', version: 2 });
    });

    it('deletes, and deletes at a version only when it matches', async () => {
      await records.compareAndSet(`${prefix}a`, undefined, 'x');
      expect(await records.remove(`${prefix}a`, 7)).to.equal(false);
      expect(await records.remove(`${prefix}a`, 1)).to.equal(true);
      expect(await records.read(`${prefix}a`)).to.equal(undefined);
      expect(await records.remove(`${prefix}a`)).to.equal(false);
    });

    it('lists the records under a prefix, in key order, and nothing else', async () => {
      await records.compareAndSet(`${prefix}b`, undefined, 'B');
      await records.compareAndSet(`${prefix}a`, undefined, 'A');
      await records.compareAndSet(`${prefix.slice(0, -1)}X:other`, undefined, 'not mine');
      const listed = await records.list<string>(prefix);
      expect(listed.map((r) => [r.key.slice(prefix.length), r.value])).to.deep.equal([
        ['a', 'A'],
        ['b', 'B'],
      ]);
    });

    it('treats an expired record as absent, so it can be created again', async () => {
      await records.compareAndSet(`${prefix}nonce`, undefined, 'used', { ttlMs: 30 });
      expect(await records.compareAndSet(`${prefix}nonce`, undefined, 'again')).to.equal(undefined);
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(await records.read(`${prefix}nonce`)).to.equal(undefined);
      expect(await records.compareAndSet(`${prefix}nonce`, undefined, 'again')).to.equal(1);
    });

    it('ends at exactly 50 after 50 concurrent compare-and-set increments', async () => {
      const key = `${prefix}counter`;
      await Promise.all(
        Array.from({ length: 50 }, () => updateRecord<number>(records, key, (current) => (current ?? 0) + 1)),
      );
      expect(await records.read(key)).to.deep.equal({ value: 50, version: 50 });
    });

    it('is readable through Keyv, the one storage interface', async () => {
      await records.compareAndSet(`${prefix}k`, undefined, { mpnId: '1234567' });
      const viaKeyv = (await store.keyv.get(`${prefix}k`)) as { v: number; d: unknown };
      expect(viaKeyv).to.deep.equal({ v: 1, d: { mpnId: '1234567' } });
    });
  });
}

describe('atomic record store: two processes sharing one SQLite file', () => {
  it('still ends at exactly 50 when two connections race on the same record', async () => {
    const dataDir = tempDataDir();
    const first = openStore({ backend: 'sqlite', dataDir });
    const second = openStore({ backend: 'sqlite', dataDir });
    try {
      const key = 'race:counter';
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          updateRecord<number>((i % 2 ? first : second).records, key, (current) => (current ?? 0) + 1),
        ),
      );
      expect((await first.records.read(key))?.value).to.equal(50);
    } finally {
      await first.close();
      await second.close();
    }
  });
});

describe('atomic record store: SQLite durability setting', () => {
  /** `PRAGMA synchronous` is per connection: ask the records' own (1 = NORMAL, 2 = FULL). */
  const settingsOf = (store: Store) => (store.records as SqliteAtomicStore).settings();

  it('flushes each commit (FULL) by default, and not (NORMAL) when the operator says so', async () => {
    const durable = openStore({ backend: 'sqlite', dataDir: tempDataDir() });
    const faster = openStore({ backend: 'sqlite', dataDir: tempDataDir(), sqliteSynchronous: 'normal' });
    try {
      expect(await settingsOf(durable)).to.deep.equal({ journalMode: 'wal', synchronous: 2 });
      expect(await settingsOf(faster)).to.deep.equal({ journalMode: 'wal', synchronous: 1 });
    } finally {
      await durable.close();
      await faster.close();
    }
  });

  it('keeps exactly-once updates across two processes with NORMAL too', async () => {
    const dataDir = tempDataDir();
    const first = openStore({ backend: 'sqlite', dataDir, sqliteSynchronous: 'normal' });
    const second = openStore({ backend: 'sqlite', dataDir, sqliteSynchronous: 'normal' });
    try {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          updateRecord<number>((i % 2 ? first : second).records, 'race:normal', (current) => (current ?? 0) + 1),
        ),
      );
      expect((await second.records.read('race:normal'))?.value).to.equal(50);
    } finally {
      await first.close();
      await second.close();
    }
  });
});
