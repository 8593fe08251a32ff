import { expect } from 'chai';
import { isRefusedToCaller, PartnerIdNotAuthorized } from '../../../services/partnerCenter/errors';
import type { PartnerCenterGateway } from '../../../services/partnerCenter/gateway';
import { DEMO } from '../../../services/partnerCenter/sandboxIdentities';
import { rejection } from './rejection';

/**
 * The gateway contract's API1 half: what a distributor's credentials can and cannot learn about a
 * reseller. Not its vetting status (`legalbusiness`, refused with a 403 on both implementations), but
 * whether its PartnerID is valid on record, its MPA and the relationship list: the observables the
 * assistant's verification notices come from.
 */
export function describeApiBoundaryContract(gateway: () => PartnerCenterGateway): void {
  const provider = () => gateway().as(DEMO.provider.tenantId);

  describe("the API boundary: what a distributor's credentials can read about a reseller (API1)", () => {
    for (const reseller of [DEMO.resellerReady, DEMO.resellerInVerification]) {
      it(`refuses ${reseller.name}'s own vetting status with a 403, verified or not (API1)`, async () => {
        const error = await rejection(gateway().as(reseller.tenantId).getLegalBusinessProfile());
        expect(isRefusedToCaller(error), error.message).to.equal(true);
        expect(error.httpStatus).to.equal(403);
        expect(error.retryable).to.equal(false);
      });
    }

    it('says a reseller still in verification is not yet valid on record, before its unsigned MPA (API1, R1, R2, E5)', async () => {
      const [result] = await provider().validateResellers([DEMO.resellerInVerification.mpnId]);
      expect(result).to.include({ isValidPartnerIdOnRecord: false, errorCode: PartnerIdNotAuthorized });
    });

    it("reads a reseller's MPA and the relationship list as the distributor (API1, M2, P3)", async () => {
      expect(await provider().getAgreementStatus({ tenantId: DEMO.resellerReady.tenantId })).to.deep.equal({
        isAgreementSigned: true,
      });
      const resellers = await provider().listRelationships('IsIndirectCloudSolutionProviderOf');
      expect(resellers.map((r) => r.tenantId)).to.include(DEMO.resellerReady.tenantId);
    });
  });
}
