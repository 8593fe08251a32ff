import { expect } from 'chai';
import { distributorGdapList } from '../../../services/gdap/distributorGdap';
import { GdapReminders } from '../../../services/gdap/gdapReminders';
import { ResellerGdap } from '../../../services/gdap/resellerGdap';
import { LEAST_PRIVILEGE_TEMPLATE } from '../../../services/gdap/roleTemplates';
import { GdapSandbox } from '../../../services/gdap/sandboxGdap';
import { partnerCenterSandboxFacts } from '../../../services/gdap/sandboxPartyFacts';
import type { CustomerSummary } from '../../../services/partnerCenter/gateway';
import { SandboxGateway } from '../../../services/partnerCenter/sandboxGateway';
import { DEMO } from '../../../services/partnerCenter/sandboxIdentities';
import type { Provider } from '../../../services/partnerships/types';
import { openStore, type Store } from '../../../services/storage/openStore';
import { rejection } from '../partnerCenter/rejection';
import { regionOf } from '../partnerCenter/testRegions';

const DAY = 24 * 60 * 60 * 1000;
const reseller = DEMO.resellerReady.tenantId;

describe("the reseller's GDAP: asking, consent, reminders (G1, G2, G4)", () => {
  let store: Store;
  let now: number;
  let gdap: GdapSandbox;
  let partnerCenter: SandboxGateway;
  let customer: CustomerSummary;
  let service: ResellerGdap;
  let sent: Array<{ to: string; renderer: string; key: string; params: Record<string, unknown> }>;
  let reminders: GdapReminders;

  const provider = {
    partner: { tenantId: DEMO.provider.tenantId, legalName: DEMO.provider.name },
    settings: { providerId: 'prov', channelId: 'C1' },
  } as unknown as Provider;

  beforeEach(async () => {
    store = openStore({ backend: 'memory' });
    now = Date.parse('2026-12-03T09:00:00Z');
    partnerCenter = new SandboxGateway({ records: store.records, clock: { stepMs: DAY }, now: () => now, regionOf });
    gdap = new GdapSandbox({ records: store.records, facts: partnerCenterSandboxFacts(store.records), now: () => now });
    const created = await partnerCenter.as(DEMO.provider.tenantId).createCustomer({
      associatedPartnerId: reseller,
      companyName: 'Piekarnia Kowalski sp. z o.o.',
      domain: 'piekarniakowalski',
      country: 'PL',
      email: 'jan@piekarnia-kowalski.pl',
      address: { line1: 'ul. Piekarska 1', city: 'Kraków', postalCode: '30-001' },
    });
    customer = { tenantId: created.tenantId, companyName: created.companyName, domain: created.domain };
    service = new ResellerGdap({
      records: store.records,
      gdap,
      customers: { ofReseller: async () => [{ provider, customers: [customer] }] },
      now: () => new Date(now),
    });
    sent = [];
    reminders = new GdapReminders({
      records: store.records,
      resellerGdap: service,
      targets: {
        teamsTenant: async (to, notice, key) =>
          void sent.push({ to, renderer: notice.renderer, key, params: notice.params }),
        distributor: async (to, notice, key) =>
          void sent.push({ to, renderer: notice.renderer, key, params: notice.params }),
      },
      isSuspended: (tenant) => partnerCenterSandboxFacts(store.records).isSuspended(tenant),
      now: () => new Date(now),
    });
  });
  afterEach(() => store.close());

  it("says a new customer needs the reseller's own GDAP, then asks the distributor for one with its least-privilege roles (G2)", async () => {
    const [before] = await service.overview(reseller);
    expect(before).to.deep.include({ customerName: customer.companyName, needsOwnGdap: true });
    const created = await service.ask(reseller, DEMO.resellerReady.name, customer.tenantId);
    expect(created.reseller).to.deep.equal({
      indirectProviderTenantId: DEMO.provider.tenantId,
      isPartnerConsentPending: true,
    });
    expect(created.roles).to.have.members(LEAST_PRIVILEGE_TEMPLATE.roles);
    const [after] = await service.overview(reseller);
    expect(after.view?.stage).to.equal('awaiting-reseller-consent');
    // A second press shows the same relationship: nothing is asked twice.
    expect((await service.ask(reseller, DEMO.resellerReady.name, customer.tenantId)).id).to.equal(created.id);
  });

  it('asks with the roles the distributor chose in /csp setup, when it chose some (G1)', async () => {
    provider.settings.gdapRoles = [LEAST_PRIVILEGE_TEMPLATE.roles[0]];
    try {
      const created = await service.ask(reseller, 'Fabrikam', customer.tenantId);
      expect(created.roles).to.deep.equal([LEAST_PRIVILEGE_TEMPLATE.roles[0]]);
    } finally {
      delete provider.settings.gdapRoles;
    }
  });

  it("refuses to ask for a customer that is not the reseller's (G2)", async () => {
    const error = await rejection(service.ask(reseller, 'Fabrikam', '99999999-0000-4000-8000-000000000000'));
    expect(error.code).to.equal('not-found');
  });

  it('after consent gives the approval link and the days left of the 90; the customer approves; active with its end (G1, G2)', async () => {
    const created = await service.ask(reseller, 'Fabrikam', customer.tenantId);
    await service.consent(reseller, created.id, 'approve');
    const [waiting] = await service.overview(reseller);
    expect(waiting.view?.stage).to.equal('awaiting-customer');
    expect(waiting.approvalLink).to.include(created.id);
    expect(waiting.approvalDaysLeft).to.equal(90);
    await gdap.approveAsCustomer(customer.domain);
    const [active] = await service.overview(reseller);
    expect(active.view?.stage).to.equal('active');
    expect(active.daysToEnd).to.equal(730);
  });

  it('reminds both sides once while the customer has not approved, and once at 30, 7 and 1 days before the end (G1)', async () => {
    const created = await service.ask(reseller, 'Fabrikam', customer.tenantId);
    await service.consent(reseller, created.id, 'approve');
    await reminders.pass();
    expect(sent).to.deep.equal([]);
    now += 7 * DAY;
    await reminders.pass();
    await reminders.pass();
    expect(sent.map((s) => [s.renderer, s.key])).to.deep.equal([
      ['gdap.reminder', `gdap:${created.id}:awaiting-customer`],
      ['gdap.distributorReminder', `gdap:${created.id}:awaiting-customer`],
    ]);
    expect(sent[0].params.daysLeft).to.equal(83);
    await gdap.approveAsCustomer(created.id);
    sent = [];
    now += 700 * DAY;
    await reminders.pass();
    await reminders.pass();
    expect(sent.map((s) => [s.to, s.params.key])).to.deep.equal([
      [reseller, 'ending-30'],
      ['prov', 'ending-30'],
    ]);
    now += 23 * DAY;
    await reminders.pass();
    now += 6 * DAY;
    await reminders.pass();
    now += 1 * DAY;
    await reminders.pass();
    await reminders.pass();
    expect(sent.filter((s) => s.to === reseller).map((s) => s.params.key)).to.deep.equal([
      'ending-30',
      'ending-7',
      'ending-1',
      'expired',
    ]);
  });

  it('lists for the distributor what waits on the reseller or the customer, and what ends within 30 days (G1, G2)', async () => {
    const list = () => distributorGdapList({ records: store.records, gdap, now: () => new Date(now) }, 'prov');
    const created = await service.ask(reseller, 'Fabrikam', customer.tenantId);
    expect((await list()).map((r) => r.stage)).to.deep.equal(['awaiting-reseller-consent']);
    await service.consent(reseller, created.id, 'approve');
    expect((await list()).map((r) => [r.stage, r.days])).to.deep.equal([['awaiting-customer', 90]]);
    await gdap.approveAsCustomer(created.id);
    expect(await list()).to.deep.equal([]);
    now += 710 * DAY;
    expect((await list()).map((r) => [r.stage, r.days])).to.deep.equal([['ending-soon', 20]]);
    expect(
      await distributorGdapList({ records: store.records, gdap, now: () => new Date(now) }, 'another'),
    ).to.deep.equal([]);
  });

  it("tells once that all of a suspended reseller's relationships are gone (G4)", async () => {
    const created = await service.ask(reseller, 'Fabrikam', customer.tenantId);
    await service.consent(reseller, created.id, 'approve');
    await gdap.approveAsCustomer(created.id);
    await partnerCenter.holdPartnerOfRecord(reseller, 'suspended');
    sent = [];
    await reminders.pass();
    await reminders.pass();
    expect(sent.map((s) => [s.renderer, s.params.customers])).to.deep.equal([
      ['gdap.suspended', customer.companyName],
      ['gdap.distributorSuspended', customer.companyName],
    ]);
  });
});
