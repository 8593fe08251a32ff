/**
 * R1, R2: before an order or a change goes anywhere, Partner Center is asked (through the distributor's
 * session, API1) whether the reseller may be partner of record: at submission, so the reseller hears it
 * in Teams before its distributor does, and again at approval, since a tenant can be suspended or an MPA
 * lapse in between. The answer is kept on the request, so the approval message shows when it was checked
 * and what Partner Center said.
 */
import type { RequestKind } from '../domain/request';
import type { PartnerCenterGateway } from '../partnerCenter/gateway';
import type { PartnerDirectory } from '../partners/partnerDirectory';
import type { Refusal } from '../partnerships/types';
import { violation } from '../rules/codes';
import { type Decision, refuse } from '../rules/decision';
import { partnerOfRecordDecision } from '../rules/partnerOfRecordRules';

/** What the last validation said, as the request keeps it (no description: the catalog words it). */
export interface PorCheck {
  at: string;
  partnerId: string;
  valid: boolean;
  errorCode?: string;
  /** R2: the cause Partner Center named, as the rule reads it (`R2.compliance`), when it refused. */
  cause?: string;
}

/**
 * R1 lists orders and changes to existing subscriptions; naming a designated support contact (C6)
 * orders and changes nothing, so it is not validated.
 */
export function needsPartnerOfRecord(kind: RequestKind): boolean {
  return kind !== 'designated-support-contact';
}

export type PorOutcome = { ok: true; decision: Decision; check?: PorCheck } | { ok: false; refusal: Refusal };

export class PartnerOfRecord {
  private readonly now: () => Date;

  constructor(
    private readonly deps: { partners: PartnerDirectory; partnerCenter: PartnerCenterGateway; now?: () => Date },
  ) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Validates the reseller's PartnerID (or `partnerId`, the one the request puts on record) for this
   * distributor. A Partner Center outage refuses for now rather than letting an unchecked order through.
   */
  async validate(providerTenantId: string, resellerTenantId: string, partnerId?: string): Promise<PorOutcome> {
    const id = partnerId ?? (await this.deps.partners.get(resellerTenantId))?.mpnId;
    if (!id)
      return {
        ok: true,
        decision: refuse([violation('P9.reseller-mpn-id-missing', { resellerId: resellerTenantId })]),
      };
    try {
      const [result] = await this.deps.partnerCenter.as(providerTenantId).validateResellers([id]);
      const decision = partnerOfRecordDecision(id, result);
      const cause = decision.violations[0]?.code;
      const check: PorCheck = {
        at: this.now().toISOString(),
        partnerId: id,
        valid: result?.isValidPartnerIdOnRecord === true,
        ...(result?.errorCode === undefined ? {} : { errorCode: String(result.errorCode) }),
        ...(cause ? { cause } : {}),
      };
      return { ok: true, decision, check };
    } catch {
      // Nothing is recorded or ordered unchecked; the person can simply try again (the failure is logged by the gateway).
      return { ok: false, refusal: { kind: 'input', code: 'partner-of-record-unchecked' } };
    }
  }
}
