import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { AgreementErrorCode } from '../../../services/partnerCenter/errors';
import type { AgreementStatusQuery, PartnerCenterGateway } from '../../../services/partnerCenter/gateway';
import { DEMO } from '../../../services/partnerCenter/sandboxIdentities';
import { rejection } from './rejection';

export interface GatewayUnderTest {
  gateway: PartnerCenterGateway;
  close(): Promise<void>;
}

/** A customer domain prefix no other test (or earlier run on the same store) has used. */
const freshDomain = () => `demo${randomBytes(5).toString('hex')}`;

const newCustomer = (overrides: Record<string, unknown> = {}) => ({
  associatedPartnerId: DEMO.resellerReady.tenantId,
  companyName: 'Kowalski Piekarnia sp. z o.o.',
  domain: freshDomain(),
  country: 'PL',
  email: 'jan.kowalski@piekarnia-kowalski.pl',
  address: { line1: 'ul. Piekarska 1', city: 'Kraków', postalCode: '30-001' },
  ...overrides,
});

/**
 * The behaviour every Partner Center gateway must show, whichever implementation runs: the demo
 * identities of sandboxIdentities.ts answer the same way from the sandbox and through the REST client.
 */
export function describeGatewayContract(name: string, makeGateway: () => Promise<GatewayUnderTest>): void {
  describe(`Partner Center gateway contract: ${name}`, () => {
    let subject: GatewayUnderTest;
    const provider = () => subject.gateway.as(DEMO.provider.tenantId);

    before(async () => {
      subject = await makeGateway();
    });
    after(async () => {
      await subject?.close();
    });

    describe('MPN ID lookup', () => {
      it('finds the partner name behind a real MPN ID', async () => {
        const profile = await provider().getMpnProfile(DEMO.resellerReady.mpnId);
        expect(profile).to.include({ mpnId: DEMO.resellerReady.mpnId, partnerName: DEMO.resellerReady.name });
      });

      it('says not-found for an MPN ID that does not exist', async () => {
        const error = await rejection(provider().getMpnProfile(DEMO.unknownMpnId));
        expect(error.code).to.equal('not-found');
        expect(error.retryable).to.equal(false);
      });

      it('refuses a malformed MPN ID before asking anyone', async () => {
        expect((await rejection(provider().getMpnProfile('12-AB'))).code).to.equal('invalid-input');
      });
    });

    describe('validating resellers as partner of record (P9)', () => {
      it('answers for every id, in order, with the reason an id is refused', async () => {
        const ids = [
          DEMO.resellerReady.mpnId,
          DEMO.resellerWithoutMpa.mpnId,
          DEMO.resellerOtherRegion.mpnId,
          DEMO.directBill.mpnId,
          DEMO.unknownMpnId,
        ];
        const results = await provider().validateResellers(ids);
        expect(results.map((r) => [r.partnerId, r.isValidPartnerIdOnRecord, r.errorCode])).to.deep.equal([
          [DEMO.resellerReady.mpnId, true, undefined],
          [DEMO.resellerWithoutMpa.mpnId, false, AgreementErrorCode.MpaNotSignedForRegion],
          [DEMO.resellerOtherRegion.mpnId, false, AgreementErrorCode.RegionMismatch],
          [DEMO.directBill.mpnId, false, AgreementErrorCode.MpnNotIndirectReseller],
          [DEMO.unknownMpnId, false, AgreementErrorCode.MpnInvalidOrNotMigrated],
        ]);
        expect(results[1].errorDescription).to.be.a('string').and.not.empty;
      });
    });

    describe('agreement status (M2)', () => {
      it('confirms the MPA of a reseller who signed it (M2)', async () => {
        expect(await provider().getAgreementStatus({ mpnId: DEMO.resellerReady.mpnId })).to.deep.equal({
          isAgreementSigned: true,
        });
        expect(await provider().getAgreementStatus({ tenantId: DEMO.resellerReady.tenantId })).to.deep.equal({
          isAgreementSigned: true,
        });
      });

      const refusals: Array<[string, unknown, number]> = [
        [
          '2201 for a reseller in another region (P6)',
          { mpnId: DEMO.resellerOtherRegion.mpnId },
          AgreementErrorCode.RegionMismatch,
        ],
        [
          '2203 for a reseller who has not signed the MPA (M2)',
          { mpnId: DEMO.resellerWithoutMpa.mpnId },
          AgreementErrorCode.MpaNotSignedForRegion,
        ],
        [
          '2204 for an MPN ID that is not an indirect reseller',
          { mpnId: DEMO.directBill.mpnId },
          AgreementErrorCode.MpnNotIndirectReseller,
        ],
        [
          '2200 for an MPN ID not migrated to Partner Center (M5)',
          { mpnId: DEMO.mpnOnly.mpnId },
          AgreementErrorCode.MpnInvalidOrNotMigrated,
        ],
        [
          '2200 for an MPN ID that does not exist',
          { mpnId: DEMO.unknownMpnId },
          AgreementErrorCode.MpnInvalidOrNotMigrated,
        ],
        [
          '2206 for a tenant that has not signed (M2)',
          { tenantId: DEMO.resellerWithoutMpa.tenantId },
          AgreementErrorCode.TenantNotSigned,
        ],
        [
          '2205 for a tenant without an account',
          { tenantId: DEMO.unknownTenantId },
          AgreementErrorCode.NoAccountForTenant,
        ],
        [
          '2000 when both ids are given',
          { mpnId: DEMO.resellerReady.mpnId, tenantId: DEMO.resellerReady.tenantId },
          AgreementErrorCode.InvalidOrBothIds,
        ],
        ['2000 for a malformed id', { tenantId: 'not-a-guid' }, AgreementErrorCode.InvalidOrBothIds],
        ['2001 when neither id is given', {}, AgreementErrorCode.NoId],
      ];
      for (const [title, query, code] of refusals) {
        it(`refuses with ${title}`, async () => {
          const error = await rejection(provider().getAgreementStatus(query as AgreementStatusQuery));
          expect(error.code).to.equal(code);
          expect(error.retryable).to.equal(false);
        });
      }
    });

    describe('relationships', () => {
      it("lists the provider's indirect resellers", async () => {
        const resellers = await provider().listRelationships('IsIndirectCloudSolutionProviderOf');
        expect(resellers.map((r) => [r.tenantId, r.name, r.mpnId, r.state]).sort()).to.deep.equal(
          [
            [DEMO.resellerReady.tenantId, DEMO.resellerReady.name, DEMO.resellerReady.mpnId, 'Active'],
            [DEMO.resellerWithoutMpa.tenantId, DEMO.resellerWithoutMpa.name, DEMO.resellerWithoutMpa.mpnId, 'Active'],
          ].sort(),
        );
      });

      it("lists a reseller's indirect providers", async () => {
        const providers = await subject.gateway
          .as(DEMO.resellerReady.tenantId)
          .listRelationships('IsIndirectResellerOf');
        expect(providers.map((r) => [r.tenantId, r.name, r.relationshipType])).to.deep.equal([
          [DEMO.provider.tenantId, DEMO.provider.name, 'IsIndirectResellerOf'],
        ]);
      });
    });

    describe('customers and subscriptions (C3, C5)', () => {
      it('creates a customer for a reseller and shows its admin user name and temporary password once (C3)', async () => {
        const input = newCustomer();
        const customer = await provider().createCustomer(input);
        expect(customer.tenantId).to.match(/^[0-9a-f-]{36}$/);
        expect(customer.domain).to.equal(`${input.domain}.onmicrosoft.com`);
        expect(customer.adminUserName).to.equal(`admin@${input.domain}.onmicrosoft.com`);
        expect(customer.temporaryPassword).to.be.a('string').with.length.of.at.least(8);
        expect(customer.associatedPartnerId).to.equal(DEMO.resellerReady.tenantId);
      });

      it('refuses a second customer on a domain already taken', async () => {
        const input = newCustomer();
        await provider().createCustomer(input);
        expect((await rejection(provider().createCustomer({ ...input, companyName: 'Someone Else' }))).code).to.equal(
          'conflict',
        );
      });

      it('refuses a customer for a reseller the provider has no partnership with (P1)', async () => {
        const error = await rejection(
          provider().createCustomer(newCustomer({ associatedPartnerId: DEMO.resellerOtherRegion.tenantId })),
        );
        expect(error.code).to.equal('not-found');
      });

      it('refuses a company name of "!!" as Partner Center does, and creates nothing', async () => {
        const input = newCustomer({ companyName: '!!' });
        expect((await rejection(provider().createCustomer(input))).code).to.equal('invalid-input');
        // Nothing was created: the domain is still free for a well-named customer.
        const customer = await provider().createCustomer({ ...input, companyName: 'Kowalski Piekarnia' });
        expect(customer.domain).to.equal(`${input.domain}.onmicrosoft.com`);
      });

      it('refuses a customer whose input is not valid, and creates nothing', async () => {
        const error = await rejection(provider().createCustomer(newCustomer({ associatedPartnerId: 'reseller-one' })));
        expect(error.code).to.equal('invalid-input');
      });

      it('offers a catalogue to choose subscriptions from', async () => {
        const offers = await provider().listOffers('PL');
        expect(offers.length).to.be.at.least(3);
        expect(offers.map((o) => o.name)).to.include('Microsoft 365 Business Premium');
      });

      it('adds a subscription with the reseller of record (C5, P9)', async () => {
        const customer = await provider().createCustomer(newCustomer());
        const [offer] = await provider().listOffers('PL');
        const subscription = await provider().createSubscription(customer.tenantId, {
          offerId: offer.id,
          quantity: 5,
          resellerMpnId: DEMO.resellerReady.mpnId,
        });
        expect(subscription).to.include({
          customerTenantId: customer.tenantId,
          offerId: offer.id,
          quantity: 5,
          partnerIdOnRecord: DEMO.resellerReady.mpnId,
        });
        expect(subscription.id).to.be.a('string').and.not.empty;
      });

      it('refuses a reseller of record who has not signed the MPA (M2)', async () => {
        const customer = await provider().createCustomer(newCustomer());
        const [offer] = await provider().listOffers('PL');
        const error = await rejection(
          provider().createSubscription(customer.tenantId, {
            offerId: offer.id,
            quantity: 1,
            resellerMpnId: DEMO.resellerWithoutMpa.mpnId,
          }),
        );
        expect(error.code).to.equal(AgreementErrorCode.MpaNotSignedForRegion);
      });
    });

    describe('existing customers: listing, reseller on record, designated support contact (C5, C6, P9)', () => {
      const fabrikamContact = {
        supportTenantId: DEMO.resellerReady.tenantId,
        supportMpnId: DEMO.resellerReady.mpnId,
        name: DEMO.resellerReady.name,
      };

      /** A customer of Fabrikam with one subscription that has no partner of record yet. */
      async function customerWithSubscription() {
        const customer = await provider().createCustomer(newCustomer());
        const [offer] = await provider().listOffers('PL');
        const subscription = await provider().createSubscription(customer.tenantId, { offerId: offer.id, quantity: 4 });
        return { customer, subscription, offer };
      }

      it("lists one reseller's customers for the provider, and the reseller's own (C5)", async () => {
        const { customer } = await customerWithSubscription();
        const ofFabrikam = await provider().listCustomers({ indirectResellerTenantId: DEMO.resellerReady.tenantId });
        const listed = ofFabrikam.find((c) => c.tenantId === customer.tenantId);
        expect(listed).to.include({
          companyName: customer.companyName,
          domain: customer.domain,
          country: 'PL',
          associatedPartnerId: DEMO.resellerReady.tenantId,
        });
        expect(listed).to.not.have.property('temporaryPassword');
        const ofNorthwind = await provider().listCustomers({
          indirectResellerTenantId: DEMO.resellerWithoutMpa.tenantId,
        });
        expect(ofNorthwind.map((c) => c.tenantId)).to.not.include(customer.tenantId);
        const own = await subject.gateway.as(DEMO.resellerReady.tenantId).listCustomers();
        expect(own.map((c) => c.tenantId)).to.include(customer.tenantId);
      });

      it("lists a customer's subscriptions with their offer and partner of record (P9)", async () => {
        const customer = await provider().createCustomer(newCustomer());
        const [offer] = await provider().listOffers('PL');
        const created = await provider().createSubscription(customer.tenantId, {
          offerId: offer.id,
          quantity: 7,
          resellerMpnId: DEMO.resellerReady.mpnId,
        });
        const [listed] = await provider().listSubscriptions(customer.tenantId);
        expect(listed).to.include({
          id: created.id,
          offerId: offer.id,
          offerName: offer.name,
          quantity: 7,
          partnerIdOnRecord: DEMO.resellerReady.mpnId,
        });
        expect(listed.supportContact).to.equal(undefined);
      });

      it('puts the reseller on record for an existing subscription (C6, P9)', async () => {
        const { customer, subscription } = await customerWithSubscription();
        const updated = await provider().updatePartnerOfRecord(
          customer.tenantId,
          subscription.id,
          DEMO.resellerReady.mpnId,
        );
        expect(updated).to.include({ id: subscription.id, partnerIdOnRecord: DEMO.resellerReady.mpnId });
        const [listed] = await provider().listSubscriptions(customer.tenantId);
        expect(listed.partnerIdOnRecord).to.equal(DEMO.resellerReady.mpnId);
      });

      it('refuses a partner of record who has not signed the MPA, and changes nothing (M2)', async () => {
        const { customer, subscription } = await customerWithSubscription();
        const error = await rejection(
          provider().updatePartnerOfRecord(customer.tenantId, subscription.id, DEMO.resellerWithoutMpa.mpnId),
        );
        expect(error.code).to.equal(AgreementErrorCode.MpaNotSignedForRegion);
        const [listed] = await provider().listSubscriptions(customer.tenantId);
        expect(listed.partnerIdOnRecord).to.equal(undefined);
      });

      it('makes the reseller the designated support contact of a subscription (C5, C6)', async () => {
        const { customer, subscription } = await customerWithSubscription();
        const contact = await provider().setSupportContact(customer.tenantId, subscription.id, fabrikamContact);
        expect(contact).to.deep.equal(fabrikamContact);
        const [listed] = await provider().listSubscriptions(customer.tenantId);
        expect(listed.supportContact).to.deep.equal(fabrikamContact);
      });

      it('refuses a support contact that is not one of the provider’s resellers (C6)', async () => {
        const { customer, subscription } = await customerWithSubscription();
        const error = await rejection(
          provider().setSupportContact(customer.tenantId, subscription.id, {
            supportTenantId: DEMO.resellerOtherRegion.tenantId,
            supportMpnId: DEMO.resellerOtherRegion.mpnId,
            name: DEMO.resellerOtherRegion.name,
          }),
        );
        expect(error.code).to.equal('not-found');
      });

      it("does not show another partner's customer", async () => {
        const { customer } = await customerWithSubscription();
        const error = await rejection(
          subject.gateway.as(DEMO.resellerWithoutMpa.tenantId).listSubscriptions(customer.tenantId),
        );
        expect(error.code).to.equal('not-found');
      });

      it('refuses a malformed subscription id before asking anyone', async () => {
        const { customer } = await customerWithSubscription();
        const error = await rejection(
          provider().updatePartnerOfRecord(customer.tenantId, 'not-a-guid', DEMO.resellerReady.mpnId),
        );
        expect(error.code).to.equal('invalid-input');
      });
    });

    describe('customer invitation link (C1)', () => {
      it('carries the reseller tenant, the reseller MPN ID and the provider tenant', async () => {
        const { url } = await subject.gateway.as(DEMO.resellerReady.tenantId).getCustomerRelationshipRequestLink({
          resellerTenantId: DEMO.resellerReady.tenantId,
          providerTenantId: DEMO.provider.tenantId,
        });
        const params = new URL(url).searchParams;
        expect(params.get('partnerId')).to.equal(DEMO.resellerReady.tenantId);
        expect(params.get('msppId')).to.equal(DEMO.resellerReady.mpnId);
        expect(params.get('indirectCSPId')).to.equal(DEMO.provider.tenantId);
      });

      it('has no link for a reseller and provider that are not partners', async () => {
        const error = await rejection(
          subject.gateway.as(DEMO.resellerOtherRegion.tenantId).getCustomerRelationshipRequestLink({
            resellerTenantId: DEMO.resellerOtherRegion.tenantId,
            providerTenantId: DEMO.provider.tenantId,
          }),
        );
        expect(error.code).to.equal('not-found');
      });
    });

    describe('verification status (E5)', () => {
      it('shows a verified partner as Authorized', async () => {
        const profile = await provider().getLegalBusinessProfile();
        expect(profile).to.include({ companyName: DEMO.provider.name, country: 'PL', vettingStatus: 'Authorized' });
      });

      it('shows a partner under review as Pending, checking email ownership first', async () => {
        const profile = await subject.gateway.as(DEMO.resellerInVerification.tenantId).getLegalBusinessProfile();
        expect(profile).to.include({ vettingStatus: 'Pending', vettingSubStatus: 'EmailOwnership' });
      });

      it('refuses a caller without a Partner Center account', async () => {
        const error = await rejection(subject.gateway.as(DEMO.unknownTenantId).getLegalBusinessProfile());
        expect(error.code).to.equal('unauthorized');
      });
    });
  });
}
