import { httpStatusFor, type NamedErrorCode, PartnerCenterError } from '../partnerCenter/errors';

/**
 * What Graph refuses in a GDAP call, as the product decides on it. Graph answers `{ error: { code,
 * message } }`; the pages read (2026-12-03) name no stable codes for these refusals, so these are the
 * sandbox's and the fake's, read back by the REST client from `error.code`: one place to change.
 */
export const GDAP_REFUSALS = [
  /** G1: duration outside P1D..P2Y, or not an ISO 8601 duration. */
  'invalidDuration',
  /** G1: auto-extend other than PT0S / P0D / P180D. */
  'invalidAutoExtendDuration',
  /** G1: auto-extend P180D while Global Administrator is among the roles. */
  'autoExtendNotAllowedWithGlobalAdministrator',
  'noRoles',
  'displayNameTaken',
  /** The relationship's status does not allow this action (locking twice, terminating a request, ...). */
  'invalidStatusForAction',
  /** The caller is not the party that may take this step (a distributor approving for a customer, ...). */
  'notAllowedForCaller',
  /** G4: the partner is suspended. */
  'partnerSuspended',
  'customerNotFound',
  'roleNotInRelationship',
] as const;
export type GdapRefusal = (typeof GDAP_REFUSALS)[number];

/** A Partner Center error (same retry and status mapping) that also names Graph's refusal, when there is one. */
export class GdapError extends PartnerCenterError {
  readonly refusal?: GdapRefusal;

  constructor(
    code: NamedErrorCode,
    description: string,
    details: { refusal?: GdapRefusal; httpStatus?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(code, description, { ...details, httpStatus: details.httpStatus ?? httpStatusFor(code) });
    this.name = 'GdapError';
    this.refusal = details.refusal;
  }
}

export const refuse = (refusal: GdapRefusal, description: string) =>
  new GdapError(REFUSAL_CODE[refusal], description, {
    refusal,
    httpStatus: refusal === 'notAllowedForCaller' ? 403 : undefined,
  });

const REFUSAL_CODE: Record<GdapRefusal, NamedErrorCode> = {
  invalidDuration: 'invalid-input',
  invalidAutoExtendDuration: 'invalid-input',
  autoExtendNotAllowedWithGlobalAdministrator: 'invalid-input',
  noRoles: 'invalid-input',
  displayNameTaken: 'conflict',
  invalidStatusForAction: 'invalid-input',
  notAllowedForCaller: 'unauthorized',
  partnerSuspended: 'unauthorized',
  customerNotFound: 'not-found',
  roleNotInRelationship: 'invalid-input',
};

export function isGdapRefusal(error: unknown, refusal?: GdapRefusal): error is GdapError {
  return (
    error instanceof GdapError && error.refusal !== undefined && (refusal === undefined || error.refusal === refusal)
  );
}

export function isGdapRefusalCode(value: unknown): value is GdapRefusal {
  return typeof value === 'string' && (GDAP_REFUSALS as readonly string[]).includes(value);
}
