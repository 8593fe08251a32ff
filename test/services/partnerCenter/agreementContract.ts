import { expect } from 'chai';
import { CustomerAgreementErrorCode } from '../../../services/partnerCenter/errors';
import type {
  CreatedCustomer,
  NewCustomer,
  PartnerCenterGateway,
  PartnerCenterSession,
} from '../../../services/partnerCenter/gateway';
import { DEMO } from '../../../services/partnerCenter/sandboxIdentities';
import { rejection } from './rejection';

/**
 * The gateway contract's Microsoft Customer Agreement part (MCA1): the current template, the provider's
 * attestation and its read-back, and no order for a customer without one. Run by customerContract.ts,
 * so the sandbox and the REST client against the local fake both pass it.
 */

export const ACCEPTED_BY = {
  firstName: 'Jan',
  lastName: 'Kowalski',
  email: 'jan.kowalski@piekarnia-kowalski.pl',
  phoneNumber: '+48 12 345 67 89',
};

/** A customer created and its MCA attested with the current template (MCA1), ready to order. */
export async function customerWithAgreement(
  session: PartnerCenterSession,
  input?: NewCustomer,
): Promise<CreatedCustomer> {
  const { newCustomerForContract } = contractInputs;
  const customer = await session.createCustomer(input ?? newCustomerForContract());
  const { templateId } = await session.getCustomerAgreementTemplate();
  await session.attestCustomerAgreement(customer.tenantId, {
    primaryContact: ACCEPTED_BY,
    dateAgreed: '2026-12-01',
    templateId,
    type: 'MicrosoftCustomerAgreement',
  });
  return customer;
}

/** Set by describeAgreementContract: the contract's own new-customer input. */
const contractInputs: { newCustomerForContract: () => NewCustomer } = {
  newCustomerForContract: () => {
    throw new Error('describeAgreementContract sets the new-customer input first.');
  },
};

export function describeAgreementContract(gateway: () => PartnerCenterGateway, newCustomer: () => NewCustomer): void {
  contractInputs.newCustomerForContract = newCustomer;
  const provider = () => gateway().as(DEMO.provider.tenantId);

  describe('the Microsoft Customer Agreement (MCA1)', () => {
    it('gives the current Microsoft Customer Agreement template (MCA1)', async () => {
      const template = await provider().getCustomerAgreementTemplate();
      expect(template.agreementType).to.equal('MicrosoftCustomerAgreement');
      expect(template.templateId).to.be.a('string').and.not.empty;
    });

    it("attests a customer's acceptance and reads it back (MCA1)", async () => {
      const customer = await provider().createCustomer(newCustomer());
      expect(await provider().listCustomerAgreements(customer.tenantId)).to.deep.equal([]);
      const { templateId } = await provider().getCustomerAgreementTemplate();
      const input = {
        primaryContact: { firstName: 'Anna', lastName: 'Nowak', email: 'anna.nowak@piekarnia-kowalski.pl' },
        dateAgreed: '2026-11-30',
        templateId,
        type: 'MicrosoftCustomerAgreement' as const,
      };
      const attested = await provider().attestCustomerAgreement(customer.tenantId, input);
      expect(attested).to.deep.include({ templateId, dateAgreed: '2026-11-30', type: 'MicrosoftCustomerAgreement' });
      const [read] = await provider().listCustomerAgreements(customer.tenantId);
      expect(read.primaryContact).to.deep.equal(input.primaryContact);
      expect(read.dateAgreed).to.equal('2026-11-30');
    });

    it('refuses an order for a customer with no attested agreement, and orders nothing (MCA1)', async () => {
      const customer = await provider().createCustomer(newCustomer());
      const [offer] = await provider().listOffers('PL');
      const error = await rejection(
        provider().createSubscription(customer.tenantId, { offerId: offer.id, quantity: 1 }),
      );
      expect(error.code).to.equal(CustomerAgreementErrorCode.NotAttested);
      expect(await provider().listSubscriptions(customer.tenantId)).to.deep.equal([]);
    });

    it('takes the order once the acceptance is attested (MCA1)', async () => {
      const customer = await customerWithAgreement(provider());
      const [offer] = await provider().listOffers('PL');
      const subscription = await provider().createSubscription(customer.tenantId, { offerId: offer.id, quantity: 2 });
      expect(subscription.quantity).to.equal(2);
    });

    it('refuses an attestation with a template that is not the current one, or without a signer (MCA1)', async () => {
      const customer = await provider().createCustomer(newCustomer());
      const wrongTemplate = await rejection(
        provider().attestCustomerAgreement(customer.tenantId, {
          primaryContact: ACCEPTED_BY,
          dateAgreed: '2026-12-01',
          templateId: 'not-the-template',
          type: 'MicrosoftCustomerAgreement',
        }),
      );
      expect(wrongTemplate.code).to.equal('invalid-input');
      const { templateId } = await provider().getCustomerAgreementTemplate();
      const noEmail = await rejection(
        provider().attestCustomerAgreement(customer.tenantId, {
          primaryContact: { ...ACCEPTED_BY, email: 'not an address' },
          dateAgreed: '2026-12-01',
          templateId,
          type: 'MicrosoftCustomerAgreement',
        }),
      );
      expect(noEmail.code).to.equal('invalid-input');
      expect(await provider().listCustomerAgreements(customer.tenantId)).to.deep.equal([]);
    });

    it("does not let another partner attest for a provider's customer (MCA1)", async () => {
      const customer = await provider().createCustomer(newCustomer());
      const { templateId } = await provider().getCustomerAgreementTemplate();
      const error = await rejection(
        gateway().as(DEMO.resellerWithoutMpa.tenantId).attestCustomerAgreement(customer.tenantId, {
          primaryContact: ACCEPTED_BY,
          dateAgreed: '2026-12-01',
          templateId,
          type: 'MicrosoftCustomerAgreement',
        }),
      );
      expect(error.code).to.equal('not-found');
    });
  });
}
