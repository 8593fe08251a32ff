/**
 * The sandbox's Microsoft Customer Agreement calls (MCA1): the current template, a provider's attestation
 * that its customer accepted it, and reading it back. Kept apart from sandboxCustomers.ts because the
 * attestation is its own resource in Partner Center; sandboxCustomers.ts refuses an order without one.
 */
import { updateRecord } from '../storage/atomicStore';
import type { CustomerAgreement, CustomerAgreementTemplate } from './gateway';
import { visibleCustomer } from './sandboxCustomers';
import { keys } from './sandboxRecords';
import { fail, type SandboxState } from './sandboxState';
import type { AgreementOperations } from './validatedSession';

/** The sandbox's current MCA template: a fixed id, as Partner Center's changes only with a new version. */
export const SANDBOX_MCA_TEMPLATE: CustomerAgreementTemplate = {
  templateId: '117a1a4c-8b2f-4b0c-9d6e-0a9d2c4f5e61',
  agreementType: 'MicrosoftCustomerAgreement',
  agreementLink: 'https://www.microsoft.com/licensing/docs/customeragreement',
};

export function agreementOperations(state: SandboxState, callerTenantId: string): AgreementOperations {
  return {
    getCustomerAgreementTemplate: async () => {
      await state.requirePartner(callerTenantId);
      return { ...SANDBOX_MCA_TEMPLATE };
    },

    attestCustomerAgreement: async (customerTenantId, input) => {
      await state.requirePartner(callerTenantId);
      // Only the provider that bills the customer attests for it (MCA1: "the partner attests").
      await visibleCustomer(state, callerTenantId, customerTenantId, true);
      if (input.templateId !== SANDBOX_MCA_TEMPLATE.templateId) {
        throw fail('invalid-input', `Template ${input.templateId} is not the current Microsoft Customer Agreement.`);
      }
      const agreement: CustomerAgreement = {
        type: input.type,
        templateId: input.templateId,
        dateAgreed: input.dateAgreed,
        primaryContact: { ...input.primaryContact },
      };
      // The latest attestation for a template is the one kept: attesting again is not a second agreement.
      await updateRecord<CustomerAgreement>(
        state.records,
        keys.agreement(customerTenantId, input.templateId),
        () => agreement,
      );
      return agreement;
    },

    listCustomerAgreements: async (customerTenantId) => {
      await state.requirePartner(callerTenantId);
      await visibleCustomer(state, callerTenantId, customerTenantId);
      return state.list<CustomerAgreement>(keys.agreementsOf(customerTenantId));
    },
  };
}
