import { MemoryStorage, type Storage } from 'botbuilder';
import { expect } from 'chai';
import { KeyvBotStorage } from '../../bot/keyvBotStorage';
import { openStore, type Store } from '../../services/storage/openStore';
import { UNIT_REDIS_URL, requireRedis, tempDataDir } from '../support/drivers/testAssistant';

/**
 * ConversationState and UserState must behave on our store exactly as on botbuilder's own
 * MemoryStorage: the same suite runs against all three, MemoryStorage being the reference.
 */
const implementations: Array<{ name: string; needsRedis?: boolean; open: () => { storage: Storage; store?: Store } }> =
  [
    { name: 'botbuilder MemoryStorage (reference)', open: () => ({ storage: new MemoryStorage() }) },
    {
      name: 'KeyvBotStorage on SQLite',
      open: () => {
        const store = openStore({ backend: 'sqlite', dataDir: tempDataDir() });
        return { storage: new KeyvBotStorage(store.records), store };
      },
    },
    {
      name: 'KeyvBotStorage on Redis',
      needsRedis: true,
      open: () => {
        const store = openStore({ backend: 'redis', redisUrl: UNIT_REDIS_URL });
        return { storage: new KeyvBotStorage(store.records, `bot-test:${Date.now()}:`), store };
      },
    },
  ];

for (const implementation of implementations) {
  describe(`bot state storage contract: ${implementation.name}`, () => {
    let storage: Storage;
    let store: Store | undefined;
    let key: string;

    before(function () {
      if (implementation.needsRedis) requireRedis(this);
      ({ storage, store } = implementation.open());
    });
    after(async () => store?.close());
    beforeEach(() => {
      key = `msteams/conversations/${Math.random().toString(36).slice(2)}`;
    });

    it('reads back a written item with an eTag', async () => {
      await storage.write({ [key]: { count: 1 } });
      const items = await storage.read([key]);
      expect(items[key].count).to.equal(1);
      expect(items[key].eTag).to.be.a('string').and.not.equal('*');
    });

    it('omits keys that were never written', async () => {
      expect(await storage.read([key])).to.deep.equal({});
    });

    it('writes with the current eTag and gives a new one', async () => {
      await storage.write({ [key]: { count: 1 } });
      const first = (await storage.read([key]))[key];
      await storage.write({ [key]: { ...first, count: 2 } });
      const second = (await storage.read([key]))[key];
      expect(second.count).to.equal(2);
      expect(second.eTag).to.not.equal(first.eTag);
    });

    it('refuses a stale eTag with the conflict error MemoryStorage gives', async () => {
      await storage.write({ [key]: { count: 1 } });
      const stale = (await storage.read([key]))[key];
      await storage.write({ [key]: { ...stale, count: 2 } });
      let error: Error | undefined;
      try {
        await storage.write({ [key]: { ...stale, count: 3 } });
      } catch (e) {
        error = e as Error;
      }
      expect(error?.message).to.equal(`Storage: error writing "${key}" due to eTag conflict.`);
      expect((await storage.read([key]))[key].count).to.equal(2);
    });

    it("writes unconditionally with eTag '*' or none", async () => {
      await storage.write({ [key]: { count: 1 } });
      await storage.write({ [key]: { count: 2, eTag: '*' } });
      await storage.write({ [key]: { count: 3 } });
      expect((await storage.read([key]))[key].count).to.equal(3);
    });

    it("saves state read earlier with eTag '*' over a write made since, as BotState does (last write wins)", async () => {
      await storage.write({ [key]: { count: 1 } });
      const read = (await storage.read([key]))[key];
      await storage.write({ [key]: { count: 2 } });
      read.count = 3;
      read.eTag = '*';
      await storage.write({ [key]: read });
      expect((await storage.read([key]))[key].count).to.equal(3);
      read.count = 4;
      await storage.write({ [key]: read });
      expect((await storage.read([key]))[key].count).to.equal(4);
    });

    it("saves state read earlier with eTag '*' again after the item was deleted", async () => {
      await storage.write({ [key]: { count: 1 } });
      const read = (await storage.read([key]))[key];
      await storage.delete([key]);
      read.eTag = '*';
      read.count = 5;
      await storage.write({ [key]: read });
      expect((await storage.read([key]))[key].count).to.equal(5);
    });

    it('deletes', async () => {
      await storage.write({ [key]: { count: 1 } });
      await storage.delete([key]);
      expect(await storage.read([key])).to.deep.equal({});
    });

    it('lets exactly one of two writers holding the same eTag win', async () => {
      await storage.write({ [key]: { owner: 'nobody' } });
      const item = (await storage.read([key]))[key];
      const results = await Promise.allSettled([
        storage.write({ [key]: { ...item, owner: 'first' } }),
        storage.write({ [key]: { ...item, owner: 'second' } }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
      expect(results.filter((r) => r.status === 'rejected')).to.have.length(1);
    });
  });
}
