/**
 * A reseller's licence-count change for an existing subscription (R1, NCE1): the subscription as
 * Partner Center lists it now (its count and purchase date), and whether the new count may be asked
 * for. Run at submission and again at approval, since NCE1's 7 days may close while the request waits.
 */
import type { Subscription as PartnerCenterSubscription } from '../partnerCenter/gateway';
import type { Refusal } from '../partnerships/types';
import { combine, type Decision } from '../rules/decision';
import { mayChangeLicenceCount } from '../rules/newCommerceRules';

export interface LicenceChangeLine {
  subscriptionId?: string;
  licences: number;
}

export interface CheckedLicenceChange {
  subscriptionId: string;
  offerId: string;
  offerName?: string;
  licences: number;
  previousLicences: number;
  purchasedAt?: string;
}

/**
 * Each line against the customer's live subscriptions: an unknown subscription or an unchanged count is
 * an input refusal; a reduction past NCE1's window is the rule's refusal (in the decision).
 */
export function checkLicenceChange(
  live: PartnerCenterSubscription[],
  lines: LicenceChangeLine[],
  now: Date,
): { ok: true; lines: CheckedLicenceChange[]; decision: Decision } | { ok: false; refusal: Refusal } {
  const checked: CheckedLicenceChange[] = [];
  for (const line of lines) {
    const current = live.find((s) => s.id === line.subscriptionId);
    if (!current) return { ok: false, refusal: { kind: 'input', code: 'subscription-unknown' } };
    if (current.quantity === line.licences) {
      return { ok: false, refusal: { kind: 'input', code: 'licences-unchanged', params: { count: line.licences } } };
    }
    checked.push({
      subscriptionId: current.id,
      offerId: current.offerId,
      offerName: current.offerName,
      licences: line.licences,
      previousLicences: current.quantity,
      purchasedAt: current.creationDate,
    });
  }
  const decision = combine(
    ...checked.map((c) =>
      mayChangeLicenceCount(
        { offerId: c.offerId, quantity: c.previousLicences, purchasedAt: c.purchasedAt },
        c.licences,
        now,
      ),
    ),
  );
  return { ok: true, lines: checked, decision };
}
