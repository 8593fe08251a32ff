import type { AnswerStep } from './enrolmentAnswers';

/**
 * Where a step's card shows a reason for refusing its answer: under the field the reason is about,
 * and, when the answer contradicts what an earlier step saved (E3: the MPN profile's country against
 * the legal business country), that earlier step, so the person can open it instead of retyping here.
 */
export interface ReasonPlace {
  /** The input of this step's card the reason is about; none: the reason is about the whole step. */
  field?: string;
  /** The step whose saved answer this one contradicts. */
  earlierStep?: AnswerStep;
}

/** E3 is the one rule that sets two steps against each other: each names the other as the earlier one. */
const E3_OTHER_STEP: Partial<Record<AnswerStep, AnswerStep>> = {
  'mpn-id': 'legal-business-profile',
  'legal-business-profile': 'mpn-id',
};

/** The field of a step a rule violation (`rules:violation.<code>`) is about (E2, E3, E4). */
const VIOLATION_FIELDS: Record<string, Partial<Record<AnswerStep, string>>> = {
  'E2.work-account-missing': { 'work-account': 'hasWorkAccount' },
  'E2.global-admin-required': { 'work-account': 'globalAdmin' },
  'E2.mpn-id-missing': { 'mpn-id': 'mpnId' },
  'E2.legal-name-missing': { 'legal-business-profile': 'legalName' },
  'E2.address-missing': { 'legal-business-profile': 'line1' },
  'E2.primary-contact-missing': { 'primary-contact': 'contactEmail' },
  'E4.webmail-primary-contact': { 'primary-contact': 'contactEmail' },
  'E3.mpn-profile-inactive': { 'mpn-id': 'mpnId' },
  'E3.mpn-country-mismatch': { 'mpn-id': 'mpnId', 'legal-business-profile': 'country' },
};

/** The field of a step a notice of the enrolment service (`enrolment:refusal.<code>`) is about. */
const NOTICE_FIELDS: Record<string, Partial<Record<AnswerStep, string>>> = {
  'enrolment:refusal.mpn-not-found': { 'mpn-id': 'mpnId' },
  'enrolment:refusal.mpn-country-unknown': { 'mpn-id': 'mpnId' },
};

export function placeOfViolation(step: AnswerStep, code: string): ReasonPlace {
  const field = VIOLATION_FIELDS[code]?.[step];
  const earlierStep = code.startsWith('E3.') ? E3_OTHER_STEP[step] : undefined;
  return { ...(field ? { field } : {}), ...(earlierStep ? { earlierStep } : {}) };
}

export function placeOfNotice(step: AnswerStep, key: string): ReasonPlace {
  const field = NOTICE_FIELDS[key]?.[step];
  return field ? { field } : {};
}
