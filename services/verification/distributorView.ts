import { AgreementErrorCode, isPartnerCenterError } from '../partnerCenter/errors';
import type { PartnerCenterGateway, PartnerCenterSession, ResellerValidation } from '../partnerCenter/gateway';
import { partnerOfRecordDecision } from '../rules/partnerOfRecordRules';
import type { PartnerDirectory } from '../partners/partnerDirectory';

/** What Partner Center says of a reseller's PartnerID as partner of record (R1, R2). */
export interface PartnerIdStanding {
  mpnId: string;
  /** `isValidPartnerIdOnRecord`: the distributor may name it on an order now. */
  valid: boolean;
  /**
   * The PartnerID belongs to an authorised indirect reseller: valid, or refused only because the MPA is
   * not signed yet. Authorisation is what completed verification gives (E5), so this is how the
   * distributor sees a reseller verified without reading its vetting status (API1).
   */
  authorised: boolean;
  errorCode?: number | string;
  errorDescription?: string;
}

/** A reseller in the distributor's relationship list (P3), with its PartnerID when Partner Center gives one. */
export interface ListedRelationship {
  name: string;
  mpnId?: string;
  state: string;
}

/** Refusals that leave the PartnerID itself authorised: only the MPA is missing (M2). */
const MPA_ONLY: ReadonlySet<number | string | undefined> = new Set([
  AgreementErrorCode.MpaNotSignedForRegion,
  AgreementErrorCode.TenantNotSigned,
]);

/** R2: `validateresellers` refused it for the unsigned MPA alone (its cause, read as the rule reads it). */
function onlyMpaMissing(mpnId: string, result: ResellerValidation): boolean {
  const { violations } = partnerOfRecordDecision(mpnId, result);
  return violations.length > 0 && violations.every((v) => v.code === 'R2.mpa-not-signed');
}

/**
 * What the distributor's credentials can observe about a reseller (API1): partner-of-record validity
 * (`validateresellers`), its MPA (`agreementstatus`) and whether it is in the distributor's relationship
 * list. Never its enrolment verification, which only the reseller sees. Every answer is undefined when
 * Partner Center could not be asked (no distributor known, an outage): "not known", never a guess.
 *
 * The distributor is the one whose credentials the gateway holds (createGateway's
 * `distributorTenantId`); without one, the first distributor set up in the assistant.
 */
export class DistributorView {
  constructor(
    private readonly deps: {
      partnerCenter: PartnerCenterGateway;
      partners: PartnerDirectory;
      distributorTenantId?: string;
    },
  ) {}

  async partnerIdStanding(mpnId: string | undefined): Promise<PartnerIdStanding | undefined> {
    const session = await this.session();
    if (!session || !mpnId) return undefined;
    try {
      const [result] = await session.validateResellers([mpnId]);
      if (!result) return undefined;
      return {
        mpnId,
        valid: result.isValidPartnerIdOnRecord,
        authorised: result.isValidPartnerIdOnRecord || MPA_ONLY.has(result.errorCode) || onlyMpaMissing(mpnId, result),
        errorCode: result.errorCode,
        errorDescription: result.errorDescription,
      };
    } catch {
      return undefined;
    }
  }

  /** M2, M4: signed as Partner Center says; false for its "not signed" refusals; undefined if it could not say. */
  async mpaSigned(resellerTenantId: string): Promise<boolean | undefined> {
    const session = await this.session();
    if (!session) return undefined;
    try {
      return (await session.getAgreementStatus({ tenantId: resellerTenantId })).isAgreementSigned;
    } catch (error) {
      if (MPA_ONLY.has(isPartnerCenterError(error) ? error.code : undefined)) return false;
      return undefined;
    }
  }

  /** P3: the reseller as it stands in the distributor's relationship list (with its PartnerID), if it does. */
  async relationship(resellerTenantId: string): Promise<ListedRelationship | null | undefined> {
    return (await this.relationships())(resellerTenantId);
  }

  /** P3 for several resellers from one listing: each answered as `relationship` answers for one. */
  async relationships(): Promise<(resellerTenantId: string) => ListedRelationship | null | undefined> {
    const session = await this.session();
    if (!session) return () => undefined;
    try {
      const list = await session.listRelationships('IsIndirectCloudSolutionProviderOf');
      const byTenant = new Map(list.map((r) => [r.tenantId.toLowerCase(), r]));
      return (resellerTenantId) => {
        const found = byTenant.get(resellerTenantId.toLowerCase());
        return found ? { name: found.name, mpnId: found.mpnId, state: found.state } : null;
      };
    } catch {
      return () => undefined;
    }
  }

  private async session(): Promise<PartnerCenterSession | undefined> {
    let tenantId = this.deps.distributorTenantId;
    if (!tenantId) {
      const providers = (await this.deps.partners.all()).filter((p) => p.kind === 'indirect-provider' && p.tenantId);
      tenantId = providers[0]?.tenantId;
    }
    return tenantId ? this.deps.partnerCenter.as(tenantId) : undefined;
  }
}
