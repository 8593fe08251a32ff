/**
 * Step 2 of a customer draft (C3, C5, C6): what the subscriptions card offers, and what the reseller's
 * choice there comes to, checked against the catalogue's limits. Pure, so the licence rules read and
 * test apart from the store.
 */
import type { RequestKind } from '../domain/request';
import type { Offer, Subscription as PartnerCenterSubscription } from '../partnerCenter/gateway';
import type { Outcome } from './customerRequest';

/** What the reseller picked on the subscriptions card. */
export type DraftChoice =
  | { licences: Record<string, number>; supportContact?: boolean; agreement?: Record<string, string | undefined> }
  | { subscriptionIds: string[] }
  /** licence-change: the new count per subscription id. */
  | { newCounts: Record<string, number> };

/**
 * What a step-2 card's inputs mean for this kind: counts per offer and the customer agreement (an
 * order, MCA1), counts per subscription (a licence change, R1), or the subscriptions picked (C6).
 */
export function choiceOf(
  kind: RequestKind,
  card: {
    licences: Record<string, number>;
    supportContact: boolean;
    subscriptionIds: string[];
    agreement?: Record<string, string | undefined>;
  },
): DraftChoice {
  if (kind === 'licence-change') return { newCounts: card.licences };
  if (kind === 'new-customer' || kind === 'add-subscription') {
    return { licences: card.licences, supportContact: card.supportContact, agreement: card.agreement };
  }
  return { subscriptionIds: card.subscriptionIds };
}

/** What the next card offers: the provider's catalogue, or the customer's subscriptions. */
export type DraftOptions =
  { kind: 'offers'; offers: Offer[] } | { kind: 'subscriptions'; subscriptions: PartnerCenterSubscription[] };

export type ChosenSubscription = {
  offerId: string;
  offerName?: string;
  licences: number;
  subscriptionId?: string;
  previousLicences?: number;
  purchasedAt?: string;
};

/**
 * The offers with a licence count (C3: within the offer's minimum and maximum), or the existing
 * subscriptions picked (C5, C6). An empty list is the caller's to refuse: it knows which field to name.
 */
export function subscriptionsChosen(options: DraftOptions, choice: DraftChoice): Outcome<ChosenSubscription[]> {
  const subscriptions: ChosenSubscription[] = [];
  if (options.kind === 'offers' && 'licences' in choice) {
    for (const offer of options.offers) {
      const licences = choice.licences[offer.id];
      if (licences === undefined || licences === 0) continue;
      if (!Number.isInteger(licences) || licences < offer.minimumQuantity || licences > offer.maximumQuantity) {
        return {
          ok: false,
          refusal: {
            kind: 'input',
            code: 'licences-out-of-range',
            field: offer.id,
            // `count` picks the catalog's plural: the most one may buy (`1 licence at most`).
            params: {
              requested: licences,
              offer: offer.name,
              min: offer.minimumQuantity,
              max: offer.maximumQuantity,
              count: offer.maximumQuantity,
            },
          },
        };
      }
      subscriptions.push({ offerId: offer.id, offerName: offer.name, licences });
    }
  } else if (options.kind === 'subscriptions' && 'newCounts' in choice) {
    // A licence change (R1): the subscriptions whose count the reseller changed, from and to.
    for (const s of options.subscriptions) {
      const licences = choice.newCounts[s.id];
      if (licences === undefined || licences === s.quantity) continue;
      if (!Number.isInteger(licences) || licences < 1) {
        return { ok: false, refusal: { kind: 'input', code: 'validation.licences-invalid', field: s.id } };
      }
      const { offerId, offerName, quantity: previousLicences } = s;
      subscriptions.push({ offerId, offerName, licences, subscriptionId: s.id, previousLicences });
    }
  } else if (options.kind === 'subscriptions' && 'subscriptionIds' in choice) {
    return {
      ok: true,
      value: options.subscriptions
        .filter((s) => choice.subscriptionIds.includes(s.id))
        .map((s) => ({
          offerId: s.offerId,
          offerName: s.offerName,
          licences: s.quantity,
          subscriptionId: s.id,
          // NCE1: the pending request shows what is left of the window from the purchase date.
          ...(s.creationDate ? { purchasedAt: s.creationDate } : {}),
        })),
    };
  }
  return { ok: true, value: subscriptions };
}
