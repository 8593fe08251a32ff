/**
 * One error type for every Partner Center failure, whichever gateway implementation raised it,
 * so callers decide the same way on the sandbox and on the real API.
 */

/** Partner Center's own numeric error codes for agreement status (DOMAIN.md, "What Partner Center itself offers"). */
export const AgreementErrorCode = {
  /** An id is malformed, or both ids were given. */
  InvalidOrBothIds: 2000,
  /** Neither mpnId nor tenantId was given. */
  NoId: 2001,
  /** The MPN ID is invalid or not migrated to Partner Center (M5). */
  MpnInvalidOrNotMigrated: 2200,
  /** The reseller's region differs from the provider's (P6). */
  RegionMismatch: 2201,
  /** The MPA is not signed for this region (M1, M2). */
  MpaNotSignedForRegion: 2203,
  /** The MPN ID is not linked to an indirect-reseller account. */
  MpnNotIndirectReseller: 2204,
  /** No Partner Center account for the tenant. */
  NoAccountForTenant: 2205,
  /** The tenant has not signed the MPA (M1, M2). */
  TenantNotSigned: 2206,
} as const;

/**
 * validateresellers' own refusal (R1, R2) for a PartnerID that is not (yet) an authorised indirect
 * reseller: its enrolment verification (E5) is not complete. The code is the one Microsoft's example
 * shows; the sandbox answers it while a reseller's verification runs (API1: the distributor sees this,
 * never the vetting steps).
 */
export const PartnerIdNotAuthorized = 900400;

/**
 * MCA1: an order for a customer with no attested Microsoft Customer Agreement. The pages read (2026-12-02)
 * do not give Partner Center's own number for this refusal; this is the sandbox's and the fake's, and the
 * product decides by the constant only, so the real number replaces it in one place.
 */
export const CustomerAgreementErrorCode = { NotAttested: 600_050 } as const;

/**
 * Named codes for failures that carry no Partner Center number. `invalid-input` is a request the
 * gateway refused before or at Partner Center; `unauthorized` a caller without a (valid) account or
 * token; `conflict` something that already exists (a customer domain).
 */
export type NamedErrorCode =
  | 'not-found'
  | 'unavailable'
  | 'timeout'
  | 'malformed-response'
  | 'throttled'
  | 'invalid-input'
  | 'unauthorized'
  | 'conflict';

export type PartnerCenterErrorCode = number | NamedErrorCode;

const RETRYABLE: ReadonlySet<PartnerCenterErrorCode> = new Set<PartnerCenterErrorCode>([
  'unavailable',
  'timeout',
  'throttled',
]);

export class PartnerCenterError extends Error {
  readonly code: PartnerCenterErrorCode;
  /** True when the same call may succeed later (throttling, an outage, a timeout). */
  readonly retryable: boolean;
  readonly httpStatus?: number;
  /** How long Partner Center asked us to wait (Retry-After), when it said. */
  readonly retryAfterMs?: number;

  constructor(
    code: PartnerCenterErrorCode,
    description: string,
    details: { httpStatus?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(description, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'PartnerCenterError';
    this.code = code;
    this.retryable = RETRYABLE.has(code);
    this.httpStatus = details.httpStatus;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/**
 * API1: what the distributor's credentials may not read (a reseller's own `legalbusiness` vetting
 * status). Partner Center answers such a call 403 Forbidden: the caller is known, the read is not
 * its to make. Kept under `unauthorized` (401 and 403 alike, as errorFromResponse reads them) so every
 * caller that already treats "these credentials cannot" stays right; `isRefusedToCaller` tells the 403.
 */
export function notForThisCaller(description: string): PartnerCenterError {
  return new PartnerCenterError('unauthorized', description, { httpStatus: 403 });
}

/** A 403 from Partner Center or the sandbox: the credentials are valid, the call is not theirs to make (API1). */
export function isRefusedToCaller(error: unknown): error is PartnerCenterError {
  return isPartnerCenterError(error, 'unauthorized') && error.httpStatus === 403;
}

export function isPartnerCenterError(error: unknown, code?: PartnerCenterErrorCode): error is PartnerCenterError {
  return error instanceof PartnerCenterError && (code === undefined || error.code === code);
}

/**
 * The HTTP status Partner Center answers a failure with. The local fake serves errors with it, and
 * `errorFromResponse` reads it back, so the mapping lives in one place.
 */
export function httpStatusFor(code: PartnerCenterErrorCode): number {
  if (typeof code === 'number') return 400;
  switch (code) {
    case 'not-found':
      return 404;
    case 'unauthorized':
      return 401;
    case 'conflict':
      return 409;
    case 'throttled':
      return 429;
    case 'invalid-input':
      return 400;
    case 'timeout':
      return 504;
    default:
      return 503;
  }
}

/** A failed HTTP answer, with its parsed error body when Partner Center sent one, as a PartnerCenterError. */
export function errorFromResponse(
  status: number,
  body: { code?: number; description?: string } | undefined,
  retryAfterMs?: number,
): PartnerCenterError {
  const description = body?.description ?? `Partner Center answered HTTP ${status}.`;
  const details = { httpStatus: status, retryAfterMs };
  if (status === 429) return new PartnerCenterError('throttled', description, details);
  if (status >= 500) return new PartnerCenterError('unavailable', description, details);
  if (status === 401 || status === 403) return new PartnerCenterError('unauthorized', description, details);
  if (status === 404) return new PartnerCenterError('not-found', description, details);
  if (status === 409) return new PartnerCenterError('conflict', description, details);
  // Business refusals (2000-2206, ...) come as 4xx with Partner Center's numeric code in the body.
  if (body?.code !== undefined) return new PartnerCenterError(body.code, description, details);
  return new PartnerCenterError('invalid-input', description, details);
}
