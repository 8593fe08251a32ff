/**
 * The causes for which Partner Center refuses a reseller as partner of record (R2), and the answer
 * `validateresellers` gives for each (R1): `isValidPartnerIdOnRecord: false`, error code 900400 and a
 * description naming the cause. The real API documents one code for all of them, so the cause travels
 * in the description; the sandbox writes it as the API does and services/rules reads it back.
 */
import type { ResellerValidation } from './gateway';

export const POR_CAUSES = ['suspended', 'region-mismatch', 'pla-inactive', 'mpa-not-signed', 'compliance'] as const;
export type PorCause = (typeof POR_CAUSES)[number];

/** R1: the code `validateresellers` answers for a PLA ID that is not a valid partner of record. */
export const POR_INVALID_CODE = 900400;

const DESCRIPTIONS: Record<PorCause, string> = {
  suspended: 'The reseller tenant is suspended, so the PLA ID (formerly MPN ID) cannot be partner of record.',
  'region-mismatch': "The reseller's PLA ID (formerly MPN ID) is in another region than the distributor's.",
  'pla-inactive': 'The PLA ID (formerly MPN ID) is inactive or not authorized as an indirect reseller.',
  'mpa-not-signed': 'The reseller has not signed the Microsoft Partner Agreement (MPA).',
  compliance: 'The reseller has compliance issues (a rejected profile or overdue payments).',
};

export function isPorCause(value: string): value is PorCause {
  return (POR_CAUSES as readonly string[]).includes(value);
}

/** One validation result as Partner Center words it: valid, or the cause's code and description. */
export function porValidation(partnerId: string, cause: PorCause | undefined): ResellerValidation {
  if (!cause) return { partnerId, isValidPartnerIdOnRecord: true };
  return {
    partnerId,
    isValidPartnerIdOnRecord: false,
    errorCode: POR_INVALID_CODE,
    errorDescription: DESCRIPTIONS[cause],
  };
}
