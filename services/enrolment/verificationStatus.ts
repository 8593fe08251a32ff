import type { VettingStatus, VettingSubStatus } from '../partnerCenter/gateway';
import type { PartnerCenterGateway } from '../partnerCenter/gateway';
import type { PartnerDirectory } from '../partners/partnerDirectory';
import { checkCspEnrolment, mayTransact, type Violation } from '../rules';
import { DistributorView, type PartnerIdStanding } from '../verification/distributorView';
import type { AnswerLog } from './enrolmentProgress';
import { expectedVerificationWindow, type VerificationWindow } from './verificationTimings';

/** What a reseller can do now about its verification (E5), by state; each has a catalog entry. */
export type VerificationAdvice = 'confirm-email' | 'wait-for-review' | 'appeal' | 'sign-mpa' | 'none';

/** API1: what Partner Center says, asked with the distributor's credentials; undefined where it could not be asked. */
export interface PartnerCenterFacts {
  /** Partner-of-record validity of the reseller's PartnerID (R1, R2); authorised once verification is done (E5). */
  partnerId?: PartnerIdStanding;
  /** M2, M4. */
  mpaSigned?: boolean;
  /** P3: the reseller is in the distributor's relationship list. */
  partnered?: boolean;
}

/** API1: what the reseller told us, never Partner Center's word: the steps it reported, and when. */
export interface ReportedFacts {
  steps: Array<{ step: string; at: string; name?: string }>;
  /** When the enrolment was submitted: E5's "several days" of review count from here. */
  submittedAt?: string;
  /** E5: when Microsoft's answer is usually due, counted from the submission. */
  expectedBetween?: VerificationWindow;
  /** M4: it said its Global admin accepted the MPA. */
  mpaSigned: boolean;
}

export type VerificationReport =
  /** M5: what stands between this organisation and a CSP enrolment (an MPN membership is not one). */
  | { enrolled: false; blockedBy: Violation[] }
  | {
      enrolled: true;
      companyName: string;
      primaryContactEmail?: string;
      partnerCenter: PartnerCenterFacts;
      reported: ReportedFacts;
      /**
       * The verification state shown: Authorized when Partner Center says the PartnerID is authorised;
       * otherwise the last verification notice (the signed webhook, the sandbox's enrolment answer).
       */
      vettingStatus: VettingStatus;
      vettingSubStatus: VettingSubStatus;
      /** Where vettingStatus comes from: Partner Center, a notice we received, or nowhere yet. */
      vettingSource: 'partner-center' | 'notice' | 'none';
      advice: VerificationAdvice;
      /** Partner Center's word on the MPA (undefined when it could not say): never what the reseller reported. */
      mpaSigned?: boolean;
      /** M2/M3: what an unsigned MPA (or an unfinished enrolment) blocks. */
      blockedBy: Violation[];
    };

export interface VerificationStatusDeps {
  partnerCenter: PartnerCenterGateway;
  partners: PartnerDirectory;
  /** The distributor whose credentials observe the reseller (API1). */
  distributorTenantId?: string;
  /** Who answered which enrolment step and when (enrolment:progress:<tenant>). */
  answers?: (tenantId: string) => Promise<AnswerLog['answers']>;
}

/**
 * The reseller's `status` (E5, M2, M3), as two kinds of fact kept apart (API1): what Partner Center says
 * through the distributor's credentials (PartnerID valid on record, MPA, partnership) and what the
 * reseller told us (its enrolment steps, when). Reads only: the verification watcher records changes.
 */
export class VerificationStatusService {
  private readonly view: DistributorView;

  constructor(private readonly deps: VerificationStatusDeps) {
    this.view = new DistributorView(deps);
  }

  async report(tenantId: string): Promise<VerificationReport> {
    const draft = await this.deps.partners.get(tenantId);
    const relationship = await this.view.relationship(tenantId);
    const standing = await this.view.partnerIdStanding(draft?.mpnId ?? relationship?.mpnId ?? undefined);
    const status = draft?.status ?? {
      enrolment: 'not-started' as const,
      verification: 'None' as const,
      mpaSigned: false,
      onboardedInPartnerCenter: false,
    };
    const submitted = status.enrolment === 'submitted' || status.enrolment === 'enrolled';
    if (!standing?.authorised && !submitted) {
      return {
        enrolled: false,
        blockedBy: checkCspEnrolment({ id: tenantId, mpnId: draft?.mpnId, status }).violations,
      };
    }
    const mpaSigned = await this.view.mpaSigned(tenantId);
    const vetting = standing?.authorised
      ? {
          vettingStatus: 'Authorized' as const,
          vettingSubStatus: 'None' as const,
          vettingSource: 'partner-center' as const,
        }
      : {
          vettingStatus: status.verification,
          vettingSubStatus: status.verificationSubStatus ?? 'None',
          vettingSource: status.verification === 'None' ? ('none' as const) : ('notice' as const),
        };
    const answers = (await this.deps.answers?.(tenantId)) ?? {};
    const { submit, ...steps } = answers;
    return {
      enrolled: true,
      companyName: draft?.legalName ?? relationship?.name ?? tenantId,
      primaryContactEmail: draft?.primaryContact?.email,
      partnerCenter: {
        partnerId: standing,
        mpaSigned,
        partnered: relationship === undefined ? undefined : !!relationship,
      },
      reported: {
        steps: Object.entries(steps).flatMap(([step, r]) => (r ? [{ step, at: r.at, name: r.name }] : [])),
        submittedAt: submit?.at,
        expectedBetween: submit?.at ? expectedVerificationWindow(submit.at) : undefined,
        mpaSigned: status.mpaReportedSigned === true,
      },
      ...vetting,
      advice: adviceFor(vetting.vettingStatus, vetting.vettingSubStatus, mpaSigned),
      mpaSigned,
      blockedBy: mpaSigned === true ? [] : blockers(tenantId, vetting.vettingStatus),
    };
  }
}

/** M2, M3: what an unsigned MPA, or a verification not yet seen, blocks. */
function blockers(tenantId: string, verification: VettingStatus): Violation[] {
  return mayTransact({
    id: tenantId,
    kind: 'indirect-reseller',
    status: {
      enrolment: verification === 'Authorized' ? 'enrolled' : 'submitted',
      verification,
      mpaSigned: false,
      onboardedInPartnerCenter: true,
    },
  }).violations;
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
