import { notForThisCaller } from './errors';
import type { PartnerOperations } from './validatedSession';

/**
 * The REST client's side of API1: it acts with the distributor's credentials (App+User), and
 * `GET /v1/profiles/legalbusiness` answers for whoever holds the token, so "as a reseller" that call
 * would silently return the distributor's own vetting status under the reseller's name. It is therefore
 * refused here, before any request, for every caller but the distributor whose credentials these are;
 * the refusal is the 403 the sandbox and Partner Center give (errors.ts `notForThisCaller`).
 */
export function ownProfileOnly(
  caller: string,
  distributorTenantId: string | undefined,
  read: PartnerOperations['getLegalBusinessProfile'],
): PartnerOperations['getLegalBusinessProfile'] {
  if (distributorTenantId !== undefined && caller === distributorTenantId.toLowerCase()) return read;
  return async () => {
    throw notForThisCaller(
      distributorTenantId === undefined
        ? 'Whose credentials these are is not configured (PARTNER_CENTER_TENANT_ID): no legal business profile is read (API1).'
        : `Only the distributor's own legal business profile can be read with its credentials, not ${caller}'s (API1).`,
    );
  };
}
