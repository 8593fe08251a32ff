import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { GdapError } from '../../../services/gdap/gdapErrors';
import type { GdapGateway, NewGdapRelationship } from '../../../services/gdap/gdapGateway';
import type { GdapSandboxControls } from '../../../services/gdap/sandboxGdap';
import type { PartnerCenterGateway } from '../../../services/partnerCenter/gateway';
import type { SandboxControls } from '../../../services/partnerCenter/sandboxGateway';
import { DEMO } from '../../../services/partnerCenter/sandboxIdentities';
import { GLOBAL_ADMINISTRATOR_ROLE_ID } from '../../../services/rules/gdapRules';
import { rejection } from '../partnerCenter/rejection';

export interface GdapUnderTest {
  gateway: GdapGateway;
  /** The customer's side, which only the operator plays (G1). */
  controls: GdapSandboxControls;
  /** The Partner Center sandbox in the same store: customers to relate to, and the R2 hold that suspends (G4). */
  partnerCenter: PartnerCenterGateway;
  partnerCenterControls: SandboxControls;
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

const DAY = 24 * 60 * 60 * 1000;
const DIRECTORY_READERS = '88d8e3e3-8f55-4a1e-953a-9b9898b8876b';
const HELPDESK_ADMINISTRATOR = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const distributor = DEMO.provider.tenantId;
const reseller = DEMO.resellerReady.tenantId;

/**
 * The behaviour every GDAP gateway must show (G1, G2, G4), whichever runs: the sandbox on the assistant's
 * store, and the Graph REST client against the local fake (the same sandbox behind Graph's routes).
 */
export function describeGdapContract(name: string, make: () => Promise<GdapUnderTest>): void {
  describe(`GDAP gateway contract: ${name}`, () => {
    let subject: GdapUnderTest;
    before(async () => {
      subject = await make();
    });
    after(async () => {
      await subject?.close();
    });

    const as = (tenant: string) => subject.gateway.as(tenant);
    const newCustomer = async () => {
      const domain = `gdap${randomBytes(5).toString('hex')}`;
      return subject.partnerCenter.as(distributor).createCustomer({
        associatedPartnerId: reseller,
        companyName: 'Kowalski Piekarnia sp. z o.o.',
        domain,
        country: 'PL',
        email: 'jan.kowalski@piekarnia-kowalski.pl',
        address: { line1: 'ul. Piekarska 1', city: 'Kraków', postalCode: '30-001' },
      });
    };
    const request = (customerTenantId: string, overrides: Partial<NewGdapRelationship> = {}): NewGdapRelationship => ({
      displayName: `Fabrikam ${randomBytes(4).toString('hex')}`,
      customerTenantId,
      duration: 'P730D',
      autoExtendDuration: 'PT0S',
      roles: [DIRECTORY_READERS, HELPDESK_ADMINISTRATOR],
      ...overrides,
    });
    /** G2's road to active: the distributor creates, the reseller consents, the customer approves. */
    const activeForReseller = async (overrides: Partial<NewGdapRelationship> = {}) => {
      const customer = await newCustomer();
      const created = await as(distributor).createResellerRelationship(reseller, request(customer.tenantId, overrides));
      await as(reseller).request(created.id, 'approve');
      await subject.controls.approveAsCustomer(created.id);
      return as(reseller).getRelationship(created.id);
    };

    it('creates a relationship in status created, with its roles and duration (G1)', async () => {
      const customer = await newCustomer();
      const created = await as(distributor).createRelationship(request(customer.tenantId));
      expect(created).to.deep.include({ status: 'created', duration: 'P730D', autoExtendDuration: 'PT0S' });
      expect(created.customer.tenantId).to.equal(customer.tenantId);
      expect(created.roles).to.have.members([DIRECTORY_READERS, HELPDESK_ADMINISTRATOR]);
      expect((await as(distributor).getRelationship(created.id)).status).to.equal('created');
    });

    it('locks it for approval, then the customer approves and it is active for its duration (G1)', async () => {
      const customer = await newCustomer();
      const created = await as(distributor).createRelationship(request(customer.tenantId, { duration: 'P90D' }));
      const lock = await as(distributor).request(created.id, 'lockForApproval');
      expect(lock.action).to.equal('lockForApproval');
      expect((await as(distributor).getRelationship(created.id)).status).to.equal('approvalPending');
      await subject.controls.approveAsCustomer(created.id);
      const active = await as(distributor).getRelationship(created.id);
      expect(active.status).to.equal('active');
      expect(Date.parse(active.endDateTime ?? '') - Date.parse(active.activatedDateTime ?? '')).to.equal(90 * DAY);
    });

    it('refuses a duration over 2 years, and auto-extend with Global Administrator (G1)', async () => {
      const customer = await newCustomer();
      const tooLong = (await rejection(
        as(distributor).createRelationship(request(customer.tenantId, { duration: 'P731D' })),
      )) as GdapError;
      expect(tooLong.refusal).to.equal('invalidDuration');
      const withGa = (await rejection(
        as(distributor).createRelationship(
          request(customer.tenantId, { autoExtendDuration: 'P180D', roles: [GLOBAL_ADMINISTRATOR_ROLE_ID] }),
        ),
      )) as GdapError;
      expect(withGa.refusal).to.equal('autoExtendNotAllowedWithGlobalAdministrator');
      const accepted = await as(distributor).createRelationship(
        request(customer.tenantId, { autoExtendDuration: 'P180D' }),
      );
      expect(accepted.autoExtendDuration).to.equal('P180D');
    });

    it("waits for the reseller's consent on a relationship its distributor created for it (G2)", async () => {
      const customer = await newCustomer();
      const created = await as(distributor).createResellerRelationship(reseller, request(customer.tenantId));
      expect(created.reseller).to.deep.equal({ indirectProviderTenantId: distributor, isPartnerConsentPending: true });
      const seenByReseller = (await as(reseller).listRelationships()).find((r) => r.id === created.id);
      expect(seenByReseller?.reseller?.isPartnerConsentPending).to.equal(true);
      await as(reseller).request(created.id, 'approve');
      const consented = await as(distributor).getRelationship(created.id);
      expect(consented.status).to.equal('approvalPending');
      expect(consented.reseller?.isPartnerConsentPending).to.equal(false);
    });

    it('lets only the right party take each step: not the distributor for the reseller or the customer (G1, G2)', async () => {
      const customer = await newCustomer();
      const created = await as(distributor).createResellerRelationship(reseller, request(customer.tenantId));
      const consentByDistributor = await rejection(as(distributor).request(created.id, 'approve'));
      expect(consentByDistributor.httpStatus).to.equal(403);
      await as(reseller).request(created.id, 'approve');
      // The customer's approval is not a partner's to give: approve on /requests is the reseller's consent only.
      expect((await rejection(as(distributor).request(created.id, 'approve'))).httpStatus).to.equal(403);
      const other = await rejection(as(DEMO.resellerWithoutMpa.tenantId).getRelationship(created.id));
      expect(other.code).to.equal('not-found');
    });

    it("refuses a reseller relationship for a reseller that is not the caller's (G2)", async () => {
      const customer = await newCustomer();
      const error = await rejection(
        as(distributor).createResellerRelationship(DEMO.resellerOtherRegion.tenantId, request(customer.tenantId)),
      );
      expect(error.httpStatus).to.equal(403);
    });

    it('expires a request the customer has not approved after 90 days (G1)', async () => {
      const customer = await newCustomer();
      const created = await as(distributor).createRelationship(request(customer.tenantId));
      await as(distributor).request(created.id, 'lockForApproval');
      subject.advanceClock(89 * DAY);
      expect((await as(distributor).getRelationship(created.id)).status).to.equal('approvalPending');
      subject.advanceClock(1 * DAY);
      expect((await as(distributor).getRelationship(created.id)).status).to.equal('expired');
      expect((await rejection(subject.controls.approveAsCustomer(created.id))).code).to.equal('invalid-input');
    });

    it('walks active → expiring → expired as the end nears and passes (G1)', async () => {
      const active = await activeForReseller({ duration: 'P60D' });
      expect(active.status).to.equal('active');
      subject.advanceClock(31 * DAY);
      expect((await as(reseller).getRelationship(active.id)).status).to.equal('expiring');
      subject.advanceClock(29 * DAY);
      expect((await as(reseller).getRelationship(active.id)).status).to.equal('expired');
    });

    it('assigns a security group to roles of an active relationship, and refuses roles it does not have (G1)', async () => {
      const active = await activeForReseller();
      const group = '99999999-9999-4999-8999-999999999999';
      const assignment = await as(reseller).createAccessAssignment(active.id, {
        securityGroupId: group,
        roles: [DIRECTORY_READERS],
      });
      expect(assignment).to.deep.include({ securityGroupId: group, status: 'active' });
      expect((await as(reseller).listAccessAssignments(active.id)).map((a) => a.id)).to.deep.equal([assignment.id]);
      const outside = (await rejection(
        as(reseller).createAccessAssignment(active.id, {
          securityGroupId: group,
          roles: [GLOBAL_ADMINISTRATOR_ROLE_ID],
        }),
      )) as GdapError;
      expect(outside.refusal).to.equal('roleNotInRelationship');
    });

    it('terminates an active relationship: terminationRequested, then terminated (G1)', async () => {
      const active = await activeForReseller();
      await as(reseller).request(active.id, 'terminate');
      expect((await as(reseller).getRelationship(active.id)).status).to.equal('terminationRequested');
      subject.advanceClock(DAY);
      expect((await as(reseller).getRelationship(active.id)).status).to.equal('terminated');
    });

    it('ends every relationship of a suspended reseller (G4)', async () => {
      const active = await activeForReseller();
      await subject.partnerCenterControls.holdPartnerOfRecord(reseller, 'suspended');
      try {
        expect((await as(reseller).getRelationship(active.id)).status).to.equal('terminated');
        const error = (await rejection(
          as(distributor).createResellerRelationship(reseller, request(active.customer.tenantId)),
        )) as GdapError;
        expect(error.refusal).to.equal('partnerSuspended');
      } finally {
        await subject.partnerCenterControls.holdPartnerOfRecord(reseller, undefined);
      }
    });
  });
}
