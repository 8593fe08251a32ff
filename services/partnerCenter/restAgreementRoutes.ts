/**
 * The REST client's Microsoft Customer Agreement routes (MCA1): the current template, the partner's
 * attestation that a customer accepted it, and reading it back. The routes and casing are the REST
 * reference's; the local fake (test/support/fakes) speaks the same.
 */
import { PartnerCenterError } from './errors';
import type { RestCall } from './restTransport';
import type { AgreementOperations } from './validatedSession';
import * as wire from './wireAgreements';

const agreementsOf = (customerTenantId: string) => `/v1/customers/${encodeURIComponent(customerTenantId)}/agreements`;

export function agreementRoutes(call: RestCall): AgreementOperations {
  return {
    getCustomerAgreementTemplate: async () => {
      const { items } = await call(
        { method: 'GET', path: '/v1/agreements', query: { agreementType: 'MicrosoftCustomerAgreement' } },
        wire.agreementMetadataResponse,
      );
      // The newest version ranks first (versionRank 0); an answer without any is not what the API documents.
      const [current] = [...items].sort((a, b) => (a.versionRank ?? 0) - (b.versionRank ?? 0));
      if (!current) throw new PartnerCenterError('malformed-response', 'Partner Center gave no agreement template.');
      return {
        templateId: current.templateId,
        agreementType: current.agreementType,
        agreementLink: current.agreementLink,
      };
    },

    attestCustomerAgreement: async (customerTenantId, input) =>
      call({ method: 'POST', path: agreementsOf(customerTenantId), body: input }, wire.customerAgreementBody),

    listCustomerAgreements: async (customerTenantId) => {
      const { items } = await call(
        { method: 'GET', path: agreementsOf(customerTenantId), query: { agreementType: 'MicrosoftCustomerAgreement' } },
        wire.customerAgreementsResponse,
      );
      return items;
    },
  };
}
