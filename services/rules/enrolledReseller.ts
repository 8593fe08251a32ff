import type { PartnerStatus } from '../domain/partner';

/**
 * The one place that decides whether a reseller IS enrolled as an indirect reseller (P1, M3, M5),
 * from what the reseller did through the assistant and what Partner Center says:
 * - enrolled here (E1, E2) and verified: Partner Center's verification reached Authorized (E5);
 * - already enrolled in CSP (E7): the reseller told us so, and Partner Center, asked through the
 *   distributor (API1), knows its PartnerID as an indirect reseller account (recorded as `enrolled`);
 * - or a record that already says `enrolled`.
 */
export function isEnrolledIndirectReseller(status: PartnerStatus): boolean {
  if (status.enrolment === 'enrolled') return true;
  return status.enrolment === 'submitted' && status.verification === 'Authorized';
}

/** The status as the directory keeps it: `enrolled` as soon as `isEnrolledIndirectReseller` says so (E5, P1). */
export function settledStatus(status: PartnerStatus): PartnerStatus {
  return isEnrolledIndirectReseller(status) && status.enrolment !== 'enrolled'
    ? { ...status, enrolment: 'enrolled' }
    : status;
}
