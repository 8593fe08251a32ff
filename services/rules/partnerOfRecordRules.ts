/**
 * R1, R2: may this reseller be partner of record on an order or a change, as Partner Center's
 * `validateresellers` answered. The API gives one code (900400) for every cause and names the cause in
 * its description, so the cause is read from the words; a description no cause matches is still a
 * refusal (R1) and its own words are shown. The way forward is always the same two: fix the cause,
 * or name another, compliant reseller of record (R2).
 */
import type { ResellerValidation } from '../partnerCenter/gateway';
import { option, violation, type ViolationCode } from './codes';
import { allow, type Decision, refuse } from './decision';

/** Most specific first: every description mentions the PLA ID, so that cause is looked for last. */
const CAUSES: Array<[RegExp, ViolationCode]> = [
  [/suspend/i, 'R2.reseller-suspended'],
  [/complian|overdue|rejected profile/i, 'R2.compliance'],
  [/partner agreement|\bMPA\b/i, 'R2.mpa-not-signed'],
  [/region/i, 'R2.region-mismatch'],
  [/inactive|not authori[sz]ed|PLA ID|MPN ID/i, 'R2.pla-id-inactive'],
];

/** The decision for one reseller's validation; no answer at all for its id is a refusal too (R1). */
export function partnerOfRecordDecision(partnerId: string, result: ResellerValidation | undefined): Decision {
  if (result?.isValidPartnerIdOnRecord) return allow();
  const description = result?.errorDescription ?? '';
  const code = CAUSES.find(([words]) => words.test(description))?.[1] ?? 'R1.not-partner-of-record';
  const facts = { partnerId, errorCode: String(result?.errorCode ?? ''), errorDescription: description };
  return refuse([violation(code, facts)], [option('R2.fix-cause'), option('R2.name-another-reseller')]);
}
