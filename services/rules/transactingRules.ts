import type { Partner } from '../domain/partner';
import { violation } from './codes';
import { allow, type Decision, refuse, type Violation } from './decision';
import { isEnrolledIndirectReseller } from './enrolledReseller';

type Transactor = Pick<Partner, 'id' | 'kind' | 'status'>;

/**
 * M1: since 1 February 2020 every partner that transacts in CSP (indirect providers, direct-bill
 * partners and indirect resellers) must have signed the Microsoft Partner Agreement.
 */
export function checkMpaSigned(partner: Transactor): Decision {
  return partner.status.mpaSigned ? allow() : refuse([violation('M1.mpa-not-signed', { partnerId: partner.id })]);
}

/** M3's first two requirements: onboarded into Partner Center and enrolled as an indirect reseller. */
function resellerOnboarding(reseller: Transactor): Violation[] {
  const violations: Violation[] = [];
  if (!reseller.status.onboardedInPartnerCenter) {
    violations.push(violation('M3.not-onboarded', { partnerId: reseller.id }));
  }
  if (reseller.kind !== 'indirect-reseller' || !isEnrolledIndirectReseller(reseller.status)) {
    violations.push(
      violation('M3.not-enrolled-as-indirect-reseller', {
        partnerId: reseller.id,
        enrolment: reseller.status.enrolment,
      }),
    );
  }
  return violations;
}

/**
 * M3 (and M1 for the other kinds): may this partner transact new business? An indirect reseller
 * needs all three of: onboarded into Partner Center, enrolled as an indirect reseller, MPA signed.
 */
export function mayTransact(partner: Transactor): Decision {
  if (partner.kind !== 'indirect-reseller') return checkMpaSigned(partner);
  const violations = resellerOnboarding(partner);
  if (!partner.status.mpaSigned) violations.push(violation('M3.mpa-not-signed', { partnerId: partner.id }));
  return refuse(violations);
}

/**
 * M2 (with M1 and M3): may this provider transact new business with this reseller, or associate
 * the reseller's MPN ID with a new subscription? Not before the reseller has signed the MPA; the
 * provider needs its own MPA too, and the reseller must be onboarded and enrolled.
 */
export function providerMayTransactWith(provider: Transactor, reseller: Transactor): Decision {
  const violations: Violation[] = [...checkMpaSigned(provider).violations];
  violations.push(...resellerMayBeTransactedWith(reseller).violations);
  return refuse(violations);
}

/**
 * M2 and M3, the reseller's side alone: onboarded, enrolled as an indirect reseller (which P1 asks
 * as well), and the MPA signed, before any provider may transact new business with it.
 */
export function resellerMayBeTransactedWith(reseller: Transactor): Decision {
  const violations = resellerOnboarding(reseller);
  if (!reseller.status.mpaSigned) violations.push(violation('M2.reseller-mpa-not-signed', { resellerId: reseller.id }));
  return refuse(violations);
}

/**
 * M5: an MPN membership is not a CSP enrolment. A partner still on Partner Membership Center moves
 * to Partner Center first; the account type in the partner profile tells which it has; then it
 * enrols as an indirect reseller.
 */
export function checkCspEnrolment(partner: Pick<Partner, 'id' | 'status'> & { mpnId?: string }): Decision {
  if (partner.status.accountType === 'partner-membership-center') {
    return refuse([violation('M5.move-to-partner-center', { partnerId: partner.id })]);
  }
  if (!isEnrolledIndirectReseller(partner.status) && partner.status.cspEnrolled !== true) {
    return refuse([violation('M5.not-enrolled-in-csp', { partnerId: partner.id, mpnId: partner.mpnId ?? '' })]);
  }
  return allow();
}
