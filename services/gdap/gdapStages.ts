import { GDAP_REQUEST_EXPIRY_DAYS } from '../rules/gdapRules';
import type { GdapRelationship } from './gdapGateway';

/**
 * G1: what each Graph status means for the reseller that holds the relationship, in the words the product
 * uses: whether it has admin access now, and the one thing to do next.
 */
export type GdapStage =
  'awaiting-reseller-consent' | 'not-sent' | 'awaiting-customer' | 'active' | 'ending-soon' | 'expired' | 'ended';

export type GdapNextStep = 'consent' | 'send-approval-link' | 'assign-security-groups' | 'renew' | 'ask-again' | 'none';

export interface GdapStageView {
  stage: GdapStage;
  /** Usable once security groups are assigned (G1); the relationship itself is what is shown. */
  adminAccess: boolean;
  nextStep: GdapNextStep;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Said once each: 30, 7 and 1 days before a relationship ends (issue 16, item 3). */
export const ENDING_REMINDER_DAYS = [30, 7, 1] as const;
/** A request the customer has not approved after a week is worth a reminder with the days left of its 90. */
export const AWAITING_REMINDER_AFTER_DAYS = 7;

export function gdapStage(r: GdapRelationship): GdapStageView {
  if (r.reseller?.isPartnerConsentPending && r.status === 'created') {
    return { stage: 'awaiting-reseller-consent', adminAccess: false, nextStep: 'consent' };
  }
  switch (r.status) {
    case 'created':
      return { stage: 'not-sent', adminAccess: false, nextStep: 'none' };
    case 'approvalPending':
    case 'approved':
    case 'activating':
      return { stage: 'awaiting-customer', adminAccess: false, nextStep: 'send-approval-link' };
    case 'active':
      return { stage: 'active', adminAccess: true, nextStep: 'assign-security-groups' };
    case 'expiring':
      return { stage: 'ending-soon', adminAccess: true, nextStep: 'renew' };
    case 'expired':
      return { stage: 'expired', adminAccess: false, nextStep: 'ask-again' };
    default:
      return { stage: 'ended', adminAccess: false, nextStep: 'ask-again' };
  }
}

/**
 * G1: days left of the 90 a request waits for the customer. Graph gives no lock time; the last change of a
 * relationship awaiting approval is its lock (or the reseller's consent, which locks it), so count from that.
 */
export function approvalDaysLeft(r: GdapRelationship, now: Date): number | undefined {
  if (gdapStage(r).stage !== 'awaiting-customer') return undefined;
  const expires = Date.parse(r.lastModifiedDateTime) + GDAP_REQUEST_EXPIRY_DAYS * DAY_MS;
  return Math.max(0, Math.ceil((expires - now.getTime()) / DAY_MS));
}

/** Whole days until an active relationship ends (rounded up: "ends in 1 day" on its last day). */
export function daysToEnd(r: GdapRelationship, now: Date): number | undefined {
  if (!r.endDateTime || !gdapStage(r).adminAccess) return undefined;
  return Math.max(0, Math.ceil((Date.parse(r.endDateTime) - now.getTime()) / DAY_MS));
}

/**
 * Which reminder is due for a relationship now, by a key that is said once (the caller keeps the keys it
 * told): `awaiting-customer` once it has waited a week for the customer (the reseller sent the link when it
 * consented; a week later the customer may need it again), `ending-30` / `ending-7` / `ending-1` as the
 * end nears (only the nearest one due, so a late pass does not say three at once), `expired` after.
 * A relationship that auto-extends ends no sooner than its end date moves, so it is not said to be ending.
 */
export function dueReminder(r: GdapRelationship, now: Date, told: ReadonlySet<string>): string | undefined {
  const stage = gdapStage(r).stage;
  if (stage === 'awaiting-customer') {
    const waited = GDAP_REQUEST_EXPIRY_DAYS - (approvalDaysLeft(r, now) ?? GDAP_REQUEST_EXPIRY_DAYS);
    return waited < AWAITING_REMINDER_AFTER_DAYS || told.has('awaiting-customer') ? undefined : 'awaiting-customer';
  }
  if (stage === 'expired') return told.has('expired') ? undefined : 'expired';
  const left = daysToEnd(r, now);
  if (left === undefined || r.autoExtendDuration === 'P180D') return undefined;
  const nearest = [...ENDING_REMINDER_DAYS].reverse().find((days) => left <= days);
  if (nearest === undefined) return undefined;
  const key = `ending-${nearest}`;
  return told.has(key) ? undefined : key;
}
