import { expect } from 'chai';
import sinon from 'sinon';
import type { Store } from '../../../services/storage/openStore';
import { RecordIndex } from '../../../services/storage/recordIndex';
import { storeForSuite, unitStores } from '../../support/drivers/testAssistant';

interface Item {
  name: string;
  open: boolean;
}

/** The index a listing reads instead of the store's keyspace, on every backend (as the store contract runs). */
for (const backend of unitStores()) {
  describe(`record index: ${backend.name}`, () => {
    const opened = storeForSuite(backend);
    let store: Store;
    let prefix: string;
    let clock: number;
    let index: RecordIndex<Item>;

    beforeEach(() => {
      store = opened();
      prefix = `test:${Date.now()}:${Math.random().toString(36).slice(2)}:`;
      clock = Date.parse('2026-12-03T12:00:00Z');
      index = new RecordIndex<Item>(
        store.records,
        `${prefix}index`,
        (member) => `${prefix}item:${member}`,
        () => new Date(clock),
      );
    });

    const stored = async (member: string, item: Item) => {
      await index.add(member);
      await store.records.compareAndSet(`${prefix}item:${member}`, undefined, item);
    };
    const entries = () => store.records.indexRange(`${prefix}index`, { limit: 100 });

    it('lists the records of its entries in key order, as a listing by prefix did', async () => {
      await stored('c', { name: 'Fabrikam', open: true });
      clock += 1_000;
      await stored('a', { name: 'Contoso', open: true });
      await stored('b', { name: 'Tailspin', open: true });
      // A record of the same collection never indexed is not listed: the index, not the keyspace, is read.
      await store.records.compareAndSet(`${prefix}item:d`, undefined, { name: 'Northwind', open: true });
      expect(await index.list()).to.deep.equal([
        { key: `${prefix}item:a`, value: { name: 'Contoso', open: true }, version: 1 },
        { key: `${prefix}item:b`, value: { name: 'Tailspin', open: true }, version: 1 },
        { key: `${prefix}item:c`, value: { name: 'Fabrikam', open: true }, version: 1 },
      ]);
    });

    it('keeps a new entry whose record is being written, and drops one a crash left without its record', async () => {
      await index.add('in-progress');
      expect(await index.list()).to.deep.equal([]);
      expect((await entries()).map((e) => e.member)).to.deep.equal(['in-progress']);
      clock += 61_000;
      expect(await index.list()).to.deep.equal([]);
      expect(await entries()).to.deep.equal([]);
    });

    it('drops the entry of a record that no longer belongs (a crash after its change, before the removal)', async () => {
      await stored('a', { name: 'Contoso', open: true });
      await stored('b', { name: 'Fabrikam', open: true });
      await store.records.compareAndSet(`${prefix}item:b`, 1, { name: 'Fabrikam', open: false });
      expect(await index.values((item) => item.open)).to.deep.equal([{ name: 'Contoso', open: true }]);
      expect((await entries()).map((e) => e.member)).to.deep.equal(['a']);
    });

    it('reads the records of its entries a page at a time, not one request per record', async () => {
      const members = Array.from({ length: 450 }, (_, i) => `m${String(i).padStart(3, '0')}`);
      await Promise.all(members.map((member) => stored(member, { name: member, open: true })));
      const read = sinon.spy(store.records, 'read');
      const readMany = sinon.spy(store.records, 'readMany');
      try {
        expect((await index.values()).map((item) => item.name)).to.deep.equal(members);
        expect({ read: read.callCount, readMany: readMany.callCount }).to.deep.equal({ read: 0, readMany: 3 });
      } finally {
        sinon.restore();
      }
    });

    it('forgets an entry removed after its record stopped belonging', async () => {
      await stored('a', { name: 'Contoso', open: true });
      await index.remove('a');
      expect(await index.list()).to.deep.equal([]);
    });
  });
}
