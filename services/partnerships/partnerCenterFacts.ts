import { AgreementErrorCode, isPartnerCenterError } from '../partnerCenter/errors';
import type { PartnerCenterGateway, PartnerCenterSession } from '../partnerCenter/gateway';
import type { PartnerCenterWord } from '../rules/resellerStanding';
import type { Provider } from './types';

/**
 * What Partner Center tells a distributor about a reseller's PartnerID, through the distributor's own
 * session (API1: `agreementstatus?mpnId=` is what a distributor may ask). Undefined when Partner
 * Center could not be asked or gave no answer the rules read; `onUnknown` hears why.
 */
export async function partnerCenterWordOn(
  distributor: PartnerCenterSession,
  mpnId: string,
  onUnknown: (error: unknown) => void = () => {},
): Promise<PartnerCenterWord | undefined> {
  try {
    const status = await distributor.getAgreementStatus({ mpnId });
    return { kind: 'indirect-reseller', mpaSigned: status.isAgreementSigned };
  } catch (error) {
    if (isPartnerCenterError(error, AgreementErrorCode.MpaNotSignedForRegion)) {
      return { kind: 'indirect-reseller', mpaSigned: false };
    }
    if (isPartnerCenterError(error, AgreementErrorCode.MpnInvalidOrNotMigrated))
      return { kind: 'not-in-partner-center' };
    if (isPartnerCenterError(error, AgreementErrorCode.MpnNotIndirectReseller))
      return { kind: 'not-indirect-reseller' };
    if (isPartnerCenterError(error, AgreementErrorCode.RegionMismatch)) {
      // Partner Center says "another region" without naming it: the MPN profile names the country.
      const profile = await distributor.getMpnProfile(mpnId).catch(() => undefined);
      return { kind: 'other-region', country: profile?.country };
    }
    onUnknown(error);
    return undefined;
  }
}

/**
 * P3: does the distributor's "Indirect resellers" list in Partner Center hold this reseller? The one
 * way the assistant learns that a partnership exists (no API creates it, P2).
 */
export async function partnerCenterListsReseller(
  distributor: PartnerCenterSession,
  resellerTenantId: string,
): Promise<boolean> {
  const resellers = await distributor.listRelationships('IsIndirectCloudSolutionProviderOf');
  return resellers.some((r) => r.tenantId.toLowerCase() === resellerTenantId.toLowerCase());
}

/**
 * `partnerCenterListsReseller` for a provider: false for a provider without a tenant, and an outage
 * counts as "not yet" (told to `onGatewayError`) unless the caller asks to hear it (`throwOnOutage`).
 */
export async function distributorListsReseller(
  deps: { partnerCenter: PartnerCenterGateway; onGatewayError?: (error: unknown) => void },
  provider: Provider,
  resellerTenantId: string,
  options: { throwOnOutage?: boolean } = {},
): Promise<boolean> {
  if (!provider.partner.tenantId) return false;
  try {
    return await partnerCenterListsReseller(deps.partnerCenter.as(provider.partner.tenantId), resellerTenantId);
  } catch (error) {
    if (options.throwOnOutage) throw error;
    deps.onGatewayError?.(error);
    return false;
  }
}
