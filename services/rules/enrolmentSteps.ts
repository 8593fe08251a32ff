import { emailDomain } from '../domain/identifiers';
import type { PartnerDraft, PartnerStatus, PrimaryContact, SupportContact } from '../domain/partner';
import { option, violation } from './codes';
import { allow, type Decision, refuse } from './decision';
import { defaultWebmailList, isInitialDomain, isWebmail, type WebmailList } from './webmail';

/**
 * One validator per thing enrolment asks for, so a dialog can check each answer as it is given;
 * `enrolmentReadiness` runs them all.
 */

/**
 * E2.1: Global admin credentials of a work account (the one used for Office 365, Azure or
 * Dynamics CRM). A partner without one can create it during enrolment.
 */
export function checkWorkAccount(draft: Pick<PartnerDraft, 'tenantId' | 'status'>): Decision {
  if (!draft.tenantId) {
    return refuse([violation('E2.work-account-missing')], [option('E2.create-work-account')]);
  }
  if (draft.status.globalAdminConfirmed !== true) {
    return refuse([violation('E2.global-admin-required', { tenantId: draft.tenantId })]);
  }
  return allow();
}

/** E2.2: the MPN ID that links the partner's membership to the new Partner Center account. */
export function checkMpnId(draft: Pick<PartnerDraft, 'mpnId'>): Decision {
  return draft.mpnId ? allow() : refuse([violation('E2.mpn-id-missing')]);
}

/** E2.3: the legal business name and address. */
export function checkLegalBusinessProfile(draft: Pick<PartnerDraft, 'legalName' | 'address'>): Decision {
  const violations = [];
  if (!draft.legalName) violations.push(violation('E2.legal-name-missing'));
  if (!draft.address) violations.push(violation('E2.address-missing'));
  return refuse(violations);
}

/**
 * E2.3 and E4: a primary contact is required, and its address may not be on a web-based mail
 * service, because Microsoft verifies through it that the company owns the address (E5); for the
 * same reason not on the tenant's initial `.onmicrosoft.com` domain, which Microsoft owns.
 */
export function checkPrimaryContact(
  contact: Pick<PrimaryContact, 'email'> | undefined,
  webmail: WebmailList = defaultWebmailList,
): Decision {
  if (!contact) return refuse([violation('E2.primary-contact-missing')]);
  const facts = { email: contact.email, domain: emailDomain(contact.email) ?? '' };
  if (isWebmail(contact.email, webmail)) return refuse([violation('E4.webmail-primary-contact', facts)]);
  if (isInitialDomain(contact.email, webmail)) return refuse([violation('E4.initial-domain-primary-contact', facts)]);
  return allow();
}

/** E2.3 and E7: customer-support contact details (any of email, phone, web page). */
export function checkSupportContact(contact: SupportContact | undefined): Decision {
  const hasChannel = Boolean(contact && (contact.email || contact.phone || contact.url));
  return hasChannel ? allow() : refuse([violation('E2.support-contact-missing')]);
}

/**
 * E3: the MPN ID must belong to an active company profile in the same country as the Azure AD
 * tenant. Answers only once the MPN ID and the tenant country are known; until then it allows,
 * and E2's checks report what is missing.
 */
export function checkMpnCountry(draft: Pick<PartnerDraft, 'mpnId' | 'mpnProfile' | 'country' | 'address'>): Decision {
  const tenantCountry = draft.country ?? draft.address?.country;
  if (!draft.mpnId || !tenantCountry) return allow();
  if (!draft.mpnProfile) return refuse([violation('E3.mpn-profile-not-checked', { mpnId: draft.mpnId })]);
  const violations = [];
  if (!draft.mpnProfile.active) violations.push(violation('E3.mpn-profile-inactive', { mpnId: draft.mpnId }));
  if (draft.mpnProfile.country !== tenantCountry) {
    violations.push(
      violation('E3.mpn-country-mismatch', {
        mpnId: draft.mpnId,
        mpnCountry: draft.mpnProfile.country,
        tenantCountry,
      }),
    );
  }
  return refuse(violations);
}

/** True once Microsoft has the enrolment: verification has started or the partner is enrolled. */
export function isSubmitted(status: PartnerStatus): boolean {
  return status.enrolment === 'submitted' || status.enrolment === 'enrolled' || status.verification !== 'None';
}

/**
 * Known to Partner Center as a partner of the program: its enrolment was sent (E5), or it is already in CSP
 * by a PartnerID Partner Center found (E7). Only such an organisation's own domains stand for its CSP tenant
 * when other resellers name customers (C9, C10); a checklist left half-done proves nothing.
 */
export function isKnownToPartnerCenter(status: PartnerStatus): boolean {
  return isSubmitted(status) || status.onboardedInPartnerCenter || status.cspEnrolled === true;
}

/** True once the Partner Center account is usable (E5 verification passed, or enrolment finished). */
export function isAccountReady(status: PartnerStatus): boolean {
  return status.verification === 'Authorized' || status.enrolment === 'enrolled';
}

/**
 * E5: after submission Microsoft verifies the primary contact's address and reviews the
 * profile, which can take several days; a rejection can be appealed with documents.
 */
export function checkVerification(status: PartnerStatus): Decision {
  if (!isSubmitted(status)) return refuse([violation('E5.enrolment-not-submitted')]);
  if (isAccountReady(status)) return allow();
  const subStatus = status.verificationSubStatus ?? 'None';
  if (status.verification === 'Rejected') return refuse([violation('E5.verification-rejected', { subStatus })]);
  return refuse([violation('E5.verification-pending', { subStatus })]);
}

/**
 * E6: once the account is ready, the person finishing the set-up must be in the Admin agent
 * group, or they cannot add other users. Before that there is nothing to do yet.
 */
export function checkAdminAgent(status: PartnerStatus): Decision {
  if (!isAccountReady(status) || status.adminAgentAssigned === true) return allow();
  return refuse([violation('E6.admin-agent-missing')]);
}
