import { expect } from 'chai';
import { customerByTenantId } from '../../../services/partnerCenter/sandboxCustomerLookup';
import { type CustomerRecord, keys } from '../../../services/partnerCenter/sandboxRecords';
import { openStore, type Store } from '../../../services/storage/openStore';
import { tempDataDir } from '../../support/drivers/testAssistant';

/** The sandbox finds a customer by tenant id in two reads, and still finds those stored before the pointer. */
describe('Sandbox customers by tenant id (the sandbox behind C3, C5, C6)', () => {
  let store: Store;
  const customer = (tenantId: string, prefix: string): CustomerRecord => ({
    tenantId,
    companyName: 'Nowy Klient sp. z o.o.',
    domain: `${prefix}.onmicrosoft.com`,
    country: 'PL',
    email: `it@${prefix}.pl`,
    associatedPartnerId: 'reseller',
    billingPartnerTenantId: 'provider',
    adminUserName: `admin@${prefix}.onmicrosoft.com`,
    createdAt: '2026-12-03T12:00:00.000Z',
  });

  beforeEach(() => {
    store = openStore({ backend: 'sqlite', dataDir: tempDataDir() });
  });
  afterEach(async () => store.close());

  it('finds a customer stored without a pointer (an older sandbox) and gives it one', async () => {
    // Unit fixture: a customer record as the sandbox wrote it before pointers.
    await store.records.compareAndSet(keys.customer('nowyklient'), undefined, customer('T-1', 'nowyklient'));
    expect((await customerByTenantId(store.records, 't-1'))?.domain).to.equal('nowyklient.onmicrosoft.com');
    expect((await store.records.read(keys.customerOfTenant('t-1')))?.value).to.deep.equal({
      domainPrefix: 'nowyklient',
    });
  });

  it('does not trust a pointer to a domain that now holds another customer', async () => {
    await store.records.compareAndSet(keys.customerOfTenant('t-2'), undefined, { domainPrefix: 'taken' });
    await store.records.compareAndSet(keys.customer('taken'), undefined, customer('T-3', 'taken'));
    await store.records.compareAndSet(keys.customer('real'), undefined, customer('T-2', 'real'));
    expect((await customerByTenantId(store.records, 'T-2'))?.domain).to.equal('real.onmicrosoft.com');
    expect(await customerByTenantId(store.records, 'T-404')).to.equal(undefined);
  });
});
