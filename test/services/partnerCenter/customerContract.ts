import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { AgreementErrorCode } from '../../../services/partnerCenter/errors';
import type { PartnerCenterGateway } from '../../../services/partnerCenter/gateway';
import { DEMO } from '../../../services/partnerCenter/sandboxIdentities';
import { customerWithAgreement, describeAgreementContract } from './agreementContract';
import { rejection } from './rejection';

/**
 * The gateway contract's customer half, as services/partnerCenter splits its gateways
 * (CustomerOperations): customers, orders and subscriptions, and the customer invitation link.
 */

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

export function describeCustomerContract(gateway: () => PartnerCenterGateway): void {
  const provider = () => gateway().as(DEMO.provider.tenantId);
  /** A new customer whose acceptance of the MCA is attested, so it may order (MCA1). */
  const attestedCustomer = () => customerWithAgreement(provider());

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
      const customer = await attestedCustomer();
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
      const customer = await attestedCustomer();
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
      const customer = await attestedCustomer();
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
      const own = await gateway().as(DEMO.resellerReady.tenantId).listCustomers();
      expect(own.map((c) => c.tenantId)).to.include(customer.tenantId);
    });

    it("lists a customer's subscriptions with their offer and partner of record (P9)", async () => {
      const customer = await attestedCustomer();
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
        gateway().as(DEMO.resellerWithoutMpa.tenantId).listSubscriptions(customer.tenantId),
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

  describeAgreementContract(gateway, newCustomer);

  describe('customer invitation link (C1)', () => {
    it('carries the reseller tenant, the reseller MPN ID and the provider tenant', async () => {
      const { url } = await gateway().as(DEMO.resellerReady.tenantId).getCustomerRelationshipRequestLink({
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
        gateway().as(DEMO.resellerOtherRegion.tenantId).getCustomerRelationshipRequestLink({
          resellerTenantId: DEMO.resellerOtherRegion.tenantId,
          providerTenantId: DEMO.provider.tenantId,
        }),
      );
      expect(error.code).to.equal('not-found');
    });
  });
}
