import { expect } from 'chai';
import { requestClock } from '../../../services/customers/requestClock';
import { DEMO, fresh } from '../../support/fixtures/partnerships';
import { approver, DAY_MS, onEveryBackend } from '../../support/fixtures/serviceHarness';
import { codesOf, FABRIKAM, partneredWithFabrikam, piotr } from '../../support/fixtures/customerHarness';

onEveryBackend('A licence-count change, validated first (R1, NCE1)', (h) => {
  let customers: Awaited<ReturnType<typeof partneredWithFabrikam>>;

  beforeEach(async () => {
    customers = await partneredWithFabrikam(h());
  });
  afterEach(async () => {
    await h().sandbox.holdPartnerOfRecord(FABRIKAM, undefined);
  });

  /** A customer of Fabrikam with 10 licences of an NCE offer, made through a request and its approval. */
  async function customerWithTenLicences() {
    const domain = `klient-${fresh().slice(0, 8)}.pl`;
    const submitted = await customers.requests.submit(piotr, {
      providerId: h().providerId,
      customer: { companyName: 'Nowy Klient sp. z o.o.', domain, country: 'PL', adminEmail: `it@${domain}` },
      address: { line1: 'ul. Prosta 1', city: 'Warszawa' },
      subscriptions: [{ offerId: 'CFQ7TTC0LH18:0001', offerName: 'Microsoft 365 Business Basic', licences: 10 }],
      agreement: { firstName: 'Ewa', lastName: 'Lis', email: `it@${domain}`, dateAgreed: '2026-11-30' },
    });
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.refusal));
    const approved = await customers.decisions.approve(h().teamId, submitted.value.id, approver);
    if (!approved.ok) throw new Error('approval refused');
    const customerTenantId = approved.request.result?.customerTenantId ?? '';
    return { customerTenantId, subscriptionId: approved.request.result?.subscriptionIds[0] ?? '' };
  }

  const change = (customer: { customerTenantId: string; subscriptionId: string }, licences: number) =>
    customers.requests.submitExisting(piotr, {
      providerId: h().providerId,
      kind: 'licence-change',
      customerTenantId: customer.customerTenantId,
      subscriptions: [{ offerId: '', licences, subscriptionId: customer.subscriptionId }],
    });

  it('records the change with the count before and the purchase date, and changes it in Partner Center once approved after validation (R1)', async () => {
    const customer = await customerWithTenLicences();
    const submitted = await change(customer, 7);
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.refusal));
    const [line] = submitted.value.subscriptions;
    expect(line).to.include({ subscriptionId: customer.subscriptionId, licences: 7, previousLicences: 10 });
    expect(submitted.value.partnerOfRecord?.valid).to.equal(true);
    const clock = requestClock(submitted.value, h().now());
    expect(clock.windowLeftMs).to.be.greaterThan(6 * DAY_MS);
    const approved = await customers.decisions.approve(h().teamId, submitted.value.id, approver);
    expect(approved.ok).to.equal(true);
    const [listed] = await h().partnerCenter.as(DEMO.provider.tenantId).listSubscriptions(customer.customerTenantId);
    expect(listed.quantity).to.equal(7);
  });

  it('refuses the change at approval while the partner of record does not validate, and changes nothing (R1, R2)', async () => {
    const customer = await customerWithTenLicences();
    const submitted = await change(customer, 12);
    if (!submitted.ok) throw new Error('refused');
    await h().sandbox.holdPartnerOfRecord(FABRIKAM, 'mpa-not-signed');
    expect(codesOf(await customers.decisions.approve(h().teamId, submitted.value.id, approver))).to.deep.equal([
      'R2.mpa-not-signed',
    ]);
    const [listed] = await h().partnerCenter.as(DEMO.provider.tenantId).listSubscriptions(customer.customerTenantId);
    expect(listed.quantity).to.equal(10);
  });

  it('refuses a reduction asked for after 7 days, and one that waited past them for approval (NCE1)', async () => {
    const customer = await customerWithTenLicences();
    const early = await change(customer, 8);
    if (!early.ok) throw new Error('refused');
    h().advance(8 * DAY_MS);
    expect(codesOf(await change(customer, 5))).to.deep.equal(['NCE1.reduction-window-closed']);
    expect(codesOf(await customers.decisions.approve(h().teamId, early.value.id, approver))).to.deep.equal([
      'NCE1.reduction-window-closed',
    ]);
    expect(requestClock(early.value, h().now()).windowLeftMs).to.equal(0);
    expect((await change(customer, 15)).ok).to.equal(true);
  });
});
