import type { PartnerDraft } from '../domain/partner';
import {
  checkLegalBusinessProfile,
  checkMpnCountry,
  checkPrimaryContact,
  checkSupportContact,
  checkWorkAccount,
  combine,
  type Decision,
  type Violation,
} from '../rules';
import type { WebmailList } from '../rules/webmail';
import { type Answer, type AnswerStep, countryAnswer, emailAnswer } from './enrolmentAnswers';
import { domainsWithContact } from './ownDomains';

/**
 * One enrolment answer's effect: how it changes the reseller's draft, and which rules (E2–E4, E7, M4)
 * decide whether that draft may be kept. Pure, so the service can run it inside an atomic update.
 */

/** Steps whose answers go to Microsoft with the enrolment: frozen once it is submitted. */
export const SUBMITTED_FIELDS: ReadonlySet<AnswerStep> = new Set([
  'work-account',
  'mpn-id',
  'legal-business-profile',
  'primary-contact',
  'already-enrolled',
]);

export function applyAnswer(
  draft: PartnerDraft,
  step: AnswerStep,
  answer: Answer<AnswerStep>,
  mpnProfile: PartnerDraft['mpnProfile'],
  partnerName?: string,
): PartnerDraft {
  const status = {
    ...draft.status,
    enrolment: draft.status.enrolment === 'not-started' ? ('in-progress' as const) : draft.status.enrolment,
  };
  switch (step) {
    case 'work-account': {
      const a = answer as Answer<'work-account'>;
      return { ...draft, status: { ...status, globalAdminConfirmed: a.hasWorkAccount && a.globalAdmin } };
    }
    case 'mpn-id':
      return { ...draft, status, mpnId: (answer as Answer<'mpn-id'>).mpnId, mpnProfile };
    case 'legal-business-profile': {
      const a = answer as Answer<'legal-business-profile'>;
      return { ...draft, status, legalName: a.legalName, country: a.country, address: a.address };
    }
    case 'primary-contact': {
      const contact = answer as Answer<'primary-contact'>;
      return { ...draft, status, primaryContact: contact, domains: domainsWithContact(draft, contact.email) };
    }
    case 'support-contact':
      return { ...draft, status, supportContact: answer as Answer<'support-contact'> };
    case 'already-enrolled': {
      // E7: what the reseller told us; Partner Center confirms it when a distributor asks (API1).
      const a = answer as Answer<'already-enrolled'>;
      return {
        ...draft,
        status: { ...status, cspEnrolled: true },
        // The name Partner Center holds for the PartnerID, so both sides see who it is.
        legalName: draft.legalName ?? partnerName,
        mpnId: a.mpnId,
        mpnProfile,
        country: a.country,
        supportContact: a.supportContact,
      };
    }
    case 'admin-agent':
      return { ...draft, status: { ...status, adminAgentAssigned: (answer as Answer<'admin-agent'>).adminAgent } };
    case 'mpa':
      // M4: the tick is what the reseller told us; `mpaSigned` is Partner Center's word alone (the watcher's).
      return { ...draft, status: { ...status, mpaReportedSigned: (answer as Answer<'mpa'>).mpaSigned } };
  }
}

/** The rules that decide whether this step's answer may be kept, applied to the draft it would make. */
export function checkAnswer(
  step: AnswerStep,
  next: PartnerDraft,
  answer: Answer<AnswerStep>,
  webmail: WebmailList,
): Decision {
  switch (step) {
    case 'work-account': {
      // E2.1: with no work account, the rule's own guidance (create one during enrolment) applies;
      // with one but no Global admin, the Global admin is what is missing.
      const { hasWorkAccount } = answer as Answer<'work-account'>;
      return checkWorkAccount({ tenantId: hasWorkAccount ? next.tenantId : undefined, status: next.status });
    }
    case 'mpn-id':
      return checkMpnCountry(next);
    case 'legal-business-profile':
      return combine(checkLegalBusinessProfile(next), checkMpnCountry(next));
    case 'primary-contact':
      return checkPrimaryContact(next.primaryContact, webmail);
    case 'support-contact':
      return checkSupportContact(next.supportContact);
    case 'already-enrolled':
      return combine(checkSupportContact(next.supportContact), checkMpnCountry(next));
    case 'admin-agent':
    case 'mpa':
      // Confirmations: a "not yet" is recorded as such; the progress list shows what it blocks.
      return combine();
  }
}

/**
 * The rules a refused form's well-formed fields already break (E3, E4): each field is parsed on its
 * own, so a bad name does not hide a webmail address, nor a bad city a country that contradicts the MPN ID.
 */
export function checkWhatParsed(
  step: AnswerStep,
  raw: unknown,
  draft: PartnerDraft,
  webmail: WebmailList,
): Violation[] {
  const fields = (raw ?? {}) as Record<string, unknown>;
  if (step === 'primary-contact') {
    const email = emailAnswer.safeParse(fields.contactEmail);
    return email.success ? checkPrimaryContact({ email: email.data }, webmail).violations : [];
  }
  if (step === 'legal-business-profile') {
    const country = countryAnswer.safeParse(fields.country);
    return country.success ? checkMpnCountry({ ...draft, country: country.data }).violations : [];
  }
  return [];
}
