import { sameMpnId } from '../domain/identifiers';
import { AgreementErrorCode, isPartnerCenterError } from '../partnerCenter/errors';
import type { Decision } from '../rules/decision';
import { checkSameRegion } from '../rules/partnershipRules';
import { located, type RoomDeps } from './partnershipRecords';
import type { Provider } from './types';

/**
 * P6 before inviting: a reseller the directory knows (by MPN ID or contact email) in another region,
 * or one Partner Center places in another region (2201), is refused at once, before any link is made.
 * An outage of Partner Center lets the invitation go ahead (P6 is checked again when it is answered).
 */
export async function checkInviteeRegion(
  deps: Pick<RoomDeps, 'partners' | 'partnerCenter' | 'regions' | 'onGatewayError'>,
  provider: Provider,
  invitee: { email: string; mpnId?: string },
): Promise<Decision> {
  const known = (await deps.partners.withMpnIdOrContact(invitee)).find(
    (p) =>
      p.kind !== 'indirect-provider' &&
      (sameMpnId(p.mpnId, invitee.mpnId) || p.primaryContact?.email.toLowerCase() === invitee.email),
  );
  if (known?.country) {
    const decision = checkSameRegion(located(provider.partner), located(known), deps.regions);
    if (!decision.allowed) return decision;
  }
  if (!invitee.mpnId || !provider.partner.tenantId) return { allowed: true, violations: [], options: [] };
  const session = deps.partnerCenter.as(provider.partner.tenantId);
  try {
    await session.getAgreementStatus({ mpnId: invitee.mpnId });
  } catch (error) {
    if (isPartnerCenterError(error, AgreementErrorCode.RegionMismatch)) {
      // Partner Center says "another region" without naming it: the MPN profile names the country.
      const profile = await session.getMpnProfile(invitee.mpnId).catch(() => undefined);
      const decision = checkSameRegion(located(provider.partner), { country: profile?.country ?? '' }, deps.regions);
      if (!decision.allowed) return decision;
    } else if (!isPartnerCenterError(error) || error.retryable) {
      deps.onGatewayError?.(error);
    }
  }
  return { allowed: true, violations: [], options: [] };
}
