import type { RestCall } from './restTransport';
import type { PartnerOperations } from './validatedSession';
import * as wire from './wire';

/**
 * The REST client's routes for the partner directory, relationships and the caller's own profile:
 * MPN profiles, resellers of record, agreement status (M5, P6), relationships (P3), the legal business
 * profile and its verification (E5). Partner Center has no enrolment API, so enrolment is a link (E1, E2).
 */
export function partnerRoutes(call: RestCall, enrolmentUrl: string): PartnerOperations {
  return {
    getMpnProfile: async (mpnId) => {
      const profile = await call(
        { method: 'GET', path: '/v1/profiles/mpn', query: { mpnId } },
        wire.mpnProfileResponse,
      );
      return { mpnId: profile.mpnId, partnerName: profile.partnerName, country: profile.country };
    },

    validateResellers: async (partnerIds) => {
      const body: wire.Wire<typeof wire.validateResellersRequest> = { partnerIds };
      const { validationResults } = await call(
        { method: 'POST', path: '/v1/partners/validateresellers', body },
        wire.validateResellersResponse,
      );
      return validationResults;
    },

    getAgreementStatus: async (query) =>
      call({ method: 'GET', path: '/v1/compliance/csp/agreementstatus', query }, wire.agreementStatusResponse),

    listRelationships: async (type) => {
      const { items } = await call(
        { method: 'GET', path: '/v1/relationships', query: { relationship_type: type } },
        wire.relationshipsResponse,
      );
      return items.map(({ id, ...rest }) => ({ tenantId: id, ...rest }));
    },

    getLegalBusinessProfile: async () => {
      const profile = await call(
        { method: 'GET', path: '/v1/profiles/legalbusiness', query: { vettingVersion: 'Current' } },
        wire.legalBusinessResponse,
      );
      return {
        companyName: profile.companyName,
        country: profile.address.country,
        primaryContactEmail: profile.primaryContact?.email,
        vettingStatus: profile.vettingStatus,
        vettingSubStatus: profile.vettingSubStatus,
      };
    },

    submitEnrolment: async () => ({
      kind: 'complete-in-portal',
      url: enrolmentUrl,
    }),
  };
}
