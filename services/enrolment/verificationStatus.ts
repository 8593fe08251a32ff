import { AgreementErrorCode, isPartnerCenterError } from '../partnerCenter/errors';
import type { PartnerCenterGateway, VettingStatus, VettingSubStatus } from '../partnerCenter/gateway';
import type { PartnerDirectory } from '../partners/partnerDirectory';
import { checkCspEnrolment, mayTransact, type Violation } from '../rules';

/** What a reseller can do now about its verification (E5), by state; each has a catalog entry. */
export type VerificationAdvice = 'confirm-email' | 'wait-for-review' | 'appeal' | 'sign-mpa' | 'none';

export type VerificationReport =
  /** M5: what stands between this organisation and a CSP enrolment (an MPN membership is not one). */
  | { enrolled: false; blockedBy: Violation[] }
  | {
      enrolled: true;
      companyName: string;
      primaryContactEmail?: string;
      vettingStatus: VettingStatus;
      vettingSubStatus: VettingSubStatus;
      advice: VerificationAdvice;
      /** Undefined when Partner Center could not say and nobody told us. */
      mpaSigned?: boolean;
      /** M2/M3: what an unsigned MPA (or an unfinished enrolment) blocks. */
      blockedBy: Violation[];
    };

/**
 * The reseller's verification as Partner Center reports it (E5), with what it can do now, and its
 * MPA (M2, M3). Reads only: the verification watcher is the one that records changes.
 */
export class VerificationStatusService {
  constructor(private readonly deps: { partnerCenter: PartnerCenterGateway; partners: PartnerDirectory }) {}

  async report(tenantId: string): Promise<VerificationReport> {
    const session = this.deps.partnerCenter.as(tenantId);
    let profile: Awaited<ReturnType<typeof session.getLegalBusinessProfile>>;
    try {
      profile = await session.getLegalBusinessProfile();
    } catch (error) {
      // A tenant without a Partner Center account has not enrolled yet.
      if (isPartnerCenterError(error, 'not-found') || isPartnerCenterError(error, 'unauthorized')) {
        const draft = await this.deps.partners.get(tenantId);
        const blockedBy = checkCspEnrolment({
          id: tenantId,
          mpnId: draft?.mpnId,
          status: draft?.status ?? {
            enrolment: 'not-started',
            verification: 'None',
            mpaSigned: false,
            onboardedInPartnerCenter: false,
          },
        }).violations;
        return { enrolled: false, blockedBy };
      }
      throw error;
    }
    const draft = await this.deps.partners.get(tenantId);
    const mpaSigned = (await this.agreementSigned(tenantId)) ?? draft?.status.mpaSigned;
    const blockedBy =
      mpaSigned === true
        ? []
        : mayTransact({
            id: tenantId,
            kind: 'indirect-reseller',
            status: {
              enrolment: profile.vettingStatus === 'Authorized' ? 'enrolled' : 'submitted',
              verification: profile.vettingStatus,
              mpaSigned: false,
              onboardedInPartnerCenter: true,
            },
          }).violations;
    return {
      enrolled: true,
      companyName: profile.companyName,
      primaryContactEmail: profile.primaryContactEmail,
      vettingStatus: profile.vettingStatus,
      vettingSubStatus: profile.vettingSubStatus,
      advice: adviceFor(profile.vettingStatus, profile.vettingSubStatus, mpaSigned),
      mpaSigned,
      blockedBy,
    };
  }

  private async agreementSigned(tenantId: string): Promise<boolean | undefined> {
    try {
      return (await this.deps.partnerCenter.as(tenantId).getAgreementStatus({ tenantId })).isAgreementSigned;
    } catch (error) {
      if (
        isPartnerCenterError(error, AgreementErrorCode.TenantNotSigned) ||
        isPartnerCenterError(error, AgreementErrorCode.MpaNotSignedForRegion)
      ) {
        return false;
      }
      return undefined;
    }
  }
}

function adviceFor(
  status: VettingStatus,
  subStatus: VettingSubStatus,
  mpaSigned: boolean | undefined,
): VerificationAdvice {
  if (status === 'Rejected') return 'appeal';
  if (status === 'Pending' || status === 'None') {
    return subStatus === 'EmailOwnership' || subStatus === 'EmailDomain' || subStatus === 'Entry'
      ? 'confirm-email'
      : 'wait-for-review';
  }
  return mpaSigned === true ? 'none' : 'sign-mpa';
}
