import { isPartnerCenterError } from '../partnerCenter/errors';
import type { Refusal } from '../partnerships/types';
import { partnerCenterRefusal } from '../rules/partnerCenterRefusals';
import { partnerOfRecordDecision } from '../rules/partnerOfRecordRules';
import { POR_INVALID_CODE } from '../partnerCenter/partnerOfRecordCauses';
// The request as the domain defines it: what the refusal reads is all there, nothing of the stored record.
import type { PartnerRequest } from '../domain/request';

/**
 * What the approving rep is told when Partner Center refuses an approved request: the rule and the
 * way forward when one explains the refusal (partnerCenterRefusal), otherwise what kind of failure it
 * was (an outage to retry, credentials to fix, details Partner Center would not take).
 */
export function partnerCenterFailureRefusal(error: unknown, request: PartnerRequest): Refusal {
  if (!isPartnerCenterError(error)) return { kind: 'input', code: 'partner-center-failed' };
  if (error.code === POR_INVALID_CODE) {
    // R1: Partner Center refused the partner of record at the order itself; its words name the cause (R2).
    const partnerId = request.subscriptions.find((s) => s.resellerMpnIdOnRecord)?.resellerMpnIdOnRecord ?? '';
    const refusal = {
      partnerId,
      isValidPartnerIdOnRecord: false,
      errorCode: error.code,
      errorDescription: error.message,
    };
    const decision = partnerOfRecordDecision(partnerId, refusal);
    return { kind: 'rules', violations: decision.violations, options: decision.options };
  }
  const decision = partnerCenterRefusal(error.code, {
    providerId: request.providerId,
    resellerId: request.resellerId,
    resellerMpnId: request.subscriptions.find((s) => s.resellerMpnIdOnRecord)?.resellerMpnIdOnRecord,
    newCustomer: request.kind === 'new-customer',
    customerDomain: request.customer.domain,
    customerTenantId: request.customer.tenantId,
  });
  if (decision) return { kind: 'rules', violations: decision.violations, options: decision.options };
  if (error.retryable) return { kind: 'input', code: 'partner-center-unavailable' };
  if (error.code === 'unauthorized') return { kind: 'input', code: 'partner-center-unauthorized' };
  if (error.code === 'invalid-input') return { kind: 'input', code: 'partner-center-refused-details' };
  return { kind: 'input', code: 'partner-center-failed' };
}
