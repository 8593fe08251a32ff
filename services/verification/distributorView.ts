import { AgreementErrorCode, isPartnerCenterError } from '../partnerCenter/errors';
import type { PartnerCenterGateway, PartnerCenterSession, ResellerValidation } from '../partnerCenter/gateway';
import { mpnIdInput, VALIDATE_RESELLERS_MAX } from '../partnerCenter/inputs';
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

/**
 * PartnerIDs per `validateresellers` call: the most the gateway accepts in one list (inputs.ts). Microsoft's
 * docs give the body as a list without a stated maximum, so this is the gateway's own, conservative bound.
 */
const VALIDATED_AT_ONCE = VALIDATE_RESELLERS_MAX;

/** R2: `validateresellers` refused it for the unsigned MPA alone (its cause, read as the rule reads it). */
function onlyMpaMissing(mpnId: string, result: ResellerValidation): boolean {
  const { violations } = partnerOfRecordDecision(mpnId, result);
  return violations.length > 0 && violations.every((v) => v.code === 'R2.mpa-not-signed');
}

/** What one `validateresellers` answer says of one PartnerID (R1; R2's 'MPA only' as authorised). */
function standingOf(mpnId: string, result: ResellerValidation): PartnerIdStanding {
  return {
    mpnId,
    valid: result.isValidPartnerIdOnRecord,
    authorised: result.isValidPartnerIdOnRecord || MPA_ONLY.has(result.errorCode) || onlyMpaMissing(mpnId, result),
    errorCode: result.errorCode,
    errorDescription: result.errorDescription,
  };
}

/** The id as Partner Center writes it (digits, no leading zeros), or undefined if it is none. */
function normalisedMpnId(id: string): string | undefined {
  const parsed = mpnIdInput.safeParse(id);
  return parsed.success ? parsed.data : undefined;
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

  /** R1, R2 for one PartnerID: `partnerIdStandings` with a list of one. */
  async partnerIdStanding(mpnId: string | undefined): Promise<PartnerIdStanding | undefined> {
    return (await this.partnerIdStandings([mpnId]))(mpnId);
  }

  /**
   * R1, R2 for several PartnerIDs from one `validateresellers` (it takes a list), each answered as
   * `partnerIdStanding` answers for one: an App Home of 40 resellers asks once, not 40 times. A call that
   * fails leaves every id it carried "not known"; an id that is not a PartnerID at all is never sent
   * (the gateway would refuse the whole list for it) and is "not known", as a list of one refused was.
   */
  async partnerIdStandings(
    mpnIds: ReadonlyArray<string | undefined>,
  ): Promise<(mpnId: string | undefined) => PartnerIdStanding | undefined> {
    const session = await this.session();
    const sendable = new Map<string, string>(); // as asked -> as Partner Center writes it
    for (const mpnId of mpnIds) {
      const parsed = mpnId === undefined ? undefined : mpnIdInput.safeParse(mpnId);
      if (mpnId !== undefined && parsed?.success) sendable.set(mpnId, parsed.data);
    }
    if (!session || sendable.size === 0) return () => undefined;
    const ids = [...new Set(sendable.values())];
    const byId = new Map<string, ResellerValidation>();
    for (let i = 0; i < ids.length; i += VALIDATED_AT_ONCE) {
      const chunk = ids.slice(i, i + VALIDATED_AT_ONCE);
      try {
        const results = await session.validateResellers(chunk);
        for (const result of results) byId.set(normalisedMpnId(result.partnerId) ?? result.partnerId, result);
        // One asked, one answered: the answer is that id's, whatever it wrote back (as it always was).
        if (chunk.length === 1 && results.length === 1 && !byId.has(chunk[0])) byId.set(chunk[0], results[0]);
      } catch {
        // Not known for this chunk's ids (an outage, a refusal): never a guess.
      }
    }
    return (mpnId) => {
      const id = mpnId === undefined ? undefined : sendable.get(mpnId);
      const result = id === undefined ? undefined : byId.get(id);
      return result && mpnId !== undefined ? standingOf(mpnId, result) : undefined;
    };
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
