import { expect } from 'chai';
import { type Partnership, partnershipId } from '../../../services/domain/partnership';
import { KEYS } from '../../../services/partnerships/partnershipRecords';
import { fresh } from '../../support/fixtures/partnerships';
import { onEveryBackend } from '../../support/fixtures/serviceHarness';

/** P3's list on the reseller's side, from the reseller's own index, including partnerships stored before it. */
onEveryBackend("A reseller's distributors (P3)", (h) => {
  it('lists a partnership an older version stored without an index entry once the start sweep has run', async () => {
    const resellerId = fresh();
    // Unit fixture: an active partnership as the previous version wrote it (a record, no index entry).
    const partnership: Partnership = {
      id: partnershipId(h().providerId, resellerId),
      providerId: h().providerId,
      resellerId,
      state: 'active',
      createdAt: h().now().toISOString(),
      updatedAt: h().now().toISOString(),
    } as Partnership;
    await h().store.records.compareAndSet(KEYS.partnership(h().providerId, resellerId), undefined, partnership);
    expect(await h().service.listProviders(resellerId)).to.deep.equal([]);
    await h().service.partnerships.indexExisting();
    const rows = await h().service.listProviders(resellerId);
    expect(rows.map((row) => row.partnership.providerId)).to.deep.equal([h().providerId]);
    expect(rows[0].provider?.id).to.equal(h().providerId);
  });
});
