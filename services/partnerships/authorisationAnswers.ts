import type { Decision } from '../rules/decision';

/**
 * P3: authorising grants the provider its rights, so it needs the consent box ticked; a card sends the
 * box as 'true'/'false' text (Adaptive Cards Input.Toggle) or as a boolean, and anything else is no.
 */
export function consentGiven(consent: string | boolean | undefined): boolean {
  return consent === 'true' || consent === true;
}

/**
 * Not enrolled (P1): the first P1 reason alone, with the advice to enrol first. Further P1 reasons
 * (no Partner Center account seen, for one) say the same with other advice, and an organisation
 * already in CSP is told by that advice how to say so (E7). Undefined when P1 is not the refusal.
 */
export function enrolFirstAnswer(decision: Decision): { reason: Decision; advice: 'enrolFirst' } | undefined {
  const notEnrolled = decision.violations.find((v) => v.rule === 'P1');
  return notEnrolled
    ? { reason: { allowed: false, violations: [notEnrolled], options: [] }, advice: 'enrolFirst' }
    : undefined;
}
