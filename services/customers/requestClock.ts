/**
 * How long a pending request has waited, and (NCE1) how much of the 7-day cancellation window is left
 * for the NCE licence subscriptions it concerns: an approval that waits changes what the reseller can
 * still undo, so the distributor and the reseller see both beside the request.
 */
import type { PartnerRequest } from '../domain/request';
import { cancellationWindowLeftMs, isNceLicenceOffer } from '../rules/newCommerceRules';

export interface RequestClock {
  ageMs: number;
  /** The least left of NCE1's window among its NCE licence subscriptions with a known purchase date. */
  windowLeftMs?: number;
}

export function requestClock(request: Pick<PartnerRequest, 'createdAt' | 'subscriptions'>, now: Date): RequestClock {
  const ageMs = request.createdAt ? Math.max(0, now.getTime() - Date.parse(request.createdAt)) : 0;
  const windows = request.subscriptions
    .filter((s) => s.purchasedAt && isNceLicenceOffer(s.offerId))
    .map((s) => cancellationWindowLeftMs(s.purchasedAt ?? '', now));
  return windows.length ? { ageMs, windowLeftMs: Math.min(...windows) } : { ageMs };
}

/** Whole days and hours, for a catalog message. */
export function daysAndHours(ms: number): { days: number; hours: number } {
  const hours = Math.floor(ms / 3_600_000);
  return { days: Math.floor(hours / 24), hours: hours % 24 };
}
