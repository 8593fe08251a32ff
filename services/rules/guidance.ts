import type { RuleId } from './decision';

/**
 * What the program says a person should know at a given moment, where nothing is refused: a rule
 * with no decision to take, shown beside the step it concerns (`rules:guidance.<code>`), so the same
 * words reach Teams, Slack and the audit trail.
 */

export const GUIDANCE_CODES = [
  'public-profile-through-microsoft-representative',
  'subscriptions-changed-on-microsoft-365-side',
  'azure-reseller-needs-tenant-owner',
] as const;
export type GuidanceCode = (typeof GUIDANCE_CODES)[number];

export interface Guidance {
  rule: RuleId;
  code: GuidanceCode;
}

/**
 * P10: `/csp setup` records the distributor for this assistant only; its public profile on
 * Microsoft's official list of indirect providers is changed only through its Microsoft representative.
 */
export function providerSetupGuidance(): Guidance[] {
  return [{ rule: 'P10', code: 'public-profile-through-microsoft-representative' }];
}

/**
 * Azure plan's product id in Partner Center's catalogue (the sandbox uses the same); an offer named
 * for Azure counts too, since a real catalogue carries several Azure products.
 */
const AZURE_PLAN_PRODUCT_ID = 'DZH318Z0BPS6';
const isAzureOffer = (offer: { offerId: string; offerName?: string }) =>
  offer.offerId.toUpperCase().startsWith(`${AZURE_PLAN_PRODUCT_ID}:`) || /^azure\b/i.test(offer.offerName ?? '');

/**
 * C5 and C6 for a customer request the reseller reviews: subscriptions are changed on the
 * Microsoft 365 side of Partner Center, never in the Azure portal (C5); and for an Azure
 * subscription, associating the reseller is not enough for it to manage the customer's Azure
 * account: the customer gives it tenant owner in the Azure AD user settings (C6's Azure row).
 */
export function customerRequestGuidance(
  subscriptions: ReadonlyArray<{ offerId: string; offerName?: string }>,
): Guidance[] {
  const guidance: Guidance[] = [{ rule: 'C5', code: 'subscriptions-changed-on-microsoft-365-side' }];
  if (subscriptions.some(isAzureOffer)) guidance.push({ rule: 'C6', code: 'azure-reseller-needs-tenant-owner' });
  return guidance;
}
