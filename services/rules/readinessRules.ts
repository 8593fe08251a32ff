/**
 * Ready to transact (issue 15 item 6): each condition the program puts on an order, for one reseller
 * with one distributor, decided from facts of two kinds kept apart (API1): what Partner Center says
 * through the distributor's credentials (`validateresellers`, `agreementstatus`, the relationship list,
 * the customer's agreements) and what the reseller told us (its enrolment steps, its country, a ticked
 * MPA). Each condition says its state, which kind of fact decided it, and the fix where it fails.
 */
import type { PartnershipState } from '../domain/partnership';
import type { ResellerValidation } from '../partnerCenter/gateway';
import type { Facts, RuleId } from './decision';
import { checkSameRegion } from './partnershipRules';
import { partnerOfRecordDecision } from './partnerOfRecordRules';
import type { RegionTable } from './regionTable';

export const CONDITIONS = ['enrolled', 'partner-id', 'region', 'mpa', 'partner-of-record', 'partnership'] as const;
export type ConditionId = (typeof CONDITIONS)[number];

/** met; failed (someone must act); waiting (on Microsoft, nothing to do but wait); unknown (could not be asked). */
export type ConditionState = 'met' | 'failed' | 'waiting' | 'unknown';

/**
 * API1: Partner Center's word (through the distributor), or the reseller's own report; where neither
 * says anything (nothing submitted, an invitation not answered, Partner Center not reachable), the
 * assistant's own records, never dressed as either.
 */
export type FactSource = 'partner-center' | 'reported' | 'assistant';

export interface Condition {
  id: ConditionId;
  rules: RuleId[];
  state: ConditionState;
  source: FactSource;
  /** What the state is, in the catalog: `ready:detail.<id>.<detail>`, with `facts`. */
  detail: string;
  facts: Facts;
  /** The fix, when there is one: `ready:fix.<fix>` worded per reader (reseller / distributor). */
  fix?: string;
}

export interface ReadinessFacts {
  reseller: {
    tenantId: string;
    mpnId?: string;
    country?: string;
    enrolment: 'not-started' | 'in-progress' | 'submitted' | 'enrolled';
    /** E7: it told us it was already enrolled in CSP. */
    cspEnrolled?: boolean;
    /** E5: when it submitted its enrolment here, and when Microsoft's answer is usually due. */
    submittedAt?: string;
    expectedFrom?: string;
    expectedTo?: string;
    /** M4: it told us its Global admin accepted the MPA. */
    mpaReportedSigned?: boolean;
  };
  /** The distributor the order would go through; undefined when the reseller has none. */
  distributor?: { name: string; country?: string };
  /** The partnership as the assistant keeps it (P2, P3), and whether Partner Center lists it (undefined: not asked). */
  partnership?: { state: PartnershipState; listedByPartnerCenter?: boolean };
  /** `validateresellers` for the reseller's PartnerID (R1); undefined when it could not be asked. */
  validation?: ResellerValidation;
  /** `agreementstatus` (M2): undefined when Partner Center could not say. */
  mpaSigned?: boolean;
}

/** Causes after which the PartnerID still belongs to an indirect reseller account (it enrolled; E5). */
const ENROLLED_DESPITE = new Set(['R2.reseller-suspended', 'R2.compliance', 'R2.mpa-not-signed', 'R2.region-mismatch']);

const condition = (
  id: ConditionId,
  rules: RuleId[],
  state: ConditionState,
  source: FactSource,
  detail: string,
  facts: Facts = {},
  fix?: string,
): Condition => ({ id, rules, state, source, detail, facts, ...(fix ? { fix } : {}) });

/** R2: the cause Partner Center gave, as the rule reads it; undefined when valid or not asked. */
function porCause(facts: ReadinessFacts): string | undefined {
  const { validation, reseller } = facts;
  if (!validation || validation.isValidPartnerIdOnRecord) return undefined;
  return partnerOfRecordDecision(reseller.mpnId ?? validation.partnerId, validation).violations[0]?.code;
}

/** E5, M3, API1: enrolled and verified, as Partner Center shows the PartnerID; otherwise what the reseller told us. */
function enrolled(facts: ReadinessFacts, cause: string | undefined): Condition {
  const { reseller, validation } = facts;
  const rules: RuleId[] = ['E5', 'M3', 'API1'];
  if (validation && (validation.isValidPartnerIdOnRecord || (cause && ENROLLED_DESPITE.has(cause)))) {
    return condition('enrolled', rules, 'met', 'partner-center', 'authorised');
  }
  const submitted = reseller.enrolment === 'submitted' || reseller.enrolment === 'enrolled';
  if (submitted && reseller.submittedAt) {
    const window = {
      submittedAt: reseller.submittedAt,
      from: reseller.expectedFrom ?? '',
      to: reseller.expectedTo ?? '',
    };
    return condition('enrolled', rules, 'waiting', 'reported', 'submitted', window, 'wait-for-verification');
  }
  if (submitted || reseller.cspEnrolled) {
    // E7: enrolled before the assistant; Partner Center either does not show it yet or could not be asked.
    const state = validation ? 'failed' : 'unknown';
    return condition(
      'enrolled',
      rules,
      state,
      'reported',
      'said-enrolled',
      {},
      validation ? 'check-enrolment' : undefined,
    );
  }
  return condition('enrolled', rules, 'failed', 'assistant', 'not-submitted', {}, 'enrol');
}

/** N1, P9, R2: a PartnerID (PLA ID) the assistant knows, and Partner Center does not call inactive. */
function partnerId(facts: ReadinessFacts, cause: string | undefined, enrolment: Condition): Condition {
  const { reseller, validation } = facts;
  const rules: RuleId[] = ['N1', 'P9', 'R2'];
  if (!reseller.mpnId) return condition('partner-id', rules, 'failed', 'assistant', 'missing', {}, 'give-partner-id');
  const id = { mpnId: reseller.mpnId };
  if (!validation) return condition('partner-id', rules, 'unknown', 'reported', 'told', id);
  if (cause === 'R2.pla-id-inactive' || cause === 'R1.not-partner-of-record') {
    // Waiting on Microsoft's verification is not a wrong id: the PLA ID turns authorised once it is done (E5).
    return enrolment.state === 'waiting'
      ? condition('partner-id', rules, 'waiting', 'partner-center', 'not-yet-authorised', id, 'wait-for-verification')
      : condition('partner-id', rules, 'failed', 'partner-center', 'inactive', id, 'check-partner-id');
  }
  return condition('partner-id', rules, 'met', 'partner-center', 'active', id);
}

/** P6: the reseller and the distributor in one CSP region; Partner Center's refusal (2201, R2) wins over the countries. */
function region(facts: ReadinessFacts, regions: RegionTable | undefined, cause: string | undefined): Condition {
  const { distributor, reseller } = facts;
  if (!distributor)
    return condition('region', ['P6'], 'unknown', 'assistant', 'no-distributor', {}, 'find-distributor');
  if (cause === 'R2.region-mismatch') {
    return condition('region', ['P6'], 'failed', 'partner-center', 'mismatch', {}, 'other-region');
  }
  if (!reseller.country || !distributor.country) {
    return condition(
      'region',
      ['P6'],
      'unknown',
      'assistant',
      'no-country',
      {},
      reseller.country ? undefined : 'enrol',
    );
  }
  const decision = checkSameRegion({ country: distributor.country }, { country: reseller.country }, regions);
  const countries = { resellerCountry: reseller.country, distributorCountry: distributor.country };
  if (!decision.allowed) {
    return condition('region', ['P6'], 'failed', 'reported', 'different', countries, 'other-region');
  }
  // A valid partner of record passed Partner Center's own region check (2201 would refuse it).
  const source = facts.validation?.isValidPartnerIdOnRecord ? 'partner-center' : 'reported';
  return condition('region', ['P6'], 'met', source, 'same', countries);
}

/** M2, M4: the MPA as `agreementstatus` shows it; a ticked box the reseller reported is only its word. */
function mpa(facts: ReadinessFacts, cause: string | undefined): Condition {
  if (facts.mpaSigned === true) return condition('mpa', ['M2', 'M4'], 'met', 'partner-center', 'signed');
  if (facts.mpaSigned === false || cause === 'R2.mpa-not-signed') {
    return condition('mpa', ['M2', 'M4'], 'failed', 'partner-center', 'unsigned', {}, 'sign-mpa');
  }
  return facts.reseller.mpaReportedSigned
    ? condition('mpa', ['M2', 'M4'], 'unknown', 'reported', 'said-signed')
    : condition('mpa', ['M2', 'M4'], 'unknown', 'assistant', 'not-known', {}, 'sign-mpa');
}

/** R1, R2: `validateresellers` for the PartnerID; the cause and its fix when refused. */
function partnerOfRecord(facts: ReadinessFacts, cause: string | undefined): Condition {
  const { validation, reseller } = facts;
  if (!reseller.mpnId) return condition('partner-of-record', ['R1'], 'unknown', 'assistant', 'no-partner-id');
  if (!validation) return condition('partner-of-record', ['R1'], 'unknown', 'assistant', 'not-asked');
  if (validation.isValidPartnerIdOnRecord) {
    return condition('partner-of-record', ['R1'], 'met', 'partner-center', 'valid', { partnerId: reseller.mpnId });
  }
  const code = cause ?? 'R1.not-partner-of-record';
  const refusal = {
    partnerId: reseller.mpnId,
    errorCode: String(validation.errorCode ?? ''),
    errorDescription: validation.errorDescription ?? '',
  };
  return condition('partner-of-record', ['R1', 'R2'], 'failed', 'partner-center', code, refusal, code);
}

/** P3, P5: a partnership Partner Center lists; the assistant's record says how far it got otherwise. */
function partnership(facts: ReadinessFacts): Condition {
  const p = facts.partnership;
  const rules: RuleId[] = ['P3', 'P5'];
  const name = { distributor: facts.distributor?.name ?? '' };
  if (p?.listedByPartnerCenter === true || (p?.state === 'active' && p.listedByPartnerCenter === undefined)) {
    return condition('partnership', rules, 'met', 'partner-center', 'active', name);
  }
  if (p?.state === 'awaiting-partner-center') {
    return condition(
      'partnership',
      rules,
      'waiting',
      'partner-center',
      'not-listed',
      name,
      'authorize-in-partner-center',
    );
  }
  // Recorded active, but gone from the distributor's list in Partner Center (removed there, P7).
  if (p?.state === 'active')
    return condition('partnership', rules, 'failed', 'partner-center', 'gone', name, 'ask-invitation');
  if (p?.state === 'invited')
    return condition('partnership', rules, 'failed', 'reported', 'invited', name, 'accept-invitation');
  return facts.distributor
    ? condition('partnership', rules, 'failed', 'assistant', 'none', name, 'ask-invitation')
    : condition('partnership', rules, 'failed', 'assistant', 'none', name, 'find-distributor');
}

/** Every condition on an order, in the order a reseller meets them; ready only when each is met. */
export function assessReadiness(
  facts: ReadinessFacts,
  regions?: RegionTable,
): { ready: boolean; conditions: Condition[] } {
  const cause = porCause(facts);
  const enrolment = enrolled(facts, cause);
  const conditions = [
    enrolment,
    partnerId(facts, cause, enrolment),
    region(facts, regions, cause),
    mpa(facts, cause),
    partnerOfRecord(facts, cause),
    partnership(facts),
  ];
  return { ready: conditions.every((c) => c.state === 'met'), conditions };
}
