import { expect } from 'chai';
import { AgreementErrorCode } from '../../../services/partnerCenter/errors';
import type { AgreementStatusQuery } from '../../../services/partnerCenter/gateway';
import { POR_CAUSES, POR_INVALID_CODE } from '../../../services/partnerCenter/partnerOfRecordCauses';
import { partnerOfRecordDecision } from '../../../services/rules/partnerOfRecordRules';
import type { GatewayUnderTest } from './gatewayContract';
import { DEMO } from '../../../services/partnerCenter/sandboxIdentities';
import { rejection } from './rejection';

/**
 * The gateway contract's partner half, as services/partnerCenter splits its gateways
 * (PartnerOperations): MPN IDs, resellers of record, agreement status, relationships and verification.
 */
export function describePartnerContract(subject: () => GatewayUnderTest): void {
  const provider = () => subject().gateway.as(DEMO.provider.tenantId);

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

  describe('validating resellers as partner of record (R1, R2)', () => {
    it('answers for every id, in order, with 900400 and the cause for an id it refuses (R1)', async () => {
      const ids = [
        DEMO.resellerReady.mpnId,
        DEMO.resellerWithoutMpa.mpnId,
        DEMO.resellerOtherRegion.mpnId,
        DEMO.directBill.mpnId,
        DEMO.unknownMpnId,
      ];
      const results = await provider().validateResellers(ids);
      const codes = results.map((r) => [r.partnerId, r.isValidPartnerIdOnRecord, r.errorCode]);
      expect(codes).to.deep.equal([
        [DEMO.resellerReady.mpnId, true, undefined],
        ...ids.slice(1).map((id) => [id, false, POR_INVALID_CODE]),
      ]);
      const causes = results.map((r) => partnerOfRecordDecision(r.partnerId, r).violations[0]?.code);
      expect(causes).to.deep.equal([
        undefined,
        'R2.mpa-not-signed',
        'R2.region-mismatch',
        'R2.pla-id-inactive',
        'R2.pla-id-inactive',
      ]);
    });

    it('refuses a reseller the operator put into each cause of R2, and accepts it again once cleared', async () => {
      const controls = subject().controls;
      const seen: Array<string | undefined> = [];
      try {
        for (const cause of POR_CAUSES) {
          await controls.holdPartnerOfRecord(DEMO.resellerReady.tenantId, cause);
          const [result] = await provider().validateResellers([DEMO.resellerReady.mpnId]);
          expect(result).to.include({ isValidPartnerIdOnRecord: false, errorCode: POR_INVALID_CODE });
          seen.push(partnerOfRecordDecision(result.partnerId, result).violations[0]?.code);
        }
      } finally {
        await controls.holdPartnerOfRecord(DEMO.resellerReady.tenantId, undefined);
      }
      expect(seen).to.deep.equal([
        'R2.reseller-suspended',
        'R2.region-mismatch',
        'R2.pla-id-inactive',
        'R2.mpa-not-signed',
        'R2.compliance',
      ]);
      const [after] = await provider().validateResellers([DEMO.resellerReady.mpnId]);
      expect(after.isValidPartnerIdOnRecord).to.equal(true);
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
      const providers = await subject()
        .gateway.as(DEMO.resellerReady.tenantId)
        .listRelationships('IsIndirectResellerOf');
      expect(providers.map((r) => [r.tenantId, r.name, r.relationshipType])).to.deep.equal([
        [DEMO.provider.tenantId, DEMO.provider.name, 'IsIndirectResellerOf'],
      ]);
    });
  });

  describe('verification status (E5)', () => {
    it("shows the distributor's own profile as Authorized", async () => {
      const profile = await provider().getLegalBusinessProfile();
      expect(profile).to.include({ companyName: DEMO.provider.name, country: 'PL', vettingStatus: 'Authorized' });
    });

    it('refuses a caller without a Partner Center account', async () => {
      const error = await rejection(subject().gateway.as(DEMO.unknownTenantId).getLegalBusinessProfile());
      expect(error.code).to.equal('unauthorized');
    });
  });
}
