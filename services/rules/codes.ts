import type { Facts, RuleId, Violation, WayForward } from './decision';

/**
 * The registry of every code a rule can produce. Rules build violations and options only
 * through `violation()` and `option()`, which accept nothing but these codes, so the catalog
 * test that iterates this list covers every message a user can be shown.
 */

type RuleCode = `${RuleId}.${string}`;

export const ALL_VIOLATION_CODES = [
  'E2.work-account-missing',
  'E2.global-admin-required',
  'E2.mpn-id-missing',
  'E2.legal-name-missing',
  'E2.address-missing',
  'E2.primary-contact-missing',
  'E2.support-contact-missing',
  'E3.mpn-profile-not-checked',
  'E3.mpn-profile-inactive',
  'E3.mpn-country-mismatch',
  'E4.webmail-primary-contact',
  'E4.initial-domain-primary-contact',
  'E5.enrolment-not-submitted',
  'E5.verification-pending',
  'E5.verification-rejected',
  'E6.admin-agent-missing',
  'M1.mpa-not-signed',
  'M2.reseller-mpa-not-signed',
  'M3.not-onboarded',
  'M3.not-enrolled-as-indirect-reseller',
  'M3.mpa-not-signed',
  'M5.move-to-partner-center',
  'M5.not-enrolled-in-csp',
  'M5.mpn-id-not-in-partner-center',
  'P1.reseller-not-enrolled',
  'P1.reseller-no-partner-center-account',
  'P1.not-indirect-reseller-account',
  'P5.no-active-partnership',
  'P6.different-region',
  'P6.unknown-country',
  'P6.country-not-served',
  'P6.csp-not-offered',
  'P6.partner-center-region-mismatch',
  'P8.reseller-cannot-end-partnership',
  'P9.reseller-mpn-id-missing',
  'P9.mpn-id-mismatch',
  'P9.mpn-id-not-indirect-reseller',
  'C2.no-reseller-relationship',
  'C7.different-region',
  'C7.unknown-country',
  'C7.country-not-served',
  'C7.csp-not-offered',
  'C8.customer-is-partner-itself',
  'C8.customer-is-affiliate',
  'C9.partner-csp-tenant',
  'C9.own-use-seller-not-allowed',
  'C10.reseller-cannot-be-provider-customer',
  'T2.unsupported-chain',
  'T2.provider-not-indirect-provider',
  'T2.reseller-not-indirect-reseller',
  'T4.customer-tenant-exists',
  'MCA1.customer-agreement-not-attested',
  'NCE2.support-contact-legacy-only',
  'R1.not-partner-of-record',
  'R2.reseller-suspended',
  'R2.region-mismatch',
  'R2.pla-id-inactive',
  'R2.mpa-not-signed',
  'R2.compliance',
  'NCE1.reduction-window-closed',
  'G1.duration-out-of-range',
  'G1.no-roles',
  'G1.auto-extend-value',
  'G1.auto-extend-with-global-administrator',
] as const satisfies readonly RuleCode[];
export type ViolationCode = (typeof ALL_VIOLATION_CODES)[number];

export const ALL_OPTION_CODES = [
  'E2.create-work-account',
  'E8.find-provider-in-region',
  'C1.invite-customer',
  'T4.customer-keeps-other-partners',
  'T3.become-direct-bill-partner',
  'C9.use-separate-customer-tenant',
  'C10.separate-tenant',
  'C10.end-relationship-via-support-and-use-another-provider',
  'C10.stay-customer-and-resell-through-another-provider',
  'P8.contact-microsoft-support',
  'MCA1.give-customer-agreement',
  'R2.fix-cause',
  'R2.name-another-reseller',
] as const satisfies readonly RuleCode[];
export type OptionCode = (typeof ALL_OPTION_CODES)[number];

function ruleOf(code: RuleCode): RuleId {
  return code.slice(0, code.indexOf('.')) as RuleId;
}

export function violation(code: ViolationCode, facts: Facts = {}): Violation {
  return { rule: ruleOf(code), code, facts };
}

export function option(code: OptionCode): WayForward {
  return { rule: ruleOf(code), code };
}
