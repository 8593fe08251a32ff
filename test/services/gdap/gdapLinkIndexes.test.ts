import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { type GdapLink, linkKey } from '../../../services/gdap/gdapLink';
import { GdapLinkIndexes } from '../../../services/gdap/gdapLinkIndexes';
import type { Store } from '../../../services/storage/openStore';
import { storeForSuite, unitStores } from '../../support/drivers/testAssistant';

const linkOf = (resellerTenantId: string, providerId: string, relationshipId = randomUUID()): GdapLink => ({
  relationshipId,
  resellerTenantId,
  providerTenantId: 'tenant-of-contoso',
  providerId,
  providerName: 'Contoso Distribution',
  customerTenantId: randomUUID(),
  customerName: 'Northwind',
  createdAt: '2026-12-01T10:00:00.000Z',
});

/** The GDAP relationships the assistant made (G1, G2), listed from their indexes on every backend. */
for (const backend of unitStores()) {
  describe(`GDAP link indexes (G1, G2): ${backend.name}`, () => {
    const opened = storeForSuite(backend);
    let store: Store;
    let indexes: GdapLinkIndexes;

    beforeEach(() => {
      store = opened();
      indexes = new GdapLinkIndexes(store.records, () => new Date());
    });

    const stored = async (link: GdapLink) => {
      await indexes.willBeStored(link);
      await store.records.compareAndSet(linkKey(link.resellerTenantId, link.relationshipId), undefined, link);
    };

    it("lists a reseller's links and a distributor's, each in key order", async () => {
      const [reseller, provider] = [randomUUID(), `slack:T${randomUUID()}`];
      const [b, a] = [linkOf(reseller, provider, `b-${randomUUID()}`), linkOf(reseller, provider, `a-${randomUUID()}`)];
      const elsewhere = linkOf(randomUUID(), `slack:T${randomUUID()}`);
      for (const link of [b, a, elsewhere]) await stored(link);
      expect(await indexes.ofReseller(reseller)).to.deep.equal([a, b]);
      expect(await indexes.ofProvider(provider)).to.deep.equal([a, b]);
      expect(await indexes.all()).to.deep.include.members([a, b, elsewhere]);
    });

    it('lists the links an older version stored without index entries once the sweep has run', async () => {
      const link = linkOf(randomUUID(), `slack:T${randomUUID()}`);
      // Unit fixture: a link as the previous version wrote it (a record, no index entry).
      await store.records.compareAndSet(linkKey(link.resellerTenantId, link.relationshipId), undefined, link);
      // A distributor's links are a filter of all links: read from its index on every backend.
      expect(await indexes.ofProvider(link.providerId)).to.deep.equal([]);
      if (backend.needsRedis) expect(await indexes.ofReseller(link.resellerTenantId)).to.deep.equal([]);
      await indexes.indexExisting();
      expect(await indexes.ofReseller(link.resellerTenantId)).to.deep.equal([link]);
      expect(await indexes.ofProvider(link.providerId)).to.deep.equal([link]);
      expect(await indexes.all()).to.deep.include(link);
    });
  });
}
