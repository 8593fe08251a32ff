import { expect } from 'chai';
import type { Store } from '../../../services/storage/openStore';
import { IndexedListings } from '../../../services/storage/indexedListings';
import { storeForSuite, unitStores } from '../../support/drivers/testAssistant';

/** The sandboxes' listings from indexes (the Partner Center sandbox's relationships, customers, ...), on every backend. */
for (const backend of unitStores()) {
  describe(`indexed listings: ${backend.name}`, () => {
    const opened = storeForSuite(backend);
    let store: Store;
    let root: string;
    let listings: IndexedListings;
    const keysOf = async (prefix: string) =>
      (await listings.list(prefix)).map((record) => record.key.slice(root.length));

    beforeEach(() => {
      store = opened();
      root = `test:${Date.now()}:${Math.random().toString(36).slice(2)}:rel:`;
      listings = new IndexedListings(store.records, [{ root, whole: true, byOwner: true }]);
    });

    it('lists a collection whole and by owner, in key order, with each record’s version', async () => {
      await listings.compareAndSet(`${root}p2:r1`, undefined, 'p2-r1');
      await listings.compareAndSet(`${root}p1:r2`, undefined, 'p1-r2');
      await listings.compareAndSet(`${root}p1:r1`, undefined, 'p1-r1');
      await listings.compareAndSet(`${root}p1:r1`, 1, 'p1-r1 again');
      expect(await keysOf(root)).to.deep.equal(['p1:r1', 'p1:r2', 'p2:r1']);
      expect(await listings.list(`${root}p1:`)).to.deep.equal([
        { key: `${root}p1:r1`, value: 'p1-r1 again', version: 2 },
        { key: `${root}p1:r2`, value: 'p1-r2', version: 1 },
      ]);
      expect(await keysOf(`${root}p3:`)).to.deep.equal([]);
    });

    it('stops listing a removed record', async () => {
      await listings.compareAndSet(`${root}p1:r1`, undefined, 'x');
      await listings.compareAndSet(`${root}p1:r2`, undefined, 'y');
      expect(await listings.remove(`${root}p1:r1`)).to.equal(true);
      expect(await keysOf(`${root}p1:`)).to.deep.equal(['p1:r2']);
      expect(await keysOf(root)).to.deep.equal(['p1:r2']);
    });

    it('lists what an older version stored without index entries once the sweep has run', async () => {
      // Unit fixture: records written past the listings, as a version before the indexes wrote them.
      await store.records.compareAndSet(`${root}p1:r1`, undefined, 'old');
      await store.records.compareAndSet(`${root}p2:r1`, undefined, 'old');
      if (store.records.backend === 'redis') expect(await keysOf(root)).to.deep.equal([]);
      expect(await listings.indexExisting()).to.equal(2);
      expect(await keysOf(root)).to.deep.equal(['p1:r1', 'p2:r1']);
      expect(await keysOf(`${root}p2:`)).to.deep.equal(['p2:r1']);
    });
  });
}
