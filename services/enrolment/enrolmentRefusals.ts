import type { Decision, Violation, WayForward } from '../rules';
import { isPartnerCenterError } from '../partnerCenter/errors';

/**
 * How the enrolment says no: a rule's violation (`rules:violation.<code>`) or a notice of its own
 * (`enrolment:refusal.<key>`), and what a Partner Center error becomes for the person enrolling.
 */

/** A reason to show: a rule's violation (`rules:violation.<code>`) or a notice of the service's own. */
export interface Refusal {
  outcome: 'refused';
  violations: Violation[];
  options: WayForward[];
  notices: Array<{ key: string; params?: Record<string, string> }>;
}

/** Raised inside an atomic update to abandon it without writing. */
export class RefusedChange extends Error {
  constructor(readonly refusal: Refusal) {
    super('refused');
  }
}

export const refusal = (
  decision: Pick<Decision, 'violations' | 'options'>,
  notices: Refusal['notices'] = [],
): Refusal => ({
  outcome: 'refused',
  violations: decision.violations,
  options: decision.options,
  notices,
});

export const notice = (key: string, params?: Record<string, string>): Refusal =>
  refusal({ violations: [], options: [] }, [{ key, params }]);

/** A Partner Center error in words the reseller can act on; anything else is not ours to explain. */
export function gatewayRefusal(error: unknown): Refusal {
  if (!isPartnerCenterError(error)) throw error;
  if (error.code === 'conflict') return notice('enrolment:refusal.gateway-conflict');
  if (error.code === 'not-found') return notice('enrolment:refusal.gateway-not-found');
  if (error.code === 'invalid-input') return notice('enrolment:refusal.gateway-refused');
  return notice('enrolment:refusal.gateway-unavailable');
}
