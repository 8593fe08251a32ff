import type { PartnerDraft, PartnerStatus } from '../domain/partner';
import { allow, combine, type Decision, type RuleId } from './decision';
import {
  checkAdminAgent,
  checkLegalBusinessProfile,
  checkMpnCountry,
  checkMpnId,
  checkPrimaryContact,
  checkSupportContact,
  checkVerification,
  checkWorkAccount,
  isAccountReady,
  isSubmitted,
} from './enrolmentSteps';
import { defaultWebmailList, type WebmailList } from './webmail';

/** The steps a progress card lists, in the order the partner meets them (`rules:prerequisite.<id>`). */
export const ENROLMENT_STEP_IDS = [
  'work-account',
  'mpn-id',
  'legal-business-profile',
  'primary-contact',
  'support-contact',
  'mpn-country',
  'submitted',
  'verification',
  'admin-agent',
] as const;
export type EnrolmentStepId = (typeof ENROLMENT_STEP_IDS)[number];

/**
 * done: nothing left to do; missing: the partner has to act; waiting: nothing to do before an
 * earlier step or Microsoft moves; not-needed: E7 spares an already-enrolled CSP partner
 * (`rules:prerequisite-status.<status>`).
 */
export const ENROLMENT_STEP_STATUSES = ['done', 'missing', 'waiting', 'not-needed'] as const;
export type EnrolmentStepStatus = (typeof ENROLMENT_STEP_STATUSES)[number];

export interface EnrolmentStep {
  id: EnrolmentStepId;
  rule: RuleId;
  status: EnrolmentStepStatus;
}

export interface EnrolmentReadiness {
  /** Allowed when nothing stands between the partner and a usable reseller account. */
  decision: Decision;
  steps: EnrolmentStep[];
}

const step = (id: EnrolmentStepId, rule: RuleId, status: EnrolmentStepStatus): EnrolmentStep => ({ id, rule, status });
const doneOr = (decision: Decision, otherwise: EnrolmentStepStatus): EnrolmentStepStatus =>
  decision.allowed ? 'done' : otherwise;

/** E5: waiting while Microsoft reviews (or before submission); to do again only after a rejection. */
function verificationStep(status: PartnerStatus): EnrolmentStepStatus {
  if (isAccountReady(status)) return 'done';
  return status.verification === 'Rejected' ? 'missing' : 'waiting';
}

/**
 * Where a partner stands on its way to an indirect reseller account (E2–E7): every prerequisite
 * with its status, and a decision whose violations say what is missing or wrong.
 */
export function enrolmentReadiness(draft: PartnerDraft, options: { webmail?: WebmailList } = {}): EnrolmentReadiness {
  const support = checkSupportContact(draft.supportContact);

  // E7: a partner already in CSP only adds its customer-support details.
  if (draft.status.cspEnrolled === true) {
    const steps = ENROLMENT_STEP_IDS.map((id) =>
      id === 'support-contact' ? step(id, 'E7', doneOr(support, 'missing')) : step(id, 'E7', 'not-needed'),
    );
    return { decision: support, steps };
  }

  const workAccount = checkWorkAccount(draft);
  const mpnId = checkMpnId(draft);
  const profile = checkLegalBusinessProfile(draft);
  const primary = checkPrimaryContact(draft.primaryContact, options.webmail ?? defaultWebmailList);
  const mpnCountry = checkMpnCountry(draft);
  const gathered = combine(workAccount, mpnId, profile, primary, support, mpnCountry);

  const submitted = isSubmitted(draft.status);
  // Until everything is gathered, "submit" is not yet the next thing to do: E2's violations say what is.
  const review = submitted || gathered.allowed ? checkVerification(draft.status) : allow();
  const adminAgent = checkAdminAgent(draft.status);

  const mpnCountryKnown = Boolean(draft.mpnId && (draft.country ?? draft.address?.country));
  const steps: EnrolmentStep[] = [
    step('work-account', 'E2', doneOr(workAccount, 'missing')),
    step('mpn-id', 'E2', doneOr(mpnId, 'missing')),
    step('legal-business-profile', 'E2', doneOr(profile, 'missing')),
    step('primary-contact', 'E4', doneOr(primary, 'missing')),
    step('support-contact', 'E2', doneOr(support, 'missing')),
    step('mpn-country', 'E3', mpnCountryKnown ? doneOr(mpnCountry, 'missing') : 'waiting'),
    step('submitted', 'E5', submitted ? 'done' : gathered.allowed ? 'missing' : 'waiting'),
    step('verification', 'E5', verificationStep(draft.status)),
    step('admin-agent', 'E6', isAccountReady(draft.status) ? doneOr(adminAgent, 'missing') : 'waiting'),
  ];

  const decision = combine(gathered, review, adminAgent);
  return { decision, steps };
}
