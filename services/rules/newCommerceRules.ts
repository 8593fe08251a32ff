/**
 * NCE1: licence-based new-commerce subscriptions can be cancelled with a prorated refund, and their
 * licences reduced, only within 7 days of purchase. So a reduction after that is refused before it
 * reaches Partner Center (which refuses it too), and a pending request shows how much of the window
 * is left: an approval that waits changes what the reseller can still undo.
 */
import { violation } from './codes';
import { allow, type Decision, refuse } from './decision';
import { isNewCommerceOffer } from './newCommerce';

export const NCE_WINDOW_MS = 7 * 24 * 60 * 60_000;

/** Azure plan is usage-based: it has no licences to reduce, so NCE1 does not apply to it. */
const USAGE_BASED_PRODUCTS = new Set(['DZH318Z0BPS6']);

/** A new-commerce offer (newCommerce.ts) sold by the licence, not by usage. */
export function isNceLicenceOffer(offerId: string): boolean {
  return isNewCommerceOffer(offerId) && !USAGE_BASED_PRODUCTS.has(offerId.trim().split(':')[0].toUpperCase());
}

/** How long is left of NCE1's 7 days after `purchasedAt` (0 once closed). */
export function cancellationWindowLeftMs(purchasedAt: string, now: Date): number {
  return Math.max(0, Date.parse(purchasedAt) + NCE_WINDOW_MS - now.getTime());
}

/** NCE1: may the licence count go from `current` to `wanted`? Raising it always may; reducing, within 7 days. */
export function mayChangeLicenceCount(
  subscription: { offerId: string; quantity: number; purchasedAt?: string },
  wanted: number,
  now: Date,
): Decision {
  if (wanted >= subscription.quantity || !isNceLicenceOffer(subscription.offerId)) return allow();
  if (subscription.purchasedAt && cancellationWindowLeftMs(subscription.purchasedAt, now) > 0) return allow();
  return refuse([
    violation('NCE1.reduction-window-closed', { purchasedOn: subscription.purchasedAt?.slice(0, 10) ?? '-' }),
  ]);
}
