import type { Partner, PartnerStatus } from '../domain/partner';
import { violation } from './codes';
import { allow, type Decision, refuse } from './decision';
import { settledStatus } from './enrolledReseller';
import { checkSameRegion } from './partnershipRules';
import type { RegionTable } from './regionTable';

/**
 * What Partner Center tells a distributor about a reseller's PartnerID (`agreementstatus?mpnId=`,
 * DOMAIN.md API1): an indirect reseller account in the distributor's region, with the MPA signed or
 * not (2203); not in Partner Center (2200, M5); in another region (2201, P6, with the MPN profile's
 * country when known); not an indirect reseller account (2204, P1).
 */
export type PartnerCenterWord =
  | { kind: 'indirect-reseller'; mpaSigned: boolean }
  | { kind: 'not-in-partner-center' }
  | { kind: 'other-region'; country?: string }
  | { kind: 'not-indirect-reseller' };

/**
 * P1, P6, M5 as Partner Center sees the reseller. An unsigned MPA (2203) does not stop a partnership:
 * it stops transacting (M2), which the customer rules check.
 */
export function checkResellerAtPartnerCenter(
  provider: Pick<Partner, 'country'>,
  reseller: { id: string; mpnId?: string },
  word: PartnerCenterWord,
  regions?: RegionTable,
): Decision {
  switch (word.kind) {
    case 'indirect-reseller':
      return allow();
    case 'not-in-partner-center':
      return refuse([violation('M5.not-enrolled-in-csp', { partnerId: reseller.id, mpnId: reseller.mpnId ?? '' })]);
    case 'not-indirect-reseller':
      return refuse([
        violation('P1.not-indirect-reseller-account', { resellerId: reseller.id, mpnId: reseller.mpnId ?? '' }),
      ]);
    case 'other-region': {
      const decision = checkSameRegion(provider, { country: word.country ?? '' }, regions);
      // Partner Center's word stands even when the profile's country does not show why.
      return decision.allowed
        ? refuse([
            violation('P6.different-region', {
              providerCountry: provider.country,
              providerRegion: '-',
              resellerCountry: word.country ?? '-',
              resellerRegion: '-',
            }),
          ])
        : decision;
    }
  }
}

/**
 * The reseller's status once Partner Center has answered for it: an indirect reseller account means
 * a Partner Center account (P1, M3) and tells whether the MPA is signed (M2); a reseller that told us
 * it is already enrolled in CSP (E7), or that enrolled here and is verified (E5), is then enrolled.
 */
export function statusWithPartnerCenterWord(status: PartnerStatus, word: PartnerCenterWord): PartnerStatus {
  if (word.kind !== 'indirect-reseller') return status;
  const next: PartnerStatus = {
    ...status,
    onboardedInPartnerCenter: true,
    accountType: 'partner-center',
    mpaSigned: word.mpaSigned,
  };
  return status.cspEnrolled === true ? { ...next, enrolment: 'enrolled' } : settledStatus(next);
}
