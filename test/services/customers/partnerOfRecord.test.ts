import { expect } from 'chai';
import type { NewCustomerInput } from '../../../services/customers/customerRequest';
import { codesOf, FABRIKAM, optionsOf, partneredWithFabrikam, piotr } from '../../support/fixtures/customerHarness';
import { DEMO, fresh } from '../../support/fixtures/partnerships';
import { approver, onEveryBackend } from '../../support/fixtures/serviceHarness';

onEveryBackend('Partner of record before every order and every change (R1, R2)', (h) => {
  let customers: Awaited<ReturnType<typeof partneredWithFabrikam>>;

  beforeEach(async () => {
    customers = await partneredWithFabrikam(h());
  });
  afterEach(async () => {
    await h().sandbox.holdPartnerOfRecord(FABRIKAM, undefined);
  });

  const newCustomer = (): NewCustomerInput => {
    const domain = `klient-${fresh().slice(0, 8)}.pl`;
    return {
      providerId: h().providerId,
      customer: { companyName: 'Nowy Klient sp. z o.o.', domain, country: 'PL', adminEmail: `it@${domain}` },
      address: { line1: 'ul. Prosta 1', city: 'Warszawa' },
      subscriptions: [{ offerId: 'CFQ7TTC0LDPB:0001', offerName: 'Microsoft 365 Business Standard', licences: 5 }],
      // MCA1: the customer accepted the agreement (without it the request stops before R1 is asked).
      agreement: { firstName: 'Ewa', lastName: 'Lis', email: `it@${domain}`, dateAgreed: '2026-11-30' },
    };
  };

  it('refuses a new customer at submission while the reseller is suspended, with the fix and another reseller as ways forward (R2)', async () => {
    await h().sandbox.holdPartnerOfRecord(FABRIKAM, 'suspended');
    const outcome = await customers.requests.submit(piotr, newCustomer());
    expect(codesOf(outcome)).to.deep.equal(['R2.reseller-suspended']);
    expect(optionsOf(outcome)).to.deep.equal(['R2.fix-cause', 'R2.name-another-reseller']);
    expect((await customers.requests.pending(h().providerId)).requests).to.have.length(0);
  });

  it('accepts it once the cause is fixed, and keeps when and what Partner Center said (R1)', async () => {
    await h().sandbox.holdPartnerOfRecord(FABRIKAM, 'compliance');
    expect(codesOf(await customers.requests.submit(piotr, newCustomer()))).to.deep.equal(['R2.compliance']);
    await h().sandbox.holdPartnerOfRecord(FABRIKAM, undefined);
    const outcome = await customers.requests.submit(piotr, newCustomer());
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.refusal));
    expect(outcome.value.partnerOfRecord).to.include({
      partnerId: DEMO.resellerReady.mpnId,
      valid: true,
      at: h().now().toISOString(),
    });
  });

  it('validates again at approval: a reseller refused since submission keeps the request pending (R1, R2)', async () => {
    const submitted = await customers.requests.submit(piotr, newCustomer());
    if (!submitted.ok) throw new Error('refused');
    await h().sandbox.holdPartnerOfRecord(FABRIKAM, 'pla-inactive');
    const refused = await customers.decisions.approve(h().teamId, submitted.value.id, approver);
    expect(codesOf(refused)).to.deep.equal(['R2.pla-id-inactive']);
    const kept = await customers.requests.get(submitted.value.id);
    expect(kept?.state).to.equal('pending');
    expect(kept?.partnerOfRecord).to.include({ valid: false, errorCode: '900400' });
    await h().sandbox.holdPartnerOfRecord(FABRIKAM, undefined);
    expect((await customers.decisions.approve(h().teamId, submitted.value.id, approver)).ok).to.equal(true);
    expect((await customers.requests.get(submitted.value.id))?.partnerOfRecord?.valid).to.equal(true);
  });
});
