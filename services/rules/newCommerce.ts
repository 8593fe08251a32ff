/**
 * New commerce (NCE) as it bears on a request: which subscriptions are new-commerce ones, and NCE2,
 * that a designated support contact (C5, C6) is available on legacy subscriptions only. One place, so
 * the Teams cards, the drafts and the requests give the same answer and the same reason.
 */
import { violation } from './codes';
import { type Decision, refuse } from './decision';

/**
 * NCE offers are named `productId:skuId` (and `:availabilityId`), as Partner Center's new-commerce
 * catalogue shows them (CFQ7TTC0LH18:0001); legacy offers have GUID ids. The id is all an order line
 * and a listed subscription both carry, so the rule reads it.
 */
export function isNewCommerceOffer(offerId: string): boolean {
  return /^[A-Z0-9]{12}:[A-Z0-9]{4}(:[A-Z0-9]{12})?$/i.test(offerId.trim());
}

/** NCE2: a designated support contact only on legacy subscriptions; each NCE one is refused, by name. */
export function supportContactAvailable(subscriptions: Array<{ offerId: string; offerName?: string }>): Decision {
  return refuse(
    subscriptions
      .filter((s) => isNewCommerceOffer(s.offerId))
      .map((s) => violation('NCE2.support-contact-legacy-only', { offer: s.offerName ?? s.offerId })),
  );
}
